"""Customer features: RFM exact on a tiny hand-computed table, and on the sample data."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

from crm_core.errors import CrmError
from crm_core.load.reader import load_file
from crm_core.load.sample import SAMPLE_DIR
from crm_core.segment.features import customer_features
from crm_core.segment.rfm import rfm_scores
from crm_core.workspace import store
from tests.cli.test_segment import order_export_with_a_till

ROWS = [  # invoice, day, customer, product, qty, price, amount
    ("O1", "2024-01-01", "007", "P1", 2, 2.0, 4.0),
    ("O1", "2024-01-01", "007", "P2", 1, 6.0, 6.0),
    ("O2", "2024-01-05", "007", "P1", 10, 2.0, 20.0),
    ("C1", "2024-01-06", "007", "P1", -1, 5.0, -5.0),    # a return
    ("O3", "2024-01-10", "010", "P3", 1, 0.0, 0.0),      # single order, zero amount
    ("O4", "2024-01-10", "003", "P1", 3, 10.0, 30.0),    # two orders on one day
    ("O5", "2024-01-10", "003", "P2", 3, 10.0, 30.0),
    ("O6", None, "004", "P1", 1, 100.0, 100.0),          # a customer with no date
    ("O7", "2024-01-08", None, "P1", 5, 10.0, 50.0),     # guest checkout
    ("O8", "2024-01-03", "005", "P3", 2, 10.0, 20.0),
]
ROLES = {"customer_id": "cust", "order_id": "invoice", "date": "day", "amount": "amount",
         "quantity": "qty", "unit_price": "price", "product_id": "product"}


@pytest.fixture
def tiny(con):
    frame = pd.DataFrame(ROWS, columns=["invoice", "day", "cust", "product", "qty", "price", "amount"])
    con.register("rows", frame)
    con.execute("CREATE TABLE tx AS SELECT * FROM rows")
    con.unregister("rows")
    store.save_roles(con, "tx", ROLES)
    return con


def _by_id(result) -> pd.DataFrame:
    return result.frame.set_index("customer_id")


def test_rfm_by_hand(tiny):
    result = customer_features(tiny, "tx")
    f = _by_id(result)
    assert sorted(f.index) == ["003", "005", "007", "010"]  # leading zeros kept, no date → out
    assert result.reference_date == date(2024, 1, 11)
    assert f.loc["007", ["recency_days", "frequency", "monetary"]].tolist() == [6, 2, 25.0]  # C1 no visit
    assert f.loc["010", ["recency_days", "frequency", "monetary"]].tolist() == [1, 1, 0.0]
    assert f.loc["003", ["recency_days", "frequency", "monetary"]].tolist() == [1, 2, 60.0]
    assert f.loc["005", ["recency_days", "frequency", "monetary"]].tolist() == [8, 1, 20.0]
    assert f.loc["007", "tenure_days"] == 10
    assert f.loc["007", "return_share"] == pytest.approx(0.25)
    assert f.loc["007", "distinct_products"] == 2
    assert f.loc["003", "avg_order_value"] == pytest.approx(30.0)
    assert result.coverage == {"rows": 10, "no_customer_id": 1, "no_date": 1, "no_amount": 0, "used": 8,
                               "cancelled": 0}  # no order here that a refund took back in full


def test_rfm_scores_with_ties_by_hand(tiny):
    scores = rfm_scores(customer_features(tiny, "tx").frame).set_index("customer_id")
    # R: worse = strictly older last order; 003 and 010 tie on recency 1 and share a score.
    assert scores["r_score"].to_dict() == {"003": 3, "005": 1, "007": 2, "010": 3}
    assert scores["f_score"].to_dict() == {"003": 3, "005": 1, "007": 3, "010": 1}  # 007's return no visit
    assert scores["m_score"].to_dict() == {"003": 4, "005": 2, "007": 3, "010": 1}
    # 005 is R 1, F 1 but last ordered days before the end, not churn's 90: quiet, not lost (left88).
    assert scores["rfm_group"].to_dict() == {"003": "need_attention", "005": "hibernating",
                                             "007": "at_risk", "010": "about_to_sleep"}
    assert scores.loc["007", "rfm_cell"] == "233"


def test_no_order_id_counts_distinct_dates(tiny):
    store.save_roles(tiny, "tx", {k: v for k, v in ROLES.items() if k != "order_id"})
    f = _by_id(customer_features(tiny, "tx"))
    assert f.loc["003", "frequency"] == 1 and f.loc["007", "frequency"] == 2  # the return's day no visit


def test_no_amount_uses_quantity_times_price(tiny):
    store.save_roles(tiny, "tx", {k: v for k, v in ROLES.items() if k != "amount"})
    result = customer_features(tiny, "tx")
    assert _by_id(result).loc["007", "monetary"] == pytest.approx(4 + 6 + 20 - 5)
    assert result.monetary_source == "quantity × unit_price"


def test_observation_end_cuts_history(tiny):
    result = customer_features(tiny, "tx", observation_end=date(2024, 1, 5))
    f = _by_id(result)
    assert sorted(f.index) == ["005", "007"]
    assert f.loc["007", ["recency_days", "frequency", "monetary"]].tolist() == [1, 2, 30.0]
    assert result.reference_date == date(2024, 1, 6)
    assert result.coverage["after_observation_end"] == 4 and result.coverage["used"] == 4


def test_missing_roles_and_empty_results_are_clear(tiny):
    store.save_roles(tiny, "tx", {"customer_id": "cust"})
    with pytest.raises(CrmError, match="no date column"):
        customer_features(tiny, "tx")
    store.save_roles(tiny, "tx", ROLES)
    with pytest.raises(CrmError, match="on or before 2020-01-01"):
        customer_features(tiny, "tx", observation_end=date(2020, 1, 1))


def test_sample_orders_match_an_independent_pandas_computation(sample_ws):
    with sample_ws.connect() as con:
        result = customer_features(con, "orders")
    raw = pd.read_csv(SAMPLE_DIR / "orders.csv", dtype={"customer_id": str, "invoice_no": str},
                      parse_dates=["invoice_date"])
    raw = raw.dropna(subset=["customer_id"])
    raw["bought_on"] = raw["invoice_date"].where((raw["amount"] >= 0) & (raw["quantity"] >= 0)).dt.normalize()
    ref = raw["bought_on"].max() + pd.Timedelta(days=1)
    expected = raw.groupby("customer_id").agg(  # a return is no activity: recency from the last purchase
        recency_days=("bought_on", lambda s: (ref - s.max()).days), monetary=("amount", "sum"))
    nets = raw.groupby(["customer_id", "invoice_no"])["amount"].sum().reset_index()
    orders = nets[nets["amount"] >= 0].groupby("customer_id")["invoice_no"].nunique()  # a return no order
    expected.insert(1, "frequency", orders.reindex(expected.index).fillna(
        nets.groupby("customer_id")["invoice_no"].nunique()))
    got = _by_id(result)[["recency_days", "frequency", "monetary"]].sort_index()
    assert len(got) == 3000
    pd.testing.assert_frame_equal(got, expected.sort_index(), check_dtype=False, check_names=False)


class _Noting:
    """The real DuckDB connection, noting each statement it runs (to count the reads of a table)."""

    def __init__(self, con) -> None:
        self.con, self.statements = con, []

    def execute(self, sql: str, *params):
        self.statements.append(sql)
        return self.con.execute(sql, *params)

    def __getattr__(self, name: str):
        return getattr(self.con, name)


def test_the_till_is_found_in_the_features_own_pass(con, tmp_path):
    """docs/judge.md: finding the shop's till was one more pass over the used rows (3M lines,
    segment 9.5 → 12.5 s user CPU). The features' own pass finds it now: the table is read for the
    dates kept, the features and the coverage, and the till is still left out and named."""
    path = tmp_path / "订单导出.csv"
    till_rows = order_export_with_a_till(path)
    load_file(con, path, "orders")
    noting = _Noting(con)
    result = customer_features(noting, "orders")
    assert result.shared == (("18579811711", 1080, 120),)
    assert "18579811711" not in set(result.frame["customer_id"]) and len(result.frame) == 300
    assert result.coverage["shared_account"] == till_rows
    passes = [sql for sql in noting.statements if 'FROM "orders"' in sql and "LIMIT" not in sql]
    assert len(passes) == 3  # a bounded read of the first rows (order_total's check) is no pass


def test_a_refund_is_no_activity_for_recency(con):
    """Square's Transactions export (judge26, tests/data/square_transactions.csv) writes a refund as its own
    row two days after the payment, under the same Transaction ID. A customer who only came back to have a
    check refunded did not buy: their last order is their last payment's day, not the refund's, and recency
    counts from it (as churn and spend count it: customers/history.py). A check refunded in full is no order
    at all (left27): at the 2017-05-31 cut ``00019F506…``'s one check had come back: they bought nothing."""
    from tests.conftest import DATA

    path = DATA / "square_transactions.csv"
    until = date(2017, 5, 31)
    raw = pd.read_csv(path, dtype=str, keep_default_na=False)
    raw["day"] = pd.to_datetime(raw["Date"], format="%m/%d/%Y").dt.date
    named = raw[(raw["Customer ID"] != "") & (raw["day"] <= until)]
    latest = named.sort_values("day").groupby("Customer ID").tail(1)
    refunded_last = set(latest.loc[latest["Event Type"] == "Refund", "Customer ID"])
    assert refunded_last, "the excerpt holds a customer whose latest row before the cut is a refund"
    refunded = set(raw.loc[raw["Event Type"] == "Refund", "Transaction ID"])  # each in full here
    kept = named[(named["Event Type"] == "Payment") & ~named["Transaction ID"].isin(refunded)]
    paid = kept.groupby("Customer ID")["day"].max()
    load_file(con, path, table="sq")
    found = customer_features(con, "sq", observation_end=until).frame.set_index("customer_id")
    last = found["last_order"].map(lambda d: pd.Timestamp(d).date())
    assert last.to_dict() == paid.to_dict()
    for customer in refunded_last:
        if customer in paid:
            assert found.loc[customer, "recency_days"] == (until - paid[customer]).days + 1
        else:
            assert customer not in found.index


