"""A series of measurements (a date and a number, no customer: monthly passengers, daily demand)
profiled as what it is (fmt13: ``profile`` and the Data page called monthly passengers "one row
per customer: a customer table" and told daily demand "each customer-day counts as one order")."""

from __future__ import annotations

import json

import pytest

from crm_core.cli import main
from crm_core.i18n import t
from crm_core.load.reader import load_file
from crm_core.workspace.missing import table_note

MONTHS = "Month,Passengers\n" + "".join(
    f"{1949 + i // 12}-{1 + i % 12:02d},{112 + (i * 37) % 250}\n" for i in range(48))
"""AirPassengers' shape: a month and a count, no customer."""
DAYS = "date,demand\n" + "".join(f"2024-{1 + i // 28:02d}-{1 + i % 28:02d},{30 + (i * 7) % 23}\n"
                                 for i in range(112))
"""A bakery's daily demand (every month cut at the 28th: the gaps stay even enough)."""


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize(("name", "text"), [("passengers", MONTHS), ("demand", DAYS)])
def test_a_series_is_profiled_as_measurements_not_customers(ws, tmp_path, capsys, lang, name, text):
    path = tmp_path / f"{name}.csv"
    path.write_text(text)
    with ws.connect() as con:
        load_file(con, path)
        note = table_note(con, name, lang)
    assert main(["profile", name, "--lang", lang, "--workspace", str(ws.folder)]) == 0
    said = json.loads(capsys.readouterr().out.strip().splitlines()[-1])
    evidence = said["kind_evidence"]
    assert t("kind.evidence.series", lang) in evidence
    for claim in ("one_row_per_customer", "no_customer", "sales_records"):
        assert t(f"kind.evidence.{claim}", lang) not in evidence
    assert said["missing_roles"] == note  # the Data page says what the CLI says
    assert "forecast" in note and t("roles.missing.order_id", lang) not in note


STORES = "date,store,sales\n" + "".join(f"2024-01-{1 + i // 3:02d},S{i % 3},{100 + (i * 13) % 70}\n"
                                        for i in range(60))
"""Three stores' daily takings: no customer, each date three times (not a series of one measurement)."""


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_a_table_without_customers_is_not_told_about_orders_per_customer(ws, tmp_path, lang):
    """walk13: the Data page told a table without customers "没有订单号，因此每位客户每天算作一笔订单";
    with no customer there is nothing to count per customer."""
    path = tmp_path / "takings.csv"
    path.write_text(STORES)
    with ws.connect() as con:
        load_file(con, path)
        note = table_note(con, "takings", lang)
    assert t("roles.missing.order_id", lang) not in note, note


@pytest.mark.parametrize(("lang", "said"), [("en", "1 Jan 1949 to 1 Dec 1952"),
                                            ("zh", "1949年1月1日 至 1952年12月1日")])
def test_a_series_note_says_its_first_and_last_day_in_the_pages_language(ws, tmp_path, lang, said):
    """walk14: the Chinese Data page read "（共 426 行，1982-04-01 至 2017-09-01）"."""
    path = tmp_path / "passengers.csv"
    path.write_text(MONTHS)
    with ws.connect() as con:
        load_file(con, path)
        assert said in table_note(con, "passengers", lang)
