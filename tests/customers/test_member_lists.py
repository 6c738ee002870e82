"""A member or customer list (one row per member, a sign-up date, the money to date, no last
purchase): churn said "527 customers with 527 churned" and spend "no customer came back" (judge27);
both now say the list has no last-purchase date and what would work. A summary with one is kept."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from crm_core.customers import churn as C
from crm_core.customers import spend as S
from crm_core.errors import CrmError
from crm_core.i18n import say
from crm_core.load.reader import load_file

DATA = Path(__file__).resolve().parents[1] / "data"
MEMBERS = DATA / "pos_members_excerpt_zh.xlsx"
ENGLISH = {"会员卡号": "Member No", "手机号": "Phone", "姓名": "Name", "开卡日期": "Customer Since",
           "等级": "Tier", "储值余额": "Card Balance", "累计消费": "Total Spent", "积分": "Points"}
"""The same members as an English CRM's customer list: its sign-up date is ``Customer Since``."""


def _english_list(con, folder) -> str:
    frame = pd.read_excel(MEMBERS, dtype=str).rename(columns=ENGLISH)
    frame.to_csv(folder / "customers.csv", index=False)
    return load_file(con, folder / "customers.csv")[0].table


def _refusal(con, table, analysis, config):
    with pytest.raises(CrmError) as refused:
        analysis.run(con, table, config)
    message = refused.value.args[0]
    assert message.key == "customers.error.no_last_purchase"
    return say(message, "en"), say(message, "zh")


@pytest.mark.parametrize(("analysis", "config"), [(C, C.ChurnConfig(inactive_days=90)), (S, S.SpendConfig())])
def test_a_chains_member_list_is_told_it_has_no_last_purchase_date(con, analysis, config):
    """客如云's 会员列表: 开卡日期 is when the card was opened; the refusal names it, the tills' bills
    (收银流水) and a 最近消费时间 column, and never counts "churned" customers."""
    table = load_file(con, MEMBERS)[0].table
    en, zh = _refusal(con, table, analysis, config)
    assert "no last-purchase date" in en and "'开卡日期'" in en and "收银流水" in en
    assert "没有最近消费日期" in zh and "“开卡日期”" in zh and "收银流水" in zh and "最近消费时间" in zh
    assert "churned" not in en and "流失" not in zh.split("。")[0]


@pytest.mark.parametrize(("analysis", "config"), [(C, C.ChurnConfig()), (S, S.SpendConfig())])
def test_an_english_customer_list_with_only_a_signup_date_is_told_the_same(con, tmp_path, analysis, config):
    """``Customer Since`` is the sign-up: the refusal names it and the order export, in English headers."""
    table = _english_list(con, tmp_path)
    en, zh = _refusal(con, table, analysis, config)
    assert "'Customer Since'" in en and "Last Order Date" in en and "收银流水" not in en
    assert "“Customer Since”" in zh and "Last Order Date" in zh


def test_the_cli_refuses_the_member_list_in_words_and_no_traceback(tmp_path):
    """The analyst's command: exit 1, the refusal on stderr, no Python traceback."""
    cli = [sys.executable, "-m", "crm_core", "--workspace", str(tmp_path / "ws")]
    subprocess.run([*cli, "load", str(MEMBERS), "--table", "members"], check=True, capture_output=True)
    done = subprocess.run([*cli, "churn", "members", "--lang", "zh"], capture_output=True, text=True)
    assert done.returncode == 1
    assert "没有最近消费日期" in done.stderr and "位流失" not in done.stderr
    assert "Traceback" not in done.stderr


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_churn_and_spend_tabs_show_the_refusal_in_the_pages_language(ws, lang):
    """The Customers page shows the same words as an error, no traceback and no "churned" count."""
    from tests.ui.apptest import open_page

    with ws.connect() as con:
        load_file(con, MEMBERS)
    at = open_page(ws.folder, lang, page="pages/customers.py")
    for button in ("churn_run", "spend_run"):
        at.button(key=button).click().run()
        assert not at.exception
        said = [e.value for e in at.error]
        assert any(("no last-purchase date" if lang == "en" else "没有最近消费日期") in e for e in said), said


def test_a_member_list_with_its_last_purchase_and_sign_up_still_fits_churn(con):
    """Guard: 有赞's 会员 list has 成为会员时间 (a sign-up) and 最近消费时间: it is a summary and churns."""
    table = load_file(con, DATA / "youzan_members_excerpt_zh.xlsx")[0].table
    run = C.run(con, table, C.ChurnConfig())
    assert run.result.metrics["source"] == "customer_summary" and len(run.scores) > 100
