"""Generate the labelled PII corpus ``data/pii_corpus.jsonl``.

    .venv/bin/python tests/safety/make_pii_corpus.py

Reproducible: fixed seeds (Python ``random`` and Faker 40.54.0, which is used
only here, for Korean names). All identifiers are synthetic; numbers with a
check digit get a correct one unless the row is about numbers issued since
October 2020, whose last digits are random (and here always fail the check).
E-mail domains are reserved example domains. Each row:

    {"id", "text", "entities": [{"type", "start", "end"}], "negative": bool, "tags": [...]}

Offsets are Python string indices into ``text``.
"""

from __future__ import annotations

import json
import random
import sys
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from safety.pii import checksums  # noqa: E402

OUT = Path(__file__).parent / "data" / "pii_corpus.jsonl"
SEED = 20251125

rng = random.Random(SEED)

# ---------------------------------------------------------------- values

SEPARATORS = {
    "hyphen": "-",
    "space": " ",
    "dot": ".",
    "en_dash": "\u2013",
    "em_dash": "\u2014",
    "fullwidth_hyphen": "\uff0d",
    "spaced_hyphen": " - ",
    "none": "",
    "zero_width": "-\u200b",
    "nbsp": "\u00a0",
}
FULLWIDTH = str.maketrans("0123456789-", "０１２３４５６７８９－")


def digits(n: int) -> str:
    return "".join(rng.choice("0123456789") for _ in range(n))


def birth_prefix(century: int) -> str:
    while True:
        yy = rng.randrange(0, 100) if century == 1900 else rng.randrange(0, 24)
        mm = rng.randrange(1, 13)
        dd = rng.randrange(1, 29)
        return f"{yy:02d}{mm:02d}{dd:02d}"


def resident_number(kind: str, post2020: bool) -> str:
    """13 digits. kind 'rrn' (gender 1-4) or 'frn' (5-8)."""
    century = rng.choice((1900, 2000))
    if kind == "rrn":
        gender = rng.choice("12") if century == 1900 else rng.choice("34")
    else:
        gender = rng.choice("56") if century == 1900 else rng.choice("78")
    check_ok = checksums.rrn_checksum_ok if kind == "rrn" else checksums.frn_checksum_ok
    body = birth_prefix(century) + gender + digits(5)
    passing = [d for d in "0123456789" if check_ok(body + d)]
    if post2020:
        # Random tail: pick one that fails the old check digit on purpose.
        return body + rng.choice([d for d in "0123456789" if d not in passing])
    return body + passing[0]


def format_13(d13: str, sep: str) -> str:
    return d13[:6] + sep + d13[6:]


def spaced_digits(d13: str) -> str:
    return " ".join(d13[:6]) + " - " + " ".join(d13[6:])


def brn() -> str:
    while True:
        d = f"{rng.randrange(101, 999):03d}{rng.randrange(1, 99):02d}{digits(4)}"
        for last in "0123456789":
            if checksums.brn_ok(d + last):
                return d + last


def crn() -> str:
    while True:
        type_code = rng.choice(["11", "12", "13", "31", "35", "41", "71", "81", "84"])
        d = digits(4) + type_code + digits(6)
        for last in "0123456789":
            if checksums.crn_ok(d + last):
                return d + last


def luhn_complete(prefix: str, length: int) -> str:
    body = prefix + digits(length - len(prefix) - 1)
    for last in "0123456789":
        if checksums.luhn_ok(body + last):
            return body + last
    raise AssertionError


def luhn_failing(length: int) -> str:
    while True:
        d = str(rng.randrange(1, 10)) + digits(length - 1)
        if not checksums.luhn_ok(d):
            return d


def passport() -> str:
    letter = rng.choice("MSRGDO")
    if rng.random() < 0.5:
        return f"{letter}{digits(3)}{rng.choice('ABCDEFGHJKLMNPQRSTUVWXYZ')}{digits(4)}"
    return letter + digits(8)


def licence(style: str) -> str:
    region = rng.choice(["11", "12", "13", "14", "15", "16", "17", "18", "19", "20", "21", "22", "23", "24", "25", "26", "28"])
    yy, serial, tail = f"{rng.randrange(0, 25):02d}", digits(6), digits(2)
    if style == "legacy":
        name = rng.choice(["서울", "부산", "경기", "강원", "충북", "전남", "경북", "제주", "대구", "인천"])
        return f"{name} {yy}-{serial}-{tail}"
    sep = {"hyphen": "-", "space": " ", "dot": ".", "none": ""}[style]
    return sep.join([region, yy, serial, tail])


