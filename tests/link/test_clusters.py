"""Clustering scored pairs into customers: a piece joins another only when the evidence between
all their records says so, and the clusters estimate their own pairwise precision."""

from __future__ import annotations

import math

import pandas as pd

from crm_core.link import cluster, synthetic
from crm_core.link.run import run
from crm_core.workspace import store


def _records(n: int) -> pd.DataFrame:
    tables = ["web_customers", "till_members", "support_contacts"][:n]
    return pd.DataFrame({"rid": range(1, n + 1), "src": tables,
                         "record_id": [f"R{i}" for i in range(1, n + 1)]})


def _pairs(scored: dict[tuple[int, int], float]) -> pd.DataFrame:
    p = pd.Series(scored.values(), dtype=float)
    return pd.DataFrame({"l": [a for a, _ in scored], "r": [b for _, b in scored], "match_probability": p,
                         "match_weight": [math.log2(x / (1 - x)) for x in p], "decision": None})


def _together(records, pairs, threshold) -> set[frozenset[str]]:
    ids = cluster.identity_map(records, pairs, threshold)
    return {frozenset(g["record_id"]) for _, g in ids.groupby("customer_key")}


def test_a_record_its_cluster_doubts_stays_out():
    """A support contact scored 0.6 against a web record but 0.05 against the till record that
    web record is surely one person with (a different phone): connected components joined all
    three; the summed evidence (0.6 and 0.05: −3.7 bits) keeps it out."""
    pairs = _pairs({(1, 2): 0.999, (1, 3): 0.6, (2, 3): 0.05})
    assert _together(_records(3), pairs, 0.5) == {frozenset({"R1", "R2"}), frozenset({"R3"})}


def test_clusters_estimate_their_own_precision(con):
    """At the default threshold the clusters' estimated precision is within two points of the
    true pairwise precision; the links' mean probability, which counts a link inside a cluster of
    near-certain links at its own score, is further off."""
    exports = synthetic.exports(2000, seed=11, chinese_share=0.0)
    for name, frame in exports.tables.items():
        store.write_frame(con, name, frame)
    result = run(con, list(exports.tables))
    scored = result.scored
    pairs = scored.pairs.assign(decision=None)
    found = cluster.clusters(scored.records, pairs, result.threshold, scored.apart)
    true = synthetic.pairwise_scores(exports.truth, result.identity)["precision"]
    assert abs(found.estimated_precision - true) < 0.02
    assert abs(found.estimated_precision - true) < abs(result.summary()["estimated_precision"] - true)
