"""RFM groups, the Segmenter (determinism, planted k), names, renaming and movement."""

from __future__ import annotations

from datetime import date

import numpy as np
import pandas as pd
import pytest
from sklearn.datasets import make_blobs
from sklearn.metrics import pairwise_distances, silhouette_score

from crm_core.errors import CrmError
from crm_core.segment.model import (
    Segmenter,
    cluster_names,
    movement,
    recommend_k,
    rename,
    silhouette_from_distances,
)
from crm_core.segment.rfm import RFM_RULES, quintile_score, rfm_group, rfm_rules_table
from crm_core.segment.run import compare_snapshots


def _blob_customers(centers: int, n: int = 1500, seed: int = 3) -> pd.DataFrame:
    """Customers whose log-features form ``centers`` well separated blobs."""
    x, _ = make_blobs(n_samples=n, centers=centers, n_features=3, cluster_std=0.35,
                      center_box=(1.0, 8.0), random_state=seed)
    values = np.expm1(x)
    return pd.DataFrame({"customer_id": [f"{i:05d}" for i in range(n)], "recency_days": values[:, 0],
                         "frequency": values[:, 1], "monetary": values[:, 2]})


def test_quintile_scores_give_ties_one_score():
    scores = quintile_score(pd.Series([1, 1, 1, 2, 3, 4, 5, 6, 7, 100]))
    assert scores.tolist() == [1, 1, 1, 2, 3, 3, 4, 4, 5, 5]
    assert quintile_score(pd.Series([5.0, 5.0])).tolist() == [1, 1]
    assert quintile_score(pd.Series([10, 1]), higher_is_better=False).tolist() == [1, 3]


def test_rules_cover_every_cell_and_lost_before_hibernating():
    assert {rfm_group(r, f) for r in range(1, 6) for f in range(1, 6)} == {r.key for r in RFM_RULES}
    assert rfm_group(1, 1) == "lost" and rfm_group(2, 1) == "hibernating"
    assert rfm_group(5, 5) == "champions" and rfm_group(1, 5) == "cant_lose"
    table = rfm_rules_table("zh")
    assert len(table) == 11 and "冠军客户" in table.iloc[:, 0].tolist()


@pytest.mark.parametrize("planted", [3, 5])
def test_auto_k_finds_the_planted_blobs(planted):
    frame = _blob_customers(planted)
    seg = Segmenter(random_state=1).fit(frame)
    assert seg.recommendation_["k"] == planted
    assert seg.k_ == planted and len(np.unique(seg.labels_)) == planted
    assert seg.silhouette_ > 0.6
    assert list(seg.k_scores_["k"]) == list(range(2, 11))


def test_fixed_seed_is_deterministic_and_override_is_respected():
    frame = _blob_customers(4, seed=7)
    a = Segmenter(n_clusters=6, random_state=5).fit(frame)
    b = Segmenter(n_clusters=6, random_state=5).fit(frame)
    assert a.k_ == 6
    np.testing.assert_array_equal(a.labels_, b.labels_)
    pd.testing.assert_frame_equal(a.k_scores_, b.k_scores_)
    np.testing.assert_array_equal(a.predict(frame), a.labels_)
    means = frame.groupby(a.labels_)["monetary"].mean()
    assert means.is_monotonic_decreasing  # cluster 0 is the most valuable


def test_tiny_and_degenerate_inputs_do_not_crash():
    one = pd.DataFrame({"customer_id": ["1"], "recency_days": [3], "frequency": [1], "monetary": [9.0]})
    seg = Segmenter().fit(one)
    assert seg.k_ == 1 and seg.silhouette_ is None and seg.recommendation_ is None
    same = pd.concat([one] * 5, ignore_index=True).assign(customer_id=list("abcde"))
    assert Segmenter().fit(same).k_ == 1
    with pytest.raises(CrmError, match="k = 4 is not possible"):
        Segmenter(n_clusters=4).fit(same)
    negative = _blob_customers(3, n=60).assign(monetary=lambda f: -f["monetary"])  # net returns
    assert Segmenter(transform="quantile").fit(negative).k_ >= 2


def test_auto_k_keeps_several_customers_per_segment():
    """Walmart's 7 store-departments are no 6 segments; 30 bike shops at most 7."""
    seven = Segmenter(random_state=1).fit(_blob_customers(3, n=7))
    assert seven.k_ == 1 and seven.k_scores_.empty
    thirty = Segmenter(random_state=1).fit(_blob_customers(8, n=30))
    assert list(thirty.k_scores_["k"]) == list(range(2, 8)) and thirty.k_ <= 7


def test_recommendation_prefers_stable_k():
    scores = pd.DataFrame({"k": [2, 3], "inertia": [10.0, 5.0], "silhouette": [0.5, 0.6],
                           "calinski_harabasz": [100.0, 200.0], "davies_bouldin": [0.8, 0.5],
                           "stability": [0.95, 0.4]})
    rec = recommend_k(scores)
    assert rec["k"] == 2 and rec["stable_filter"]
    assert recommend_k(scores.assign(stability=0.1))["k"] == 3


def test_names_read_from_profiles_and_rename_rules():
    frame = pd.DataFrame({"customer_id": list("abcd"), "recency_days": [2, 3, 300, 400],
                          "frequency": [20, 30, 1, 1], "monetary": [900.0, 1200.0, 10.0, 12.0]})
    names = cluster_names(frame, [0, 0, 1, 1])
    assert names == {0: "High value, active", 1: "Low value, lapsed"}
    assert cluster_names(frame, [0, 0, 1, 1], "zh")[0] == "高价值·活跃"
    assert rename(names, {1: "  Win back  "}) == {0: "High value, active", 1: "Win back"}
    assert rename(names, {1: ""})[1] == "Low value, lapsed"
    with pytest.raises(CrmError, match="same name"):
        rename(names, {1: "High value, active"})


