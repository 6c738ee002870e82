"""π(N) per pair of exports: a pair of exports reads a name's holders with the curve learned from
its own two counts, not the one pooled over every export (generated web shop, till and desk; one
scoring, docs/link.md link43)."""

from __future__ import annotations

import numpy as np
import pytest

from crm_core.link import priors, synthetic
from crm_core.link.run import LinkConfig, score
from crm_core.workspace import store


@pytest.fixture(scope="module")
def fitted(tmp_path_factory):
    """The learned holders of the names and each value's counts per export (c0, c1, c2, v)."""
    from crm_core.workspace.store import Workspace

    exports = synthetic.exports(1500, seed=7)
    with Workspace(tmp_path_factory.mktemp("pair_holders")).connect() as con:
        for name, frame in exports.tables.items():
            store.write_frame(con, name, frame)
        scored = score(con, list(exports.tables), LinkConfig())
        con.register("__frame", scored.records)
        con.execute("CREATE TABLE recs AS SELECT * FROM __frame")
        reach = priors.reach(con, "recs", scored.priors, scored.model.m["name"][9])
        table, learned = priors.holders(con, "recs", "name", "name_k", reach)
        read = con.execute(f"SELECT * FROM {table}").df()
        cols = priors.counts_table(con, "recs", "name_k", learned.exports, "counts")
        counts = con.execute(f"SELECT v, {', '.join(cols)} FROM counts").df()
    return learned, read, counts.set_index("v")[cols]


def _pair_loglik(learned: priors.Holders, curve: priors.Holders, held: np.ndarray, i: int, j: int) -> float:
    """Log-likelihood of the values held by export i or j, from their two counts alone, with
    ``curve``'s π(N) taken among the values held anywhere."""
    tables = [learned.tables[i], learned.tables[j]]
    seen = held[(held[:, i] + held[:, j]) > 0][:, [i, j]]
    anywhere = 1 - np.prod([t[:, 0] for t in learned.tables], axis=0)
    pair = 1 - tables[0][:, 0] * tables[1][:, 0]
    prior = curve.share / anywhere * pair
    prior /= prior.sum()
    like = tables[0][:, seen[:, 0]].T * tables[1][:, seen[:, 1]].T / pair
    return float(np.log(like @ prior).sum())


def test_each_pair_reads_its_own_counts_at_least_as_well(fitted):
    learned, _, counts = fitted
    held = counts.to_numpy(int)
    gains = []
    for i, a in enumerate(learned.exports):
        for j, b in enumerate(learned.exports[i + 1:], start=i + 1):
            own = learned.for_pair(f"{a} | {b}")
            assert own is not learned
            gains.append(_pair_loglik(learned, own, held, i, j) - _pair_loglik(learned, learned, held, i, j))
    assert min(gains) > -1e-6, gains
    assert max(gains) > 1.0, gains  # the pooled curve is not what every pair's counts say


def test_a_name_agreed_across_two_exports_is_read_with_that_pair_s_curve(fitted):
    learned, read, counts = fitted
    assert {"v", "stratum", "inv_n"} <= set(read.columns)
    everywhere = counts[(counts > 0).all(axis=1)].index
    rows = read[read["v"].isin(everywhere)]
    assert rows.groupby("v")["stratum"].nunique().eq(3).all()
    for stratum, part in rows.groupby("stratum"):
        held = counts.loc[part["v"]].to_numpy(int)
        assert np.allclose(part["inv_n"], learned.for_pair(stratum).inverse(held))
    spread = rows.groupby("v")["inv_n"].agg(lambda x: x.max() - x.min())
    assert spread.max() > 0.01  # the pairs do not all read a name held by all three alike
