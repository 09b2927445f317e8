"""Shared fixtures for the PII tests; the corpus report is printed in the terminal summary."""

from __future__ import annotations

import pytest

from safety.pii import PiiDetector

_REPORTS: list[str] = []


@pytest.fixture(scope="session")
def detector() -> PiiDetector:
    return PiiDetector()


@pytest.fixture(scope="session")
def citizen_only_detector() -> PiiDetector:
    return PiiDetector(detect_staff_names=False)


def add_report(text: str) -> None:
    _REPORTS.append(text)


def pytest_terminal_summary(terminalreporter) -> None:
    for text in _REPORTS:
        terminalreporter.write_sep("-", "PII corpus: per-type recall and precision")
        terminalreporter.write_line(text)
