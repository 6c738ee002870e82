"""The workspace: one DuckDB file in a folder, a table catalogue and safe writes.

Connections are short-lived (opened per operation, closed after), so the app, several
browser sessions and the CLI can take turns on one file: DuckDB allows one writing
process at a time, and a busy file becomes a clear "try again" message, not a traceback.
Within a process the operations share one connection and queue their writes (:mod:`owner`).
"""

from __future__ import annotations

import os
import re
import uuid
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import duckdb

from crm_core import settings
from crm_core.errors import CrmError
from crm_core.i18n import Listing, Sentence
from crm_core.workspace import column_kinds, dberrors, owner
from crm_core.workspace.sqlutil import qi

DB_FILE = "crm.duckdb"
META = "_crm"

_META_DDL = f"""
CREATE SCHEMA IF NOT EXISTS {META};
CREATE TABLE IF NOT EXISTS {META}.catalog (
    name VARCHAR PRIMARY KEY, source VARCHAR, kind VARCHAR, loaded_at TIMESTAMP,
    rows BIGINT, version INTEGER, parent VARCHAR, params VARCHAR);
CREATE TABLE IF NOT EXISTS {META}.roles (
    table_name VARCHAR, role VARCHAR, column_name VARCHAR, PRIMARY KEY (table_name, role));
CREATE TABLE IF NOT EXISTS {META}.runs (
    run_id VARCHAR PRIMARY KEY, kind VARCHAR, source_table VARCHAR, source_version INTEGER,
    config VARCHAR, summary VARCHAR, created_at TIMESTAMP, rows_in BIGINT, rows_out BIGINT,
    result_table VARCHAR, result_tables VARCHAR, lang VARCHAR);
"""


@dataclass(frozen=True)
class TableInfo:
    """One user table as the catalogue knows it."""

    name: str
    rows: int
    columns: int
    source: str
    kind: str
    loaded_at: datetime | None
    version: int


def default_workspace_dir() -> Path:
    """``$CRM_WORKSPACE`` or ``./workspace``: the folder every command uses unless told."""
    return settings.workspace_dir()


class Workspace:
    """A workspace folder holding ``crm.duckdb`` and the files results are exported to."""

    def __init__(self, folder: str | os.PathLike[str] | None = None) -> None:
        self.folder = Path(folder) if folder else default_workspace_dir()
        self.db_path = self.folder / DB_FILE

    @contextmanager
    def connect(self) -> Iterator[duckdb.DuckDBPyConnection]:
        """Open the workspace for one operation; waits briefly while another process writes.

        Every operation of this process shares one connection to the file (:mod:`owner`).
        """
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise CrmError(Sentence("store.error.folder", folder=self.folder,
                                    reason=exc.strerror or exc)) from exc
        with owner.cursor(self.db_path) as con:
            con.execute(_META_DDL)
            yield con

    def tables(self) -> list[TableInfo]:
        """User tables with their size and origin, newest first."""
        with self.connect() as con:
            return list_tables(con)


_SAFE_NAME = re.compile(r"[^0-9a-zA-Z_\u4e00-\u9fff\u3040-\u30ff\uac00-\ud7af]+")
"""Kept: Latin letters and digits, CJK ideographs, kana and hangul (楽天's ``RMS_受注データ`` read
``rms_受注__2025``, its データ dropped: walk38)."""


def safe_table_name(raw: str) -> str:
    """A readable table name from a file name: ``Orders 2024 (1).csv`` → ``orders_2024_1``."""
    raw = raw[:-3] if raw.lower().endswith(".gz") else raw  # orders.csv.gz names "orders", as orders.csv
    stem = Path(raw).stem if "." in raw else raw
    name = _SAFE_NAME.sub("_", stem.strip().lower()).strip("_")
    if not name:
        name = "table"
    if name[0].isdigit():
        name = "t_" + name
    return name[:60]


def check_table_name(name: str) -> None:
    """Refuse names that would break the CLI's one-line-per-table outputs or hide in a listing."""
    if not name or name != name.strip() or any(ord(c) < 32 or c == "\x7f" for c in name):
        raise CrmError(Sentence("store.error.bad_name", name=repr(name)))


