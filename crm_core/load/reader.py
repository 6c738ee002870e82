"""Reading uploaded exports into the workspace.

Every file becomes one DuckDB table (one per sheet for Excel). Text files are sniffed here
(encoding, delimiter, preamble, header) and parsed by DuckDB's reader; only Excel goes
through pandas. Columns land as text first, then each is typed only when *every* value
parses (numbers with currency and decimal commas, dates in many formats), so nothing is
silently turned into NULL and ``00017`` stays ``00017``.
"""

from __future__ import annotations

import codecs
import csv
import os
import re
import tempfile
import uuid
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import duckdb

from crm_core import settings
from crm_core.errors import CrmError
from crm_core.protect.privacy import MaskPlan
from crm_core.workspace import roles as roles_mod
from crm_core.workspace import store
from crm_core.workspace.sqlutil import COMPACT_DATE_FORMAT, DATE_FORMATS, number_expr, qi, timestamp_expr

Progress = Callable[[float, str], None]

TEXT_SUFFIXES = {".csv", ".tsv", ".txt", ".tab", ".dat", ".psv", ""}
EXCEL_SUFFIXES = {".xlsx", ".xlsm"}
PARQUET_SUFFIXES = {".parquet", ".pq"}
JSON_SUFFIXES = {".json", ".jsonl", ".ndjson"}
SUPPORTED = sorted(TEXT_SUFFIXES | EXCEL_SUFFIXES | PARQUET_SUFFIXES | JSON_SUFFIXES - {""})

HEAD_BYTES = 1 << 20
SNIFF_LINES = 200
MAX_LINE_BYTES = 64 << 20
SAMPLE_ROWS = 5000
_DELIMITERS = (",", "\t", ";", "|")
_WHITESPACE = "whitespace"
_TOTAL_ROW = re.compile(r"^\s*(grand\s+total|total|totals|sum|subtotal|合计|总计|小计|汇总)\b",
                        re.IGNORECASE)
