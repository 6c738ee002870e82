"""Workbooks (.xlsx, .xlsb, .xls, .ods): one table per sheet, cells read as text then typed like text exports.

The workbook is opened once by :mod:`crm_core.load.workbook` (a zipped one's unpacked size is
checked first, so a zip bomb is refused in milliseconds instead of inflating hundreds of MB of XML).
"""

from __future__ import annotations

import os
import re
import uuid
from pathlib import Path

from crm_core.errors import CrmError
from crm_core.i18n import Listing, Sentence, quoted_name
from crm_core.load import cellformats, coltypes, dayorder, limits, notdata, sniff, text, totals, workbook
from crm_core.load.text import Built
from crm_core.protect.privacy import MaskPlan
from crm_core.workspace import store
from crm_core.workspace.role_names import is_numeric_type
from crm_core.workspace.sqlutil import qi


def excel_sheets(path: str | os.PathLike[str], name: str | None = None) -> list[str]:
    """Sheet names of a workbook, so the page can offer a choice."""
    return workbook.sheet_names(Path(path), name or Path(path).name)


def build_sheets(con, path: Path, name: str, sheet: str | None, report,
                 mask_pii: bool) -> list[tuple[str, Built]]:
    """(sheet name, built table) for the chosen sheet or every non-empty visible one (hidden
    sheets with data are left out with a note naming them, unless no visible sheet has data; so
    is a sheet of a header without rows, which loaded as an empty table beside the data);
    sheets that share one header (a log split by month) are one table, named after the first."""
    frames, hidden_frames = [], []
    with workbook.opened(path, name) as book:
        hidden = set() if sheet else workbook.hidden_sheets(book)
        sheets = [sheet] if sheet else list(book.sheet_names)
        for i, sheet_name in enumerate(sheets):
            report(0.1 + 0.6 * i / len(sheets), f"sheet {sheet_name}")
            frame = _excel_frame(workbook.read_sheet(book, sheet_name, name), name)
            if frame is not None:
                (hidden_frames if sheet_name in hidden else frames).append((sheet_name, frame))
    if not frames:  # every sheet with data is hidden: the data is there, not out of sight
        frames, hidden_frames = hidden_frames, []
    if not frames:
        raise CrmError(Sentence("load.error.sheets_empty", name=name))
    headers_only = [s for s, (_, body) in frames if body.empty]
    if len(headers_only) == len(frames):
        raise CrmError(Sentence("load.error.header_only", name=name))
    texts = _text_sheets(frames)
    frames = [f for f in frames if f[0] not in texts and f[0] not in headers_only]
    built = _build_sheets(con, frames, mask_pii)
    for sheet_name, each in built:  # a sign drawn by the cells' number format only (Dynamics 365's "$")
        each.currency = each.currency or cellformats.sheet_currency(path, sheet_name)
    built[0][1].notes[:0] = [coltypes.note("text_sheet", sheet=s) for s in texts] + [
        coltypes.note("header_only_sheet", sheet=s) for s in headers_only]
    if hidden_frames:
        built[0][1].notes.insert(0, coltypes.note("hidden_sheets", count=len(hidden_frames),
                                                  sheets=Listing(quoted_name(s) for s, _ in hidden_frames)))
    return built


_TEXT_SHEET_ROWS = 50
"""At most this many lines of text in one column: an export's 说明 / README sheet, not a table."""
_PROSE = re.compile(r"\S\s+\S|[:：，。；、]|^.{16,}$")
"""A line of prose (words, a label and its value, a long sentence), not a code or a name."""


def _text_sheets(frames: list[tuple[str, tuple]]) -> list[str]:
    """Sheets of a few lines of prose in one column (an ERP's 说明 sheet: who exported what,
    when) beside a sheet with columns: loaded as a table of their own, they named the data's
    table ``t_订单明细`` instead of ``t``. A list of codes or names in one column stays a table."""
    if not any(len(header) > 1 for _, (header, _) in frames):
        return []

    def prose(header: list[str], body) -> bool:
        cells = [*header, *(v for v in body.iloc[:, 0] if v is not None)]
        return 2 * sum(bool(_PROSE.search(str(v).strip())) for v in cells) >= len(cells)
    return [sheet for sheet, (header, body) in frames
            if len(header) == 1 and len(body) <= _TEXT_SHEET_ROWS and prose(header, body)]


