"""Customer spend as of a cutoff: nothing after it is read, horizons beyond the history work,
the backtest picks the lowest error, the file has the agreed columns."""

from __future__ import annotations

from datetime import date, timedelta

import numpy as np
import pandas as pd
import pytest

from crm_core.customers import churn as C
from crm_core.customers import spend as S
from crm_core.customers.metrics import decile_table
from crm_core.errors import CrmError
from crm_core.i18n import say, t
from tests.customers.test_churn import CUTOFF, _purchases, _table, known_and_full

COLUMNS = ["customer_id", "expected_spend", "expected_purchases", "p_alive", "lower", "upper"]


def test_decile_table_is_exact_on_a_tiny_example():
    actual = np.array([100.0, 0, 0, 0, 0, 0, 0, 0, 0, 0])
    predicted = np.arange(10, 0, -1, dtype=float)
    table = decile_table(actual, predicted)
    assert table["decile"].tolist() == list(range(1, 11))
    assert table.loc[0, "share_of_actual"] == 1.0 and table.loc[0, "lift"] == pytest.approx(10.0)
    assert table["cumulative_share"].iloc[-1] == pytest.approx(1.0)


def test_scores_as_of_the_cutoff_ignore_orders_after_it(con):
    known_and_full(con)
    config = S.SpendConfig(days=60, cutoff=CUTOFF)
    runs = [S.run(con, t, config) for t in ("known", "full")]
    pd.testing.assert_frame_equal(runs[0].scores, runs[1].scores)
    assert runs[0].summary() == runs[1].summary()


def test_the_backtest_picks_the_lowest_error_and_the_file_has_the_agreed_columns(con):
    _table(con, "tx", _purchases(500))
    _table(con, "segments", pd.DataFrame({"customer_id": [f"C{i:04d}" for i in range(500)],
                                          "segment": ["A", "B"] * 250}))
    run = S.run(con, "tx", S.SpendConfig(days=60))
    backtest = run.result.backtest.set_index("model")
    assert {"bgnbd", "paretonbd", "gradient_boosting", "blend", "naive"} <= set(backtest.index)
    assert run.metrics["model"] == backtest["mae"].idxmin() and backtest["chosen"].sum() == 1
    scores = pd.read_csv(pd.io.common.BytesIO(run.files()["spend_scores.csv"]), encoding="utf-8-sig")
    assert list(scores.columns[:6]) == COLUMNS and "segment" in scores
    assert (scores["lower"] <= scores["expected_spend"] + 1e-6).mean() > 0.9
    assert (scores["upper"] >= scores["lower"]).all() and scores["p_alive"].between(0, 1).all()
    s = run.summary()
    assert s["expected_total_lower"] <= s["expected_total"] <= s["expected_total_upper"]
    assert s["mae"] <= s["naive_mae"] and s["horizon_days"] == 60


def test_a_horizon_longer_than_the_history_is_allowed(con):
    _table(con, "tx", _purchases(300))
    run = S.run(con, "tx", S.SpendConfig(days=720))
    assert run.metrics["horizon_days"] == 720 and run.metrics["backtest_days"] < 540
    short = S.run(con, "tx", S.SpendConfig(days=90))
    assert run.metrics["expected_total"] > short.metrics["expected_total"]


def test_a_cutoff_before_the_first_order_is_a_clear_error(con):
    _table(con, "tx", _purchases(50))
    with pytest.raises(CrmError, match="before the first order") as refused:
        S.run(con, "tx", S.SpendConfig(cutoff=date(2020, 1, 1)))
    assert "截止日期 2020年1月1日 早于第一笔订单（2024年1月1日）" in say(refused.value.args[0], "zh")


def test_ratings_without_money_are_refused_in_the_analysts_language(con):
    """MovieLens' ratings (customer, item, date, rating) have no money: ``spend --lang zh`` said so
    in English only."""
    _table(con, "ratings", _purchases(50).rename(columns={"amount": "rating"}).assign(
        rating=lambda f: f["rating"] % 5 + 1, item_id=lambda f: f.index % 40))
    with pytest.raises(CrmError) as refused:
        S.run(con, "ratings", S.SpendConfig())
    assert "name it with --amount-col (numeric columns: rating" in say(refused.value.args[0], "en")
    assert "表“ratings”没有金额列（也没有数量和单价）" in say(refused.value.args[0], "zh")


