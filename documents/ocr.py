"""Optical character recognition through the Tesseract command line, memory only.

The page image goes to ``tesseract - -`` on stdin and the text comes back on stdout:
no temporary file is written (checked with strace: Tesseract and Leptonica read a
PNG from memory). Tesseract is optional; ``find_tesseract`` says whether this
machine has it with the Korean model (Debian: tesseract-ocr, tesseract-ocr-kor).
"""

from __future__ import annotations

import os
import shutil
import subprocess
from functools import lru_cache

# Page segmentation 6 (one uniform block): with Tesseract 5.3 and the Korean model,
# the automatic mode 3 returned "Empty page!!" or fragments on clean scanned pages.
PSM = "6"


@lru_cache(maxsize=8)
def find_tesseract(binary: str, language: str) -> str | None:
    """Path of a Tesseract that has ``language`` installed, or None."""
    path = shutil.which(binary)
    if path is None:
        return None
    try:
        listed = subprocess.run(
            [path, "--list-langs"], capture_output=True, timeout=10, env=_env(), check=False
        )
    except (OSError, subprocess.SubprocessError):
        return None
    languages = set(listed.stdout.decode("utf-8", "replace").split())
    wanted = set(language.split("+"))
    return path if wanted <= languages else None


def ocr_png(png: bytes, binary_path: str, language: str, dpi: int, timeout_s: float) -> str | None:
    """Text of one page image; None when Tesseract failed or ran out of time."""
    try:
        done = subprocess.run(
            [binary_path, "-", "-", "-l", language, "--psm", PSM, "--dpi", str(dpi)],
            input=png,
            capture_output=True,
            timeout=timeout_s,
            env=_env(),
            check=False,
        )
    except (OSError, subprocess.SubprocessError):
        return None
    if done.returncode != 0:
        return None
    return done.stdout.decode("utf-8", "replace")


def _env() -> dict[str, str]:
    # One thread: the worker runs on a shared 2-core box; and no inherited secrets.
    env = {"OMP_THREAD_LIMIT": "1", "PATH": os.environ.get("PATH", "/usr/bin:/bin")}
    if "TESSDATA_PREFIX" in os.environ:
        env["TESSDATA_PREFIX"] = os.environ["TESSDATA_PREFIX"]
    return env
