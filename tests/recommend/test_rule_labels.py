"""Basket rules read "A → B", each product's name said once (walk20: the catalogue's description
opened with the name again, so the label and the grid cut the part that differs)."""

from __future__ import annotations

from crm_core.recommend import basket, rule_labels
from crm_core.recommend.data import labeller


def test_a_rule_reads_a_to_b_by_name_first_and_no_column_repeats_the_name(sample_ws):
    with sample_ws.connect() as con:
        result = basket.run(con, "orders")
    grid = rule_labels.rule_grid(result.rules)
    first = result.rules.iloc[0]
    assert grid.columns[0] == "rule"
    assert grid["rule"].iloc[0] == f"{first['antecedent_name']} → {first['consequent_name']}"
    assert list(grid.columns[1:4]) == ["lift", "confidence", "support"], "the measures beside the rule"
    for side in ("antecedent", "consequent"):
        pairs = zip(grid[f"{side}_description"], grid[f"{side}_name"], strict=True)
        assert not any(text.startswith(name) for text, name in pairs)
    # the description keeps its own words: "…: stationery for writing" → "stationery for writing"
    assert grid["antecedent_description"].iloc[0] == \
        first["antecedent_description"].removeprefix(first["antecedent_name"]).lstrip(" :：,，")


def test_a_product_label_names_the_product_once(sample_ws):
    with sample_ws.connect() as con:
        result = basket.run(con, "orders")
    label = labeller(rule_labels.unrepeated(result.products))("P0111")
    assert label == "P0111 · A4 Lined Washi Tape Set · Stationery", "the name once, then the category"


def test_rules_without_a_catalogue_read_a_to_b_by_their_own_ids_once():
    import pandas as pd

    rules = pd.DataFrame({"antecedent": ["坚果礼盒"], "consequent": ["保温杯"], "support": [0.1],
                          "confidence": [0.5], "lift": [1.2], "baskets_with_both": [3],
                          "antecedent_baskets": [6], "rank_for_antecedent": [1]})
    grid = rule_labels.rule_grid(rules)
    assert grid["rule"].tolist() == ["坚果礼盒 → 保温杯"]
    assert "antecedent" not in grid and "consequent" not in grid, "each side said once"
    assert "antecedent_baskets" in grid
