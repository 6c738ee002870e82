"""A payment export counts its charges: Stripe's ``id`` (one per charge) is the order id, and a
charge refunded in full is no purchase (judge18's "seen and left alone", roles18)."""

from __future__ import annotations

import pandas as pd
import pytest

from crm_core.load.reader import load_file
from crm_core.segment.features import customer_features
from crm_core.workspace.coverage import coverage
from crm_core.workspace.roles import detect_with_evidence, get_roles
from crm_core.workspace.transactions import transaction_view
from tests.conftest import DATA


def _paid() -> pd.DataFrame:
    frame = pd.read_csv(DATA / "bike_shop_payments.csv", dtype=str)
    return frame[frame["Status"] == "Paid"]


def test_a_stripe_charge_id_is_the_order_id_and_two_charges_on_one_day_are_two_orders(con):
    loaded = load_file(con, DATA / "bike_shop_payments.csv")[0]
    found = detect_with_evidence(con, loaded.table)
    assert found["order_id"][0] == "id"
    assert "'ch_…'" in found["order_id"][1].text("en") and "“ch_…”" in found["order_id"][1].text("zh")
    paid = _paid()
    charges = paid.groupby("Customer Email").size()
    days = paid.assign(day=paid["Created (UTC)"].str[:10]).groupby("Customer Email")["day"].nunique()
    assert (charges > days).any()  # the export has shops paying twice on one day
    features = customer_features(con, loaded.table).frame.set_index("customer_id")["frequency"]
    assert features.sort_index().tolist() == charges.sort_index().tolist()


def test_a_unique_token_without_customer_or_money_is_no_order_id(con, tmp_path):
    """A people table's ``cus_…`` ids are the customers' own keys, not orders."""
    frame = pd.read_csv(DATA / "bike_shop_payments.csv", dtype=str)
    people = pd.DataFrame({"id": [f"cus_{i:04d}Pq{i * 7919:06d}" for i in range(len(frame))],
                           "Created (UTC)": frame["Created (UTC)"], "Email": frame["Customer Email"]})
    people.to_csv(tmp_path / "customers.csv", index=False)
    loaded = load_file(con, tmp_path / "customers.csv")[0]
    assert "order_id" not in detect_with_evidence(con, loaded.table)


def _api_export(tmp_path) -> pd.DataFrame:
    """The charges as Stripe's API lists them (``/v1/charges``: cents, Unix seconds, the customer's
    ``cus_`` id, no status column once failed charges are filtered out): a charge refunded in full
    has ``amount_refunded`` equal to ``amount``. Our own rendering of the documented fields."""
    frame = pd.read_csv(DATA / "bike_shop_payments.csv", dtype=str)
    frame = frame[frame["Status"] != "Failed"]
    cents = {c: (frame[c].str.replace(",", "").astype(float) * 100).round().astype(int)
             for c in ("Amount", "Amount Refunded")}
    emails = sorted(set(frame["Customer Email"]))
    shops = {email: f"cus_{i:02d}Qm{i * 7919:06d}" for i, email in enumerate(emails)}
    api = pd.DataFrame({"id": frame["id"], "amount": cents["Amount"],
                        "amount_refunded": cents["Amount Refunded"],
                        "currency": "usd", "customer": frame["Customer Email"].map(shops),
                        "created": pd.to_datetime(frame["Created (UTC)"]).astype("int64") // 10**9,
                        "description": frame["Description"]})
    api.to_csv(tmp_path / "charges.csv", index=False)
    return api


def test_a_charge_refunded_in_full_is_no_purchase(con, tmp_path):
    api = _api_export(tmp_path)
    whole = api["amount_refunded"] >= api["amount"]
    assert 0 < whole.sum() < len(api)
    loaded = load_file(con, tmp_path / "charges.csv")[0]
    said = [str(n) for n in loaded.notes if "whole amount" in str(n)]
    assert said and said[0].endswith(f": {int(whole.sum())}")
    roles = get_roles(con, loaded.table)
    view = transaction_view(con, loaded.table, roles)
    assert coverage(con, view)["cancelled"] == whole.sum()
    kept = api[~whole]
    frequency = customer_features(con, loaded.table).frame.set_index("customer_id")["frequency"]
    assert frequency.sort_index().tolist() == kept.groupby("customer").size().sort_index().tolist()
    money = ((kept["amount"] - kept["amount_refunded"]) / 100).sum()
    assert con.execute(f"SELECT sum(amount) FROM ({view.sql})").fetchone()[0] == pytest.approx(money)


