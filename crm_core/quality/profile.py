"""Data-quality profile of a workspace table, computed in DuckDB SQL.

One wide aggregate pass gives every column's missing share, distinct count and number/date
statistics; small follow-up queries (top values, outliers, duplicates) only touch the columns
that need them. The result is plain data (JSON-ready), rendered by the page and the CLI.
Problems are shown to the analyst, never fixed silently: fixing is the recipes' job.
"""

from __future__ import annotations

import math
from datetime import date, datetime
from decimal import Decimal
from typing import Any

import duckdb

from crm_core import i18n
from crm_core.errors import CrmError
from crm_core.i18n import Sentence
from crm_core.load.coltypes import is_id_name
from crm_core.protect import privacy
from crm_core.quality.due_dates import lies_ahead
from crm_core.quality.negatives import MARKER_MAX_DISTINCT, negative_marker, outlier_marker
from crm_core.report import format as fmt
from crm_core.report.column_currency import column_currency, signed_beside
from crm_core.workspace import day_order, store
from crm_core.workspace.missing import series_of, table_gaps
from crm_core.workspace.role_overview import role_evidence
from crm_core.workspace.roles import get_roles, is_numeric_type, is_temporal_type
from crm_core.workspace.sqlutil import qi
from crm_core.workspace.table_kind import TableKind, detect_kind, money_columns
from crm_core.workspace.transactions import date_sql, number_sql

TOP_VALUES = 5
EXAMPLES = 5
ROBUST_Z = 3.5
"""Iglewicz–Hoaglin cut-off |x − median| / (1.4826 · MAD), used when the IQR is zero."""
IQR_K = 3.0
"""Tukey's far-out fences: sales data are skewed, 1.5 × IQR would flag ordinary big baskets."""
MIN_DATE = "1990-01-01"
EXACT_DISTINCT_ROWS = 1_000_000
"""Above this many rows distinct counts are HyperLogLog estimates (within a few per cent)."""
VARIANT_MAX_DISTINCT = 5000
"""Case/whitespace variants are looked for only in category-like text columns."""
ID_ROLES = ("customer_id", "order_id", "product_id")
NUMBER_ROLES = ("amount", "quantity", "unit_price")


def is_text_type(dtype: str) -> bool:
    """Whether a DuckDB type is text (``VARCHAR``, not a list of it: JSON ``"tags": [...]``)."""
    return dtype.upper().startswith("VARCHAR") and not dtype.endswith("]")


def blank_sql(col: str, dtype: str) -> str:
    """SQL that is true when a value is missing (NULL, or blank text)."""
    return f"({col} IS NULL OR trim({col}) = '')" if is_text_type(dtype) else f"({col} IS NULL)"


def cancel_id_sql(col: str) -> str:
    """True for order ids like ``C536379``: a capital ``C`` then digits only (shop codes like ``CD01`` and
    Recurly's hex ``c3e1…`` are not, walk37)."""
    return f"regexp_full_match(trim(CAST({col} AS VARCHAR)), 'C[0-9]+')"


def _cancel_checks(agg, name: str, columns, roles_of: dict[str, str]) -> None:
    """A ``C`` id is a cancellation where the column's shape says so (Online Retail): counted on rows whose
    quantity or amount is negative, beside a count of the all-digit ids nine in ten of the others must be.
    Payhip's ids are a letter and nine characters, ``C244936374`` a paid planner (judge78, walk40)."""
    c = qi(name)
    signs = [f"{number_sql(qi(n), t)} < 0" for n, t in columns if roles_of.get(n) in ("quantity", "amount")]
    negative = f" AND coalesce({' OR '.join(signs)}, false)" if signs else ""
    agg.add(name, "cancel_ids", f"count(*) FILTER (WHERE {cancel_id_sql(c)}{negative})")
    digits = f"regexp_full_match(trim(CAST({c} AS VARCHAR)), '[0-9]+')"
    agg.add(name, "digit_ids", f"count(*) FILTER (WHERE {digits})")


