from __future__ import annotations

from pathlib import Path

import pytest

from documents.pool import WorkerPool

FILES = Path(__file__).with_name("files")
MAX_BYTES = 50_000_000


@pytest.fixture(scope="session")
def pool():
    """One pool of parser workers for the whole run: workers start once (~0.5 s each)."""
    workers = WorkerPool(size=2)
    yield workers
    workers.close()


@pytest.fixture(scope="session")
def real_hwp() -> bytes:
    return (FILES / "msit_press_release_2018-09-03_nuri.hwp").read_bytes()


@pytest.fixture(scope="session")
def real_pdf() -> bytes:
    return (FILES / "na_bill_2125318_carbon_neutral_act.pdf").read_bytes()
