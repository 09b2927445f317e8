"""Posts in, threaded replies out: the real adapter and pipeline against the fake server."""

from __future__ import annotations

import asyncio

from adapters.mattermost import MattermostAdapter
from bot import messages as M
from bot.app import build_pipeline
from tests.mattermost.conftest import BOT_TOKEN

FILE_TEXT = (
    "2025년 민원 처리 현황 보고\n\n"
    "올해 접수된 민원은 모두 1,240건으로 지난해보다 12% 늘었습니다. "
    "도로 보수 민원이 전체의 35%를 차지해 가장 많았습니다. "
    "처리 기간은 평균 4.2일로 목표인 5일보다 짧았습니다. "
    "주차 관련 민원은 야간 단속 강화 이후 20% 줄었습니다. "
    "내년에는 온라인 접수 창구를 늘리고 담당 인력을 2명 보강할 계획입니다.\n"
)


async def test_mention_gets_one_threaded_reply_labelled_offline(make_world):
    w = await make_world()
    post = await w.say(w.kim, w.town, "@dasan 안녕하세요")
    replies = await w.answered(post["id"])
    assert len(replies) == 1
    reply = replies[0]
    assert reply["root_id"] == post["id"] and reply["channel_id"] == w.town["id"]
    assert M.OFFLINE_LABEL in reply["message"]
    # One post: a quick answer replaces the status before it was ever shown.
    assert len(w.mm.calls_to("POST", "/api/v4/posts")) == 1
    assert any(t["channel_id"] == w.town["id"] and t["parent_id"] == post["id"] for t in w.mm.typing_events)


async def test_dm_without_mention_is_answered_in_its_thread(make_world):
    w = await make_world()
    post = await w.say(w.kim, w.dm, "도움말")
    [reply] = await w.answered(post["id"])
    assert reply["channel_id"] == w.dm["id"] and "다산 사용 안내" in reply["message"]


async def _thread_summary(w) -> tuple[dict, str]:
    root = await w.say(w.kim, w.town, "@dasan 회의 안내를 정리해 주세요")
    await w.answered(root["id"])
    # Every message in a bot thread is for the bot, mention or not.
    await w.say(w.lee, w.town, "회의는 다음 주 화요일 오후 세 시에 세종청사 대회의실에서 열립니다.", root_id=root["id"])
    await w.answered(root["id"], 2)
    await w.say(w.kim, w.town, "자료는 월요일까지 제출해야 합니다.", root_id=root["id"])
    await w.answered(root["id"], 3)
    ask = await w.say(w.kim, w.town, "요약", root_id=root["id"])
    replies = await w.answered(root["id"], 4)
    return ask, replies[-1]["message"]


async def test_follow_up_in_bot_thread_reads_the_thread_again(make_world):
    w = await make_world()
    ask, summary = await _thread_summary(w)
    # root, lee, kim and the bot's three replies: six earlier messages, re-read from the server.
    assert f"{M.SUMMARY_TITLE} — {M.SUMMARY_OF_THREAD} (6개 메시지)" in summary
    reads = [c for c in w.mm.calls_to("GET", r"/api/v4/posts/\w+/thread") if c.user_id == w.bot["id"]]
    assert reads and reads[-1].at >= w.mm.posts[ask["id"]]["create_at"] / 1000 - 1


async def test_thread_context_is_limited_to_thread_messages(make_world):
    w = await make_world(limits={"thread_messages": 3})
    _, summary = await _thread_summary(w)
    assert f"{M.SUMMARY_TITLE} — {M.SUMMARY_OF_THREAD} (3개 메시지)" in summary


async def test_reply_in_someone_elses_thread_without_mention_is_ignored(make_world):
    w = await make_world()
    root = await w.say(w.kim, w.town, "점심 뭐 먹을까요")
    await w.say(w.lee, w.town, "국수 어때요", root_id=root["id"])
    await w.settle()
    assert w.replies(root["id"]) == []


async def test_follow_up_after_restart_finds_the_bot_thread_on_the_server(make_world):
    w = await make_world()
    root = await w.say(w.kim, w.town, "@dasan 도움말")
    await w.answered(root["id"])
    w.task.cancel()
    await asyncio.gather(w.task, return_exceptions=True)
    # A new process: fresh in-memory state, so the thread is not marked as the bot's.
    fresh = MattermostAdapter(w.settings, build_pipeline(w.settings), token=BOT_TOKEN, slash_token="")
    ready = asyncio.Event()
    w.adapter, w.task = fresh, asyncio.create_task(fresh.run(ready))
    await asyncio.wait_for(ready.wait(), 10)
    await w.say(w.lee, w.town, "도움말", root_id=root["id"])
    replies = await w.answered(root["id"], 2)
    assert "다산 사용 안내" in replies[-1]["message"]
    assert w.mm.calls_to("GET", rf"/api/v4/posts/{root['id']}/thread")