def test_a_row_number_is_not_offered_as_the_money(con):
    """MovieLens ratings as R writes them, row numbers first (``rownames``): the refusal named
    ``rownames`` among the columns to mark as the amount."""
    ratings = _purchases(50).rename(columns={"amount": "rating"}).assign(rating=lambda f: f["rating"] % 5 + 1)
    _table(con, "ratings_r", ratings.assign(rownames=range(1, len(ratings) + 1))[["rownames", *ratings]])
    with pytest.raises(CrmError) as refused:
        S.run(con, "ratings_r", S.SpendConfig())
    assert "(numeric columns: rating)" in say(refused.value.args[0], "en")


def test_a_cutoff_long_after_the_newest_order_is_a_clear_error(con):
    """A cutoff months after the export ends would read the missing days as nobody buying (the
    boosting backtest then had no spend at all and crashed); a day after it still scores."""
    _table(con, "tx", _purchases(300))
    last = con.execute("SELECT max(CAST(order_date AS DATE)) FROM tx").fetchone()[0]
    for run, config in ((S.run, S.SpendConfig(days=90, cutoff=last + timedelta(days=120))),
                        (C.run, C.ChurnConfig(inactive_days=90, cutoff=last + timedelta(days=120)))):
        with pytest.raises(CrmError, match=f"120 days after the newest order \\({last}\\)") as refused:
            run(con, "tx", config)
        said = say(refused.value.args[0], "zh")  # the day as the page writes it (walk21)
        assert f"比最新订单（{last.year}年{last.month}月{last.day}日）晚 120 天" in said, said
    assert S.run(con, "tx", S.SpendConfig(days=90, cutoff=last + timedelta(days=1))).metrics["scored"] > 0


def test_a_log_where_nobody_came_back_is_a_clear_error(con):
    """First orders only (a sign-up export, or a shop a few weeks old): repeat-purchase models
    cannot be fitted (BG/NBD came out NaN and the run crashed with a KeyError)."""
    frame = _purchases(300).drop_duplicates("customer_id")
    _table(con, "firsts", frame)
    with pytest.raises(CrmError, match="No customer came back for a second order"):
        S.run(con, "firsts", S.SpendConfig(days=30))


def test_amounts_that_do_not_read_as_money_are_a_clear_error(con):
    """A decimal-comma export kept as text (``29,33 €`` with a stray byte) gave no amounts at all;
    the run fitted zeros and crashed in the boosting fit."""
    frame = _purchases(300)
    frame["amount"] = frame["amount"].map("{:.2f}\x80".format).str.replace(".", ",")
    _table(con, "eu", frame)
    with pytest.raises(CrmError, match="No order in 'eu' has a positive amount read from 'amount'"):
        S.run(con, "eu", S.SpendConfig(days=30), roles={"amount": "amount"})


def test_sample_orders_rank_better_than_last_window_spend(sample_ws):
    with sample_ws.connect() as con:
        run = S.run(con, "orders", S.SpendConfig(days=90))
    m = run.metrics
    assert m["spearman"] > m["naive_spearman"] and m["mae"] < m["naive_mae"]
    assert len(run.result.deciles) == 10


def test_boosting_learnt_on_younger_customers_does_not_read_everyone_as_a_heavy_buyer(con):
    """The backtest's booster learns as of 180 days and scores as of 360: with spend and counts
    summed over the history it predicted +61 % of the real total here and lost to the naive
    rule; as rates per day it stays near the total and beats it."""
    _table(con, "tx", _purchases(500))
    backtest = S.run(con, "tx", S.SpendConfig(days=180)).result.backtest.set_index("model")
    assert abs(backtest.loc["gradient_boosting", "total_error"]) < 0.3
    assert backtest.loc["gradient_boosting", "mae"] < backtest.loc["naive", "mae"]


def test_the_range_of_the_total_says_it_is_the_models_uncertainty_only():
    """Out of time the total's 90 % range held what happened in 2 of 9 test windows (CDNOW
    1997-09-30 −17.9 % against a range of −19.7 … −16.1 %): the caption must not read as a
    forecast of the total, in either language."""
    values = {"pct": "90%", "lower": "$1,000", "upper": "$1,200"}
    assert "model's own uncertainty only" in t("customers.spend.interval", "en", **values)
    assert "只反映模型本身的不确定性" in t("customers.spend.interval", "zh", **values)