BANK_LAYOUTS = {  # group lengths per bank
    "국민은행": (6, 2, 6),
    "신한은행": (3, 3, 6),
    "우리은행": (4, 3, 6),
    "하나은행": (3, 6, 5),
    "농협": (3, 4, 4, 2),
    "IBK기업은행": (3, 6, 2, 3),
    "카카오뱅크": (4, 2, 7),
    "우체국": (6, 2, 6),
    "새마을금고": (4, 2, 6, 1),
    "SC제일은행": (3, 2, 6),
}


def account(bank: str, sep: str = "-") -> str:
    groups = [str(rng.randrange(1, 10)) + digits(n - 1) for n in BANK_LAYOUTS[bank]]
    return sep.join(groups)


def mobile(sep: str) -> str:
    return sep.join(["010", str(rng.randrange(2, 10)) + digits(3), digits(4)])


AREA_CODES = ["02", "031", "032", "033", "041", "042", "043", "044", "051", "052", "053", "054", "055", "061", "062", "063", "064"]


def landline(sep: str) -> str:
    area = rng.choice(AREA_CODES)
    middle = str(rng.randrange(2, 10)) + digits(rng.choice((2, 3)))
    return sep.join([area, middle, digits(4)])


def international() -> str:
    return rng.choice([
        f"+82 10-{rng.randrange(2, 10)}{digits(3)}-{digits(4)}",
        f"+82-10-{rng.randrange(2, 10)}{digits(3)}-{digits(4)}",
        f"+82 2-{rng.randrange(2, 10)}{digits(2)}-{digits(4)}",
        f"+82 (0)10 {rng.randrange(2, 10)}{digits(3)} {digits(4)}",
        f"0082-10-{rng.randrange(2, 10)}{digits(3)}-{digits(4)}",
    ])


EMAIL_USERS = ["hong.gildong", "kim_cs", "younghee.lee", "minwon2025", "test.user+dasan", "park-ms", "jiwoo.choi"]
EMAIL_DOMAINS = ["example.com", "example.org", "example.net", "mail.example.kr", "dept.example.go.kr"]


def email() -> str:
    return f"{rng.choice(EMAIL_USERS)}{rng.randrange(1, 99)}@{rng.choice(EMAIL_DOMAINS)}"


def card(sep: str) -> str:
    kind = rng.choice(["visa", "master", "domestic", "amex"])
    if kind == "amex":
        d = luhn_complete(rng.choice(["34", "37"]), 15)
        return sep.join([d[:4], d[4:10], d[10:]])
    prefix = {"visa": "4", "master": rng.choice(["51", "53", "55"]), "domestic": "94"}[kind]
    d = luhn_complete(prefix, 16)
    return sep.join([d[i:i + 4] for i in range(0, 16, 4)])


def ipv4() -> str:
    return rng.choice([
        f"192.168.{rng.randrange(0, 255)}.{rng.randrange(1, 255)}",
        f"10.{rng.randrange(0, 255)}.{rng.randrange(0, 255)}.{rng.randrange(1, 255)}",
        f"172.{rng.randrange(16, 32)}.{rng.randrange(0, 255)}.{rng.randrange(1, 255)}",
        f"203.0.113.{rng.randrange(1, 255)}",
    ])


def ipv6() -> str:
    return rng.choice([
        f"2001:db8::{rng.randrange(1, 0xffff):x}",
        f"fe80::{rng.randrange(1, 0xffff):x}:{rng.randrange(1, 0xffff):x}",
        f"2001:db8:{rng.randrange(1, 0xffff):x}:{rng.randrange(1, 0xffff):x}:0:0:0:{rng.randrange(1, 0xffff):x}",
    ])


PLATE_REGIONS = ["서울", "부산", "경기", "인천", "대구"]


def plate(faker) -> str:
    value = faker.license_plate()
    form = rng.random()
    if form < 0.3:
        # written with a space before the serial
        i = next(i for i, ch in enumerate(value) if "가" <= ch <= "힣")
        value = value[: i + 1] + " " + value[i + 1:]
    elif form < 0.4:
        value = rng.choice(PLATE_REGIONS) + f"{rng.randrange(10, 99)}{rng.choice('바사아자')}{digits(4)}"
    return value


