"""The HTTP endpoint Mattermost calls for the ``/dasan`` slash command.

It checks the command token, answers at once with a short ephemeral
acknowledgement (Mattermost waits at most 30 s), and hands the command to the
adapter, which answers in a new thread as the bot.
"""

from __future__ import annotations

import hmac
import json
import logging
from collections.abc import Callable
from dataclasses import dataclass

from aiohttp import web

from bot import messages

log = logging.getLogger("dasan.mattermost.slash")


@dataclass(frozen=True)
class SlashCommand:
    team_id: str
    channel_id: str
    user_id: str
    user_name: str
    command: str  # the trigger, e.g. "/dasan"
    text: str  # the rest of the line
    trigger_id: str
    response_url: str


def _ephemeral(text: str, status: int = 200) -> web.Response:
    # Exactly "application/json" (no charset), as Mattermost's own responses.
    body = json.dumps({"response_type": "ephemeral", "text": text}, ensure_ascii=False).encode()
    return web.Response(body=body, status=status, content_type="application/json")


def _presented_token(request: web.Request, form: dict[str, str]) -> str:
    auth = request.headers.get("Authorization", "")
    if auth.startswith("Token "):
        return auth[len("Token ") :].strip()
    return form.get("token", "")


class SlashServer:
    def __init__(
        self,
        host: str,
        port: int,
        tokens: list[str],
        on_command: Callable[[SlashCommand], None],
    ) -> None:
        self._host = host
        self._port = port
        self._tokens = [t.encode() for t in tokens if t]
        self._on_command = on_command
        self._runner: web.AppRunner | None = None
        self.port = 0

    async def start(self) -> int:
        app = web.Application(client_max_size=64 * 1024)
        app.router.add_route("*", "/{tail:.*}", self._handle)
        self._runner = web.AppRunner(app, access_log=None)
        await self._runner.setup()
        site = web.TCPSite(self._runner, self._host, self._port)
        await site.start()
        addresses = self._runner.addresses  # the real port when 0 was asked for
        self.port = int(addresses[0][1]) if addresses else self._port
        log.info("mattermost slash server listening port=%d", self.port)
        return self.port

    async def stop(self) -> None:
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None

    async def _handle(self, request: web.Request) -> web.Response:
        if request.method == "POST":
            form = {k: str(v) for k, v in (await request.post()).items()}
        elif request.method == "GET":
            form = dict(request.query)
        else:
            return web.Response(status=405)
        presented = _presented_token(request, form).encode()
        # Every configured token is compared, in constant time, so timing says nothing.
        accepted = False
        for token in self._tokens:
            accepted |= hmac.compare_digest(presented, token)
        if not accepted:
            log.warning("mattermost slash rejected reason=token")
            return _ephemeral(messages.MM_SLASH_BAD_TOKEN, status=401)
        command = SlashCommand(
            team_id=form.get("team_id", ""),
            channel_id=form.get("channel_id", ""),
            user_id=form.get("user_id", ""),
            user_name=form.get("user_name", ""),
            command=form.get("command", ""),
            text=form.get("text", "").strip(),
            trigger_id=form.get("trigger_id", ""),
            response_url=form.get("response_url", ""),
        )
        if not command.channel_id or not command.user_id:
            return _ephemeral(messages.MM_SLASH_EMPTY, status=400)
        if not command.text:
            return _ephemeral(messages.MM_SLASH_EMPTY)
        log.info("mattermost slash accepted channel=%s user=%s chars=%d", command.channel_id,
                 command.user_id, len(command.text))
        # The answer takes longer than Mattermost waits: acknowledge now, work after
        # (``on_command`` starts the work in the background).
        self._on_command(command)
        return _ephemeral(messages.MM_SLASH_ACK)
