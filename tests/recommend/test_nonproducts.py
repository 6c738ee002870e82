"""Lines that are not products (postage, manual lines, fees, gifts, coupons) are never recommended
nor counted as hits, by code, by name in either language, or by what their prices show."""

from __future__ import annotations

import random

import pandas as pd

from crm_core.recommend import basket, data
from crm_core.recommend.run import RecommendConfig, run
from tests.recommend.conftest import make_table
from tests.recommend.test_run import _two_tastes

FEES = {"POST": "POSTAGE", "DOT": "DOTCOM POSTAGE", "M": "Manual"}


def _invoices(seed: int = 5, lines: list[tuple] | None = None) -> list[tuple]:
    """The two-tastes log as Online Retail invoice lines (StockCode, Description, UnitPrice), with
    POSTAGE on half of the invoices, DOTCOM POSTAGE at high, varying prices (some without a
    customer) and Manual lines at odd prices, as the real export has them."""
    rng = random.Random(seed)
    rows = []
    for c, o, d, p, q in lines or _two_tastes():
        rows.append((c, o, d, p, q, f"{p.upper()} HOLDER", round(rng.uniform(1.5, 2.5), 2)))
        if rng.random() < 0.5:
            rows.append((c, o, d, "POST", 1, FEES["POST"], 18.0))
        if rng.random() < 0.2:
            rows.append((c if rng.random() < 0.5 else None, o, d, "DOT", 1, FEES["DOT"],
                         round(rng.lognormvariate(5, 1.5), 2)))
        if rng.random() < 0.2:
            rows.append((c, o, d, "M", 1, FEES["M"], round(rng.lognormvariate(0, 2.5), 2)))
    return rows


def test_postage_and_manual_lines_are_not_recommended_nor_judged(con):
    make_table(con, "invoices", _invoices(), ("CustomerID", "InvoiceNo", "InvoiceDate", "StockCode",
                                              "Quantity", "Description", "UnitPrice"))
    result = run(con, "invoices", RecommendConfig(top=3, holdout_days=14))
    recs = result.recommendations
    assert not recs["product_id"].isin(list(FEES)).any(), recs["product_id"].value_counts().head()
    assert recs["customer_id"].nunique() == 80
    left = result.evaluation["not_products"]
    assert left["products"] == 3 and set(left["examples"]) == set(FEES)
    assert left["reasons"] == {"code": 2, "name": 1} and left["lines"] > 80  # M by its "Manual"
    assert set(result.model.products_) == {f"{g}{p}" for g in "ab" for p in range(8)}


def _shop(with_codes: bool, lines: list[tuple] | None = None) -> pd.DataFrame:
    """A Chinese shop's 订单明细 with 运费 on a third of the orders, 赠品 at 0 and 包装费 lines."""
    rng = random.Random(7)
    rows = []
    for c, o, d, p, q in lines or _two_tastes():
        rows.append((o, c, p, f"{p}号商品", q, 9.9, d))
        if rng.random() < 0.35:
            rows.append((o, c, "YF", "顺丰运费", 1, 8.0, d))
        if rng.random() < 0.3:
            rows.append((o, c, "ZP01", "【赠品】试用装", 1, 0.0, d))
        if rng.random() < 0.1:
            rows.append((o, c, "BZ", "包装费", 1, 2.0, d))
    frame = pd.DataFrame(rows, columns=["订单号", "会员ID", "商品编码", "商品名称", "数量", "实付金额",
                                        "下单时间"])
    return frame if with_codes else frame.drop(columns="商品编码")


def test_a_chinese_shops_fee_and_gift_lines_are_left_out_by_code_or_by_name(con):
    for name, with_codes, fees in (("订单明细", True, {"YF", "ZP01", "BZ"}),
                                   ("按名称", False, {"顺丰运费", "【赠品】试用装", "包装费"})):
        frame = _shop(with_codes)
        make_table(con, name, frame.itertuples(index=False), tuple(frame.columns))
        result = run(con, name, RecommendConfig(top=3, holdout_days=14))
        assert not result.recommendations["product_id"].isin(fees).any()
        left = result.evaluation["not_products"]
        assert left["products"] == 3 and set(left["examples"]) == fees, left


