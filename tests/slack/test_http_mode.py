"""End to end over HTTP Events mode: signed requests from the fake Slack to the adapter's aiohttp server."""

from __future__ import annotations

import json
import time

from bot import messages as M
from tests.fakes.slack_api import FakeSlack
from tests.slack.conftest import DM, PUBLIC, events_url, make_settings, running
from tests.slack.test_socket_mode import TEXT, answer_in


async def test_mention_over_http(slack_env: FakeSlack) -> None:
    slack = slack_env
    settings = make_settings(slack, mode="http")
    async with running(slack, settings) as adapter:
        body = slack.mention(PUBLIC, f"<@UBOT> 요약 {TEXT}")
        status, _ = await slack.http_event(events_url(adapter, settings), body)
        [answer] = await slack.wait_for(answer_in(slack, PUBLIC, body["event"]["ts"]))
    assert status == 200
    assert "정약용" in answer["text"]
    assert not slack.calls_to("apps.connections.open")  # no Socket Mode in HTTP mode


async def test_bad_signature_is_rejected(slack_env: FakeSlack) -> None:
    slack = slack_env
    settings = make_settings(slack, mode="http")
    async with running(slack, settings) as adapter:
        url = events_url(adapter, settings)
        forged = slack.mention(PUBLIC, "<@UBOT> 안녕")
        status, _ = await slack.http_event(url, forged, secret="not-the-secret")
        assert status == 401
        stale = slack.mention(PUBLIC, "<@UBOT> 안녕")
        status, _ = await slack.http_event(url, stale, timestamp=int(time.time()) - 600)  # replayed, 10 min old
        assert status == 401
        form = slack.command_form("도움말", channel=PUBLIC)
        status, _ = await slack.http_command(url, form, secret="not-the-secret")
        assert status == 401
        # A genuine request afterwards is answered; the forged ones never were.
        real = slack.mention(PUBLIC, "<@UBOT> 안녕")
        status, _ = await slack.http_event(url, real)
        assert status == 200
        await slack.wait_for(answer_in(slack, PUBLIC, real["event"]["ts"]))
    answered = {c.args.get("thread_ts") for c in slack.calls if c.method in ("chat.postMessage", "chat.startStream")}
    assert answered == {real["event"]["ts"]}


async def test_http_retry_is_answered_once(slack_env: FakeSlack) -> None:
    slack = slack_env
    settings = make_settings(slack, mode="http")
    async with running(slack, settings) as adapter:
        url = events_url(adapter, settings)
        body = slack.dm(DM, "안녕")
        assert (await slack.http_event(url, body))[0] == 200
        for n in (1, 2, 3):
            assert (await slack.http_event(url, body, retry_num=n))[0] == 200
        await slack.wait_for(answer_in(slack, DM, body["event"]["ts"]))
        later = slack.dm(DM, "다시")
        await slack.http_event(url, later)
        await slack.wait_for(answer_in(slack, DM, later["event"]["ts"]))
    assert len(slack.bot_replies(DM, body["event"]["ts"])) == 1
    assert len([c for c in slack.calls_to("chat.startStream") if c.args["thread_ts"] == body["event"]["ts"]]) == 1


async def test_url_verification_and_health(slack_env: FakeSlack) -> None:
    slack = slack_env
    settings = make_settings(slack, mode="http")
    async with running(slack, settings) as adapter:
        status, text = await slack.http_event(
            events_url(adapter, settings), {"token": "t", "challenge": "chal-123", "type": "url_verification"}
        )
        assert status == 200 and json.loads(text) == {"challenge": "chal-123"}
        assert slack._session is not None
        async with slack._session.get(f"http://127.0.0.1:{adapter.http_port}/healthz") as resp:
            assert resp.status == 200


async def test_slash_command_over_http_acks_in_the_response(slack_env: FakeSlack) -> None:
    slack = slack_env
    slack.delays["chat.postMessage"] = 0.5
    settings = make_settings(slack, mode="http")
    async with running(slack, settings) as adapter:
        form = slack.command_form(f"요약 {TEXT}", channel=PUBLIC)
        sent = time.monotonic()
        status, text = await slack.http_command(events_url(adapter, settings), form)
        acked = time.monotonic()
        [root] = await slack.wait_for(lambda: [m for m in slack.messages[PUBLIC] if "님의 요청" in m["text"]])
        await slack.wait_for(answer_in(slack, PUBLIC, root["ts"]))
    assert status == 200 and text == M.SLACK_COMMAND_ACK  # bolt answers a text-only ack as plain text
    assert acked - sent < 3.0
    assert acked < slack.calls_to("chat.postMessage")[-1].at  # the answer was posted after the ack was back