def test_a_month_of_events_is_a_clear_error_in_both_languages(con):
    """One REES46 monthly file (2019-Oct.csv) is 32 days: the shrunk window was 1 day, the
    Poisson fit saw no spend and the run ended in a bare ValueError (or, on steadier buyers, a
    1-day backtest was reported as if it meant something)."""
    frame = _purchases(400)
    _table(con, "month", frame[frame["order_date"] < frame["order_date"].min() + pd.Timedelta(days=32)])
    with pytest.raises(CrmError, match="cover 32 days; a 7-day window needs at least 44 days") as refused:
        S.run(con, "month", S.SpendConfig(days=30))
    assert "之前的数据只有 32 天" in say(refused.value.args[0], "zh")


def _shop_with_a_till_account(con, till: str, orders: int) -> pd.DataFrame:
    """300 ordinary buyers (one order a visit) and one account that books ``orders`` orders on
    most of 540 days: a shop's anonymous sales on one member card (a 散客 / walk-in account)."""
    frame = _purchases(300).assign(order_id=lambda f: [f"O{i}" for i in range(len(f))])
    rng = np.random.default_rng(3)
    walk_in = pd.DataFrame({"customer_id": till, "order_id": [f"W{i}" for i in range(orders)],
                            "order_date": pd.Timestamp("2024-01-01")
                            + pd.to_timedelta(np.sort(rng.integers(0, 540, orders)), unit="D"),
                            "amount": rng.integers(5, 50, orders).astype(float)})
    _table(con, "shop", pd.concat([frame, walk_in], ignore_index=True))
    return frame


def test_a_shared_till_account_is_left_out_of_the_customer_scores_with_a_note(con):
    """The Chinese order export's busiest account (3,336 orders in 26 weeks, 18 a day against
    at most 1.4 for 99 % of members) got P(alive) 0.007 from BG/NBD the day it paused and sat
    in the spend and churn lists as a customer (docs/judge.md, third pass). No one person places
    nine orders on every day they shop: the account is the shop's till, left out with a note."""
    frame = _shop_with_a_till_account(con, "18579811711", 5000)
    run = S.run(con, "shop", S.SpendConfig(days=90))
    assert "bgnbd" in set(run.result.backtest["model"])
    assert set(run.scores["customer_id"]) == set(frame["customer_id"])  # every ordinary buyer kept
    (note,) = run.notes
    assert "'18579811711' (5,000 orders on" in say(note, "en") and "散客账户" in say(note, "zh")
    churn = C.run(con, "shop", C.ChurnConfig(inactive_days=60))
    assert "18579811711" not in set(churn.scores["customer_id"]) and len(churn.notes) == 1


def test_an_account_named_walk_in_is_left_out_whatever_its_pace(con):
    """A till account named 散客 that books one order a day is no customer either."""
    _shop_with_a_till_account(con, " 散客 ", 200)
    run = S.run(con, "shop", S.SpendConfig(days=90))
    assert [a["customer_id"] for a in run.metrics["shared_accounts"]] == ["散客"]
    assert not run.scores["customer_id"].str.contains("散客").any()


@pytest.mark.parametrize(("lang", "words"), [("en", "one row per customer ('客户编号' differs on every row)"),
                                             ("zh", "每位客户只有一行（“客户编号”每行都不同）")])
def test_a_customer_table_without_dates_is_told_spend_reads_a_purchase_log(con, lang, words):
    """Ninth pass, the real IBM Telco table as a Chinese CRM export (客户编号, 在网月数, 月费,
    累计消费 in ¥, no date): ``spend`` said "has no date column; mark one on the Data page", a column
    the table does not have. One row per customer and no date is told what spend reads instead."""
    _table(con, "电信客户", pd.DataFrame({"客户编号": [f"C{i:07d}" for i in range(1, 41)],
                                       "在网月数": np.arange(40) % 72 + 1,
                                       "累计消费": np.round(np.arange(40) * 37.5 + 29.85, 2)}))
    with pytest.raises(CrmError) as refused:
        S.run(con, "电信客户", S.SpendConfig(), roles={"customer_id": "客户编号", "amount": "累计消费"})
    assert words in say(refused.value.args[0], lang)


