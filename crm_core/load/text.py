"""Reading a text export into a typed table in one pass of DuckDB's CSV reader.

The head is sniffed (:mod:`crm_core.load.sniff`), a sample of the first rows proposes a type
per column (:mod:`crm_core.load.coltypes`), and one ``CREATE TABLE … AS SELECT`` reads the
file, types every column and flags each value that did not parse. Only columns with a failed
value (or that were blank in the sample) take the slow text path afterwards. Files the parallel
reader cannot split (quoted fields spanning lines) are read serially; files in other encodings
or aligned with spaces go through a UTF-8 copy in the workspace's temp folder.
"""

from __future__ import annotations

import os
import re
import threading
import uuid
from collections import Counter
from dataclasses import dataclass, field, replace
from pathlib import Path

import duckdb

from crm_core import i18n
from crm_core.errors import CrmError
from crm_core.load import coltypes, dayorder, dialect, limits, lineends, mixedenc, notdata, quotes, sniff
from crm_core.load.jsoncells import unpack as unpack_json_cells
from crm_core.load.latevalues import add_late_values, unseen_columns
from crm_core.load.tempfiles import temp_path
from crm_core.protect.privacy import MaskPlan
from crm_core.report import format as fmt
from crm_core.workspace.sqlutil import qi

PROGRESS_BYTES = 50 << 20
"""Files above this size report reading progress by bytes, not only by stage."""
PROGRESS_POLL = 0.5
"""Seconds between two progress reports while DuckDB reads."""
SAMPLE_ROWS = coltypes.SAMPLE_ROWS
FAST_MAX_COLUMNS = 100
"""Wider files are read as text and typed in batches (see :func:`retype_text_table`)."""
BUILD_PREFIX = "__load_"


def build_name() -> str:
    """A build table name carrying the process id, so leftovers of a killed load can be found."""
    return f"{BUILD_PREFIX}{os.getpid()}_{uuid.uuid4().hex[:10]}"


@dataclass
class Built:
    """A typed table built from a file, not yet installed under its final name."""

    table: str
    notes: list[str] = field(default_factory=list)
    encoding: str = ""
    delimiter: str = ""
    masking: MaskPlan | None = None
    currency: str = ""
    """The currency the money columns were written in (``29,33 €`` → ``EUR``), kept for display."""


@dataclass
class _Source:
    """The reader call for one physical file (the export itself or its UTF-8 copy)."""

    path: Path
    layout: sniff.Layout
    skip: int
    serial: bool = False
    quotes_checked: bool = False

    @property
    def n_fields(self) -> int:
        return len(self.layout.header) if self.layout.header is not None else self.layout.n_fields

    def sql(self, columns: list[int] | None = None) -> tuple[str, list]:
        """``read_csv(…)`` as all-text columns ``c0…`` (:func:`dialect.column_sql`)."""
        layout = self.layout
        delimiter = "\t" if layout.delimiter == sniff.WHITESPACE else layout.delimiter
        quote = "" if layout.delimiter == sniff.WHITESPACE else layout.quote
        skip_rows = self.skip + (1 if layout.header is not None else 0)
        spec = "{" + ", ".join(f"'c{i}': 'VARCHAR'" for i in range(self.n_fields)) + "}"
        wanted = range(self.n_fields) if columns is None else columns
        words = bool(set(layout.null_marks) & set(dialect.NULL_WORDS))
        select = ", ".join(dialect.column_sql(i, layout.escape, words) for i in wanted)
        reader = (f"read_csv(?, delim = ?, quote = ?, escape = ?, header = false, skip = ?, "
                  f"columns = {spec}, auto_detect = false, null_padding = true, "
                  f"max_line_size = {limits.max_line_bytes()}, encoding = 'utf-8', "
                  f"parallel = {'false' if self.serial else 'true'})")
        where = " OR ".join([_line_sql(fields, self.n_fields) for fields in layout.footer]
                            + ([_comment_sql(self.n_fields)] if layout.comments else []))
        return (f"(SELECT {select} FROM {reader} {f'WHERE NOT ({where})' if where else ''} "
                f"LIMIT {limits.max_rows() + 1})",
                [str(self.path), delimiter, quote, layout.escape or quote, skip_rows])


