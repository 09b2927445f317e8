"""Length-prefixed frames over pipes, with deadlines on both reading and writing."""

from __future__ import annotations

import os
import select
import struct
import time

HEADER = struct.Struct(">Q")
CHUNK = 1024 * 1024


class ChannelClosed(Exception):
    """The other end went away (the worker died, or the parent closed the pipe)."""


class ChannelTimeout(Exception):
    pass


class FrameTooLarge(Exception):
    pass


def write_frame(fd: int, payload: bytes | memoryview, deadline: float | None = None) -> None:
    _write_all(fd, HEADER.pack(len(payload)), deadline)
    _write_all(fd, payload, deadline)


def read_frame(fd: int, deadline: float | None = None, max_bytes: int | None = None) -> bytes:
    (size,) = HEADER.unpack(_read_exactly(fd, HEADER.size, deadline))
    if max_bytes is not None and size > max_bytes:
        raise FrameTooLarge(size)
    return _read_exactly(fd, size, deadline)


def _wait(fd: int, for_write: bool, deadline: float | None) -> None:
    if deadline is None:
        return
    remaining = deadline - time.monotonic()
    if remaining <= 0:
        raise ChannelTimeout
    # poll, not select: select raises ValueError for descriptors >= 1024.
    poller = select.poll()
    poller.register(fd, select.POLLOUT if for_write else select.POLLIN)
    # Any event (ready, hang-up, error) lets the read or write below report it.
    if not poller.poll(max(1, int(remaining * 1000 + 0.999))):
        raise ChannelTimeout


def _write_all(fd: int, payload: bytes | memoryview, deadline: float | None) -> None:
    view = memoryview(payload)
    while view:
        _wait(fd, True, deadline)
        try:
            written = os.write(fd, view[:CHUNK])
        except (BrokenPipeError, ConnectionResetError):
            raise ChannelClosed from None
        view = view[written:]


def _read_exactly(fd: int, size: int, deadline: float | None) -> bytes:
    buf = bytearray()
    while len(buf) < size:
        _wait(fd, False, deadline)
        block = os.read(fd, min(CHUNK, size - len(buf)))
        if not block:
            raise ChannelClosed
        buf += block
    return bytes(buf)
