"""Monthly re-uploads: next month's export onto an existing table.

The new file is read into a built table first; :func:`preview` compares it with the table
(rows added, updated, removed; columns added, missing or retyped) without changing anything;
:func:`commit` then replaces, appends or upserts by a key column in one transaction and keeps
the replaced version restorable (:func:`crm_core.workspace.store.restore_previous`).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from pathlib import Path

from crm_core.errors import CrmError
from crm_core.i18n import Clauses, Listing, Sentence
from crm_core.load import reader
from crm_core.load.text import Built, build_name
from crm_core.workspace import store
from crm_core.workspace.sqlutil import qi

MODES: tuple[str, ...] = ("replace", "append", "upsert")


@dataclass
class Diff:
    """What a re-upload would change, before it is committed."""

    table: str
    mode: str
    key: str | None
    before: int
    after: int
    added: int
    updated: int
    removed: int
    new_columns: list[str] = field(default_factory=list)
    missing_columns: list[str] = field(default_factory=list)
    retyped: list[str] = field(default_factory=list)
    """``column: OLD → NEW`` for columns whose type differs."""

    def as_dict(self) -> dict:
        return asdict(self)

    def note(self) -> Sentence:
        """What the re-upload changes, for the Data page and the CLI in the analyst's language
        (the CLI's note was English after ``load --lang zh``)."""
        mode = Sentence(f"data.diff.{self.mode}", table=self.table, column=self.key)
        return Sentence("data.diff", mode=mode, added=f"{self.added:,}", updated=f"{self.updated:,}",
                        removed=f"{self.removed:,}", before=f"{self.before:,}", after=f"{self.after:,}")

    def schema_note(self) -> Sentence | None:
        """The columns the file adds, lacks or types otherwise, in words (``+city`` and ``-phone``
        said nothing to an analyst); None when the columns are the same."""
        parts = [Sentence(f"data.diff_schema.{kind}", columns=Listing(columns)) for kind, columns in
                 (("new", self.new_columns), ("missing", self.missing_columns), ("retyped", self.retyped))
                 if columns]
        return Sentence("data.diff_schema", changes=Clauses(parts)) if parts else None


@dataclass
class Pending:
    """A read file waiting to be committed onto ``diff.table`` (or discarded)."""

    built: Built
    source: str
    diff: Diff


def preview(con, path: str | Path, table: str, mode: str, key: str | None = None, *,
            display_name: str | None = None, mask_pii: bool = False, progress=None) -> Pending:
    """Read the file and say what ``mode`` would change in ``table``; nothing is written yet."""
    if mode not in MODES:
        raise CrmError(Sentence("data.reupload_error.mode", mode=mode, modes=Listing(MODES)))
    store.require_table(con, table)
    name = display_name or Path(path).name
    builds = reader.build_file(con, path, table, display_name=name, progress=progress, mask_pii=mask_pii)
    if len(builds) != 1:
        for _, built in builds:
            con.execute(f"DROP TABLE IF EXISTS {qi(built.table)}")
        raise CrmError(Sentence("data.reupload_error.sheets", name=name, table=table))
    built = builds[0][1]
    try:
        return Pending(built, name, _diff(con, table, built.table, mode, key, name))
    except BaseException:
        con.execute(f"DROP TABLE IF EXISTS {qi(built.table)}")
        raise


def discard(con, pending: Pending) -> None:
    """Drop the read file without touching the table."""
    con.execute(f"DROP TABLE IF EXISTS {qi(pending.built.table)}")


def commit(con, pending: Pending) -> reader.LoadResult:
    """Apply the previewed change in one transaction; the replaced version stays restorable."""
    diff, new = pending.diff, pending.built.table
    if diff.mode != "replace":
        merged = build_name()
        old = qi(diff.table)
        keep = "" if diff.mode == "append" else (
            f" WHERE {qi(diff.key)} NOT IN (SELECT {qi(diff.key)} FROM {qi(new)} "
            f"WHERE {qi(diff.key)} IS NOT NULL)")
        con.execute(f"CREATE TABLE {qi(merged)} AS SELECT * FROM {old}{keep} "
                    f"UNION ALL BY NAME SELECT * FROM {qi(new)}")
        con.execute(f"DROP TABLE {qi(new)}")
        pending.built.table = merged
    try:
        return reader.install(con, pending.built, diff.table, pending.source, keep_previous=True)
    finally:
        discard(con, pending)


def _diff(con, table: str, new: str, mode: str, key: str | None, name: str) -> Diff:
    old_cols, new_cols = dict(store.columns_of(con, table)), dict(store.columns_of(con, new))
    common = [c for c in old_cols if c in new_cols]
    before = _count(con, table)
    incoming = _count(con, new)
    diff = Diff(table, mode, key, before, 0, 0, 0, 0,
                [c for c in new_cols if c not in old_cols], [c for c in old_cols if c not in new_cols],
                [f"{c}: {old_cols[c]} → {new_cols[c]}" for c in common if old_cols[c] != new_cols[c]])
    if mode == "upsert":
        _check_key(con, table, new, key, old_cols, new_cols, name)
        k = qi(key)
        diff.updated, diff.added = con.execute(
            f"""SELECT count(*) FILTER (WHERE o.k IS NOT NULL AND o.h <> n.h),
                       count(*) FILTER (WHERE o.k IS NULL)
                FROM (SELECT {k} AS k, {_row_hash(common)} AS h FROM {qi(new)}) n
                LEFT JOIN (SELECT {k} AS k, {_row_hash(common)} AS h FROM {qi(table)}) o ON o.k = n.k"""
        ).fetchone()
        diff.after = before + diff.added
    elif mode == "append":
        diff.added, diff.after = incoming, before + incoming
    else:
        diff.added, diff.removed = _multiset_changes(con, table, new, common)
        diff.after = incoming
    return diff


def _check_key(con, table, new, key, old_cols, new_cols, name) -> None:
    if not key:
        raise CrmError(Sentence("data.reupload_error.no_key"))
    if key not in old_cols or key not in new_cols:
        raise CrmError(Sentence("data.reupload_error.key_missing", name=name, column=key, table=table))
    repeats = con.execute(f"SELECT count({qi(key)}) - count(DISTINCT {qi(key)}) FROM {qi(new)}").fetchone()[0]
    if repeats:
        raise CrmError(Sentence("data.reupload_error.key_repeats", name=name, column=key,
                                count=f"{repeats:,}"))


def _multiset_changes(con, old: str, new: str, common: list[str]) -> tuple[int, int]:
    """Rows only in the new table, rows only in the old one (as whole rows, repeats counted)."""
    h = _row_hash(common)
    return con.execute(
        f"""WITH o AS (SELECT {h} AS h, count(*) AS n FROM {qi(old)} GROUP BY h),
                 n AS (SELECT {h} AS h, count(*) AS n FROM {qi(new)} GROUP BY h)
            SELECT coalesce(sum(greatest(coalesce(n.n, 0) - coalesce(o.n, 0), 0)), 0),
                   coalesce(sum(greatest(coalesce(o.n, 0) - coalesce(n.n, 0), 0)), 0)
            FROM o FULL JOIN n ON o.h = n.h"""
    ).fetchone()


def _row_hash(columns: list[str]) -> str:
    """A hash of the shared columns as text, so a retyped column still compares by value."""
    if not columns:
        return "0"
    return "hash(" + ", ".join(f"CAST({qi(c)} AS VARCHAR)" for c in columns) + ")"


def _count(con, table: str) -> int:
    return int(con.execute(f"SELECT count(*) FROM {qi(table)}").fetchone()[0])
