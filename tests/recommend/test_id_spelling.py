"""A recommendation run must not depend on how customer ids are spelled: customers were numbered by
id as text ("10" before "9"), and that numbering decides the ranker's folds and sample and which of
two equally similar customers is a neighbour, so the same log with its customers renamed (pseudonyms,
another system's numbers) gave other lists and other figures."""

from __future__ import annotations

import hashlib

import pandas as pd

from crm_core.recommend.run import RecommendConfig, run
from tests.recommend.conftest import make_table
from tests.recommend.test_ranker import _trend_log


def _token(customer: str, salt: str) -> str:
    """A keyed token for the id, as ``--mask-pii`` writes it: its sort order says nothing."""
    return hashlib.sha256(f"{salt}{customer}".encode()).hexdigest()[:12]


def _lists(result, named: dict[str, str]) -> pd.DataFrame:
    """The run's lists with every customer named back by ``named``, sorted."""
    recs = result.recommendations.assign(customer_id=lambda f: f["customer_id"].astype(str).map(named))
    recs = recs[["customer_id", "rank", "product_id"]]
    return recs.sort_values(["customer_id", "rank"]).reset_index(drop=True)


def test_renamed_customers_get_the_same_lists_and_figures(con):
    """The trend log (240 weekly shoppers, the ranker chosen): as written and with the customers
    renamed by two keys."""
    rows = _trend_log(customers=240)
    config = RecommendConfig(top=5)
    make_table(con, "plain", rows)
    first = run(con, "plain", config)
    for salt in ("a", "b"):
        back = {_token(c, salt): c for c, *_ in rows}
        make_table(con, f"tokens_{salt}", [(_token(c, salt), *rest) for c, *rest in rows])
        again = run(con, f"tokens_{salt}", config)
        assert again.evaluation["method"] == first.evaluation["method"]
        assert again.evaluation["hit_rate"] == first.evaluation["hit_rate"]
        pd.testing.assert_frame_equal(_lists(again, back), _lists(first, {c: c for c, *_ in rows}))