def _build_sheets(con, frames: list[tuple[str, tuple]], mask_pii: bool) -> list[tuple[str, Built]]:
    """One table of sheets sharing a header (a summary sheet among them left out, a block two
    yearly sheets share kept once), else one table per sheet."""
    if len(frames) > 1 and len({tuple(h.lower() for h in header) for _, (header, _) in frames}) == 1:
        summaries = _summary_sheets(frames)
        frames = [f for f in frames if f[0] not in summaries]
        frames, repeats = _without_overlaps(frames)
        stacked = _stacked(frames)
        built = _build_frame(con, stacked, mask_pii)
        built.notes.insert(0, coltypes.note("stacked_sheets", count=len(frames), column=stacked[0][-1]))
        built.notes[1:1] = repeats
        built.notes[1:1] = [coltypes.note("summary_sheet", sheet=s) for s in summaries]
        return [(frames[0][0], built)]
    return [(sheet_name, _build_frame(con, frame, mask_pii)) for sheet_name, frame in frames]


def _stacked(frames: list[tuple[str, tuple]]) -> tuple[list[str], object]:
    """Sheets of one header as one frame, each row with its sheet's name in a ``sheet`` column:
    monthly sheets of one order log loaded as ``t_jan``, ``t_feb`` … and ``profile t`` failed."""
    import pandas as pd

    header = frames[0][1][0]
    column = sniff.clean_header([*header, "sheet"])[-1]
    bodies = [body.assign(**{f"c{len(header)}": sheet_name}) for sheet_name, (_, body) in frames]
    return [*header, column], pd.concat(bodies, ignore_index=True)


def _without_overlaps(frames: list[tuple[str, tuple]]) -> tuple[list[tuple[str, tuple]], list]:
    """Yearly sheets that overlap (Online Retail II's "Year 2010-2011" starts with the last nine
    days of "Year 2009-2010"): the block a sheet starts with, equal row for row to the block the
    sheet before it ends with, is kept once — stacked twice, those sales counted double."""
    kept, notes = frames[:1], []
    for name, (header, body) in frames[1:]:
        before_name, (_, before) = kept[-1]
        repeated = _overlap(before, body)
        if repeated:
            body = body.iloc[repeated:]
            notes.append(coltypes.note("overlap_sheets", sheet=name, previous=before_name, count=repeated))
        kept.append((name, (header, body)))
    return kept, notes


def _overlap(before, after) -> int:
    """Rows at the head of ``after`` that are the tail of ``before`` (as a multiset of whole rows,
    so duplicate lines inside a sheet stay); 0 below two rows, where a match may be chance."""
    import pandas as pd

    tail = pd.util.hash_pandas_object(before.fillna(""), index=False).to_numpy()
    head = pd.util.hash_pandas_object(after.fillna(""), index=False).to_numpy()
    known = set(tail.tolist())
    most = next((i for i, h in enumerate(head.tolist()) if h not in known), len(head))
    if most < 2:
        return 0
    for start in (i for i in range(max(0, len(tail) - most), len(tail) - 1) if tail[i] == head[0]):
        size = len(tail) - start
        if sorted(tail[start:].tolist()) == sorted(head[:size].tolist()):
            return size
    return 0


_SUMMARY_NAME = re.compile(r"汇总|合计|总计|总表|summary|totals?$|overview|^all$", re.IGNORECASE)


def _summary_sheets(frames: list[tuple[str, tuple]]) -> list[str]:
    """Sheets that sum up the others under the same columns (``汇总``, ``Summary``, or a sheet
    with no more rows whose sum of a column with cents equals all the others'; with whole
    numbers only, which can match by chance, a sheet with fewer rows whose every summed column
    equals the others'): stacked with them, every sale was counted twice."""
    import pandas as pd

    def sums(body) -> pd.Series:
        cells = body.apply(lambda c: c.astype("string").str.replace(r"[,\s¥$€£]", "", regex=True))
        return cells.apply(pd.to_numeric, errors="coerce").sum(min_count=1)

    found = []
    for name, (_, body) in frames:
        others = [b for other, (_, b) in frames if other != name]
        if _SUMMARY_NAME.search(name.strip()):
            found.append(name)
        elif len(body) <= sum(len(b) for b in others):
            mine, theirs = sums(body), sum(sums(b) for b in others)
            both = mine.notna() & theirs.notna() & (theirs != 0)
            equal = (mine - theirs).abs() <= 0.005 * len(body) + 1e-9
            cents = both & (theirs.round(2) % 1 != 0)
            fewer = len(body) < sum(len(b) for b in others)
            if (cents & equal).any() or (fewer and both.any() and equal[both].all()):
                found.append(name)
    return found if len(found) < len(frames) else []


