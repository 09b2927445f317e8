"""With a (fake) language model behind the pipeline: a real token stream, and a generated image sent back."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator

import pytest

from tests.fakes.base import Reply as ModelReply
from tests.fakes.openai_server import TINY_PNG, OpenAIFake
from tests.fakes.slack_api import FakeSlack
from tests.slack.conftest import PUBLIC, make_settings, running

CHUNKS = [f"{i}번째 문장입니다. " for i in range(1, 31)]


@pytest.fixture
async def model() -> AsyncIterator[OpenAIFake]:
    fake = OpenAIFake(chunk_delay_s=0.05)  # 30 pieces over about 1.5 s
    await asyncio.to_thread(fake.start)
    try:
        yield fake
    finally:
        await asyncio.to_thread(fake.stop)


def local_model(url: str, tasks: list[str]) -> dict:
    return {
        "models": {"local": {"provider": "openai_compatible", "model": "fake-model", "base_url": f"{url}/v1",
                             "tasks": tasks, "timeout_s": 10}},
        "defaults": {task: "local" for task in tasks},
    }


def final_reply(slack: FakeSlack, channel: str, ts: str, needle: str):
    return lambda: [m for m in slack.bot_replies(channel, ts) if needle in m["text"] and not m.get("streaming")]


@pytest.mark.parametrize("streaming", ["native", "update"])
async def test_model_stream_is_shown_as_it_grows(slack_env: FakeSlack, model: OpenAIFake, streaming: str) -> None:
    slack = slack_env
    model.push(ModelReply(chunks=CHUNKS))
    settings = make_settings(slack, streaming=streaming, extra=local_model(model.url, ["chat"]))
    async with running(slack, settings):
        body = slack.mention(PUBLIC, "<@UBOT> 보고서 문장을 써 주세요")
        await slack.socket_event(body)
        [answer] = await slack.wait_for(final_reply(slack, PUBLIC, body["event"]["ts"], "30번째"), timeout=20)
    assert "".join(CHUNKS).strip() in answer["text"]
    if streaming == "native":
        appends = slack.calls_to("chat.appendStream")
        assert 2 <= len(appends) < len(CHUNKS) // 2  # visibly streamed, but coalesced (~1 call per 0.2 s)
        assert len(slack.calls_to("chat.stopStream")) == 1
    else:
        edits = [c for c in slack.calls_to("chat.update") if c.args["ts"] == answer["ts"]]
        assert 2 <= len(edits) < len(CHUNKS) // 2


async def test_generated_image_is_uploaded_into_the_thread(slack_env: FakeSlack, model: OpenAIFake) -> None:
    slack = slack_env
    settings = make_settings(slack, extra=local_model(model.url, ["image"]))
    async with running(slack, settings):
        body = slack.mention(PUBLIC, "<@UBOT> 그림 구청 앞 벚꽃길 홍보 포스터")
        await slack.socket_event(body)
        ts = body["event"]["ts"]
        [message] = await slack.wait_for(lambda: [m for m in slack.bot_replies(PUBLIC, ts) if m.get("files")])
        await slack.wait_for(lambda: len(slack.bot_replies(PUBLIC, ts)) >= 2)  # the file and the text
    [shared] = message["files"]
    assert shared["name"].startswith("dasan-image") and slack.files[shared["id"]].data == TINY_PNG
    methods = [c.method for c in slack.calls]
    upload = methods.index("files.getUploadURLExternal")
    assert methods[upload : upload + 3] == ["files.getUploadURLExternal", "file.upload", "files.completeUploadExternal"]
