"""Column typing: a plan per column from a sample, checked against every value.

A plan is a SQL expression over the raw text plus a *flag* expression that says, per row,
whether the value parsed (0), failed (1) or was a missing-value marker such as ``NaN``, ``inf``
or ``NA`` (2, stored as NULL and counted in a note). The fast path computes values and flags
in the one pass that reads the file; a column with any failure goes back to text and through
:func:`verify_text_columns`, which only types it when every value parses. So nothing is
silently turned into NULL and ``00017`` stays ``00017`` (a few impossible days such as
``2010/5/36`` are left empty with a note naming them: :mod:`crm_core.load.baddays`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from crm_core import i18n
from crm_core.load import baddays, compactdates, dayorder, monthwords, ringgit, wan
from crm_core.load.decimalmark import decimal_mark
from crm_core.load.idnames import is_id_name
from crm_core.protect.network_ids import is_ip_address
from crm_core.workspace.role_names import BIRTH
from crm_core.workspace.role_values import EXCEL_ROUNDED
from crm_core.workspace.sqlutil import (
    COMPACT_DATE_FORMAT,
    CURRENCY,
    DATE_FORMATS,
    EPOCH_SECONDS,
    GROUPING,
    born_expr,
    epoch_expr,
    number_expr,
    qi,
    timestamp_expr,
    wall_clock,
)

SAMPLE_ROWS = 5000
VERIFY_BATCH = 100
"""Columns checked per query: DuckDB plans hundreds of aggregates in one SELECT slowly."""

MISSING_MARKERS = ("nan", "-nan", "na", "n/a", "n.a.", "#n/a", "null", "none", "nil", "inf", "-inf",
                   "+inf", "infinity", "-infinity", "+infinity", "(blank)", "(empty)", "(null)", "<null>",
                   "blank", "empty", "missing", "unknown", "tbd", "#value!", "#div/0!", "#ref!", "#num!",
                   "#null!", "#name?",
                   "无", "暂无", "空", "空白", "(空白)", "无数据", "未知", "不详", "未填写")
"""Text that means "no value here" in a number or date column, as exports write it (Excel's
error values and ``(blank)``, 无 / 暂无 / 空 in Chinese shops' exports): stored as NULL and counted
in a note, never as a number (NaN/inf would poison sums), never a reason to keep money as text."""
_DASHES = r"[-‐–—―－_./\\*?？~…·、]+"
_PLACEHOLDER = (rf"{_DASHES}|(?:{CURRENCY})\s*[-–—]+"
                r"|(?:0000[-/.]00[-/.]00|00[-/.]00[-/.]0000|1900[-/.]0?1[-/.]00|9999[-/.]12[-/.]31)"
                r"(?:[ T][\d:.]*)?")
"""A cell of dashes or question marks only (``-``, ``--``, ``—``, ``?``), Excel's accounting blank
(``¥-``, ``$ -``), and the dates databases write for "none" (MySQL's ``0000-00-00``, Excel's day
zero ``1900-01-00``, the open end ``9999-12-31``)."""
_PLACEHOLDER_RE = re.compile(_PLACEHOLDER)
LAST_YEAR = 9998
"""Dates after this year are the ``9999-12-31`` "no end" marker, stored as empty."""


_DATE_NAME = re.compile(r"date|time|day|dt|[ _]at$|^(ts|created|updated|paid|placed|closed)$|日期|时间",
                        re.IGNORECASE)
"""A header naming a moment (``created_at``, ``ts``, ``created`` as web apps and Stripe name them)."""
_INT = re.compile(r"^[-+]?\d+$")
_LEADING_ZERO = re.compile(r"^0\d")
_PLAIN_NUMBER = re.compile(r"^-?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$")
_SYMBOL = rf"(?:{CURRENCY})"
_NUMBER = re.compile(rf"^\(?[-+]?\s*{_SYMBOL}?\s*[-+]?[\d.,\s{GROUPING}]*\d[\d.,{GROUPING}]*\s*"
                     rf"(?:元|{_SYMBOL})?\)?-?$")
"""A number as exports write money: a symbol or code before or after it (``¥1,234.50``,
``29,33 €``, ``US$12.00``, ``12.00 USD``), thousands separators (``1'234.50``, ``1 234,50``),
accounting brackets, trailing minus."""
_DATEISH = re.compile(r"^(\d{4}|\d{1,2}(?=\D\d{1,2}\D\d\d))[-/.年]\d{1,2}[-/.月]\d{1,4}"  # not 5.2.0
                      r"|^\d{1,2}[ -][A-Za-z]{3,9}[ -]\d\d(\d\d)?"
                      r"|^[A-Za-z]{3,9} \d{1,2}, \d{4}|^[A-Za-z]{3}, \d{1,2} [A-Za-z]{3} \d{4}"
                      r"|^[A-Za-z]{3}-\d\d-\d\d(\d\d)?$"  # eBay's Mar-19-25
                      r"|^(19|20)\d\d([-/](0?[1-9]|1[0-2])|年(0?[1-9]|1[0-2])月)$"  # 2023-01, 2023年1月
                      r"|^[A-Za-z]{3,9}[ -](19|20)\d\d$|^(19|20)\d\d [A-Za-z]{3,9}$")  # Jan 2023, 1987 Jan
_QUARTER = (r"^(19|20)\d\d\s*[-/ ]?\s*[Qq][1-4]$|^[Qq][1-4]\s*[-/ ]?\s*(19|20)\d\d$"
            r"|^(19|20)\d\d年第?[1-4]季度$")
"""A quarter as reports and R's yearquarter write it (``1981 Q1``, ``1981-Q1``, ``Q1 1981``,
``1981年第1季度``); one pattern for Python and DuckDB."""
_COMPACT_DATE = re.compile(r"^(19|20)\d{2}(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])$")
_FULL_WIDTH = "０１２３４５６７８９．，－＋（）／：　\u2212％"
_HALF_WIDTH = "0123456789.,-+()/: -%"
"""Full-width digits and punctuation, as Chinese input methods type them (``１２３．５０``), and the
typographic minus sign U+2212 Apple Numbers and typeset reports write (``−12,50 €``)."""
_TO_HALF = str.maketrans(_FULL_WIDTH, _HALF_WIDTH)
_EXCEL_TEXT = re.compile(r'^="(.*)"$|^\'(.+)$|^`(.*)$')
"""``="2025000001"``, ``'2025000001`` or ```2025000001``: how Taobao, Alipay, 拼多多, 微信支付 (every
value of its 交易账单, a lone ````` when empty) and many Chinese exports keep Excel from turning a
long order number into ``2.025E+09``; the value is what is inside (or after the apostrophe or
backtick, when every value has one)."""


@dataclass(frozen=True)
class Plan:
    """How one column is typed: ``value`` and ``flag`` are SQL over the raw text column."""

    kind: str  # text, bigint, double, date
    value: str
    flag: str = "0"
    why_text: str = ""
    """Why the column stays text: ``zeros``, ``long``, ``whole`` (ids written ``13085.0``),
    ``rounded:<first value>`` (E-notation codes) or ``bad:<count>`` (see :func:`plan_notes`)."""
    markers: int = 0
    """Values like ``NaN`` found by the full check, stored as NULL (counted for a note)."""
    sure: str = ""
    """A cheaper ``value`` for when every value is known to parse (wide tables need it)."""
    share: bool = False
    """Every value was a percent, stored as a share of one (``12.5%`` → 0.125) and noted."""
    order: str = ""
    """``day_first`` / ``month_first``: the order a date's day and month were read in, when the
    other order was among the formats tried (``05/03/2024``), for :func:`dayorder.notes`."""
    also: str = ""
    """``dmy`` / ``mdy`` / ``ymd``: the other order a column of compact dates fits (``compactdates``)."""
    not_days: tuple = ()
    """(count, first values) of impossible days left empty in a date column (``baddays``)."""

    @property
    def final(self) -> str:
        return self.sure or self.value


def is_marker(value: str) -> bool:
    """Whether a cell says "no value" (:data:`MISSING_MARKERS`, :data:`_PLACEHOLDER`)."""
    value = value.strip()
    return value.lower() in MISSING_MARKERS or bool(_PLACEHOLDER_RE.fullmatch(value))


def markers_sql(trimmed: str) -> str:
    """SQL: whether the (trimmed text) cell is a placeholder the loader stores as empty; the
    Clean page's conversions use the same list."""
    words = ", ".join("'" + m.replace("'", "''") + "'" for m in MISSING_MARKERS)
    pattern = _PLACEHOLDER.replace("'", "''")
    return f"(lower({trimmed}) IN ({words}) OR regexp_full_match({trimmed}, '{pattern}'))"


def text_plan(col: str, why: str = "") -> Plan:
    return Plan("text", col, "0", why)


def _bigint_plan(col: str) -> Plan:
    trimmed = f"trim({col})"
    value = f"TRY_CAST({trimmed} AS BIGINT)"
    flag = (f"CASE WHEN nullif({trimmed}, '') IS NULL OR CAST({value} AS VARCHAR) = {trimmed} THEN 0 "
            f"WHEN {markers_sql(trimmed)} THEN 2 ELSE 1 END")
    return Plan("bigint", f"CASE WHEN CAST({value} AS VARCHAR) = {trimmed} THEN {value} END", flag,
                sure=value)


def _double_plan(col: str, parse: str) -> Plan:
    trimmed = f"trim({col})"
    value = f"CASE WHEN isfinite({parse}) AND NOT contains({trimmed}, '_') THEN {parse} END"
    flag = (f"CASE WHEN nullif({trimmed}, '') IS NULL OR ({value}) IS NOT NULL THEN 0 "
            f"WHEN {markers_sql(trimmed)} OR NOT isfinite({parse}) THEN 2 ELSE 1 END")
    return Plan("double", value, flag, sure=f"CASE WHEN isfinite({parse}) THEN {parse} END")


def _date_plan(col: str, expr: str) -> Plan:
    value = f"CASE WHEN year({expr}) <= {LAST_YEAR} THEN {expr} END"
    flag = (f"CASE WHEN nullif(trim({col}), '') IS NULL OR ({value}) IS NOT NULL THEN 0 "
            f"WHEN {markers_sql(f'trim({col})')} THEN 2 ELSE 1 END")
    return Plan("date", value, flag)


def candidate(con, col: str, out: str, values: list[str]) -> Plan:
    """The plan a column's sample suggests (``col`` is the quoted raw column)."""
    values = [v for v in values if not is_marker(v)]
    if values and all(_EXCEL_TEXT.match(v) for v in values):  # the value inside Excel's ="…" / after '
        inner = f"regexp_replace({col}, '^\\s*(?:=\"(.*)\"|''(.+)|`(.*))\\s*$', '\\1\\2\\3')"
        guarded = [_EXCEL_TEXT.match(v) for v in values]
        plan = candidate(con, inner, out, [m for g in guarded if (m := (g[1] or g[2] or g[3] or "").strip())])
        return plan if plan.kind != "text" else text_plan(inner, plan.why_text)
    if not values or is_id_name(out):
        return _id_plan(col, values)
    if any(ch in _FULL_WIDTH for v in values for ch in v):  # typed on the half-width reading
        half = candidate(con, f"translate({col}, '{_FULL_WIDTH}', '{_HALF_WIDTH}')", out,
                         [v.translate(_TO_HALF) for v in values])
        return half if half.kind != "text" else text_plan(col, half.why_text)
    if glued := ringgit.spaced(col, out, values):  # RM45.90 under a money header: RM 45.90
        plan = candidate(con, glued[0], out, glued[1])
        return plan if plan.kind != "text" else text_plan(col, plan.why_text)
    if words := monthwords.numbered(col, values):  # 6 de diciembre de 2017 14:03 hs.
        return candidate(con, words[0], out, words[1])
    if all(re.match(_QUARTER, v) for v in values):
        return _date_plan(col, quarter_expr(col))
    if {"+", "-"} <= {v.lstrip()[:1] for v in values} and all(_SIGNED.match(v) for v in values):
        return candidate(con, f"regexp_replace({col}, '{_SIGNED_NOISE}', '', 'gi')", out,
                         [re.sub(_SIGNED_NOISE, "", v, flags=re.IGNORECASE) for v in values])
    date_named = bool(_DATE_NAME.search(out))
    if all(_DATEISH.match(v) or (date_named and _COMPACT_DATE.match(v)) for v in values):
        formats = [*DATE_FORMATS, COMPACT_DATE_FORMAT] if date_named else list(DATE_FORMATS)
        return _dates(con, col, values, formats, bool(BIRTH.search(out)))
    if compact := compactdates.reading(out, values):
        plan = _dates(con, col, values, [compact.fmt], bool(BIRTH.search(out)))
        return replace(plan, also=compact.also) if plan.kind == "date" else plan
    if date_named and values and all(_INT.match(v) and _is_epoch(int(v)) for v in values):
        return _date_plan(col, epoch_expr(f"TRY_CAST(trim({col}) AS BIGINT)"))
    if date_named and all(_PLAIN_NUMBER.match(v) for v in values) and _decimal_years(values):
        return _date_plan(col, decimal_year_expr(col))
    if any(_INT.match(v) and _LEADING_ZERO.match(v.lstrip("+-")) for v in values):
        return text_plan(col, "zeros")  # codes: 00017 never becomes 17, nor 17.0 beside 12.5
    if all(_INT.match(v) for v in values):
        if max(len(v) for v in values) > 18:
            return text_plan(col, "long")
        return _bigint_plan(col)
    if all(_PLAIN_NUMBER.match(v) for v in values):
        return _double_plan(col, f"TRY_CAST(trim({col}) AS DOUBLE)")
    if all(_PERCENT.match(v) for v in values):
        return _share_plan(col, [_PERCENT.match(v)[1] for v in values])
    if wan.written(values, _NUMBER):
        return _double_plan(col, wan.expr(col))
    numeric = [v for v in values if _NUMBER.match(v) and any(ch.isdigit() for ch in v)
               and not is_ip_address(v)]  # 165.226.97.131 is a buyer's address, no number (judge80)
    if len(numeric) >= 0.9 * len(values):
        return _double_plan(col, number_expr(col, decimal_mark(numeric)))
    return text_plan(col)


