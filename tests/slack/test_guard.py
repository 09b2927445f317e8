"""Who gets answered, and which workspace id the access check sees."""

from __future__ import annotations

from adapters.slack.client import BotIdentity
from adapters.slack.files import host_is_trusted, trusted_hosts
from adapters.slack.guard import event_keys, first_delivery, is_answerable, workspace_for
from bot.state import MemoryStateStore

ME = BotIdentity(user_id="UBOT", bot_id="BBOT", team_id="T1")


def test_only_new_messages_from_people_are_answerable() -> None:
    assert is_answerable({"type": "message", "user": "U1", "text": "x"}, ME)
    assert is_answerable({"type": "message", "subtype": "file_share", "user": "U1"}, ME)
    assert not is_answerable({"type": "message", "user": "UBOT", "text": "x"}, ME)
    assert not is_answerable({"type": "message", "user": "U2", "bot_id": "BOTHER"}, ME)
    assert not is_answerable({"type": "message", "subtype": "bot_message", "bot_id": "B9"}, ME)
    assert not is_answerable({"type": "message", "subtype": "message_changed", "message": {"user": "U1"}}, ME)
    assert not is_answerable({"type": "message", "subtype": "channel_join", "user": "U1"}, ME)


async def test_same_post_through_two_event_types_is_handled_once() -> None:
    state = MemoryStateStore()
    post = {"channel": "C1", "ts": "1.000100", "user": "U1"}
    mention = event_keys({"team_id": "T1", "event_id": "Ev1"}, {**post, "type": "app_mention"})
    message = event_keys({"team_id": "T1", "event_id": "Ev2"}, {**post, "type": "message"})
    assert await first_delivery(state, *mention)
    assert not await first_delivery(state, *message)
    assert not await first_delivery(state, *mention)  # a retry of the first


def test_workspace_matches_team_or_enterprise() -> None:
    assert workspace_for("T1", "E1", []) == "T1"
    assert workspace_for("T1", "E1", ["E1"]) == "E1"
    assert workspace_for("T1", "E1", ["T1", "E1"]) == "T1"
    assert workspace_for("T1", None, ["E1"]) == "T1"  # refused by the pipeline, as it should be


def test_bot_token_only_goes_to_slack_hosts() -> None:
    hosts = trusted_hosts("https://slack-gov.com/api/", [])
    assert host_is_trusted("https://files.slack-gov.com/files-pri/T1-F1/a.txt", hosts)
    assert host_is_trusted("https://slack-gov.com/files-pri/T1-F1/a.txt", hosts)
    assert not host_is_trusted("https://files.slack.com/files-pri/T1-F1/a.txt", hosts)
    assert not host_is_trusted("https://evil.example/slack-gov.com/a.txt", hosts)
    assert not host_is_trusted("https://notslack-gov.com/a.txt", hosts)
    assert host_is_trusted("https://files.example.go.kr/x", trusted_hosts("https://slack-gov.com/api/", ["files.example.go.kr"]))