async def test_follow_up_naming_someone_else_is_left_to_them(make_world):
    w = await make_world()
    root = await w.say(w.kim, w.town, "@dasan 도움말")
    await w.answered(root["id"])
    aside = await w.say(w.kim, w.town, "@lee 이 안내 확인해 주세요", root_id=root["id"])
    await w.settle()
    assert len(w.replies(root["id"])) == 1
    assert w.mm.posts[aside["id"]]["root_id"] == root["id"]


async def test_korean_text_file_is_summarised(make_world):
    w = await make_world()
    info = w.mm.user_upload(w.kim["id"], w.town["id"], "민원현황.txt", FILE_TEXT.encode("utf-8"), "text/plain")
    post = await w.say(w.kim, w.town, "@dasan 요약", file_ids=[info["id"]])
    [reply] = await w.answered(post["id"])
    assert "민원" in reply["message"] and M.OFFLINE_LABEL in reply["message"]
    assert any(s in reply["message"] for s in ("1,240건", "도로 보수", "평균 4.2일", "온라인 접수"))
    assert len(w.mm.calls_to("GET", f"/api/v4/files/{info['id']}")) == 1


async def test_file_over_the_limit_is_refused_before_download(make_world):
    w = await make_world(limits={"max_file_mb": 0.001})  # 1,000 bytes
    info = w.mm.user_upload(w.kim["id"], w.town["id"], "큰파일.txt", ("가" * 2000).encode(), "text/plain")
    post = await w.say(w.kim, w.town, "@dasan 요약", file_ids=[info["id"]])
    [reply] = await w.answered(post["id"])
    assert "너무 큽니다" in reply["message"]
    assert w.mm.calls_to("GET", f"/api/v4/files/{info['id']}") == []


async def test_download_enforces_the_limit_while_reading(make_world):
    w = await make_world()
    await w.settle()
    info = w.mm.user_upload(w.kim["id"], w.town["id"], "거짓크기.txt", b"x" * 5000, "text/plain")
    # The file info understates the size: the stream itself must stop the download.
    from documents.errors import DocumentError

    try:
        await w.adapter.rest.download_file(info["id"], info["name"], max_bytes=1000)
    except DocumentError as exc:
        assert exc.code == "too_large"
    else:
        raise AssertionError("download past the limit was not refused")
    assert len(await w.adapter.rest.download_file(info["id"], info["name"], max_bytes=5000)) == 5000


async def test_own_posts_other_bots_and_webhooks_are_ignored(make_world):
    w = await make_world()
    own = await w.mm.user_post(w.bot["id"], w.town["id"], "@dasan 제가 쓴 글")
    other = await w.say(w.other_bot, w.town, "@dasan 다른 봇의 글")
    hook = await w.say(w.lee, w.town, "@dasan 웹훅 글", props={"from_webhook": "true"})
    await w.settle()
    for post in (own, other, hook):
        assert w.replies(post["id"]) == []


async def test_duplicated_posted_event_is_answered_once(make_world):
    w = await make_world()
    post = await w.say(w.kim, w.town, "@dasan 도움말")
    await w.answered(post["id"])
    await w.mm.redeliver(post["id"])
    await w.mm.redeliver(post["id"])
    await w.settle()
    assert len(w.replies(post["id"])) == 1
    assert len([c for c in w.mm.calls_to("POST", "/api/v4/posts") if c.user_id == w.bot["id"]]) == 2  # + settle


async def test_disallowed_channel_and_dm_get_korean_refusals(make_world):
    w = await make_world(access={"channels": ["not-this-one"], "allow_dm": False})
    post = await w.say(w.kim, w.secret, "@dasan 도움말")
    [reply] = await w.answered(post["id"])
    assert reply["message"] == M.ERR_ACCESS
    dm = await w.say(w.kim, w.dm, "도움말")
    [refused] = await w.answered(dm["id"])
    assert refused["message"] == M.ERR_ACCESS_DM


async def test_team_is_the_workspace(make_world):
    w = await make_world(access={"workspaces": ["some-other-team"]})
    post = await w.say(w.kim, w.town, "@dasan 도움말")
    [reply] = await w.answered(post["id"])
    assert reply["message"] == M.ERR_ACCESS
