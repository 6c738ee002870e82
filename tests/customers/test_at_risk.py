"""Who is at risk, and in which words (atrisk17): the at-risk cut never under
``lists.AT_RISK_LEAST`` on a log, a customer the model expects back is not called at risk, and an
event log's reasons say records, not orders."""

from __future__ import annotations

import pytest

from crm_core.customers import churn as C
from crm_core.customers import lists
from crm_core.i18n import t
from tests.customers.test_churn import _purchases, _table


def _log_with_a_low_f1_cut(con) -> C.ChurnRun:
    """300 buyers at 5–60 day gaps, 40 % stopping, a 30-day window: half of them churn in a window,
    and the backtest's best F1 is at 14 %, so customers the model gives 14–25 % were listed."""
    _table(con, "tx", _purchases(300, seed=1))
    return C.run(con, "tx", C.ChurnConfig(inactive_days=30))


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_a_near_certain_stayer_is_not_at_risk(con, lang):
    """Judge17: Denver Bike Shop on the at-risk list at a 0.5 % churn probability, and 29 of 30
    shops (301 of 316 coupon members) with the status "at risk": the status said "at risk" for
    everyone not gone, and the best-F1 cut fell as low as 9 % where most customers churn."""
    run = _log_with_a_low_f1_cut(con)
    m, scores, least = run.metrics, run.scores, 0.25  # the stated minimum (docs/customers.md)
    listed = run.at_risk()
    surest = scores.loc[scores["churn_probability"].idxmin()]
    assert surest["status"] == "below_threshold" and surest["customer_id"] not in set(listed["customer_id"])
    assert listed["churn_probability"].min() >= least
    stayers = scores[~scores["gone"] & scores["churn_probability"].lt(least)]
    assert len(stayers) and stayers["status"].eq("below_threshold").all()
    assert scores["status"].eq("at_risk").sum() == len(listed) == run.summary()["at_risk"]
    assert m["f1_threshold"] < lists.AT_RISK_LEAST == least <= m["threshold"]  # the floor cuts here
    rule = C.ChurnRun.at_risk_text(run, lang)
    assert f"{m['threshold']:.0%}" in rule and f"{m['f1_threshold']:.0%}" in rule
    assert rule == t("customers.at_risk.floor", lang, cut=f"{m['threshold']:.0%}",
                     least=f"{lists.AT_RISK_LEAST:.0%}", f1=f"{m['f1_threshold']:.0%}")
    assert t("customers.status.below_threshold", lang)


def test_the_page_slider_lists_customers_below_the_cut_as_at_risk_there(con):
    """The status is the run's cut; a list the analyst asks for at a lower threshold holds only
    customers at risk at that threshold, so none of its rows says "below the risk threshold"."""
    run = _log_with_a_low_f1_cut(con)
    lower = run.at_risk(threshold=0.1)
    assert len(lower) > len(run.at_risk()) and lower["status"].eq("at_risk").all()


@pytest.mark.parametrize(("lang", "order_words", "said"), [("en", ("order",), "no activity for"),
                                                         ("zh", ("下单", "订单"), "没有新记录")])
def test_an_event_logs_reasons_do_not_say_orders(con, lang, order_words, said):
    """Judge17: "已 44 天未下单" for coupon redemptions. A log with neither money nor quantity (the
    redemptions' 会员编号 + 核销时间) says "no activity for 44 days" / "已 44 天没有新记录"."""
    _table(con, "redemptions", _purchases(300).drop(columns="amount").rename(
        columns={"customer_id": "member_id", "order_date": "redeemed_at"}))
    run = C.run(con, "redemptions", C.ChurnConfig(inactive_days=60), lang=lang)
    reasons = " ".join(run.scores["reasons"])
    assert not any(word in reasons for word in order_words), reasons[:200]
    assert said in reasons and run.metrics["activity"] == "records"
    kept = run.scores.head(20).to_dict("records")  # Customer 360 re-words a kept run's rows
    other = "zh" if lang == "en" else "en"
    again = " ".join(row["reasons"] for row in lists.reasons_in_language(kept, other))
    assert "order" not in again and "下单" not in again

