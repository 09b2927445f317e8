"""The adapter's plain rules: event parsing, mentions, backoff, retry decisions, the server URL."""

from __future__ import annotations

import json
import random
import re

import httpx
import pytest
from mattermostautodriver.exceptions import TooManyRequests, UnknownMattermostError

from adapters.mattermost.connection import backoff_delay
from adapters.mattermost.events import mentions_user, parse_posted, strip_mention
from adapters.mattermost.rest import parse_server_url
from adapters.mattermost.retry import HttpStatusError, RetryPolicy, retry_delay
from bot import messages as M
from bot.config import ConfigError, Settings


def posted(post: dict, **data) -> dict:
    return {"event": "posted", "seq": 3, "broadcast": {"channel_id": post.get("channel_id", "")},
            "data": {"post": json.dumps(post), "channel_type": "O", "team_id": "T1", "sender_name": "@kim", **data}}


def test_posted_event_is_parsed_with_per_receiver_mentions():
    post = {"id": "p1", "user_id": "u1", "channel_id": "c1", "root_id": "", "message": "@dasan 안녕",
            "create_at": 5, "file_ids": ["f1"], "props": {}, "type": ""}
    parsed = parse_posted(posted(post, mentions=json.dumps(["BOT"])), "BOT")
    assert parsed.mentioned and parsed.sender_name == "kim" and parsed.team_id == "T1"
    assert parsed.file_ids == ("f1",) and parsed.thread_root == "p1"
    assert parse_posted(posted(post), "BOT").mentioned is False
    assert parse_posted(posted(post, mentions=json.dumps(["OTHER"])), "BOT").mentioned is False


def test_bot_and_system_posts_are_flagged():
    bot_post = {"id": "p", "user_id": "u", "channel_id": "c", "message": "x", "props": {"from_bot": "true"}}
    system = {"id": "q", "user_id": "u", "channel_id": "c", "message": "", "type": "system_join_channel"}
    assert parse_posted(posted(bot_post), "BOT").from_bot
    assert parse_posted(posted(system), "BOT").system


def test_other_events_and_broken_posts_are_skipped():
    assert parse_posted({"event": "typing", "data": {}}, "BOT") is None
    assert parse_posted({"event": "posted", "data": {"post": "{not json"}}, "BOT") is None


@pytest.mark.parametrize("text, expected", [
    ("@dasan 요약해 줘", True), ("안녕 @Dasan.", True), ("@dasan: 번역", True),
    ("@dasan-bot 안녕", False), ("@dasan.bot 안녕", False), ("mail@dasan 안녕", False), ("dasan 안녕", False),
])
def test_mention_matching(text, expected):
    assert mentions_user(text, "dasan") is expected


def test_mention_is_removed_from_the_text():
    assert strip_mention("@dasan 요약 짧게", "dasan") == "요약 짧게"
    assert strip_mention("이것 좀 @dasan, 번역해 줘", "dasan") == "이것 좀 번역해 줘"
    assert strip_mention("@dasan-bot 그대로", "dasan") == "@dasan-bot 그대로"


def test_backoff_doubles_to_the_cap_with_jitter():
    rng = random.Random(7)
    delays = [backoff_delay(n, 1.0, 60.0, rng) for n in range(1, 10)]
    for n, delay in enumerate(delays, 1):
        base = min(60.0, 2 ** (n - 1))
        assert base / 2 <= delay < base
    assert len({round(backoff_delay(3, 1.0, 60.0, rng), 6) for _ in range(20)}) > 1  # jittered


def test_retry_decisions():
    policy, rng = RetryPolicy(max_retries=3, cap_s=30), random.Random(1)
    limited = TooManyRequests("limit exceeded", 2.5)
    assert retry_delay(limited, 0, idempotent=False, policy=policy, rng=rng) == 2.5
    assert retry_delay(TooManyRequests("x", 120), 0, idempotent=True, policy=policy, rng=rng) is None
    server = UnknownMattermostError("boom", 500, "id", "req", False)
    assert retry_delay(server, 0, idempotent=True, policy=policy, rng=rng) is not None
    assert retry_delay(server, 0, idempotent=False, policy=policy, rng=rng) is None
    assert retry_delay(server, 3, idempotent=True, policy=policy, rng=rng) is None  # bounded
    assert retry_delay(httpx.ReadTimeout("t"), 0, idempotent=True, policy=policy, rng=rng) is not None
    assert retry_delay(HttpStatusError(404), 0, idempotent=True, policy=policy, rng=rng) is None


def test_server_url_parsing():
    assert parse_server_url("https://chat.example.go.kr").websocket_url == "wss://chat.example.go.kr:443/api/v4/websocket"
    assert parse_server_url("http://10.0.0.5:8065/").base_url == "http://10.0.0.5:8065"
    for bad in ("chat.example.go.kr", "ftp://x", "https://host/mattermost"):
        with pytest.raises(ConfigError):
            parse_server_url(bad)


def test_empty_config_still_validates_with_adapter_defaults():
    cfg = Settings().mattermost
    assert cfg.post_max_chars == 16383 and cfg.edit_interval_s == 1.0 and cfg.reconnect_max_s >= cfg.reconnect_min_s


def test_group_mentions_are_defused_and_other_text_kept():
    from adapters.mattermost.reply import defuse_mentions

    text = "@channel 공지 @All, @here. @channel_ @allison @hereford 메일 a@b.kr @kim"
    out = defuse_mentions(text)
    assert out.replace("\u2060", "") == text
    assert re.findall(r"@(channel|all|here)(?![a-z0-9])", out, re.IGNORECASE) == []
    assert "@allison" in out and "@hereford" in out and "@kim" in out


@pytest.mark.parametrize("user_name, root", [
    ("kim", "@kim 님의 요청"), ("kim.lee-2", "@kim.lee-2 님의 요청"),
    ("channel", M.MM_SLASH_ROOT_UNNAMED), ("all", M.MM_SLASH_ROOT_UNNAMED), ("here", M.MM_SLASH_ROOT_UNNAMED),
    ("kim 님 @channel", M.MM_SLASH_ROOT_UNNAMED), ("", M.MM_SLASH_ROOT_UNNAMED),
])
def test_slash_root_names_only_a_plain_username(user_name, root):
    from adapters.mattermost.adapter import MattermostAdapter
    from adapters.mattermost.slash import SlashCommand

    command = SlashCommand("T", "C", "U", user_name, "/dasan", "@channel 주민번호 900101-1234568", "t", "")
    assert MattermostAdapter._slash_root(command) == root
