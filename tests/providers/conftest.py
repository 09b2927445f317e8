"""Fixtures for the provider tests: fake API servers on 127.0.0.1 and config builders."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import pytest

# `tests.fakes` is imported by package name; plain `pytest` does not put the repo root on sys.path.
ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bot.config import ModelSettings, NetworkSettings  # noqa: E402
from tests.fakes.anthropic_server import AnthropicFake  # noqa: E402
from tests.fakes.deepl_server import DeepLFake  # noqa: E402
from tests.fakes.openai_server import OpenAIFake  # noqa: E402

KEY = "test-key-123"
ENV = {"TEST_KEY": KEY}
FAST = {"retry_base_delay_s": 0.01, "retry_max_delay_s": 0.05}


@pytest.fixture
def openai_fake():
    with OpenAIFake(api_key=KEY) as fake:
        yield fake


@pytest.fixture
def anthropic_fake():
    with AnthropicFake(api_key=KEY) as fake:
        yield fake


@pytest.fixture
def deepl_fake():
    with DeepLFake(auth_key=KEY) as fake:
        yield fake


def model(provider: str, base_url: str | None, **kw: Any) -> ModelSettings:
    options = {**FAST, **kw.pop("options", {})}
    kw.setdefault("model", "" if provider == "deepl" else "test-model")
    kw.setdefault("timeout_s", 5)
    return ModelSettings(provider=provider, base_url=base_url, api_key_env="TEST_KEY", options=options, **kw)


NO_PROXY = NetworkSettings()