def _jsonable(value: Any) -> Any:
    if isinstance(value, datetime | date):
        return value.isoformat(sep=" ") if isinstance(value, datetime) else value.isoformat()
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, float) and value != value:  # NaN
        return None
    return value


class _Pass:
    """Collects aggregate expressions, runs them in one SELECT, hands back named values."""

    def __init__(self) -> None:
        self.exprs: list[str] = []
        self.keys: list[tuple[str, str]] = []

    def add(self, column: str, key: str, expr: str) -> None:
        self.keys.append((column, key))
        self.exprs.append(expr)

    def run(self, con: duckdb.DuckDBPyConnection, table: str, params: list) -> dict:
        out: dict[str, dict[str, Any]] = {}
        if not self.exprs:
            return out
        row = con.execute(f"SELECT {', '.join(self.exprs)} FROM {qi(table)}", params).fetchone()
        for (column, key), value in zip(self.keys, row, strict=True):
            out.setdefault(column, {})[key] = value
        return out


def _first_pass(con, table: str, columns: list[tuple[str, str]], roles_of: dict[str, str],
                rows: int) -> dict:
    """Missing, distinct, min/max/quantiles and role checks for every column in one scan."""
    agg = _Pass()
    distinct = "count(DISTINCT " if rows <= EXACT_DISTINCT_ROWS else "approx_count_distinct("
    for name, dtype in columns:
        c, role = qi(name), roles_of.get(name, "")
        agg.add(name, "missing", f"count(*) FILTER (WHERE {blank_sql(c, dtype)})")
        agg.add(name, "non_null", f"count({c})")
        agg.add(name, "distinct", f"{distinct}{c})")
        if is_numeric_type(dtype):
            agg.add(name, "min", f"min({c})")
            agg.add(name, "max", f"max({c})")
            agg.add(name, "mean", f"avg({c})")
            quantile = "quantile_cont" if rows <= EXACT_DISTINCT_ROWS else "approx_quantile"
            agg.add(name, "quantiles", f"{quantile}({c}::DOUBLE, [0.05, 0.25, 0.5, 0.75, 0.95])")
            if rows <= EXACT_DISTINCT_ROWS:
                agg.add(name, "mad", f"mad({c}::DOUBLE)")
        if is_temporal_type(dtype):
            agg.add(name, "min", f"min({c})")
            agg.add(name, "max", f"max({c})")
        if role in NUMBER_ROLES:
            number = number_sql(c, dtype)
            agg.add(name, "negative", f"count(*) FILTER (WHERE {number} < 0)")
            agg.add(name, "zero", f"count(*) FILTER (WHERE {number} = 0)")
            if not is_numeric_type(dtype):
                agg.add(name, "unparsed",
                        f"count(*) FILTER (WHERE NOT {blank_sql(c, dtype)} AND {number} IS NULL)")
        if role == "date" or is_temporal_type(dtype):
            when = date_sql(c, dtype, day_order.reads_month_first(con, table, name, dtype))
            agg.add(name, "future", f"count(*) FILTER (WHERE {when} > now()::TIMESTAMP)")
            agg.add(name, "too_old", f"count(*) FILTER (WHERE {when} < ?::TIMESTAMP)")
            if not is_temporal_type(dtype):
                agg.add(name, "unparsed",
                        f"count(*) FILTER (WHERE NOT {blank_sql(c, dtype)} AND {when} IS NULL)")
        if role == "order_id":
            _cancel_checks(agg, name, columns, roles_of)
    agg_params = [MIN_DATE for _, key in agg.keys if key == "too_old"]
    return agg.run(con, table, agg_params)


def _top_values(con, table: str, column: str) -> list[dict[str, Any]]:
    c = qi(column)
    rows = con.execute(
        f"""SELECT CAST({c} AS VARCHAR) AS v, count(*) AS n FROM {qi(table)}
            WHERE {c} IS NOT NULL GROUP BY v ORDER BY n DESC, v LIMIT ?""", [TOP_VALUES]
    ).fetchall()
    return [{"value": v, "count": int(n)} for v, n in rows]


