"""One owner of each workspace file per process.

POSIX file locks belong to the process, and closing *any* descriptor of a file drops all of
them: one refused ``duckdb.connect`` to a file this process already holds (say, with another
configuration) silently hands the lock to the next process, which may then rewrite tables a
reader here is still streaming. So a process opens a workspace file exactly once — a root
connection shared by every operation, each on its own cursor — and closes it when the last
operation ends (so the CLI and the app still take turns on the file).

Writes in the process are serialised by one lock per file (:func:`write_lock`), so two browser
sessions never meet in a DuckDB write-write conflict: the second waits for the first.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from pathlib import Path

import duckdb

from crm_core import settings
from crm_core.errors import CrmError
from crm_core.i18n import Sentence
from crm_core.workspace import dberrors

BUSY_WAIT_SECONDS = 10.0
TMP_FOLDER = "tmp"


@dataclass
class _Owner:
    root: duckdb.DuckDBPyConnection | None = None
    users: int = 0
    guard: threading.Lock = field(default_factory=threading.Lock)
    writes: threading.RLock = field(default_factory=threading.RLock)


_OWNERS: dict[str, _Owner] = {}
_REGISTRY = threading.Lock()


def _owner(path: Path) -> _Owner:
    with _REGISTRY:
        return _OWNERS.setdefault(str(path.resolve()), _Owner())


@contextmanager
def cursor(path: Path) -> Iterator[duckdb.DuckDBPyConnection]:
    """A cursor on the process's one connection to ``path`` (opened on first use, closed after)."""
    owner = _owner(path)
    with owner.guard:
        if owner.root is None:
            owner.root = _open_with_retry(path)
        owner.users += 1
        root = owner.root
    try:
        con = root.cursor()
    except duckdb.Error:
        _release(owner)
        raise
    try:
        yield con
    finally:
        try:
            con.close()
        finally:
            _release(owner)


def _release(owner: _Owner) -> None:
    with owner.guard:
        owner.users -= 1
        if owner.users == 0 and owner.root is not None:
            root, owner.root = owner.root, None
            root.close()


def holds(path: Path) -> bool:
    """Whether this process has the file open right now (tests and diagnostics)."""
    owner = _OWNERS.get(str(path.resolve()))
    return bool(owner and owner.root is not None)


def write_lock(con: duckdb.DuckDBPyConnection) -> threading.RLock:
    """The lock that serialises writes to the workspace file ``con`` has open."""
    rows = con.execute(
        "SELECT path FROM duckdb_databases() WHERE database_name = current_database()").fetchall()
    if not rows or not rows[0][0]:
        return _owner(Path(":memory:")).writes
    return _owner(Path(rows[0][0])).writes


def _spill_folder(path: Path) -> Path:
    """``<workspace>/tmp/duckdb``, its parent made (owner-only) now: DuckDB creates only the last
    folder when it first spills, so a workspace without ``tmp`` (a CSV load never makes it) failed
    every query past the memory limit with "Failed to create directory" instead of spilling. A
    folder that cannot be made leaves DuckDB to say so if it ever spills."""
    temp = path.parent / TMP_FOLDER / "duckdb"
    with suppress(OSError):
        temp.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    return temp


NO_TYPE_PUSHDOWN = "type_pushdown"
"""DuckDB 2.0.1 pushes ``CAST(d AS TIMESTAMP)`` of an external CSV's sniffed DATE into ``read_csv``, which
then converts ``03/01/2026`` with the DATE format as a TIMESTAMP and stops ("CSV Error on Line: 2 … Could
not convert string"): every analysis of such a table failed on DuckDB. Without this one rewrite the cast
runs after the read (spark26). An older DuckDB without this rewrite has nothing to switch off."""


def _without_type_pushdown(con: duckdb.DuckDBPyConnection) -> duckdb.DuckDBPyConnection:
    """``con`` with :data:`NO_TYPE_PUSHDOWN` off where this DuckDB has it (naming an unknown one fails)."""
    with suppress(duckdb.Error):
        con.execute(f"SET disabled_optimizers = '{NO_TYPE_PUSHDOWN}'")
    return con


def _open_with_retry(path: Path) -> duckdb.DuckDBPyConnection:
    """Open with the app's resource limits, waiting while another process writes."""
    deadline = time.monotonic() + BUSY_WAIT_SECONDS
    temp = _spill_folder(path)
    config = {"memory_limit": settings.db_memory(), "threads": settings.db_threads(),
              "temp_directory": str(temp)}
    while True:
        try:
            return _without_type_pushdown(duckdb.connect(str(path), config=config))
        except (duckdb.IOException, duckdb.ResourceInUseException) as exc:
            if isinstance(exc, duckdb.IOException) and "lock" not in str(exc).lower():
                raise CrmError(Sentence("store.error.open", path=path, reason=dberrors.reason(exc))) from exc
            if time.monotonic() > deadline:
                raise CrmError(
                    Sentence("store.error.busy", path=path.parent)
                ) from exc
            time.sleep(0.2)
