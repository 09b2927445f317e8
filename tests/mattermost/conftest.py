"""A Mattermost world for end-to-end tests: the fake server, users and channels, and
the real adapter and pipeline (offline provider unless a test says otherwise)."""

from __future__ import annotations

import asyncio
import contextlib
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

# `tests.fakes` is imported by package name; plain `pytest` does not put the repo root on sys.path.
ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from adapters.mattermost import MattermostAdapter  # noqa: E402
from bot.app import build_pipeline  # noqa: E402
from bot.config import Settings  # noqa: E402
from tests.fakes.mattermost_server import FakeMattermost  # noqa: E402

BOT_TOKEN = "bot-token-0123456789"
SLASH_TOKEN = "slash-secret-abc"


@dataclass
class World:
    mm: FakeMattermost
    settings: Settings
    adapter: MattermostAdapter
    bot: dict[str, Any]
    kim: dict[str, Any]
    lee: dict[str, Any]
    other_bot: dict[str, Any]
    team: dict[str, Any]
    town: dict[str, Any]  # public, everyone
    secret: dict[str, Any]  # private, bot and kim
    dm: dict[str, Any]  # kim <-> bot
    task: asyncio.Task[None] | None = None
    ready: asyncio.Event = field(default_factory=asyncio.Event)

    @property
    def slash_url(self) -> str:
        assert self.adapter.slash is not None
        return f"http://127.0.0.1:{self.adapter.slash.port}/mattermost/slash"

    async def say(self, user: dict[str, Any], channel: dict[str, Any], text: str, **kw: Any) -> dict[str, Any]:
        return await self.mm.user_post(user["id"], channel["id"], text, **kw)

    def replies(self, root_id: str) -> list[dict[str, Any]]:
        return self.mm.posts_by(self.bot["id"], root_id=root_id)

    async def answered(self, root_id: str, count: int = 1, timeout: float = 10.0) -> list[dict[str, Any]]:
        """The bot's posts in a thread, once at least ``count`` exist and no request is in flight."""
        await self.mm.wait_until(lambda: len(self.replies(root_id)) >= count, timeout=timeout)
        await asyncio.wait_for(self.adapter.wait_idle(), timeout)
        return self.replies(root_id)

    async def settle(self) -> None:
        """Proves earlier posts were processed: a fresh mention is answered, then nothing is in flight."""
        marker = await self.say(self.kim, self.town, "@dasan 도움말")
        await self.answered(marker["id"])


def world_settings(url: str, **sections: Any) -> Settings:
    mattermost = {
        "url": url, "slash_host": "127.0.0.1", "slash_port": 0, "edit_interval_s": 0.2,
        "reconnect_min_s": 0.05, "reconnect_max_s": 0.3, "request_timeout_s": 5, "max_retries": 3,
        **sections.pop("mattermost", {}),
    }
    return Settings(bot={"adapter": "mattermost"}, mattermost=mattermost, **sections)


@pytest.fixture
async def mm():
    fake = FakeMattermost()
    await asyncio.to_thread(fake.start)
    try:
        yield fake
    finally:
        await asyncio.to_thread(fake.stop)


@pytest.fixture
async def make_world(mm):
    worlds: list[World] = []

    async def make(*, start: bool = True, token: str = BOT_TOKEN, slash_token: str = SLASH_TOKEN,
                   **sections: Any) -> World:
        bot = mm.add_user("dasan", bot=True, token=BOT_TOKEN)
        kim = mm.add_user("kim")
        lee = mm.add_user("lee")
        other_bot = mm.add_user("helper", bot=True)
        everyone = [bot["id"], kim["id"], lee["id"], other_bot["id"]]
        team = mm.add_team("gov", members=everyone)
        town = mm.add_channel(team["id"], "town", members=everyone)
        secret = mm.add_channel(team["id"], "secret", type="P", members=[bot["id"], kim["id"]])
        dm = mm.direct_channel(kim["id"], bot["id"])
        settings = world_settings(mm.url, **sections)
        adapter = MattermostAdapter(settings, build_pipeline(settings), token=token, slash_token=slash_token,
                                    typing_interval_s=0.05)
        world = World(mm, settings, adapter, bot, kim, lee, other_bot, team, town, secret, dm)
        worlds.append(world)
        if start:
            world.task = asyncio.create_task(adapter.run(world.ready))
            await asyncio.wait_for(world.ready.wait(), 10)
        return world

    yield make
    for world in worlds:
        if world.task is not None:
            world.task.cancel()
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await world.task
        await world.adapter.pipeline.registry.aclose()  # the CLI does this for `dasan run`