def _case_variants(con, table: str, column: str) -> tuple[int, list[str]]:
    """Groups of values equal after trimming and lower-casing (``'Tea '``, ``'tea'``)."""
    c = qi(column)
    rows = con.execute(
        f"""SELECT list(DISTINCT {c} ORDER BY {c}) AS forms, count(*) OVER () AS groups
            FROM {qi(table)} WHERE {c} IS NOT NULL AND trim({c}) <> ''
            GROUP BY lower(regexp_replace(trim({c}), '\\s+', ' ', 'g'))
            HAVING count(DISTINCT {c}) > 1 ORDER BY count(*) DESC LIMIT ?""", [EXAMPLES]
    ).fetchall()
    if not rows:
        return 0, []
    return int(rows[0][1]), [" / ".join(repr(f) for f in forms) for forms, _ in rows]


def outlier_fences(quantiles: list[float], mad: float | None) -> tuple[float, float, str] | None:
    """Tukey's far-out fences (Q1 − 3·IQR, Q3 + 3·IQR); robust z on the MAD when the IQR is 0.
    The third value names the rule: ``iqr`` or ``robust_z``.

    None when the values have no spread at all. Shared by the profile and the outlier step.
    """
    q1, median, q3 = quantiles[1], quantiles[2], quantiles[3]
    if q3 > q1:
        iqr = q3 - q1
        return q1 - IQR_K * iqr, q3 + IQR_K * iqr, "iqr"
    if mad:
        spread = ROBUST_Z * 1.4826 * mad
        return median - spread, median + spread, "robust_z"
    return None


def _outliers(con, table: str, column: str, info: dict, whole: bool = False,
              currency: str = "") -> tuple[int, str, tuple[float, float]]:
    """Count of values outside the fences, said and as numbers; 0 when the column has no spread. Said
    within the column's own range: a quantity that never goes below 0 read "outside [-277, 416]";
    a ``whole``-number column's as the whole numbers they keep; money under its ``currency``'s sign."""
    fences = outlier_fences(info["quantiles"], _mad(con, table, column, info))
    if fences is None:
        return 0, "", (0.0, 0.0)
    low, high, method = fences
    c = qi(column)
    n = con.execute(f"SELECT count(*) FROM {qi(table)} WHERE {c} < ? OR {c} > ?",
                    [low, high]).fetchone()[0]
    said = fence_text(max(low, float(info["min"])), min(high, float(info["max"])), whole, currency)
    return int(n), i18n.Sentence(f"clean.fence.{method}", **said), (low, high)


def fence_text(low: float, high: float, whole: bool = False, currency: str = "") -> dict[str, str]:
    """Both ends in one number format, its decimals set by the larger end: "[59.42, 1461]"
    mixed two decimals with none (judge6); it reads "[59, 1,461]". A column of ``whole`` numbers
    says the first and last whole number inside the fences: a quantity read "[-2.00, 5.00]". A
    money column's ends carry the ``currency``'s sign: 有赞's 商品金额小计 read "[45, 730]" (walk30)."""
    if whole:
        low, high, decimals = math.ceil(low), math.floor(high), 0
    else:
        decimals = fmt.decimals_for(max(abs(low), abs(high)))
    sign = fmt.SIGNS.get(currency, currency)

    def said(x: float) -> str:
        return f"{'-' if x < 0 else ''}{sign}{fmt.number(abs(x), decimals)}"
    return {"low": said(low), "high": said(high)}


WHOLE_TYPES = ("TINYINT", "SMALLINT", "INTEGER", "BIGINT", "HUGEINT", "UTINYINT", "USMALLINT", "UINTEGER",
               "UBIGINT")
"""DuckDB's whole-number types (``DECIMAL(18,0)`` aside, which exports rarely carry)."""