def test_what_prices_show_never_paid_for_or_priced_per_order_but_not_a_real_product(con):
    """A product always at 0 (a gift), one whose price spans ×1,000 (a manual line under an
    ordinary code) are left out; bulk produce priced by weight (×6), fuel logged in odd quantity
    units (unit price ×10,000 apart, about 30 a fill-up) and a product whose name only contains
    "discount" stay."""
    rows = []
    for i in range(40):
        day = f"2024-01-{1 + i % 28:02d}"
        rows += [(f"c{i}", f"o{i}", day, "GIFT1", 1, "SAMPLE BAG", 0.0),
                 (f"c{i}", f"o{i}", day, "X77", 1, "MISC", 0.05 * 1.2 ** i),
                 (f"c{i}", f"o{i}", day, "APL", 1, "APPLES LOOSE", 0.5 + 0.07 * i),
                 (f"c{i}", f"o{i}", day, "DD2", 1, "DISCOUNT DETERGENT 2L", 3.5)]
        gallons = 10_000 if i % 2 else 1
        rows.append((f"c{i}", f"f{i}", day, "GAS", gallons, "GASOLINE-REG UNLEADED", (28 + i % 5) / gallons))
    make_table(con, "lines", rows, ("CustomerID", "InvoiceNo", "InvoiceDate", "StockCode", "Quantity",
                                    "Description", "UnitPrice"))
    bought = data.purchases(con, "lines", {"customer_id": "CustomerID", "order_id": "InvoiceNo",
                                           "date": "InvoiceDate", "product_id": "StockCode",
                                           "quantity": "Quantity", "description": "Description",
                                           "unit_price": "UnitPrice"}, 7)
    assert set(bought.frame["product_id"].astype(str)) == {"APL", "DD2", "GAS"}
    assert bought.left_out["reasons"] == {"unpaid": 1, "price": 1}


def _pairs() -> list[tuple]:
    """60 customers, three orders each of a pair of products that go together (x0 with y0 …)."""
    return [(f"c{c:02d}", f"c{c:02d}-{j}", f"2024-01-{j + 1:02d}", f"{side}{(c + j) % 4}", 1)
            for c in range(60) for j in range(3) for side in "xy"]


def test_basket_rules_leave_out_postage_and_fee_lines_by_code_or_by_name(con):
    """POSTAGE on half of the invoice lines would pair with every product ("POST → x0"); 运费
    on a third of the orders likewise, in a shop that names products only by 商品名称."""
    columns = ("CustomerID", "InvoiceNo", "InvoiceDate", "StockCode", "Quantity", "Description", "UnitPrice")
    make_table(con, "invoices", _invoices(lines=_pairs()), columns)
    frame = _shop(with_codes=False, lines=_pairs())
    make_table(con, "按名称", frame.itertuples(index=False), tuple(frame.columns))
    for table, fees, pair in (("invoices", set(FEES), ("x0", "y0")),
                              ("按名称", {"顺丰运费", "【赠品】试用装", "包装费"}, ("x0号商品", "y0号商品"))):
        result = basket.run(con, table, basket.BasketConfig(min_support=0.01))
        rules = result.rules.set_index(["antecedent", "consequent"])
        assert rules.loc[pair, "lift"] > 3
        assert not (set(result.rules["antecedent"]) | set(result.rules["consequent"])) & fees
        assert result.left_out["products"] == 3 and set(result.left_out["examples"]) == fees
        assert result.summary()["not_products"] == result.left_out


def test_short_product_codes_stay_products_without_a_fee_description(con):
    """Online Retail's short fee codes (M, D, S, B, C2) are ordinary ids in another shop: a log of
    products ``a``, ``b``, ``m``, ``s``, ``d``, ``c2`` keeps them all (the exact-code rule dropped
    ``b``, ``m``, ``s``, ``d`` and ``c2``; a tiny CLI log lost its product ``b`` so)."""
    rows = [(f"u{c}", f"o{c}{i}", f"2024-01-0{1 + i}", p, 1, 2.0)
            for c in range(12) for i, p in enumerate(("a", "b", "m", "s", "d", "c2")[c % 4:c % 4 + 3])]
    make_table(con, "shop", rows, ("customer", "order_id", "date", "product", "qty", "price"))
    roles = {"customer_id": "customer", "order_id": "order_id", "date": "date", "product_id": "product",
             "quantity": "qty", "unit_price": "price"}
    bought = data.purchases(con, "shop", roles, 1)
    assert set(bought.frame["product_id"].astype(str)) == {"a", "b", "m", "s", "d", "c2"}
    assert bought.left_out["products"] == 0
