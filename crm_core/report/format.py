"""One formatting layer for what an analyst reads: pages, HTML reports and downloads.

Shown numbers get a form (``28%``, ``¥2,121,321``, ``31,244``, ``0.99``, dates in the UI
language); downloaded numbers keep their precision but lose float noise (money to cents,
other floats to 12 significant digits, so ``100.50000000000001`` is written ``100.5``).
Every function is small and pure so any page or report can adopt it (docs/presentation.md).
"""

from __future__ import annotations

import math
from collections.abc import Iterable

import duckdb
import numpy as np
import pandas as pd

from crm_core.errors import CrmError
from crm_core.workspace import store

CURRENCIES: dict[str, str] = {"": "", "CNY": "¥", "USD": "$", "EUR": "€", "GBP": "£"}
"""Workspace currency code → the symbol shown before amounts ("" shows plain numbers)."""
MISSING = "—"
SIGNIFICANT = 12
"""Floats in downloads keep this many significant digits: all real precision, none of the noise."""
_PREFS = f"{store.META}.preferences"
_PREFS_DDL = f"CREATE TABLE IF NOT EXISTS {_PREFS} (key VARCHAR PRIMARY KEY, value VARCHAR)"


def _missing(value: object) -> bool:
    if value is None or value is pd.NA or value is pd.NaT:
        return True
    return isinstance(value, float | np.floating) and math.isnan(value)


def decimals_for(value: float) -> int:
    """Sensible decimals for a plain number: none from 100 up, one from 10, two below."""
    size = abs(value)
    if size >= 100:
        return 0
    return 1 if size >= 10 else 2


def number(value: object, decimals: int | None = None) -> str:
    """``31244.3085`` → ``31,244``; ``0.9919`` → ``0.99``; whole numbers without decimals."""
    if _missing(value):
        return MISSING
    x = float(value)  # type: ignore[arg-type]
    if decimals is None:
        decimals = 0 if x.is_integer() else decimals_for(x)
    return f"{x:,.{decimals}f}"


def percent(share: object, decimals: int = 0) -> str:
    """A share (0.28) as a percentage (``28%``); tiny non-zero shares keep one decimal."""
    if _missing(share):
        return MISSING
    x = float(share) * 100  # type: ignore[arg-type]
    if decimals == 0 and 0 < abs(x) < 1:
        decimals = 1
    return f"{x:,.{decimals}f}%"


def money(amount: object, currency: str = "", decimals: int | None = None) -> str:
    """``2121321.44`` → ``¥2,121,321``; cents shown only for amounts under 1,000."""
    if _missing(amount):
        return MISSING
    x = float(amount)  # type: ignore[arg-type]
    if decimals is None:
        decimals = 0 if abs(x) >= 1000 else 2
    symbol = CURRENCIES.get(currency, currency)
    sign = "-" if x < 0 else ""
    return f"{sign}{symbol}{abs(x):,.{decimals}f}"


def day(value: object, lang: str = "en") -> str:
    """A date in the UI language: ``2 Dec 2026`` / ``2026年12月2日``."""
    if _missing(value):
        return MISSING
    d = pd.Timestamp(value)  # type: ignore[arg-type]
    if lang == "zh":
        return f"{d.year}年{d.month}月{d.day}日"
    return f"{d.day} {d:%b %Y}"


def value(x: object, kind: str, lang: str = "en", currency: str = "") -> str:
    """Format by kind: ``percent``, ``money``, ``number``, ``count`` or ``date``."""
    if kind == "percent":
        return percent(x)
    if kind == "money":
        return money(x, currency)
    if kind == "count":
        return number(x, 0)
    if kind == "date":
        return day(x, lang)
    return number(x)


def shown(frame: pd.DataFrame, kinds: dict[str, str], lang: str = "en", currency: str = "") -> pd.DataFrame:
    """A copy for reading (pages, HTML): the named columns as formatted text, others as they are."""
    out = frame.copy()
    for column, kind in kinds.items():
        if column in out:
            out[column] = [value(v, kind, lang, currency) for v in out[column]]
    return out


def _significant(x: float) -> float:
    return x if not math.isfinite(x) or x == 0 else float(f"{x:.{SIGNIFICANT}g}")


def tidy(frame: pd.DataFrame, money_columns: Iterable[str] = ()) -> pd.DataFrame:
    """A copy for files (CSV/Excel): money rounded to cents, other floats without float noise."""
    out = frame.copy()
    money_set = set(money_columns)
    for column in out.columns:
        if not pd.api.types.is_float_dtype(out[column]):
            continue
        floats = out[column].astype("float64")  # nullable Float64: NA → NaN
        out[column] = floats.round(2) if column in money_set else floats.map(_significant)
    return out


def currency(con: duckdb.DuckDBPyConnection) -> str:
    """The workspace currency code ("" until the analyst picks one)."""
    con.execute(f"CREATE SCHEMA IF NOT EXISTS {store.META}")
    con.execute(_PREFS_DDL)
    row = con.execute(f"SELECT value FROM {_PREFS} WHERE key = 'currency'").fetchone()
    return row[0] if row and row[0] in CURRENCIES else ""


def set_currency(con: duckdb.DuckDBPyConnection, code: str) -> None:
    """Keep the workspace currency (one of :data:`CURRENCIES`)."""
    if code not in CURRENCIES:
        raise CrmError(f"Unknown currency '{code}'; choose one of {', '.join(c for c in CURRENCIES if c)}.")
    con.execute(f"CREATE SCHEMA IF NOT EXISTS {store.META}")
    con.execute(_PREFS_DDL)
    con.execute(f"INSERT OR REPLACE INTO {_PREFS} VALUES ('currency', ?)", [code])

