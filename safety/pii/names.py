"""PERSON: Korean names next to a title, honorific or label.

No NER model can be downloaded here, and a morphological analyser (kiwipiepy:
about 70 ms per 10,000 characters and 0.5 GB of memory per the project notes,
and its NNP tag does not separate people from places) would dominate the
filter's cost, so names are found by rule: a common surname, a one- or
two-syllable given name whose syllables occur in names, not a common word, and

- a title after it (김철수 주무관, 김철수님), or
- a label before it (성명: 김철수, 민원인 김철수가), or
- for three-syllable names, a phone number, resident number or e-mail address
  right after it (홍길동 010-1234-5678, table rows).
"""

from __future__ import annotations

import re
from typing import Optional

from presidio_analyzer import RecognizerResult
from presidio_analyzer.local_recognizer import LocalRecognizer

# Surnames held by at least ~1,000 people (census 2015), compound ones first so
# the regex prefers 남궁 over 남.
_COMPOUND_SURNAMES = "남궁 제갈 선우 황보 독고 사공 서문 동방 어금 망절".split()
_SURNAMES = (
    "김 이 박 최 정 강 조 윤 장 임 한 오 서 신 권 황 안 송 류 유 전 홍 고 문 양 손 배 백 허 남 심 노 하 곽 성 차 주 "
    "우 구 민 진 나 지 엄 채 원 천 방 공 현 함 변 염 여 추 도 소 석 선 설 마 길 연 위 표 명 기 반 라 왕 금 옥 육 "
    "인 맹 제 모 탁 국 어 은 편 용 예 경 봉 사 부 가 복 태 목 형 피 두 감 호 제 음 빈 동 온 시 범 좌 팽 승 간 상 "
    "갈 서 단 견 당 화 창 옹 순 빙 증 묵 뇌 계 근 로 요 미 초 묘 리 륙 량 림 강"
).split()

# Syllables that occur in given names. Words that merely start with a surname
# syllable (정보, 고객, 민원) mostly fail this test.
_GIVEN_SYLLABLES = frozenset(
    "가 각 간 갑 강 개 건 걸 겸 경 계 고 곤 공 관 광 교 구 국 군 권 규 균 근 금 기 길 나 남 녀 노 눈 늘 다 단 달 담 "
    "당 대 덕 도 돈 동 두 득 들 라 란 람 랑 래 량 려 련 렬 령 례 로 록 론 뢰 료 룡 루 류 륜 률 륭 르 름 리 린 림 립 "
    "마 만 말 매 맹 면 명 모 목 몽 묘 무 문 미 민 밀 박 반 방 배 백 범 법 벽 별 병 보 복 본 봉 부 분 불 비 빈 빛 사 "
    "산 삼 상 새 색 서 석 선 설 섭 성 세 소 솔 송 수 숙 순 술 숭 슬 승 시 식 신 실 심 아 안 애 야 양 어 언 업 여 역 "
    "연 열 염 엽 영 예 오 옥 온 완 왕 요 용 우 욱 운 울 웅 원 월 위 유 육 윤 율 융 은 을 음 응 의 이 익 인 일 임 자 "
    "작 잔 장 재 저 전 점 정 제 조 종 좌 주 준 중 지 직 진 찬 참 창 채 처 천 철 청 초 촌 총 추 춘 출 충 치 칠 탁 탄 "
    "태 택 토 통 파 판 팔 평 표 풍 하 학 한 함 항 해 행 향 허 헌 혁 현 협 형 혜 호 홍 화 환 활 황 회 효 후 훈 휘 휴 "
    "흠 흥 희 힘 결 겨 솜 샘 슬 봄 별 빛 찬 늘 든 루 하 담 결 온 아 율 린 설 예 서 윤 채 지 나 리 다 라 름 람 솔"
    .split()
)

