"""Tabs that open or end every value of a text column: Chinese payment bills write them so Excel keeps a
long number as text."""

from crm_core import i18n
from crm_core.load import coltypes
from crm_core.workspace.sqlutil import qi


def strip_text_tabs(con, table: str) -> list:
    """Drop the tab that ends or opens every value of a text column (spaces beside it too): 微信支付 and
    支付宝 bills write ``4200001234000000\t``, 快手小店 ``\t2406000000000001488``, so Excel keeps the
    number as text; kept, no order number matched the same number typed in SQL or another table,
    and every product id in recommendations.csv read ``'\t2000…``."""
    columns = [c for c, dtype, *_ in con.execute(f"DESCRIBE {qi(table)}").fetchall() if dtype == "VARCHAR"]
    for rows in (f"(SELECT * FROM {qi(table)} LIMIT 1000)", qi(table)):  # the head first: cheap
        if not columns:
            return []
        tabbed = con.execute("SELECT " + ", ".join(
            f"coalesce(bool_and(ends_with(rtrim({qi(c)}), chr(9)) OR starts_with(ltrim({qi(c)}), chr(9)))"
            f" FILTER (WHERE trim({qi(c)}) <> ''), false)" for c in columns) + f" FROM {rows}").fetchone()
        columns = [c for c, t in zip(columns, tabbed, strict=True) if t]
    if columns:
        con.execute(f"UPDATE {qi(table)} SET " + ", ".join(
            f"{qi(c)} = trim({qi(c)}, chr(9) || ' ')" for c in columns))
    return [coltypes.note("tab_ends", columns=i18n.Listing(columns))] if columns else []
