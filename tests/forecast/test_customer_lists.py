"""A customer list is no sales log (judge30, left28): Klaviyo's profiles, one row per guest with its historic
lifetime value and the day the profile was ``Created``, were forecast as that value summed by sign-up week
(MASE 0.16 on money of all time placed on the day each guest joined). The forecast now refuses the list in
words, naming the table, what dates it and what to forecast instead, as cohorts and churn refuse it."""

from __future__ import annotations

import pandas as pd
import pytest

from crm_core.errors import CrmError
from crm_core.forecast.run import ForecastConfig, run
from crm_core.i18n import say
from crm_core.load.reader import load_file
from crm_core.workspace.roles import get_roles
from crm_core.workspace.summary import customer_list_refusal
from tests.conftest import DATA

LISTS = [("klaviyo_profiles_excerpt.csv", "Created"), ("hubspot_contacts_excerpt.csv", "Create Date")]


def _refusal(con, path, name):
    table = load_file(con, path, name)[0].table
    with pytest.raises(CrmError) as refused:
        run(con, table, ForecastConfig(freq="W"), roles=get_roles(con, table))
    message = refused.value.args[0]
    assert message.key == "forecast.error.customer_list", say(message, "en")
    return say(message, "en"), say(message, "zh")


@pytest.mark.parametrize(("file", "date"), LISTS)
def test_a_customer_list_is_refused_a_forecast_naming_the_table_and_its_date(con, file, date):
    """Klaviyo's profiles (historic CLV, ``Total Orders``) and HubSpot's contacts (``Create Date``): each row
    a customer, its one date the day it joined; a forecast of it would be of sign-ups, not sales."""
    en, zh = _refusal(con, DATA / file, "crm_list")
    assert "'crm_list'" in en and "customer list" in en and f"'{date}'" in en, en
    assert "“crm_list”" in zh and "客户名单" in zh and f"“{date}”" in zh, zh


def test_the_klaviyo_refusal_names_the_totals_that_make_it_a_summary(con):
    """The analyst is told why the table reads as a list: its lifetime value and order count are each guest's
    totals (the refusal is not a guess from the date alone)."""
    en, zh = _refusal(con, DATA / "klaviyo_profiles_excerpt.csv", "kl")
    for column in ("Historic Customer Lifetime Value", "Total Orders"):
        assert f"'{column}'" in en and f"“{column}”" in zh


def test_a_sales_log_of_one_order_per_guest_is_still_forecast(con, tmp_path):
    """The guard: Toast's orders cut to each guest's first order are one row per customer too, but dated by
    the order and with no totals: a sales log, not a list."""
    frame = pd.read_csv(DATA / "toast_order_details_excerpt.csv", dtype=str, keep_default_na=False)
    first = frame[frame["Customer Phone"] != ""].drop_duplicates("Customer Phone")
    path = tmp_path / "first_orders.csv"
    first.to_csv(path, index=False)
    table = load_file(con, path, "first_orders")[0].table
    assert customer_list_refusal(con, table, get_roles(con, table)) is None
