"""HTTP Events mode: an aiohttp server in front of the bolt app, for replicas behind a load balancer.

Bolt verifies every request's ``X-Slack-Signature`` (HMAC of the raw body with
the signing secret, 5-minute timestamp window) and answers 401 otherwise;
``url_verification`` and ``ssl_check`` are answered by bolt too. Bound to
``slack.http_host``/``http_port`` (bolt's own dev server would bind 0.0.0.0
whatever it is told). ``GET /healthz`` is for the load balancer.
"""

from __future__ import annotations

from aiohttp import web
from slack_bolt.adapter.aiohttp import to_aiohttp_response, to_bolt_request
from slack_bolt.async_app import AsyncApp

MAX_BODY_BYTES = 1024 * 1024  # events are small; Slack's own limit on payloads is well below this


class HttpEventServer:
    def __init__(self, app: AsyncApp, *, host: str, port: int, path: str) -> None:
        self._app = app
        self._host = host
        self._port = port
        self._path = path if path.startswith("/") else "/" + path
        self._runner: web.AppRunner | None = None
        self.port = 0  # the bound port (useful with port 0)

    async def start(self) -> int:
        web_app = web.Application(client_max_size=MAX_BODY_BYTES)
        web_app.router.add_post(self._path, self._events)
        web_app.router.add_get("/healthz", self._health)
        self._runner = web.AppRunner(web_app, access_log=None)  # access logs would carry nothing useful but ips
        await self._runner.setup()
        site = web.TCPSite(self._runner, self._host, self._port)
        try:
            await site.start()
        except OSError:
            await self._runner.cleanup()
            self._runner = None
            raise
        sockets = site._server.sockets if site._server is not None else []  # type: ignore[union-attr]
        self.port = sockets[0].getsockname()[1] if sockets else self._port
        return self.port

    async def stop(self) -> None:
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None

    async def _events(self, request: web.Request) -> web.Response:
        bolt_request = await to_bolt_request(request)
        bolt_response = await self._app.async_dispatch(bolt_request)
        return await to_aiohttp_response(bolt_response)

    async def _health(self, request: web.Request) -> web.Response:
        return web.Response(text="ok")