SIDO_SIGUNGU = {
    "서울특별시": ["종로구", "중구", "강남구", "마포구", "노원구", "관악구"],
    "부산광역시": ["해운대구", "부산진구", "사하구"],
    "대구광역시": ["수성구", "달서구"],
    "인천광역시": ["남동구", "연수구"],
    "광주광역시": ["북구", "서구"],
    "대전광역시": ["유성구", "서구"],
    "세종특별자치시": [""],
    "경기도": ["성남시 분당구", "수원시 영통구", "고양시 일산동구", "양평군 양평읍", "화성시"],
    "강원특별자치도": ["춘천시", "원주시"],
    "충청남도": ["천안시 서북구", "공주시"],
    "전북특별자치도": ["전주시 완산구", "군산시"],
    "경상남도": ["창원시 의창구", "김해시"],
    "제주특별자치도": ["제주시", "서귀포시"],
}
ROADS = [
    "세종대로", "한누리대로", "테헤란로", "판교역로", "중앙로", "시청로", "도움6로", "번영로10번길", "새말로",
    "동문로", "문화로", "양평시장길", "금강로", "해운대로", "충장로", "월드컵북로", "경인로", "올림픽로",
    "중부대로", "호반로", "공단로", "대학로", "은하수로", "가람길", "노은동로", "매탄로", "백석로",
]
UNITS = ["", "", ", 101동 1203호", " 3층", ", 2층 201호", " 305호", ", 푸른마을아파트 102동 1504호", " (세종로)"]


def address() -> str:
    sido = rng.choice(list(SIDO_SIGUNGU))
    sigungu = rng.choice(SIDO_SIGUNGU[sido])
    short = rng.random() < 0.2 and sigungu
    head = sigungu if short else f"{sido} {sigungu}".strip()
    number = str(rng.randrange(1, 400)) + (f"-{rng.randrange(1, 30)}" if rng.random() < 0.3 else "")
    return f"{head} {rng.choice(ROADS)} {number}{rng.choice(UNITS)}"


# ---------------------------------------------------------------- rows

rows: list[dict] = []


def add(parts: list, tags: list[str] | tuple = (), negative: bool = False) -> None:
    """parts: literal strings and (TYPE, value) pairs."""
    text, entities = "", []
    for part in parts:
        if isinstance(part, tuple):
            entity_type, value = part
            entities.append({"type": entity_type, "start": len(text), "end": len(text) + len(value)})
            text += value
        else:
            text += part
    rows.append({"id": f"r{len(rows) + 1:04d}", "text": text, "entities": entities, "negative": negative, "tags": list(tags)})


def split_template(template: str, entity_type: str, value: str) -> list:
    before, after = template.split("{v}")
    return [before, (entity_type, value), after]


RRN_CONTEXT = [
    "주민등록번호: {v}",
    "신청인 주민등록번호는 {v}입니다.",
    "주민번호 {v} 확인 바랍니다.",
    "붙임 서류의 주민등록번호({v})가 맞는지 확인해 주세요.",
]
RRN_BARE = [
    "{v}",
    "본인 확인용 번호 {v} 로 조회했습니다.",
    "아래 번호를 입력하세요: {v}",
    "{v} (본인)",
]
FRN_CONTEXT = [
    "외국인등록번호: {v}",
    "외국인등록번호 {v}로 체류기간 연장을 신청했습니다.",
    "외국인 근로자(등록번호 {v}) 고용 신고 건",
    "{v}",
]


def make_resident_rows() -> None:
    for kind, entity_type, templates_ctx, templates_bare in (
        ("rrn", "KR_RRN", RRN_CONTEXT, RRN_BARE),
        ("frn", "KR_FRN", FRN_CONTEXT, FRN_CONTEXT),
    ):
        for sep_name, sep in SEPARATORS.items():
            for post2020 in (False, True):
                value = format_13(resident_number(kind, post2020), sep)
                tags = [f"sep:{sep_name}", "post2020" if post2020 else "checksum"]
                add(split_template(rng.choice(templates_ctx), entity_type, value), tags + ["context"])
                if kind == "rrn":
                    value = format_13(resident_number(kind, post2020), sep)
                    add(split_template(rng.choice(templates_bare), entity_type, value), tags)
        for post2020 in (False, True):
            d = resident_number(kind, post2020)
            add(split_template(templates_ctx[0], entity_type, d.translate(FULLWIDTH)[:6] + "－" + d.translate(FULLWIDTH)[6:]),
                ["sep:fullwidth_digits", "context"])
            add(split_template(templates_ctx[1], entity_type, spaced_digits(d)), ["sep:spaced_digits", "context"])
    # Split halves, labelled.
    for post2020 in (False, True):
        d = resident_number("rrn", post2020)
        add(["주민등록번호 앞자리 ", ("KR_RRN", f"{d[:6]} 뒷자리 {d[6:]}"), " 입니다."], ["sep:halves", "context"])