def test_movement_counts_flows_including_new_customers():
    before = pd.Series({"a": "Lost", "b": "Champions"})
    after = pd.Series({"a": "Champions", "b": "Champions", "c": "New"})
    moves = movement(before, after, absent="—")
    flows = {(r["from"], r["to"]): r["customers"] for _, r in moves.iterrows()}
    assert flows == {("Lost", "Champions"): 1, ("Champions", "Champions"): 1, ("—", "New"): 1}


def test_shared_distance_silhouette_matches_scikit_learn():
    rng = np.random.default_rng(1)
    x = rng.normal(size=(400, 3))
    labels = rng.integers(0, 4, 400)
    labels[0] = 9  # a cluster of one scores 0, as in scikit-learn
    assert silhouette_from_distances(pairwise_distances(x), labels) == pytest.approx(
        silhouette_score(x, labels), abs=1e-6)


def test_large_data_is_compared_on_a_sample_and_fitted_on_everyone():
    """The seed is a draw: main's seeds 0-5 gave k 5, 4, 4, 5, 4, 5 here (det27: 5, 4, 6, 6, 4, 4)."""
    frame = _blob_customers(4, n=1500)
    seg = Segmenter(eval_sample=600, random_state=4).fit(frame)
    assert seg.recommendation_["k"] == 4 and len(seg.labels_) == 1500
    assert seg.silhouette_ > 0.6


def test_snapshot_comparison_on_the_sample(sample_ws):
    with sample_ws.connect() as con:
        moves = compare_snapshots(con, "orders", date(2025, 9, 30))
    assert moves["customers"].sum() == 3000  # everyone now, some not yet customers then
    assert (moves["from"] == "Not a customer yet").any()
    assert {"Champions", "Lost"} <= set(moves["to"])


def test_those_not_yet_customers_read_without_a_second_bracket(sample_ws):
    """walk13: the Sankey read "（尚非客户）（2023年10月2日）", two brackets in a row."""
    from crm_core.segment.charts import sankey_figure

    with sample_ws.connect() as con:
        moves = compare_snapshots(con, "orders", date(2025, 9, 30), lang="zh")
    labels = sankey_figure(moves, date(2025, 9, 30), date(2025, 12, 31), "zh").data[0].node.label
    assert "尚非客户（2025年9月30日）" in labels and not any("）（" in label for label in labels)


def test_the_movement_chart_reads_dark_labels_over_bands_in_their_segments_colour(sample_ws):
    """walk11/walk12: the Sankey drew grey labels with a white halo over plotly's grey bands; the
    labels are now the page's ink without a halo, each band a light tint of the segment it leaves."""
    from crm_core.segment.charts import INK, sankey_figure

    with sample_ws.connect() as con:
        moves = compare_snapshots(con, "orders", date(2025, 9, 30))
    sankey = sankey_figure(moves, "2025-09-30", "2025-12-31").data[0]
    assert sankey.textfont.color == INK and sankey.textfont.shadow == "none"
    nodes = list(sankey.node.color)
    for source, band in zip(sankey.link.source, sankey.link.color, strict=True):
        red, green, blue = (int(nodes[source][i:i + 2], 16) for i in (1, 3, 5))
        assert band.startswith(f"rgba({red}, {green}, {blue}, ") and band.endswith(")"), band


@pytest.mark.parametrize("lang, refunds", [("en", "Returns exceed purchases"), ("zh", "退货多于购买")])
def test_a_segment_whose_returns_outweigh_its_purchases_is_named_for_them(lang, refunds):
    """Online Retail's returns segment (revenue −14,008, 67 % returns) was "Low value, cooling" (walk15)."""
    frame = pd.DataFrame({"customer_id": list("abcdef"), "recency_days": [2, 3, 90, 80, 300, 400],
                          "frequency": [20, 30, 2, 3, 1, 1],
                          "monetary": [900.0, 1200.0, -140.0, -90.0, 10.0, 12.0]})
    names = cluster_names(frame, [0, 0, 1, 1, 2, 2], lang)
    assert names[1].startswith(refunds)
    assert not names[0].startswith(refunds) and not names[2].startswith(refunds)


@pytest.mark.parametrize("lang, bigger, more", [
    ("en", "High value, active (bigger spenders)", "High value, active (smaller spenders)"),
    ("zh", "高价值·活跃（消费更高）", "高价值·活跃（消费较低）")])
def test_segments_sharing_a_name_say_how_they_differ(lang, bigger, more):
    """walk17: k on auto named "高价值·活跃" and "高价值·活跃 2", nothing telling them apart."""
    frame = pd.DataFrame({"customer_id": list("abcdefgh"), "recency_days": [2, 3, 2, 3, 300, 400, 350, 380],
                          "frequency": [20, 22, 21, 20, 1, 1, 1, 1],
                          "monetary": [9000.0, 9500.0, 1500.0, 1600.0, 10.0, 12.0, 11.0, 9.0]})
    names = cluster_names(frame, [0, 0, 1, 1, 2, 2, 2, 2], lang)
    assert names[0] == bigger and names[1] == more, names
    assert len(set(names.values())) == 3
