"""Startup and shutdown: one clear Korean ConfigError line for each way it can fail; run() until cancelled."""

from __future__ import annotations

import asyncio
import socket

import pytest

from adapters.slack import SlackAdapter, run
from bot.app import build_pipeline
from bot.config import ConfigError
from tests.fakes.slack_api import FakeSlack
from tests.slack.conftest import DM, make_settings
from tests.slack.test_socket_mode import answer_in


async def start_error(settings) -> str:
    adapter = SlackAdapter(settings, build_pipeline(settings), shutdown_grace_s=1)
    try:
        with pytest.raises(ConfigError) as info:
            await adapter.start()
    finally:
        await adapter.stop()
    message = str(info.value)
    assert "\n" not in message
    return message


async def test_missing_bot_token(slack_env: FakeSlack, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SLACK_BOT_TOKEN")
    message = await start_error(make_settings(slack_env))
    assert "SLACK_BOT_TOKEN" in message and "봇 토큰" in message
    assert not slack_env.calls  # nothing was sent without a token


@pytest.mark.parametrize("mode,env,word", [("socket", "SLACK_APP_TOKEN", "앱 수준 토큰"),
                                           ("http", "SLACK_SIGNING_SECRET", "서명 비밀값")])
async def test_missing_mode_secret(slack_env: FakeSlack, monkeypatch: pytest.MonkeyPatch, mode, env, word) -> None:
    monkeypatch.delenv(env)
    message = await start_error(make_settings(slack_env, mode=mode))
    assert env in message and word in message


async def test_rejected_bot_token(slack_env: FakeSlack, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SLACK_BOT_TOKEN", "xoxb-revoked")
    message = await start_error(make_settings(slack_env))
    assert "invalid_auth" in message and "거부" in message and "xoxb-revoked" not in message


async def test_rejected_app_token(slack_env: FakeSlack, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SLACK_APP_TOKEN", "xapp-wrong")
    message = await start_error(make_settings(slack_env))
    assert "SLACK_APP_TOKEN" in message and "invalid_auth" in message


async def test_unreachable_api(slack_env: FakeSlack) -> None:
    with socket.socket() as s:  # a port nobody listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    message = await start_error(make_settings(slack_env, api_url=f"http://127.0.0.1:{port}/api/"))
    assert "연결할 수 없습니다" in message and f"127.0.0.1:{port}" in message


async def test_http_port_in_use(slack_env: FakeSlack) -> None:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        s.listen()
        message = await start_error(make_settings(slack_env, mode="http", http_port=s.getsockname()[1]))
    assert "열 수 없습니다" in message


async def test_run_serves_until_cancelled(slack_env: FakeSlack) -> None:
    slack = slack_env
    settings = make_settings(slack)
    ready = asyncio.Event()
    task = asyncio.create_task(run(settings, build_pipeline(settings), ready=ready))
    await asyncio.wait_for(ready.wait(), 10)
    # auth.test, then apps.connections.open on the configured API URL, then the WebSocket it returned.
    assert [c.method for c in slack.calls][:2] == ["auth.test", "apps.connections.open"]
    await slack.wait_socket()
    body = slack.dm(DM, "안녕")
    await slack.socket_event(body)
    await slack.wait_for(answer_in(slack, DM, body["event"]["ts"]))
    task.cancel()
    with pytest.raises(asyncio.CancelledError):
        await task
    await slack.wait_for(lambda: slack.socket_connections == 0)