def _opaque(rng, alphabet: str, length: int, n: int) -> list[str]:
    return ["".join(rng.choice(list(alphabet), length)) for _ in range(n)]


def _without_prefixes(tmp_path) -> tuple[pd.DataFrame, dict[str, pd.DataFrame]]:
    """The paid charges as PayPal's and Square's APIs list them, flattened (our rendering of their
    documented fields): PayPal's 17-character ids (``8MC585209K746392H``) and ``amount.value`` in
    dollars; Square's payment ids (29 letters and digits), ``amount_money.amount`` in cents beside
    ``amount_money.currency``; Square's dashboard writes the same id as ``Payment ID``. None
    carries Stripe's ``ch_`` prefix."""
    import numpy as np

    rng = np.random.default_rng(7)
    paid = _paid()
    money = paid["Amount"].str.replace(",", "").astype(float)
    created = pd.to_datetime(paid["Created (UTC)"])
    upper = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"
    mixed = upper + "abcdefghijklmnopqrstuvwxyz"
    buyers = {e: "".join(rng.choice(list(upper), 26)) for e in sorted(set(paid["Customer Email"]))}
    paypal = pd.DataFrame({"id": _opaque(rng, upper, 17, len(paid)), "status": "COMPLETED",
                           "amount.currency_code": "USD", "amount.value": money.map("{:.2f}".format),
                           "create_time": created.dt.strftime("%Y-%m-%dT%H:%M:%SZ"),
                           "payer.email_address": paid["Customer Email"]})
    square = pd.DataFrame({"id": _opaque(rng, mixed, 29, len(paid)),
                           "created_at": created.dt.strftime("%Y-%m-%dT%H:%M:%S.000Z"),
                           "amount_money.amount": (money * 100).round().astype(int),
                           "amount_money.currency": "USD", "status": "COMPLETED", "source_type": "CARD",
                           "customer_id": paid["Customer Email"].map(buyers)})
    dashboard = square.rename(columns={"id": "Payment ID", "created_at": "Date",
                                       "customer_id": "Customer ID"})
    dashboard = dashboard.drop(columns=["amount_money.amount", "amount_money.currency"]).assign(
        **{"Total Collected": money.map("${:,.2f}".format).to_numpy()})
    files = {"paypal_captures": paypal, "square_payments": square, "square_dashboard": dashboard}
    for name, frame in files.items():
        frame.to_csv(tmp_path / f"{name}.csv", index=False)
    return paid, files


@pytest.mark.parametrize(("name", "order", "amount"), [
    ("paypal_captures", "id", "amount.value"), ("square_payments", "id", "amount_money.amount"),
    ("square_dashboard", "Payment ID", "Total Collected")])
def test_payment_ids_without_a_prefix_are_orders_and_their_money_is_read(con, tmp_path, name, order, amount):
    """PayPal's and Square's payments counted as customer-days (288 orders for 304 charges) and
    their API money (``amount.value``, ``amount_money.amount``) was no amount at all."""
    paid, _ = _without_prefixes(tmp_path)
    loaded = load_file(con, tmp_path / f"{name}.csv")[0]
    roles = get_roles(con, loaded.table)
    assert (roles.get("order_id"), roles.get("amount")) == (order, amount)
    view = transaction_view(con, loaded.table, roles)
    money = paid["Amount"].str.replace(",", "").astype(float).sum()
    assert con.execute(f"SELECT count(DISTINCT order_id), sum(amount) FROM ({view.sql})").fetchone() == (
        len(paid), pytest.approx(money))
    frequency = customer_features(con, loaded.table).frame["frequency"]
    assert sorted(frequency) == sorted(paid.groupby("Customer Email").size())


def test_a_bare_id_of_names_is_no_order(con, tmp_path):
    """Only opaque tokens mixing letters and digits are payment ids: a unique ``id`` of words
    (a shop's own SKU names) stays no order."""
    paid, files = _without_prefixes(tmp_path)
    frame = files["paypal_captures"].assign(id=[f"REF{chr(65 + i % 26)}{chr(65 + i // 26)}"
                                                     for i in range(len(paid))])
    frame.to_csv(tmp_path / "words.csv", index=False)
    loaded = load_file(con, tmp_path / "words.csv")[0]
    assert "order_id" not in get_roles(con, loaded.table)
