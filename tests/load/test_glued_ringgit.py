"""Ringgit written ``RM45.90``, no space, under a money header (left42): Lazada's own site writes
``RM 45.90``, but sellers' sheets and other Malaysian shops glue the sign on. ``RM`` alone is read as the
ringgit only before a space (judge41), so a raw-material code ``RM1001`` stays a code; a header that says
money (``Paid Price``, ``Unit Price``, ``金额``) says the glued sign is the ringgit too. Expected numbers are
read from the excerpt."""

from __future__ import annotations

import pandas as pd

from crm_core.load.reader import load_file
from crm_core.report import format as fmt
from tests.conftest import DATA

LAZADA = DATA / "lazada_orders_excerpt.csv"
MONEY = ["Paid Price", "Unit Price", "Seller Discount Total", "Shipping Fee"]


def _glued(tmp_path) -> tuple[pd.DataFrame, str]:
    """The Lazada excerpt with its money written ``RM18.86`` and a code column ``RM1001`` beside it."""
    raw = pd.read_csv(LAZADA, dtype=str, keep_default_na=False)
    for column in MONEY:
        raw[column] = raw[column].str.replace("RM ", "RM", regex=False)
    raw["Material"] = [f"RM{1001 + i % 7}" for i in range(len(raw))]
    path = tmp_path / "lazada_glued.csv"
    raw.to_csv(path, index=False)
    return raw, str(path)


def _types(con, table: str) -> dict[str, str]:
    return {c: t for c, t, *_ in con.execute(f'DESCRIBE "{table}"').fetchall()}


def test_glued_ringgit_under_a_money_header_is_money_and_a_code_stays_text(con, tmp_path):
    raw, path = _glued(tmp_path)
    table = load_file(con, path, "lz_glued")[0].table
    types = _types(con, table)
    assert {c: types[c] for c in MONEY} == dict.fromkeys(MONEY, "DOUBLE")
    assert types["Material"] == "VARCHAR"
    paid = con.execute(f'SELECT round(sum("Paid Price"), 2) FROM "{table}"').fetchone()[0]
    assert paid == round(raw["Paid Price"].str.removeprefix("RM").astype(float).sum(), 2)
    codes = [r[0] for r in con.execute(f'SELECT "Material" FROM "{table}" ORDER BY rowid LIMIT 3').fetchall()]
    assert codes == raw["Material"].head(3).tolist()
    assert fmt.display_currency(con, table) == "MYR"


def test_glued_ringgit_under_a_chinese_money_header_is_money(con, tmp_path):
    raw = pd.read_csv(LAZADA, dtype=str, keep_default_na=False).head(30)
    frame = pd.DataFrame({"订单号": raw["Order Number"],
                          "物料编码": [f"RM{2001 + i}" for i in range(len(raw))],
                          "金额": raw["Paid Price"].str.replace("RM ", "RM", regex=False)})
    path = tmp_path / "马来西亚订单.csv"
    frame.to_csv(path, index=False)
    table = load_file(con, str(path), "my_zh")[0].table
    types = _types(con, table)
    assert (types["金额"], types["物料编码"]) == ("DOUBLE", "VARCHAR")
    total = con.execute(f'SELECT round(sum("金额"), 2) FROM "{table}"').fetchone()[0]
    assert total == round(frame["金额"].str.removeprefix("RM").astype(float).sum(), 2)
