"""Korean personal-data detection on top of Presidio (no_op NLP engine, offline)."""

from safety.pii.detector import ENTITY_TYPES, Finding, InputTooLarge, PiiDetector

__all__ = ["ENTITY_TYPES", "Finding", "InputTooLarge", "PiiDetector"]
