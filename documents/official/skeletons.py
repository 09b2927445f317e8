"""The standard parts of each document type (편람 practice; §2 of the research notes).

Only 기안문·시행문 has a statutory form (별지 제1호서식); the others are customary layouts,
shipped here as editable defaults. ``○○○`` marks every place a person must fill in.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from documents.official.department import PLACEHOLDER as P
from documents.official.doctypes import DRAFT, MINUTES, PLAN, PRESS, REPLY, REPORT, SPEECH
from documents.official.draft_model import Attachment

NUMBERED = "numbered"  # 1. 가. 1) …
BULLET = "bullet"  # □ ○ - ㆍ (보도자료)
PROSE = "prose"  # paragraphs read aloud


@dataclass(frozen=True)
class FieldSpec:
    key: str
    description: str  # shown to the model in the JSON schema
    placeholder: str = P


@dataclass(frozen=True)
class Skeleton:
    doc_type: str
    scheme: str
    fields: tuple[FieldSpec, ...]
    sections: tuple[str, ...]  # standard headings in order; () = one body without headings
    default_title: str  # with {topic}
    # Offline content: per section heading ("" = body) the (depth, text) items to show.
    offline_items: dict[str, tuple[tuple[int, str], ...]] = field(default_factory=dict)
    offline_attachments: tuple[Attachment, ...] = ()
    end_mark: bool = True
    letter: bool = False  # 두문·결문 of 별지 제1호서식


SKELETONS: dict[str, Skeleton] = {
    DRAFT: Skeleton(
        DRAFT,
        NUMBERED,
        (
            FieldSpec("수신", "받는 기관(처리 담당 과), 여러 곳이면 '수신자 참조', 내부 보고면 '내부결재'"),
            FieldSpec("경유", "경유 기관(없으면 빈 문자열)", ""),
            FieldSpec("수신자", "'수신자 참조'일 때 받는 곳 목록(쉼표로 구분)"),
        ),
        (),
        "{topic}",
        {
            "": (
                (1, f"관련: {P}"),
                (1, "{topic}을(를) 다음과 같이 추진하니 협조하여 주시기 바랍니다."),
                (2, f"기간: {P}"),
                (2, f"대상: {P}"),
                (2, f"내용: {P}"),
            )
        },
        (Attachment(P, 1, "부"),),
        letter=True,
    ),
    REPLY: Skeleton(
        REPLY,
        NUMBERED,
        (
            FieldSpec("수신", "민원인 이름과 '님'(예: 홍길동 님)", f"{P} 님"),
            FieldSpec("경유", "경유 기관(없으면 빈 문자열)", ""),
            FieldSpec("신청일", "민원 신청일(예: 2025. 7. 1.)"),
            FieldSpec("처리 결과", "'수용', '일부 수용', '불수용' 중 하나"),
        ),
        ("민원 요지", "검토 결과", "근거 법령", "조치 계획"),
        "민원({topic}) 회신",
        {
            "민원 요지": ((1, P),),
            "검토 결과": ((1, P),),
            "근거 법령": ((1, f"「{P}」 제{P}조"),),
            "조치 계획": ((1, P),),
        },
        letter=True,
    ),
    PRESS: Skeleton(
        PRESS,
        BULLET,
        (
            FieldSpec("보도 일시", "보도 시점(예: 2025. 7. 31.(목) 조간, 즉시 보도)"),
            FieldSpec("부제", "부제 1∼2개(줄바꿈으로 구분, 명사형)"),
            FieldSpec("리드", "누가·언제·어디서·무엇을·왜를 담은 첫 문단 1∼2문장"),
        ),
        (),
        "{topic}",
        {
            "": (
                (1, f"{P}(세부 내용, 수치)"),
                (2, P),
                (1, f"{P}(배경과 의의)"),
                (1, f"{P}은(는) \"{P}\"라고 말했다."),
            )
        },
        end_mark=False,
    ),
    REPORT: Skeleton(
        REPORT,
        NUMBERED,
        (),
        ("개요", "추진 결과", "평가 및 개선 사항", "향후 계획"),
        "{topic} 결과 보고",
        {
            "개요": ((1, f"일시: {P}"), (1, f"장소: {P}"), (1, f"참석: {P}명")),
            "추진 결과": ((1, f"주요 성과: {P}(목표 대비 실적)"), (1, f"예산 집행: {P}")),
            "평가 및 개선 사항": ((1, f"잘된 점: {P}"), (1, f"개선할 점: {P}")),
            "향후 계획": ((1, P),),
        },
    ),
    PLAN: Skeleton(
        PLAN,
        NUMBERED,
        (),
        ("추진 배경", "목적", "개요", "세부 추진계획", "소요 예산", "향후 일정", "행정사항"),
        "{topic} 추진 계획(안)",
        {
            "추진 배경": ((1, P),),
            "목적": ((1, P),),
            "개요": ((1, f"기간: {P}"), (1, f"장소: {P}"), (1, f"대상: {P}"), (1, f"내용: {P}")),
            "세부 추진계획": ((1, P),),
            "소요 예산": ((1, f"총액: {P}원"), (1, f"산출 근거: {P}")),
            "향후 일정": ((1, P),),
            "행정사항": ((1, f"협조 부서: {P}"), (1, f"협조 사항: {P}")),
        },
    ),
    MINUTES: Skeleton(
        MINUTES,
        NUMBERED,
        (
            FieldSpec("일시", "회의 일시(예: 2025. 7. 31.(목) 14:00∼15:30)"),
            FieldSpec("장소", "회의 장소"),
            FieldSpec("참석자", "참석자 요약(예: 위원장 홍길동 등 7명)"),
        ),
        ("안건", "논의 결과", "향후 조치"),
        "{topic} 회의록",
        {
            "안건": ((1, P),),
            "논의 결과": ((1, f"발언 요지: {P}"), (1, f"결정 사항: {P}")),
            "향후 조치": ((1, P),),
        },
    ),
    SPEECH: Skeleton(
        SPEECH,
        PROSE,
        (FieldSpec("행사명", "행사 이름"),),
        ("호칭·인사", "감사", "의의", "성과·현황", "계획·약속", "격려·당부", "맺음"),
        "{topic} 인사말씀",
        {
            "호칭·인사": ((1, f"존경하는 {P} 여러분, 반갑습니다. {P}(직위) {P}(성명)입니다."),),
            "감사": ((1, f"바쁘신 가운데 참석해 주신 {P}께 감사드립니다."),),
            "의의": ((1, f"오늘 {{topic}}은(는) {P} 뜻깊은 자리입니다."),),
            "성과·현황": ((1, f"그동안 {P}"),),
            "계획·약속": ((1, f"앞으로 {P}"),),
            "격려·당부": ((1, P),),
            "맺음": ((1, "다시 한번 감사드립니다."),),
        },
        end_mark=False,
    ),
}


def skeleton(doc_type: str) -> Skeleton:
    return SKELETONS[doc_type]
