"""Rows of a sales ledger that are no product line: Lightspeed Retail X-Series (Vend) exports each sale as a
``Sale`` row (the receipt's totals), its ``Sale Line`` rows and a ``Payment`` row per tender, told apart only
by ``Line Type``; read whole, a sale's money counts up to three times (judge33)."""

from __future__ import annotations

import re

from crm_core.workspace.events import listed, present

_LINE_TYPE = re.compile(r"^(line|row|record)[ _-]?type$", re.IGNORECASE)
LINES = ("sale line",)
"""The line type of a product sold (a return is one too, its quantity negative)."""


def not_line_tests(columns: list[tuple[str, str]], table: str) -> list[str]:
    """True on a row that is not a product line, where the line-type column has product lines at all."""
    return [f"(NOT {listed(c, LINES)} AND {present(table, listed(c, LINES))})"
            for c, dtype in columns if dtype == "VARCHAR" and _LINE_TYPE.match(c.strip())]
