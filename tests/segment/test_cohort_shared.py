"""Cohorts leave a shop's shared walk-in account out and say so, as segments, churn and spend do."""

from __future__ import annotations

import pandas as pd
import pytest

from crm_core.i18n import say
from crm_core.load.reader import load_file
from crm_core.segment import cohorts
from crm_core.segment.cohorts import CohortConfig
from tests.cli.test_segment import order_export_with_a_till
from tests.conftest import DATA

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


POSPAL = DATA / "pospal_sales_lines_excerpt_zh.xlsx"


@pytest.mark.parametrize(("lang", "words"), [("en", ("without a customer id", "left out of the cohorts")),
                                             ("zh", ("行无客户编号", "散客", "同期群"))])
def test_lines_without_a_member_are_said_left_out_with_their_money(con, lang, words):
    """judge36: on 银豹's 销售单据明细 the cohorts left out the 散客 lines (blank 会员号: 3,298 lines, 24 % of
    the till's money) without a word, while segments said "排除 3,298 行（缺少客户编号…）". The run says
    how many lines and how much money no customer id names, in the notes of the page, CLI and kept run."""
    lines = pd.read_excel(POSPAL, header=3, dtype={"会员号": str})
    walk_in = lines[lines["会员号"].isna()]
    money = float((walk_in["售价"] * walk_in["数量"]).sum())
    share = money / float((lines["售价"] * lines["数量"]).sum())
    load_file(con, POSPAL, "pos")
    result = cohorts.run(con, "pos", CohortConfig(freq="M"), lang=lang)
    found = [n for n in result.notes if n.key == "cohort.note.no_customer"]
    assert len(found) == 1
    said = say(found[0], lang)
    assert f"{len(walk_in):,}" in said and f"{money:,.0f}" in said and f"{share:.0%}" in said
    assert all(w in said for w in words)
    assert said in result.summary()["notes"]
    members = lines["会员号"].nunique()
    assert result.frame.loc[result.frame["period"] == 0, "cohort_size"].sum() == members


def test_a_till_where_every_line_names_a_member_gets_no_such_note(con):
    """The same till with its 散客 lines taken out: nothing is left out, nothing is said."""
    load_file(con, POSPAL, "pos")
    con.execute("DELETE FROM pos WHERE 会员号 IS NULL")
    result = cohorts.run(con, "pos", CohortConfig(freq="M"), lang="zh")
    assert not [n for n in result.notes if n.key.startswith("cohort.note.no_customer")]