# Common words that look like surname + given name next to a title or label.
_STOP_WORDS = frozenset(
    """
    우리 신임 전임 후임 전직 현직 이번 지난 해당 관계 관련 담당 공문 방문 민원 고객 시민 주민 국민 사용 사무 행정
    기획 홍보 문화 안전 조직 정책 정보 정보화 감사 예산 인사 총무 복지 도시 교통 환경 건설 경제 경영 위원 대표
    선임 수석 차석 명예 임시 신규 강사 선생 여러분 모두 모든 본인 대리 대리인 배우자 자녀 부모 가족 보호자 원장
    소장 시장 군수 의원 의장 장관 차관 실무 상담 안내 설명 공개 비공개 원본 사본 최종 최초 기존 변경 수정 미기재
    미상 없음 성명 이름 한국 서울 부산 경기 강원 충북 충남 전북 전남 경북 경남 제주 세종 대구 인천 광주 대전 울산
    주소 연락 연락처 전화 소속 직위 직급 직책 성별 나이 국적 기관 부서 부서장 서명 날인 정부 국회 주무 주무관 지원
    지도 지방 차기 전체 각자 상기 하기 위의 아래 다음 그분 이분 저분 제가 저희 고객님 선배 후배 동료 상사 부하
    신청 신고 접수 처리 검토 결재 협조 시행 발신 수신 참조 이의 문의 답변 회신 제출 기안 작성 확인 승인 조치
    김치 이상 이하 이전 이후 이외 정도 정상 정말 정식 최근 최대 최소 최고 최선 강조 조정 조사 장기 장애 임대
    한편 한번 오늘 오전 오후 서류 신속 권한 황금 안건 송부 유관 유지 전문 전반 전산 홍수 고령 고용 문서 양식
    손해 배상 백서 허가 남부 남측 심사 노인 하반 하루 성과 성실 차량 주간 주민들 우선 구청 구역 민간 진행 나머지
    지역 지원금 엄수 채용 원래 원활 천재 방안 방침 공무 공공 현재 현장 함께 변호 여부 여성 도움 소관 석사 선정
    설치 마감 길이 연간 연도 위반 표준 명단 기간 반드시 왕복 금년 금일 옥외 육아 인원 제도 모집 국가 어린이 은행
    용역 예정 경우 봉사 사업 부장 가정 복무 태도 목적 형태 피해 두께 감독 호응 음식 동일 시간 범위 상반 간담
    부담 부서 정리 정산 계약 결과 결정 조건 주요 주의 주관 전달 전용 전원 장소 성명란 이름란 장학금 장학생
    사무실 공무원 민원인 신청인 신청자 문의처 민원실 상황실 경비실 소방서 사무국 지원실 안내실 관리인 기사님
    """.split()
)

# Position titles and ranks of public servants and office staff.
STAFF_TITLES = (
    "주무관", "주사보", "주사", "사무관", "서기관", "부이사관", "이사관", "서기보", "서기", "연구관", "연구사",
    "지도관", "지도사", "담당관", "행정관", "비서관", "팀장", "과장", "계장", "국장", "실장", "단장", "본부장",
    "센터장", "소장", "동장", "면장", "읍장", "부장", "차장", "대리", "주임", "사원", "청장", "관장", "원장",
    "부시장", "시장", "군수", "구청장", "도지사", "위원장", "위원", "반장", "조장",
)
# Honorifics for anyone (citizens included).
PERSON_TITLES = ("님", "씨", "귀하", "선생님", "선생", "여사", "어르신", "교수", "박사", "변호사")
# Labels in forms and documents that introduce a person's name.
PERSON_LABELS = (
    "성명", "성 명", "이름", "민원인", "신청인", "신청자", "보호자", "대표자", "피해자", "가해자", "청구인", "신고인",
    "제출자", "예금주", "피보험자", "세대주", "소유자", "고객명", "대리인", "위임인", "수임인", "수령인", "수취인",
    "받는 사람", "보내는 사람", "작성자", "수신자",
)
# Labels in a document's approval block (기안자 김철수): these name staff.
STAFF_LABELS = ("담당자", "기안자", "검토자", "결재자", "협조자", "담당", "발신자", "수신", "참조")

