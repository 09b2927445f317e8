"""A list file that reloads itself when it changes, without a restart.

``current()`` looks at the file at most every ``check_interval`` seconds (one
``stat``), and re-reads it only when its mtime, size or inode changed. A file that
cannot be read, does not parse, or is empty (a save in progress) leaves the last
good list in force. Logs carry metadata only: path, sizes, counts, line numbers
and fixed reasons, never list entries.
"""

from __future__ import annotations

import logging
import os
import threading
import time
from collections.abc import Callable

from safety.banned.listfile import BannedListError
from safety.banned.matcher import MAX_FILE_BYTES, BannedWords

log = logging.getLogger("safety.banned")

_Signature = tuple[int, int, int]


class BannedWordsFile:
    def __init__(
        self,
        path: str | os.PathLike[str],
        check_interval: float = 2.0,
        *,
        max_bytes: int = MAX_FILE_BYTES,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.path = os.fspath(path)
        self.check_interval = check_interval
        self._max_bytes = max_bytes
        self._clock = clock
        self._lock = threading.Lock()
        self._words = BannedWords.empty()
        self._seen: _Signature | None = None
        self._checked_at = clock()
        self._loaded_once = False
        self._reload()

    def current(self) -> BannedWords:
        """The list in force; re-checks the file when the interval has passed."""
        now = self._clock()
        if now - self._checked_at >= self.check_interval:
            with self._lock:
                if now - self._checked_at >= self.check_interval:
                    self._checked_at = now
                    self._reload()
        return self._words

    @property
    def loaded(self) -> bool:
        """Whether a good list has ever been read (False: still the empty fallback)."""
        return self._loaded_once

    def _reload(self) -> None:
        try:
            st = os.stat(self.path)
        except OSError as exc:
            if self._seen != (-1, -1, -1):
                log.warning("banned-word list unreadable (%s: %s); keeping %d entries",
                            self.path, type(exc).__name__, len(self._words))
            self._seen = (-1, -1, -1)
            return
        signature = (st.st_mtime_ns, st.st_size, st.st_ino)
        if signature == self._seen:
            return
        self._seen = signature
        if st.st_size == 0:
            log.warning("banned-word list %s is empty (save in progress?); keeping %d entries",
                        self.path, len(self._words))
            return
        try:
            words = BannedWords.from_file(self.path, max_bytes=self._max_bytes)
        except BannedListError as exc:
            log.warning("banned-word list %s rejected at line %d (%s); keeping %d entries",
                        self.path, exc.line, exc.reason, len(self._words))
            return
        except OSError as exc:
            log.warning("banned-word list unreadable (%s: %s); keeping %d entries",
                        self.path, type(exc).__name__, len(self._words))
            self._seen = None  # try again next interval
            return
        self._words = words
        self._loaded_once = True
        log.info("banned-word list %s loaded: %d entries, %d exceptions, %d bytes",
                 self.path, len(words), words.exception_count, st.st_size)
