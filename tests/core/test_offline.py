"""The offline provider on real Korean text."""

from pathlib import Path

from bot.app import build_pipeline
from bot.config import Settings
from bot.text.sentences import split_sentences
from bot.text.textrank import summarize
from bot.text.passages import best_passages
from tests.helpers import RecordingReply, bytes_attachment, make_request

REPORT = (Path(__file__).parent / "data" / "report.txt").read_text(encoding="utf-8")


def test_sentence_split_keeps_dates_and_numbers_whole():
    sents = split_sentences("2025. 7. 31.(목) 회의를 엽니다. 예산은 113,560원입니다. 참석 바랍니다!")
    assert sents == ["2025. 7. 31.(목) 회의를 엽니다.", "예산은 113,560원입니다.", "참석 바랍니다!"]


def test_summary_is_extractive_ordered_and_central():
    picked = summarize(REPORT, 3)
    sentences = split_sentences(REPORT)
    assert len(picked) == 3
    assert all(p in sentences for p in picked)  # extractive: whole original sentences
    assert [sentences.index(p) for p in picked] == sorted(sentences.index(p) for p in picked)
    assert any("민원" in p for p in picked)


def test_question_finds_the_passage_with_the_answer():
    passages = best_passages("민원 처리 기간은 얼마나 줄었나요?", [("1절", REPORT)])
    assert "3.1일" in passages[0].text


async def test_summary_reply_labels_offline_and_names_file():
    pipeline = build_pipeline(Settings())
    reply = RecordingReply()
    att = bytes_attachment("보고서.txt", REPORT.encode("utf-8"))
    await pipeline.handle(make_request("요약", attachments=[att]), reply)
    kind, text = reply.final
    assert kind == "finish"
    assert "보고서.txt" in text and "오프라인 모드 (언어 모델 미연결)" in text
    assert text.count("• ") == 5


async def test_ask_quotes_with_location():
    pipeline = build_pipeline(Settings())
    reply = RecordingReply()
    att = bytes_attachment("보고서.txt", REPORT.encode("utf-8"))
    await pipeline.handle(make_request("질문 만족도 조사에서 몇 퍼센트가 만족했나요?", attachments=[att]), reply)
    text = reply.final[1]
    assert "87%" in text and "1절" in text


async def test_thread_summary_uses_reread_thread():
    from bot.request import ThreadMessage

    async def thread():
        return [ThreadMessage("김주무관", "내일 14:00에 대회의실에서 예산 회의를 엽니다. 자료는 오늘 공유하겠습니다."),
                ThreadMessage("이팀장", "예산 회의 안건에 야간 상담 인력 확충도 넣어 주세요. 인력 배치안이 필요합니다.")]

    pipeline = build_pipeline(Settings())
    reply = RecordingReply()
    await pipeline.handle(make_request("요약", thread=thread), reply)
    text = reply.final[1]
    assert "스레드" in text and "예산 회의" in text


async def test_offline_tasks_it_cannot_do_say_which_model(monkeypatch):
    pipeline = build_pipeline(Settings())
    for command, need in (("번역 안녕하세요", "DeepL"), ("검색 날씨", "Perplexity"), ("그림 벚꽃", "이미지")):
        reply = RecordingReply()
        await pipeline.handle(make_request(command), reply)
        assert reply.final[0] == "finish" and need in reply.final[1]


async def test_offline_follow_up_question_answers_from_the_thread():
    from bot.request import ThreadMessage

    async def thread():
        return [ThreadMessage("다산", "• 하반기 사업 예산 3억 2천만 원을 추가로 확보할 계획이다.", is_bot=True),
                ThreadMessage("김주무관", "회의는 목요일 14:00입니다.")]

    pipeline = build_pipeline(Settings())
    reply = RecordingReply()
    await pipeline.handle(make_request("예산은 얼마인가요?", thread=thread), reply)
    kind, text = reply.final
    assert kind == "finish" and "3억 2천만 원" in text
    plain = RecordingReply()
    await pipeline.handle(make_request("안녕하세요"), plain)
    assert "자유 대화는 할 수 없습니다" in plain.final[1]


def test_answer_sentence_outranks_its_heading():
    passages = best_passages("만족도는 몇 퍼센트인가요?", [("1절", REPORT)])
    assert "87%" in passages[0].text
