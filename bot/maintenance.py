"""Periodic housekeeping for a long-running bot (``dasan run``), on APScheduler.

Drops expired duplicate-event and rate-limit keys from the in-process state
store, and logs a metrics line of request outcomes (counts only, never
content) so the IT team can watch the bot without reading conversations.
"""

from __future__ import annotations

import logging

from apscheduler.schedulers.asyncio import AsyncIOScheduler

from bot.pipeline import Pipeline

log = logging.getLogger("dasan.metrics")


def start_maintenance(pipeline: Pipeline, *, metrics_every_s: int = 600, prune_every_s: int = 300) -> AsyncIOScheduler:
    """Start the jobs on the running event loop; call ``shutdown(wait=False)`` to stop."""
    scheduler = AsyncIOScheduler()
    scheduler.add_job(_prune, "interval", seconds=prune_every_s, args=[pipeline], id="prune-state",
                      coalesce=True, max_instances=1)
    scheduler.add_job(log_metrics, "interval", seconds=metrics_every_s, args=[pipeline], id="metrics",
                      coalesce=True, max_instances=1)
    scheduler.start()
    return scheduler


async def _prune(pipeline: Pipeline) -> None:
    removed = await pipeline.state.prune()
    if removed:
        log.debug("state pruned keys=%d", removed)


def log_metrics(pipeline: Pipeline) -> str:
    outcomes = pipeline.outcomes
    line = "requests total=%d %s" % (
        sum(outcomes.values()), " ".join(f"{k}={v}" for k, v in sorted(outcomes.items())))
    log.info(line)
    return line