_ID_NAME = re.compile(
    r"(^|[ _.-])(id|no|nr|code|key|sku|upc|ean|zip|postcode|postal|phone|tel|mobile)($|[ _.-])"
    r"|id$|ID|Id$|编号|编码|代码|号码|单号|订单号|卡号|电话|手机|邮编"
    r"|(?i:^(invoice|order|basket|receipt|ticket|transaction|stockcode)s?$)",
)
_DATE_NAME = re.compile(r"date|time|day|dt|日期|时间", re.IGNORECASE)
_BINARY_MAGIC = {
    b"\x89PNG": "a PNG image", b"\xff\xd8\xff": "a JPEG image", b"GIF8": "a GIF image",
    b"%PDF": "a PDF document", b"\x1f\x8b": "a gzip archive", b"Rar!": "a RAR archive",
    b"\xd0\xcf\x11\xe0": "an old Excel 97-2003 (.xls) file — save it as .xlsx",
    b"7z\xbc\xaf": "a 7-Zip archive",
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


@dataclass
class _Layout:
    encoding: str
    delimiter: str
    skip: int
    header: list[str] | None
    n_fields: int


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
    personal-data columns by keyed pseudonyms before anything is written.
    """
    path = Path(path)
    name = display_name or path.name
    report = progress or (lambda _f, _m: None)
    if not path.exists():
        raise CrmError(f"{name}: file not found.")
    if path.stat().st_size == 0:
        raise CrmError(f"{name}: the file is empty.")
    kind = _file_kind(path, name)
    base = table or store.safe_table_name(name)
    if kind != "excel":
        _refuse_existing(con, name, base, replace)
    try:
        if kind == "excel":
            return _load_excel(con, path, name, table, sheet, replace, report, mask_pii)
        if kind == "parquet":
            return [_load_typed(con, "read_parquet(?)", path, name, base, replace, report, mask_pii)]
        if kind == "json":
            return [_load_typed(con, "read_json_auto(?, maximum_object_size=67108864)",
                                path, name, base, replace, report, mask_pii)]
        return [_load_text(con, path, name, base, replace, report, mask_pii)]
    except duckdb.Error as exc:
        raise CrmError(f"{name}: {_first_line(exc)}") from exc


def _refuse_existing(con, name: str, table: str, replace: bool) -> None:
    if not replace and store.table_exists(con, table):
        raise CrmError(f"{name}: a table named '{table}' already exists; "
                       "choose another name or replace it.")


def _first_line(exc: Exception) -> str:
    text = str(exc).strip().splitlines()
    return text[0] if text else type(exc).__name__


def _file_kind(path: Path, name: str) -> str:
    """text / excel / parquet / json from the bytes first, the suffix second."""
    with path.open("rb") as fh:
        head = fh.read(8)
    for magic, what in _BINARY_MAGIC.items():
        if head.startswith(magic):
            raise CrmError(f"{name}: this is {what}, not a data export.")
    suffix = Path(name).suffix.lower()
    if head.startswith(b"PK\x03\x04"):
        if suffix in EXCEL_SUFFIXES or _is_xlsx(path):
            return "excel"
        raise CrmError(f"{name}: this is a ZIP archive; unzip it and upload the files inside.")
    if suffix in EXCEL_SUFFIXES:
        raise CrmError(f"{name}: this is not a valid Excel workbook (the file is damaged or renamed).")
    if head.startswith(b"PAR1"):
        return "parquet"
    if suffix in PARQUET_SUFFIXES:
        raise CrmError(f"{name}: this is not a valid Parquet file (the file is damaged or renamed).")
    if suffix in JSON_SUFFIXES:
        return "json"
    if suffix not in TEXT_SUFFIXES:
        raise CrmError(f"{name}: unsupported file type '{suffix}'; use one of {', '.join(SUPPORTED)}.")
    return "text"


def _is_xlsx(path: Path) -> bool:
    import zipfile

    try:
        with zipfile.ZipFile(path) as zf:
            return "xl/workbook.xml" in zf.namelist()
    except zipfile.BadZipFile:
        return False


# ---------------------------------------------------------------- text files


def _load_text(con, path: Path, name: str, table: str, replace: bool, report: Progress,
               mask_pii: bool = False) -> LoadResult:
    report(0.05, "sniff")
    layout = sniff_text(path, name)
    try:
        stage = _stage_file(con, path, layout, name, report)
    except _NotUtf8:
        layout.encoding = _whole_file_encoding(path)
        stage = _stage_file(con, path, layout, name, report)
    try:
        notes = _drop_total_rows(con, stage)
        report(0.75, "types")
        result = _finish(con, stage, layout.header or [], name, table, replace, mask_pii)
    finally:
        con.execute(f"DROP TABLE IF EXISTS {qi(stage)}")
    result.encoding = layout.encoding
    result.delimiter = {"\t": "tab", _WHITESPACE: "spaces"}.get(layout.delimiter, layout.delimiter)
    result.notes = notes + result.notes
    report(1.0, "done")
    return result


class _NotUtf8(Exception):
    """The head looked like UTF-8 but a later byte is not (GBK text after an ASCII start)."""


def _stage_file(con, path: Path, layout: _Layout, name: str, report: Progress) -> str:
    """Stage the file, through a UTF-8 copy when its encoding or spacing needs one."""
    if layout.encoding in ("utf-8", "utf-8-sig") and layout.delimiter != _WHITESPACE:
        report(0.4, "read")
        return _stage_text(con, path, layout, layout.skip, name)
    copy = _rewrite_utf8(path, layout, report)
    try:
        report(0.4, "read")
        return _stage_text(con, copy, layout, 0, name)
    finally:
        os.unlink(copy)


def _whole_file_encoding(path: Path) -> str:
    """GB18030 when the whole file decodes as such, else Latin-1 (which always decodes)."""
    decoder = codecs.getincrementaldecoder("gb18030")()
    try:
        with path.open("rb") as fh:
            while chunk := fh.read(HEAD_BYTES):
                decoder.decode(chunk)
        decoder.decode(b"", final=True)
        return "gb18030"
    except UnicodeDecodeError:
        return "latin-1"


def sniff_text(path: Path, name: str) -> _Layout:
    """Encoding, delimiter, preamble length and header of a text export, from its head."""
    csv.field_size_limit(max(csv.field_size_limit(), MAX_LINE_BYTES))
    head, complete = _read_head(path)
    encoding = detect_encoding(head, name)
    text = head.decode(encoding, errors="replace")
    lines = text.splitlines()
    if not complete and len(lines) > 1:
        lines = lines[:-1]
    lines = [ln for ln in lines[:SNIFF_LINES]]
    if not any(ln.strip() for ln in lines):
        raise CrmError(f"{name}: the file has no text in it.")
    delimiter, n_fields, start = _choose_delimiter(lines)
    first = _split(lines[start], delimiter)
    second = _split(lines[start + 1], delimiter) if start + 1 < len(lines) else []
    header = _clean_header(first) if _looks_like_header(first, second) else None
    if header is not None and start + 1 >= len(lines):
        raise CrmError(f"{name}: the file has a header but no data rows.")
    return _Layout(encoding, delimiter, start, header, n_fields)


def _read_head(path: Path) -> tuple[bytes, bool]:
    """The first bytes, enough for a few lines even when one cell is megabytes long;
    the flag says whether that is the whole file."""
    chunks: list[bytes] = []
    with path.open("rb") as fh:
        while sum(len(c) for c in chunks) < MAX_LINE_BYTES:
            chunk = fh.read(HEAD_BYTES)
            if not chunk:
                return b"".join(chunks), True
            chunks.append(chunk)
            if b"".join(chunks).count(b"\n") > 3:
                break
    return b"".join(chunks), False


def detect_encoding(head: bytes, name: str) -> str:
    """UTF-8 (with or without BOM), UTF-16, GB18030 or Latin-1, judged on the first bytes."""
    if head.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    sample = head[:65536]
    if b"\x00" in sample:
        for encoding in ("utf-16-le", "utf-16-be"):
            if _mostly_printable(sample, encoding):
                return encoding
        raise CrmError(f"{name}: this looks like a binary file, not a text export.")
    for encoding in ("utf-8", "gb18030"):
        try:
            _decode_prefix(head, encoding)
            return encoding
        except UnicodeDecodeError:
            continue
    return "latin-1"


def _mostly_printable(sample: bytes, encoding: str) -> bool:
    """Whether bytes with NULs read as text in this UTF-16 flavour (Excel's "Unicode text")."""
    text = sample[: len(sample) // 2 * 2].decode(encoding, errors="replace")
    good = sum(1 for ch in text if ch.isprintable() or ch in "\r\n\t")
    return good >= 0.95 * max(1, len(text))


def _decode_prefix(head: bytes, encoding: str) -> str:
    """Decode, tolerating a multi-byte character cut at the end of the sample."""
    decoder = codecs.getincrementaldecoder(encoding)()
    return decoder.decode(head, final=False)


def _split(line: str, delimiter: str) -> list[str]:
    if delimiter == _WHITESPACE:
        return line.split()
    return next(csv.reader([line], delimiter=delimiter), [])


def _choose_delimiter(lines: list[str]) -> tuple[str, int, int]:
    """Pick the delimiter giving the most consistent field count; return it, that count and
    the index of the first line of the table (after any preamble)."""
    best = (",", 1, 0, 0.0)
    for delimiter in (*_DELIMITERS, _WHITESPACE):
        counts = [len(_split(ln, delimiter)) if ln.strip() else 0 for ln in lines]
        body = [c for c in counts if c > 0]
        if not body:
            continue
        n_fields = Counter(body[len(body) // 5:] or body).most_common(1)[0][0]
        if n_fields < 2:
            continue
        share = sum(1 for c in body if c == n_fields) / len(body)
        if delimiter == _WHITESPACE and best[1] > 1 and best[3] >= 0.8:
            continue
        if (share, n_fields) > (best[3], best[1]) and share >= 0.5:
            start = next(i for i, c in enumerate(counts) if c == n_fields)
            best = (delimiter, n_fields, start, share)
    if best[1] == 1:
        start = next(i for i, ln in enumerate(lines) if ln.strip())
        return ",", 1, start
    return best[0], best[1], best[2]


_NUMBERISH = re.compile(r"^[\s$€£¥￥(+-]*[\d.,:/ -]+[)%\s-]*$")


def _looks_like_header(first: list[str], second: list[str]) -> bool:
    """A header has text where the data row below has numbers, or is all text."""
    def numeric(v: str) -> bool:
        return bool(v.strip()) and bool(_NUMBERISH.match(v))

    if not any(numeric(v) for v in first):
        return True
    return any(not numeric(a) and numeric(b) for a, b in zip(first, second, strict=False))


def _clean_header(raw: list[str]) -> list[str]:
    """Trimmed, unique, non-blank column names (blank → column_N, repeats → name_2)."""
    seen: Counter[str] = Counter()
    names = []
    for i, value in enumerate(raw, start=1):
        name = re.sub(r"\s+", " ", value.replace("\ufeff", "")).strip() or f"column_{i}"
        name = name[:120]
        seen[name.lower()] += 1
        if seen[name.lower()] > 1:
            name = f"{name}_{seen[name.lower()]}"
        names.append(name)
    return names


def _rewrite_utf8(path: Path, layout: _Layout, report: Progress) -> Path:
    """Stream a non-UTF-8 or space-aligned file into a temporary UTF-8 (tab-separated) copy."""
    fd, tmp = tempfile.mkstemp(suffix=".csv", prefix="crm_load_")
    size = max(1, path.stat().st_size)
    with path.open("r", encoding=layout.encoding, errors="replace", newline="") as src, \
            os.fdopen(fd, "w", encoding="utf-8", newline="") as dst:
        for i, line in enumerate(src):
            if i < layout.skip:
                continue
            if layout.delimiter == _WHITESPACE:
                line = "\t".join(line.split()) + "\n"
            dst.write(line)
            if i % 200_000 == 0:
                report(0.05 + 0.3 * min(1.0, src.buffer.tell() / size), "convert")
    return Path(tmp)


def _stage_text(con, path: Path, layout: _Layout, skip: int, name: str) -> str:
    """Read the file as all-text columns into a staging table named by position."""
    stage = f"__stage_{uuid.uuid4().hex[:10]}"
    delimiter = "\t" if layout.delimiter == _WHITESPACE else layout.delimiter
    quote = "" if layout.delimiter == _WHITESPACE else '"'
    skip_rows = skip + (1 if layout.header is not None else 0)
    n_fields = len(layout.header) if layout.header is not None else layout.n_fields
    columns = "{" + ", ".join(f"'c{i}': 'VARCHAR'" for i in range(n_fields)) + "}"
    try:
        con.execute(
            f"""CREATE TEMP TABLE {qi(stage)} AS SELECT * FROM read_csv(?, delim = ?, quote = ?,
                    escape = ?, header = false, skip = ?, columns = {columns}, auto_detect = false,
                    null_padding = true, max_line_size = {MAX_LINE_BYTES}, encoding = 'utf-8')""",
            [str(path), delimiter, quote, quote, skip_rows],
        )
    except duckdb.InvalidInputException as exc:
        if "unicode" in str(exc).lower() and layout.encoding in ("utf-8", "utf-8-sig"):
            raise _NotUtf8 from exc
        raise CrmError(f"{name}: {_row_problem(exc, n_fields)}") from exc
    return stage


def _row_problem(exc: Exception, n_fields: int) -> str:
    """DuckDB's parse error as one sentence that names the line, when it says which."""
    text = str(exc)
    line = re.search(r"[Ll]ine:?\s*(\d+)", text)
    where = f"line {line.group(1)}" if line else "a row"
    if "Expected Number of Columns" in text or "columns" in text.lower():
        return (f"{where} has more fields than the {n_fields} columns of the header; "
                "check the delimiter or quote the values that contain it.")
    return f"{where} cannot be read ({_first_line(exc)})"


def _drop_total_rows(con, stage: str) -> list[str]:
    """Remove blank rows and trailing 'Total' rows that spreadsheets append to exports."""
    cols = store.columns_of(con, stage)
    all_null = " AND ".join(f"({qi(c)} IS NULL OR trim({qi(c)}) = '')" for c, _ in cols)
    con.execute(f"DELETE FROM {qi(stage)} WHERE {all_null}")
    first_text = "coalesce(" + ", ".join(f"NULLIF(trim({qi(c)}), '')" for c, _ in cols[:20]) + ")"
    tail = con.execute(
        f"SELECT rowid, {first_text} FROM {qi(stage)} ORDER BY rowid DESC LIMIT 3"
    ).fetchall()
    dropped = [rowid for rowid, text in tail if text and _TOTAL_ROW.match(text)]
    if dropped:
        con.execute(f"DELETE FROM {qi(stage)} WHERE rowid >= ?", [min(dropped)])
        return [f"dropped {len(dropped)} trailing total row(s)"]
    return []


# ---------------------------------------------------------------- typing


def _finish(con, stage: str, header: list[str], name: str, table: str, replace: bool,
            mask_pii: bool = False) -> LoadResult:
    """Name and type the staged text columns, then swap the table in atomically."""
    staged = [c for c, _ in store.columns_of(con, stage)]
    names = header + [f"column_{i}" for i in range(len(header) + 1, len(staged) + 1)]
    names = _clean_header(names[: len(staged)])
    plans = infer_types(con, stage, staged, names)
    masking = MaskPlan.build(con, stage, staged, names, [e for e, _ in plans], mask_pii)
    select = ", ".join(f"{expr} AS {qi(out)}" for expr, out in zip(masking.exprs, names, strict=True))
    info = store.write_table(
        con, table, f"SELECT {select} FROM {qi(stage)}", masking.params, source=name,
        kind="upload", replace=replace, roles={}, run_params=masking.catalog_params(),
    )
    _save_detected_roles(con, table)
    notes = [f"{out}: kept as text ({why})" for (_, why), out in zip(plans, names, strict=True) if why]
    return LoadResult(table, info.rows, info.columns, name, notes=(masking.notes() + notes)[:20])


def _save_detected_roles(con, table: str) -> None:
    store.save_roles(con, table, roles_mod.detect_roles(con, table))


_INT = re.compile(r"^[-+]?\d+$")
_LEADING_ZERO = re.compile(r"^0\d")
_NUMBER = re.compile(r"^\(?[-+]?\s*(?:[$€£¥￥₹₩]|USD|EUR|GBP|RMB|CNY)?\s*[-+]?[\d.,\s]*\d[\d.,]*\s*"
                     r"(?:元|USD|EUR|RMB|CNY)?\)?-?$")
_EU_DECIMAL = re.compile(r"^[^.,]*\d(\.\d{3})*,\d{1,2}\)?-?$|^\d+,\d{1,2}$")
_DATEISH = re.compile(r"^\d{1,4}[-/.年]\d{1,2}[-/.月]\d{1,4}|^\d{1,2}[ -][A-Za-z]{3}[ -]\d{4}"
                      r"|^[A-Za-z]{3} \d{1,2}, \d{4}")
_COMPACT_DATE = re.compile(r"^(19|20)\d{2}(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])$")


def infer_types(con, stage: str, staged: list[str], names: list[str]) -> list[tuple[str, str]]:
    """One (SQL expression, reason kept as text) per column.

    Candidates come from a sample; a candidate is kept only if it parses every non-empty
    value of the whole column (checked in one SQL pass), so typing never loses a value.
    """
    limit = SAMPLE_ROWS if len(staged) <= 200 else 300
    sample = con.execute(f"SELECT * FROM {qi(stage)} USING SAMPLE {limit} ROWS").fetchall()
    plans = []
    for i, (col, out) in enumerate(zip(staged, names, strict=True)):
        values = [v.strip() for v in (row[i] for row in sample) if v is not None and v.strip()]
        plans.append(_candidate(con, qi(col), out, values))
    return _verify(con, stage, staged, plans)


def _candidate(con, col: str, out: str, values: list[str]) -> tuple[str, str]:
    """The typing plan a column's sample suggests: (SQL expression, why it stays text)."""
    if not values or _ID_NAME.search(out):
        return (col, "")
    date_named = bool(_DATE_NAME.search(out))
    if all(_DATEISH.match(v) or (date_named and _COMPACT_DATE.match(v)) for v in values):
        formats = [*DATE_FORMATS, COMPACT_DATE_FORMAT] if date_named else list(DATE_FORMATS)
        return _date_plan(con, col, values, formats)
    if all(_INT.match(v) for v in values):
        if any(_LEADING_ZERO.match(v.lstrip("+-")) for v in values):
            return (col, "leading zeros")
        if max(len(v) for v in values) > 18:
            return (col, "long digit codes")
        return (f"TRY_CAST(trim({col}) AS BIGINT)", "")
    numeric = [v for v in values if _NUMBER.match(v) and any(ch.isdigit() for ch in v)]
    if len(numeric) >= 0.9 * len(values):
        eu = sum(1 for v in numeric if _EU_DECIMAL.match(v))
        us = sum(1 for v in numeric if re.search(r"\d,\d{3}(\.|$)|\.\d", v))
        return (number_expr(col, "," if eu > us else "."), "")
    return (col, "")


def _date_plan(con, col: str, values: list[str], formats: list[str]) -> tuple[str, str]:
    """Order the formats by how many sample values each parses; keep those that parse any."""
    scores = con.execute(
        "SELECT " + ", ".join(
            f"count(try_strptime(v, '{f.replace(chr(39), chr(39) * 2)}'))" for f in formats
        ) + " FROM (SELECT unnest(?::VARCHAR[]) AS v)",
        [values[:2000]],
    ).fetchone()
    ranked = [f for s, f in sorted(zip(scores, formats, strict=True), key=lambda p: -p[0]) if s]
    if not ranked:
        return (col, "")
    parsed = timestamp_expr("v", ranked)
    has_time = con.execute(
        f"SELECT bool_or(CAST({parsed} AS TIME) <> TIME '00:00:00') "
        "FROM (SELECT unnest(?::VARCHAR[]) AS v)", [values[:2000]],
    ).fetchone()[0]
    expr = timestamp_expr(col, ranked)
    return (expr if has_time else f"CAST({expr} AS DATE)", "")


_VERIFY_BATCH = 100
"""Columns checked per query: DuckDB plans hundreds of aggregates in one SELECT slowly."""


def _verify(con, stage: str, staged: list[str], plans: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """Fall back to text for any typed column where a value would fail to parse."""
    typed = [(i, expr) for i, (expr, _) in enumerate(plans) if expr != qi(staged[i])]
    result = list(plans)
    for start in range(0, len(typed), _VERIFY_BATCH):
        batch = typed[start:start + _VERIFY_BATCH]
        checks = ", ".join(
            f"count(nullif(trim({qi(staged[i])}), '')) - count({expr})" for i, expr in batch
        )
        failures = con.execute(f"SELECT {checks} FROM {qi(stage)}").fetchall()[0]
        for (i, _), bad in zip(batch, failures, strict=True):
            if bad:
                result[i] = (qi(staged[i]), f"{bad} value(s) do not parse as numbers or dates")
    return result


# ---------------------------------------------------------------- typed formats


def _load_typed(con, reader: str, path: Path, name: str, table: str, replace: bool,
                report: Progress, mask_pii: bool = False) -> LoadResult:
    """Parquet and JSON carry their own types: load as they are (masking goes via a temp stage)."""
    report(0.2, "read")
    if not mask_pii:
        info = store.write_table(con, table, f"SELECT * FROM {reader}", [str(path)], source=name,
                                 kind="upload", replace=replace, roles={})
        _save_detected_roles(con, table)
        report(1.0, "done")
        return LoadResult(table, info.rows, info.columns, name)
    stage = f"__stage_{uuid.uuid4().hex[:10]}"
    con.execute(f"CREATE TEMP TABLE {qi(stage)} AS SELECT * FROM {reader}", [str(path)])
    try:
        cols = [c for c, _ in store.columns_of(con, stage)]
        masking = MaskPlan.build(con, stage, cols, cols, [qi(c) for c in cols], True)
        select = ", ".join(f"{expr} AS {qi(c)}" for expr, c in zip(masking.exprs, cols, strict=True))
        info = store.write_table(con, table, f"SELECT {select} FROM {qi(stage)}", masking.params,
                                 source=name, kind="upload", replace=replace, roles={},
                                 run_params=masking.catalog_params())
    finally:
        con.execute(f"DROP TABLE IF EXISTS {qi(stage)}")
    _save_detected_roles(con, table)
    report(1.0, "done")
    return LoadResult(table, info.rows, info.columns, name, notes=masking.notes())


def excel_sheets(path: str | os.PathLike[str]) -> list[str]:
    """Sheet names of a workbook, so the page can offer a choice."""
    from openpyxl import load_workbook

    try:
        wb = load_workbook(path, read_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a damaged file
        raise CrmError(f"{Path(path).name}: this Excel workbook cannot be opened ({exc}).") from exc
    try:
        return list(wb.sheetnames)
    finally:
        wb.close()


def _load_excel(con, path: Path, name: str, table: str | None, sheet: str | None,
                replace: bool, report: Progress, mask_pii: bool = False) -> list[LoadResult]:
    """One table per sheet (or the chosen one), typed like text files."""
    import pandas as pd

    sheets = [sheet] if sheet else excel_sheets(path)
    base = table or store.safe_table_name(name)
    results = []
    for i, sheet_name in enumerate(sheets):
        report(0.1 + 0.8 * i / len(sheets), f"sheet {sheet_name}")
        try:
            raw = pd.read_excel(path, sheet_name=sheet_name, header=None, dtype=object)
        except Exception as exc:  # damaged workbooks raise zip, xml and value errors
            raise CrmError(f"{name}: sheet '{sheet_name}' cannot be read ({exc}).") from exc
        frame = _excel_frame(raw)
        if frame is None:
            continue
        target = base if len(sheets) == 1 else f"{base}_{store.safe_table_name(sheet_name)}"
        _refuse_existing(con, name, target, replace)
        results.append(_finish_frame(con, frame, f"{name} [{sheet_name}]", target, replace, mask_pii))
    if not results:
        raise CrmError(f"{name}: every sheet is empty.")
    report(1.0, "done")
    return results


def _excel_frame(raw):
    """Cells as text under a header found past any title rows; None for an empty sheet."""
    raw = raw.dropna(how="all").dropna(axis=1, how="all")
    if raw.empty:
        return None
    filled = raw.notna().sum(axis=1)
    header_pos = int((filled >= filled.max() * 0.8).to_numpy().argmax())
    header = _clean_header([_cell_text(v) or "" for v in raw.iloc[header_pos]])
    body = raw.iloc[header_pos + 1:].map(_cell_text)
    body.columns = [f"c{i}" for i in range(len(header))]
    return header, body


def _cell_text(value) -> str | None:
    import pandas as pd

    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return None
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, pd.Timestamp) or hasattr(value, "isoformat"):
        return str(value)
    return str(value)


def _finish_frame(con, frame, name: str, table: str, replace: bool, mask_pii: bool = False) -> LoadResult:
    header, body = frame
    stage = f"__stage_{uuid.uuid4().hex[:10]}"
    con.complete()
    con.register("__excel_body", body)
    try:
        con.execute(f"CREATE TEMP TABLE {qi(stage)} AS SELECT * FROM __excel_body")
    finally:
        con.unregister("__excel_body")
    try:
        notes = _drop_total_rows(con, stage)
        result = _finish(con, stage, header, name, table, replace, mask_pii)
    finally:
        con.execute(f"DROP TABLE IF EXISTS {qi(stage)}")
    result.notes = notes + result.notes
    return result


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
        raise CrmError("No import folder is configured (set CRM_IMPORT_DIR).")
    candidate = (folder / file_name).resolve()
    if candidate.parent != folder.resolve() or not candidate.is_file():
        raise CrmError(f"{file_name}: not a file in the import folder.")
    return candidate
