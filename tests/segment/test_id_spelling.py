"""Segments must not depend on how customer ids are spelled: the features come back in id order,
and KMeans' seeding, the bootstrap and the silhouette sample pick rows by position (pii26: the
HubSpot deals chose k = 6 or 7 as the company names were plain or tokens)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from crm_core.segment import charts as seg_charts
from crm_core.segment import run as R
from crm_core.segment.model import pca_coordinates
from tests.customers.test_churn import _purchases, _table
from tests.customers.test_id_spelling import deals_twice, respelled, shuffled


def _same_segments(con, tables) -> None:
    summaries = [R.run(con, t).summary() for t in tables]
    for key in ("k", "silhouette", "segments"):
        assert summaries[0][key] == summaries[1][key], key


def test_renamed_deal_companies_give_the_same_k_silhouette_and_segments(con, tmp_path):
    _same_segments(con, deals_twice(con, tmp_path))


@pytest.mark.parametrize("seed", [3])
def test_renamed_shop_customers_give_the_same_segments(con, seed):
    plain = _purchases(300, seed=seed)
    _table(con, "plain", plain)
    _table(con, "tokens", respelled(plain, "customer_id"))
    _same_segments(con, ("plain", "tokens"))


def _points(frame, columns) -> list[tuple]:
    """The drawn points as sorted value tuples (rounded past the last bits), ids left aside."""
    return sorted(map(tuple, frame[columns].to_numpy(float).round(9)))


def test_the_pca_and_3d_pictures_sample_the_same_customers_renamed_and_shuffled(con, monkeypatch):
    """Beyond their point limits both pictures drew a seeded sample of rows by position: in id
    order, a renaming (or another row order) showed other customers."""
    plain = _purchases(300, seed=3)
    _table(con, "plain", plain)
    _table(con, "tokens", shuffled(respelled(plain, "customer_id")))
    runs = [R.run(con, t) for t in ("plain", "tokens")]
    coords = [pca_coordinates(r.segmenter, r.features.frame, r.members["segment"], max_points=60)
              for r in runs]
    assert _points(coords[0], ["pc1", "pc2"]) == _points(coords[1], ["pc1", "pc2"])
    monkeypatch.setattr(seg_charts, "MAX_POINTS", 60)
    drawn = [pd.DataFrame({axis: np.concatenate([getattr(t, axis) for t in fig.data]) for axis in "xyz"})
             for fig in (seg_charts.rfm_3d_figure(shuffled(r.members)) for r in runs)]
    assert _points(drawn[0], ["x", "y", "z"]) == _points(drawn[1], ["x", "y", "z"])
