"""Banned-word (금칙어) matching: list parsing, evasion-robust search, streaming redaction, hot reload.

Import the public names from ``safety.banned_words``.
"""
