"""Wiring: settings → registry, safety gate, state store → pipeline."""

from __future__ import annotations

import logging
import threading

from bot.config import Settings
from bot.pipeline import Pipeline
from bot.registry import ModelRegistry
from bot.state import MemoryStateStore, StateStore
from safety.gate import SafetyGate

log = logging.getLogger(__name__)


def build_pipeline(settings: Settings, *, state: StateStore | None = None, warm: bool = False) -> Pipeline:
    gate = SafetyGate(settings.safety)
    if warm:
        # The personal-data engine takes most of a second to load; do it beside
        # the prompt instead of before it, so the bot starts answering at once.
        threading.Thread(target=_warm, args=(gate,), name="safety-warm", daemon=True).start()
    return Pipeline(settings, ModelRegistry(settings), gate, state or MemoryStateStore())


def _warm(gate: SafetyGate) -> None:
    try:
        gate.warm()
    except Exception as exc:  # the first request will load (and fail closed) on its own
        log.warning("safety warm-up failed: %s", type(exc).__name__)
