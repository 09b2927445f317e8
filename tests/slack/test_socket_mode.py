"""End to end over Socket Mode: fake Slack → slack_sdk WebSocket → bolt → adapter → real pipeline (offline) → Web API."""

from __future__ import annotations

import time

from bot import messages as M
from tests.fakes.slack_api import FakeSlack
from tests.slack.conftest import DM, OTHER, PRIVATE, PUBLIC, USER, make_settings, running

TEXT = "다산 정약용은 조선 후기의 실학자이다. 목민심서를 지었다. 수원 화성 설계에 참여했다."


def answer_in(slack: FakeSlack, channel: str, thread_ts: str, needle: str = M.OFFLINE_LABEL):
    def check():
        return [m for m in slack.bot_replies(channel, thread_ts) if needle in m["text"] and not m.get("streaming")]

    return check


async def test_mention_gets_a_threaded_streamed_answer(slack_env: FakeSlack) -> None:
    slack = slack_env
    settings = make_settings(slack)
    async with running(slack, settings):
        body = slack.mention(PUBLIC, "<@UBOT> 안녕하세요")
        ack = await slack.socket_event(body)
        assert ack["envelope_id"]
        ts = body["event"]["ts"]
        [answer] = await slack.wait_for(answer_in(slack, PUBLIC, ts))
    assert answer["thread_ts"] == ts  # in the mention's thread, not the channel
    assert "오프라인 모드" in answer["text"] and "자유 대화" in answer["text"]
    # Streamed natively and completed by stopStream; a status placeholder, if the answer was slow
    # enough for one to appear, gave way to the stream.
    methods = [c.method for c in slack.calls if c.method.startswith("chat.")]
    assert [m for m in methods if m not in ("chat.postMessage", "chat.delete")] == [
        "chat.startStream", "chat.stopStream"], methods
    assert methods.count("chat.postMessage") == methods.count("chat.delete")
    start = slack.calls_to("chat.startStream")[0].args
    assert start["recipient_user_id"] == USER and start["recipient_team_id"] == slack.team_id
    assert len(slack.bot_replies(PUBLIC, ts)) == 1


async def test_dm_is_answered_in_the_dm_thread(slack_env: FakeSlack) -> None:
    slack = slack_env
    async with running(slack, make_settings(slack, streaming="update")):
        body = slack.dm(DM, f"요약 {TEXT}")
        await slack.socket_event(body)
        ts = body["event"]["ts"]
        [answer] = await slack.wait_for(answer_in(slack, DM, ts))
    assert answer["thread_ts"] == ts
    assert "정약용" in answer["text"] and "요약" in answer["text"]
    # Update mode: the status message became the answer (one post, then edits in place).
    assert len(slack.calls_to("chat.postMessage")) == 1
    assert not slack.calls_to("chat.startStream")
    assert not slack.calls_to("conversations.info")  # the DM event said channel_type=im


async def test_slash_command_is_acked_before_the_answer_work_ends(slack_env: FakeSlack) -> None:
    slack = slack_env
    slack.delays["chat.postMessage"] = 0.5  # make the answer side slow, so the order is observable
    async with running(slack, make_settings(slack)):
        form = slack.command_form(f"요약 {TEXT}", channel=PUBLIC)
        sent = time.monotonic()
        ack = await slack.socket_command(form)
        acked = time.monotonic()
        [root] = await slack.wait_for(
            lambda: [m for m in slack.messages[PUBLIC] if m.get("bot_id") and "님의 요청" in m["text"]]
        )
        [answer] = await slack.wait_for(answer_in(slack, PUBLIC, root["ts"]))
    assert ack["payload"]["text"] == M.SLACK_COMMAND_ACK
    assert acked - sent < 3.0  # Slack's limit
    posts = slack.calls_to("chat.postMessage")
    assert acked < posts[0].at + 0.5 <= posts[-1].at + 0.5  # acked before the first post was even answered
    assert root["text"] == f"<@{USER}>님의 요청"
    assert "thread_ts" not in root
    assert "정약용" in answer["text"]


async def test_slash_command_root_does_not_echo_the_request(slack_env: FakeSlack) -> None:
    slack = slack_env
    request = f"요약 {TEXT} 담당자 연락처 010-1234-5678 <!channel> <!here|here> @channel @everyone <!everyone>"
    async with running(slack, make_settings(slack)):
        await slack.socket_command(slack.command_form(request, channel=PUBLIC))
        [root] = await slack.wait_for(
            lambda: [m for m in slack.messages[PUBLIC] if m.get("bot_id") and "님의 요청" in m["text"]]
        )
        [answer] = await slack.wait_for(answer_in(slack, PUBLIC, root["ts"]))
        # A follow-up in the command's thread is still answered there.
        body = slack.mention(PUBLIC, "<@UBOT> 질문 다산은 무엇을 지었나요?", thread_ts=root["ts"])
        await slack.socket_event(body)

        def both_answers() -> list[dict] | None:
            found = answer_in(slack, PUBLIC, root["ts"])()
            return found if len(found) == 2 else None

        [_, follow_up] = await slack.wait_for(both_answers)
    # The channel post names the requester only: no request text, no personal data, no broadcast.
    assert root["text"] == f"<@{USER}>님의 요청"
    assert "thread_ts" not in root
    assert "정약용" in answer["text"]  # the pipeline still got the request text
    assert follow_up["thread_ts"] == root["ts"] and "오프라인 모드" in follow_up["text"]


