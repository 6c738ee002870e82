"""Runs are kept: every analysis run is a row in the catalogue with result tables of its own.

A run's result tables are named ``<result>_<table>_<n>`` (``segments_orders_3``), so a run on
another table never overwrites what an analyst made. Two views point at the newest ones:
``<result>_<table>`` (the latest run of that kind on that table) and ``<result>`` (the latest
run of that kind on any table, as before runs were kept), unless a user table has that name.
"""

from __future__ import annotations

import json
import uuid
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import duckdb
import pandas as pd

from crm_core.contract import Run
from crm_core.errors import CrmError
from crm_core.i18n import Said, Sentence, kept, say, unkept
from crm_core.workspace import owner, store
from crm_core.workspace.sqlutil import qi


@dataclass(frozen=True)
class RunRecord:
    """One kept run as the catalogue knows it."""

    run_id: str
    kind: str
    table: str
    source_version: int
    config: dict[str, Any]
    summary: dict[str, Any]
    created_at: datetime
    rows_in: int | None
    rows_out: int | None
    result_table: str
    result_tables: dict[str, str]
    lang: str


def _name_part(text: str) -> str:
    return store.safe_table_name(text)[:40]


def _next_number(con: duckdb.DuckDBPyConnection, kind: str, table: str) -> int:
    rows = con.execute(f"SELECT count(*) FROM {store.META}.runs WHERE kind = ? AND source_table = ?",
                       [kind, table]).fetchall()
    n = int(rows[0][0]) + 1
    while store.table_exists(con, f"{kind}_{_name_part(table)}_{n}"):
        n += 1
    return n


def _point_view(con: duckdb.DuckDBPyConnection, view: str, target: str) -> None:
    """``CREATE OR REPLACE VIEW view`` unless a real table already has the name."""
    if not store.table_exists(con, view):
        con.execute(f"CREATE OR REPLACE VIEW {qi(view)} AS SELECT * FROM {qi(target)}")


def save(con: duckdb.DuckDBPyConnection, run: Run, *, roles: dict[str, str] | None = None,
         rows_in: int | None = None) -> RunRecord:
    """Write the run's result tables under names of their own and record the run, atomically."""
    frames = run.tables()
    if not frames:
        raise CrmError(Sentence("runs.error.no_result"))
    run_id = f"{run.kind}-{datetime.now():%Y%m%d-%H%M%S}-{uuid.uuid4().hex[:6]}"
    with owner.write_lock(con):  # number and write in one turn: concurrent saves queue
        n = _next_number(con, run.kind, run.table)
        names = {result: f"{result}_{_name_part(run.table)}_{n}" for result in frames}
        summary = run.summary()
        stored = json.dumps(summary | _kept_notes(summary), ensure_ascii=False, default=str)
        lang = getattr(run, "lang", "en")
        version = store.table_version(con, run.table)
        main_result = next(iter(frames))
        with store.transaction(con):
            for result, frame in frames.items():
                with store.registered(con, frame) as view:
                    store.create_table(con, names[result], f"SELECT * FROM {qi(view)}", source=run.table,
                                       kind=run.kind, parent=run.table, run_params=run.config.to_json())
            con.execute(
                f"INSERT INTO {store.META}.runs VALUES (?, ?, ?, ?, ?, ?, now()::TIMESTAMP, ?, ?, ?, ?, ?)",
                [run_id, run.kind, run.table, version, run.config.to_json(),
                 stored, rows_in, len(frames[main_result]),
                 names[main_result], json.dumps(names, ensure_ascii=False), lang])
            for result, name in names.items():
                _point_view(con, f"{result}_{_name_part(run.table)}", name)
                _point_view(con, result, name)
        return get_run(con, run_id)


def _kept_notes(summary: dict[str, Any]) -> dict[str, Any]:
    """The summary's notes as sentences (``notes_kept``) beside their text, when the run said
    them so: :func:`notes` says them in the language of the page reading the run."""
    said = summary.get("notes") or ()
    return {"notes_kept": [kept(note) for note in said]} if any(isinstance(n, Said) for n in said) else {}


def notes(record: RunRecord, lang: str) -> list[str]:
    """A kept run's notes said in ``lang``; a run kept before its sentences were (only text in the
    run's language) reads as it was said."""
    if "notes_kept" not in record.summary:
        return [str(note) for note in record.summary.get("notes") or ()]
    return [str(say(unkept(note), lang)) for note in record.summary["notes_kept"]]


_COLUMNS = ("run_id, kind, source_table, source_version, config, summary, created_at, rows_in, "
            "rows_out, result_table, result_tables, lang")


def _record(row: tuple) -> RunRecord:
    return RunRecord(row[0], row[1], row[2], int(row[3] or 0), json.loads(row[4] or "{}"),
                     json.loads(row[5] or "{}"), row[6], row[7], row[8], row[9],
                     json.loads(row[10] or "{}"), row[11] or "en")


def list_runs(con: duckdb.DuckDBPyConnection, kind: str | None = None,
              table: str | None = None) -> list[RunRecord]:
    """Kept runs, newest first, optionally of one kind and/or on one source table."""
    rows = con.execute(
        f"""SELECT {_COLUMNS} FROM {store.META}.runs
            WHERE (? IS NULL OR kind = ?) AND (? IS NULL OR source_table = ?)
            ORDER BY created_at DESC, run_id DESC""", [kind, kind, table, table]).fetchall()
    return [_record(r) for r in rows]


def run_of_table(con: duckdb.DuckDBPyConnection, table: str) -> RunRecord | None:
    """The kept run that wrote ``table`` (None for a table no run wrote): its words (churn
    reasons, statuses) are in the language of the page the run was made on."""
    return next((r for r in list_runs(con) if table in (r.result_table, *r.result_tables.values())), None)


def get_run(con: duckdb.DuckDBPyConnection, run_id: str) -> RunRecord:
    """One run by id, or a clear message listing how to find the ids."""
    rows = con.execute(f"SELECT {_COLUMNS} FROM {store.META}.runs WHERE run_id = ?", [run_id]).fetchall()
    if not rows:
        raise CrmError(Sentence("runs.error.no_run", run_id=run_id))
    return _record(rows[0])


def result_frame(con: duckdb.DuckDBPyConnection, record: RunRecord, result: str | None = None,
                 limit: int | None = None) -> pd.DataFrame:
    """A kept run's result table (the main one unless ``result`` names another)."""
    name = record.result_tables.get(result, "") if result else record.result_table
    if not name or not store.table_exists(con, name):
        raise CrmError(Sentence("runs.error.result_gone", run_id=record.run_id))
    sql = f"SELECT * FROM {qi(name)}" + (" LIMIT ?" if limit else "")
    return con.execute(sql, [limit] if limit else []).df()
