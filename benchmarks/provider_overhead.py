"""What our provider layer adds to a streamed answer, compared with the bare SDK call.

Both paths talk to the same local fake server (tests/fakes, run in a separate process
by default) in the same run, interleaved so drift hits both alike:
  bare  — the official SDK client (max_retries=0, an httpx2 client with the same limits),
          iterating the raw stream until the first text delta / the end;
  ours  — build_provider(...).chat(...), i.e. retry wrapper, end-marker and usage
          tracking, error mapping.
Reported: time to first token (TTFT), total stream time and client CPU time per
stream, median and p99, for sequential streams and for batches of concurrent streams.
Goal: ours adds ≤ 2 ms to the median TTFT. With concurrent batches TTFT is mostly
queueing behind the other streams of the batch on one event loop, so it swings with
machine load; the CPU row is the steadier measure of what a layer costs.

Run from the repository root:
    .venv/bin/python benchmarks/provider_overhead.py [--sequential 200] [--concurrent 50]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import subprocess
import sys
import time
from collections.abc import Awaitable, Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

import anthropic  # noqa: E402
import httpx2  # noqa: E402
import openai  # noqa: E402

from bot.config import ModelSettings, NetworkSettings  # noqa: E402
from bot.providers.base import ChatMessage  # noqa: E402
from bot.providers.factory import build_provider  # noqa: E402

MESSAGES = [ChatMessage("system", "간결하게 답하세요."), ChatMessage("user", "다음 주 회의 일정과 안건을 정리해 주세요")]
ENV = {"BENCH_KEY": "bench-key"}
Timing = tuple[float, float, float]  # (ttft_ms, total_ms, cpu_ms)


def start_fake(module: str, chunk_delay_ms: float, mode: str) -> tuple[str, Callable[[], None]]:
    if mode == "thread":
        fake_module = __import__(f"tests.fakes.{module}", fromlist=["x"])
        cls = {"openai_server": "OpenAIFake", "anthropic_server": "AnthropicFake"}[module]
        fake = getattr(fake_module, cls)(chunk_delay_s=chunk_delay_ms / 1000)
        fake.record_requests = False
        fake.start()
        return fake.url, fake.stop
    proc = subprocess.Popen(
        [sys.executable, "-m", f"tests.fakes.{module}", "--chunk-delay-ms", str(chunk_delay_ms)],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert proc.stdout is not None
    url = proc.stdout.readline().strip()

    def stop() -> None:
        proc.terminate()
        proc.wait(10)

    return url, stop


def http_client() -> httpx2.AsyncClient:
    # The same settings factory.http_client uses, so only the layer above differs.
    return httpx2.AsyncClient(
        limits=httpx2.Limits(max_connections=100, max_keepalive_connections=20),
        timeout=httpx2.Timeout(60, connect=10),
        follow_redirects=True,
        trust_env=False,
    )


async def timed(first_and_rest: Callable[[], Awaitable[None]], marks: list[float]) -> Timing:
    start = time.perf_counter()
    cpu = time.process_time()
    marks.clear()
    await first_and_rest()
    end = time.perf_counter()
    return (marks[0] - start) * 1000, (end - start) * 1000, (time.process_time() - cpu) * 1000


def openai_paths(url: str, max_tokens: int) -> tuple[Callable[[], Awaitable[Timing]], Callable[[], Awaitable[Timing]], Callable]:
    model = ModelSettings(
        provider="openai", model="gpt-4o-mini", base_url=url + "/v1", api_key_env="BENCH_KEY", max_output_tokens=max_tokens
    )
    ours = build_provider("bench", model, NetworkSettings(), ENV)
    bare = openai.AsyncOpenAI(api_key="bench-key", base_url=url + "/v1", max_retries=0, http_client=http_client())
    wire = [{"role": m.role, "content": m.content} for m in MESSAGES]

    async def run_bare() -> Timing:
        marks: list[float] = []

        async def go() -> None:
            stream = await bare.chat.completions.create(
                model=model.model,
                messages=wire,  # type: ignore[arg-type]
                stream=True,
                stream_options={"include_usage": True},
                max_completion_tokens=max_tokens,
            )
            async for chunk in stream:
                if chunk.choices and chunk.choices[0].delta.content and not marks:
                    marks.append(time.perf_counter())

        return await timed(go, marks)

    async def run_ours() -> Timing:
        marks: list[float] = []

        async def go() -> None:
            async for _ in ours.chat(MESSAGES):
                if not marks:
                    marks.append(time.perf_counter())

        return await timed(go, marks)

    async def close() -> None:
        await ours.aclose()
        await bare.close()

    return run_bare, run_ours, close


def anthropic_paths(url: str, max_tokens: int) -> tuple[Callable[[], Awaitable[Timing]], Callable[[], Awaitable[Timing]], Callable]:
    model = ModelSettings(
        provider="anthropic", model="claude-bench", base_url=url, api_key_env="BENCH_KEY", max_output_tokens=max_tokens
    )
    ours = build_provider("bench", model, NetworkSettings(), ENV)
    bare = anthropic.AsyncAnthropic(api_key="bench-key", base_url=url, max_retries=0, http_client=http_client())
    system = MESSAGES[0].content
    wire = [{"role": "user", "content": MESSAGES[1].content}]

    async def run_bare() -> Timing:
        marks: list[float] = []

        async def go() -> None:
            stream = await bare.messages.create(
                model=model.model,
                max_tokens=max_tokens,
                system=system,
                messages=wire,  # type: ignore[arg-type]
                stream=True,
            )
            async for event in stream:
                if event.type == "content_block_delta" and not marks:
                    marks.append(time.perf_counter())

        return await timed(go, marks)

    async def run_ours() -> Timing:
        marks: list[float] = []

        async def go() -> None:
            async for _ in ours.chat(MESSAGES):
                if not marks:
                    marks.append(time.perf_counter())

        return await timed(go, marks)

    async def close() -> None:
        await ours.aclose()
        await bare.close()

    return run_bare, run_ours, close


def p99(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(0.99 * (len(ordered) - 1)))]


async def sequential(run_bare, run_ours, n: int) -> dict[str, list[Timing]]:
    results: dict[str, list[Timing]] = {"bare": [], "ours": []}
    for i in range(n):
        # Alternate which path goes first, so warm caches and drift favour neither.
        order = (("bare", run_bare), ("ours", run_ours)) if i % 2 == 0 else (("ours", run_ours), ("bare", run_bare))
        for label, run in order:
            results[label].append(await run())
    return results


async def concurrent(run_bare, run_ours, n: int, rounds: int) -> dict[str, list[Timing]]:
    """Per-stream TTFT/total; cpu is the whole batch's process CPU time divided by n
    (per-stream CPU cannot be separated while streams interleave)."""
    results: dict[str, list[Timing]] = {"bare": [], "ours": []}
    for r in range(rounds):
        order = (("bare", run_bare), ("ours", run_ours)) if r % 2 == 0 else (("ours", run_ours), ("bare", run_bare))
        for label, run in order:
            cpu = time.process_time()
            batch = await asyncio.gather(*(run() for _ in range(n)))
            per_stream = (time.process_time() - cpu) * 1000 / n
            results[label].extend((ttft, total, per_stream) for ttft, total, _ in batch)
    return results


def report(title: str, results: dict[str, list[Timing]]) -> None:
    print(f"\n{title}  (n={len(results['ours'])} streams per path)")
    print(f"  {'metric':<7} {'bare med':>9} {'ours med':>9} {'diff':>8} {'ratio':>6} {'bare p99':>9} {'ours p99':>9}")
    for index, metric in ((0, "TTFT"), (1, "total"), (2, "CPU")):
        bare = [t[index] for t in results["bare"]]
        ours = [t[index] for t in results["ours"]]
        mb, mo = statistics.median(bare), statistics.median(ours)
        print(
            f"  {metric:<7} {mb:8.3f}ms {mo:8.3f}ms {mo - mb:+7.3f}ms {mo / mb:5.2f}× {p99(bare):8.3f}ms {p99(ours):8.3f}ms"
        )


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sequential", type=int, default=200)
    parser.add_argument("--concurrent", type=int, default=50)
    parser.add_argument("--rounds", type=int, default=10, help="concurrent batches per path")
    parser.add_argument("--chunks", type=int, default=20, help="text deltas per answer")
    parser.add_argument("--chunk-delay-ms", type=float, default=0.0, help="fake server latency per chunk")
    parser.add_argument("--server", choices=["process", "thread"], default="process")
    parser.add_argument("--api", choices=["openai", "anthropic", "both"], default="both")
    args = parser.parse_args()

    print("command:", " ".join([os.path.relpath(sys.executable, ROOT), *sys.argv]))
    print(f"python {sys.version.split()[0]}, openai {openai.__version__}, anthropic {anthropic.__version__}, "
          f"fake server in a {args.server}, {args.chunks} deltas/answer, {args.chunk_delay_ms} ms/chunk")
    apis = ["openai", "anthropic"] if args.api == "both" else [args.api]
    for api in apis:
        module = "openai_server" if api == "openai" else "anthropic_server"
        url, stop = start_fake(module, args.chunk_delay_ms, args.server)
        try:
            make = openai_paths if api == "openai" else anthropic_paths
            # The fake echoes the prompt word by word; a longer prompt gives more deltas.
            MESSAGES[1] = ChatMessage("user", " ".join(f"단어{i}" for i in range(max(1, args.chunks - 1))))
            run_bare, run_ours, close = make(url, 512)
            await sequential(run_bare, run_ours, 20)  # warm-up: connections, imports, caches
            report(f"[{api}] sequential", await sequential(run_bare, run_ours, args.sequential))
            report(
                f"[{api}] {args.concurrent} concurrent × {args.rounds} rounds",
                await concurrent(run_bare, run_ours, args.concurrent, args.rounds),
            )
            await close()
        finally:
            stop()


if __name__ == "__main__":
    asyncio.run(main())
