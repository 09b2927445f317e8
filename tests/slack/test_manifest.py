"""The app manifest admins paste into Slack agrees with what the adapter does."""

from __future__ import annotations

from pathlib import Path

import yaml

from bot import messages as M
from bot.config import SlackSettings

MANIFEST = yaml.safe_load((Path(__file__).resolve().parents[2] / "docs" / "slack-app-manifest.yaml").read_text())


def test_suggested_prompts_match_the_ones_sent_at_thread_start() -> None:
    prompts = MANIFEST["features"]["assistant_view"]["suggested_prompts"]
    assert [(p["title"], p["message"]) for p in prompts] == list(M.SLACK_SUGGESTED_PROMPTS)


def test_slash_command_and_socket_mode_match_the_defaults() -> None:
    [command] = MANIFEST["features"]["slash_commands"]
    assert command["command"] == SlackSettings().slash_command
    assert MANIFEST["settings"]["socket_mode_enabled"] is (SlackSettings().mode == "socket")


def test_scopes_cover_every_method_the_adapter_calls() -> None:
    scopes = set(MANIFEST["oauth_config"]["scopes"]["bot"])
    needed = {"app_mentions:read", "assistant:write", "chat:write", "commands", "files:read", "files:write",
              "channels:history", "groups:history", "im:history", "channels:read", "users:read"}
    assert needed <= scopes
    assert set(MANIFEST["settings"]["event_subscriptions"]["bot_events"]) == {
        "app_mention", "message.im", "assistant_thread_started", "assistant_thread_context_changed"}
