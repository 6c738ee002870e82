"""The read-only SQL sandbox behind the SQL page and ``python -m crm_core sql``.

Two locks, so one slip does not open a hole:
1. the statement itself: exactly one SELECT (or EXPLAIN) — no DDL/DML, stacked statements,
   ATTACH, INSTALL/LOAD, COPY, EXPORT, SET or PRAGMA, no write hidden in a WITH, no
   EXPLAIN ANALYZE;
2. the engine: each query runs on a fresh in-memory DuckDB that attaches a snapshot of the
   workspace READ_ONLY and then disables external access and locks its configuration, so no
   file can be read or written and no setting changed, whatever the parser lets through.
Each query runs in a process of its own (:mod:`worker`) on that snapshot, with its own memory,
thread and wall-clock limits, so one query can neither take the server down nor make other
sessions wait.
"""

from __future__ import annotations

import json
import math
import os
import re
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import suppress
from dataclasses import dataclass
from functools import partial
from pathlib import Path

import duckdb
import pandas as pd
import pyarrow as pa

from crm_core import settings
from crm_core.errors import CrmError
from crm_core.explore import worker
from crm_core.explore.names import distinct_names, query_columns, renamed_note
from crm_core.i18n import Clauses, Sentence
from crm_core.workspace import owner, store
from crm_core.workspace import roles as roles_mod
from crm_core.workspace.dberrors import first_line
from crm_core.workspace.sqlutil import qi

DEFAULT_TIMEOUT = 30.0
DISPLAY_ROWS = 1000
RESULT_ROWS = 200_000
WORKER_BATCH_ROWS = 4096
ADDRESS_BASELINE = 3 * 1024**3  # what Python, DuckDB and Arrow reserve before any query
SNAPSHOT_FOLDER = "sandbox"
STARTUP_SECONDS = 60.0  # starting Python and DuckDB does not count against the query's limit
SAVED_TABLE = f"{store.META}.saved_queries"
_SAVED_DDL = f"""CREATE TABLE IF NOT EXISTS {SAVED_TABLE} (
    name VARCHAR PRIMARY KEY, sql VARCHAR, user_name VARCHAR, saved_at TIMESTAMP)"""
_ALLOWED = {"SELECT", "EXPLAIN"}
_WRITES = re.compile(r"\b(INSERT|UPDATE|DELETE|MERGE|CREATE|DROP|ALTER|COPY|ATTACH|DETACH|TRUNCATE)\b",
                     re.IGNORECASE)
_EXPLAIN_ANALYZE = re.compile(r"^\s*EXPLAIN\s+ANALY[SZ]E\b", re.IGNORECASE)


@dataclass
class QueryResult:
    """The first rows of a result, and whether (and why) more rows were left out."""

    frame: pd.DataFrame
    truncated: bool
    seconds: float
    cut_by: str = ""  # "rows" or "bytes" when truncated
    renamed: Sentence | None = None  # columns that shared a name, as the frame now calls them

    @property
    def rows(self) -> int:
        """Rows fetched (all of them unless ``truncated``)."""
        return len(self.frame)


def check_query(sql: str) -> str:
    """The single read-only statement in ``sql``, or a :class:`CrmError` saying why not.

    DuckDB's parser names the statement; a SELECT whose WITH hides a DELETE and an
    ``EXPLAIN ANALYZE`` (which runs its statement) are refused here too, before the engine.
    """
    if not sql or not sql.strip():
        raise CrmError(Sentence("protect.refuse.empty"))
    with duckdb.connect() as parser:
        try:
            statements = parser.extract_statements(sql)
        except duckdb.Error as exc:
            raise CrmError(Sentence("protect.refuse.syntax", text=first_line(exc))) from exc
    if len(statements) != 1:
        raise CrmError(Sentence("protect.refuse.stacked"))
    kind = statements[0].type.name
    if kind not in _ALLOWED:
        raise CrmError(Sentence("protect.refuse.statement", kind=kind))
    if _EXPLAIN_ANALYZE.match(_code_only(sql)):
        raise CrmError(Sentence("protect.refuse.explain_analyze"))
    if _WRITES.search(_code_only(sql)):
        raise CrmError(Sentence("protect.refuse.writes"))
    return sql.strip().rstrip(";")


def _code_only(sql: str) -> str:
    """The query without string literals, quoted names and comments ('delete' in data is fine)."""
    text = re.sub(r"'(?:[^']|'')*'", "''", sql)
    text = re.sub(r'"(?:[^"]|"")*"', '""', text)
    text = re.sub(r"--[^\n]*", " ", text)
    return re.sub(r"/\*.*?\*/", " ", text, flags=re.DOTALL)


