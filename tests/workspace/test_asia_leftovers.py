"""Leftovers of judge63 on its excerpts (docs/judge.md, left64): 楽天 RMS's phone split over three cells
(``注文者電話番号１/２/３``: ``087`` ``4579`` ``3194``) and the money of a Japanese export read as yen, a
header's ``(IDR)`` as the rupiah."""

from __future__ import annotations

import pandas as pd

from crm_core.load.reader import load_file
from crm_core.quality.profile import profile
from crm_core.report import format as fmt
from crm_core.workspace.roles import get_roles
from crm_core.workspace.store import columns_of
from crm_core.workspace.table_kind import money_columns
from tests.conftest import DATA

ALIBABA = DATA / "alibaba1688_orders_excerpt_zh.xlsx"
RAKUTEN = DATA / "rakuten_rms_orders_excerpt_ja.csv"
TOKOPEDIA = DATA / "tokopedia_sales_excerpt.csv"
U8 = DATA / "u8_sales_outbound_excerpt_zh.csv"
PHONE = ["注文者電話番号１", "注文者電話番号２", "注文者電話番号３"]


def _shown(con, table: str, column: str) -> list[str]:
    return [str(v) for (v,) in con.execute(f'SELECT "{column}" FROM {table}').fetchall()]


def test_every_part_of_a_split_phone_is_masked(con):
    """``--mask-pii`` left the three cells in clear: no part alone reads as a phone. Each part now holds
    the whole number's pseudonym, so one phone is one token and no digit of it is kept."""
    lines = pd.read_csv(RAKUTEN, dtype=str, encoding="cp932")
    whole = lines[PHONE].agg("".join, axis=1)
    load_file(con, RAKUTEN, table="rakuten", mask_pii=True)
    for column in PHONE:
        assert not set(_shown(con, "rakuten", column)) & set(lines[column]), column
    first = _shown(con, "rakuten", PHONE[0])
    assert first == _shown(con, "rakuten", PHONE[2])
    assert len(set(first)) == whole.nunique()


def test_a_japanese_exports_money_is_yen_and_a_chinese_ones_yuan(con):
    """楽天's headers (受注番号, 単価, 個数 …) showed its money bare, the 計 of 合計 read as Taiwan's; a
    mainland export (用友 U8) keeps the yuan."""
    load_file(con, RAKUTEN, table="rakuten")
    load_file(con, U8, table="u8")
    assert (fmt.table_currency(con, "rakuten"), fmt.table_currency(con, "u8")) == ("JPY", "CNY")
    said = [p["message"] for p in profile(con, "rakuten")["problems"] if p["column"] == "単価"]
    assert said and "JP¥" in said[0], said


def test_a_price_whose_header_names_its_currency_is_shown_in_it(con):
    """Tokopedia's ``Harga Awal (IDR)`` (the price before discount, no role) showed its fences bare beside
    ``Harga Jual (IDR)``'s ``Rp``."""
    load_file(con, TOKOPEDIA, table="tokopedia")
    said = {p["column"]: p["message"] for p in profile(con, "tokopedia")["problems"]
            if p["kind"] == "outliers"}
    assert "Rp" in said["Harga Awal (IDR)"], said


def test_a_japanese_orders_totals_are_money(con):
    """楽天's ``合計`` (the order's goods) and ``合計金額(-99999=無効値)`` were no money: fences bare."""
    load_file(con, RAKUTEN, table="rakuten")
    money = money_columns(columns_of(con, "rakuten"), get_roles(con, "rakuten"), set())
    assert {"合計", "合計金額(-99999=無効値)", "単価"} <= set(money), money


def test_a_wholesale_orders_freight_is_said_to_be_out_of_the_spend(con):
    """1688's spend is the goods (单价 × 数量): 运费(元), written on each row of its order, was left out
    without a word, and the wholesaler reading 实付款 (freight in) saw 5 % less than paid."""
    lines = pd.read_excel(ALIBABA, dtype={"订单编号": str})
    kept = lines[~lines["订单状态"].isin(["等待买家付款", "交易关闭"])].drop_duplicates("订单编号")
    paid = kept[kept["运费(元)"] > 0]
    notes = [str(n) for n in load_file(con, ALIBABA, table="alibaba")[0].notes]
    money = fmt.money(paid["运费(元)"].sum(), "CNY")
    said = (f"“运费(元)” (freight, {money} on {len(paid)} orders) is in no spend or revenue: "
            "the money here is the goods, “单价(元)” × “数量”")
    assert any(n.startswith(said) for n in notes), notes
