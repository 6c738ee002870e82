"""Customer lists dated by a sign-up that left25's headers did not read (left27): HubSpot's ``Create Date``,
Mailchimp's ``OPTIN_TIME``, Starbucks' ``became_member_on``. Churn said "101 customers with 99 churned" (one
"order" per contact on the day it was created) or "no customer id column"; now the list is told it has no
last purchase, in the words of who is on it (customers or members)."""

from __future__ import annotations

import pytest

from crm_core.customers import churn as C
from crm_core.customers import spend as S
from crm_core.errors import CrmError
from crm_core.i18n import say
from crm_core.load.reader import load_file
from crm_core.workspace.roles import get_roles
from tests.conftest import DATA

ANALYSES = [(C, C.ChurnConfig()), (S, S.SpendConfig())]


def _refusal(con, table, analysis, config):
    with pytest.raises(CrmError) as refused:
        analysis.run(con, table, config, roles=get_roles(con, table))
    message = refused.value.args[0]
    assert message.key == "customers.error.no_last_purchase", say(message, "en")
    return say(message, "en"), say(message, "zh")


def _profile(folder):
    """Starbucks' profile.json as its rewards export writes it (as tests/workspace/test_roles.py does)."""
    path = folder / "profile.json"
    path.write_text("\n".join(f'{{"gender":"F","age":{20 + i},"id":"{p:032x}",'
                              f'"became_member_on":{20150101 + 100 * (i % 12)},"income":64000.0}}'
                              for i, p in enumerate(range(10**20, 10**20 + 30))) + "\n")
    return path


@pytest.mark.parametrize(("analysis", "config"), ANALYSES)
def test_a_crm_contact_list_is_told_its_create_date_is_no_purchase(con, analysis, config):
    """HubSpot's 120 contacts: ``Create Date`` is when the contact was created, ``Last Activity Date`` no
    purchase either."""
    table = load_file(con, DATA / "hubspot_contacts_excerpt.csv")[0].table
    en, zh = _refusal(con, table, analysis, config)
    assert "customer list" in en and "'Create Date'" in en and "no last-purchase date" in en
    assert "客户名单" in zh and "“Create Date”" in zh and "没有最近消费日期" in zh
    assert "churned" not in en and "member" not in en


@pytest.mark.parametrize(("analysis", "config"), ANALYSES)
def test_a_mailing_list_is_told_its_opt_in_is_no_purchase(con, analysis, config):
    """Mailchimp's audience export: ``OPTIN_TIME`` is when each address subscribed."""
    table = load_file(con, DATA / "mailchimp_members_excerpt.csv")[0].table
    en, zh = _refusal(con, table, analysis, config)
    assert "'OPTIN_TIME'" in en and "customer list" in en
    assert "“OPTIN_TIME”" in zh


def test_a_rewards_profile_is_told_its_became_member_on_is_no_purchase(con, tmp_path):
    """Starbucks' ``became_member_on`` is 有赞's 成为会员时间 in English: when each member joined."""
    table = load_file(con, _profile(tmp_path), table="profile")[0].table
    en, zh = _refusal(con, table, *ANALYSES[0])
    assert "member list" in en and "'became_member_on'" in en
    assert "会员名单" in zh
