"""Crash-safe file writes: a kill at any moment leaves the old file or the new one, and no stray part.

Text goes to a temporary file in the target's folder (named by a prefix of the caller's and ``.tmp``),
is flushed and fsynced, replaces the target with ``os.replace``, and the folder is fsynced so the new
name survives a power cut. A temporary file left by a killed writer carries the same prefix, and
`remove_temps` deletes exactly those (never any other file).
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

TEMP_SUFFIX = ".tmp"


def write_atomic(target: Path, text: str, prefix: str) -> None:
    """Replace `target` with `text` so that readers see the old file or the new one, never a part."""
    folder = target.parent
    folder.mkdir(parents=True, exist_ok=True)
    temp = _write_temp(folder, text, prefix)
    try:
        os.replace(temp, target)
    except BaseException:
        temp.unlink(missing_ok=True)
        raise
    sync_folder(folder)


def _write_temp(folder: Path, text: str, prefix: str) -> Path:
    """A fully written and synced temporary file in `folder` (removed again if writing fails)."""
    handle = tempfile.NamedTemporaryFile(
        "w", encoding="utf-8", dir=folder, prefix=prefix, suffix=TEMP_SUFFIX, delete=False
    )
    try:
        with handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
    except BaseException:
        Path(handle.name).unlink(missing_ok=True)
        raise
    return Path(handle.name)


def sync_folder(folder: Path) -> None:
    """Make the folder's entries (a new name, a removed file) durable; a no-op where folders cannot be opened."""
    try:
        descriptor = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(descriptor)
    except OSError:
        pass  # some file systems (and Windows) refuse to sync a folder; the replace itself is still atomic
    finally:
        os.close(descriptor)


def remove_temps(folder: Path, prefix: str) -> int:
    """Delete the temporary files a killed writer with this prefix left in `folder`; returns how many."""
    removed = 0
    for path in folder.glob(f"{prefix}*{TEMP_SUFFIX}"):
        try:
            path.unlink()
        except OSError:
            continue
        removed += 1
    return removed
