"""Thread context is re-read from Slack every time: parent plus the most recent replies before the request."""

from __future__ import annotations

import aiohttp
import pytest

from adapters.slack import thread as thread_module
from adapters.slack.client import BotIdentity, build_web_client
from adapters.slack.thread import read_thread
from tests.fakes.slack_api import FakeSlack
from tests.slack.conftest import PUBLIC, USER, make_settings


@pytest.mark.parametrize("page_size", [200, 3])  # one page, and several pages through the cursor
async def test_parent_and_latest_replies_before_the_request(slack: FakeSlack, page_size: int,
                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(thread_module, "PAGE_SIZE", page_size)
    me = BotIdentity(user_id=slack.bot_user_id, bot_id=slack.bot_id, team_id=slack.team_id)
    parent = slack.add_message(PUBLIC, "주제: 청사 이전 계획", user=USER)
    for i in range(8):
        slack.add_message(PUBLIC, f"의견 {i}", user="U0OTHER", thread_ts=parent["ts"])
    slack.add_message(PUBLIC, "이전 답변입니다", user=slack.bot_user_id, bot_id=slack.bot_id, thread_ts=parent["ts"])
    slack.add_message(PUBLIC, "", user=USER, thread_ts=parent["ts"],
                      files=[slack.add_file("배치도.pdf", b"%PDF-1.4", "application/pdf")])
    trigger = slack.add_message(PUBLIC, "<@UBOT> 요약", user=USER, thread_ts=parent["ts"])
    slack.add_message(PUBLIC, "요청 뒤에 쓴 글", user="U0OTHER", thread_ts=parent["ts"])

    async with aiohttp.ClientSession(trust_env=False) as session:
        client = build_web_client(make_settings(slack), slack.bot_token, session)
        got = await read_thread(client, channel=PUBLIC, thread_ts=parent["ts"], before_ts=trigger["ts"], limit=4,
                                identity=me, bot_name="다산")
        again = await read_thread(client, channel=PUBLIC, thread_ts=parent["ts"], before_ts=trigger["ts"], limit=4,
                                  identity=me, bot_name="다산")
    assert [(m.author, m.text, m.is_bot) for m in got] == [
        (USER, "주제: 청사 이전 계획", False),
        ("U0OTHER", "의견 7", False),
        ("다산", "이전 답변입니다", True),
        (USER, "(첨부 파일: 배치도.pdf)", False),
    ]
    assert again == got
    calls = slack.calls_to("conversations.replies")
    assert len(calls) == 2 * (1 if page_size == 200 else 4)  # re-read each time: nothing cached