_SIGNED = re.compile(r"^\s*[-+]?\d[\d,.]*\s*(积分|points?|pts)?\s*$", re.IGNORECASE)
_SIGNED_NOISE = r"^\s*\+|\s*(积分|points?|pts)\s*$"
"""A points ledger's change with its sign and maybe its unit (``+120``, ``-50 积分``): a number once
the ``+`` and the unit go; only when both signs occur (``+447911123456`` is a phone)."""
_PERCENT = re.compile(rf"^([-+]?\s*[\d.,{GROUPING}]*\d)\s*%$")
"""A percent as exports write it (``12.5%``, ``-3,2 %``, ``1,250.0 %``); the number before the sign."""


_WHOLE_DECIMAL = re.compile(r"^-?\d+\.0+$")


def _id_plan(col: str, values: list[str]) -> Plan:
    """A code column as text; ids that are all whole numbers written with a decimal point
    (``13085.0``: pandas writes an integer column with blanks as floats, and UCI Online Retail's
    ``Customer ID`` came so) lose the ``.0``, so the customer is 13085 on every page and matches
    the same id written plainly in another export. Only such values change (``12.5`` stays).
    Codes Excel rounded to E-notation (``2.41E+18``) stay as they are, with a note."""
    if values and all(_WHOLE_DECIMAL.match(v.strip()) for v in values):
        return text_plan(f"regexp_replace(trim({col}), '^(-?\\d+)\\.0+$', '\\1')", "whole")
    if values and all(EXCEL_ROUNDED.match(v.strip()) for v in values):
        return text_plan(col, f"rounded:{values[0].strip()}")
    return text_plan(col)