def test_a_credit_memo_is_no_visit_for_frequency(con):
    """QuickBooks' Sales by Customer Detail (judge31) writes a return as a Credit Memo or Refund Receipt under
    a ``Num`` of its own, negative Amount: Allen Bistro's two invoices and one credit memo read frequency 3.
    A return is no visit, as churn and spend count it (customers/history.py: a visit netting below zero is
    no purchase); a customer who only returned keeps their returns as their visits."""
    from tests.conftest import DATA

    path = DATA / "quickbooks_sales_by_customer_excerpt.csv"
    lines = pd.read_csv(path, skiprows=4, dtype=str, keep_default_na=False)
    lines["who"] = lines.iloc[:, 0].where(lines["Date"] == "").replace("", None).ffill()
    lines = lines[(lines["Date"] != "") & (lines["who"] != "Not Specified")].copy()
    lines["money"] = lines["Amount"].str.replace(",", "").astype(float)
    nets = lines.groupby(["who", "Num"])["money"].sum().reset_index()
    bought = nets[nets["money"] >= 0].groupby("who")["Num"].nunique()
    expected = bought.reindex(nets["who"].unique()).fillna(nets.groupby("who")["Num"].nunique())
    assert (nets["money"] < 0).sum() >= 4, "the excerpt holds credit memos and refund receipts"
    load_file(con, path, table="qbo")
    found = customer_features(con, "qbo").frame.set_index("customer_id")["frequency"]
    assert found["Allen Bistro"] == 2
    assert found.sort_index().to_dict() == expected.astype(int).sort_index().to_dict()
