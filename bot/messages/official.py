"""Korean messages for official documents: proofreading rules, drafting and the proofread CLI."""

# Keyed by message id (a rule may have several); ``{…}`` fields are filled by the rule.
OFFICIAL_RULE_MESSAGES: dict[str, str] = {
    # item symbols (시행규칙 제2조①, 편람 들여쓰기)
    "item.lookalike": "항목 기호 '{found}'은(는) 모양만 비슷한 다른 문자입니다. '{expected}'을(를) 쓰세요.",
    "item.skip": "항목 '{symbol}'이(가) 상위 단계를 건너뛰었습니다. 이 자리에는 '{expected}' 단계가 와야 합니다.",
    "item.skip_start": "항목은 '1.'부터 시작해야 합니다. '{symbol}' 앞에 상위 항목이 없습니다.",
    "item.order": "항목 번호 순서가 맞지 않습니다. '{symbol}' 대신 '{expected}'이(가) 와야 합니다.",
    "item.indent": "'{symbol}' 항목은 {expected}칸 들여 써야 합니다(지금 {found}칸). 하위 항목은 상위 항목보다 2타씩 들여 씁니다.",
    "item.space": "항목 기호 '{symbol}'과(와) 내용 사이는 한 칸만 띄웁니다.",
    "item.single": "같은 단계 항목이 하나뿐이면 항목 기호('{symbol}')를 붙이지 않습니다.",
    # dates and times (영 제7조⑤)
    "date.format": "날짜는 '{expected}'처럼 숫자와 온점으로 씁니다('{found}').",
    "date.format_soft": "공문서 날짜 표기는 '{expected}'입니다('{found}'). 보도자료라면 그대로 두어도 됩니다.",
    "date.invalid": "'{found}'은(는) 달력에 없는 날짜입니다.",
    "date.weekday_space": "요일은 날짜 바로 뒤에 띄우지 않고 붙여 씁니다: '{expected}'.",
    "date.weekday_wrong": "{date}은(는) {actual}요일입니다('{found}'로 적혀 있음). 날짜나 요일을 확인하세요.",
    "time.format": "시각은 24시각제로 '{expected}'처럼 씁니다('{found}').",
    "time.format_soft": "공문서 시각 표기는 '{expected}'입니다('{found}'). 보도자료라면 그대로 두어도 됩니다.",
    "time.pad": "시각의 시는 두 자리로 씁니다: '{expected}'.",
    # money (시행규칙 제2조②)
    "money.format": "금액은 '{expected}'처럼 띄어 쓰지 않고 세 자리마다 쉼표를 찍습니다('{found}').",
    "money.reading_missing": "금액 '{found}' 뒤에 한글 금액을 괄호로 함께 씁니다: '{expected}'.",
    "money.reading_wrong": "괄호 안 한글 금액이 숫자와 다릅니다: '{found}' → '{expected}'.",
    "money.reading_prefix": "괄호 안 한글 금액도 '금'으로 시작합니다: '{expected}'.",
    # attachments and the end mark (편람)
    "attach.colon": "'붙임' 뒤에는 쌍점(:)을 쓰지 않고 두 칸 띄웁니다.",
    "attach.space": "'붙임'과 첨부물 이름 사이는 두 칸(2타) 띄웁니다.",
    "attach.count": "첨부물 이름 뒤에 수량을 '1부.'처럼 적습니다.",
    "attach.count_dot": "첨부물 수량 뒤에 온점을 찍습니다: '{expected}'.",
    "attach.number": "첨부물이 여러 개이면 '1.', '2.'처럼 번호를 붙입니다.",
    "attach.number_single": "첨부물이 하나이면 번호를 붙이지 않습니다.",
    "attach.order": "첨부물 번호 순서가 맞지 않습니다. '{expected}'이(가) 와야 합니다.",
    "attach.word": "첨부물은 '첨부'가 아니라 '붙임'으로 표시합니다.",
    "end.missing": "본문(또는 붙임)의 마지막 줄 끝에 두 칸 띄우고 '끝.'을 씁니다.",
    "end.missing_soft": "보고서·계획서도 본문이 끝나면 두 칸 띄우고 '끝.'을 쓰는 것이 관행입니다.",
    "end.format": "'끝.'은 마지막 글자 뒤에 두 칸 띄우고 온점까지 씁니다: '…  끝.'",
    "end.position": "'끝.'은 본문(또는 붙임)의 마지막 줄 끝에 붙여 씁니다.",
    "end.after": "'끝.' 표시 뒤에 본문이 더 있습니다. '끝.'은 본문의 마지막에만 씁니다.",
    "end.blank_form": "서식(표) 중간에서 내용이 끝나면 다음 빈칸에 '이하 빈칸'을 적습니다.",
    # punctuation, law names
    "punct.colon": "쌍점(:)은 앞말에 붙이고 뒤는 한 칸 띄웁니다: '{expected}'.",
    "law.brackets": "법령 이름은 낫표로 묶습니다: '「{name}」'.",
    "law.brackets_long": "법령 이름 '…{name}'을(를) 낫표(「 」)로 묶었는지 확인하세요.",
    # 두문 / 결문 (시행규칙 제4조, 별지 제1호서식)
    "header.recipient": "기안문·시행문에는 '수신' 줄이 있어야 합니다(예: '수신  수신자 참조', '수신  내부결재').",
    "header.recipient_colon": "'수신' 뒤에는 쌍점을 쓰지 않고 두 칸 띄웁니다.",
    "header.recipient_empty": "'수신' 줄에 받는 기관(또는 '수신자 참조', '내부결재')을 적습니다.",
    "header.recipient_list": "'수신자 참조'로 적었으면 결문에 '수신자' 줄로 받는 곳을 모두 적습니다.",
    "header.via": "수신 줄 다음에 '(경유)' 줄을 둡니다(경유 기관이 없으면 비워 둠).",
    "header.title": "기안문·시행문에는 '제목' 줄이 있어야 합니다.",
    "header.title_colon": "'제목' 뒤에는 쌍점을 쓰지 않고 두 칸 띄웁니다.",
    "header.title_empty": "'제목' 줄에 문서 내용을 알 수 있는 제목을 적습니다.",
    "disclosure.value": "공개 구분은 '공개', '부분공개(n)', '비공개(n)' 중 하나로 적습니다. n은 「공공기관의 정보공개에 관한 법률」 제9조제1항의 호 번호(1∼8)입니다('{found}').",
    "disclosure.missing": "결문에 공개 구분('공개', '부분공개(n)', '비공개(n)')이 없습니다.",
    # plain language (국어기본법 제14조, 영 제7조②)
    "plain.term": "'{hard}' 대신 쉬운 말 '{plain}'을(를) 쓰면 좋습니다.",
}