def _share_plan(col: str, numbers: list[str]) -> Plan:
    """A column of percents only (HubSpot's ``Discount %``, 有赞's ``优惠比例``) as shares of one,
    decided once for the column so every analysis reads ``12.5%`` as 0.125; the decimal mark is
    the one most values use (``-3,2 %`` in a German export)."""
    digits = f"regexp_replace({col}, '\\s*%\\s*$', '')"  # a bare number among them fails: no share
    number = number_expr(digits, decimal_mark(numbers))
    share = f"CASE WHEN ends_with(trim({col}), '%') THEN ({number}) / 100 END"
    return replace(_double_plan(col, share), share=True)


def _decimal_years(values: list[str]) -> bool:
    """R's ``time()`` of a monthly or quarterly series (``1980.0833333`` is February 1980): years
    1800-2100 whose fractions are whole twelfths, not all of them whole years."""
    months = [float(v) * 12 for v in values]
    return (all(1800 <= float(v) <= 2100 for v in values)
            and all(abs(m - round(m)) < DECIMAL_YEAR_SLACK for m in months)
            and any(round(m) % 12 for m in months))


DECIMAL_YEAR_SLACK = 0.01
"""How far from a whole twelfth a fraction may lie (``1980.083`` written to three decimals)."""


def decimal_year_expr(col: str) -> str:
    """DATE of a decimal year (:func:`_decimal_years`): the month it starts; NULL for a number that
    is no whole twelfth of a year, so such a column stays a number."""
    x = f"TRY_CAST(trim({col}) AS DOUBLE)"
    months = f"CAST(round({x} * 12) AS INTEGER)"  # months since year 0: 1980.9999 is January 1981
    return (f"CASE WHEN {x} BETWEEN 1800 AND 2100 AND abs({x} * 12 - round({x} * 12)) < {DECIMAL_YEAR_SLACK} "
            f"THEN make_date({months} // 12, {months} % 12 + 1, 1) END")


