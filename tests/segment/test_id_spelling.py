"""Segments must not depend on how customer ids are spelled: the features come back in id order,
and KMeans' seeding, the bootstrap and the silhouette sample pick rows by position (pii26: the
HubSpot deals chose k = 6 or 7 as the company names were plain or tokens)."""

from __future__ import annotations

import pytest

from crm_core.segment import run as R
from tests.customers.test_churn import _purchases, _table
from tests.customers.test_id_spelling import deals_twice, respelled


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