OFFICIAL_SEVERITY_LABELS = {"error": "오류", "warning": "권고"}

# Names shown to people for each canonical document type.
OFFICIAL_TYPE_LABELS: dict[str, str] = {
    "기안문": "기안문·시행문",
    "민원회신문": "민원 회신문",
    "보도자료": "보도자료",
    "결과보고서": "결과보고서",
    "계획서": "계획(안)",
    "회의록": "회의록",
    "인사말씀": "인사말씀·축사",
}

ERR_OFFICIAL_UNKNOWN_TYPE = "알 수 없는 문서 유형입니다: '{name}'. 쓸 수 있는 유형: {types}"

# parse_draft failures; the user sees these when a model answered with unusable content.
OFFICIAL_DRAFT_ERRORS: dict[str, str] = {
    "no_json": "모델 응답에서 문서 내용(JSON)을 찾지 못했습니다. 다시 시도해 주세요.",
    "bad_json": "모델 응답의 문서 내용(JSON)이 올바르지 않습니다. 다시 시도해 주세요.",
    "no_content": "모델 응답에 문서 본문이 없습니다. 요청을 조금 더 구체적으로 적어 다시 시도해 주세요.",
    "bad_shape": "모델 응답의 문서 구조가 올바르지 않습니다({detail}). 다시 시도해 주세요.",
}

# The proofread CLI (dasan proofread).
PROOFREAD_CLI_USAGE = (
    "사용법: dasan proofread [--fix] [--json] [--type 유형] [파일|-]\n"
    "  공문서 작성 규칙(날짜·시각·금액·항목 기호·붙임·끝. 등)을 검사합니다.\n"
    "  --fix       고칠 수 있는 곳을 고친 글을 출력합니다\n"
    "  --json      결과를 JSON으로 출력합니다\n"
    "  --type 유형 문서 유형(기안문, 보도자료, 결과보고서, 계획서, 회의록, 민원회신문, 인사말씀)\n"
    "  파일을 주지 않거나 '-'이면 표준 입력에서 읽습니다.\n"
    "  끝내는 값: 0 오류 없음, 1 오류 있음, 2 입력 오류"
)
PROOFREAD_CLI_ERR_OPTION = "알 수 없는 옵션입니다: {name}\n{usage}"
PROOFREAD_CLI_ERR_TYPE_VALUE = "--type 뒤에 문서 유형을 적어 주세요.\n{usage}"
PROOFREAD_CLI_ERR_TOO_MANY = "검사할 파일은 하나만 줄 수 있습니다.\n{usage}"
PROOFREAD_CLI_ERR_NOT_FOUND = "파일을 찾을 수 없습니다: {path}"
PROOFREAD_CLI_ERR_NOT_FILE = "파일이 아닙니다: {path}"
PROOFREAD_CLI_ERR_READ = "파일을 읽을 수 없습니다: {path}"
PROOFREAD_CLI_ERR_DECODE = "글자 인코딩을 알 수 없습니다. UTF-8 또는 EUC-KR(CP949)로 저장한 글을 주세요."
PROOFREAD_CLI_ERR_EMPTY = "검사할 내용이 비어 있습니다."
PROOFREAD_CLI_ERR_TOO_LARGE = "검사할 글이 너무 깁니다(최대 {limit}MB). 나누어 검사해 주세요."
PROOFREAD_CLI_ERR_TTY = "검사할 글을 파일로 주거나 표준 입력으로 넘겨 주세요.\n{usage}"
PROOFREAD_CLI_LINE = "{line}행 [{severity}] {message} ({rule})"
PROOFREAD_CLI_FIX_LINE = "    → {fix}"
PROOFREAD_CLI_SUMMARY = "오류 {errors}건, 권고 {warnings}건"
PROOFREAD_CLI_CLEAN = "규칙에 어긋나는 곳을 찾지 못했습니다."