def quarter_expr(col: str) -> str:
    """DATE of a quarter label (:data:`_QUARTER`): the quarter's first day, so a quarterly table
    has a date to forecast and cohort on; NULL for anything else."""
    v = f"trim({col})"
    year = f"CAST(regexp_extract({v}, '(19|20)\\d\\d', 0) AS INTEGER)"
    quarter = f"CAST(regexp_extract({v}, '(?:[Qq]|第|年)\\s*([1-4])', 1) AS INTEGER)"
    return (f"CASE WHEN regexp_full_match({v}, '{_QUARTER}') "
            f"THEN make_date({year}, 3 * {quarter} - 2, 1) END")


def _is_epoch(value: int) -> bool:
    """Unix seconds, milli-, micro- or nanoseconds between 1980 and 2100 (``sqlutil.epoch_expr``):
    a 19-digit nanosecond time stayed text as a "long code", a 16-digit microsecond one a count."""
    lo, hi = EPOCH_SECONDS
    return any(lo * scale <= value <= hi * scale for scale in (1, 10**3, 10**6, 10**9))


DATE_SCORED = 2000
"""Values the date formats are ranked on, spread over the sample and the values that failed."""


def _dates(con, col: str, values: list[str], formats: list[str], born: bool = False) -> Plan:
    """Order the formats by how many sample values each parses; keep those that parse any, and
    of a day-first format and its month-first twin only the better one (:func:`_one_day_order`). A DATE
    plan fails on a time of day (a check-out typed after days at 00:00:00): typed again, never cut.
    A birth date (``born``) is never after today (:func:`born_expr`)."""
    scored = values[::max(1, -(-len(values) // DATE_SCORED))]  # the failed values come last: some are in
    scores = con.execute(  # a year below 1000 is a two-digit year read by %Y (19/03/25 → 0019)
        "SELECT " + ", ".join(
            f"count(*) FILTER (WHERE year(try_strptime({wall_clock('v')}, "
            f"'{f.replace(chr(39), chr(39) * 2)}')) >= 1000)" for f in formats
        ) + " FROM (SELECT unnest(?::VARCHAR[]) AS v)",
        [scored],
    ).fetchone()
    ranked = _one_day_order(dayorder.as_shown(con, [f for s, f in sorted(zip(scores, formats, strict=True),
                                                                         key=lambda p: -p[0]) if s],
                                              dict(zip(formats, scores, strict=True))))
    if not ranked:
        return text_plan(col)
    has_time = con.execute(  # every value: a time on one line the scored third skipped is kept
        f"SELECT bool_or(CAST({timestamp_expr('v', ranked)} AS TIME) <> TIME '00:00:00') "
        "FROM (SELECT unnest(?::VARCHAR[]) AS v)", [values]).fetchone()[0]
    expr = born_expr(timestamp_expr(col, ranked), col) if born else timestamp_expr(col, ranked)
    day = f"CASE WHEN CAST({expr} AS TIME) = TIME '00:00:00' THEN CAST({expr} AS DATE) END"
    compact = compactdates.ORDERS.get(ranked[0])
    return replace(_date_plan(col, expr if has_time else day),
                   order=dayorder.compact(compact) if compact else dayorder.day_order(ranked, formats))


def _one_day_order(ranked: list[str]) -> list[str]:
    """The formats without the month-first twin of a day-first one ranked above it (or the other
    way round): both tried value by value, a month-first export whose first 2,000 dates all had
    days up to 12 read ``3/5/1997`` as 3 May and ``3/25/1997`` as 25 March in one column. The
    order is the export's, decided once for the column; a later value that does not fit sends
    the column back with it (:func:`verify_text_columns`)."""
    kept: list[str] = []
    for fmt in ranked:
        twin = dayorder.twin(fmt)
        if twin == fmt or twin not in kept:
            kept.append(fmt)
    return kept


def sample_values(rows: list[tuple], i: int) -> list[str]:
    """Non-blank, trimmed values of column ``i`` in sampled rows."""
    return [v.strip() for v in (row[i] for row in rows) if v is not None and v.strip()]


def verify_text_columns(con, table: str, columns: list[str], names: list[str]) -> list[Plan]:
    """Plans for text columns of ``table`` that hold only when every value parses.

    The slow, sure path: used for Excel sheets and for the columns the fast pass could not
    type. A typed plan that fails somewhere is proposed again from the sample plus the values
    that failed (``0.00-`` or ``(1,234.50)`` after the sample, a decimal among whole numbers);
    a plan that still fails becomes text with the count as the reason. The sample: the rows whose row
    number hashes lowest, alike in every run (``USING SAMPLE`` typed times DATE or TIMESTAMP by chance).
    """
    limit = SAMPLE_ROWS if len(columns) <= 200 else 300
    cols = ", ".join(qi(c) for c in columns)
    sample = con.execute(f"SELECT {cols} FROM {qi(table)} ORDER BY hash(rowid) LIMIT {limit}").fetchall()
    plans = [candidate(con, qi(c), out, sample_values(sample, i))
             for i, (c, out) in enumerate(zip(columns, names, strict=True))]
    failed = _check(con, table, columns, plans, [i for i, p in enumerate(plans) if p.kind != "text"])
    for i in failed:
        seen = sample_values(sample, i) + _failed_values(con, table, columns[i], plans[i])
        plans[i] = candidate(con, qi(columns[i]), names[i], seen)
    still = _check(con, table, columns, plans, [i for i in failed if plans[i].kind != "text"])
    for i, bad in failed.items():
        if i in still and (typo := baddays.kept(con, table, columns[i], plans[i], still[i], _failed_values(
                con, table, columns[i], plans[i], limit=50))):
            plans[i] = typo
        elif i in still or (plans[i].kind == "text" and not plans[i].why_text):
            plans[i] = text_plan(qi(columns[i]), f"bad:{still.get(i, bad)}")
    return plans


def _failed_values(con, table: str, column: str, plan: Plan, limit: int = 1000) -> list[str]:
    """Distinct values of ``column`` that ``plan`` cannot type (codes with leading zeros first,
    so a long list of decimals never hides them)."""
    trimmed = f"trim({qi(column)})"
    rows = con.execute(
        f"SELECT DISTINCT {trimmed} AS v FROM {qi(table)} WHERE nullif({trimmed}, '') IS NOT NULL "
        f"AND ({plan.value}) IS NULL AND NOT {markers_sql(trimmed)} "
        f"ORDER BY regexp_matches(v, '^[-+]?0[0-9]') DESC LIMIT {limit}").fetchall()
    return [v for (v,) in rows]


def _check(con, table: str, columns: list[str], plans: list[Plan], typed: list[int]) -> dict[int, int]:
    """The values each typed plan fails on, by column index (none: the plan holds and counts
    its markers)."""
    failed = {}
    for start in range(0, len(typed), VERIFY_BATCH):
        batch = typed[start:start + VERIFY_BATCH]
        checks = ", ".join(f"count(nullif(trim({qi(columns[i])}), '')) - count({plans[i].value})"
                           for i in batch)
        failures = con.execute(f"SELECT {checks} FROM {qi(table)}").fetchone()
        marked = _marker_counts(con, table, [columns[i] for i, n in zip(batch, failures, strict=True) if n])
        for k, i in enumerate(batch):
            markers = marked.get(columns[i], 0)
            if failures[k] - markers:
                failed[i] = failures[k] - markers
            elif markers:
                plans[i] = replace(plans[i], markers=markers)
    return failed


def _marker_counts(con, table: str, columns: list[str]) -> dict[str, int]:
    """How many values like ``NaN`` each column holds (asked only where values failed)."""
    if not columns:
        return {}
    counts = con.execute("SELECT " + ", ".join(
        f"count(*) FILTER (WHERE {markers_sql(f'trim({qi(c)})')})" for c in columns
    ) + f" FROM {qi(table)}").fetchone()
    return dict(zip(columns, counts, strict=True))


def note(key: str, **values: object) -> i18n.Sentence:
    """A load note (``load.note.<key>``): reads as its English text (the CLI prints it), said in
    the page's language on the Data page."""
    return i18n.Sentence(f"load.note.{key}", **values)


def plan_notes(column: str, plan: Plan) -> list[i18n.Sentence]:
    """The notes a column's plan deserves: why it stays text, how many placeholders it had."""
    notes = []
    if plan.why_text in ("zeros", "long", "whole"):
        notes.append(note(f"kept_{plan.why_text}", column=column))
    elif plan.why_text.startswith("rounded:"):
        notes.append(note("kept_rounded", column=column, example=plan.why_text[8:]))
    elif plan.why_text.startswith("bad:"):
        notes.append(note("kept_bad", column=column, count=int(plan.why_text[4:])))
    if plan.markers:
        notes.append(marker_note(column, plan.markers, plan.kind))
    if plan.share:
        notes.append(note("percent_shares", column=column))
    return notes + baddays.notes(column, plan)


def share_columns(notes: list) -> list[str]:
    """The columns the loader stored as shares of one (their ``percent_shares`` notes)."""
    return [n.values["column"] for n in notes if getattr(n, "key", "") == "load.note.percent_shares"]


def marker_note(column: str, count: int, kind: str) -> i18n.Sentence:
    """The note for placeholder cells (``无``, ``-``, ``NaN``, ``0000-00-00``) stored as empty in a
    number or date column: how many, and what it means for the analyses."""
    return note("markers_date" if kind == "date" else "markers", column=column, count=f"{count:,}")
