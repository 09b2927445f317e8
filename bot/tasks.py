"""The tasks a model can be registered for; commands map onto them."""

from __future__ import annotations

from enum import StrEnum


class Task(StrEnum):
    CHAT = "chat"
    SUMMARIZE = "summarize"
    ASK = "ask"
    DRAFT = "draft"
    TRANSLATE = "translate"
    SEARCH = "search"
    IMAGE = "image"
    ANALYZE = "analyze"
    PROOFREAD = "proofread"
