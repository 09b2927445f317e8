"""Slack text in and out: clean an incoming message for the model, format an answer as Slack mrkdwn.

Incoming text carries Slack's markup (``<@U1>`` mentions, ``<url|label>`` links,
``&lt;`` escapes); the model reads plain text. Outgoing text from the model is
Markdown, which Slack's ``text`` field does not speak (``**bold**`` shows the
stars), so answers posted with ``chat.postMessage``/``chat.update`` are
converted. Native streaming (``markdown_text``) takes Markdown as it is.
"""

from __future__ import annotations

import re

_LINK = re.compile(r"<((?:https?|mailto):[^<>|]+)(?:\|([^<>]*))?>")
_CHANNEL = re.compile(r"<#([A-Z0-9]+)(?:\|([^<>]*))?>")
_SPECIAL = re.compile(r"<!(here|channel|everyone)(?:\|[^<>]*)?>")
_SUBTEAM = re.compile(r"<!subteam\^[A-Z0-9]+(?:\|([^<>]*))?>")


def clean_incoming(text: str, bot_user_id: str) -> str:
    """The user's words without the bot mention and without Slack's markup."""
    if bot_user_id:
        text = re.sub(rf"<@{re.escape(bot_user_id)}(?:\|[^<>]*)?>", " ", text)
    text = _LINK.sub(lambda m: _link_text(m.group(1), m.group(2)), text)
    text = _CHANNEL.sub(lambda m: f"#{m.group(2) or m.group(1)}", text)
    text = _SPECIAL.sub(lambda m: f"@{m.group(1)}", text)
    text = _SUBTEAM.sub(lambda m: m.group(1) or "@group", text)
    text = text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")
    lines = [re.sub(r"[ \t\u00a0]+", " ", line).strip() for line in text.split("\n")]
    return "\n".join(lines).strip()


def _link_text(url: str, label: str | None) -> str:
    target = url.removeprefix("mailto:")
    if not label or label == url or label == target:
        return target
    return f"{label} ({target})"


# Slack tokens an answer may legitimately contain (a user or channel the model
# echoed). Broadcasts (<!channel>, <!here>, <!everyone>) are never kept: a model
# must not be able to notify a whole channel.
_KEEP_TOKEN = re.compile(r"<[@#][A-Z0-9]+(?:\|[^<>]*)?>")
_FENCE = re.compile(r"(```.*?```|`[^`\n]+`)", re.S)


_BROADCAST = re.compile(r"<!(here|channel|everyone)(?:\|[^<>]*)?>")


def defuse_broadcasts(text: str) -> str:
    """Answers never notify a whole channel: <!channel> becomes plain "@channel"."""
    return _BROADCAST.sub(lambda m: f"@{m.group(1)}", text)


def escape(text: str) -> str:
    """Escape &, <, > as Slack asks, keeping user/channel mention tokens working."""
    out: list[str] = []
    pos = 0
    for m in _KEEP_TOKEN.finditer(text):
        out.append(escape_plain(text[pos : m.start()]))
        out.append(m.group(0))
        pos = m.end()
    out.append(escape_plain(text[pos:]))
    return "".join(out)


def escape_plain(text: str) -> str:
    """Escape &, <, > everywhere: no Slack token (mention, link, <!channel>) survives."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def to_mrkdwn(markdown: str) -> str:
    """Common Markdown to Slack mrkdwn; code spans and blocks are left as they are (escaped only)."""
    parts = _FENCE.split(markdown)
    for i, part in enumerate(parts):
        if i % 2 == 1:  # code: Slack renders ``` and ` itself
            parts[i] = escape_plain(part)
        else:
            parts[i] = _convert_prose(part)
    return "".join(parts)


def _convert_prose(text: str) -> str:
    text = escape(text)
    # Links first, so their brackets are not read as emphasis.
    text = re.sub(r"\[([^\]\n]+)\]\((https?://[^)\s]+)\)", lambda m: f"<{m.group(2)}|{m.group(1)}>", text)
    # Single-star italics before double-star bold: mrkdwn's *x* is bold.
    text = re.sub(r"(?<![*\w])\*(?![\s*])([^*\n]+?)(?<![\s*])\*(?![*\w])", r"_\1_", text)
    text = re.sub(r"\*\*(?!\s)(.+?)(?<!\s)\*\*", r"*\1*", text)
    text = re.sub(r"(?<!\w)__(?!\s)(.+?)(?<!\s)__(?!\w)", r"*\1*", text)
    text = re.sub(r"~~(?!\s)(.+?)(?<!\s)~~", r"~\1~", text)
    text = re.sub(r"(?m)^[ \t]{0,3}#{1,6}[ \t]+(.+?)[ \t#]*$", r"*\1*", text)
    text = re.sub(r"(?m)^([ \t]*)[-*+][ \t]+", r"\1• ", text)
    return text
