"""Rows that are no data: blank rows, trailing ``Total`` / ``合计`` rows, note lines under the table,
a last row of bare sums, subtotal rows inside a dated report — each would be summed as a sale."""

from __future__ import annotations

import re

from crm_core.load import coltypes, groups
from crm_core.workspace.roles import is_numeric_type
from crm_core.workspace.sqlutil import qi

_TOTAL_ROW = re.compile(r"^\s*(grand\s+totals?|total|totals|sum|subtotal|summe|gesamt|gesamtsumme|totale|"
                        r"somme|suma|合计|总计|小计|汇总)\b",
                        re.IGNORECASE)


def drop_blank_and_total_rows(con, table: str) -> list[str]:
    """Remove blank rows and trailing 'Total' rows that spreadsheets append to exports."""
    cols = con.execute(f"DESCRIBE {qi(table)}").fetchall()
    text = [f"CAST({qi(c)} AS VARCHAR)" for c, *_ in cols]
    all_null = " AND ".join(f"({qi(c)} IS NULL OR trim({qi(c)}) = '')" if t == "VARCHAR"
                            else f"{qi(c)} IS NULL" for c, t, *_ in cols)
    con.execute(f"DELETE FROM {qi(table)} WHERE {all_null}")
    first_text = "coalesce(" + ", ".join(f"NULLIF(trim({t}), '')" for t in text[:20]) + ")"
    tail = con.execute(
        f"SELECT rowid, {first_text} FROM {qi(table)} ORDER BY rowid DESC LIMIT 3"
    ).fetchall()
    dropped = [rowid for rowid, value in tail if value and _TOTAL_ROW.match(value)]
    notes = []
    if dropped:
        con.execute(f"DELETE FROM {qi(table)} WHERE rowid >= ?", [min(dropped)])
        notes.append(coltypes.note("total_rows", count=len(dropped)))
    return (notes + _drop_field_notes(con, table, cols) + _drop_note_rows(con, table, cols)
            + _drop_sums_row(con, table, cols)
            + _drop_subtotal_rows(con, table, cols) + _drop_section_totals(con, table, cols)
            + groups.fill_group_rows(con, table, cols))


_NUMBER = r"^[-+(]?[$€£¥]?\s*[\d,]*\.?\d+\)?$"
"""A cell that is a number as exports write one (``12.99``, ``$1,234.50``, ``(4.00)``)."""


def _drop_field_notes(con, table: str, cols: list[tuple]) -> list:
    """Remove a first row of field notes under the header: TikTok Shop's order export writes "Platform
    unique order ID." and "SKU sold quantity in the order." there. Kept, it was an order, and it left
    ``Quantity`` and every money column text (judge37). Only when each of the row's filled cells is a
    sentence (a word break), none a number, and two columns or more hold numbers on every other row."""
    texts = [c for c, t, *_ in cols if t == "VARCHAR"]
    first = con.execute(f"SELECT rowid, * FROM {qi(table)} ORDER BY rowid LIMIT 1").fetchone()
    if first is None or len(texts) < 3:
        return []
    cells = {c: v for (c, *_), v in zip(cols, first[1:], strict=True) if v is not None and str(v).strip()}
    if len(cells) < 3 or any(c not in texts or not _WORD_BREAK.search(str(v).strip())
                             or re.match(_NUMBER, str(v).strip()) for c, v in cells.items()):
        return []
    numeric = con.execute("SELECT " + ", ".join(
        f"bool_and(regexp_full_match(trim({qi(c)}), ?)) FILTER (WHERE NULLIF(trim({qi(c)}), '') IS NOT NULL)"
        for c in cells) + f" FROM {qi(table)} WHERE rowid > ?", [_NUMBER] * len(cells) + [first[0]])
    numeric = numeric.fetchone()
    if sum(bool(n) for n in numeric) < 2:
        return []
    con.execute(f"DELETE FROM {qi(table)} WHERE rowid = ?", [first[0]])
    return [coltypes.note("field_notes_row", example=str(next(iter(cells.values()))).strip()[:60])]


NOTE_ROWS = 3
"""At most this many note lines under a table are looked for (a source, a footnote, a date)."""


_WORD_BREAK = re.compile(r"\s|[\u3000-\u303f\uff01-\uff1f]")
"""A space, or the full-width punctuation that breaks a Chinese sentence (：；，。): Chinese notes
("数据来源：澳大利亚统计局；全国合计为各州之和") have no spaces."""


def _drop_note_rows(con, table: str, cols: list[tuple]) -> list[str]:
    """Remove the note lines a report writes under its table ("Source: ISLR …", "* prices in
    USD", "数据来源：…"): from the end, rows whose only filled cell is text with a word break
    (``_WORD_BREAK``), longer than every value of its column above. Kept, ISLR's Default sheet had
    a 10,001st card holder whose ``default`` was the source line, and ``churn --label-col
    default`` refused it as no yes/no value; a Chinese source line kept a quarterly table's
    quarters (2016年第2季度) from being read as dates."""
    if len(cols) < 3:
        return []
    tail = con.execute(f"SELECT rowid, * FROM {qi(table)} ORDER BY rowid DESC LIMIT {NOTE_ROWS}").fetchall()
    notes = []
    for row in tail:
        filled = [(c, v) for (c, *_), v in zip(cols, row[1:], strict=True)
                  if v is not None and str(v).strip()]
        if len(filled) != 1 or not isinstance(filled[0][1], str) or not _WORD_BREAK.search(filled[0][1]):
            break
        column, text = filled[0]
        longest = con.execute(f"SELECT max(length(trim(CAST({qi(column)} AS VARCHAR)))) FROM {qi(table)} "
                              f"WHERE rowid < ?", [row[0]]).fetchone()[0]
        if longest is not None and len(text.strip()) <= longest:
            break
        notes.append(text.strip())
    if not notes:
        return []
    con.execute(f"DELETE FROM {qi(table)} WHERE rowid >= ?", [tail[len(notes) - 1][0]])
    return [coltypes.note("note_rows", count=len(notes), text=notes[-1][:80])]


