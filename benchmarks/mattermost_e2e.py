"""Mattermost adapter end to end: a user's post in → the bot's final reply written.

200 mentions per round, 50 in flight at a time. The fake Mattermost server (real
driver, real HTTP and WebSocket) and a fake model with a fixed latency (the
OpenAI-compatible fake: 30 streamed pieces, 50 ms apart) run as separate
processes, as the real ones would; users post over REST with their own tokens.

Model time is taken out by a baseline measured in the same run: the same
pipeline and model called directly with an in-memory reply, same concurrency,
rounds alternating. The difference is the adapter's cost (event, REST calls,
edits); the ratio reads on any machine. Also reported: edits per reply with
EditThrottle at the production 1 s interval, against the edits an unthrottled
adapter would make (one per streamed piece).

    .venv/bin/python benchmarks/mattermost_e2e.py [requests] [concurrency] [rounds]
"""

from __future__ import annotations

import asyncio
import json
import logging
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import aiohttp  # noqa: E402

from adapters.mattermost import MattermostAdapter  # noqa: E402
from bot.app import build_pipeline  # noqa: E402
from bot.config import Settings  # noqa: E402
from bench_common import CountingReply  # noqa: E402
from bot.request import Request  # noqa: E402

PIECES = 30
PIECE_DELAY_MS = 50
# The model fake echoes the prompt one word per piece after "echo: ": 29 words make 30 pieces.
PROMPT = " ".join(f"문장{i}" for i in range(1, PIECES))
USERS = 50
CHANNELS = 10
WARMUP = 10


def settings_for(mm_url: str, model_url: str) -> Settings:
    return Settings(
        bot={"adapter": "mattermost"},
        limits={"requests_per_minute": 0},
        models={"local": {"provider": "openai_compatible", "model": "fake-model", "base_url": f"{model_url}/v1",
                          "tasks": ["chat"], "timeout_s": 30}},
        defaults={"chat": "local"},
        mattermost={"url": mm_url, "slash_host": "127.0.0.1", "slash_port": 0},  # production edit interval (1 s)
    )


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q / 100 * (len(ordered) - 1))))]


# -- the fake Mattermost, in its own process ---------------------------------------------------


def serve_mattermost() -> None:
    """Child mode: build the world, print it as one JSON line, serve until stdin closes."""
    from tests.fakes.mattermost_server import FakeMattermost

    mm = FakeMattermost()
    mm.record_requests = False
    mm.start()
    bot = mm.add_user("dasan", bot=True, token="bench-bot-token")
    users = [mm.add_user(f"user{i}", token=f"user-token-{i}") for i in range(USERS)]
    members = [bot["id"], *(u["id"] for u in users)]
    team = mm.add_team("gov", members=members)
    channels = [mm.add_channel(team["id"], f"ch{i}", members=members)["id"] for i in range(CHANNELS)]
    print(json.dumps({"url": mm.url, "bot_token": "bench-bot-token", "channels": channels,
                      "user_tokens": [f"user-token-{i}" for i in range(USERS)]}), flush=True)
    try:
        sys.stdin.read()
    finally:
        mm.stop()


def start_child(args: list[str]) -> tuple[subprocess.Popen[str], str]:
    proc = subprocess.Popen([sys.executable, *args], cwd=ROOT, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                            stderr=subprocess.DEVNULL, text=True)
    assert proc.stdout is not None
    return proc, proc.stdout.readline().strip()


def stop_child(proc: subprocess.Popen[str]) -> None:
    if proc.stdin is not None:
        proc.stdin.close()
    proc.terminate()
    try:
        proc.wait(10)
    except subprocess.TimeoutExpired:
        proc.kill()


# -- the two runs ---------------------------------------------------------------------------------


class Baseline:
    """The same pipeline and model, called directly with an in-memory reply."""

    def __init__(self, settings: Settings) -> None:
        self.pipeline = build_pipeline(settings)
        self.sent = 0

    async def round(self, n: int, concurrency: int) -> tuple[list[float], list[int]]:
        limit = asyncio.Semaphore(concurrency)
        latencies: list[float] = []
        updates: list[int] = []

        async def one() -> None:
            async with limit:
                self.sent += 1
                reply = CountingReply()
                request = Request(platform="mattermost", workspace="T", channel="C", thread_id=f"t{self.sent}",
                                  user_id=f"u{self.sent % USERS}", user_name="user", is_dm=False, text=PROMPT,
                                  event_id=f"e{self.sent}", is_public_channel=True)
                started = time.perf_counter()
                await self.pipeline.handle(request, reply)
                latencies.append(time.perf_counter() - started)
                updates.append(reply.updates)

        await asyncio.gather(*(one() for _ in range(n)))
        return latencies, updates

    async def close(self) -> None:
        await self.pipeline.registry.aclose()


