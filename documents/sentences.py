"""Korean sentence splitting for chunking: the one rule-based splitter lives in bot.text.sentences."""

from bot.text.sentences import split_sentences

__all__ = ["split_sentences"]
