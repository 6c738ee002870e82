"""Churn beside a paid-through date (judge76: 知识星球's 到期时间, every member paid through 2026, yet
members were called at risk after weeks without a tip or a question). A member paid up past the window
cannot lapse in it: kept off the at-risk and win-back lists, said in words; the date is the one known
at the cutoff, from rows dated on or before it, never a renewal written later."""

from __future__ import annotations

from datetime import date, timedelta

import pandas as pd
import pytest

from crm_core.customers import churn, paid_through
from crm_core.load.reader import load_file
from crm_core.workspace.roles import get_roles
from tests.conftest import DATA

ZSXQ = DATA / "zsxq_income_excerpt_zh.xlsx"


def _known_by(day: date) -> pd.Series:
    """Each member's latest 到期时间 on completed rows paid on or before ``day``, read with pandas."""
    rows = pd.read_excel(ZSXQ, dtype={"用户ID": str})
    rows = rows[rows["状态"].eq("已完成") & pd.to_datetime(rows["支付时间"]).dt.date.le(day)]
    return pd.to_datetime(rows["到期时间"]).groupby(rows["用户ID"]).max().dropna().dt.date


@pytest.fixture
def zsxq(con):
    load_file(con, ZSXQ, table="zsxq")
    return con


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_a_member_paid_through_past_the_window_is_not_at_risk(zsxq, lang):
    run = churn.run(zsxq, "zsxq", churn.ChurnConfig(inactive_days=30), lang=lang)
    m = run.metrics
    horizon = date.fromisoformat(m["scored_as_of"]) + timedelta(days=m["inactive_days"])
    paid = _known_by(date.fromisoformat(m["scored_as_of"]) - timedelta(days=1))
    paid_up = set(paid[paid >= horizon].index)
    listed = set(run.at_risk()["customer_id"]) | set(run.win_back()["customer_id"])
    assert paid_up and not listed & paid_up
    said = run.scores.set_index("customer_id").loc[sorted(paid_up)]
    assert said["status"].eq("paid_up").all()
    word = "到期时间"
    assert said["reasons"].str.contains(word).all()
    assert word in run.at_risk_text(lang)
    assert run.flagged(0.0)["at_risk"] == len(run.at_risk(threshold=0.0))


def test_the_paid_through_date_is_the_one_known_at_the_cutoff(zsxq):
    roles = get_roles(zsxq, "zsxq", {})
    day = date(2025, 3, 31)
    found = paid_through.known_by(zsxq, "zsxq", roles, day)
    assert found is not None
    column, frame = found
    expected = _known_by(day)
    assert column == "到期时间"
    assert dict(zip(frame["customer_id"], frame["paid_through"], strict=True)) == expected.to_dict()
    assert len(expected) < len(_known_by(date(2025, 7, 31)))  # later renewals and joins left unread


def test_a_membership_ended_without_renewal_is_said_and_stays_listable(zsxq):
    """Half-year plans: the same rows with each 到期时间 six months earlier, so the early joiners' ran out
    before the cutoff: their reasons say so and they stay on the lists by their scores."""
    earlier = """strftime(CAST("到期时间" AS DATE) - INTERVAL 6 MONTH, '%Y-%m-%d')"""
    zsxq.execute(f'CREATE TABLE half AS SELECT * REPLACE ({earlier} AS "到期时间") FROM zsxq')
    run = churn.run(zsxq, "half", churn.ChurnConfig(inactive_days=30), lang="zh")
    as_of = run.metrics["scored_as_of"]
    ended = run.scores[run.scores["paid_through"].lt(as_of)]
    assert len(ended) and ended["reasons"].str.contains("没有续费").all()
    assert not ended["status"].eq("paid_up").any()
    assert run.metrics["paid_through"]["lapsed"] == len(ended)
