"""The /dasan slash command through Mattermost's HTTP callback."""

from __future__ import annotations

import re
import time

from bot import messages as M
from tests.mattermost.conftest import SLASH_TOKEN


async def test_good_token_acks_at_once_then_answers_in_a_new_thread(make_world):
    w = await make_world()
    started = time.monotonic()
    status, body = await w.mm.invoke_slash(w.slash_url, user_id=w.kim["id"], channel_id=w.town["id"],
                                           text="도움말", token=SLASH_TOKEN)
    assert time.monotonic() - started < 5  # well inside Mattermost's 30 s limit
    assert status == 200 and body == {"response_type": "ephemeral", "text": M.MM_SLASH_ACK}

    root = (await w.mm.wait_until(lambda: [p for p in w.mm.posts_by(w.bot["id"]) if not p["root_id"]]))[0]
    assert root["channel_id"] == w.town["id"]
    assert root["message"] == M.MM_SLASH_ROOT.format(user="kim") == "@kim 님의 요청"
    [answer] = await w.answered(root["id"])
    assert "다산 사용 안내" in answer["message"]


async def test_bad_token_is_refused_and_nothing_is_posted(make_world):
    w = await make_world()
    status, body = await w.mm.invoke_slash(w.slash_url, user_id=w.kim["id"], channel_id=w.town["id"],
                                           text="도움말", token="wrong-token")
    assert status == 401 and body["text"] == M.MM_SLASH_BAD_TOKEN
    await w.settle()
    assert [p for p in w.mm.posts_by(w.bot["id"]) if "/dasan" in p["message"]] == []


async def test_slash_in_a_channel_the_bot_cannot_post_to_tells_the_invoker(make_world):
    w = await make_world()
    hidden = w.mm.add_channel(w.team["id"], "hidden", type="P", members=[w.kim["id"]])
    status, _ = await w.mm.invoke_slash(w.slash_url, user_id=w.kim["id"], channel_id=hidden["id"],
                                        text="도움말", token=SLASH_TOKEN)
    assert status == 200
    note = await w.mm.wait_until(lambda: w.mm.ephemerals)
    assert note[0] == {"response_type": "ephemeral", "text": M.MM_SLASH_CANNOT_POST}
    assert w.mm.posts_by(w.bot["id"], channel_id=hidden["id"]) == []


async def test_empty_command_gets_a_hint_without_posting(make_world):
    w = await make_world()
    status, body = await w.mm.invoke_slash(w.slash_url, user_id=w.kim["id"], channel_id=w.town["id"],
                                           text="  ", token=SLASH_TOKEN)
    assert status == 200 and body["text"] == M.MM_SLASH_EMPTY
    await w.adapter.wait_idle()
    assert w.mm.posts_by(w.bot["id"]) == []


async def test_one_token_per_team_command_is_accepted(make_world):
    w = await make_world(slash_token=f"other-team-token, {SLASH_TOKEN}")
    status, body = await w.mm.invoke_slash(w.slash_url, user_id=w.kim["id"], channel_id=w.town["id"],
                                           text="도움말", token=SLASH_TOKEN)
    assert status == 200 and body["text"] == M.MM_SLASH_ACK
    status, _ = await w.mm.invoke_slash(w.slash_url, user_id=w.kim["id"], channel_id=w.town["id"],
                                        text="도움말", token="other-team")  # a prefix is not the token
    assert status == 401
    await w.mm.wait_until(lambda: [p for p in w.mm.posts_by(w.bot["id"]) if p["root_id"]])
    await w.adapter.wait_idle()


def bot_roots(w) -> list[dict]:
    return [p for p in w.mm.posts_by(w.bot["id"]) if not p["root_id"]]


GROUP_MENTION = re.compile(r"@(channel|all|here)(?![a-z0-9])", re.IGNORECASE)


async def test_root_post_never_echoes_the_request_text(make_world):
    w = await make_world()
    text = "@channel 질문 주민번호 900101-1234568 확인"
    status, body = await w.mm.invoke_slash(w.slash_url, user_id=w.kim["id"], channel_id=w.town["id"],
                                           text=text, token=SLASH_TOKEN)
    assert status == 200 and body["text"] == M.MM_SLASH_ACK
    [root] = await w.mm.wait_until(lambda: bot_roots(w))
    await w.answered(root["id"])
    assert root["message"] == "@kim 님의 요청"
    # Everything else the bot wrote is inside that thread, and nothing it wrote alerts the channel.
    assert all(p["root_id"] == root["id"] for p in w.mm.posts_by(w.bot["id"]) if p["id"] != root["id"])
    assert not any(GROUP_MENTION.search(p["message"]) for p in w.mm.posts_by(w.bot["id"]))


async def test_slash_refusal_reaches_only_the_requester(make_world):
    w = await make_world(access={"channels": ["not-this-one"]})
    status, _ = await w.mm.invoke_slash(w.slash_url, user_id=w.kim["id"], channel_id=w.town["id"],
                                        text="도움말", token=SLASH_TOKEN)
    assert status == 200
    notes = await w.mm.wait_until(lambda: w.mm.ephemerals)
    await w.adapter.wait_idle()
    assert notes == [{"response_type": "ephemeral", "text": M.ERR_ACCESS}]
    assert w.mm.posts_by(w.bot["id"], include_deleted=True) == []


async def test_slash_answer_thread_takes_follow_ups(make_world):
    w = await make_world()
    await w.mm.invoke_slash(w.slash_url, user_id=w.kim["id"], channel_id=w.town["id"],
                            text="도움말", token=SLASH_TOKEN)
    [root] = await w.mm.wait_until(lambda: bot_roots(w))
    await w.answered(root["id"])
    await w.say(w.lee, w.town, "도움말", root_id=root["id"])  # no mention: the thread is the bot's
    replies = await w.answered(root["id"], 2)
    assert "다산 사용 안내" in replies[-1]["message"]
    assert w.mm.ephemerals == []


async def test_slash_in_a_public_channel_without_the_bot_tells_the_invoker(make_world):
    w = await make_world()
    # Readable for the bot (a public channel of its team) but not a member: posting is refused.
    lobby = w.mm.add_channel(w.team["id"], "lobby", members=[w.kim["id"]])
    await w.mm.invoke_slash(w.slash_url, user_id=w.kim["id"], channel_id=lobby["id"],
                            text="도움말", token=SLASH_TOKEN)
    notes = await w.mm.wait_until(lambda: w.mm.ephemerals)
    await w.adapter.wait_idle()
    assert notes == [{"response_type": "ephemeral", "text": M.MM_SLASH_CANNOT_POST}]
    assert w.mm.posts_by(w.bot["id"], include_deleted=True) == []


async def test_group_mentions_quoted_from_the_request_never_alert_the_channel(make_world):
    w = await make_world()
    await w.mm.invoke_slash(w.slash_url, user_id=w.kim["id"], channel_id=w.town["id"],
                            text="교정 @channel 회의는 내일 오후 3시 에 합니다. @ALL 참석 바랍니다", token=SLASH_TOKEN)
    [root] = await w.mm.wait_until(lambda: bot_roots(w))
    [answer] = await w.answered(root["id"])
    assert "channel 회의는" in answer["message"] and "ALL 참석" in answer["message"]  # still readable
    assert not any(GROUP_MENTION.search(p["message"]) for p in w.mm.posts_by(w.bot["id"]))