def table_exists(con: duckdb.DuckDBPyConnection, name: str) -> bool:
    """Whether a user table (main schema) of this name exists."""
    rows = con.execute(
        "SELECT count(*) FROM duckdb_tables() WHERE schema_name = 'main' AND table_name = ?",
        [name],
    ).fetchall()
    return bool(rows[0][0])


def view_exists(con: duckdb.DuckDBPyConnection, name: str) -> bool:
    """Whether a view (a run's convenience view, or an external table) of this name exists."""
    rows = con.execute("SELECT count(*) FROM duckdb_views() WHERE schema_name = 'main' AND view_name = ?",
                       [name]).fetchall()
    return bool(rows[0][0])


def require_table(con: duckdb.DuckDBPyConnection, name: str) -> None:
    """Raise a clear error naming the missing table and the ones that exist (views count)."""
    if not table_exists(con, name) and not view_exists(con, name):
        names = [t.name for t in list_tables(con)]
        raise CrmError(Sentence("store.no_table", name=name,
                                tables=Listing(names) if names else Sentence("store.no_tables_yet")))


def columns_of(con: duckdb.DuckDBPyConnection, table: str) -> list[tuple[str, str]]:
    """(column, DuckDB type) pairs in table order."""
    return [(r[0], r[1]) for r in con.execute(f"DESCRIBE {qi(table)}").fetchall()]


def list_tables(con: duckdb.DuckDBPyConnection) -> list[TableInfo]:
    """User tables joined with the catalogue (tables made by SQL elsewhere still show)."""
    rows = con.execute(
        f"""SELECT t.table_name, t.estimated_size, t.column_count,
                   coalesce(c.source, ''), coalesce(c.kind, 'table'), c.loaded_at,
                   coalesce(c.version, 1), c.rows
            FROM (SELECT table_name, estimated_size, column_count FROM duckdb_tables()
                  WHERE schema_name = 'main' AND NOT temporary AND NOT starts_with(table_name, '__')
                  UNION ALL  -- external tables are views over files (load --external)
                  SELECT v.view_name, 0, (SELECT count(*) FROM duckdb_columns() dc
                                          WHERE dc.schema_name = 'main' AND dc.table_name = v.view_name)
                  FROM duckdb_views() v JOIN {META}.catalog e ON e.name = v.view_name AND e.kind = 'external'
                  WHERE v.schema_name = 'main') t
            LEFT JOIN {META}.catalog c ON c.name = t.table_name
            ORDER BY c.loaded_at DESC NULLS LAST, t.table_name"""
    ).fetchall()
    return [
        TableInfo(
            name=r[0], rows=int(r[7] if r[7] is not None else r[1]), columns=int(r[2]),
            source=r[3], kind=r[4], loaded_at=r[5], version=int(r[6]),
        )
        for r in rows
    ]


def table_identity(con: duckdb.DuckDBPyConnection, name: str) -> tuple | None:
    """(database file, table oid, catalogue version, load time) of a catalogued table of a database
    file: any write, reload or restore changes it, so what was computed from the table can be kept
    under it. None for an in-memory database, a view or a table the catalogue does not know."""
    table = con.execute("""SELECT d.path, t.table_oid FROM duckdb_tables() t JOIN duckdb_databases() d
                           USING (database_name) WHERE t.table_name = ? AND t.schema_name = 'main'
                           AND t.database_name = current_database()""", [name]).fetchone()
    if not table or not table[0]:
        return None
    try:
        kept = con.execute(f"SELECT version, loaded_at FROM {META}.catalog WHERE name = ?", [name]).fetchone()
    except duckdb.CatalogException:  # a database file no workspace made
        return None
    return (*table, *kept) if kept else None


def table_version(con: duckdb.DuckDBPyConnection, name: str) -> int:
    """The catalogue version, bumped on each write: pages key their caches on it."""
    rows = con.execute(f"SELECT version FROM {META}.catalog WHERE name = ?", [name]).fetchall()
    return int(rows[0][0]) if rows else 0


def parent_of(con: duckdb.DuckDBPyConnection, name: str) -> str | None:
    """The table ``name`` was made from (a recipe's source, a re-keyed table's), or None."""
    try:
        rows = con.execute(f"SELECT parent FROM {META}.catalog WHERE name = ?", [name]).fetchall()
    except duckdb.CatalogException:  # a database file no workspace made
        return None
    return rows[0][0] if rows and rows[0][0] != name else None