def _excel_frame(raw, name: str):
    """Cells as text under a header found past any title rows; None for an empty sheet."""
    raw = raw.dropna(how="all").dropna(axis=1, how="all")
    if raw.empty:
        return None
    limits.check_columns(raw.shape[1], name)
    limits.check_rows(raw.shape[0] - 1, name)
    filled = raw.notna().sum(axis=1)
    first_full = int((filled >= filled.max() * 0.8).to_numpy().argmax())
    start, end = _header_rows(raw, first_full)
    header = sniff.clean_header(_header_names(raw.iloc[start:end]))
    body = raw.iloc[end:].apply(lambda cells: cells.map(_rounded_text if _digits_lost(cells) else _cell_text))
    body.columns = [f"c{i}" for i in range(len(header))]
    return header, body


def _header_rows(raw, first_full: int) -> tuple[int, int]:
    """The rows ``[start, end)`` holding the header: the first well-filled row, unless it already
    holds numbers or dates under rows of labels. Then those rows are the header — a header with
    blanks, or two rows with a group label merged over its columns (``Order`` over ``Date |
    Amount | Qty``), read the first order as the header and lost it. Group labels over a full
    row of sub-labels join it too."""
    if not any(_typed(v) for v in raw.iloc[first_full]):
        start = first_full
        while start > 0 and _group_labels(raw.iloc[start - 1]):
            start -= 1
        return start, first_full + 1
    start = first_full
    while start > 0 and _labels(raw.iloc[start - 1]):
        start -= 1
    return (start, first_full) if start < first_full else (first_full, first_full + 1)


def _group_labels(row) -> bool:
    """Labels merged over the full header row below (``Order`` over ``ID | Date``): some label
    spans blanks to its right, and they are not a ``key | value`` preamble in the first columns.
    Read alone, the lower row named the columns ``ID, Date, ID_2, Name``."""
    cells = [_cell_text(v) is not None for v in row]
    spans = any(a and not b for a, b in zip(cells, cells[1:], strict=False))
    return _labels(row) and spans and max(i for i, c in enumerate(cells) if c) >= 2


def _typed(value) -> bool:
    return _cell_text(value) is not None and not isinstance(value, str)


def _labels(row) -> bool:
    """At least two cells, all text: a header row, not a title (one cell) or data."""
    cells = [v for v in row if _cell_text(v) is not None]
    return len(cells) >= 2 and all(isinstance(v, str) for v in cells)


def _header_names(rows) -> list[str]:
    """One name per column from the header rows, top to bottom (``Order Date``); a blank in an
    upper row continues the label on its left, as a merged cell reads in pandas."""
    upper = rows.iloc[:-1].ffill(axis=1)
    names = []
    for i in range(rows.shape[1]):
        parts: list[str] = []
        for value in [*upper.iloc[:, i], rows.iloc[-1, i]]:
            text = (_cell_text(value) or "").strip()
            if text and text not in parts:
                parts.append(text)
        names.append(" ".join(_without_said_groups(parts)))
    return names


def _without_said_groups(parts: list[str]) -> list[str]:
    """The labels of one column without a group label the label below it begins with:
    ``Customer`` over ``customer_id`` named the column ``Customer customer_id``, which no role
    rule reads as the customer, so every analysis refused the sheet; ``Order`` over ``Date``
    still reads ``Order Date``."""
    def squashed(text: str) -> str:
        return re.sub(r"[\s_.\-]", "", text).casefold()

    return [p for k, p in enumerate(parts)
            if not any(squashed(q).startswith(squashed(p)) for q in parts[k + 1:])]


def _cell_text(value) -> str | None:
    import pandas as pd

    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return None
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


EXCEL_DIGITS = 15
"""Significant digits a workbook keeps of a number: a double, so a 19-digit 快手 order number saved in a
workbook comes back with its last digits made up (2406000000000020697 as …19968) and orders a few apart
share one value."""


def _digits_lost(column) -> bool:
    """True when every number of 16 digits or more in ``column`` is a double rounded to 15 significant
    digits, as Excel saves a long id typed or pasted as a number (a real 19-digit id almost never is)."""
    big = [v for v in column if isinstance(v, (int, float)) and not isinstance(v, bool) and abs(v) >= 1e15]
    return bool(big) and all(v == int(float(f"{v:.{EXCEL_DIGITS}g}")) for v in big)


def _rounded_text(value) -> str | None:
    """A number of :func:`_digits_lost` written as Excel shows it (``2.40600000000002E+18``): the
    E-notation rule of CSVs (``coltypes._id_plan``) keeps it as text with its note, and no id is read
    from it."""
    if isinstance(value, (int, float)) and not isinstance(value, bool) and abs(value) >= 1e15:
        return f"{value:.{EXCEL_DIGITS}G}"
    return _cell_text(value)


SERIAL_DAYS = (29221, 73051)
"""Excel's day numbers for 1980-01-01 .. 2100-01-01 (day 0 is 1899-12-30)."""
_SERIAL_NAME = re.compile(r"date|datum|fecha|日期", re.IGNORECASE)
_KEY_NAME = re.compile(r"([ _.-]|^)(id|key|no|nr|num|number|code)$|(?-i:[a-z](Id|ID|Key))$|(编号|代码|键)$",
                       re.IGNORECASE)