# Text that goes into drafted documents where information is missing.
OFFICIAL_PLACEHOLDER = "○○○"

# The instruction sent to a model for structured drafting; {schema} is the JSON shape.
OFFICIAL_DRAFT_PROMPT = """당신은 대한민국 지방자치단체 공무원의 공문서 작성을 돕습니다.
아래 요청에 맞는 「{type_label}」의 내용을 JSON 하나로만 답하세요. 설명이나 다른 글은 쓰지 마세요.

[요청]
{request}

[JSON 형식]
{schema}

[작성 규칙]
- "title"에는 내용을 알 수 있는 구체적인 제목을 한 줄로 씁니다.
- 각 항목의 "depth"는 단계입니다(1이 가장 위, 최대 8). 항목 기호(1., 가., 1), ○, □ 등)는 쓰지 마세요. 프로그램이 붙입니다.
- 항목 하나에는 한 가지 내용만 씁니다. 하위 항목은 바로 위 항목보다 depth가 1 큽니다.
- 날짜는 2025. 7. 31.(목), 시각은 14:30처럼 씁니다.
- 공식적으로 밝히는 금액은 금113,560원(금일십일만삼천오백육십원)처럼 씁니다.
- 법령 이름은 「지방자치법」 제13조처럼 낫표로 묶습니다.
- 쉬운 우리말을 씁니다(익일→다음 날, 금일→오늘, 송부→보냄 등).
- '끝.', 기관 주소·전화·시행 번호·공개 구분은 쓰지 마세요. 프로그램이 부서 정보로 채웁니다.
- 모르는 사실(이름, 숫자, 날짜 등)은 지어내지 말고 ○○○로 비워 두세요.
{type_rules}"""

# Extra drafting rules per document type, appended to the prompt.
OFFICIAL_DRAFT_TYPE_RULES: dict[str, str] = {
    "기안문": "- 본문 첫 항목에 관련 근거(예: 관련: ○○과-1234(2025. 7. 1.))가 있으면 씁니다. 끝맺음은 '~하시기 바랍니다', '~알려 드립니다'처럼 공손하게 씁니다.",
    "민원회신문": "- 민원인이 이해하기 쉬운 말로 공손하게 씁니다. 검토 결과에는 근거 법령과 조문을 밝힙니다. 받아들이지 못한 경우 그 이유를 분명히 씁니다.",
    "보도자료": "- 제목은 25자 안팎으로 핵심을 씁니다. 리드문은 누가·언제·어디서·무엇을·왜를 한두 문장으로 씁니다. 인용은 \"…\"라고 말했다 형식으로 씁니다.",
    "결과보고서": "- 개조식(~함, ~임)으로 짧게 씁니다. 추진 결과에는 목표 대비 실적 수치를 씁니다.",
    "계획서": "- 개조식(~함, ~임)으로 짧게 씁니다. 소요 예산에는 총액과 산출 내역을 씁니다.",
    "회의록": "- 논의 결과는 발언 요지와 결정 사항을 구분해 씁니다. 참석자는 attendees에 적습니다.",
    "인사말씀": "- 말로 읽는 글입니다. 항목 기호 없이 문단(depth 1)으로만 씁니다. 3∼5분(1,200∼2,000자) 분량으로 씁니다.",
}

# Fixed sentences of a 민원 회신문 (민원 처리에 관한 법률 제27조 통지, 제35조 이의신청).
OFFICIAL_REPLY_TEXT: dict[str, str] = {
    "thanks": "평소 {agency} 행정에 관심을 가져 주셔서 감사합니다.",
    "intro": "귀하께서 신청하신 민원에 대한 검토 결과를 다음과 같이 알려 드립니다.",
    "intro_dated": "귀하께서 {date} 신청하신 민원에 대한 검토 결과를 다음과 같이 알려 드립니다.",
    "appeal": (
        "이 처분에 이의가 있으시면 「민원 처리에 관한 법률」 제35조에 따라 처분을 받은 날부터 90일 이내에 "
        "이의신청을 하거나, 「행정심판법」에 따른 행정심판 또는 「행정소송법」에 따른 행정소송을 제기하실 수 있습니다."
    ),
    "contact": "궁금한 사항은 {contact}에게 문의하여 주시면 친절히 안내해 드리겠습니다.",
}
