"""Customer summaries (one row per customer: last order date, order count, total spent) are
segmented by RFM from their columns, with the purchase log's definitions; other customer tables
are segmented as before."""

from __future__ import annotations

import pandas as pd

from crm_core.i18n import say
from crm_core.segment.rfm import RFM_RULES, rfm_label, rfm_scores
from crm_core.segment.run import SegmentConfig, run
from crm_core.workspace import store
from crm_core.workspace.summary import summary_columns
from crm_core.workspace.table_kind import detect_kind
from tests.summaries import load_shopify, load_youzan, log_features

RFM = ["recency_days", "frequency", "r_score", "f_score", "m_score", "rfm_segment"]


def _log_rfm(con) -> pd.DataFrame:
    features = log_features(con)
    return features.merge(rfm_scores(features), on="customer_id").set_index("customer_id")


def test_a_shopify_summary_gives_the_rfm_of_the_log_it_was_made_from(sample_ws, tmp_path):
    with sample_ws.connect() as con:
        table = load_shopify(con, tmp_path)
        truth = _log_rfm(con)
        result = run(con, table, SegmentConfig(k=3))
    members = result.members.set_index("customer_id")
    assert len(members) == len(truth)
    pd.testing.assert_frame_equal(members.loc[truth.index, RFM], truth[RFM], check_dtype=False)
    assert "City" in result.features.categorical  # the other columns as a customer table's
    assert result.summary()["reference_date"] == str(result.features.reference_date)
    note = say(result.notes[0], "en")
    assert "recency is the days from 'Last Order Date'" in note and "the newest last order" in note


def test_a_chinese_member_export_is_read_the_same_way(sample_ws, tmp_path):
    with sample_ws.connect() as con:
        table = load_youzan(con, tmp_path)
        truth = _log_rfm(con)
        result = run(con, table, SegmentConfig(k=3), lang="zh")
    members = result.members.assign(customer_id=lambda f: f["customer_id"].str.removeprefix("VIP"))
    members = members.set_index("customer_id")
    assert (members.loc[truth.index, "recency_days"] == truth["recency_days"]).all()
    assert (members.loc[truth.index, "f_score"] == truth["f_score"]).all()
    assert set(members["rfm_segment"]) <= {rfm_label(rule.key, "zh") for rule in RFM_RULES}
    note = say(result.notes[0], "zh")
    assert "“最近消费时间”" in note and "表中最新的一次最近消费日期" in note


def test_a_summary_of_dates_and_a_count_alone_is_segmented_not_refused(sample_ws, tmp_path):
    """Two dates and a count were "not a customer table" (dates are left out of attributes)."""
    with sample_ws.connect() as con:
        load_shopify(con, tmp_path, "crm_list")
        con.execute('CREATE TABLE bare AS SELECT "Customer ID", "First Order Date" AS "First Purchase Date", '
                    '"Last Order Date" AS "Last Purchase Date", "Total Orders" AS orders FROM crm_list')
        result = run(con, "bare", SegmentConfig(k=2))
    assert {"rfm_segment", "recency_days"} <= set(result.members.columns)
    assert result.features.monetary_source == "orders"


def test_the_sample_customer_table_and_a_signup_date_are_no_summary(sample_ws, tmp_path):
    """A sign-up date is no last order: such tables are segmented on their attributes as before."""
    with sample_ws.connect() as con:
        frame = log_features(con)
        signed = pd.DataFrame({"Customer ID": frame["customer_id"],
                               "Signup Date": frame["first_order"].dt.strftime("%Y-%m-%d"),
                               "Total Orders": frame["frequency"], "Total Spent": frame["monetary"].round(2),
                               "Accepts Email Marketing": frame["frequency"].gt(3).map({True: "yes",
                                                                                        False: "no"})})
        store.write_frame(con, "signed_up", signed)
        for table in ("customers", "signed_up"):
            assert summary_columns(con, table, detect_kind(con, table)) is None
            result = run(con, table, SegmentConfig(k=2))
            assert "rfm_segment" not in result.members and "recency_days" not in result.members
            assert result.features.purchases is None


def test_blank_counts_and_totals_beside_a_last_order_are_read_not_a_crash(sample_ws, tmp_path):
    """Exports leave zeros blank: a blank count beside a last order is one order, a blank total 0."""
    with sample_ws.connect() as con:
        table = load_shopify(con, tmp_path)
        blank = con.execute(f'SELECT "Customer ID" FROM {table} ORDER BY 1 LIMIT 2').fetchall()
        con.execute(f'UPDATE {table} SET "Total Orders" = NULL WHERE "Customer ID" = ?', [blank[0][0]])
        con.execute(f'UPDATE {table} SET "Total Spent" = NULL WHERE "Customer ID" = ?', [blank[1][0]])
        members = run(con, table, SegmentConfig(k=3)).members.set_index("customer_id")
    assert members.loc[str(blank[0][0]), "frequency"] == 1 and members.loc[str(blank[1][0]), "monetary"] == 0
    assert members["rfm_segment"].notna().all()