"""A date dimension's key (``date_key``, ``DateId``): a number that joins, never a day."""


def _serial_name(name: str) -> bool:
    """A header naming a date, not a date dimension's key."""
    return bool(_SERIAL_NAME.search(name)) and not _KEY_NAME.search(name.strip())


def _serial_moment(con, source: str, expr: str) -> tuple[str, str] | None:
    """The SQL reading ``expr`` as Excel day numbers and its type (a DATE for whole numbers,
    else a TIMESTAMP) when every value of it is one, else None."""
    lo, hi, whole = con.execute(f"SELECT min(v), max(v), bool_and(v = floor(v)) FROM (SELECT {expr} AS v "
                                f"FROM {source}) WHERE v IS NOT NULL").fetchone()
    if lo is None or not SERIAL_DAYS[0] <= lo <= hi <= SERIAL_DAYS[1]:
        return None
    moment = f"TIMESTAMP '1899-12-30' + to_microseconds(CAST(round(({expr}) * 86400e6) AS BIGINT))"
    return (f"CAST({moment} AS DATE)", "DATE") if whole else (moment, "TIMESTAMP")


def _serial_dates(con, stage: str, header: list[str], plans: list[coltypes.Plan]) -> list[coltypes.Plan]:
    """A date-named column of numbers that are all Excel day numbers (``45736``) is a date: the
    cell lost its date format, and ``Order Date`` loaded as a count nobody can chart."""
    for i, (name, plan) in enumerate(zip(header, plans, strict=True)):
        if plan.kind not in ("bigint", "double") or not _serial_name(name):
            continue
        moment = _serial_moment(con, qi(stage), plan.final)
        if moment:
            plans[i] = coltypes.Plan("date", moment[0])
    return plans


def serial_date_columns(con, table: str) -> list:
    """The same in a text export: a sheet saved as CSV after its dates lost their format
    (Salesforce's ``"Close Date"`` as ``"45356"``) loaded as numbers, and the table had no date.
    Retyped in place, with a note per column."""
    notes = []
    for column, dtype in store.columns_of(con, table):
        if not (is_numeric_type(dtype) and _serial_name(column)):
            continue
        moment = _serial_moment(con, qi(table), qi(column))
        if moment:
            expr, kind = moment
            con.execute(f"ALTER TABLE {qi(table)} ALTER {qi(column)} SET DATA TYPE {kind} USING {expr}")
            notes.append(coltypes.note("serial_dates", column=column))
    return notes


def _build_frame(con, frame, mask_pii: bool) -> Built:
    """Stage the sheet's text cells, type each column only where every value parses."""
    header, body = frame
    stage = f"__stage_{uuid.uuid4().hex[:10]}"
    with store.registered(con, body) as view:
        con.execute(f"CREATE TEMP TABLE {qi(stage)} AS SELECT * FROM {qi(view)}")
    try:
        staged = [c for c, _ in store.columns_of(con, stage)]
        plans = _serial_dates(con, stage, header, coltypes.verify_text_columns(con, stage, staged, header))
        masking = MaskPlan.build(con, stage, staged, header, [p.value for p in plans], mask_pii,
                                 coltypes.markers_sql)
        sample = con.execute(f"SELECT * FROM {qi(stage)} LIMIT {coltypes.SAMPLE_ROWS}").fetchall()
        currency = text.written_currency(sample, plans)
        table = text.build_name()
        select = ", ".join(f"{e} AS {qi(o)}" for e, o in zip(masking.exprs, header, strict=True))
        con.execute(f"CREATE TABLE {qi(table)} AS SELECT {select} FROM {qi(stage)}", masking.params)
    finally:
        con.execute(f"DROP TABLE IF EXISTS {qi(stage)}")
    notes = notdata.drop_empty_unnamed(con, table) + totals.drop_blank_and_total_rows(con, table)
    retyped: list[str] = []
    if notes:  # a total or note line left its column text ("数据来源：…" under the quarters)
        retyped = [c for c, t in store.columns_of(con, table) if t == "VARCHAR"]
        notes += text.retype_text_table(con, table, retyped)
    # a retyped column's notes are the retyping's: "Year: kept as text" stayed after the Total
    # line that kept it text was dropped and Year read as numbers
    notes += [n for p, o in zip(plans, header, strict=True) if o not in retyped
              for n in coltypes.plan_notes(o, p)]
    notes += dayorder.notes(con, table, zip(header, plans, strict=True))
    return Built(table, notes, masking=masking, currency=currency)
