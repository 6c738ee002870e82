"""An English-speaking company's CRM and marketing exports (judge23): HubSpot's deals, whose buyer
is the ``Associated Company``, and Mailchimp's campaign activity, whose only key is the e-mail."""

from __future__ import annotations

import pandas as pd
import pytest

from crm_core.load.reader import load_file
from crm_core.workspace.roles import get_roles
from crm_core.workspace.table_kind import detect_kind
from crm_core.workspace.transactions import transaction_view
from tests.conftest import DATA


def test_a_hubspot_deal_is_bought_by_its_associated_company(con):
    """Six shops' deals: 76 won, 19 lost, 7 open. The company is the customer (it was none, so
    every analysis refused), and only the won deals are its money."""
    frame = pd.read_csv(DATA / "hubspot_deals_excerpt.csv")
    table = load_file(con, DATA / "hubspot_deals_excerpt.csv")[0].table
    roles = get_roles(con, table)
    assert roles["customer_id"] == "Associated Company"
    view = transaction_view(con, table, roles)
    won = frame[frame["Deal Stage"] == "Closed Won"]
    rows, customers, money = con.execute(
        f"SELECT count(*), count(DISTINCT customer_id), sum(amount) FROM ({view.sql})").fetchone()
    assert (rows, customers) == (len(won), 6)
    assert money == pytest.approx(won["Amount"].sum())


def test_a_mailchimp_activity_log_is_keyed_by_the_email(con):
    """80 addresses' sends, opens and clicks (541 rows): each row was taken as one customer."""
    table = load_file(con, DATA / "mailchimp_activity_excerpt.csv")[0].table
    assert get_roles(con, table)["customer_id"] == "Email Address"
    kind = detect_kind(con, table)
    assert (kind.kind, kind.customers) == ("events", 80)


def test_a_contact_list_with_a_repeated_address_stays_one_row_per_person(con, tmp_path):
    """A guard: the same addresses as a sign-up list, two of them signed up twice, are people, not
    a log (an address must come back on most of its rows' days, not on a few)."""
    log = pd.read_csv(DATA / "mailchimp_activity_excerpt.csv")
    people = log.drop_duplicates("Email Address")[["Email Address", "Timestamp"]]
    again = log[log["Email Address"].isin(people["Email Address"].head(2))].tail(2)
    path = tmp_path / "signups.csv"
    pd.concat([people, again[["Email Address", "Timestamp"]]]).to_csv(path, index=False)
    table = load_file(con, path)[0].table
    assert "customer_id" not in get_roles(con, table)
    assert detect_kind(con, table).kind == "customers"


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_a_campaign_sent_is_no_activity_of_the_person(con, lang):
    """Every member is sent every campaign, so with the sends counted everyone stayed "active":
    cohorts and churn read the opens and clicks, and the load says what it left out."""
    frame = pd.read_csv(DATA / "mailchimp_activity_excerpt.csv")
    loaded = load_file(con, DATA / "mailchimp_activity_excerpt.csv")[0]
    view = transaction_view(con, loaded.table, get_roles(con, loaded.table))
    own = frame[frame["Action"] != "sent"]
    rows, people = con.execute(f"SELECT count(*), count(DISTINCT customer_id) FROM ({view.sql})").fetchone()
    assert (rows, people) == (len(own), own["Email Address"].nunique())
    said = [note.text(lang) for note in loaded.notes if "320" in note.text(lang)]
    assert said and "sent" in said[0] and ("221" in said[0])


@pytest.mark.parametrize(("lang", "purchases"), [("en", "purchases"), ("zh", "购买")])
def test_a_campaign_logs_runs_say_they_count_opens_and_clicks_not_purchases(con, lang, purchases):
    """Without money an analysis of the activity said "results count purchases" (judge23): its
    rows are the people's opens and clicks, and the note says so (the page, the report, the CLI)."""
    from crm_core.segment.cohorts import CohortConfig, run
    from crm_core.workspace.missing import run_note, table_note

    table = load_file(con, DATA / "mailchimp_activity_excerpt.csv")[0].table
    cohorts = run(con, table, CohortConfig(), lang=lang)
    for said in (cohorts.missing, run_note(con, cohorts), table_note(con, table, lang)):
        assert purchases not in said and "open" in said and "click" in said


@pytest.mark.parametrize(("lang", "web_words"), [("en", ("sent events", "browsing", "visitors", "sessions")),
                                                 ("zh", ("“sent”事件", "浏览", "访问", "会话"))])
def test_a_campaign_logs_segments_are_named_for_mailings_not_browsing(con, lang, web_words):
    """Segments of the activity were "mostly sent events, narrow browsing, occasional visitors":
    a send is the shop's mailing, not a visit, and the rows are campaigns, not pages."""
    from crm_core.segment.run import SegmentConfig, run

    table = load_file(con, DATA / "mailchimp_activity_excerpt.csv")[0].table
    names = " | ".join(run(con, table, SegmentConfig(), lang=lang).summary()["segments"])
    assert not any(word in names for word in web_words), names


@pytest.mark.parametrize(("lang", "web_words", "rated"),
                         [("en", ("good events", "bad events", "browsing", "visitors", "users", "newcomers"),
                           ("rated good", "bad rating", "survey")),
                          ("zh", ("事件", "浏览", "访问", "用户"), ("好评", "差评", "满意度"))])
def test_a_ticket_logs_segments_are_named_for_tickets_and_ratings(con, lang, web_words, rated):
    """judge23's Zendesk view (``Satisfaction Score`` Good / Bad / Offered / Unoffered read as the
    event type): segments read "mostly good events, few unoffered events" and "frequent visitors,
    wide browsing", a rating said as if it were a page and tickets as visits."""
    from crm_core.segment.run import SegmentConfig, run

    table = load_file(con, DATA / "zendesk_tickets_rated.csv")[0].table
    result = run(con, table, SegmentConfig(), lang=lang)
    assert result.features.kind == "events"
    names = " | ".join(result.summary()["segments"])
    assert not any(word in names for word in web_words), names
    assert any(word in names for word in rated), names