def problem_share(share: float) -> str:
    """A problem's share of the rows to one decimal; a few rows of many read "<0.1%", not "0.0%"
    (12 duplicate rows of 81,627, judge8 walk), which says there are none."""
    said = f"{share:.1%}"
    return "<0.1%" if share > 0 and said == "0.0%" else said


def _mad(con, table: str, column: str, info: dict) -> float | None:
    """The median absolute deviation: from the first pass on small tables; on large ones only
    when the fences need it (no interquartile spread), since it costs a sort of its own."""
    if "mad" in info:
        return info["mad"]
    q = info["quantiles"]
    if q[3] > q[1]:
        return None
    return con.execute(f"SELECT mad({qi(column)}::DOUBLE) FROM {qi(table)}").fetchall()[0][0]


def duplicate_rows(con, table: str, columns: list[tuple[str, str]]) -> int:
    """Rows that repeat an earlier row exactly, counted by a 64-bit hash of the whole row
    (a grouping over every column is several times slower on millions of rows)."""
    cols = ", ".join(qi(c) for c, _ in columns)
    row = con.execute(f"SELECT count(*) - count(DISTINCT hash({cols})) FROM {qi(table)}").fetchall()
    return int(row[0][0])


def key_columns(roles: dict[str, str], kind: str | None = None) -> list[str]:
    """Id columns expected to be unique: a master table's own id (customers, products).

    Repeats are what a purchase log or an event log is made of, so ``kind`` (from
    :func:`crm_core.workspace.table_kind.detect_kind`) turns the check off for those.
    """
    if kind in ("transactions", "events"):
        return []
    keys = []
    is_transactions = any(roles.get(r) for r in ("order_id", "amount", "quantity"))
    if roles.get("customer_id") and not is_transactions:
        keys.append(roles["customer_id"])
    if roles.get("product_id") and not is_transactions and not roles.get("customer_id"):
        keys.append(roles["product_id"])
    return keys


def _duplicate_key_examples(con, table: str, column: str) -> list[str]:
    c = qi(column)
    rows = con.execute(
        f"""SELECT CAST({c} AS VARCHAR) FROM {qi(table)} WHERE {c} IS NOT NULL
            GROUP BY {c} HAVING count(*) > 1 ORDER BY count(*) DESC, 1 LIMIT ?""", [EXAMPLES]
    ).fetchall()
    return [r[0] for r in rows]


def problem(kind: str, column: str | None, count: int, rows: int, examples=(), **said: str) -> dict[str, Any]:
    """One problem entry; ``message`` is English, pages re-word it with :func:`problem_message`."""
    entry = {"kind": kind, "column": column, "count": int(count),
             "share": round(count / rows, 6) if rows else 0.0, "examples": list(examples)} | said
    entry["message"] = problem_message(entry, "en")
    return entry


def problem_message(entry: dict[str, Any], lang: str) -> str:
    """The problem described for the analyst in ``lang``."""
    return i18n.t(f"clean.problem.{entry['kind']}", lang, column=entry["column"] or "",
                  count=f"{entry['count']:,}", share=problem_share(entry["share"]),
                  examples=i18n.listed(entry["examples"], lang) or "—",
                  marker=entry.get("marker", ""), value=entry.get("value", ""),
                  values=i18n.either([i18n.quoted_name(v) for v in entry.get("values", [])], lang))


def said_examples(entry: dict[str, Any], lang: str) -> list:
    """A problem's examples in ``lang`` where they are words (an outlier's fences: ``profile --lang
    zh`` wrote them in English beside the Chinese message); values (ids, case variants) stay as they
    are. English keeps the sentences themselves, so the Clean page can still re-word them."""
    return entry["examples"] if lang == "en" else [i18n.say(e, lang) for e in entry["examples"]]


def is_code(name: str, role: str) -> bool:
    """A column of labels (an id by its role or its header): a range, never a mean, median or
    outlier (Lazada's ``Order Number``, a BIGINT, read a median of 200,481,702,585: walk31)."""
    return role in ID_ROLES or is_id_name(name)