class MattermostRun:
    """The adapter against the fake server: users post mentions over REST; the clock stops when the reply ended."""

    def __init__(self, settings: Settings, world: dict) -> None:
        self.world = world
        self.adapter = MattermostAdapter(settings, build_pipeline(settings), token=world["bot_token"], slash_token="")
        self.adapter.on_reply_done = self._finished
        self.done: dict[str, asyncio.Future[float]] = {}
        self.writes: list[tuple[int, int]] = []  # (creates, edits) per reply
        self.sent = 0
        self.task: asyncio.Task[None] | None = None
        self.http: aiohttp.ClientSession | None = None

    def _finished(self, request: Request, reply) -> None:
        self.writes.append((reply.created, reply.edits))
        future = self.done.setdefault(request.event_id, asyncio.get_running_loop().create_future())
        if not future.done():
            future.set_result(time.perf_counter())

    async def start(self) -> None:
        self.http = aiohttp.ClientSession()
        ready = asyncio.Event()
        self.task = asyncio.create_task(self.adapter.run(ready))
        await asyncio.wait_for(ready.wait(), 10)

    async def round(self, n: int, concurrency: int) -> tuple[list[float], list[tuple[int, int]]]:
        assert self.http is not None
        limit = asyncio.Semaphore(concurrency)
        latencies: list[float] = []
        self.writes = []
        loop = asyncio.get_running_loop()

        async def one() -> None:
            async with limit:
                self.sent += 1
                token = self.world["user_tokens"][self.sent % USERS]
                channel = self.world["channels"][self.sent % CHANNELS]
                started = time.perf_counter()
                async with self.http.post(f"{self.world['url']}/api/v4/posts",
                                          json={"channel_id": channel, "message": f"@dasan {PROMPT}"},
                                          headers={"Authorization": f"Bearer {token}"}) as resp:
                    post = await resp.json()
                future = self.done.setdefault(post["id"], loop.create_future())
                latencies.append(await asyncio.wait_for(future, 60) - started)

        await asyncio.gather(*(one() for _ in range(n)))
        await self.adapter.wait_idle()
        return latencies, list(self.writes)

    async def stop(self) -> None:
        if self.task is not None:
            self.task.cancel()
            try:
                await self.task
            except asyncio.CancelledError:
                pass
        if self.http is not None:
            await self.http.close()


async def main(n: int, concurrency: int, rounds: int) -> None:
    logging.basicConfig(level=logging.WARNING)
    model_proc, model_url = start_child(["-m", "tests.fakes.openai_server", "--chunk-delay-ms", str(PIECE_DELAY_MS)])
    mm_proc, world_line = start_child([str(Path(__file__).resolve()), "--serve-mattermost"])
    world = json.loads(world_line)
    settings = settings_for(world["url"], model_url)
    baseline, adapter = Baseline(settings), MattermostRun(settings, world)
    rows: list[tuple[float, float, float, float]] = []
    cpu = {"base": 0.0, "mm": 0.0}  # this process's CPU seconds: pipeline (+ adapter), not the fakes
    writes: list[tuple[int, int]] = []
    updates: list[int] = []
    try:
        await adapter.start()
        await baseline.round(WARMUP, WARMUP)
        await adapter.round(WARMUP, WARMUP)
        print(f"command: .venv/bin/python benchmarks/mattermost_e2e.py {n} {concurrency} {rounds}")
        print(f"model: {PIECES} pieces x {PIECE_DELAY_MS} ms (fixed-latency fake, own process); Mattermost fake in "
              f"its own process; {n} requests per round, {concurrency} in flight; edit interval 1 s")
        print(f"{'round':8}{'base p50':>10}{'base p99':>10}{'mm p50':>10}{'mm p99':>10}   (ms)")
        for r in range(rounds):
            t0 = time.process_time()
            base_lat, base_updates = await baseline.round(n, concurrency)
            t1 = time.process_time()
            mm_lat, mm_writes = await adapter.round(n, concurrency)
            cpu["base"] += t1 - t0
            cpu["mm"] += time.process_time() - t1
            row = (pct(base_lat, 50), pct(base_lat, 99), pct(mm_lat, 50), pct(mm_lat, 99))
            rows.append(row)
            writes += mm_writes
            updates += base_updates
            print(f"{r + 1:<8}" + "".join(f"{v * 1000:>10.1f}" for v in row))
    finally:
        await adapter.stop()
        await baseline.close()
        stop_child(mm_proc)
        stop_child(model_proc)

    med = [statistics.median(col) for col in zip(*rows, strict=False)]
    print(f"{'median':8}" + "".join(f"{v * 1000:>10.1f}" for v in med))
    for q, base, mmv in ((50, med[0], med[2]), (99, med[1], med[3])):
        print(f"adapter cost p{q} (model time excluded): {(mmv - base) * 1000:+.1f} ms, ratio {mmv / base:.3f}")
    per = {k: v / (n * rounds) * 1000 for k, v in cpu.items()}
    print(f"bot-process CPU per request: baseline {per['base']:.2f} ms, mattermost {per['mm']:.2f} ms "
          f"-> adapter {per['mm'] - per['base']:+.2f} ms ({per['mm'] / per['base']:.2f}x)")
    edits = [e for _, e in writes]
    ratio = statistics.mean(edits) / statistics.mean(updates)
    print(f"edits per reply: mean {statistics.mean(edits):.2f}, max {max(edits)}; unthrottled: "
          f"{statistics.mean(updates):.1f} (one per streamed piece) -> {ratio:.2f}x")
    print(f"posts created per reply: {statistics.mean(c for c, _ in writes):.2f}")


if __name__ == "__main__":
    if sys.argv[1:2] == ["--serve-mattermost"]:
        serve_mattermost()
        sys.exit(0)
    requests = int(sys.argv[1]) if len(sys.argv) > 1 else 200
    concurrency = int(sys.argv[2]) if len(sys.argv) > 2 else 50
    rounds = int(sys.argv[3]) if len(sys.argv) > 3 else 3
    asyncio.run(main(requests, concurrency, rounds))