def _cohort_that_keeps_buying(n: int = 300, seed: int = 0) -> pd.DataFrame:
    """A CDNOW-like cohort: everyone's first order in the first quarter, a first order smaller
    than the rest, then repeats at a steady personal rate that does not fade (CDNOW's visits held
    level for nine months after 1997-09-30 while the fitted models expected a falling cohort)."""
    rng = np.random.default_rng(seed)
    start, days = pd.Timestamp("2024-01-01"), 540
    rows = []
    for cid in range(n):
        t, gap = int(rng.integers(0, 90)), rng.choice([20, 45, 90, 240])
        rows.append((f"C{cid:04d}", start + pd.Timedelta(days=t), float(rng.integers(5, 20))))
        while (t := t + max(1, int(rng.exponential(gap)))) < days:
            rows.append((f"C{cid:04d}", start + pd.Timedelta(days=t), float(rng.integers(10, 60))))
    return pd.DataFrame(rows, columns=["customer_id", "order_date", "amount"])


def test_the_repeat_rate_leaves_out_a_first_order_inside_its_window(con):
    """A customer new inside the last window brings only their repeats to the rate: a young
    cohort's first orders will not come again."""
    from crm_core.customers.spend_model import repeat_rate
    frame = pd.DataFrame({"tenure_days": [30.0, 200.0], "first_amount": [50.0, 50.0],
                          "spend_last_window": [80.0, 80.0]})
    assert repeat_rate(frame, 60, 120).tolist() == [60.0, 160.0]


def test_the_corrected_total_mixes_the_model_and_the_repeat_rate_as_the_backtest_asks(con):
    """The correction is set by the backtest alone (the weight that would have met its total),
    then applied to the totals as of the cutoff; orders after the cutoff change nothing."""
    from crm_core.customers.spend_model import mix_weight
    frame = _cohort_that_keeps_buying()
    cutoff = date(2024, 9, 30)
    _table(con, "known", frame[frame["order_date"] <= pd.Timestamp(cutoff)])
    _table(con, "full", frame)
    config = S.SpendConfig(days=180, cutoff=cutoff)
    known, full = (S.run(con, name, config) for name in ("known", "full"))
    assert known.summary() == full.summary()
    m = known.metrics
    w = m["correction_weight"]
    assert 0 <= w <= 1
    mixed = w * m["expected_total"] + (1 - w) * m["repeat_total"]
    if 0 < w < 1:  # the mix met the backtest's total, so nothing is left to divide out
        assert m["bias_corrected_total"] == pytest.approx(mixed)
    else:  # both missed on one side: the nearer is divided by its own backtest miss
        rule = known.result.backtest.set_index("model").loc[m["model"], "total_error"] if w == 1 else None
        if rule is not None:
            assert m["bias_corrected_total"] == pytest.approx(mixed / (1 + rule), rel=1e-6)
    assert m["repeat_total"] > 0
    assert mix_weight(90.0, 130.0, 100.0) == pytest.approx(0.75)  # 0.75 × 90 + 0.25 × 130 = 100
    assert mix_weight(90.0, 95.0, 100.0) == 0.0 and mix_weight(99.0, 95.0, 100.0) == 1.0


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_no_money_from_quantity_times_price_names_the_rule_not_a_column(con, lang):
    """left44: WooCommerce's lines (no amount column: money is Quantity × Item Cost) with the cost
    written as decimal-comma text were refused as "read from 'quantity × unit_price'", a column the
    export has not (its ``Order Total`` dropped, which would be read instead); the refusal names
    the rule in words and the two columns it read."""
    from tests.conftest import DATA

    frame = pd.read_csv(DATA / "woocommerce_cart_discounts_excerpt.csv").drop(columns="Order Total")
    frame["Item Cost"] = frame["Item Cost"].map("{:.2f}\x80".format).str.replace(".", ",")
    _table(con, "woo", frame)
    roles = {"customer_id": "Billing Email", "order_id": "Order Number", "date": "Order Date",
             "quantity": "Quantity", "unit_price": "Item Cost"}
    with pytest.raises(CrmError) as refused:
        S.run(con, "woo", S.SpendConfig(days=30), roles=roles)
    said = say(refused.value.args[0], lang)
    assert "unit_price" not in said and "'quantity" not in said, said
    assert t("amount.source.quantity_x_unit_price_less_order_discount", lang) in said, said
    assert "Quantity" in said and "Item Cost" in said, said