def make_simple(entity_type: str, templates: list[str], values, tags=("context",)) -> None:
    for template, value in zip(templates, values):
        add(split_template(template, entity_type, value), list(tags))


def make_rows(faker) -> None:
    make_resident_rows()

    passport_templates = [
        "여권번호: {v}", "여권번호 {v}로 출국 신고", "대한민국 여권 {v} 사본을 첨부합니다.", "여권({v}) 유효기간 확인",
        "관용 여권 번호 {v}", "여권 사본 번호 {v} 확인 완료", "Passport No. {v}", "출장자 여권 {v}, 만료일 2030. 5. 1.",
    ]
    make_simple("KR_PASSPORT", passport_templates * 3, [passport() for _ in range(24)])
    add(["관용여권 ", ("KR_PASSPORT", "G" + digits(8)), " 발급 완료"], ["context", "g_prefix"])
    add(["관용 여권번호 ", ("KR_PASSPORT", f"G{digits(3)}K{digits(4)}")], ["context", "g_prefix"])

    licence_templates = [
        "운전면허번호: {v}", "운전면허 {v} (1종 보통)", "면허번호 {v} 확인", "운전면허증 번호는 {v}입니다.",
        "관용차량 운전자 면허번호 {v}",
    ]
    for style in ("hyphen", "space", "dot", "none", "legacy"):
        for template in licence_templates:
            add(split_template(template, "KR_DRIVER_LICENSE", licence(style)), ["context", f"style:{style}"])

    brn_templates = [
        "사업자등록번호: {v}", "사업자등록번호 {v} (주식회사 예시)", "사업자번호 {v}로 세금계산서 발행",
        "납품업체 사업자 {v}", "(사업자등록번호 {v})",
    ]
    for sep in ("-", "", " ", "."):
        for template in brn_templates:
            d = brn()
            value = sep.join([d[:3], d[3:5], d[5:]])
            add(split_template(template, "KR_BRN", value), ["context", f"sep:{sep or 'none'}"])

    crn_templates = [
        "법인등록번호: {v}", "법인등록번호 {v} 확인", "(법인번호 {v})", "법인 등록번호는 {v}입니다.",
    ]
    for sep in ("-", "", " "):
        for template in crn_templates:
            d = crn()
            add(split_template(template, "KR_CRN", d[:6] + sep + d[6:]), ["context", f"sep:{sep or 'none'}"])

    health_templates = [
        "건강보험증번호: {v}", "건강보험증 번호 {v} 확인", "건강보험 증번호 {v}로 자격 조회", "의료보험 번호 {v}",
        "건보 자격번호 {v}",
    ]
    for _ in range(3):
        for template in health_templates:
            value = str(rng.randrange(1, 10)) + digits(10)
            add(split_template(template, "KR_HEALTH_INSURANCE", value), ["context"])

    account_templates = [
        "입금 계좌: {bank} {v}", "{bank} {v}으로 입금 바랍니다.", "환불 계좌번호 {bank} {v}",
        "보조금은 {bank} 계좌 {v}로 이체됩니다.", "계좌번호: {v} ({bank})",
    ]
    for bank in BANK_LAYOUTS:
        for template in rng.sample(account_templates, 3):
            sep = "-" if rng.random() < 0.8 else ""
            add(split_template(template.replace("{bank}", bank), "KR_BANK_ACCOUNT", account(bank, sep)),
                ["context", f"bank:{bank}"])

    phone_context = [
        "연락처: {v}", "휴대전화 {v}로 연락 주세요.", "문의 {v}", "담당 부서 전화 {v}", "☎ {v}",
        "{v}로 연락 바랍니다.", "팩스 {v}",
    ]
    phone_bare = ["{v}", "내일 {v} 번으로 다시 걸게요", "(참고: {v})"]
    for sep_name, sep in (("hyphen", "-"), ("space", " "), ("dot", "."), ("none", ""), ("en_dash", "\u2013"), ("fullwidth", "\uff0d")):
        for _ in range(2):
            add(split_template(rng.choice(phone_context), "PHONE_NUMBER", mobile(sep)), [f"sep:{sep_name}", "mobile", "context"])
            add(split_template(rng.choice(phone_bare), "PHONE_NUMBER", mobile(sep)), [f"sep:{sep_name}", "mobile"])
        if sep:
            add(split_template(rng.choice(phone_context), "PHONE_NUMBER", landline(sep)), [f"sep:{sep_name}", "landline", "context"])
            add(split_template(rng.choice(phone_bare), "PHONE_NUMBER", landline(sep)), [f"sep:{sep_name}", "landline"])
    for _ in range(4):
        add(split_template(rng.choice(phone_context), "PHONE_NUMBER", f"070-{rng.randrange(2, 10)}{digits(3)}-{digits(4)}"), ["voip", "context"])
        add(split_template(rng.choice(phone_context + phone_bare), "PHONE_NUMBER", international()), ["international"])
    add(["대표번호 ", ("PHONE_NUMBER", f"(02) {rng.randrange(2, 10)}{digits(2)}-{digits(4)}"), " 으로 전화"], ["parenthesised", "context"])
    add(["전화: ", ("PHONE_NUMBER", "０１０－" + mobile("－")[4:].translate(FULLWIDTH))], ["fullwidth_digits", "context"])
    add(["연락처 ", ("PHONE_NUMBER", f"010\u200b{rng.randrange(2, 10)}{digits(3)}\u200b{digits(4)}")], ["zero_width", "context"])

    email_templates = [
        "이메일: {v}", "{v}로 보내 주세요.", "담당자 메일 {v}", "회신처({v})", "{v}", "e-mail: {v}",
        "결과는 {v} 주소로 회신 바랍니다.",
    ]
    for _ in range(3):
        for template in email_templates:
            add(split_template(template, "EMAIL_ADDRESS", email()), ["email"])

    card_templates = [
        "카드번호 {v}", "결제 카드: {v}", "법인카드({v})로 결제", "{v}", "신용카드 {v} 분실 신고", "체크카드 번호 {v}",
    ]
    for sep in ("-", " ", ""):
        for template in card_templates:
            add(split_template(template, "CREDIT_CARD", card(sep)), [f"sep:{sep or 'none'}"])

    ip_templates = [
        "서버 IP {v}", "접속 IP: {v}", "{v} 에서 접속 시도가 있었습니다.", "게이트웨이 주소는 {v}입니다.", "IP주소({v}) 차단 요청",
    ]
    for template in ip_templates * 2:
        add(split_template(template, "IP_ADDRESS", ipv4()), ["ipv4"])
    for template in ip_templates:
        add(split_template(template, "IP_ADDRESS", ipv6()), ["ipv6"])

    plate_templates = [
        "차량번호 {v}", "주차 등록 차량: {v}", "{v} 차량 출입 허가", "관용차 {v} 운행일지", "차량({v}) 이동 요청",
    ]
    for template in plate_templates * 3:
        add(split_template(template, "KR_VEHICLE_PLATE", plate(faker)), ["plate"])

    address_templates = [
        "주소: {v}", "{v}로 보내 주세요.", "회의 장소: {v}", "민원인 주소는 {v}입니다.", "거주지 {v}",
        "소재지: {v}",
    ]
    for _ in range(4):
        for template in address_templates:
            add(split_template(template, "ADDRESS", address()), ["address"])

    staff_templates = [
        "{v} 주무관에게 문의하세요.", "담당: {v} 주무관(☎ 내선 1234)", "{v} 팀장님께 보고드렸습니다.", "{v} 과장 주재 회의",
        "{v}주무관이 작성했습니다.", "기안자 {v}", "{v} 사무관 참석", "{v} 국장 결재 완료",
    ]
    citizen_templates = [
        "민원인 {v}님이 방문했습니다.", "성명: {v}", "신청인 {v}의 서류를 접수했습니다.", "{v} 씨에게 회신 바랍니다.",
        "보호자 {v} (관계: 모)", "{v}님 안녕하세요.", "예금주: {v}", "민원인 {v}에게 안내했습니다.", "대표자 성명 {v}",
        "{v} 귀하",
    ]
    for template in staff_templates * 3:
        add(split_template(template, "PERSON", faker.name()), ["name", "staff"])
    for template in citizen_templates * 3:
        add(split_template(template, "PERSON", faker.name()), ["name", "citizen"])

    for bank in ("신한은행", "농협", "카카오뱅크"):
        add([f"{bank} ", ("KR_BANK_ACCOUNT", account(bank)), " (예금주 ", ("PERSON", faker.name()), ")으로 입금 바랍니다."],
            ["context", f"bank:{bank}", "mixed"])
    add(["담당: ", ("PERSON", faker.name()), " 주무관(☎ ", ("PHONE_NUMBER", landline("-")), ")"], ["mixed"])

    # Mixed, realistic rows with several entities.
    for _ in range(20):
        name, phone, mail = faker.name(), mobile("-"), email()
        add([
            "민원인 ", ("PERSON", name), "(연락처 ", ("PHONE_NUMBER", phone), ", 이메일 ", ("EMAIL_ADDRESS", mail),
            ")의 주민등록번호는 ", ("KR_RRN", format_13(resident_number("rrn", rng.random() < 0.5), "-")),
            "이며 주소는 ", ("ADDRESS", address()), "입니다.",
        ], ["mixed"])
    for _ in range(10):
        add([
            "담당자 ", ("PERSON", faker.name()), " 주무관 / 전화 ", ("PHONE_NUMBER", landline("-")),
            " / 환불 계좌 ", ("KR_BANK_ACCOUNT", account("국민은행")), " (국민은행)",
        ], ["mixed"])