def _column_entry(name: str, dtype: str, role: str, info: dict, rows: int) -> dict[str, Any]:
    entry: dict[str, Any] = {
        "name": name, "type": dtype, "role": role,
        "missing": round(info["missing"] / rows, 6) if rows else 0.0,
        "missing_count": int(info["missing"]), "distinct": int(info["distinct"]),
    }
    if "min" in info:
        entry["min"], entry["max"] = _jsonable(info["min"]), _jsonable(info["max"])
    if info.get("quantiles") is not None and not is_code(name, role):
        q = info["quantiles"]
        entry["mean"] = _jsonable(info["mean"])
        entry["quantiles"] = {k: _jsonable(v) for k, v in zip(("p05", "p25", "p50", "p75", "p95"), q,
                                                               strict=True)}
    return entry


def _column_problems(con, table, name, dtype, role, info, rows, currency="",
                     markers=()) -> list[dict[str, Any]]:
    found = []
    if role in ID_ROLES and info["missing"]:
        found.append(problem("missing_key", name, info["missing"], rows))
    if info.get("unparsed"):
        kind = "unparsed_date" if role == "date" else "unparsed_number"
        found.append(problem(kind, name, info["unparsed"], rows))
    if info.get("future") and not lies_ahead(name):
        found.append(problem("future_dates", name, info["future"], rows))
    if info.get("too_old"):
        found.append(problem("old_dates", name, info["too_old"], rows))
    if info.get("negative"):
        marked = negative_marker(con, table, name, dtype, [m for m in markers if m != name])
        said = {"marker": marked[0], "value": marked[1]} if marked else {}
        found.append(problem("negative_named" if marked else "negative_values", name, info["negative"], rows,
                             **said))
    if info.get("cancel_ids") and info["digit_ids"] >= 0.9 * (info["non_null"] - info["cancel_ids"]):
        found.append(problem("cancellations", name, info["cancel_ids"], rows))
    if role == "unit_price" and info.get("zero"):
        found.append(problem("zero_prices", name, info["zero"], rows))
    if info.get("quantiles") is not None and not is_code(name, role) and info["quantiles"][2] is not None:
        n, rule, fences = _outliers(con, table, name, info, dtype.upper().startswith(WHOLE_TYPES), currency)
        marked = outlier_marker(con, table, name, fences, [m for m in markers if m != name]) if n else None
        said = {"marker": marked[0], "values": marked[1]} if marked else {}
        if n:
            found.append(problem("outliers_named" if marked else "outliers", name, n, rows, [rule], **said))
    if (is_text_type(dtype) and role not in ID_ROLES and 1 < info["distinct"] <= VARIANT_MAX_DISTINCT):
        groups, examples = _case_variants(con, table, name)
        if groups:
            found.append(problem("case_variants", name, groups, rows, examples))
    return found


