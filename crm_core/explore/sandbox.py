"""The read-only SQL sandbox behind the SQL page and ``python -m crm_core sql``.

Two locks, so one slip does not open a hole:
1. the statement itself: exactly one SELECT (or EXPLAIN) — no DDL/DML, stacked statements,
   ATTACH, INSTALL/LOAD, COPY, EXPORT, SET or PRAGMA;
2. the engine: each query runs on a fresh in-memory DuckDB that attaches the workspace file
   READ_ONLY and then disables external access and locks its configuration, so no file can
   be read or written and no setting changed, whatever the parser lets through.
A timer interrupts a query that runs past its time limit.
"""

from __future__ import annotations

import os
import re
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pandas as pd

from crm_core.errors import CrmError
from crm_core.workspace import roles as roles_mod
from crm_core.workspace import store
from crm_core.workspace.sqlutil import qi

DEFAULT_TIMEOUT = 30.0
DISPLAY_ROWS = 1000
RESULT_ROWS = 200_000
BATCH_ROWS = 50_000
SAVED_TABLE = f"{store.META}.saved_queries"
_SAVED_DDL = f"""CREATE TABLE IF NOT EXISTS {SAVED_TABLE} (
    name VARCHAR PRIMARY KEY, sql VARCHAR, user_name VARCHAR, saved_at TIMESTAMP)"""
_ALLOWED = {"SELECT", "EXPLAIN"}
_LOCKDOWN = (
    "SET autoinstall_known_extensions = false",
    "SET autoload_known_extensions = false",
    "SET allow_community_extensions = false",
    "SET enable_external_access = false",
    "SET lock_configuration = true",
)
_CATALOG = "ws"


@dataclass
class QueryResult:
    """The first rows of a result, and whether more rows were left out."""

    frame: pd.DataFrame
    truncated: bool
    seconds: float

    @property
    def rows(self) -> int:
        """Rows fetched (all of them unless ``truncated``)."""
        return len(self.frame)


def check_query(sql: str) -> str:
    """The single read-only statement in ``sql``, or a :class:`CrmError` saying why not."""
    if not sql or not sql.strip():
        raise CrmError("Write a query first (for example: SELECT * FROM orders LIMIT 10).")
    with duckdb.connect() as parser:
        try:
            statements = parser.extract_statements(sql)
        except duckdb.Error as exc:
            raise CrmError(f"SQL syntax error: {_first_line(exc)}") from exc
    if len(statements) != 1:
        raise CrmError("Run one statement at a time (the SQL explorer refuses stacked statements).")
    kind = statements[0].type.name
    if kind not in _ALLOWED:
        raise CrmError(f"The SQL explorer is read-only: {kind} statements are refused; "
                       "write a SELECT query.")
    return sql.strip().rstrip(";")


def _first_line(exc: Exception) -> str:
    lines = str(exc).strip().splitlines()
    return lines[0] if lines else type(exc).__name__


@contextmanager
def sandbox_connection(db_path: str | os.PathLike[str]) -> Iterator[duckdb.DuckDBPyConnection]:
    """A locked-down connection that sees the workspace tables read-only and nothing else."""
    path = Path(db_path)
    if not path.exists():
        raise CrmError("The workspace has no tables yet; load data first.")
    con = duckdb.connect(":memory:")
    try:
        _attach_with_retry(con, path)
        con.execute(f"USE {_CATALOG}")
        for statement in _LOCKDOWN:
            con.execute(statement)
        yield con
    finally:
        con.close()


def _attach_with_retry(con: duckdb.DuckDBPyConnection, path: Path) -> None:
    """Attach read-only, waiting like :class:`store.Workspace` while someone else writes."""
    deadline = time.monotonic() + store.BUSY_WAIT_SECONDS
    while True:
        try:
            con.execute(f"ATTACH ? AS {_CATALOG} (READ_ONLY)", [str(path)])
            return
        except (duckdb.IOException, duckdb.ResourceInUseException) as exc:
            if time.monotonic() > deadline:
                raise CrmError(f"The workspace {path.parent} is busy (another program is writing "
                               "to it); try again in a moment.") from exc
            time.sleep(0.2)


def stream_query(db_path: str | os.PathLike[str], sql: str, timeout: float = DEFAULT_TIMEOUT,
                 batch_rows: int = BATCH_ROWS) -> Iterator[pd.DataFrame]:
    """Run one read-only query in the sandbox and yield its result in frames of ``batch_rows``.

    The time limit covers the whole run; a runaway query is interrupted and becomes a
    :class:`CrmError`, as does any refusal by the engine.
    """
    query = check_query(sql)
    if timeout <= 0:
        raise CrmError("The time limit must be a positive number of seconds.")
    with sandbox_connection(db_path) as con:
        timer = threading.Timer(timeout, con.interrupt)
        timer.daemon = True
        timer.start()
        try:
            reader = con.sql(query).to_arrow_reader(batch_rows)
            empty = True
            for batch in reader:
                empty = False
                yield batch.to_pandas()
            if empty:  # no rows: still yield the columns, so a CSV keeps its header
                yield reader.schema.empty_table().to_pandas()
        except duckdb.InterruptException as exc:
            raise CrmError(f"The query ran longer than the {timeout:g} s time limit and was "
                           "stopped; narrow it down or raise the limit.") from exc
        except duckdb.Error as exc:
            raise _refusal(exc) from exc
        finally:
            timer.cancel()


def _refusal(exc: duckdb.Error) -> CrmError:
    """One clear message for what the engine refused."""
    text = _first_line(exc)
    if isinstance(exc, duckdb.PermissionException):
        return CrmError("The SQL explorer cannot read or write files, attach databases or load "
                        f"extensions ({text}).")
    if "read-only" in text or "configuration has been locked" in text:
        return CrmError(f"The SQL explorer is read-only and its settings are fixed ({text}).")
    if isinstance(exc, duckdb.InterruptException) or "Interrupted" in text:
        return CrmError("The query was stopped.")
    return CrmError(f"SQL error: {re.sub(r'^[A-Za-z ]+ Error: ', '', text)}")


def run_query(db_path: str | os.PathLike[str], sql: str, timeout: float = DEFAULT_TIMEOUT,
              limit: int = RESULT_ROWS) -> QueryResult:
    """The first ``limit`` rows of a sandboxed query (the page's view; downloads use these)."""
    start = time.perf_counter()
    frames: list[pd.DataFrame] = []
    fetched, truncated = 0, False
    stream = stream_query(db_path, sql, timeout, min(BATCH_ROWS, limit + 1))
    try:
        for frame in stream:
            frames.append(frame)
            fetched += len(frame)
            if fetched > limit:
                truncated = True
                break
    finally:
        stream.close()
    result = pd.concat(frames, ignore_index=True).head(limit) if frames else pd.DataFrame()
    return QueryResult(result, truncated, time.perf_counter() - start)


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
        raise CrmError("Give the saved query a name.")
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