def make_varied_rows(faker) -> None:
    """Less regular phrasing: tables, line breaks, glued titles, rarer forms."""
    one_syllable = ["김솔", "이훈", "박진", "최윤", "정현", "강민", "조은", "윤슬"]
    compound = ["남궁민수", "제갈현우", "선우진", "황보영", "독고준"]
    for name in one_syllable + compound:
        template = rng.choice(["성명: {v}", "{v} 주무관 전화 요망", "민원인 {v}님 방문", "{v} 팀장 보고", "신청인 {v}의 신청서"])
        add(split_template(template, "PERSON", name), ["name", "rare_form"])
    for _ in range(6):
        add([("PERSON", faker.name()), "팀장이 회의를 주재했습니다."], ["name", "glued_title"])
        add(["민원인 ", ("PERSON", faker.name()), "가 전화로 문의했습니다."], ["name", "particle"])
        add([("PERSON", faker.name()), " 주무관과 ", ("PERSON", faker.name()), " 주무관이 출장 예정입니다."], ["name", "pair"])
        add(["수신: ", ("PERSON", faker.name()), " 선생님"], ["name", "honorific"])
    for _ in range(4):
        d = resident_number("rrn", rng.random() < 0.5)
        add(["성명\t주민등록번호\n", ("PERSON", faker.name()), "\t", ("KR_RRN", format_13(d, "-"))], ["table"])
        add(["구분 | 번호\n주민등록번호 | ", ("KR_RRN", format_13(resident_number("rrn", True), "-"))], ["table"])
    for _ in range(4):
        add(["연락처(휴대폰): ", ("PHONE_NUMBER", f"011-{rng.randrange(2, 10)}{digits(2)}-{digits(4)}")], ["legacy_mobile"])
        add(["문의: ", ("PHONE_NUMBER", f"({rng.choice(AREA_CODES)}) {rng.randrange(2, 10)}{digits(2)}-{digits(4)}")], ["parenthesised"])
        add(["전화 ", ("PHONE_NUMBER", f"{rng.choice(AREA_CODES)}){rng.randrange(2, 10)}{digits(3)}-{digits(4)}")], ["half_paren"])
    for _ in range(4):
        add(["주무관 ", ("PERSON", faker.name()), "  정보보안팀장 ", ("PERSON", faker.name()), "  스마트정보과장 ",
             ("PERSON", faker.name()), "\n협조자  시행 스마트정보과-", str(rng.randrange(1, 9999))], ["name", "approval_block"])
    for bank in ("국민은행", "신한은행", "하나은행"):
        add([f"{bank} 계좌 ", ("KR_BANK_ACCOUNT", account(bank, "")), "로 송금해 주세요."], ["context", "bare_account"])
    for _ in range(3):
        add(["카드 번호는\n", ("CREDIT_CARD", card(" ")), "\n입니다."], ["line_break"])
        add(["차량 ", ("KR_VEHICLE_PLATE", f"{rng.choice(PLATE_REGIONS)} {rng.randrange(10, 99)}{rng.choice('바사아자')} {digits(4)}"), " 출입 등록"], ["plate_region"])
        add(["주소\n", ("ADDRESS", address()), "\n연락처\n", ("PHONE_NUMBER", mobile("-"))], ["form"])
        add(["여권\n", ("KR_PASSPORT", passport()), "\n(사본 첨부)"], ["context", "line_break"])


