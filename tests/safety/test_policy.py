"""decide(): per-type actions, external models never get raw personal data."""

from __future__ import annotations

import pytest

from safety.pii import ENTITY_TYPES, Finding
from safety.policy import ALLOW, BLOCK, DEFAULT_ACTIONS, MASK, UNIQUE_IDENTIFIERS, decide

RRN = Finding("KR_RRN", 0, 14, 0.9)
PHONE = Finding("PHONE_NUMBER", 20, 33, 0.9)
NAME = Finding("PERSON", 40, 43, 0.8)


def test_defaults_block_unique_identifiers_and_mask_the_rest():
    assert {t for t, a in DEFAULT_ACTIONS.items() if a == BLOCK} == {
        "KR_RRN", "KR_FRN", "KR_PASSPORT", "KR_DRIVER_LICENSE"
    } == UNIQUE_IDENTIFIERS
    assert all(DEFAULT_ACTIONS[t] == MASK for t in ENTITY_TYPES if t not in UNIQUE_IDENTIFIERS)
    assert set(DEFAULT_ACTIONS) == set(ENTITY_TYPES)


def test_default_decision_for_an_external_model():
    d = decide([RRN, PHONE, NAME], external=True, raw_allowed=False)
    assert d.blocked and d.blocked_types == ("KR_RRN",)
    assert d.to_mask == (RRN, PHONE, NAME)


def test_blocked_types_name_types_only():
    d = decide([RRN, Finding("KR_PASSPORT", 50, 59, 0.9), RRN], external=True, raw_allowed=False)
    assert d.blocked_types == ("KR_PASSPORT", "KR_RRN")
    assert all(isinstance(t, str) for t in d.blocked_types)


def test_nothing_found_nothing_to_do():
    d = decide([], external=True, raw_allowed=False)
    assert not d.blocked and d.to_mask == ()


def test_allow_is_mask_for_external_models():
    actions = {**DEFAULT_ACTIONS, "PHONE_NUMBER": ALLOW}
    assert decide([PHONE], external=True, raw_allowed=False, actions=actions).to_mask == (PHONE,)
    assert decide([PHONE], external=False, raw_allowed=False, actions=actions).to_mask == ()


def test_raw_allowed_only_for_on_premises_models():
    on_prem = decide([RRN, PHONE], external=False, raw_allowed=True)
    assert not on_prem.blocked and on_prem.to_mask == ()
    external = decide([RRN, PHONE], external=True, raw_allowed=True)
    assert external.blocked_types == ("KR_RRN",) and external.to_mask == (RRN, PHONE)


def test_on_premises_without_raw_follows_actions():
    d = decide([RRN, PHONE], external=False, raw_allowed=False)
    assert d.blocked_types == ("KR_RRN",) and d.to_mask == (RRN, PHONE)


def test_unknown_types_are_masked():
    other = Finding("BANNED_WORD", 0, 2, 1.0)
    assert decide([other], external=False, raw_allowed=False).to_mask == (other,)


def test_bad_action_is_rejected():
    with pytest.raises(ValueError):
        decide([PHONE], external=True, raw_allowed=False, actions={"PHONE_NUMBER": "drop"})


def test_defaults_cannot_be_modified():
    with pytest.raises(TypeError):
        DEFAULT_ACTIONS["KR_RRN"] = ALLOW  # type: ignore[index]