@contextmanager
def transaction(con: duckdb.DuckDBPyConnection) -> Iterator[None]:
    """All or nothing: an error (or a killed process) leaves the workspace as it was.

    Transactions of one process queue behind each other (no write-write conflicts), and a
    failed commit (a full disk) reports its own error, not "cannot rollback".
    """
    with owner.write_lock(con):
        con.execute("BEGIN TRANSACTION")
        try:
            yield
            con.execute("COMMIT")
        except duckdb.Error as exc:
            _rollback(con)
            if "Could not write" in str(exc) or "No space" in str(exc):
                raise CrmError(Sentence("store.error.write", reason=dberrors.reason(exc))) from exc
            raise
        except BaseException:
            _rollback(con)
            raise


def _rollback(con: duckdb.DuckDBPyConnection) -> None:
    """Undo what is still open; DuckDB has already ended a transaction whose commit failed."""
    with suppress(duckdb.Error):
        con.execute("ROLLBACK")


def write_table(
    con: duckdb.DuckDBPyConnection,
    name: str,
    select_sql: str,
    params: list | None = None,
    *,
    source: str = "",
    kind: str = "table",
    parent: str | None = None,
    roles: dict[str, str] | None = None,
    replace: bool = False,
    run_params: str | None = None,
) -> TableInfo:
    """Create or replace table ``name`` from a SELECT, all in one transaction.

    Either the new table, its catalogue row and its roles all land, or nothing changes:
    an error (or a killed process) leaves the previous table exactly as it was.
    """
    if not replace and table_exists(con, name):
        raise CrmError(Sentence("store.error.table_exists", name=name))
    with transaction(con):
        create_table(con, name, select_sql, params, source=source, kind=kind, parent=parent,
                     roles=roles, run_params=run_params)
    return next(t for t in list_tables(con) if t.name == name)


def create_table(con: duckdb.DuckDBPyConnection, name: str, select_sql: str, params: list | None = None,
                 *, source: str = "", kind: str = "table", parent: str | None = None,
                 roles: dict[str, str] | None = None, run_params: str | None = None) -> None:
    """The body of :func:`write_table`, for callers that hold their own :func:`transaction`."""
    tmp = f"__new_{uuid.uuid4().hex[:10]}"
    con.execute(f"CREATE TABLE {qi(tmp)} AS {select_sql}", params or [])
    install_table(con, tmp, name, source=source, kind=kind, parent=parent, roles=roles,
                  run_params=run_params)
    if parent:
        column_kinds.carry_shares(con, parent, name)


def install_table(con: duckdb.DuckDBPyConnection, built: str, name: str, *, source: str = "",
                  kind: str = "table", parent: str | None = None, roles: dict[str, str] | None = None,
                  run_params: str | None = None, keep_previous: bool = False) -> None:
    """Put an already built table under ``name`` (a rename, not a copy); inside a transaction.

    ``keep_previous`` keeps the table it replaces as ``__prev__<name>`` (see :func:`restore_previous`).
    """
    check_table_name(name)
    if view_exists(con, name):
        con.execute(f"DROP VIEW {qi(name)}")  # a run's convenience view gives way to a table
    if keep_previous and table_exists(con, name):
        con.execute(f"DROP TABLE IF EXISTS {qi(previous_name(name))}")
        con.execute(f"ALTER TABLE {qi(name)} RENAME TO {qi(previous_name(name))}")
    con.execute(f"DROP TABLE IF EXISTS {qi(name)}")
    con.execute(f"ALTER TABLE {qi(built)} RENAME TO {qi(name)}")
    n_rows = con.execute(f"SELECT count(*) FROM {qi(name)}").fetchall()[0][0]
    record_table(con, name, n_rows, source, kind, parent, run_params)
    if roles is not None:
        _replace_roles(con, name, roles)


def previous_name(name: str) -> str:
    """Where the version a re-upload replaced is kept."""
    return f"__prev__{name}"


