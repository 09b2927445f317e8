"""Per-type actions for personal data on its way to a model: block, mask or allow."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import Protocol

from safety.pii import ENTITY_TYPES

BLOCK = "block"
MASK = "mask"
ALLOW = "allow"
ACTIONS = frozenset({BLOCK, MASK, ALLOW})

# 고유식별정보 under 개인정보 보호법 Art. 24 and its Enforcement Decree Art. 19.
UNIQUE_IDENTIFIERS = frozenset({"KR_RRN", "KR_FRN", "KR_PASSPORT", "KR_DRIVER_LICENSE"})

DEFAULT_ACTIONS: Mapping[str, str] = MappingProxyType(
    {t: (BLOCK if t in UNIQUE_IDENTIFIERS else MASK) for t in ENTITY_TYPES}
)


class Typed(Protocol):
    type: str


@dataclass(frozen=True)
class Decision:
    """What to do with one message. ``blocked_types`` names types, never values."""

    blocked_types: tuple[str, ...]
    to_mask: tuple  # the findings to replace with placeholders, in input order

    @property
    def blocked(self) -> bool:
        return bool(self.blocked_types)


def validate_actions(actions: Mapping[str, str]) -> None:
    bad = {t: a for t, a in actions.items() if a not in ACTIONS}
    if bad:
        raise ValueError(f"unknown actions {bad}; use one of {sorted(ACTIONS)}")


def decide(
    findings: Iterable[Typed],
    *,
    external: bool,
    raw_allowed: bool,
    actions: Mapping[str, str] = DEFAULT_ACTIONS,
) -> Decision:
    """Pure decision for a list of findings.

    - An on-premises model with ``raw_allowed`` gets the text untouched.
    - An external model never gets raw personal data: ``raw_allowed`` is
      ignored for it and ``allow`` counts as ``mask``.
    - Types missing from ``actions`` are masked (fail closed).

    ``to_mask`` also lists findings of blocked types, so a caller that masks
    rather than refuses still sends none of them.
    """
    validate_actions(actions)
    findings = list(findings)
    if raw_allowed and not external:
        return Decision((), ())
    blocked: set[str] = set()
    to_mask = []
    for finding in findings:
        action = actions.get(finding.type, MASK)
        if action == BLOCK:
            blocked.add(finding.type)
            to_mask.append(finding)
        elif action == MASK or external:
            to_mask.append(finding)
    return Decision(tuple(sorted(blocked)), tuple(to_mask))
