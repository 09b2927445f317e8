"""Slack markup in and out."""

from __future__ import annotations

from adapters.slack.text import clean_incoming, escape, to_mrkdwn


def test_clean_incoming_removes_the_bot_mention_and_markup() -> None:
    raw = "<@UBOT> 요약해 줘 &lt;첨부&gt; &amp; <https://gov.kr/a|정부24> <#C123|general> <!here> <@U999>"
    assert clean_incoming(raw, "UBOT") == "요약해 줘 <첨부> & 정부24 (https://gov.kr/a) #general @here <@U999>"


def test_clean_incoming_keeps_lines_and_bare_links() -> None:
    assert clean_incoming("<@UBOT|dasan>  첫 줄\n\n<https://x.kr>   둘째  줄 ", "UBOT") == "첫 줄\n\nhttps://x.kr 둘째 줄"


def test_escape_keeps_mentions_but_not_broadcasts() -> None:
    assert escape("<@U1> a<b & c>d <!here>") == "<@U1> a&lt;b &amp; c&gt;d &lt;!here&gt;"


def test_to_mrkdwn() -> None:
    md = "# 제목\n**굵게** 와 *기울임*, ~~취소~~, [정부24](https://gov.kr)\n* 항목 하나\n- 항목 둘\n`a<b` 그대로"
    assert to_mrkdwn(md) == (
        "*제목*\n*굵게* 와 _기울임_, ~취소~, <https://gov.kr|정부24>\n• 항목 하나\n• 항목 둘\n`a&lt;b` 그대로"
    )


def test_to_mrkdwn_leaves_code_blocks() -> None:
    md = "```\n**not bold**\n# not a heading\n```"
    assert to_mrkdwn(md) == md


def test_answers_never_carry_a_broadcast_mention():
    from adapters.slack.text import defuse_broadcasts, to_mrkdwn

    for token in ("<!channel>", "<!here|here>", "<!everyone>"):
        assert "<!" not in to_mrkdwn(f"알림 {token} 입니다")
        assert "<!" not in defuse_broadcasts(f"알림 {token} 입니다")
    assert "<@U123>" in to_mrkdwn("담당 <@U123> 님")
