"""Products listed inside each row (GA4's BigQuery export: ``items`` per purchase event, nested in
NDJSON, JSON text once flattened to CSV) are what was bought (judge19: 188 events of 10 visitors of
``tests/data/ga4_events_excerpt.json``, written from Complete Journey's real baskets)."""

from __future__ import annotations

import json

import pandas as pd
import pytest

from crm_core.load.reader import load_file
from crm_core.recommend import basket, data
from crm_core.workspace.roles import get_roles
from tests.conftest import DATA

EXCERPT = DATA / "ga4_events_excerpt.json"


def _bought() -> set[tuple[str, str]]:
    """(user_pseudo_id, item_id) of every purchase event's items, read from the file by hand."""
    rows = [json.loads(line) for line in EXCERPT.read_text().splitlines()]
    return {(r["user_pseudo_id"], item["item_id"]) for r in rows if r["event_name"] == "purchase"
            for item in r["items"]}


def _flat_csv(path) -> None:
    """The same events as an analyst's BigQuery query writes them: dotted headers, items as JSON text."""
    rows = [json.loads(line) for line in EXCERPT.read_text().splitlines()]
    pd.DataFrame({"event_date": [r["event_date"] for r in rows],
                  "event_timestamp": [r["event_timestamp"] for r in rows],
                  "event_name": [r["event_name"] for r in rows],
                  "user_pseudo_id": [r["user_pseudo_id"] for r in rows],
                  "user_id": [r["user_id"] for r in rows],
                  "ecommerce.purchase_revenue": [(r["ecommerce"] or {}).get("purchase_revenue")
                                                 for r in rows],
                  "items": [json.dumps(r["items"]) for r in rows],
                  "device.category": [r["device"]["category"] for r in rows]}).to_csv(path, index=False)


@pytest.mark.parametrize("flat", [False, True], ids=["ndjson", "csv"])
def test_the_items_of_purchase_events_are_the_products_bought(con, tmp_path, flat):
    path = EXCERPT
    if flat:
        path = tmp_path / "ga4_flat.csv"
        _flat_csv(path)
    table = load_file(con, path)[0].table
    bought = data.purchases(con, table, get_roles(con, table), holdout_days=14)
    frame = bought.frame
    pairs = set(zip(frame["customer_id"].astype(str), frame["product_id"].astype(str), strict=True))
    assert pairs <= _bought() and len(pairs) > 400
    assert {item for _, item in _bought() - pairs} <= set(bought.left_out["examples"])  # fuel, not goods


def test_basket_rules_read_the_listed_items(con):
    table = load_file(con, EXCERPT)[0].table
    result = basket.run(con, table, basket.BasketConfig(min_support=0.05))
    rows = [json.loads(line) for line in EXCERPT.read_text().splitlines()]
    days = {(r["user_pseudo_id"], r["event_date"]) for r in rows if r["event_name"] == "purchase"}
    assert result.baskets == len(days)  # no order id: a visitor's day is a basket
    assert len(result.rules) > 0
    assert set(result.rules["antecedent"]) | set(result.rules["consequent"]) <= {i for _, i in _bought()}
