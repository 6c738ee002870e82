"""What a no-product refusal offers as "what was bought": never the person who entered the row."""

from __future__ import annotations

import pandas as pd
import pytest

from crm_core.load.reader import load_file
from crm_core.recommend.offers import no_product, product_like_columns
from crm_core.workspace.roles import get_roles
from tests.conftest import DATA

PIPEDRIVE = DATA / "pipedrive_deals_excerpt.csv"


@pytest.mark.parametrize("header", ["Deal - Creator", "Created by", "Entered By",
                                    "创建人", "录入人", "制单人"])
def test_the_person_who_entered_a_deal_is_not_offered_as_a_product(con, tmp_path, header):
    """Pipedrive's ``Deal - Creator`` (who typed the deal in: two salespeople over 60 deals) was offered
    beside ``Deal - Title`` as what was bought (small1); a 创建人 / 录入人 / 制单人 is the same person."""
    raw = pd.read_csv(PIPEDRIVE, dtype=str, keep_default_na=False)
    assert raw["Deal - Creator"].nunique() < len(raw)  # repeating text: the shape rules alone would offer it
    path = tmp_path / "deals.csv"
    raw.rename(columns={"Deal - Creator": header}).to_csv(path, index=False)
    table = load_file(con, path, "deals")[0].table
    roles = get_roles(con, table)
    assert header not in roles.values()
    assert header not in product_like_columns(con, table, roles)
    assert header not in no_product(con, table, roles)  # the refusal, as the CLI prints it


@pytest.mark.parametrize("file", ["mixpanel_raw_export_excerpt.json", "posthog_events_excerpt.csv"])
def test_an_event_logs_event_types_are_not_offered_as_a_product(con, file):
    """judge48: recommend and basket on Mixpanel's and PostHog's events refused for want of a product and
    offered ``event`` (Page Viewed, $pageview, Purchase) to mark as one: what a person did, not what was
    bought."""
    from crm_core.workspace.events import event_types

    table = load_file(con, DATA / file, "log")[0].table
    column, kinds = event_types(con, table)
    assert column == "event" and len(kinds) >= 3  # the shape rules alone would offer it
    roles = get_roles(con, table)
    assert column not in product_like_columns(con, table, roles)
    said = str(no_product(con, table, roles))
    assert "--product-col event" not in said and ": event," not in said, said


@pytest.mark.parametrize("file", ["mixpanel_raw_export_excerpt.json", "posthog_events_excerpt.csv"])
def test_where_and_on_what_a_visitor_came_is_not_offered_as_a_product(con, file):
    """judge48 / left51: Mixpanel's and PostHog's refusals offered ``properties.mp_country_code``,
    ``properties.$os``, ``properties.$current_url`` (``$geoip_country_code``) to mark as the product: the
    country, the system and the page a visitor was on, not what was bought. The columns the tools write are
    read from the excerpt, so the test fails while any of them is offered."""
    table = load_file(con, DATA / file, "log")[0].table
    roles = get_roles(con, table)
    analytics = [c for c, _ in con.execute(f'SELECT column_name, 1 FROM (DESCRIBE "{table}")').fetchall()
                 if c.split(".")[-1] in ("$os", "$browser", "$device_type", "mp_country_code", "$current_url",
                                         "$referrer", "$geoip_country_code")]
    assert len(analytics) >= 2
    assert not set(analytics) & set(product_like_columns(con, table, roles))


@pytest.mark.parametrize("header", ["Device", "Browser", "Country"])
def test_a_shops_own_device_or_country_column_can_still_be_its_product(con, tmp_path, header):
    """Only the analytics tools' own names are ruled out: an electronics shop's ``Device`` column (or a
    plain ``Browser``, ``Country``) may be what it sold, and stays offered."""
    raw = pd.read_csv(PIPEDRIVE, dtype=str, keep_default_na=False)
    path = tmp_path / "deals.csv"
    raw.rename(columns={"Deal - Title": header}).to_csv(path, index=False)
    table = load_file(con, path, "deals")[0].table
    roles = get_roles(con, table)
    assert header in product_like_columns(con, table, roles)


BRAINTREE = DATA / "braintree_transactions_excerpt.csv"


def test_how_a_card_payment_went_is_not_offered_as_a_product(con):
    """walk36: a Braintree transaction search has no products, and the refusal offered its ``Card Type``
    (Visa, Discover), ``Processor Response Code`` (1000, 2001) and ``Settlement Batch ID`` as what may
    have been bought: how a card paid, what the bank answered and when it was paid out. With none
    offered, the refusal asks for a product column to be marked."""
    table = load_file(con, BRAINTREE, "braintree")[0].table
    roles = get_roles(con, table)
    offered = product_like_columns(con, table, roles)
    paid = {"Card Type", "Processor Response Code", "Processor Response Text", "Settlement Batch ID"}
    assert not paid & set(offered), offered
    refusal = no_product(con, table, roles)
    assert "Card Type" not in refusal and "Processor Response" not in refusal, refusal


def test_who_did_the_job_is_not_offered_as_a_product(con):
    """walk38: a Housecall Pro jobs export has no product column, and the refusal offered ``Line Items``
    (the work done: right) beside ``Employees`` ("Tony R., Jamal K."), the technicians sent: a person, as a
    deal's owner or a till's 收银员 is, never what was bought."""
    table = load_file(con, DATA / "housecall_jobs_excerpt.csv", "hcp")[0].table
    roles = get_roles(con, table)
    offered = product_like_columns(con, table, roles)
    assert "Line Items" in offered and "Employees" not in offered, offered
    assert "Employees" not in no_product(con, table, roles)
