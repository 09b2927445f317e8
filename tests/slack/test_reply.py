"""SlackReply against the fake Slack with the real slack_sdk client: streaming, throttling, splitting, files, errors."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator

import aiohttp
import pytest
from slack_sdk.web.async_client import AsyncWebClient

from adapters.slack.client import build_web_client
from adapters.slack.reply import SlackReply, StreamSupport, Target
from bot import messages as M
from bot.request import OutFile
from tests.fakes.slack_api import FakeSlack
from tests.slack.conftest import DM, PUBLIC, USER, make_settings

SENTENCE = "공공기관의 인공지능 활용 지침에 따라 개인정보는 가린 뒤 처리합니다. "


@pytest.fixture
async def client(slack: FakeSlack) -> AsyncIterator[AsyncWebClient]:
    async with aiohttp.ClientSession(trust_env=False) as session:
        yield build_web_client(make_settings(slack), slack.bot_token, session)


def reply_for(client: AsyncWebClient, slack: FakeSlack, channel: str = PUBLIC, mode: str = "auto", **kw) -> SlackReply:
    root = slack.user_post(channel, "<@UBOT> 요청", user=USER)
    target = Target(channel=channel, thread_ts=root["ts"], user_id=USER, team_id=slack.team_id)
    kw.setdefault("edit_interval_s", 0.5)
    return SlackReply(client, target, StreamSupport(mode), **kw)


def shown(slack: FakeSlack, reply: SlackReply) -> list[dict]:
    assert reply.target.thread_ts
    return slack.bot_replies(reply.target.channel, reply.target.thread_ts)


@pytest.mark.parametrize("mode", ["native", "update"])
async def test_rapid_updates_are_coalesced(slack: FakeSlack, client: AsyncWebClient, mode: str) -> None:
    reply = reply_for(client, slack, mode=mode)
    text = ""
    for i in range(40):  # a model streaming 40 chunks well inside one edit interval
        text += f"{i}번 "
        await reply.update(text)
    await reply.finish(text + "끝")
    [message] = shown(slack, reply)
    assert message["text"] == text + "끝" and not message.get("streaming")
    edits = [c for c in slack.calls if c.method.startswith("chat.")]
    # First text at once, then the final one: the 38 updates in between were dropped, not sent.
    assert len(edits) == 2, [c.method for c in edits]


async def test_long_answer_continues_in_further_messages(slack: FakeSlack, client: AsyncWebClient) -> None:
    reply = reply_for(client, slack, max_chars=500, edit_interval_s=0.2)
    text = ""
    for _ in range(40):
        text += SENTENCE
        await reply.update(text)
        await asyncio.sleep(0.02)
    await reply.finish(text)
    messages = shown(slack, reply)
    assert len(messages) >= 3
    assert all(len(m["text"]) <= 500 and not m.get("streaming") for m in messages)
    assert "".join(m["text"] for m in messages).replace(" ", "") == text.replace(" ", "")
    assert slack.calls_to("chat.appendStream")  # the growing part streamed in between


async def test_rewritten_stream_is_corrected_in_place(slack: FakeSlack, client: AsyncWebClient) -> None:
    reply = reply_for(client, slack, mode="native", edit_interval_s=0.2)
    await reply.update("첫 번째 초안 문장입니다.")
    await asyncio.sleep(0.25)
    await reply.update("완전히 다른 답변으로 바뀌었습니다.")
    await asyncio.sleep(0.25)
    await reply.finish("완전히 다른 답변으로 바뀌었습니다. 끝.")
    [message] = shown(slack, reply)
    assert message["text"] == "완전히 다른 답변으로 바뀌었습니다. 끝."
    assert slack.calls_to("chat.stopStream") and slack.calls_to("chat.update")


@pytest.mark.parametrize("length, after", [(20_000, 0), (30_000, 1)])
async def test_failed_append_when_opening_a_long_stream_is_made_up(
    slack: FakeSlack, client: AsyncWebClient, length: int, after: int
) -> None:
    # max_message_chars above 12,000: a part opens with 12,000 characters and appends the rest;
    # an appendStream that fails must not leave a hole the final answer never fills.
    reply = reply_for(client, slack, mode="native", max_chars=40_000)
    text = "".join(f"{i}번째 문장입니다. " for i in range(5_000))[:length]
    slack.fail_next("chat.appendStream", "internal_error", after=after)
    await reply.update(text)
    await reply.finish(text)
    [message] = shown(slack, reply)
    assert len(message["text"]) == len(text) and message["text"] == text
    assert not message.get("streaming")


async def test_attach_uploads_into_the_thread(slack: FakeSlack, client: AsyncWebClient) -> None:
    reply = reply_for(client, slack)
    png = b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8
    await reply.attach(OutFile("dasan-image.png", "image/png", png, "생성한 그림"))
    await reply.finish("그림을 만들었습니다.")
    file_messages = [m for m in shown(slack, reply) if m.get("files")]
    [message] = file_messages
    [shared] = message["files"]
    assert shared["name"] == "dasan-image.png" and shared["title"] == "생성한 그림"
    assert slack.files[shared["id"]].data == png
    done = slack.calls_to("files.completeUploadExternal")[0].args
    assert done["channel_id"] == PUBLIC and done["thread_ts"] == reply.target.thread_ts


async def test_rate_limited_post_is_retried_after_retry_after(slack: FakeSlack, client: AsyncWebClient) -> None:
    slack.fail_next("chat.postMessage", "ratelimited", status=429, retry_after=1)
    reply = reply_for(client, slack, mode="update")
    await reply.finish("답변입니다.")
    [message] = shown(slack, reply)
    assert message["text"] == "답변입니다."
    first, second = slack.calls_to("chat.postMessage")
    assert second.at - first.at >= 1.0  # Retry-After was honoured


async def test_server_errors_do_not_lose_the_final_answer(slack: FakeSlack, client: AsyncWebClient) -> None:
    reply = reply_for(client, slack, mode="update")
    await reply.update("중간 답변")
    slack.fail_next("chat.update", "internal_error", status=500, times=10)
    await reply.finish("최종 답변")  # must not raise
    assert reply.closed
    assert [m["text"] for m in shown(slack, reply)][-1] == "최종 답변"


async def test_failure_keeps_the_partial_answer(slack: FakeSlack, client: AsyncWebClient) -> None:
    reply = reply_for(client, slack, mode="native")
    await reply.status(M.THINKING)
    await reply.update("여기까지 받은 답변")
    await reply.fail(M.ERR_TIMEOUT)
    texts = [m["text"] for m in shown(slack, reply)]
    assert texts == ["여기까지 받은 답변", M.ERR_TIMEOUT]
    assert not [m for m in shown(slack, reply) if m.get("streaming")]


async def test_status_message_becomes_the_error(slack: FakeSlack, client: AsyncWebClient) -> None:
    reply = reply_for(client, slack, channel=DM)
    await reply.status(M.THINKING)
    await reply.fail(M.ERR_INTERNAL)
    assert [m["text"] for m in shown(slack, reply)] == [M.ERR_INTERNAL]


async def test_command_reply_refusal_is_private_and_answer_opens_thread(slack: FakeSlack, client: AsyncWebClient) -> None:
    told: list[str] = []

    async def tell(text: str) -> None:
        told.append(text)

    async def open_thread() -> str:
        resp = await client.chat_postMessage(channel=PUBLIC, text="<@U0USER>님의 요청: /dasan 요약")
        return resp["ts"]

    refused = SlackReply(client, Target(PUBLIC, None, USER, slack.team_id), StreamSupport("auto"),
                         open_thread=open_thread, tell_privately=tell)
    await refused.status(M.THINKING)
    await refused.fail(M.ERR_ACCESS)
    assert told == [M.ERR_ACCESS] and not slack.calls_to("chat.postMessage")

    answered = SlackReply(client, Target(PUBLIC, None, USER, slack.team_id), StreamSupport("auto"),
                          open_thread=open_thread, tell_privately=tell)
    await answered.status(M.THINKING)
    await answered.finish("요약 결과")
    root, answer = slack.messages[PUBLIC][-2:]
    assert "님의 요청" in root["text"] and answer["thread_ts"] == root["ts"] and answer["text"] == "요약 결과"


async def test_markdown_is_converted_for_posted_messages(slack: FakeSlack, client: AsyncWebClient) -> None:
    reply = reply_for(client, slack, mode="update")
    await reply.finish("## 결과\n**중요**: a < b & c\n- 항목")
    [message] = shown(slack, reply)
    assert message["text"] == "*결과*\n*중요*: a &lt; b &amp; c\n• 항목"


@pytest.mark.parametrize("mode", ["native", "update"])
async def test_status_shows_until_the_answer_replaces_it(slack: FakeSlack, client: AsyncWebClient, mode: str) -> None:
    reply = reply_for(client, slack, mode=mode)
    await reply.status(M.THINKING)
    [placeholder] = await slack.wait_for(lambda: shown(slack, reply))
    assert placeholder["text"] == f"_{M.THINKING}_"
    await reply.update("첫 문장")
    await reply.finish("첫 문장과 끝")
    [message] = shown(slack, reply)
    assert message["text"] == "첫 문장과 끝" and not message.get("streaming")
    if mode == "update":
        assert message["ts"] == placeholder["ts"]  # the status message became the answer
