"""Streaming by edits: one post edited about once per interval, split past the size limit."""

from __future__ import annotations

import asyncio

import pytest

from bot.request import OutFile
from tests.fakes.base import Reply as ModelReply
from tests.fakes.openai_server import TINY_PNG, OpenAIFake

CHUNKS = [f"{i}번째 문장입니다. " for i in range(1, 31)]


@pytest.fixture
async def model_fake():
    fake = OpenAIFake(chunk_delay_s=0.05)  # a model writing 30 pieces over about 1.5 s
    await asyncio.to_thread(fake.start)
    try:
        yield fake
    finally:
        await asyncio.to_thread(fake.stop)


def local_model(url: str) -> dict:
    return {
        "models": {"local": {"provider": "openai_compatible", "model": "fake-model", "base_url": f"{url}/v1",
                             "tasks": ["chat"], "timeout_s": 10}},
        "defaults": {"chat": "local"},
    }


async def test_streamed_answer_is_one_post_edited_about_once_per_interval(make_world, model_fake):
    model_fake.push(ModelReply(chunks=CHUNKS))
    w = await make_world(**local_model(model_fake.url))  # edit_interval_s = 0.2
    post = await w.say(w.kim, w.town, "@dasan 보고서 문장을 써 주세요")
    [reply] = await w.answered(post["id"])
    assert "".join(CHUNKS).strip() in reply["message"]
    assert len([c for c in w.mm.calls_to("POST", "/api/v4/posts") if c.user_id == w.bot["id"]]) == 1
    edits = w.mm.edit_counts[reply["id"]]
    patches = sorted(c.at for c in w.mm.calls_to("PUT", rf"/api/v4/posts/{reply['id']}/patch"))
    assert 3 <= edits < len(CHUNKS) // 2  # streamed, but never one edit per chunk
    # Throttled: apart from the final edit, edits are at least about one interval apart.
    gaps = [b - a for a, b in zip(patches, patches[1:-1], strict=False)]
    assert all(g >= 0.15 for g in gaps), gaps


async def test_long_answer_continues_in_further_posts(make_world, model_fake):
    chunks = [f"{i:03d} " + "가나다라마바사아자차카타파하 " * 3 + "\n" for i in range(20)]
    model_fake.push(ModelReply(chunks=chunks))
    w = await make_world(mattermost={"post_max_chars": 300}, **local_model(model_fake.url))
    post = await w.say(w.kim, w.town, "@dasan 길게 써 주세요")
    await w.answered(post["id"])
    await w.mm.wait_until(lambda: not w.adapter._tasks)
    replies = w.replies(post["id"])
    assert len(replies) >= 4
    assert all(len(r["message"]) <= 300 for r in replies)
    joined = "\n".join(r["message"] for r in replies)
    assert all(f"{i:03d}" in joined for i in range(20))
    assert [r["create_at"] for r in replies] == sorted(r["create_at"] for r in replies)


async def test_reply_against_the_server_files_and_shorter_final(make_world):
    w = await make_world()
    root = await w.say(w.kim, w.town, "파일을 만들어 주세요")
    reply = w.adapter.new_reply(w.town["id"], root["id"])
    reply._max_chars = 100
    await reply.status("생각 중…")
    await reply.update("가" * 250)
    await w.mm.wait_until(lambda: len(w.replies(root["id"])) == 3)  # three posts once the edit is due
    await reply.attach(OutFile("chart.png", "image/png", TINY_PNG, title="차트"))
    await reply.finish("짧은 최종 답변")  # the extra posts go, the files follow the text
    posts = w.replies(root["id"])
    assert [p["message"] for p in posts] == ["짧은 최종 답변", "차트"]
    [file_id] = posts[1]["file_ids"]
    assert w.mm.files[file_id][1] == TINY_PNG
    assert len(w.mm.posts_by(w.bot["id"], root_id=root["id"], include_deleted=True)) == 4


async def test_fail_keeps_streamed_text_and_replaces_a_status(make_world):
    w = await make_world()
    root = await w.say(w.kim, w.town, "시작")
    streamed = w.adapter.new_reply(w.town["id"], root["id"])
    await streamed.update("지금까지 쓴 부분")
    await streamed.fail("오류가 났습니다")
    only_status = w.adapter.new_reply(w.town["id"], root["id"])
    await only_status.status("생각 중…")
    await only_status.fail("오류가 났습니다")
    messages = [p["message"] for p in w.replies(root["id"])]
    assert messages == ["지금까지 쓴 부분\n\n오류가 났습니다", "오류가 났습니다"]


async def test_typing_indicator_runs_until_the_reply_ends(make_world):
    w = await make_world()
    root = await w.say(w.kim, w.town, "시작")
    reply = w.adapter.new_reply(w.town["id"], root["id"])  # typing every 0.05 s in these tests
    reply.start_typing()
    await asyncio.sleep(0.3)
    await reply.finish("끝")
    count = len(w.mm.typing_events)
    await asyncio.sleep(0.2)
    assert count >= 3 and len(w.mm.typing_events) == count
    assert {t["via"] for t in w.mm.typing_events} == {"ws"}
