"""Fixtures for the Slack adapter tests: a fake Slack on 127.0.0.1 and the real adapter + pipeline against it."""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator
from typing import Any

import pytest

from adapters.slack import SlackAdapter
from bot.app import build_pipeline
from bot.config import Settings
from tests.fakes.slack_api import FakeSlack

PUBLIC = "C0PUBLIC"
PRIVATE = "G0PRIVATE"
OTHER = "C0OTHER"
DM = "D0USER"
USER = "U0USER"


@pytest.fixture
async def slack() -> AsyncIterator[FakeSlack]:
    async with FakeSlack() as fake:
        fake.add_channel(PUBLIC, "public", "general")
        fake.add_channel(OTHER, "public", "random")
        fake.add_channel(PRIVATE, "private", "team-private")
        fake.add_channel(DM, "im")
        fake.add_user(USER, "hong", "홍길동")
        yield fake


@pytest.fixture
def slack_env(slack: FakeSlack, monkeypatch: pytest.MonkeyPatch) -> FakeSlack:
    monkeypatch.setenv("SLACK_BOT_TOKEN", slack.bot_token)
    monkeypatch.setenv("SLACK_APP_TOKEN", slack.app_token)
    monkeypatch.setenv("SLACK_SIGNING_SECRET", slack.signing_secret)
    for name in ("HTTPS_PROXY", "https_proxy", "HTTP_PROXY", "http_proxy"):
        monkeypatch.delenv(name, raising=False)
    return slack


def make_settings(slack: FakeSlack, *, access: dict[str, Any] | None = None, limits: dict[str, Any] | None = None,
                  extra: dict[str, Any] | None = None, **overrides: Any) -> Settings:
    section: dict[str, Any] = {
        "mode": "socket",
        "api_url": slack.api_url,
        "http_host": "127.0.0.1",
        "http_port": 0,
        "edit_interval_s": 0.2,
    }
    section.update(overrides)
    return Settings(slack=section, access=access or {}, limits=limits or {}, **(extra or {}))


@contextlib.asynccontextmanager
async def running(slack: FakeSlack, settings: Settings) -> AsyncIterator[SlackAdapter]:
    """The real adapter and the real pipeline (offline provider) against the fake Slack."""
    adapter = SlackAdapter(settings, build_pipeline(settings), shutdown_grace_s=5)
    try:
        await adapter.start()
        if settings.slack.mode == "socket":
            await slack.wait_socket()
        yield adapter
    finally:
        await adapter.stop()


def events_url(adapter: SlackAdapter, settings: Settings) -> str:
    return f"http://127.0.0.1:{adapter.http_port}{settings.slack.http_path}"
