"""Tables where nobody appears twice: the model must link nobody, say so honestly, and keep
the weights an analyst reads (a differing phone counts against, an agreeing city for)."""

from __future__ import annotations

from pathlib import Path

import pytest

from crm_core.link import synthetic
from crm_core.link.run import run
from crm_core.load.reader import load_file
from crm_core.workspace import store

SAMPLE = Path(__file__).parents[2] / "sample_data" / "customers.csv"


def _weights(result) -> dict[tuple[str, str], float]:
    table = result.scored.model.table()
    return {(f, lv): w for f, lv, w in table[["field", "level", "weight"]].itertuples(index=False)}


def test_the_samples_customers_keep_readable_weights(con):
    """The sample's 3,000 customers (nobody twice): EM's match class was its namesakes (same name,
    other phone, other city), so the model tab read a differing phone as −0.0 and an agreeing city
    as −0.6, and a pair sharing city and name with a new phone looked likelier one person."""
    load_file(con, SAMPLE)
    result = run(con, "customers")
    weights = _weights(result)
    assert weights[("phone", "different")] <= -2.0  # a changed number is rarer than one in four
    assert weights[("email", "different")] <= -2.0
    assert weights[("city", "exact")] > 0.0
    summary = result.summary()
    assert summary["pairs_linked"] == 0
    assert summary["estimated_precision"] is None  # nothing linked: no precision to claim
    assert summary["estimated_people"] >= 0.995 * summary["records"]


@pytest.mark.parametrize("chinese_share", [0.75, 0.0])
def test_exports_of_different_people_link_nobody(con, chinese_share):
    """Web, till and desk each holding other people (generated, each person in one record only):
    namesakes and shared cities are all there is, and none of it is a customer."""
    exports = synthetic.exports(3000, seed=3, dup_share=0.0, chinese_share=chinese_share)
    first = ~exports.truth.duplicated("person")
    for name, frame in exports.tables.items():
        keep = set(exports.truth.loc[first & (exports.truth["table"] == name), "record_id"])
        store.write_frame(con, name, frame[frame.iloc[:, 0].astype(str).isin(keep)])
    result = run(con, list(exports.tables))
    summary = result.summary()
    assert summary["pairs_linked"] <= 2
    assert summary["customers"] >= summary["records"] - 2
    assert _weights(result)[("phone", "different")] <= -2.0
