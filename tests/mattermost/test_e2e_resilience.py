"""Nothing missed, nothing doubled: websocket drops, lost events, server errors, bad tokens."""

from __future__ import annotations

import asyncio
import logging
import socket

import pytest

from adapters.mattermost import run
from bot import messages as M
from bot.app import build_pipeline
from bot.config import ConfigError
from tests.mattermost.conftest import world_settings


def bot_creates(w) -> list:
    return [c for c in w.mm.calls_to("POST", "/api/v4/posts") if c.user_id == w.bot["id"]]


@pytest.mark.parametrize("abrupt", [False, True], ids=["clean-close", "tcp-drop"])
async def test_drop_mid_request_answers_once_and_catches_up_on_missed_mention(make_world, abrupt, caplog):
    caplog.set_level(logging.INFO, logger="dasan.mattermost")
    w = await make_world()
    # A slow reply post keeps the request in flight while the connection goes away.
    w.mm.fault("POST", "/api/v4/posts", status=0, delay_s=0.5)
    during = await w.say(w.kim, w.town, "@dasan 도움말")
    await w.mm.wait_until(lambda: w.adapter._tasks)
    w.mm.ws_down = True
    assert await w.mm.drop_websockets(abrupt=abrupt) == 1
    await w.mm.wait_until(lambda: not w.adapter.stream.connected)

    missed = await w.say(w.lee, w.town, "@dasan 도움말")  # no connection: no event, only the stored post
    w.mm.ws_down = False
    await w.answered(during["id"])
    await w.answered(missed["id"])
    await w.settle()

    assert len(w.replies(during["id"])) == 1 and len(w.replies(missed["id"])) == 1
    assert "다산 사용 안내" in w.replies(missed["id"])[0]["message"]
    assert w.mm.ws_connects >= 2
    assert w.mm.calls_to("GET", rf"/api/v4/channels/{w.town['id']}/posts")
    lines = [r.getMessage() for r in caplog.records if "ws disconnected" in r.getMessage()]
    assert lines and ("code=1006" in lines[0]) == abrupt


async def test_stalled_authentication_times_out_and_retries(make_world, caplog):
    caplog.set_level(logging.WARNING, logger="dasan.mattermost.ws")
    w = await make_world(mattermost={"request_timeout_s": 0.3})
    w.mm.ws_silent = True
    await w.mm.drop_websockets(abrupt=False)
    await w.mm.wait_until(lambda: any("connect failed error=TimeoutError" in r.getMessage() for r in caplog.records))
    w.mm.ws_silent = False
    await w.mm.wait_until(lambda: w.mm.open_connections == 1)
    post = await w.say(w.kim, w.town, "@dasan 도움말")
    await w.answered(post["id"])


async def test_lost_event_seen_as_seq_gap_is_caught_up(make_world):
    w = await make_world()
    lost = await w.mm.user_post(w.kim["id"], w.town["id"], "@dasan 도움말", deliver=False)
    await w.say(w.lee, w.town, "다음 글")  # its seq reveals the gap
    [reply] = await w.answered(lost["id"])
    assert "다산 사용 안내" in reply["message"]
    assert w.mm.ws_connects == 1  # caught up without reconnecting


async def test_catch_up_overlapping_live_events_answers_once(make_world):
    w = await make_world()
    first = await w.say(w.kim, w.town, "@dasan 도움말")
    await w.answered(first["id"])
    # Reconnect right away: the catch-up window overlaps posts already answered live.
    await w.mm.drop_websockets(abrupt=False)
    await w.mm.wait_until(lambda: w.mm.ws_connects >= 2)
    await w.mm.wait_until(lambda: w.mm.calls_to("GET", rf"/api/v4/channels/{w.town['id']}/posts"))
    await w.settle()
    assert len(w.replies(first["id"])) == 1


async def test_500_after_the_post_was_made_does_not_create_a_second_reply(make_world):
    w = await make_world()
    # The server makes the post but the answer is lost: the retry must reuse pending_post_id.
    w.mm.fault("POST", "/api/v4/posts", status=500, after_commit=True)
    post = await w.say(w.kim, w.town, "@dasan 도움말")
    [reply] = await w.answered(post["id"])
    assert "다산 사용 안내" in reply["message"]
    assert [c.status for c in bot_creates(w)] == [500, 201]


async def test_timeout_on_post_creation_is_retried_without_a_second_reply(make_world):
    w = await make_world(mattermost={"request_timeout_s": 0.3})
    w.mm.fault("POST", "/api/v4/posts", status=0, after_commit=True, delay_s=1.0)
    post = await w.say(w.kim, w.town, "@dasan 도움말")
    [reply] = await w.answered(post["id"])
    assert "다산 사용 안내" in reply["message"]
    assert len(w.mm.posts_by(w.bot["id"], include_deleted=True)) == 1


async def test_429_is_retried_after_retry_after(make_world):
    w = await make_world()
    w.mm.fault("POST", "/api/v4/posts", status=429, retry_after=0.4)
    post = await w.say(w.kim, w.town, "@dasan 도움말")
    [reply] = await w.answered(post["id"])
    assert "다산 사용 안내" in reply["message"]
    limited, created = bot_creates(w)
    assert (limited.status, created.status) == (429, 201)
    assert created.at - limited.at >= 0.4


