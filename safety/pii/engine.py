"""Builds the Presidio analyzer: explicit Korean registry, no_op NLP engine.

``AnalyzerEngine()`` with defaults downloads a spaCy model; the no_op engine
loads nothing. None of the recognisers registered here use tldextract, so no
public suffix list is ever fetched.
"""

from __future__ import annotations

from presidio_analyzer import AnalyzerEngine, EntityRecognizer, RecognizerRegistry
from presidio_analyzer.nlp_engine import NoOpNlpEngine

from safety.pii.contact import CreditCardRecognizer, EmailRecognizer, IpRecognizer, PhoneRecognizer
from safety.pii.context import KoreanContextEnhancer
from safety.pii.identifiers import (
    BankAccountRecognizer,
    BrnRecognizer,
    CrnRecognizer,
    DriverLicenseRecognizer,
    FrnRecognizer,
    HealthInsuranceRecognizer,
    PassportRecognizer,
    RrnRecognizer,
)
from safety.pii.names import PersonRecognizer
from safety.pii.places import AddressRecognizer, VehiclePlateRecognizer

LANGUAGE = "ko"


def build_recognizers(
    *, detect_staff_names: bool, latest_birth_year: int, threshold: float = 0.0
) -> list[EntityRecognizer]:
    pattern_recognizers = [
        RrnRecognizer(latest_birth_year, min_score=threshold),
        FrnRecognizer(latest_birth_year, min_score=threshold),
        *(
            cls(min_score=threshold)
            for cls in (
                PassportRecognizer,
                DriverLicenseRecognizer,
                BrnRecognizer,
                CrnRecognizer,
                HealthInsuranceRecognizer,
                BankAccountRecognizer,
                PhoneRecognizer,
                EmailRecognizer,
                CreditCardRecognizer,
                IpRecognizer,
                VehiclePlateRecognizer,
                AddressRecognizer,
            )
        ),
    ]
    return pattern_recognizers + [PersonRecognizer(detect_staff_names=detect_staff_names)]


def build_analyzer(recognizers: list[EntityRecognizer], *, threshold: float) -> AnalyzerEngine:
    nlp_engine = NoOpNlpEngine(models=[{"lang_code": LANGUAGE, "model_name": "no_op"}])
    nlp_engine.load()
    registry = RecognizerRegistry(supported_languages=[LANGUAGE])
    for recognizer in recognizers:
        registry.add_recognizer(recognizer)
    return AnalyzerEngine(
        registry=registry,
        nlp_engine=nlp_engine,
        supported_languages=[LANGUAGE],
        default_score_threshold=threshold,
        context_aware_enhancer=KoreanContextEnhancer(),
    )
