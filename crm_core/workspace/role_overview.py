"""The roles as the analyst reads them: why each column has its role, and one row per column
for the Data page (type, role in words, why, missing share, an example value)."""

from __future__ import annotations

import duckdb

from crm_core import i18n
from crm_core.report import format as fmt
from crm_core.workspace import column_kinds, group_buy, item_cells, store
from crm_core.workspace.role_values import Evidence
from crm_core.workspace.roles import detect_with_evidence, get_roles
from crm_core.workspace.sqlutil import qi


def role_evidence(con: duckdb.DuckDBPyConnection, table: str, roles: dict[str, str],
                  lang: str = "en") -> dict[str, str]:
    """column → why it has its role: the detection's evidence, or "set by you" for a correction."""
    detected = detect_with_evidence(con, table)
    out = {}
    for role, column in roles.items():
        guess = detected.get(role)
        if guess and guess[0] == column:
            out |= {c: e.text(lang) for c, e in _total_apart(guess[1], column, roles).items()}
        else:
            out[column] = Evidence().add("saved").text(lang)
    return out


def _total_apart(evidence: Evidence, price: str, roles: dict[str, str]) -> dict[str, Evidence]:
    """column → its evidence, an order's total repeated on its lines said on the total's own row
    (it has no role): on the price's row it made every row of the Data page's grid as tall as its
    181 letters, and the total's row said nothing (walk25's WooCommerce ``Order Total``)."""
    own, moved = Evidence(), {}
    for key, values in evidence.items:
        total = values.get("amount") if key == "order_total_on_lines" else None
        if total and total not in roles.values():
            moved[total] = Evidence().add("order_total_here", orders=values["orders"], price=price)
        else:
            own.add(key, **values)
    return {price: own} | moved


def _item_list_evidence(con: duckdb.DuckDBPyConnection, table: str, roles: dict[str, str],
                        lang: str) -> dict[str, str]:
    """The column holding each order's items in one cell (``A*2;B*1``), which has no role of its
    own: the page says what it is, so the analyst does not give it the product role."""
    column = item_cells.text_list(con, table, roles)
    if not column or column in roles.values():
        return {}
    example = item_cells.several_items_example(con, table, column)
    return {column: Evidence().add("item_list", example=example).text(lang)}


def _group_order(columns: list[str], roles: dict[str, str], lang: str) -> dict[str, str]:
    """column → why it makes the order, for a 快团团 export's 团购标题 and 跟团号 when no column is the
    order id: the view composes the order of the two, and the grid showed neither with a role (left60)."""
    pair = None if roles.get("order_id") else group_buy.order_columns(columns)
    if pair is None:
        return {}
    why = Evidence().add("group_order", title=pair[0], number=pair[1]).text(lang)
    return dict.fromkeys(pair, why)


def column_overview(con: duckdb.DuckDBPyConnection, table: str, lang: str = "en"):
    """One row per column: name, type, current role (in words), why, missing share and an example.

    Computed in one SQL pass so it stays quick on large tables.
    """
    import pandas as pd

    columns = store.columns_of(con, table)
    roles = get_roles(con, table)
    group_order = _group_order([c for c, _ in columns], roles, lang)
    current = dict.fromkeys(group_order, "order_id") | {c: r for r, c in roles.items()}
    why = (role_evidence(con, table, roles, lang) | _item_list_evidence(con, table, roles, lang)
           | group_order)
    parts = ", ".join(
        f"avg(CASE WHEN {qi(c)} IS NULL THEN 1.0 ELSE 0.0 END), "
        f"CAST(any_value({qi(c)}) AS VARCHAR)" for c, _ in columns
    )
    row = con.execute(f"SELECT {parts} FROM {qi(table)}").fetchone() if columns else ()
    shares = column_kinds.share_columns(con, table)
    return pd.DataFrame({
        "column": [c for c, _ in columns],
        "type": [t for _, t in columns],
        "role": [i18n.role_name(current.get(c, ""), lang) for c, _ in columns],
        "evidence": [why.get(c, "") for c, _ in columns],
        "missing": [float(row[2 * i] or 0.0) for i in range(len(columns))],
        "example": [_example(row[2 * i + 1], dtype, c in shares, lang)
                    for i, (c, dtype) in enumerate(columns)],
    })


def _example(text: str | None, dtype: str, share: bool = False, lang: str = "en") -> str:
    """A value as the analyst typed it: a whole price in a DOUBLE column read ``417.0`` (walk9), a
    percent the loader keeps as a share of one ``12.5%``, not ``0.125``; a day and time as the
    preview above says it (``2025-07-01 10:34:19`` beside its ``2025年7月1日 10:34``, walk16)."""
    if share and text:
        return f"{float(text) * 100:.10g}%"
    if text and dtype.upper().startswith(("DATE", "TIMESTAMP")):
        return fmt.moment(text, lang)
    text = (text or "")[:80]
    if dtype.upper() in FLOAT_TYPES and text.endswith(".0"):
        return text[:-2]
    return text


FLOAT_TYPES = frozenset({"DOUBLE", "FLOAT", "REAL"})
