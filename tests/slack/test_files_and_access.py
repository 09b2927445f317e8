"""File limits and workspace access, end to end through the real pipeline."""

from __future__ import annotations

import aiohttp
import pytest

from adapters.slack.client import build_web_client
from adapters.slack.files import FileSource, trusted_hosts
from bot import messages as M
from documents.errors import DocumentError
from tests.fakes.slack_api import FakeSlack
from tests.slack.conftest import DM, PUBLIC, USER, make_settings, running
from tests.slack.test_socket_mode import answer_in

LIMITS = {"max_file_mb": 0.01}  # 10,000 bytes
BIG = ("가나다라마바사아자차카타파하 " * 600).encode("utf-8")  # ~25,000 bytes


async def ask_with_file(slack: FakeSlack, f: dict, needle: str) -> str:
    async with running(slack, make_settings(slack, limits=LIMITS)):
        body = slack.dm(DM, "요약", files=[f])
        await slack.socket_event(body)
        [answer] = await slack.wait_for(answer_in(slack, DM, body["event"]["ts"], needle=needle))
    return answer["text"]


async def test_file_over_the_limit_is_refused_before_download(slack_env: FakeSlack) -> None:
    f = slack_env.add_file("큰파일.txt", BIG, user=USER)
    text = await ask_with_file(slack_env, f, "너무 큽니다")
    assert "큰파일.txt" in text
    assert not slack_env.calls_to("file.download")


async def test_limit_is_enforced_while_reading(slack_env: FakeSlack) -> None:
    f = slack_env.add_file("작다고한파일.txt", BIG, user=USER)
    f["size"] = 100  # the platform's reported size is wrong
    slack_env.chunked_downloads = True  # and no Content-Length: only counting while reading catches it
    text = await ask_with_file(slack_env, f, "너무 큽니다")
    assert "작다고한파일.txt" in text
    assert len(slack_env.calls_to("file.download")) == 1


async def test_file_slack_will_not_hand_over(slack_env: FakeSlack) -> None:
    f = slack_env.add_file("지워진파일.txt", "내용".encode(), user=USER)
    del slack_env.files[f["id"]]  # deleted after the event was sent: Slack answers a sign-in page
    await ask_with_file(slack_env, f, M.SLACK_FILE_DOWNLOAD_FAILED.format(name="지워진파일.txt"))


@pytest.mark.parametrize("allowed,answered", [(["E0ORG"], True), (["T0FAKE"], True), (["E0ELSE", "T0ELSE"], False)])
async def test_enterprise_or_team_id_admits(monkeypatch: pytest.MonkeyPatch, allowed, answered) -> None:
    async with FakeSlack(enterprise_id="E0ORG") as slack:
        slack.add_channel(PUBLIC, "public")
        for name, value in (("SLACK_BOT_TOKEN", slack.bot_token), ("SLACK_APP_TOKEN", slack.app_token)):
            monkeypatch.setenv(name, value)
        async with running(slack, make_settings(slack, access={"workspaces": allowed})):
            body = slack.mention(PUBLIC, "<@UBOT> 안녕")
            await slack.socket_event(body)
            needle = M.OFFLINE_LABEL if answered else M.ERR_ACCESS
            await slack.wait_for(answer_in(slack, PUBLIC, body["event"]["ts"], needle=needle))


async def test_download_stops_at_the_limit_whatever_the_reported_size(slack: FakeSlack) -> None:
    f = slack.add_file("작다고한파일.txt", BIG, user=USER)
    f["size"] = 100
    slack.chunked_downloads = True
    async with aiohttp.ClientSession(trust_env=False) as session:
        client = build_web_client(make_settings(slack), slack.bot_token, session)
        source = FileSource(client, session, slack.bot_token, max_bytes=10_000, limit_label="0.01MB",
                            hosts=trusted_hosts(slack.api_url, []))
        [attachment] = await source.attachments([f])
        assert attachment.size == 100 and attachment.mime_type == "text/plain"
        with pytest.raises(DocumentError) as info:
            await attachment.read()
        assert info.value.code == "too_large"
        small = slack.add_file("작은파일.txt", "짧은 내용".encode(), user=USER)
        [ok] = await source.attachments([small])
        assert await ok.read() == "짧은 내용".encode()
