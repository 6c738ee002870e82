"""Customer 360's recommendations for a customer who bought every product (walk40, `en_jane_07_customer`):
Jane App's Ella Murphy read "No kept run includes this customer" under Recommendations, though the kept run
held her: it offers only what a customer has not bought, and she had bought everything."""

from __future__ import annotations

import pandas as pd
import pytest

from crm_core.i18n import say, t
from crm_core.link import customer360
from crm_core.load.reader import load_file
from crm_core.recommend import run as recommend_run
from crm_core.workspace import runs
from tests.conftest import DATA

JANE = DATA / "jane_sales_report_all_bought_excerpt.csv"


def _paid_items() -> tuple[set[str], set[str]]:
    """Every item sold on a paid invoice (the no-show fee is no product), and Ella Murphy's."""
    lines = pd.read_csv(JANE, dtype=str)
    paid = lines[lines["Payment Status"] == "Paid"]
    return set(paid["Item"]) - {"No Show Fee"}, set(paid.loc[paid["Patient"] == "Ella Murphy", "Item"])


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_a_customer_who_bought_every_product_has_nothing_new_not_no_run(con, lang):
    items, hers = _paid_items()
    assert len(items) >= 5 and items <= hers
    load_file(con, JANE, table="jane")
    runs.save(con, recommend_run.run(con, "jane"))
    recs = customer360.view(con, "Ella Murphy")["recommendations"]
    assert recs["rows"] == [] and not recs.get("runs_on"), recs
    assert say(recs["why"], lang) == t("customer.nothing_new", lang, table="jane")


def test_a_customer_with_products_left_to_buy_keeps_the_runs_list(con):
    items, _ = _paid_items()
    lines = pd.read_csv(JANE, dtype=str)
    jacks = set(lines.loc[lines["Patient"] == "Jack Price", "Item"])
    assert items - jacks
    load_file(con, JANE, table="jane")
    runs.save(con, recommend_run.run(con, "jane"))
    recs = customer360.view(con, "Jack Price")["recommendations"]
    assert recs["rows"] and "why" not in recs, recs
