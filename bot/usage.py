"""Usage accounting and quotas: metadata only — user, department, model, tokens, cost."""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass

from bot.state import StateStore

log = logging.getLogger("dasan.usage")
DAY_S = 86_400


@dataclass(frozen=True)
class UsageRecord:
    user_id: str
    department: str
    model: str
    input_tokens: int
    output_tokens: int
    cost: float


def _day(now: float) -> str:
    return time.strftime("%Y%m%d", time.localtime(now))


class UsageLedger:
    def __init__(self, state: StateStore, clock=time.time) -> None:
        self._state = state
        self._clock = clock

    async def record(self, rec: UsageRecord) -> None:
        day = _day(self._clock())
        tokens = rec.input_tokens + rec.output_tokens
        await self._state.incr(f"usage:user:{day}:{rec.user_id}", tokens, DAY_S)
        if rec.department:
            await self._state.incr(f"usage:dept-cost:{day}:{rec.department}", rec.cost, DAY_S)
        log.info(
            "usage user=%s dept=%s model=%s in=%d out=%d cost=%.4f",
            rec.user_id, rec.department or "-", rec.model, rec.input_tokens, rec.output_tokens, rec.cost,
        )

    async def user_tokens_today(self, user_id: str) -> float:
        return await self._state.get(f"usage:user:{_day(self._clock())}:{user_id}")

    async def department_cost_today(self, department: str) -> float:
        return await self._state.get(f"usage:dept-cost:{_day(self._clock())}:{department}")