def check_timeout(timeout: float) -> float:
    """A finite, positive time limit no longer than the operator allows."""
    longest = settings.sql_max_seconds()
    if not (isinstance(timeout, int | float) and math.isfinite(timeout) and 0 < timeout <= longest):
        raise CrmError(Sentence("protect.error.time_limit", longest=f"{longest:g}", timeout=repr(timeout)))
    return float(timeout)


# ---------------------------------------------------------------- the snapshot the worker reads


def snapshot(db_path: str | os.PathLike[str]) -> Path:
    """A read-only copy of the workspace file, remade only when the tables changed.

    The sandbox process reads this copy, never the live file: it holds no lock that would make
    other sessions wait, and nothing written meanwhile can change what it reads.
    """
    path = Path(db_path)
    if not path.exists():
        raise CrmError(Sentence("protect.error.no_tables"))
    folder = path.parent / owner.TMP_FOLDER / SNAPSHOT_FOLDER
    with store.Workspace(path.parent).connect() as con:
        target = folder / f"snapshot_{_tables_key(con)}.duckdb"
        if target.exists():
            return target
        folder.mkdir(parents=True, exist_ok=True)
        with owner.write_lock(con):  # no write of this process lands half-way through the copy
            with suppress(duckdb.Error):
                con.execute("CHECKPOINT")
            part = target.with_suffix(".part")
            _copy(path, part)
            wal = path.with_name(path.name + ".wal")
            if wal.exists():
                _copy(wal, target.with_name(target.name + ".wal"))
            part.replace(target)
    for old in folder.glob("snapshot_*"):
        if not old.name.startswith(target.name):
            old.unlink(missing_ok=True)  # a query still reading it keeps its open file
    return target


def _copy(source: Path, target: Path) -> None:
    """Copy in a child process: closing a descriptor of the workspace file *here* would drop
    this process's lock on it (POSIX locks belong to the process, not the descriptor)."""
    done = subprocess.run(["cp", "--", str(source), str(target)], capture_output=True, text=True)
    if done.returncode:
        raise CrmError(Sentence("protect.error.snapshot", reason=done.stderr.strip()))


def _tables_key(con: duckdb.DuckDBPyConnection) -> str:
    """Changes when a user table, view or catalogue version changes (not on audit entries)."""
    return con.execute(f"""
        SELECT md5(coalesce(string_agg(x, '|' ORDER BY x), '')) FROM (
          SELECT 't:' || table_name || ':' || estimated_size || ':' || column_count AS x
            FROM duckdb_tables() WHERE schema_name = 'main'
          UNION ALL SELECT 'v:' || view_name || ':' || md5(sql)
            FROM duckdb_views() WHERE NOT internal AND schema_name = 'main'
          UNION ALL SELECT 'c:' || name || ':' || version FROM {store.META}.catalog)""").fetchone()[0]


def worker_request(snapshot_path: Path, sql: str) -> dict:
    """What the sandbox process needs: the copy to read, the query and its resource limits."""
    memory = settings.sql_memory()
    limit = settings.memory_bytes(memory)
    spill = snapshot_path.parent / "spill"
    spill.mkdir(exist_ok=True)
    return {"snapshot": str(snapshot_path), "sql": sql, "memory_limit": memory,
            "threads": settings.sql_threads(), "temp_directory": str(spill),
            "max_temp": f"{2 * limit // 1_000_000}MB", "batch_rows": WORKER_BATCH_ROWS,
            "address_space": 2 * limit + ADDRESS_BASELINE}


# ---------------------------------------------------------------- running a query


def stream_batches(db_path: str | os.PathLike[str], sql: str,
                   timeout: float = DEFAULT_TIMEOUT) -> Iterator[pa.RecordBatch]:
    """Run one read-only query in its own process and yield Arrow batches as they come.

    A watchdog kills the process when the time limit passes on the wall clock, whatever the
    query is doing; its memory is capped by DuckDB and, as a backstop, by the kernel.
    """
    query = check_query(sql)
    timeout = check_timeout(timeout)
    request = worker_request(snapshot(db_path), query)
    root = str(Path(__file__).resolve().parents[2])  # the worker imports this package, wherever we run
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(p for p in (root, os.environ.get("PYTHONPATH")) if p)}
    proc = subprocess.Popen([sys.executable, "-m", "crm_core.explore.worker"], stdin=subprocess.PIPE,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)
    expired = threading.Event()
    columns = partial(query_columns, db_path, query)
    watchdog = _watchdog(proc, expired, STARTUP_SECONDS)
    try:
        proc.stdin.write((json.dumps(request) + "\n").encode())
        proc.stdin.close()
        ready = proc.stderr.readline().decode() == worker.READY
        watchdog.cancel()
        watchdog = _watchdog(proc, expired, timeout)
        try:
            if not ready:
                raise OSError("the sandbox process did not start")
            yield from _with_header(pa.ipc.open_stream(proc.stdout))
        except (pa.ArrowInvalid, OSError) as exc:
            raise _failure(proc, expired, timeout, columns) from exc
        if proc.wait() != 0:
            raise _failure(proc, expired, timeout, columns)
    finally:
        watchdog.cancel()
        if proc.poll() is None:
            proc.kill()
        proc.wait()
        proc.stdout.close()
        proc.stderr.close()


