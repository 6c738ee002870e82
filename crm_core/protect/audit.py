"""The audit trail: who loaded, cleaned, exported or queried what, and when.

One append-only table in the workspace's ``_crm`` schema, written by the CLI and the pages
through :func:`record`; the SQL page shows it.
"""

from __future__ import annotations

import getpass
from datetime import datetime

import duckdb
import pandas as pd

from crm_core import i18n, settings
from crm_core.workspace.store import META

AUDIT_TABLE = f"{META}.audit"
_DDL = f"""CREATE TABLE IF NOT EXISTS {AUDIT_TABLE} (
    logged_at TIMESTAMP, user_name VARCHAR, action VARCHAR, detail VARCHAR, outcome VARCHAR)"""
ACTIONS: tuple[str, ...] = ("load", "clean", "export", "sql", "sign_in")
DETAIL_CHARS = 4000


def ensure(con: duckdb.DuckDBPyConnection) -> None:
    """Create the audit table on first use (older workspaces lack it)."""
    con.execute(_DDL)


def cli_user() -> str:
    """Who runs the command line: ``$CRM_USER``, else the operating-system account."""
    try:
        return settings.cli_user() or getpass.getuser()
    except (KeyError, OSError):
        return "unknown"


def record(con: duckdb.DuckDBPyConnection, user: str, action: str, detail: str,
           outcome: str = "ok") -> None:
    """Append one entry; ``detail`` says what (a file, a table, the SQL text), cut to 4,000 chars."""
    ensure(con)
    con.execute(f"INSERT INTO {AUDIT_TABLE} VALUES (now()::TIMESTAMP, ?, ?, ?, ?)",
                [user or "unknown", action, (detail or "")[:DETAIL_CHARS], outcome])


def begin(con: duckdb.DuckDBPyConnection, user: str, action: str, detail: str) -> datetime:
    """Record an action *before* it runs (outcome "started"): if the entry cannot be written,
    the action does not run, so nothing happens unaudited. Returns the handle for :func:`finish`."""
    ensure(con)
    stamp = datetime.now()
    con.execute(f"INSERT INTO {AUDIT_TABLE} VALUES (?, ?, ?, ?, 'started')",
                [stamp, user or "unknown", action, (detail or "")[:DETAIL_CHARS]])
    return stamp


def finish(con: duckdb.DuckDBPyConnection, stamp: datetime, user: str, action: str,
           outcome: str) -> None:
    """Set the outcome of an entry made by :func:`begin`."""
    con.execute(f"UPDATE {AUDIT_TABLE} SET outcome = ? WHERE logged_at = ? AND user_name = ? "
                "AND action = ? AND outcome = 'started'", [outcome, stamp, user or "unknown", action])


def recent(con: duckdb.DuckDBPyConnection, limit: int = 200, action: str | None = None,
           user: str | None = None, year: int | None = None):
    """The newest entries as a small frame (logged_at, user_name, action, detail, outcome), of one
    action, user or year when asked: a year's log runs past the 500 rows a page shows."""
    ensure(con)
    return con.execute(
        f"""SELECT logged_at, user_name, action, detail, outcome FROM {AUDIT_TABLE}
            WHERE (? IS NULL OR action = ?) AND (? IS NULL OR user_name = ?)
              AND (? IS NULL OR year(logged_at) = ?)
            ORDER BY logged_at DESC LIMIT ?""",
        [action, action, user, user, year, year, limit],
    ).df()


def choices(con: duckdb.DuckDBPyConnection) -> dict[str, list]:
    """The years (newest first), actions and users the log holds: what it can be filtered by."""
    ensure(con)
    found = {"year": f"SELECT DISTINCT year(logged_at) FROM {AUDIT_TABLE} ORDER BY 1 DESC",
             "action": f"SELECT DISTINCT action FROM {AUDIT_TABLE} ORDER BY 1",
             "user": f"SELECT DISTINCT user_name FROM {AUDIT_TABLE} ORDER BY 1"}
    return {key: [row[0] for row in con.execute(sql).fetchall() if row[0] is not None]
            for key, sql in found.items()}


def in_words(log: pd.DataFrame, lang: str) -> pd.DataFrame:
    """The log (:func:`recent`) as people read it: each action and outcome in words (the SQL
    page's grid read export, sql, load and ok); a code no word was written for stays as logged,
    and a sign-in's detail, the client's address, says where it came from."""
    return log.assign(action=[i18n.word("protect.audit.action", a, lang) for a in log["action"]],
                      outcome=[i18n.word("protect.audit.outcome", o, lang) for o in log["outcome"]],
                      detail=[_from(d, u, lang) if a == "sign_in" else d for a, u, d in
                              zip(log["action"], log["user_name"], log["detail"], strict=True)])


def _from(client: str, user: str, lang: str) -> str:
    """Where a sign-in came from: Streamlit knows no address for a browser on the server's own
    machine; an older entry (the user's name, or "ann from 10.0.0.5": English on the Chinese page,
    walk22) stays as logged."""
    if not client:
        return i18n.t("protect.audit.from_unknown", lang)
    older = client == user or " " in client
    return client if older else i18n.t("protect.audit.from", lang, client=client)
