"""Roles from values, with evidence; the missing-roles sentence analyses share."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from crm_core.load.reader import load_file
from crm_core.workspace.missing import missing_roles, missing_roles_note
from crm_core.workspace.role_overview import column_overview, role_evidence
from crm_core.workspace.role_values import measure_columns, row_numbers
from crm_core.workspace.roles import detect_with_evidence, get_roles
from tests.conftest import DATA


def roles_of(con, name):
    (result,) = load_file(con, DATA / name)
    return get_roles(con, result.table), result.table


def test_research_purchase_log_gets_money_and_quantity(con):
    roles, _ = roles_of(con, "purchase_log.txt")
    assert roles == {"customer_id": "customer_id", "date": "date", "amount": "dollar_value",
                     "quantity": "number_of_cds"}


def test_amount_without_a_recognisable_header_is_found_by_its_values(con):
    roles, table = roles_of(con, "amount_no_header.csv")
    assert roles["amount"] == "column_4" and roles["quantity"] == "n"
    evidence = detect_with_evidence(con, table)
    assert "money-like decimals" in evidence["amount"][1].text("en")
    assert "金额" in evidence["amount"][1].text("zh")


def test_yes_no_columns_named_like_contacts_are_not_personal_data(con):
    roles, _ = roles_of(con, "yes_no_contact.csv")
    assert "phone" not in roles and "email" not in roles
    assert "quantity" not in roles  # tenure is no quantity in an undated customer table


def test_bare_name_beside_product_columns_is_a_product_name(con):
    roles, table = roles_of(con, "product_names.csv")
    assert roles["product_name"] == "name" and "name" not in roles
    assert "product" in role_evidence(con, table, roles)["name"]


def test_temperature_like_decimals_are_not_money(con, tmp_path):
    path = tmp_path / "bakery.csv"
    path.write_text("date,store,temperature,demand\n" + "".join(
        f"2024-01-{1 + i % 28:02d},{i % 3},{(i * 37 % 300) / 10 + 0.1:.1f},{i % 50}.0\n" for i in range(60)))
    load_file(con, path)
    assert "amount" not in get_roles(con, "bakery")


def test_corrected_roles_say_so(con):
    _, table = roles_of(con, "crlf_bom.csv")
    assert role_evidence(con, table, {"customer_id": "amount"})["amount"] == "set by you"
    assert role_evidence(con, table, {"customer_id": "amount"}, "zh")["amount"] == "由您设定"


def test_missing_roles_note_in_both_languages():
    assert missing_roles({"customer_id": "c", "date": "d"}) == ["amount", "order_id"]
    assert missing_roles({"quantity": "q", "unit_price": "p", "date": "d", "order_id": "o"}) == []
    en = missing_roles_note({"customer_id": "c", "date": "d", "order_id": "o"}, "en", "cdnow")
    assert en == "'cdnow' has no amount column, so results count purchases and do not measure money."
    assert "value" not in en and "spend" not in en
    assert "金额" in missing_roles_note({"customer_id": "c"}, "zh", "cdnow")
    assert missing_roles_note({"amount": "a", "date": "d", "order_id": "o"}) == ""


def test_a_count_named_like_a_day_is_not_the_date(con, tmp_path):
    path = tmp_path / "calls.csv"
    path.write_text("state,total_day_calls,total_day_charge\n" + "".join(
        f"S{i % 5},{80 + i % 40},{20 + i * 0.37:.2f}\n" for i in range(50)))
    load_file(con, path)
    assert "date" not in get_roles(con, "calls")


def test_many_money_like_columns_and_no_amount_name_means_no_guess(con, tmp_path):
    path = tmp_path / "plans.csv"
    path.write_text("state,day_charge,eve_charge,night_charge,intl_charge\n" + "".join(
        f"S{i % 5},{20 + i * 0.37:.2f},{10 + i * 0.21:.2f},{5 + i * 0.13:.2f},{1 + i * 0.07:.2f}\n"
        for i in range(50)))
    load_file(con, path)
    assert "amount" not in get_roles(con, "plans")


def test_evidence_and_overview_name_roles_in_words_in_both_languages(con):
    """The Data page said "header 'price' reads as unit_price" and "列名“价格”对应 unit_price"; then
    "values fit (VARCHAR)" / "取值相符（DECIMAL(4,2)）" beside the Type column's words (walk12)."""
    con.execute("CREATE TABLE t AS SELECT * FROM (VALUES ('A1', DATE '2015-01-01', 13.25), "
                "('A2', DATE '2015-01-02', 16.0)) v(订单号, 日期, 单价)")
    found = detect_with_evidence(con, "t")
    assert found["unit_price"][1].text("en").startswith("header '单价' reads as unit price;")
    assert found["unit_price"][1].text("zh") == "列名“单价”对应单价；取值相符"
    overview = column_overview(con, "t", "zh").set_index("column")
    assert overview.loc["订单号", "role"] == "订单号" and overview.loc["单价", "role"] == "单价"
    assert column_overview(con, "t", "en").set_index("column").loc["单价", "role"] == "unit price"


def _calls_export(path, header: str, first: int = 1, order=None) -> None:
    """fpp3's ``bank_calls`` as R and pandas write it: the row numbers first under ``header``, then
    five-minute slots and the calls in them; ``order`` sorts the rows (R keeps each row's number)."""
    rng = np.random.default_rng(2)
    slots = pd.date_range("2003-03-03 07:00", periods=300, freq="5min")
    frame = pd.DataFrame({header: np.arange(first, first + len(slots)), "DateTime": slots,
                          "Calls": rng.poisson(110, len(slots))})
    (frame.sort_values(order) if order else frame).to_csv(path, index=False)


@pytest.mark.parametrize(("header", "first", "order"), [
    ("", 1, None), ("rownames", 1, None), ("X", 1, None), ("...1", 1, None), ("Unnamed: 0", 0, None),
    ("rownames", 1, "Calls")])
def test_an_exports_row_numbers_are_no_measure(con, tmp_path, header, first, order):
    """R's write.csv (a blank header, read as column_1), Rdatasets' ``rownames``, read.csv's ``X``,
    readr's ``...1``, pandas' ``Unnamed: 0`` from 0; sorted, the numbers stay with their rows."""
    _calls_export(tmp_path / "bank_calls.csv", header, first, order)
    (result,) = load_file(con, tmp_path / "bank_calls.csv")
    assert measure_columns(con, result.table) == ["Calls"]
    assert row_numbers(con, result.table) == {header or "column_1"}


def test_a_measure_under_a_row_number_header_stays_a_measure(con, tmp_path):
    """An ``X`` of readings (repeated values) or whole numbers not one per row is no row number."""
    pd.DataFrame({"X": [3, 1, 4, 1, 5, 9], "rownames": [2, 3, 4, 5, 6, -1], "Calls": [1, 2, 3, 4, 5, 6]}
                 ).to_csv(tmp_path / "readings.csv", index=False)
    (result,) = load_file(con, tmp_path / "readings.csv")
    assert measure_columns(con, result.table) == ["X", "rownames", "Calls"]