def _with_header(reader) -> Iterator[pa.RecordBatch]:
    empty = True
    for batch in reader:
        empty = False
        yield batch
    if empty:  # no rows: still yield the columns, so a CSV keeps its header
        yield pa.RecordBatch.from_pylist([], schema=reader.schema)


def _watchdog(proc: subprocess.Popen, expired: threading.Event, seconds: float) -> threading.Timer:
    timer = threading.Timer(seconds, _expire, (proc, expired))
    timer.daemon = True
    timer.start()
    return timer


def _expire(proc: subprocess.Popen, expired: threading.Event) -> None:
    expired.set()
    proc.kill()


def _failure(proc: subprocess.Popen, expired: threading.Event, timeout: float,
             columns: Callable[[], Clauses | None]) -> CrmError:
    """One clear message for why the sandbox process stopped (``columns``: the query's tables'
    columns, said beside a column the engine did not find)."""
    code = proc.wait()
    if expired.is_set():
        return CrmError(Sentence("protect.refuse.timeout", seconds=f"{timeout:g}"))
    lines = proc.stderr.read().decode("utf-8", "replace").strip().splitlines()
    try:
        report = json.loads(lines[-1])
    except (IndexError, ValueError):
        report = {"kind": "", "message": ""}
    if code != worker.EXIT_REFUSED or report["kind"] in ("OutOfMemoryException", "MemoryError"):
        return CrmError(Sentence("protect.refuse.memory", memory=settings.sql_memory()))
    return _refusal(report["kind"], first_line(Exception(report["message"])), columns)


_ENGINE_SAYS = {  # the engine's commonest answers to an analyst's slip, said in the page's language
    "no_table": re.compile(r"Table with name (.+) does not exist!"),
    "no_column": re.compile(r'Referenced column "(.+)" not found in FROM clause!'
                            r'|Table "[^"]+" does not have a column named "(.+)"'),
    "no_alias": re.compile(r'Referenced table "(.+)" not found!'),
    "no_function": re.compile(r"(?:Scalar |Aggregate |Table )?Function with name (.+) does not exist!"),
    "types": re.compile(r"(?:No function matches the given name and argument types"
                        r"|Could not choose a best candidate function for the function call) ['\"](.+)['\"]"),
    "convert": re.compile(r"Could not convert string '(.*)' to "),
    "division": re.compile(r"()Division by zero"),
    "group_by": re.compile(r'column "(.+)" must appear in the GROUP BY clause'),
}


def _refusal(kind: str, text: str, columns: Callable[[], Clauses | None]) -> CrmError:
    """One clear message for what the engine refused."""
    if kind == "PermissionException":
        return CrmError(Sentence("protect.refuse.files", text=text))
    if "read-only" in text or "configuration has been locked" in text:
        return CrmError(Sentence("protect.refuse.settings", text=text))
    text = re.sub(r"^[A-Za-z ]+ Error: ", "", text)
    for key, pattern in _ENGINE_SAYS.items():
        if found := pattern.match(text):
            name = next(g for g in found.groups() if g is not None)
            if key == "no_column" and (known := columns()):
                return CrmError(Sentence("protect.refuse.no_column_in", name=name, columns=known))
            return CrmError(Sentence(f"protect.refuse.{key}", name=name, text=text))
    return CrmError(Sentence("protect.refuse.engine", text=text))


def stream_query(db_path: str | os.PathLike[str], sql: str,
                 timeout: float = DEFAULT_TIMEOUT) -> Iterator[pd.DataFrame]:
    """:func:`stream_batches` as pandas frames (the CLI writes them as they come)."""
    for batch in stream_batches(db_path, sql, timeout):
        frame = batch.to_pandas()
        frame.columns = distinct_names(frame.columns)
        yield frame