async def test_follow_up_reads_the_thread(slack_env: FakeSlack) -> None:
    slack = slack_env
    async with running(slack, make_settings(slack)):
        parent = slack.user_post(PUBLIC, "내년 청년 일자리 사업 예산은 12억 원으로 확정되었습니다. 담당 부서는 일자리정책과입니다.")
        slack.user_post(PUBLIC, "회의는 다음 주 화요일입니다.", thread_ts=parent["ts"], user="U0OTHER")
        body = slack.mention(PUBLIC, "<@UBOT> 질문 청년 일자리 사업 예산은 얼마인가요?", thread_ts=parent["ts"])
        await slack.socket_event(body)
        [answer] = await slack.wait_for(answer_in(slack, PUBLIC, parent["ts"]))
    assert "12억 원" in answer["text"]  # from the parent message, re-read through conversations.replies
    [replies] = slack.calls_to("conversations.replies")
    assert replies.args["ts"] == parent["ts"] and replies.args["latest"] == body["event"]["ts"]


async def test_file_summary_downloads_with_the_bot_token(slack_env: FakeSlack) -> None:
    slack = slack_env
    content = "민원 처리 지침 개정안\n\n민원 처리 기한을 7일에서 5일로 단축한다. 전자 민원 창구를 24시간 운영한다.\n"
    f = slack.add_file("지침.txt", content.encode("utf-8"), "text/plain", user=USER)
    async with running(slack, make_settings(slack)):
        body = slack.mention(PUBLIC, "<@UBOT> 요약", files=[f])
        await slack.socket_event(body)
        [answer] = await slack.wait_for(answer_in(slack, PUBLIC, body["event"]["ts"]))
    assert "지침.txt" in answer["text"] and "5일로 단축" in answer["text"]
    assert len(slack.calls_to("file.download")) == 1


async def test_retried_event_is_answered_once(slack_env: FakeSlack) -> None:
    slack = slack_env
    async with running(slack, make_settings(slack)):
        body = slack.mention(PUBLIC, "<@UBOT> 안녕")
        await slack.socket_event(body)
        await slack.socket_event(body, retry_attempt=1)  # Slack thought the first delivery failed
        ts = body["event"]["ts"]
        await slack.wait_for(answer_in(slack, PUBLIC, ts))
        # Another request after the retry: once it is answered, the retry has certainly been handled.
        later = slack.mention(PUBLIC, "<@UBOT> 두 번째")
        await slack.socket_event(later)
        await slack.wait_for(answer_in(slack, PUBLIC, later["event"]["ts"]))
    assert len(slack.bot_replies(PUBLIC, ts)) == 1
    assert len(slack.calls_to("chat.startStream")) == 2  # one stream per request, none for the retry


async def test_disallowed_channel_is_refused_in_korean(slack_env: FakeSlack) -> None:
    slack = slack_env
    async with running(slack, make_settings(slack, access={"channels": [PUBLIC]})):
        body = slack.mention(OTHER, "<@UBOT> 요약 아무 내용")
        await slack.socket_event(body)
        [refusal] = await slack.wait_for(answer_in(slack, OTHER, body["event"]["ts"], needle=M.ERR_ACCESS))
        # The slash command's refusal goes only to the requester; nothing is posted in the channel.
        form = slack.command_form("요약 아무 내용", channel=OTHER)
        await slack.socket_command(form)
        [private] = await slack.wait_for(lambda: slack.responses)
    assert refusal["text"] == M.ERR_ACCESS
    assert private["text"] == M.ERR_ACCESS and private["response_type"] == "ephemeral"
    assert not [m for m in slack.messages[OTHER] if "님의 요청" in m["text"]]


async def test_private_channel_refused_when_public_only(slack_env: FakeSlack) -> None:
    slack = slack_env
    async with running(slack, make_settings(slack, access={"public_channels_only": True})):
        body = slack.mention(PRIVATE, "<@UBOT> 안녕")
        await slack.socket_event(body)
        await slack.wait_for(answer_in(slack, PRIVATE, body["event"]["ts"], needle=M.ERR_ACCESS))
        ok = slack.mention(PUBLIC, "<@UBOT> 안녕")
        await slack.socket_event(ok)
        await slack.wait_for(answer_in(slack, PUBLIC, ok["event"]["ts"]))
    # app_mention has no channel_type: the type came from conversations.info.
    assert {c.args["channel"] for c in slack.calls_to("conversations.info")} == {PRIVATE, PUBLIC}