_PARTICLES = (
    "에게서", "께서는", "께서", "에게", "으로", "이며", "이고", "입니다", "와", "과", "이", "가", "은", "는", "을", "를",
    "의", "께", "도", "만", "로", "랑",
)


def _alt(words) -> str:
    return "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))


# Single-syllable surnames as one character class: far faster than a long alternation.
_SURNAME_RX = _alt(_COMPOUND_SURNAMES) + "|[" + "".join(sorted(set(_SURNAMES))) + "]"
_NAME = rf"(?P<v>(?P<sur>{_SURNAME_RX})(?P<given>[가-힣]{{1,2}}))"

# Name then title: "김철수 주무관", "김철수님". Titles are found first; the name
# must end right before one (optionally a space) and start a word.
_TITLE = re.compile(_alt(STAFF_TITLES + PERSON_TITLES))
_NAME_BEFORE_TITLE = re.compile(rf"(?<![가-힣]){_NAME}(?P<sp> ?)\Z")
_LONGEST_NAME = 5  # compound surname + two syllables + space
# Label then name: "성명: 김철수", "민원인 김철수가". The name ends the word, maybe with a particle.
_LABEL_BEFORE = re.compile(
    rf"(?P<label>{_alt(PERSON_LABELS + STAFF_LABELS)})(?: ?[:：] ?| ?\( ?| ){_NAME}"
    rf"(?:{_alt(_PARTICLES)})?(?![가-힣])"
)

# Three-syllable name right before a phone number, resident number or e-mail:
# "홍길동 010-1234-5678", table rows "이민서<TAB>900101-1234567", "홍길동 <hong@...>".
_BEFORE_IDENTIFIER = re.compile(
    rf"(?<![가-힣])(?P<v>(?P<sur>{_SURNAME_RX})(?P<given>[가-힣]{{2}}))(?![가-힣])"
    r"(?:\t| ?[(:,/|<] ?| )"
    r"(?=\+82|0[1-9][0-9]?[-. )]?[0-9]{3,4}[-. ]?[0-9]{4}(?![0-9])|[0-9]{6} ?[-.]? ?[1-8][0-9]{6}(?![0-9])"
    r"|[A-Za-z0-9._%+-]+@)"
)

# Approval blocks put the title first: "주무관 김보안  정보보안팀장 박철민".
# Only three-syllable names set off by two spaces, a line end or a separator.
_TITLE_THEN_NAME = re.compile(
    rf"(?:{_alt(STAFF_TITLES)})[ \t]+(?P<v>(?P<sur>{_SURNAME_RX})(?P<given>[가-힣]{{2}}))"
    r"(?=[ \t]{2,}|[ \t]*(?:\n|\Z)|[ \t]*[/|,·])"
)
_PARTICLE_RX = _alt(_PARTICLES)
_TITLE_RX = _alt(STAFF_TITLES + PERSON_TITLES)

_STAFF_TITLE_SET = frozenset(STAFF_TITLES)
# A name's other mentions: bare, or followed by exactly one particle or title.
_SUFFIX_SET = frozenset(_PARTICLES) | frozenset(STAFF_TITLES + PERSON_TITLES)
_LONGEST_SUFFIX = max(len(w) for w in _SUFFIX_SET)
_HANGUL_RUN = re.compile("[가-힣]+")
# A title before another honorific is not a name: "국장님" is not 국 + 장.
_STOP_WORDS = _STOP_WORDS | _STAFF_TITLE_SET
_STAFF_LABEL_SET = frozenset(STAFF_LABELS)


