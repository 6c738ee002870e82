"""Joined blocks: a purchase log with a customer table and an event log, each block weighing the same."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from crm_core.segment.run import SegmentConfig, run
from crm_core.segment.sources import CUSTOMERS, EVENTS, PURCHASES
from crm_core.workspace import store


def _visits(con) -> None:
    ids = [r[0] for r in con.execute("SELECT DISTINCT customer_id FROM orders WHERE customer_id IS NOT NULL "
                                     "ORDER BY 1 LIMIT 400").fetchall()]
    rng = np.random.default_rng(2)
    pages = ["/help/faq", "/catalog/tea", "/cart"]
    rows = [(cid, pd.Timestamp("2024-03-01") + pd.Timedelta(minutes=int(m)), page)
            for cid in ids for m, page in zip(np.sort(rng.integers(0, 200_000, 6)), rng.choice(pages, 6),
                                              strict=True)]
    store.write_frame(con, "visits", pd.DataFrame(rows, columns=["user_id", "event_time", "page_url"]))


def test_purchases_customers_and_events_together(sample_ws):
    with sample_ws.connect() as con:
        _visits(con)
        config = SegmentConfig(k=4, customers_table="customers", events_table="visits",
                               exclude_cols=("name", "email", "phone", "signup_date"))
        result = run(con, "orders", config)
    feats = result.features
    assert {feats.blocks[c] for c in feats.numeric + feats.categorical} == {PURCHASES, CUSTOMERS, EVENTS}
    assert {"c_age", "c_city", "sessions", "share_help"} <= set(result.members.columns)
    assert "c_name" not in result.members.columns and "c_email" not in result.members.columns
    with_no_visits = result.members[result.members["events"] == 0]
    assert len(with_no_visits) > 0 and (with_no_visits["sessions"] == 0).all()
    x = result.segmenter.transform_features(feats.frame)
    columns = result.segmenter.encoder_.columns_
    totals = {block: x[:, [i for i, c in enumerate(columns) if feats.blocks[c.split("=")[0]] == block]]
              .var(axis=0).sum() for block in (PURCHASES, CUSTOMERS, EVENTS)}
    assert totals[PURCHASES] == pytest.approx(totals[CUSTOMERS], rel=0.05)
    assert totals[EVENTS] == pytest.approx(totals[CUSTOMERS], rel=0.05)
    prefixes = {n.split(", ")[0] for n in result.names.values()}
    assert prefixes & {"High value", "Mid value", "Low value"}  # purchase words first, then the rest
    assert "rfm_segment" in result.members.columns
