"""External tables: data that stays where it lives (a folder or URI of Parquet/CSV files).

``load --external PATH`` registers the files as a table without copying them: DuckDB reads
them through a view, and the Spark engine reads the same path itself, so a lake too big for
one machine never has to pass through the workspace.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import duckdb

from crm_core.errors import CrmError
from crm_core.i18n import Listing, Sentence
from crm_core.workspace import dberrors, store
from crm_core.workspace.roles import detect_roles
from crm_core.workspace.sqlutil import qi, sql_str

FORMATS = {".parquet": "parquet", ".pq": "parquet", ".csv": "csv", ".tsv": "csv", ".txt": "csv"}


@dataclass(frozen=True)
class ExternalSource:
    """Where an external table's files are and how to read them."""

    path: str
    format: str

    def pattern(self) -> str:
        """The path or glob DuckDB reads (a folder means every file below it)."""
        if "://" not in self.path and Path(self.path).is_dir():
            return str(Path(self.path) / "**" / f"*.{'parquet' if self.format == 'parquet' else 'csv'}")
        return self.path

    def duckdb_reader(self) -> str:
        """A DuckDB table function over the files."""
        if self.format == "parquet":
            return f"read_parquet({sql_str(self.pattern())}, union_by_name = true)"
        return f"read_csv({sql_str(self.pattern())}, header = true, union_by_name = true)"


def source_of(path: str) -> ExternalSource:
    """The source a path names, its format from the files' endings; refuses what it cannot read."""
    local = "://" not in path
    if local and not Path(path).exists():
        raise CrmError(Sentence("load.error.no_path", path=path))
    folder = local and Path(path).is_dir()
    candidates = [p for p in Path(path).rglob("*") if p.is_file()] if folder else [Path(path)]
    formats = {FORMATS.get("".join(p.suffixes[-1:]).lower()) for p in candidates} - {None}
    if len(formats) != 1:
        found = Listing(sorted(formats)) if formats else Sentence("load.error.found_none")
        raise CrmError(Sentence("load.error.external_kind", path=path, found=found))
    return ExternalSource(path, formats.pop())


def register_external(con: duckdb.DuckDBPyConnection, path: str, table: str | None = None,
                      replace: bool = False) -> store.TableInfo:
    """Register ``path`` as table ``table`` (a view over the files plus a catalogue entry)."""
    source = source_of(path)
    name = table or store.safe_table_name(Path(path.rstrip("/")).name)
    if not replace and (store.table_exists(con, name) or store.view_exists(con, name)):
        raise CrmError(Sentence("store.error.table_exists", name=name))
    if store.table_exists(con, name):
        raise CrmError(Sentence("load.error.stored_table", name=name))
    try:
        with store.transaction(con):
            con.execute(f"CREATE OR REPLACE VIEW {qi(name)} AS SELECT * FROM {source.duckdb_reader()}")
            rows = con.execute(f"SELECT count(*) FROM {qi(name)}").fetchall()[0][0]
            store.record_table(con, name, rows, source.path, "external", None,
                               json.dumps({"format": source.format}))
    except duckdb.Error as exc:
        raise CrmError(Sentence("load.error.external_unreadable", path=path,
                                reason=dberrors.reason(exc))) from exc
    # roles judged once, here, so analyses on another engine never re-read the files for them
    store.save_roles(con, name, detect_roles(con, name))
    return next(t for t in store.list_tables(con) if t.name == name)


def external_source(con: duckdb.DuckDBPyConnection, name: str) -> ExternalSource | None:
    """The files behind an external table, or None for a table stored in the workspace."""
    rows = con.execute(f"SELECT source, params FROM {store.META}.catalog "
                       "WHERE name = ? AND kind = 'external'", [name]).fetchall()
    if not rows:
        return None
    return ExternalSource(rows[0][0], json.loads(rows[0][1] or "{}").get("format", "parquet"))
