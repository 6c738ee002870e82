"""A column that packs each order's items into one cell, as ``key:value`` fields (Big Cartel's ``Items``)."""

from __future__ import annotations

import duckdb

from crm_core.workspace import store
from crm_core.workspace.sqlutil import qi

PACKED = r"(^|[|;]) *[a-z_]*(name|sku|title) *:"
"""An item's field in a packed cell: ``product_name:Moth Enamel Pin|product_option_name:…|quantity:1``."""


def packed_items(con: duckdb.DuckDBPyConnection, table: str) -> tuple[str, str] | None:
    """The text column most of whose cells pack items (read on its first 2,000 rows), with the start of one
    cell: no column can be marked as the product there, so Recommend's refusal names it (walk42)."""
    texts = [c for c, dtype in store.columns_of(con, table) if dtype == "VARCHAR"]
    for column in texts:
        c = qi(column)
        packed, filled, cell = con.execute(
            f"SELECT count(*) FILTER (WHERE regexp_matches({c}, ?, 'i')), count({c}), "
            f"min({c}) FILTER (WHERE regexp_matches({c}, ?, 'i')) "
            f"FROM (SELECT {c} FROM {qi(table)} LIMIT 2000)",
            [PACKED, PACKED]).fetchone()
        if filled and packed >= 0.5 * filled:
            return column, cell if len(cell) <= 60 else cell[:60] + "…"
    return None
