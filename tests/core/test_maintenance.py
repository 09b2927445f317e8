import asyncio

from bot.app import build_pipeline
from bot.config import Settings
from bot.maintenance import log_metrics, start_maintenance
from bot.state import MemoryStateStore
from tests.helpers import RecordingReply, make_request


async def test_prune_drops_only_expired_keys():
    now = [0.0]
    store = MemoryStateStore(clock=lambda: now[0])
    await store.add_once("old", 10)
    await store.add_once("new", 100)
    now[0] = 50
    assert await store.prune() == 1
    assert await store.add_once("old", 10) is True  # expired key is gone
    assert await store.add_once("new", 100) is False


async def test_metrics_line_counts_outcomes_without_content(caplog):
    caplog.set_level("INFO")
    pipeline = build_pipeline(Settings())
    await pipeline.handle(make_request("도움말 비밀 메모 내용"), RecordingReply())
    await pipeline.handle(make_request("   "), RecordingReply())
    line = log_metrics(pipeline)
    assert "total=2" in line and "ok=1" in line and "empty=1" in line
    assert caplog.text and "비밀 메모" not in caplog.text


async def test_scheduler_runs_jobs_on_the_loop():
    pipeline = build_pipeline(Settings())
    await pipeline.state.incr("k", 1, ttl_s=0.01)
    scheduler = start_maintenance(pipeline, metrics_every_s=1, prune_every_s=1)
    try:
        await asyncio.sleep(1.3)
        assert pipeline.state._data == {}
    finally:
        scheduler.shutdown(wait=False)