def _line_sql(fields: list[str], n_fields: int) -> str:
    """True on the raw row read from this line (a footer line): its values, then blanks."""
    last = max((i for i, v in enumerate(fields) if v.strip()), default=0)
    same = [f"coalesce(c{i}, '') = {_literal(v)}" for i, v in enumerate(fields[:last + 1])]
    blank = [f"coalesce(trim(c{i}), '') = ''" for i in range(last + 1, n_fields)]
    return "(" + " AND ".join(same + blank) + ")"


def _comment_sql(n_fields: int) -> str:
    """True on a raw row read from a ``#`` comment line (:func:`sniff.is_comment`)."""
    blank = [f"coalesce(trim(c{i}), '') = ''" for i in range((n_fields + 1) // 2, n_fields)]
    return "(" + " AND ".join([r"regexp_matches(coalesce(c0, ''), '^\s*#')", *blank]) + ")"


def _skipped_lines_notes(layout: sniff.Layout) -> list:
    """Notes for the lines the reader left out: the footer (quoting the first line that says
    something) and ``#`` comments."""
    notes = [coltypes.note("comment_lines")] if layout.comments else []
    if layout.footer:
        first = next((f[0].strip() for f in layout.footer if any(ch.isalnum() for ch in f[0])),
                     layout.footer[0][0].strip())
        notes.insert(0, coltypes.note("footer_lines", count=len(layout.footer), first=first[:60]))
    return notes


class _NotUtf8(Exception):
    """The head looked like UTF-8 but a later byte is not (GBK text after an ASCII start)."""


class _MixedLineEnds(Exception):
    """DuckDB refused a file whose line ends are of more than one kind (:mod:`~crm_core.load.lineends`)."""


def build_text(con, path: Path, name: str, report, mask_pii: bool, folder: Path) -> Built:
    """Read a text export into a new typed table (see the module docstring)."""
    report(0.05, "sniff")
    layout = sniff.sniff_text(path, name)
    limits.check_columns(layout.n_fields if layout.header is None else len(layout.header), name)
    serial = any("\n" in v or "\r" in v for row in layout.head_rows for v in row)
    layout.null_marks = dialect.marks_in(path)
    built = _build_dialect(con, path, layout, name, report, mask_pii, folder, serial)
    if not layout.escape:
        built.notes[:0] = dialect.null_notes(path, layout.delimiter, layout.null_marks)
    built.encoding, built.delimiter = layout.encoding, layout.label
    return built


def _build_dialect(con, path, layout, name, report, mask_pii, folder, serial) -> Built:
    """Read, then again through a copy with one kind of line end or with ``\\`` escaping quotes
    when DuckDB refused for either, each once and in either order: a MySQL export that also mixed
    ``\\r\\n`` and ``\\n`` was refused naming a line."""
    build = _build_from_copy if layout.line_ends else _build_text_once
    try:
        return build(con, path, layout, name, report, mask_pii, folder, serial)
    except _MixedLineEnds:
        layout.line_ends = True
        built = _build_dialect(con, path, layout, name, report, mask_pii, folder, serial)
        built.notes.insert(0, coltypes.note("mixed_line_ends"))
    except dialect.BackslashQuotes as refused:
        layout.escape = dialect.BACKSLASH
        built = refused.retry(_build_dialect, con, path, layout, name, report, mask_pii, folder, serial)
        built.notes[:0] = dialect.notes(path, layout.delimiter, layout.null_marks)
    return built


def _build_text_once(con, path, layout, name, report, mask_pii, folder, serial) -> Built:
    """The file itself when it is UTF-8, else (or when a later line is not) a UTF-8 copy."""
    if layout.encoding in ("utf-8", "utf-8-sig") and layout.delimiter != sniff.WHITESPACE:
        try:
            return _build(con, _Source(path, layout, layout.skip, serial), name, report, mask_pii)
        except _NotUtf8:
            layout.encoding = sniff.whole_file_encoding(path)
    return _build_from_copy(con, path, layout, name, report, mask_pii, folder, serial)


def _build_from_copy(con, path, layout, name, report, mask_pii, folder, serial) -> Built:
    """A file read through a UTF-8 copy; a Western single-byte one line by line, as its UTF-8
    or Big5 lines stay what they are (:mod:`crm_core.load.mixedenc`)."""
    lines = mixedenc.LineDecoder(layout.encoding) if layout.encoding in mixedenc.SINGLE_BYTE else None
    with temp_path(folder, ".csv") as copy:
        _rewrite_utf8(path, copy, layout, report, lines)
        built = _build(con, _Source(copy, layout, 0, serial), name, report, mask_pii)
    if lines:
        built.notes[:0], layout.encoding = lines.notes(), lines.encoding
    return built


def _rewrite_utf8(path: Path, copy: Path, layout: sniff.Layout, report,
                  lines: mixedenc.LineDecoder | None = None) -> None:
    """Stream a non-UTF-8 or space-aligned file into a UTF-8 (tab-separated) copy; with
    ``lines``, each line is decoded on its own (:mod:`crm_core.load.mixedenc`)."""
    size = max(1, path.stat().st_size)
    newline = None if layout.line_ends else ""  # None: each \r\n, \n and lone \r read as \n
    with (path.open("rb") if lines else path.open("r", encoding=layout.encoding, errors="replace",
                                                  newline=newline)) as src, \
            copy.open("w", encoding="utf-8", newline="") as dst:
        os.chmod(copy, 0o600)
        for i, line in enumerate(lines.lines(src) if lines else src):
            if i < layout.skip:
                continue
            if lines and layout.line_ends:
                line = lineends.one_kind(line)
            if layout.delimiter == sniff.WHITESPACE:
                line = "\t".join(line.split()) + "\n"
            dst.write(line)
            if i % 200_000 == 0:
                report(0.05 + 0.3 * min(1.0, (src if lines else src.buffer).tell() / size), "convert")


def _build(con, source: _Source, name: str, report, mask_pii: bool) -> Built:
    layout = source.layout
    names = sniff.clean_header((layout.header or []) + [
        f"column_{i}" for i in range(len(layout.header or []) + 1, source.n_fields + 1)])
    raw = [f"c{i}" for i in range(source.n_fields)]
    sample_table = f"__sample_{uuid.uuid4().hex[:10]}"
    _read(con, lambda s: con.execute(
        f"CREATE TEMP TABLE {qi(sample_table)} AS SELECT * FROM {s.sql()[0]} LIMIT {SAMPLE_ROWS}",
        s.sql()[1]), source, name)
    try:
        sample = con.execute(f"SELECT * FROM {qi(sample_table)}").fetchall()
        head = [h.strip() for h in (layout.header or [])[:5]]
        sample = [r for r in sample if [(v or "").strip() for v in r[:len(head)]] != head or not head]
        plans = [coltypes.candidate(con, qi(c), out, coltypes.sample_values(sample, i))
                 for i, (c, out) in enumerate(zip(raw, names, strict=True))]
        currency = written_currency(sample, plans)
        blank = [out for i, out in enumerate(names) if not coltypes.sample_values(sample, i)]
        if mask_pii and (unseen := unseen_columns(sample, source.n_fields)):  # phones from a later month
            _read(con, lambda s: add_late_values(con, sample_table, s.sql(unseen), unseen), source, name)
        masking = MaskPlan.build(con, sample_table, raw, names, [p.value for p in plans], mask_pii)
    finally:
        con.execute(f"DROP TABLE IF EXISTS {qi(sample_table)}")
    masked = set(masking.masked)
    wide = source.n_fields > FAST_MAX_COLUMNS
    flags = [] if wide else [i for i, p in enumerate(plans) if p.kind != "text" and names[i] not in masked]
    if wide:  # hundreds of typed expressions in one SELECT plan slowly: type in batches after
        masking.exprs = [e if n in masked else qi(c)
                         for e, n, c in zip(masking.exprs, names, raw, strict=True)]
    items = [f"{expr} AS {qi(out)}" for expr, out in zip(masking.exprs, names, strict=True)]
    repeated = _repeated_header_sql(layout.header) if layout.header else "false"
    items += [f"CAST(CASE WHEN {repeated} THEN 0 ELSE {plans[i].flag} END AS UTINYINT) "
              f"AS {qi(f'__crm_flag_{i}')}" for i in flags]
    if layout.header:
        items.append(f"{repeated} AS {qi(notdata.HEADER_FLAG)}")
    table = build_name()
    report(0.1, "read")
    _read(con, lambda s: _run(con, f"CREATE TABLE {qi(table)} AS SELECT {', '.join(items)} "
                                   f"FROM {s.sql()[0]}", masking.params + s.sql()[1], s.path, report),
          source, name)
    try:
        if wide:
            notes = retype_text_table(con, table, [n for n in names if n not in masked])
        else:
            notes = _fix_columns(con, table, source, names, plans, flags, report)
        junk = notdata.drop_junk_rows(con, table, bool(layout.header))
        if late := [] if wide else [out for out in blank if out not in masked  # blank on the first lines
                                    and out in _columns(con, table)]:  # (junk rows' columns dropped)
            notes += retype_text_table(con, table, late)  # (a deposit taken lately): typed from every row
        notes += [n for out, p in zip(names, plans, strict=True) if p.kind == "text" and not wide
                  and out not in masked for n in coltypes.plan_notes(out, p)]
        notes = _skipped_lines_notes(layout) + junk + _retyped(con, table, masked, junk, notes)
        notes += dayorder.notes(con, table, zip(names, plans, strict=True))
        if not mask_pii and (unpacked := unpack_json_cells(con, table)):  # PostHog's properties (judge48)
            notes += retype_text_table(con, table, unpacked)
    except BaseException:
        con.execute(f"DROP TABLE IF EXISTS {qi(table)}")
        raise
    return Built(table, notes, masking=masking, currency=currency)


def _retyped(con, table: str, masked: set, junk: list, notes: list) -> list:
    """The notes, after typing again the text columns a dropped row kept text (Mindbody's ``Total AMEX`` in
    ``Sale Date``, judge35) as the Excel path does: a column typed now has the retyping's notes only."""
    text = [c for c, t, *_ in con.execute(f"DESCRIBE {qi(table)}").fetchall()
            if junk and t == "VARCHAR" and c not in masked]
    said = retype_text_table(con, table, text) if text else []
    typed = set(text) - {c for c, t, *_ in con.execute(f"DESCRIBE {qi(table)}").fetchall() if t == "VARCHAR"}
    return ([n for n in notes if getattr(n, "values", {}).get("column") not in typed]
            + [n for n in said if getattr(n, "values", {}).get("column") in typed])


def written_currency(sample: list[tuple], plans: list[coltypes.Plan]) -> str:
    """The currency most of the numeric columns that carry one were written in: the number is
    kept, the symbol would be lost, and with it the unit the pages show money in (a CSV's or a
    workbook's text cells, 美团's ``￥98.60``)."""
    codes = Counter(code for i, plan in enumerate(plans) if plan.kind in ("double", "bigint")
                    and (code := fmt.currency_in(coltypes.sample_values(sample, i))))
    return codes.most_common(1)[0][0] if codes else ""


def _repeated_header_sql(header: list[str]) -> str:
    """True on a row that repeats the header (two exports pasted together, BOM and all)."""
    parts = [f"trim(c{i}) = {_literal(h)}" for i, h in enumerate(header[:5])]
    return "coalesce(" + " AND ".join(parts) + ", false)"


def _literal(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def _read(con, action, source: _Source, name: str) -> None:
    """Run a read; retry serially when the parallel reader cannot split quoted newlines. A file
    read serially is checked once for a quote left open (:mod:`crm_core.load.quotes`): that
    reader drops every line after one without a word."""
    try:
        action(source)
        if source.serial and not source.quotes_checked:
            source.quotes_checked = True
            _refuse_unclosed_quote(source, name)
    except duckdb.Error as exc:
        text = str(exc)
        if "unicode" in text.lower() and source.layout.encoding in ("utf-8", "utf-8-sig"):
            raise _NotUtf8 from exc
        if ("invalid state" in text or "unterminated quote" in text) and not source.layout.line_ends \
                and lineends.mixed(source.path):  # \r\n then \n inside a quote is "unterminated"
            raise _MixedLineEnds from exc
        if not source.serial and ("parallel" in text.lower() or "quoted new" in text.lower()):
            source.serial = True
            _read(con, action, source, name)
            return
        if dialect.backslash_worth_trying(source.layout, source.path):
            raise dialect.BackslashQuotes(_read_error(exc, name, source.n_fields)) from exc
        raise _read_error(exc, name, source.n_fields) from exc


def _refuse_unclosed_quote(source: _Source, name: str) -> None:
    """Refuse a file whose quoted value never closes, naming the line as the export numbers it."""
    layout = source.layout
    if layout.delimiter == sniff.WHITESPACE:
        return
    line = quotes.unclosed_quote_line(source.path, layout.delimiter, source.skip, layout.quote, layout.escape)
    if line is not None:  # a UTF-8 copy has its title lines dropped
        raise CrmError(i18n.Sentence("load.error.unclosed_quote", name=name,
                                     line=line + layout.skip - source.skip))


def _read_error(exc: Exception, name: str, n_fields: int) -> CrmError:
    """DuckDB's parse error in full sentences: the line, what is wrong, never cut short."""
    text = str(exc)
    if "maximum line size" in text.lower():
        return limits.line_too_long(name)
    line = re.search(r"[Ll]ine:?\s*(\d+)", text)
    where = i18n.Sentence("load.where.line", line=line.group(1)) if line else i18n.Sentence("load.where.row")
    if "unterminated quote" in text and line:
        return CrmError(i18n.Sentence("load.error.unclosed_quote", name=name, line=line.group(1)))
    if "Expected Number of Columns" in text or "too many columns" in text.lower():
        return CrmError(i18n.Sentence("load.error.too_many_fields", name=name, where=where,
                                      n_fields=n_fields))
    reason = []
    for ln in text.splitlines()[1:]:
        if re.match(r"\s+\w+ = ", ln) or not ln.strip():
            break
        reason.append(ln.strip())
    detail = " ".join(reason) or text.splitlines()[0]
    return CrmError(i18n.Sentence("load.error.row_unreadable", name=name, where=where, detail=detail))


def _run(con, sql: str, params: list, path: Path, report) -> None:
    """Execute, reporting DuckDB's own progress (a share of the bytes read) for big files."""
    size = path.stat().st_size
    if size <= PROGRESS_BYTES:
        con.execute(sql, params)
        return
    con.execute("SET enable_progress_bar = true")
    con.execute("SET enable_progress_bar_print = false")
    done = threading.Event()
    errors: list[BaseException] = []

    def work() -> None:
        try:
            con.execute(sql, params)
        except BaseException as exc:  # re-raised in the caller's thread
            errors.append(exc)
        finally:
            done.set()

    worker = threading.Thread(target=work, daemon=True)
    worker.start()
    share = 0.0
    while not done.wait(PROGRESS_POLL):  # DuckDB's figure can dip between pipelines: never go back
        share = max(share, min(1.0, con.query_progress() / 100))
        report(0.1 + 0.7 * share, f"read {share * size / 1e6:,.0f} of {size / 1e6:,.0f} MB")
    worker.join()
    if errors:
        raise errors[0]


def _fix_columns(con, table, source: _Source, names, plans, flags, report) -> list[str]:
    """Columns with a failed value go back to their raw text and through the sure path."""
    notes: list[str] = []
    if not flags:
        return notes
    report(0.8, "types")
    counts = con.execute("SELECT " + ", ".join(
        f"count(*) FILTER (WHERE {qi(f'__crm_flag_{i}')} = 1), "
        f"count(*) FILTER (WHERE {qi(f'__crm_flag_{i}')} = 2)" for i in flags
    ) + f" FROM {qi(table)}").fetchone()
    failed = {i: counts[2 * k] for k, i in enumerate(flags) if counts[2 * k]}
    notes += [coltypes.marker_note(names[i], counts[2 * k + 1], plans[i].kind)
              for k, i in enumerate(flags) if counts[2 * k + 1] and i not in failed]
    notes += [coltypes.note("percent_shares", column=names[i])
              for i in flags if plans[i].share and i not in failed]
    for i in flags:
        con.execute(f"ALTER TABLE {qi(table)} DROP COLUMN {qi(f'__crm_flag_{i}')}")
    if failed:
        notes += _retype_from_text(con, table, source, names, failed)
    return notes


def _retype_from_text(con, table: str, source: _Source, names: list[str],
                      failed: dict[int, int]) -> list[str]:
    """Re-read the failed columns as text (row order kept) and type each only if all parse; one kept as
    text is said with the values its first lines' type failed on (the others were text: ``2 adults``)."""
    raw_sql, raw_params = source.sql(list(failed))
    text_table = f"__text_{uuid.uuid4().hex[:10]}"
    con.execute(f"CREATE TEMP TABLE {qi(text_table)} AS SELECT * FROM {raw_sql}", raw_params)
    try:
        raw_cols = [f"c{i}" for i in failed]
        plans = coltypes.verify_text_columns(con, text_table, raw_cols, [names[i] for i in failed])
        by_name = {names[i]: replace(plan, why_text=f"bad:{n}") if plan.kind == "text" and not plan.why_text
                   else plan for (i, n), plan in zip(failed.items(), plans, strict=True)}
        slot = {name: f"__v{k}" for k, name in enumerate(by_name)}
        values = ", ".join(f"{plan.value} AS {slot[n]}" for n, plan in by_name.items())
        select = ", ".join(f"r.{slot[c]} AS {qi(c)}" if c in slot else f"t.{qi(c)}"
                           for c in _columns(con, table))
        rebuilt = build_name()
        con.execute(f"CREATE TABLE {qi(rebuilt)} AS SELECT {select} FROM {qi(table)} t "
                    f"POSITIONAL JOIN (SELECT {values} FROM {qi(text_table)}) r")
    finally:
        con.execute(f"DROP TABLE IF EXISTS {qi(text_table)}")
    con.execute(f"DROP TABLE {qi(table)}")
    con.execute(f"ALTER TABLE {qi(rebuilt)} RENAME TO {qi(table)}")
    return [n for c, p in by_name.items() for n in coltypes.plan_notes(c, p)]


def retype_text_table(con, table: str, columns: list[str]) -> list[str]:
    """Type the text ``columns`` of ``table`` where every value parses (one rebuild)."""
    plans = dict(zip(columns, coltypes.verify_text_columns(con, table, columns, columns), strict=True))
    notes = [n for c, p in plans.items() for n in coltypes.plan_notes(c, p)]
    if any(p.kind != "text" for p in plans.values()):
        select = ", ".join(f"{plans[c].final} AS {qi(c)}" if c in plans else qi(c)
                           for c in _columns(con, table))
        rebuilt = build_name()
        con.execute(f"CREATE TABLE {qi(rebuilt)} AS SELECT {select} FROM {qi(table)}")
        con.execute(f"DROP TABLE {qi(table)}")
        con.execute(f"ALTER TABLE {qi(rebuilt)} RENAME TO {qi(table)}")
    return notes


def _columns(con, table: str) -> list[str]:
    return [r[0] for r in con.execute(f"DESCRIBE {qi(table)}").fetchall()]

