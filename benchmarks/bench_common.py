"""Pieces the end-to-end benchmarks share."""

from __future__ import annotations

from bot.request import OutFile, Reply


class CountingReply(Reply):
    """The baseline's reply: shows nothing, counts the updates an unthrottled adapter would send."""

    def __init__(self) -> None:
        super().__init__()
        self.updates = 0

    async def _status(self, text: str) -> None:
        pass

    async def _update(self, text: str) -> None:
        self.updates += 1

    async def _attach(self, file: OutFile) -> None:
        pass

    async def _finish(self, text: str) -> None:
        pass

    async def _fail(self, message: str) -> None:
        pass