async def test_persistent_5xx_on_edits_ends_with_the_post_not_a_crash(make_world):
    w = await make_world(mattermost={"max_retries": 1})
    w.mm.fault("PUT", r"/api/v4/posts/\w+/patch", status=503, times=50)
    post = await w.say(w.kim, w.town, "@dasan 도움말")
    [reply] = await w.answered(post["id"])  # the status post exists; edits failed and were bounded
    assert len(w.mm.calls_to("PUT", r"/api/v4/posts/\w+/patch")) <= 6
    w.mm.faults.clear()
    await w.settle()  # the adapter still works


async def test_wrong_token_fails_startup_with_one_clear_line(make_world):
    w = await make_world(start=False, token="not-the-token")
    with pytest.raises(ConfigError) as caught:
        await w.adapter.start()
    message = str(caught.value)
    assert "토큰을 거부" in message and "401" in message and "\n" not in message


async def test_missing_token_and_unreachable_server_fail_clearly(monkeypatch):
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        closed_port = s.getsockname()[1]
    settings = world_settings(f"http://127.0.0.1:{closed_port}")
    monkeypatch.delenv("MATTERMOST_TOKEN", raising=False)
    with pytest.raises(ConfigError) as missing:
        await run(settings, build_pipeline(settings))
    assert "MATTERMOST_TOKEN" in str(missing.value)
    monkeypatch.setenv("MATTERMOST_TOKEN", "whatever")
    with pytest.raises(ConfigError) as unreachable:
        await run(settings, build_pipeline(settings))
    assert "연결할 수 없습니다" in str(unreachable.value) and "\n" not in str(unreachable.value)


async def test_run_entry_point_reads_env_and_shuts_down_on_cancel(mm, monkeypatch):
    bot = mm.add_user("dasan", bot=True, token="env-token")
    kim = mm.add_user("kim")
    team = mm.add_team("gov", members=[bot["id"], kim["id"]])
    town = mm.add_channel(team["id"], "town", members=[bot["id"], kim["id"]])
    monkeypatch.setenv("MATTERMOST_TOKEN", "env-token")
    monkeypatch.setenv("MATTERMOST_SLASH_TOKEN", "")
    settings = world_settings(mm.url, mattermost={"teams": ["gov"]})
    ready = asyncio.Event()
    task = asyncio.create_task(run(settings, build_pipeline(settings), ready=ready))
    await asyncio.wait_for(ready.wait(), 10)
    post = await mm.user_post(kim["id"], town["id"], "@dasan 도움말")
    await mm.wait_until(lambda: mm.posts_by(bot["id"], root_id=post["id"]))
    task.cancel()
    with pytest.raises(asyncio.CancelledError):
        await task
    await mm.wait_until(lambda: mm.open_connections == 0)


async def test_unknown_team_fails_startup(make_world):
    w = await make_world(start=False, mattermost={"teams": ["no-such-team"]})
    with pytest.raises(ConfigError) as caught:
        await w.adapter.start()
    assert "no-such-team" in str(caught.value)


async def test_logs_carry_no_message_text(make_world, caplog):
    caplog.set_level(logging.DEBUG)
    w = await make_world()
    secret = "주민번호없는비밀문장XYZ"
    post = await w.say(w.kim, w.town, f"@dasan {secret}")
    await w.answered(post["id"])
    await w.mm.drop_websockets(abrupt=True)
    await w.settle()
    assert all(secret not in r.getMessage() for r in caplog.records)
    assert all(M.OFFLINE_LABEL not in r.getMessage() for r in caplog.records)


async def test_failed_upload_keeps_the_answer_and_notes_the_missing_file(make_world, caplog):
    caplog.set_level(logging.DEBUG)
    w = await make_world()
    w.mm.fault("POST", "/api/v4/files", status=501, times=50)
    post = await w.say(w.kim, w.town, "@dasan 초안 기안문 민원 처리 기간 단축 계획 보고")
    replies = await w.answered(post["id"], 2)
    answer, note = replies[0]["message"], replies[-1]["message"]
    assert M.ERR_INTERNAL not in answer and M.OFFLINE_LABEL in answer and "민원" in answer
    assert note == M.MM_UPLOAD_FAILED.format(name="기안문-초안.hwpx")
    assert len(replies) == 2 and not any(p["file_ids"] for p in replies)
    assert w.mm.calls_to("POST", "/api/v4/files")
    assert all("민원 처리" not in r.getMessage() for r in caplog.records)
    assert any("upload failed" in r.getMessage() for r in caplog.records)


async def test_unreadable_file_info_still_gets_a_korean_reply(make_world):
    w = await make_world()
    info = w.mm.user_upload(w.kim["id"], w.town["id"], "민원현황.txt", "민원 현황".encode(), "text/plain")
    w.mm.fault("GET", r"/api/v4/files/\w+/info", status=404, times=10)
    post = await w.say(w.kim, w.town, "@dasan 요약", file_ids=[info["id"]], file_metadata=False)
    [reply] = await w.answered(post["id"])
    assert reply["message"] == M.MM_FILE_UNREADABLE
    assert w.mm.calls_to("GET", rf"/api/v4/files/{info['id']}/info")


async def test_any_failure_while_building_the_request_gets_the_generic_error(make_world):
    w = await make_world()

    async def broken(post):
        raise RuntimeError("boom")

    w.adapter.requests.from_post = broken
    post = await w.say(w.kim, w.town, "@dasan 도움말")
    [reply] = await w.answered(post["id"])
    assert reply["message"] == M.ERR_INTERNAL
    await w.mm.redeliver(post["id"])  # still one reply: the post was accepted once
    await w.adapter.wait_idle()
    assert len(w.replies(post["id"])) == 1
