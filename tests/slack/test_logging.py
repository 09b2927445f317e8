"""Logs carry metadata only: no message text, file content or answer, even at DEBUG."""

from __future__ import annotations

import logging

import pytest

from bot import messages as M
from tests.fakes.slack_api import FakeSlack
from tests.slack.conftest import DM, PUBLIC, USER, make_settings, running
from tests.slack.test_socket_mode import answer_in

SECRET_TEXT = "비밀회의록알파브라보"
SECRET_FILE = "파일속기밀문장찰리델타"


async def test_no_content_in_logs(slack_env: FakeSlack, caplog: pytest.LogCaptureFixture) -> None:
    slack = slack_env
    caplog.set_level(logging.DEBUG)
    f = slack.add_file("회의.txt", f"{SECRET_FILE}. 다음 회의는 월요일이다.".encode(), user=USER)
    async with running(slack, make_settings(slack, extra={"bot": {"log_level": "DEBUG"}})):
        mention = slack.mention(PUBLIC, f"<@UBOT> 요약 {SECRET_TEXT} 내용을 정리했습니다. 예산은 3억 원입니다.")
        await slack.socket_event(mention)
        dm = slack.dm(DM, "요약", files=[f])
        await slack.socket_event(dm)
        command = slack.command_form(f"요약 {SECRET_TEXT} 두 번째", channel=PUBLIC)
        await slack.socket_command(command)
        await slack.wait_for(answer_in(slack, PUBLIC, mention["event"]["ts"]))
        [answer] = await slack.wait_for(answer_in(slack, DM, dm["event"]["ts"]))
        await slack.wait_for(lambda: [m for m in slack.messages[PUBLIC] if "두 번째" in m["text"] and M.OFFLINE_LABEL
                                      in m["text"]])
    assert SECRET_FILE in answer["text"]  # the content did flow through the bot...
    logged = "\n".join(f"{r.name} {r.getMessage()}" for r in caplog.records)
    assert "dasan.slack" in logged  # ...and the adapter did log
    for secret in (SECRET_TEXT, SECRET_FILE, "3억 원", slack.bot_token, slack.app_token):
        assert secret not in logged  # ...but none of it reached the logs
