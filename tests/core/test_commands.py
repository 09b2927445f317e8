import pytest

from bot.commands import COMMANDS, parse_command


@pytest.mark.parametrize("text,name", [
    ("요약", "요약"), ("summarize", "요약"), ("/요약", "요약"), ("SUMMARIZE", "요약"),
    ("질문 예산은?", "질문"), ("ask what?", "질문"), ("초안 보도자료 축제", "초안"), ("draft x", "초안"),
    ("번역 hello", "번역"), ("translate 안녕", "번역"), ("검색 날씨", "검색"), ("search x", "검색"),
    ("그림 벚꽃", "그림"), ("image cat", "그림"), ("분석", "분석"), ("analyze", "분석"),
    ("교정 본문", "교정"), ("proofread x", "교정"), ("모델", "모델"), ("models", "모델"),
    ("도움말", "도움말"), ("help", "도움말"),
])
def test_command_words_korean_and_english(text, name):
    parsed = parse_command(text)
    assert parsed.name == name
    assert parsed.routed_by == "explicit"


def test_plain_text_is_chat_with_its_text():
    parsed = parse_command("오늘 회의 잘 부탁드립니다")
    assert parsed.name == "대화" and parsed.routed_by == "default"
    assert parsed.args == "오늘 회의 잘 부탁드립니다"


@pytest.mark.parametrize("text,name", [
    ("이 파일 요약해줘", "요약"), ("첨부한 보고서 정리해 주세요", "요약"), ("이 문장 영어로 번역해줘", "번역"),
    ("보도자료 초안 써줘", "초안"), ("이 공문 검토해 주세요", "교정"), ("벚꽃 그림 그려줘", "그림"),
])
def test_mention_keywords_route(text, name):
    parsed = parse_command(text)
    assert parsed.name == name and parsed.routed_by == "keyword"


def test_file_with_question_routes_to_ask_and_bare_file_to_summary():
    assert parse_command("예산은 얼마인가요?", has_attachments=True).name == "질문"
    assert parse_command("", has_attachments=True).name == "요약"
    assert parse_command("예산은 얼마인가요?").name == "대화"


@pytest.mark.parametrize("text", ["요약 --model gpt", "요약 --model=gpt", "요약 모델=gpt", "요약 -- model"[:0] + "요약 --model   gpt"])
def test_model_option_forms(text):
    parsed = parse_command(text)
    assert parsed.options == {"model": "gpt"}
    assert parsed.args == ""


def test_options_are_removed_and_rest_kept_verbatim():
    parsed = parse_command("번역 --to en 첫 줄\n둘째 줄 모델=deepl")
    assert parsed.options == {"to": "en", "model": "deepl"}
    assert parsed.args == "첫 줄\n둘째 줄"


def test_length_words_only_for_summary():
    assert parse_command("요약 짧게").options == {"length": "short"}
    assert parse_command("이 파일 자세히 요약해줘").options == {"length": "long"}
    chat = parse_command("짧게 말해줘")
    assert chat.options == {} and chat.args == "짧게 말해줘"


def test_option_errors_are_reported():
    assert parse_command("요약 --colour red").errors == ["unknown_option:colour"]
    assert parse_command("요약 --model").errors == ["missing_value:model"]


def test_every_command_has_help_text():
    from bot import messages as M

    assert {c.name for c in COMMANDS} == set(M.COMMAND_HELP)


@pytest.mark.parametrize("text", ["접수 --> 검토 순서로 진행", "오늘 회의 --- 정리", "점수는 --5점 감점"])
def test_dashes_in_prose_are_text(text):
    parsed = parse_command(text)
    assert parsed.errors == [] and parsed.args == text


def test_key_value_only_for_keys_the_command_takes():
    draft = parse_command("초안 보도자료 대상=전 직원 형식=자유")
    assert draft.args == "보도자료 대상=전 직원 형식=자유" and draft.options == {}
    assert parse_command("번역 대상=en 안녕").options == {"to": "en"}
    assert parse_command("초안 보도자료 형식=docx").options == {"format": "docx"}