def restore_previous(con: duckdb.DuckDBPyConnection, name: str) -> TableInfo:
    """Swap a table with the version its last re-upload replaced (so a restore can be undone)."""
    require_table(con, name)
    prev = previous_name(name)
    if not con.execute("SELECT count(*) FROM duckdb_tables() WHERE table_name = ?", [prev]).fetchone()[0]:
        raise CrmError(Sentence("store.error.no_previous", name=name))
    swap = f"__swap_{uuid.uuid4().hex[:10]}"
    with transaction(con):
        con.execute(f"ALTER TABLE {qi(prev)} RENAME TO {qi(swap)}")
        con.execute(f"ALTER TABLE {qi(name)} RENAME TO {qi(prev)}")
        con.execute(f"ALTER TABLE {qi(swap)} RENAME TO {qi(name)}")
        n_rows = con.execute(f"SELECT count(*) FROM {qi(name)}").fetchall()[0][0]
        con.execute(f"UPDATE {META}.catalog SET rows = ?, version = version + 1 WHERE name = ?",
                    [n_rows, name])
    return next(t for t in list_tables(con) if t.name == name)


def record_table(con: duckdb.DuckDBPyConnection, name: str, n_rows: int, source: str, kind: str,
                 parent: str | None, run_params: str | None) -> None:
    """The catalogue row of a table (its version bumped): what the pages' caches key on."""
    version = table_version(con, name) + 1
    con.execute(f"DELETE FROM {META}.catalog WHERE name = ?", [name])
    con.execute(
        f"INSERT INTO {META}.catalog VALUES (?, ?, ?, now()::TIMESTAMP, ?, ?, ?, ?)",
        [name, source, kind, n_rows, version, parent, run_params],
    )


def _replace_roles(con: duckdb.DuckDBPyConnection, table: str, roles: dict[str, str]) -> None:
    con.execute(f"DELETE FROM {META}.roles WHERE table_name = ?", [table])
    for role, column in roles.items():
        if column:
            con.execute(f"INSERT INTO {META}.roles VALUES (?, ?, ?)", [table, role, column])


def save_roles(con: duckdb.DuckDBPyConnection, table: str, roles: dict[str, str]) -> None:
    """Store the analyst's role mapping (role → column) for a table."""
    known = {c for c, _ in columns_of(con, table)}
    unknown = [c for c in roles.values() if c and c not in known]
    if unknown:
        raise CrmError(Sentence("store.error.no_columns", table=table, columns=Listing(map(repr, unknown))))
    with transaction(con):
        _replace_roles(con, table, roles)
        con.execute(f"UPDATE {META}.catalog SET version = version + 1 WHERE name = ?", [table])


def saved_roles(con: duckdb.DuckDBPyConnection, table: str) -> dict[str, str] | None:
    """The stored mapping, or None when the table never had one saved."""
    rows = con.execute(
        f"SELECT role, column_name FROM {META}.roles WHERE table_name = ?", [table]
    ).fetchall()
    return {r: c for r, c in rows} if rows else None


def drop_table(con: duckdb.DuckDBPyConnection, name: str) -> None:
    """Remove a table and everything the catalogue knew about it."""
    require_table(con, name)
    with transaction(con):
        con.execute(f"DROP TABLE {qi(name)}")
        con.execute(f"DROP TABLE IF EXISTS {qi(previous_name(name))}")
        con.execute(f"DELETE FROM {META}.catalog WHERE name = ?", [name])
        con.execute(f"DELETE FROM {META}.roles WHERE table_name = ?", [name])


def write_frame(con: duckdb.DuckDBPyConnection, name: str, frame, **kwargs) -> TableInfo:
    """Write a (small, aggregated) pandas frame as a table, with :func:`write_table` safety."""
    with registered(con, frame) as view:
        return write_table(con, name, f"SELECT * FROM {qi(view)}", **kwargs)


@contextmanager
def registered(con: duckdb.DuckDBPyConnection, frame) -> Iterator[str]:
    """A pandas frame visible to SQL under a throwaway name for the length of the block."""
    view = f"__frame_{uuid.uuid4().hex[:10]}"
    con.complete()  # DuckDB 2 refuses to register while an earlier result is half-read
    con.register(view, frame)
    try:
        yield view
    finally:
        con.unregister(view)


def preview(con: duckdb.DuckDBPyConnection, table: str, limit: int = 100):
    """The first rows of a table as a small pandas frame (never the whole table)."""
    require_table(con, table)
    return con.execute(f"SELECT * FROM {qi(table)} LIMIT ?", [limit]).df()
