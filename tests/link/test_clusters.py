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


def test_the_summary_states_the_customers_own_estimate_near_the_truth(con):
    """The summary's precision is the clusters' estimate (each join's pairs at its link's
    probability), within two points of the judged pairwise precision at the default threshold,
    and its recall within three points of the judged recall; the links' mean probability it
    showed before counts a link inside a cluster of near-certain links at its own score and is
    further off (English exports: 0.93 where the customers were judged 0.97)."""
    exports = synthetic.exports(2000, seed=11, chinese_share=0.0)
    for name, frame in exports.tables.items():
        store.write_frame(con, name, frame)
    result = run(con, list(exports.tables))
    scored, summary = result.scored, result.summary()
    found = cluster.clusters(scored.records, scored.pairs.assign(decision=None), result.threshold,
                             scored.apart)
    judged = synthetic.pairwise_scores(exports.truth, result.identity)
    assert summary["estimated_precision"] == round(found.estimated_precision, 4)
    assert abs(summary["estimated_precision"] - judged["precision"]) < 0.02
    assert abs(summary["estimated_recall"] - judged["recall"]) < 0.03
    links = scored.pairs.loc[scored.pairs["match_probability"] >= result.threshold, "match_probability"]
    assert abs(links.mean() - judged["precision"]) > abs(summary["estimated_precision"] - judged["precision"])


def test_a_confirmed_pair_counts_as_one_person_in_the_estimate():
    """The analyst confirmed a pair the model scored 0.3: its records are one person, so the
    customer it joins is estimated right, not 77 % right."""
    pairs = _pairs({(1, 2): 0.999, (1, 3): 0.3, (2, 3): 0.3}).assign(decision=[None, "confirm", None])
    found = cluster.clusters(_records(3), pairs, 0.5)
    assert len(set(found.labels[1:])) == 1
    assert found.estimated_precision > 0.99
