"""Cohorts leave a shop's shared walk-in account out and say so, as segments, churn and spend do."""

from __future__ import annotations

import pytest

from crm_core.i18n import say
from crm_core.load.reader import load_file
from crm_core.segment import cohorts
from crm_core.segment.cohorts import CohortConfig
from tests.cli.test_segment import order_export_with_a_till

TILL = "18579811711"


@pytest.fixture
def shop(con, tmp_path):
    """The Chinese shop export: 300 members and the till booking walk-in sales on one phone."""
    path = tmp_path / "订单导出.csv"
    order_export_with_a_till(path, TILL)
    load_file(con, path, "orders")
    return con


def test_the_shared_walk_in_account_is_left_out_of_the_cohorts_with_a_note(shop):
    """walk17 (``en_08_cohorts.png``): on 订单导出 the January 2023 cohort held ¥4,207 a customer
    in month 0 and ~¥4,000 every month after: the shop's till 晴天1711 (6,659 orders) counted as
    one customer, present every month, without a word."""
    members = shop.execute(f"SELECT count(DISTINCT 会员手机号) FROM orders WHERE 会员手机号 <> '{TILL}'"
                           ).fetchone()[0]
    till_cohort = shop.execute(f"SELECT strftime(min(下单时间), '%Y-%m-01') FROM orders "
                               f"WHERE 会员手机号 = '{TILL}'").fetchone()[0]
    result = cohorts.run(shop, "orders", CohortConfig(freq="M"), lang="zh")
    first = result.frame[result.frame["period"] == 0]
    assert first["cohort_size"].sum() == members  # was members + 1
    january = result.frame[result.frame["cohort"] == till_cohort]
    assert (january["customers"] <= january["cohort_size"]).all()
    shared = [n for n in result.notes if n.key == "cohort.note.shared_account"]
    assert len(shared) == 1
    assert f"'{TILL}' (1,080 orders on 120 days" in say(shared[0], "en")
    assert f"账户“{TILL}”" in say(shared[0], "zh") and "同期群" in say(shared[0], "zh")
    assert result.summary()["shared_accounts"] == [{"customer_id": TILL, "orders": 1080, "active_days": 120}]
    assert any(TILL in n for n in result.summary()["notes"])


def test_a_log_without_a_shared_account_gets_no_note(sample_ws):
    with sample_ws.connect() as con:
        result = cohorts.run(con, "orders", CohortConfig(freq="M"))
    assert not [n for n in result.notes if n.key == "cohort.note.shared_account"]
    assert "shared_accounts" not in result.summary()


@pytest.mark.parametrize(("lang", "said"), [("en", "'{till}' (1,080 orders on 120 days)"),
                                            ("zh", "“{till}”（120 天内 1,080 笔订单）")])
def test_several_shared_accounts_are_named_in_one_note(shop, lang, said):
    """walk20 (``zh_09_cohorts.png``): 订单导出's three tills gave three notes of three lines each,
    the same sentence but for the id and counts. One note names every account with its orders."""
    second = "13800000000"
    shop.execute(f"INSERT INTO orders SELECT * REPLACE ('{second}' AS 会员手机号) FROM orders "
                 f"WHERE 会员手机号 = '{TILL}'")
    result = cohorts.run(shop, "orders", CohortConfig(freq="M"), lang=lang)
    notes = [say(n, lang) for n in result.notes if TILL in say(n, lang) or second in say(n, lang)]
    assert len(notes) == 1, notes
    for till in (TILL, second):
        assert said.format(till=till) in notes[0], notes
    assert ("同期群" if lang == "zh" else "cohorts") in notes[0]
    assert len(result.summary()["shared_accounts"]) == 2
