"""Slack adapter end to end: an event in → the bot's final reply visible on the (fake) Slack server.

200 mentions, 50 in flight at a time, against the fake Slack (real slack_sdk,
real bolt AsyncApp, real HTTP/WebSocket) and a fake model with a fixed latency
(the OpenAI-compatible fake, 30 pieces × 50 ms). Model time is taken out by a
baseline measured in the same run: the same pipeline and model called directly
with an in-memory reply, same concurrency. The difference is the adapter's cost
(event delivery, users.info / conversations.info, streaming calls); the ratio
reads on any machine. The bare fake-Slack round trip (one chat.postMessage) is
printed too, for scale.

Also reports Slack streaming calls per reply (EditThrottle at the production
1 s interval) against the calls an unthrottled adapter would make (one per piece).

    .venv/bin/python benchmarks/slack_e2e.py [--requests 200] [--concurrency 50] [--mode socket|http|both]
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import os
import statistics
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import aiohttp  # noqa: E402
from slack_sdk.web.async_client import AsyncWebClient  # noqa: E402

from adapters.slack import SlackAdapter  # noqa: E402
from bot.app import build_pipeline  # noqa: E402
from bot.config import Settings  # noqa: E402
from bench_common import CountingReply  # noqa: E402
from bot.request import Request  # noqa: E402
from tests.fakes.base import Reply as ModelReply  # noqa: E402
from tests.fakes.openai_server import OpenAIFake  # noqa: E402
from tests.fakes.slack_api import FakeSlack  # noqa: E402

PIECES = 30
PIECE_DELAY_S = 0.05
CHUNKS = [f"{i}번째 문장은 보고서의 한 부분입니다. " for i in range(1, PIECES + 1)]
FINAL_MARK = f"{PIECES}번째 문장"
CHANNEL = "C0BENCH"
WARMUP = 50  # one full batch: every pooled connection is open before timing starts


def settings_for(slack: FakeSlack, model_url: str, mode: str) -> Settings:
    return Settings(
        bot={"log_level": "WARNING"},
        slack={"mode": mode, "api_url": slack.api_url, "http_host": "127.0.0.1", "http_port": 0},
        limits={"requests_per_minute": 0},  # one benchmark user sends 200 requests
        models={"local": {"provider": "openai_compatible", "model": "fake-model", "base_url": f"{model_url}/v1",
                          "tasks": ["chat"], "timeout_s": 30}},
        defaults={"chat": "local"},
    )


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


async def run_limited(n: int, concurrency: int, one) -> list[float]:
    sem = asyncio.Semaphore(concurrency)
    out: list[float] = []

    async def guarded(i: int) -> None:
        async with sem:
            out.append(await one(i))

    await asyncio.gather(*(guarded(i) for i in range(n)))
    return out


async def baseline(settings: Settings, n: int, concurrency: int) -> tuple[list[float], float]:
    pipeline = build_pipeline(settings)
    updates: list[int] = []

    async def one(i: int) -> float:
        reply = CountingReply()
        request = Request(platform="slack", workspace="T0FAKE", channel=CHANNEL, thread_id=str(i), user_id="U0BENCH",
                          user_name="bench", is_dm=False, text="보고서 문장을 써 주세요", event_id=f"b{i}",
                          is_public_channel=True)
        t = time.perf_counter()
        await pipeline.handle(request, reply)
        updates.append(reply.updates)
        return time.perf_counter() - t

    await run_limited(WARMUP, concurrency, one)
    updates.clear()
    times = await run_limited(n, concurrency, one)
    await pipeline.registry.aclose()
    return times, statistics.mean(updates)


async def bare_round_trip(slack: FakeSlack, n: int, concurrency: int) -> list[float]:
    async with aiohttp.ClientSession(trust_env=False) as session:
        client = AsyncWebClient(token=slack.bot_token, base_url=slack.api_url, session=session)

        async def one(i: int) -> float:
            t = time.perf_counter()
            await client.chat_postMessage(channel=CHANNEL, text=f"round trip {i}")
            return time.perf_counter() - t

        return await run_limited(n, concurrency, one)


async def through_adapter(slack: FakeSlack, settings: Settings, n: int, concurrency: int) -> tuple[list[float], float]:
    for name, value in (("SLACK_BOT_TOKEN", slack.bot_token), ("SLACK_APP_TOKEN", slack.app_token),
                        ("SLACK_SIGNING_SECRET", slack.signing_secret)):
        os.environ[name] = value
    done: dict[str, asyncio.Future[float]] = {}

    def watch(msg: dict[str, Any]) -> None:
        fut = done.get(msg.get("thread_ts", ""))
        if fut is not None and not fut.done() and FINAL_MARK in msg["text"] and not msg.get("streaming") \
                and "local" in msg["text"]:  # the model footer comes with the final text only
            fut.set_result(time.perf_counter())

    slack.watchers.append(watch)
    adapter = SlackAdapter(settings, build_pipeline(settings))
    await adapter.start()
    url = f"http://127.0.0.1:{adapter.http_port}{settings.slack.http_path}"
    if settings.slack.mode == "socket":
        await slack.wait_socket()
    calls_before = len(slack.calls)

    async def one(i: int) -> float:
        body = slack.mention(CHANNEL, "<@UBOT> 보고서 문장을 써 주세요", user=f"U{i % 40:04d}")
        fut = done[body["event"]["ts"]] = asyncio.get_running_loop().create_future()
        t = time.perf_counter()
        if settings.slack.mode == "socket":
            await slack.socket_event(body, timeout=30)
        else:
            status, _ = await slack.http_event(url, body)
            assert status == 200, status
        return await asyncio.wait_for(fut, 60) - t

    try:
        await run_limited(WARMUP, concurrency, one)
        calls_before = len(slack.calls)
        times = await run_limited(n, concurrency, one)
        stream_calls = [c for c in slack.calls[calls_before:]
                        if c.method in ("chat.startStream", "chat.appendStream", "chat.stopStream",
                                        "chat.postMessage", "chat.update", "chat.delete")]
    finally:
        await adapter.stop()
        slack.watchers.remove(watch)
    return times, len(stream_calls) / n


def line(name: str, times: list[float]) -> str:
    return f"  {name:<38} p50 {pct(times, 0.5) * 1000:8.1f} ms   p99 {pct(times, 0.99) * 1000:8.1f} ms"


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--concurrency", type=int, default=50)
    parser.add_argument("--mode", choices=["socket", "http", "both"], default="both")
    args = parser.parse_args()
    logging.basicConfig(level=logging.WARNING)
    logging.getLogger().setLevel(logging.WARNING)  # some import may have configured INFO already
    for name in ("HTTPS_PROXY", "https_proxy", "HTTP_PROXY", "http_proxy"):
        os.environ.pop(name, None)

    model = OpenAIFake(chunk_delay_s=PIECE_DELAY_S)
    model.default = ModelReply(chunks=CHUNKS)
    model.record_requests = False
    await asyncio.to_thread(model.start)
    try:
        async with FakeSlack() as slack:
            slack.add_channel(CHANNEL, "public", "bench")
            for i in range(40):
                slack.add_user(f"U{i:04d}", f"user{i}", f"사용자{i}")
            print(f"{args.requests} requests, {args.concurrency} concurrent; model: {PIECES} pieces × "
                  f"{PIECE_DELAY_S * 1000:.0f} ms (fixed latency ≈ {PIECES * PIECE_DELAY_S:.2f} s)")
            base_settings = settings_for(slack, model.url, "socket")
            # The baseline runs before and after the adapter runs and is pooled, so drift on a
            # shared machine weighs on both sides of the comparison alike.
            before, base_updates = await baseline(base_settings, args.requests, args.concurrency)
            bare = await bare_round_trip(slack, args.requests, args.concurrency)
            modes = ["socket", "http"] if args.mode == "both" else [args.mode]
            results = {}
            for mode in modes:
                results[mode] = await through_adapter(slack, settings_for(slack, model.url, mode), args.requests,
                                                      args.concurrency)
            after, _ = await baseline(base_settings, args.requests, args.concurrency)
            base = before + after
            print(line("baseline: pipeline + model, no Slack", base))
            print(f"    (before the adapter runs p50 {pct(before, 0.5) * 1000:.1f} ms, "
                  f"after p50 {pct(after, 0.5) * 1000:.1f} ms)")
            print(line("bare fake-Slack chat.postMessage", bare))
            for mode, (times, calls) in results.items():
                print(line(f"slack adapter ({mode} mode), event→final", times))
                for q, label in ((0.5, "p50"), (0.99, "p99")):
                    over = pct(times, q) - pct(base, q)
                    print(f"    {label}: adapter adds {over * 1000:7.1f} ms "
                          f"(×{pct(times, q) / pct(base, q):.3f} of baseline)")
                print(f"    Slack message calls per reply: {calls:.1f} "
                      f"(unthrottled would be ≈ {base_updates + 2:.0f}: one per streamed piece + start/stop)")
    finally:
        await asyncio.to_thread(model.stop)
    print("command: .venv/bin/python benchmarks/slack_e2e.py " + " ".join(sys.argv[1:]))


if __name__ == "__main__":
    asyncio.run(main())