class PersonRecognizer(LocalRecognizer):
    """Names by surname list plus title/label context.

    ``detect_staff_names=False`` leaves names that are marked only as staff
    (김철수 주무관, 기안자 김철수) unreported; names with 님, 씨, 민원인, 성명
    and similar are reported either way.
    """

    ENTITY = "PERSON"

    def __init__(self, detect_staff_names: bool = True) -> None:
        self.detect_staff_names = detect_staff_names
        super().__init__(supported_entities=[self.ENTITY], name="KoreanPersonRecognizer", supported_language="ko")

    def load(self) -> None:
        pass

    @staticmethod
    def _plausible(sur: str, given: str) -> bool:
        if sur + given in _STOP_WORDS:
            return False
        return all(s in _GIVEN_SYLLABLES for s in given)

    def _title_score(self, m: re.Match, title: str) -> Optional[float]:
        staff = title in _STAFF_TITLE_SET
        if staff and not self.detect_staff_names:
            return None
        if not self._plausible(m.group("sur"), m.group("given")):
            return None
        attached = not m.group("sp")
        if staff:
            # "홍보팀장", "민원과장": a two-syllable department word glued to a title.
            if attached and len(m.group("v")) < 3:
                return None
            return 0.7 if attached else 0.8
        if title in ("님", "씨") and len(m.group("v")) < 3:
            # 고객님, 마음씨: two-syllable words with an honorific are rarely names.
            return None
        return 0.75

    def _label_score(self, m: re.Match) -> Optional[float]:
        if m.group("label") in _STAFF_LABEL_SET and not self.detect_staff_names:
            return None
        if not self._plausible(m.group("sur"), m.group("given")):
            return None
        return 0.85

    def _identifier_score(self, m: re.Match) -> Optional[float]:
        return 0.6 if self._plausible(m.group("sur"), m.group("given")) else None

    def _approval_score(self, m: re.Match) -> Optional[float]:
        if not self.detect_staff_names or not self._plausible(m.group("sur"), m.group("given")):
            return None
        return 0.7

    @staticmethod
    def _add_other_occurrences(text: str, found: dict[tuple[int, int], float]) -> None:
        """Once a name is known, its other mentions are the same person: "김보안
        주무관 ... 담당 김보안" must not leave the second one in the clear.

        One pass over Hangul runs with set look-ups (linear in the text): a run
        is a mention when it starts with a found name and the rest of the run
        is empty, a particle or a title. Longer names are tried first.
        """
        names = {text[start:end] for start, end in found}
        if not names:
            return
        lengths = sorted({len(n) for n in names}, reverse=True)
        longest = lengths[0] + _LONGEST_SUFFIX
        for run in _HANGUL_RUN.finditer(text):
            start, end = run.span()
            if end - start > longest:
                continue
            word = run.group()
            for n in lengths:
                if n <= len(word) and word[:n] in names and (n == len(word) or word[n:] in _SUFFIX_SET):
                    span = (start, start + n)
                    if span not in found:
                        found[span] = 0.7
                    break

    def analyze(self, text, entities, nlp_artifacts=None) -> list[RecognizerResult]:
        found: dict[tuple[int, int], float] = {}
        for title in _TITLE.finditer(text):
            t = title.start()
            m = _NAME_BEFORE_TITLE.search(text, max(0, t - _LONGEST_NAME), t)
            if m is not None:
                score = self._title_score(m, title.group())
                if score:
                    found[m.span("v")] = score
        for rx, scorer in (
            (_LABEL_BEFORE, self._label_score),
            (_BEFORE_IDENTIFIER, self._identifier_score),
            (_TITLE_THEN_NAME, self._approval_score),
        ):
            pos = 0
            while (m := rx.search(text, pos)) is not None:
                score = scorer(m)
                if score:
                    span = m.span("v")
                    found[span] = max(score, found.get(span, 0.0))
                    pos = m.end()
                else:
                    # "대표자 성명 김철수": a rejected candidate may hide a label.
                    pos = max(m.start("v"), m.start() + 1)
        self._add_other_occurrences(text, found)
        meta = {
            RecognizerResult.RECOGNIZER_NAME_KEY: self.name,
            RecognizerResult.RECOGNIZER_IDENTIFIER_KEY: self.id,
        }
        return [
            RecognizerResult(self.ENTITY, start, end, score, recognition_metadata=dict(meta))
            for (start, end), score in found.items()
        ]
