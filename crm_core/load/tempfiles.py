"""Temporary copies made while loading, kept in the workspace's own ``tmp`` folder.

Uploads and re-encoded copies can hold personal data, so they never go to the shared system
temp folder: they live next to the workspace (same permissions, same disk), are deleted on
every exit path, and files left by a killed process are removed the next time anyone loads.
"""

from __future__ import annotations

import os
import shutil
import uuid
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

PREFIX = "crm_load_"


def temp_dir(workspace_folder: Path) -> Path:
    """``<workspace>/tmp``, owner-only."""
    folder = Path(workspace_folder) / "tmp"
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    return folder


def process_alive(pid: int) -> bool:
    """Whether a process with this id still runs (its temp files may be in use)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def remove_leftovers(workspace_folder: Path) -> int:
    """Delete temp files whose process is gone (a kill -9 mid-load); returns how many."""
    folder = Path(workspace_folder) / "tmp"
    if not folder.is_dir():
        return 0
    removed = 0
    for path in folder.glob(f"{PREFIX}*"):
        try:
            pid = int(path.name[len(PREFIX):].split("_", 1)[0])
        except ValueError:
            pid = -1
        if pid != os.getpid() and (pid < 0 or not process_alive(pid)):
            with suppress(OSError):
                shutil.rmtree(path) if path.is_dir() else path.unlink()
                removed += 1
    return removed


@contextmanager
def temp_path(workspace_folder: Path, suffix: str = "") -> Iterator[Path]:
    """A fresh path in the workspace temp folder, deleted when the block ends (however it ends)."""
    path = temp_dir(workspace_folder) / f"{PREFIX}{os.getpid()}_{uuid.uuid4().hex[:12]}{suffix}"
    try:
        yield path
    finally:
        with suppress(FileNotFoundError):
            path.unlink()