# ---------------------------------------------------------------- hard negatives

NEGATIVE_TEXTS = [
    "시행 스마트정보과-1234 (2025. 7. 31.) 접수 민원봉사과-5678 (2025. 8. 1.)",
    "2025. 7. 31.까지 제출하여 주시기 바랍니다.",
    "사업비 금113,560원을 집행하고자 합니다.",
    "「개인정보 보호법」 제24조의2제1항제3호에 따라 처리합니다.",
    "관련 근거: 지방자치법 제13조, 같은 법 시행령 제8조의2",
    "도서 ISBN 978-89-6626-123-4 구입 요청",
    "상품 바코드 8801234567893 재고 확인",
    "버전 1.2.3.4 배포 예정, 이전 버전 1.2.3 은 폐기",
    "예산과목 1011-301-0001 일반운영비에서 집행",
    "세부사업 코드 7100-7151-304 (정보화 사업)",
    "문서번호 010-2025-0001 관련 회신",
    "대표전화 1588-1234, 수신자부담 080-123-4567",
    "우 30116 세종특별자치시 소재 청사 안내",
    "회의 일시: 2025. 9. 3.(수) 14:00~16:00, 장소: 3층 대회의실",
    "총 24명 참석, 참석률 87.5%",
    "2025년도 제2회 추가경정예산안 (단위: 천원)",
    "공고 제2025-123호 입찰 공고",
    "사건번호 2024구합12345 판결 선고",
    "주문번호 4012-8888-8888-1882 배송 조회",
    "접수번호 20250731-000123 처리 완료",
    "고객님께서 요청하신 자료를 송부합니다.",
    "우리 팀장님께 보고드린 뒤 회신하겠습니다.",
    "신임 과장 환영 행사 안내",
    "홍보팀장 및 민원팀장 회의 참석",
    "정보화담당관 소관 업무 협조 요청",
    "해당 주무관이 검토 후 회신 예정",
    "각 과장님께서는 소관 부서 의견을 제출해 주시기 바랍니다.",
    "담당 주무관 변경 안내",
    "전체 국장 회의 결과 공유",
    "이번 회의는 비대면으로 진행합니다.",
    "비밀번호는 8자 이상으로 설정하세요.",
    "정책 과장 보고 자료 초안",
    "민원인 정보를 정확히 입력해 주세요.",
    "신청인 연락처 란은 비워 두지 마십시오.",
    "작성자 본인이 서명해야 합니다.",
    "교육 기간: 2025. 10. 13. ~ 10. 17. (5일간)",
    "1. 추진 배경 2. 추진 내용 3. 향후 계획",
    "붙임 1. 계획서 1부. 2. 명단 1부. 끝.",
    "공무원 행동강령 제12조의3 위반 여부 검토",
    "2023년 대비 12.4% 증가한 1,234,567천원",
    "전년도 실적 3,210건, 올해 목표 4,000건",
    "제3차 국가공간정보정책 기본계획(2023~2027)",
    "시스템 v2.10.1 업데이트 후 재부팅 필요",
    "소프트웨어 버전 10.0.19045.3803 설치 확인",
    "좌석 번호 A-12, B-07 배정",
    "개인정보 처리방침 개정(2025. 1. 1. 시행)",
    "마감 기한은 10월 31일 18:00입니다.",
    "행정안전부 고시 제2025-12호",
    "조례 제1234호 일부개정",
    "국고보조금 교부 결정액 52,000,000원",
    "도로명주소 부여 절차 안내 자료",
    "주소 변경 신청은 주민센터에서 할 수 있습니다.",
    "계좌 개설 절차와 필요 서류를 안내합니다.",
    "카드 사용 내역은 분기별로 정산합니다.",
    "여권 발급 신청 방법 안내",
    "운전면허 갱신 기간을 확인하세요.",
    "사업자등록 신청 시 구비서류",
    "외국인등록 신청은 출입국관리사무소에서 합니다.",
    "주민등록번호 수집은 법령 근거가 있는 경우에만 가능합니다.",
    "차량 2부제 시행 안내 (끝자리 홀수 차량 운행)",
    "건강보험 자격 득실 확인서 제출",
    "총 12주 2025년 과정으로 운영",
    "101동 1203호 앞 택배 보관함 설치",
    "서버 점검 시간: 02:00 ~ 04:00",
    "정보공개 청구 처리 기간은 10일입니다.",
    "민원 처리 현황(2025. 6. 30. 기준): 접수 152건, 처리 148건",
    "대외 협력 강화 방안 보고",
    "품번 S12345678 부품 교체 요청",
    "모델명 M2023A1234 장비 구매",
    "회의록 1.2.3.4 항 참조",
    "사번 2019001234 직원 교육 이수",
    "수험번호 12345678901 응시표 출력",
    "학번 202512345 학생 장학금 지급",
    "우편번호 04524 서울 중구",
    "좌표 37.5665, 126.9780 지점 현장 점검",
    "IP 주소 체계 개편 방안 검토",
    "전년 대비 10.5%p 상승, 목표 대비 1.5배",
    "1.5.2 항목 참조, 부록 3.2.1 참조",
    "KTX 101호차 12A 좌석",
    "지하철 1호선 2호선 환승",
    "전화번호 변경 안내: 부서별 내선 번호가 바뀝니다.",
    "2025-07-31 14:00 회의 개최",
    "시행일자 2025-07-31 문서번호 총무과-12345",
    "계약번호 2025-0731-0001 (수의계약)",
    "예산 집행률 98.7%, 잔액 1,234,000원",
    "공문 발송 건수 1,234건, 처리 기한 2025. 12. 31.",
    "제7조의2(개인정보의 파기) 제1항 및 제2항",
    "기록물 분류번호 1310-2025-000123 보존기간 10년",
    "등기번호 1234567890123 우편 발송",
    "송장번호 6012-3456-7890 배송 조회",
    "인원 12명, 차량 3대, 예산 5,000,000원",
    "과제 번호 RS-2025-00123456 연구 과제",
    "전자결재 문서 2025-000123 결재 완료",
    "홍길동전 독후감 대회 안내",
    "김장 나눔 행사 참여 안내",
    "이사회 회의록 검토 요청",
    "정기 감사 결과 통보",
    "고객 만족도 조사 결과",
    "강당 대관 신청 안내",
]


