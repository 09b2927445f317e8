"""``BannedWordsFile`` reloads on change and keeps the last good list."""

from __future__ import annotations

import logging
import os
from pathlib import Path

import pytest

from safety.banned_words import BannedWordsFile


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def _write(path: Path, data: str | bytes, bump: int) -> None:
    """Write and move mtime forward, so the change is seen even on coarse filesystems."""
    if isinstance(data, str):
        data = data.encode("utf-8")
    path.write_bytes(data)
    stamp = 1_700_000_000_000_000_000 + bump * 1_000_000_000
    os.utime(path, ns=(stamp, stamp))


def _terms(watched: BannedWordsFile, text: str) -> list[str]:
    return [h.term for h in watched.current().find(text)]


@pytest.fixture
def clock() -> Clock:
    return Clock()


def test_change_is_picked_up_after_the_interval(tmp_path: Path, clock: Clock) -> None:
    path = tmp_path / "banned.txt"
    _write(path, "시발\n", 1)
    watched = BannedWordsFile(path, check_interval=2.0, clock=clock)
    assert watched.loaded
    assert _terms(watched, "야 시발 병신") == ["시발"]

    _write(path, "시발\n병신\n", 2)
    clock.now += 1.0  # not yet due: the old list is still served without a stat
    assert _terms(watched, "야 시발 병신") == ["시발"]
    clock.now += 1.5
    assert _terms(watched, "야 시발 병신") == ["시발", "병신"]
    assert len(watched.current()) == 2


def test_same_file_is_not_reparsed(tmp_path: Path, clock: Clock) -> None:
    path = tmp_path / "banned.txt"
    _write(path, "시발\n", 1)
    watched = BannedWordsFile(path, check_interval=0.5, clock=clock)
    first = watched.current()
    clock.now += 10
    assert watched.current() is first


@pytest.mark.parametrize(
    "broken",
    [b"\xff\xfe broken bytes", "시발\n병신 +모름\n".encode(), b"", "시발\x00".encode()],
    ids=["bad-utf8", "unknown-marker", "empty-file", "nul-byte"],
)
def test_broken_file_keeps_last_good_list(tmp_path: Path, clock: Clock, caplog, broken: bytes) -> None:
    path = tmp_path / "banned.txt"
    _write(path, "시발\n개새끼\n", 1)
    watched = BannedWordsFile(path, check_interval=1.0, clock=clock)
    caplog.set_level(logging.INFO, logger="safety.banned")
    _write(path, broken, 2)
    clock.now += 5
    assert _terms(watched, "시발 개새끼") == ["시발", "개새끼"]
    # Logs carry metadata only: never a list entry.
    assert caplog.records
    for record in caplog.records:
        message = record.getMessage()
        assert "시발" not in message and "개새끼" not in message and "병신" not in message

    _write(path, "병신\n", 3)  # fixed again: the new list wins
    clock.now += 5
    assert _terms(watched, "시발 병신") == ["병신"]


def test_deleted_file_keeps_list_and_recreated_file_loads(tmp_path: Path, clock: Clock) -> None:
    path = tmp_path / "banned.txt"
    _write(path, "시발\n", 1)
    watched = BannedWordsFile(path, check_interval=1.0, clock=clock)
    path.unlink()
    clock.now += 5
    assert _terms(watched, "시발") == ["시발"]
    _write(path, "병신\n", 2)
    clock.now += 5
    assert _terms(watched, "시발 병신") == ["병신"]


def test_missing_at_start_serves_empty_list_until_created(tmp_path: Path, clock: Clock) -> None:
    path = tmp_path / "later.txt"
    watched = BannedWordsFile(path, check_interval=1.0, clock=clock)
    assert not watched.loaded
    assert len(watched.current()) == 0
    _write(path, "시발\n", 1)
    clock.now += 5
    assert _terms(watched, "시발") == ["시발"]
    assert watched.loaded


def test_atomic_replace_is_seen(tmp_path: Path, clock: Clock) -> None:
    path = tmp_path / "banned.txt"
    _write(path, "시발\n", 1)
    watched = BannedWordsFile(path, check_interval=1.0, clock=clock)
    staged = tmp_path / "banned.txt.new"
    _write(staged, "병신\n", 1)  # same mtime and size as the old file: only the inode differs
    os.replace(staged, path)
    clock.now += 5
    assert _terms(watched, "시발 병신") == ["병신"]
