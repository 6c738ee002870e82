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


def _chicago_days(days: int, freq: str = "D") -> pd.DataFrame:
    """modeldata::Chicago's shape: one row per date, Clark/Lake ``ridership`` (thousands), other
    stations' entries, the weather and 0/1 home games; no customer column."""
    rng = np.random.default_rng(11)
    dates = pd.date_range("2001-01-22", periods=days, freq=freq)
    weekday = (dates.dayofweek < 5).astype(float)
    return pd.DataFrame({"date": dates, "ridership": np.round(4 + 14 * weekday + rng.normal(0, 1, days), 3),
                         "Austin": np.round(0.5 + 1.3 * weekday + rng.normal(0, 0.1, days), 3),
                         "Belmont": np.round(2 + 2.5 * weekday + rng.normal(0, 0.3, days), 3),
                         "temp": np.round(rng.normal(50, 20, days), 1),
                         "Bulls_Home": rng.integers(0, 2, days)})


@pytest.mark.parametrize(("days", "freq"), [(400, "D"), (40, "MS")])
@pytest.mark.parametrize(("lang", "words"), [("en", "a series of measurements, not customers"),
                                             ("zh", "这是按时间记录的一组测量值，不是客户")])
def test_a_series_of_dated_measurements_is_not_segmented_as_customers(con, days, freq, lang, words):
    """judge11: Chicago's daily ridership (.xls) was segmented as 5,698 "customers" ("high clark
    lake" 3,912 days), an insurer's 40 months (.ods) likewise; the refusal names the way on."""
    from crm_core.errors import CrmError
    from crm_core.i18n import say

    store.write_frame(con, "ridership", _chicago_days(days, freq))
    with pytest.raises(CrmError) as refused:
        run(con, "ridership", SegmentConfig(), lang=lang)
    said = say(refused.value.args[0], lang)
    assert words in said and "--value-col" in said and "ridership" in said


def test_people_with_sign_up_times_at_uneven_gaps_are_still_segmented(con):
    """The other side: a table of people without an id may carry a sign-up time that differs on
    every row; its gaps are uneven, so each row is still segmented as one customer."""
    rng = np.random.default_rng(3)
    n = 300
    signed = pd.Timestamp("2023-01-01") + pd.to_timedelta(np.cumsum(rng.exponential(3600 * 5, n)), unit="s")
    people = pd.DataFrame({"signed_up": signed, "age": rng.integers(18, 70, n),
                           "income": np.round(rng.lognormal(10.5, 0.4, n), 0)})
    store.write_frame(con, "people", people)
    from crm_core.workspace.table_kind import detect_kind

    assert detect_kind(con, "people").date_col == "signed_up"
    assert len(run(con, "people", SegmentConfig(k=3)).members) == n


@pytest.mark.parametrize(("lang", "words"), [("en", "Count people in these logs"),
                                             ("zh", "让这些记录表按人统计")])
def test_the_links_customer_list_is_refused_pointing_to_a_log_keyed_by_person(con, lang, words):
    """judge13: segmenting `customers_unified` named segments after the exports a person was found
    in ("会员消费明细, 会员资料, 有赞订单导出") and her count of records."""
    from crm_core.errors import CrmError
    from crm_core.i18n import say
    from crm_core.link import run as link_run
    from crm_core.link import synthetic

    for name, frame in synthetic.exports(300, seed=5).tables.items():
        store.write_frame(con, name, frame)
    linked = link_run.run(con, ["web_customers", "till_members", "support_contacts"], link_run.LinkConfig())
    store.write_frame(con, "customers_unified", linked.customers)
    with pytest.raises(CrmError) as refused:
        run(con, "customers_unified", SegmentConfig(), lang=lang)
    said = say(refused.value.args[0], lang)
    assert words in said and "--rekey" in said and "customers_unified" in said