async def test_bot_messages_get_no_answer(slack_env: FakeSlack) -> None:
    slack = slack_env
    async with running(slack, make_settings(slack)):
        own = slack.dm(DM, "내가 쓴 답변", user=slack.bot_user_id)
        own["event"]["bot_id"] = slack.bot_id
        other = slack.dm(DM, "다른 봇의 알림", user="UOTHERBOT")
        other["event"]["bot_id"] = "BOTHER"
        classic = slack.dm(DM, "웹훅 알림")
        classic["event"].pop("user")
        classic["event"].update(subtype="bot_message", bot_id="BHOOK", username="hook")
        for body in (own, other, classic):
            await slack.socket_event(body)
        person = slack.dm(DM, "안녕")
        await slack.socket_event(person)
        await slack.wait_for(answer_in(slack, DM, person["event"]["ts"]))
    bot_posts = [c for c in slack.calls if c.method in ("chat.postMessage", "chat.startStream")]
    assert {c.args["thread_ts"] for c in bot_posts} == {person["event"]["ts"]}


async def test_assistant_thread_prompts_status_and_title(slack_env: FakeSlack) -> None:
    slack = slack_env
    async with running(slack, make_settings(slack)):
        started = slack.assistant_thread_started(DM)
        await slack.socket_event(started)
        thread_ts = started["event"]["assistant_thread"]["thread_ts"]
        [prompts] = await slack.wait_for(lambda: slack.calls_to("assistant.threads.setSuggestedPrompts"))
        slack.delays["conversations.replies"] = 0.3  # reading the thread takes a moment: the status shows
        body = slack.dm(DM, f"요약 {TEXT}", thread_ts=thread_ts)
        await slack.socket_event(body)
        await slack.wait_for(answer_in(slack, DM, thread_ts))
    assert [p["title"] for p in prompts.args["prompts"]] == [t for t, _ in M.SLACK_SUGGESTED_PROMPTS]
    statuses = [c.args["status"] for c in slack.calls_to("assistant.threads.setStatus")]
    assert statuses and statuses[0] == M.THINKING
    assert not [m for m in slack.thread(DM, thread_ts) if M.THINKING in m["text"]]  # no placeholder message
    [title] = slack.calls_to("assistant.threads.setTitle")
    assert title.args["title"].startswith("요약 다산 정약용") and len(title.args["title"]) <= M.SLACK_TITLE_MAX


async def test_streaming_falls_back_to_updates_when_the_server_lacks_it(slack_env: FakeSlack) -> None:
    slack = slack_env
    slack.disabled.add("chat.startStream")  # e.g. an Enterprise host without the AI streaming methods
    async with running(slack, make_settings(slack)):
        first = slack.mention(PUBLIC, "<@UBOT> 안녕")
        await slack.socket_event(first)
        [a1] = await slack.wait_for(answer_in(slack, PUBLIC, first["event"]["ts"]))
        second = slack.mention(PUBLIC, "<@UBOT> 다시 안녕")
        await slack.socket_event(second)
        await slack.wait_for(answer_in(slack, PUBLIC, second["event"]["ts"]))
    assert "자유 대화" in a1["text"]
    assert len(slack.calls_to("chat.startStream")) == 1  # tried once, then remembered
    assert slack.calls_to("chat.update")


async def test_socket_reconnects_after_disconnect(slack_env: FakeSlack) -> None:
    slack = slack_env
    async with running(slack, make_settings(slack)):
        await slack.socket_disconnect()
        await slack.wait_for(lambda: slack.connections_opened == 2 and slack.socket_connections == 1)
        assert len(slack.calls_to("apps.connections.open")) == 2  # a fresh URL for the new connection
        body = slack.dm(DM, "안녕")
        await slack.socket_event(body)
        await slack.wait_for(answer_in(slack, DM, body["event"]["ts"]))


async def test_unexpected_payload_still_gets_one_answer(slack_env: FakeSlack) -> None:
    slack = slack_env
    async with running(slack, make_settings(slack)):
        body = slack.dm(DM, "요약")
        body["event"]["subtype"] = "file_share"
        body["event"]["files"] = ["not-a-file-object"]  # a payload shape the adapter does not expect
        await slack.socket_event(body)
        [answer] = await slack.wait_for(answer_in(slack, DM, body["event"]["ts"], needle=M.ERR_INTERNAL))
    assert answer["text"] == M.ERR_INTERNAL