def profile(con: duckdb.DuckDBPyConnection, table: str,
            roles: dict[str, str] | None = None, lang: str = "en") -> dict[str, Any]:
    """Rows, per-column statistics and the problems found, as JSON-ready data.

    ``roles`` (role → column) default to the table's saved or detected roles; they decide
    which checks run (amounts that do not parse, cancellations, zero prices …). The evidence,
    the missing roles and the problems' messages are in ``lang`` (``profile --lang zh`` printed
    them in English; the JSON keys stay English).
    """
    store.require_table(con, table)
    roles = roles if roles is not None else get_roles(con, table)
    roles_of = {column: role for role, column in roles.items()}
    columns = store.columns_of(con, table)
    rows = int(con.execute(f"SELECT count(*) FROM {qi(table)}").fetchone()[0])
    stats = _first_pass(con, table, columns, roles_of, rows)
    entries, problems = [], []
    duplicates = duplicate_rows(con, table, columns) if rows else 0
    if duplicates:
        problems.append(problem("duplicate_rows", None, duplicates, rows))
    kind = detect_kind(con, table, roles)
    for key in key_columns(roles, kind.kind):
        extra = con.execute(f"SELECT count({qi(key)}) - count(DISTINCT {qi(key)}) FROM {qi(table)}"
                            ).fetchone()[0]
        if extra > 0:
            problems.append(problem("duplicate_keys", key, extra, rows,
                                    _duplicate_key_examples(con, table, key)))
    pii, masked = privacy.detect_pii(con, table), privacy.masked_columns(con, table, generalised=True)
    evidence = role_evidence(con, table, roles, lang)
    money, currency = set(money_columns(columns, roles, set())), fmt.display_currency(con, table)
    money |= signed_beside(columns, money)
    markers = [name for name, dtype in columns
               if is_text_type(dtype) and not roles_of.get(name)
               and 1 < stats[name]["distinct"] <= MARKER_MAX_DISTINCT]
    for name, dtype in columns:
        info, role = stats[name], roles_of.get(name, "")
        entry = _column_entry(name, dtype, role, info, rows)
        entry["pii"] = masked.get(name) or pii.get(name)
        entry["masked"] = name in masked
        entry["role_evidence"] = evidence.get(name, "")
        if not is_temporal_type(dtype) and (not is_numeric_type(dtype) or info["distinct"] <= 20):
            entry["top"] = _top_values(con, table, name) if rows else []
        entries.append(entry)
        if rows:
            sign = column_currency(con, table, name, currency) if name in money else ""
            problems.extend(_column_problems(con, table, name, dtype, role, info, rows, sign, markers))
    return {"table": table, "rows": rows, "kind": kind.kind,
            "kind_evidence": kind_said(con, table, kind, lang),
            "missing_roles": table_gaps(con, table, kind, roles, lang),
            "columns": entries,
            "problems": [p | {"message": problem_message(p, lang), "examples": said_examples(p, lang)}
                         for p in problems]}


def histogram(con: duckdb.DuckDBPyConnection, table: str, column: str, bins: int = 30):
    """Equal-width bin counts of a numeric column (``low, high, count``), binned in SQL; a
    whole-number column with fewer values than ``bins`` one bin a value (30 bins of 0.067 drew
    quantities 1–3 as slivers over ticks reading 1.5, walk17)."""
    import pandas as pd

    store.require_table(con, table)
    types = dict(store.columns_of(con, table))
    if column not in types or not is_numeric_type(types[column]):
        raise CrmError(Sentence("clean.error.not_numeric", column=column, table=table))
    c = qi(column)
    low, high = con.execute(f"SELECT min({c}), max({c}) FROM {qi(table)}").fetchone()
    if low is None:
        return pd.DataFrame({"low": [], "high": [], "count": []})
    whole = types[column].upper().endswith(("INT", "INTEGER")) and high - low < bins
    if whole:
        bins = int(high - low) + 1
    width = 1.0 if whole or high == low else (high - low) / bins
    frame = con.execute(
        f"""SELECT least(floor(({c} - ?) / ?), ? - 1) AS b, count(*) AS n FROM {qi(table)}
            WHERE {c} IS NOT NULL GROUP BY b ORDER BY b""", [low, width, bins]
    ).df()
    return pd.DataFrame({"low": low + frame["b"] * width, "high": low + (frame["b"] + 1) * width,
                         "count": frame["n"].astype(int)})


SERIES_UNSAID = ("no_customer", "one_row_per_customer", "sales_records")
"""Evidence a series of measurements contradicts: its rows are days, not customers or sales."""


def kind_said(con: duckdb.DuckDBPyConnection, table: str, kind: TableKind, lang: str) -> list[str]:
    """The table kind's evidence in ``lang``; a series of measurements (a date and numbers, no
    customer) is said to be one: monthly passengers read "each row is taken as one customer …
    one row per customer: a customer table"."""
    if series_of(con, table, kind) is None:
        return list(kind.sentences(lang))
    kept = [Sentence(f"kind.evidence.{key}", **values).text(lang)
            for key, values in kind.facts if key not in SERIES_UNSAID]
    return [*kept, i18n.t("kind.evidence.series", lang)]