def run_query(db_path: str | os.PathLike[str], sql: str, timeout: float = DEFAULT_TIMEOUT,
              limit: int = RESULT_ROWS, max_bytes: int | None = None) -> QueryResult:
    """The first ``limit`` rows, and at most ``max_bytes``, of a sandboxed query: the page's view."""
    start = time.perf_counter()
    max_bytes = settings.sql_result_bytes() if max_bytes is None else max_bytes
    batches: list[pa.RecordBatch] = []
    fetched = size = 0
    cut_by = ""
    stream = stream_batches(db_path, sql, timeout)
    try:
        for batch in stream:
            if size + batch.nbytes > max_bytes:  # keep the rows that fit, at least one
                keep = int((max_bytes - size) * batch.num_rows / max(batch.nbytes, 1))
                batches.append(batch.slice(0, max(keep, 0 if batches else 1)))
                cut_by = "bytes"
                break
            batches.append(batch)
            fetched, size = fetched + batch.num_rows, size + batch.nbytes
            if fetched > limit:
                cut_by = "rows"
                break
    finally:
        stream.close()
    frames = [b.to_pandas() for b in batches]
    result = pd.concat(frames, ignore_index=True).head(limit) if frames else pd.DataFrame()
    names = list(result.columns)
    result.columns = distinct_names(names)
    return QueryResult(result, bool(cut_by), time.perf_counter() - start, cut_by,
                       renamed_note(names, list(result.columns)))


def parquet_bytes(frame: pd.DataFrame) -> bytes:
    """A result as Parquet, typed as DuckDB returned it."""
    import io

    buffer = io.BytesIO()
    frame.to_parquet(buffer, index=False)
    return buffer.getvalue()


# ---------------------------------------------------------------- schema and saved queries


def schema_overview(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """One row per column of every user table: table, rows, column, type, role."""
    rows = []
    for info in store.list_tables(con):
        roles = {c: r for r, c in (store.saved_roles(con, info.name) or {}).items()}
        for column, dtype in store.columns_of(con, info.name):
            rows.append((info.name, info.rows, column, dtype, roles.get(column, "")))
    return pd.DataFrame(rows, columns=["table", "rows", "column", "type", "role"])


def example_queries(con: duckdb.DuckDBPyConnection) -> dict[str, str]:
    """Ready-to-run examples over the tables that exist (label → SQL)."""
    tables = store.list_tables(con)
    if not tables:
        return {}
    first = qi(tables[0].name)
    examples = {
        "preview": f"SELECT * FROM {first} LIMIT 100",
        "table_sizes": "SELECT table_name, estimated_size AS rows FROM duckdb_tables()\n"
                       "WHERE schema_name = 'main' ORDER BY rows DESC",
    }
    for info in tables:
        roles = store.saved_roles(con, info.name) or {}
        if "customer_id" in roles and "amount" in roles:
            cust, amount = qi(roles["customer_id"]), qi(roles["amount"])
            examples["top_customers"] = (
                f"SELECT {cust} AS customer_id, count(*) AS lines, round(sum({amount}), 2) AS spend\n"
                f"FROM {qi(info.name)}\nGROUP BY 1 ORDER BY spend DESC LIMIT 20")
            break
    for info in tables:
        roles = store.saved_roles(con, info.name) or {}
        columns = dict(store.columns_of(con, info.name))
        date = roles.get("date")
        if date and "amount" in roles and roles_mod.is_temporal_type(columns.get(date, "")):
            examples["monthly_sales"] = (
                f"SELECT date_trunc('month', {qi(date)}) AS month, "
                f"round(sum({qi(roles['amount'])}), 2) AS sales\n"
                f"FROM {qi(info.name)}\nGROUP BY 1 ORDER BY 1")
            break
    return examples


def save_query(con: duckdb.DuckDBPyConnection, name: str, sql: str, user: str) -> None:
    """Keep a query under a name in the workspace (same name → replaced)."""
    name = name.strip()
    if not name:
        raise CrmError(Sentence("protect.error.query_name"))
    check_query(sql)
    con.execute(_SAVED_DDL)
    con.execute(f"INSERT OR REPLACE INTO {SAVED_TABLE} VALUES (?, ?, ?, now()::TIMESTAMP)",
                [name, sql.strip(), user])


def saved_queries(con: duckdb.DuckDBPyConnection) -> dict[str, str]:
    """Saved queries, name → SQL, newest first."""
    con.execute(_SAVED_DDL)
    rows = con.execute(f"SELECT name, sql FROM {SAVED_TABLE} ORDER BY saved_at DESC").fetchall()
    return dict(rows)


def delete_saved_query(con: duckdb.DuckDBPyConnection, name: str) -> None:
    """Forget a saved query."""
    con.execute(_SAVED_DDL)
    con.execute(f"DELETE FROM {SAVED_TABLE} WHERE name = ?", [name])