def _drop_sums_row(con, table: str, cols: list[tuple]) -> list[str]:
    """Remove a last row that holds only column sums (no label, no text, no date): a sheet's
    ``=SUM()`` row exported without its ``Total`` label doubled every sum of the column. The
    last row is read first; the sums are only computed when it has no text."""
    last = con.execute(f"SELECT rowid, * FROM {qi(table)} WHERE rowid = (SELECT max(rowid) FROM {qi(table)})"
                       ).fetchone()
    if last is None:
        return []
    numbers = [(c, v) for (c, t, *_), v in zip(cols, last[1:], strict=True)
               if is_numeric_type(str(t)) and v is not None]
    others = [v for (_, t, *_), v in zip(cols, last[1:], strict=True) if not is_numeric_type(str(t))]
    if not numbers or not others or any(v is not None and str(v).strip() for v in others):
        return []
    sums = con.execute("SELECT count(*), " + ", ".join(f"sum({qi(c)})" for c, _ in numbers)
                       + f" FROM {qi(table)} WHERE rowid < ?", [last[0]]).fetchone()
    if sums[0] < 2 or not any(s is not None and abs(float(s) - float(v)) <= 0.01 + 1e-9 * abs(float(v))
                              for s, (_, v) in zip(sums[1:], numbers, strict=True)):
        return []
    con.execute(f"DELETE FROM {qi(table)} WHERE rowid = ?", [last[0]])
    return [coltypes.note("sums_row")]


_SUBTOTAL = (r"(^|\s)(sub\s*-?total|total|totals|grand\s+total|summe|gesamt|zwischensumme)\s*:?$"
             r"|(小计|合计|总计|汇总)\s*:?$|^total\s+for\s")  # QuickBooks' "Total for Amy's Bird Sanctuary"
"""A label that closes a group (``Subtotal``, ``C0001 Total``, ``华东 小计``): the word ends the
cell, so a product called ``Total Care Shampoo`` on an undated line is not one."""


def _drop_subtotal_rows(con, table: str, cols: list[tuple]) -> list[str]:
    """Remove subtotal rows inside a dated table: a total label and no date. A report grouped by
    customer kept every ``C0001 Subtotal`` row as an order, doubling the revenue."""
    dates = [qi(c) for c, t, *_ in cols if str(t).startswith(("DATE", "TIMESTAMP"))]
    texts = [qi(c) for c, t, *_ in cols if t == "VARCHAR"]
    if not dates or not texts:
        return []
    labelled = " OR ".join(f"regexp_matches(trim({c}), ?, 'i')" for c in texts)
    where = f"({' AND '.join(f'{d} IS NULL' for d in dates)}) AND ({labelled})"
    params = [_SUBTOTAL] * len(texts)
    count = con.execute(f"SELECT count(*) FROM {qi(table)} WHERE {where}", params).fetchone()[0]
    if not count:
        return []
    con.execute(f"DELETE FROM {qi(table)} WHERE {where}", params)
    return [coltypes.note("subtotal_rows", count=count)]


_SECTION_TOTAL = r"^((grand|sub)[ -]*)?totals?([ :]|$)|^(小计|合计|总计|汇总)"
"""A label that opens a row closing a section: Mindbody's Sales report ends each payment method's lines
with ``Total AMEX`` in the ``Sale Date`` column, and the report with ``Grand Total``."""


def _drop_section_totals(con, table: str, cols: list[tuple]) -> list:
    """Remove rows whose one text cell is a total label, with numbers and no date beside it: Mindbody's
    section totals inside the table kept ``Sale Date`` text (no date for any analysis) and were summed
    as sales (judge35). Only among three or more text columns, where a lone label is no value."""
    texts = [qi(c) for c, t, *_ in cols if t == "VARCHAR"]
    numbers = [qi(c) for c, t, *_ in cols if is_numeric_type(str(t))]
    dates = [qi(c) for c, t, *_ in cols if str(t).startswith(("DATE", "TIMESTAMP"))]
    if len(texts) < 3 or not numbers:
        return []
    filled = " + ".join(f"CAST(NULLIF(trim({c}), '') IS NOT NULL AS INTEGER)" for c in texts)
    label = "coalesce(" + ", ".join(f"NULLIF(trim({c}), '')" for c in texts) + ")"
    summed = " OR ".join(f"{n} IS NOT NULL" for n in numbers)
    where = f"{filled} = 1 AND regexp_matches({label}, ?, 'i') AND ({summed})" + "".join(
        f" AND {d} IS NULL" for d in dates)
    found = con.execute(f"SELECT count(*), min({label}) FROM {qi(table)} WHERE {where}",
                        [_SECTION_TOTAL]).fetchone()
    if not found[0]:
        return []
    con.execute(f"DELETE FROM {qi(table)} WHERE {where}", [_SECTION_TOTAL])
    return [coltypes.note("section_totals", count=found[0], example=found[1])]