def make_negatives() -> None:
    for text in NEGATIVE_TEXTS:
        add([text], ["hard_negative"], negative=True)
    # Generated shapes.
    for _ in range(5):
        add([f"주문번호 {'-'.join(luhn_failing(16)[i:i + 4] for i in range(0, 16, 4))} 결제 취소"], ["order", "luhn_fail"], negative=True)
    for _ in range(5):
        y, m, d = rng.randrange(2015, 2026), rng.randrange(1, 13), rng.randrange(1, 29)
        add([f"{y}. {m}. {d}. 개최, {y}-{m:02d}-{d:02d} 게시, {y}.{m:02d}.{d:02d}. 마감"], ["dates"], negative=True)
    for _ in range(5):
        dept = rng.choice(["스마트정보과", "총무과", "교통행정과", "민원봉사과", "기획예산담당관"])
        add([f"시행 {dept}-{rng.randrange(1, 9999)}({rng.randrange(2020, 2026)}. {rng.randrange(1, 13)}. {rng.randrange(1, 29)}.)"], ["document_number"], negative=True)
    for _ in range(5):
        add([f"금{rng.randrange(1000, 99999999):,}원(부가세 포함)"], ["amount"], negative=True)
    for _ in range(3):
        body = "880" + digits(9)
        ean = next(body + c for c in "0123456789" if (sum(int(x) * (3 if i % 2 else 1) for i, x in enumerate(body + c)) % 10) == 0)
        add([f"바코드 {ean} 상품 입고"], ["ean"], negative=True)


def main() -> None:
    from faker import Faker

    Faker.seed(SEED)
    faker = Faker("ko_KR")
    make_rows(faker)
    make_varied_rows(faker)
    make_negatives()
    OUT.parent.mkdir(parents=True, exist_ok=True)
    with OUT.open("w", encoding="utf-8") as fh:
        for row in rows:
            fh.write(json.dumps(row, ensure_ascii=False) + "\n")
    n_neg = sum(r["negative"] for r in rows)
    print(f"wrote {len(rows)} rows ({n_neg} negative) to {OUT}")


if __name__ == "__main__":
    main()
