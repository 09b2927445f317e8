"""The command table and the parser that turns a message into a command.

One table is the source of truth: the parser reads names, aliases and
keywords from it, and ``도움말`` renders the manual from it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from bot.tasks import Task


@dataclass(frozen=True)
class CommandSpec:
    name: str  # the Korean command word
    aliases: tuple[str, ...]  # English and other accepted forms
    task: Task | None  # the model task; None for commands that need no model
    # Verb stems that route a free-form mention here ("이 파일 요약해줘").
    keywords: tuple[str, ...] = ()
    options: tuple[str, ...] = ()  # option keys this command accepts besides model


COMMANDS: tuple[CommandSpec, ...] = (
    CommandSpec("요약", ("summarize", "summary"), Task.SUMMARIZE, ("요약", "정리해"), ("length",)),
    CommandSpec("질문", ("ask", "question"), Task.ASK, ()),
    CommandSpec("초안", ("draft",), Task.DRAFT, ("초안", "작성해"), ("type", "format")),
    CommandSpec("번역", ("translate",), Task.TRANSLATE, ("번역",), ("to", "from", "formality")),
    CommandSpec("검색", ("search",), Task.SEARCH, ("검색해", "찾아봐", "찾아 봐")),
    CommandSpec("그림", ("image", "draw"), Task.IMAGE, ("그려", "이미지 만들", "이미지 생성"), ("size",)),
    CommandSpec("분석", ("analyze", "analyse"), Task.ANALYZE, ("분석",)),
    CommandSpec("교정", ("proofread", "check"), Task.PROOFREAD, ("교정", "검토해"), ("type",)),
    CommandSpec("모델", ("models",), None),
    CommandSpec("도움말", ("help", "?"), None, ("도움말", "사용법")),
)

CHAT = CommandSpec("대화", ("chat",), Task.CHAT)

BY_WORD: dict[str, CommandSpec] = {}
for _spec in (*COMMANDS, CHAT):
    for _word in (_spec.name, *_spec.aliases):
        BY_WORD[_word.lower()] = _spec

# Option keys in English (--model) and Korean (모델=이름) forms.
OPTION_KEYS: dict[str, str] = {
    "model": "model", "모델": "model", "m": "model",
    "length": "length", "길이": "length",
    "to": "to", "언어": "to", "대상": "to",
    "from": "from", "원문": "from",
    "formality": "formality", "존댓말": "formality",
    "type": "type", "유형": "type", "종류": "type",
    "format": "format", "형식": "format",
    "size": "size", "크기": "size",
}
# Bare words that set an option, so "요약 짧게" reads naturally.
WORD_OPTIONS: dict[str, tuple[str, str]] = {
    "짧게": ("length", "short"), "간단히": ("length", "short"), "--short": ("length", "short"),
    "자세히": ("length", "long"), "길게": ("length", "long"), "--long": ("length", "long"),
}
# Options whose values are a closed set; another value means the word was prose.
OPTION_VALUES: dict[str, frozenset[str]] = {"format": frozenset({"hwpx", "docx"})}
QUESTION_HINT = re.compile(r"(\?|？|까\s*$|나요\s*$|니\s*$|뭐|무엇|얼마|언제|어디|누구|어떻게|왜|알려)")


@dataclass
class ParsedCommand:
    spec: CommandSpec
    args: str = ""
    options: dict[str, str] = field(default_factory=dict)
    routed_by: str = "explicit"  # explicit | keyword | default
    errors: list[str] = field(default_factory=list)  # option problems, as keys for messages

    @property
    def name(self) -> str:
        return self.spec.name

    @property
    def task(self) -> Task | None:
        return self.spec.task


_OPTION_WORD = re.compile(r"--[A-Za-z][A-Za-z_-]*(?:=|$)")


def _extract_options(
    text: str, word_options: bool = False, kv_keys: frozenset[str] = frozenset({"model"})
) -> tuple[str, dict[str, str], list[str]]:
    """Pull ``--key value``, ``--key=value`` and ``키=값`` out; keep the rest verbatim.

    Only option-shaped words count (``-->`` or ``---`` in prose stay text), and the
    ``키=값`` form only for keys the command takes, so "대상=전 직원" in a draft stays."""
    options: dict[str, str] = {}
    errors: list[str] = []
    kept: list[str] = []
    tokens = re.split(r"(\s+)", text)
    i = 0
    while i < len(tokens):
        tok = tokens[i]
        if not tok or tok.isspace():
            kept.append(tok)
            i += 1
            continue
        key = value = None
        if _OPTION_WORD.match(tok) and tok not in WORD_OPTIONS:
            body = tok[2:]
            if "=" in body:
                key, value = body.split("=", 1)
            else:
                key = body
                j = i + 1
                while j < len(tokens) and (not tokens[j] or tokens[j].isspace()):
                    j += 1
                if j < len(tokens):
                    value = tokens[j]
                    i = j
            if key.lower() not in OPTION_KEYS:
                errors.append(f"unknown_option:{key}")
                i += 1
                continue
        elif "=" in tok and OPTION_KEYS.get(tok.split("=", 1)[0]) in kv_keys and _valid(*tok.split("=", 1)):
            key, value = tok.split("=", 1)
        elif word_options and tok in WORD_OPTIONS and not options.get(WORD_OPTIONS[tok][0]):
            opt, val = WORD_OPTIONS[tok]
            options[opt] = val
            i += 1
            continue
        if key is not None:
            canonical = OPTION_KEYS[key.lower()]
            if not value:
                errors.append(f"missing_value:{key}")
            else:
                options[canonical] = value.strip("'\"")
            i += 1
            continue
        kept.append(tok)
        i += 1
    return "".join(kept).strip(), options, errors


def _keyword_route(text: str, has_attachments: bool) -> CommandSpec | None:
    for spec in COMMANDS:
        if any(k in text for k in spec.keywords):
            return spec
    if has_attachments:
        if not text.strip():
            return BY_WORD["요약"]
        if QUESTION_HINT.search(text):
            return BY_WORD["질문"]
    return None


def _valid(key: str, value: str) -> bool:
    allowed = OPTION_VALUES.get(OPTION_KEYS[key])
    return allowed is None or value.lower() in allowed


def _kv_keys(spec: CommandSpec) -> frozenset[str]:
    return frozenset({"model", *spec.options})


def parse_command(text: str, *, has_attachments: bool = False) -> ParsedCommand:
    text = (text or "").strip()
    first, _, rest = text.partition(" ")
    word = first.lstrip("/").lower()
    spec = BY_WORD.get(word)
    if spec is not None:
        args, options, errors = _extract_options(rest, "length" in spec.options, _kv_keys(spec))
        return ParsedCommand(spec, args, options, "explicit", errors)
    args, options, errors = _extract_options(text)
    routed = _keyword_route(args, has_attachments)
    if routed is not None:
        args, options, errors = _extract_options(text, "length" in routed.options, _kv_keys(routed))
        return ParsedCommand(routed, args, options, "keyword", errors)
    return ParsedCommand(CHAT, args, options, "default", errors)


def find_command(word: str) -> CommandSpec | None:
    return BY_WORD.get(word.lower().lstrip("/"))
