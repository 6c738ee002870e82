"""left63: leftovers of judge64 and walk35 (docs/judge.md). Housecall Pro's ``Subtotal`` is before its
``Discount`` (``Total Amount`` = subtotal − discount + tax), so a job's spend is the subtotal less the
discount; its scheduled jobs are said as the export says them. Every expected number is read from the
excerpt with pandas."""

from __future__ import annotations

import pandas as pd

from crm_core.load.reader import load_file
from crm_core.workspace.amount_words import amount_source_said
from crm_core.workspace.roles import get_roles
from crm_core.workspace.transactions import transaction_view
from tests.conftest import DATA

HOUSECALL = DATA / "housecall_jobs_excerpt.csv"


def _money(values: pd.Series) -> pd.Series:
    return values.str.replace(r"[$,]", "", regex=True).astype(float)


def _view(con, path, name: str):
    table = load_file(con, path, name)[0].table
    return transaction_view(con, table, get_roles(con, table))


def test_a_housecall_jobs_spend_is_its_subtotal_less_the_discount(con):
    """The pre-tax ``Subtotal`` was read whole: 8 of the excerpt's 122 completed jobs were charged less."""
    raw = pd.read_csv(HOUSECALL, dtype=str)
    done = raw[raw["Job Status"].str.startswith("complete")]
    charged = _money(done["Subtotal"]) - _money(done["Discount"])
    assert (charged < _money(done["Subtotal"])).sum() > 0
    view = _view(con, HOUSECALL, "hc")
    total = con.execute(f"SELECT sum(amount) FROM ({view.sql})").fetchone()[0]
    assert round(total, 2) == round(charged.sum(), 2)
    assert "'Subtotal' less 'Discount'" in amount_source_said(view.amount_source).text("en")
    assert "“Subtotal”减去“Discount”" in amount_source_said(view.amount_source).text("zh")


def test_a_subtotal_after_its_discount_is_read_as_it_is(con):
    """Lightspeed's and Mindbody's subtotals are after their discount (total = subtotal + tax): kept whole."""
    for name, path, subtotal in (("ls", "lightspeed_sales_excerpt.csv", "Subtotal"),
                                 ("mb", "mindbody_sales_excerpt.csv", "Subtotal (excluding tax)")):
        assert _view(con, DATA / path, name).amount_source == subtotal


def test_housecalls_scheduled_jobs_are_said_in_its_own_words(con):
    """The load called Housecall Pro's jobs booked for after the export "confirmed … arriving after the newest
    stay or visit": a plumber's job is neither; the note names the status, its state and the job's date."""
    raw = pd.read_csv(HOUSECALL, dtype=str)
    day = pd.to_datetime(raw["Date"], format="%m/%d/%Y %I:%M %p")
    waiting = raw["Job Status"] == "scheduled"
    ahead = int((waiting & (day > day[~waiting].max())).sum())
    notes = load_file(con, HOUSECALL, "hc")[0].notes
    said = {lang: [note.text(lang) for note in notes] for lang in ("en", "zh")}
    assert any("'scheduled' in 'Job Status'" in note and "'Date'" in note and note.endswith(f": {ahead}")
               for note in said["en"]), said["en"]
    zh = f"{ahead} 行的“Job Status”为“scheduled”"
    assert any(note.startswith(zh) and "“Date”" in note for note in said["zh"]), said["zh"]
    assert not any("stay or visit" in note for note in said["en"])


FRESHA = DATA / "fresha_appointments_excerpt.csv"


def test_a_freshas_ref_number_is_the_appointment_so_two_on_a_day_are_two_visits(con):
    """``Ref #`` was read as nothing: "each customer-day counts as one order", so a client's two appointments
    on one day (3 of the excerpt's 124 client-days) were one visit."""
    raw = pd.read_csv(FRESHA, dtype=str)
    done = raw[raw["Status"] == "Completed"]
    assert done.groupby(["Client email", "Scheduled date"]).size().max() > 1
    view = _view(con, FRESHA, "fr")
    assert view.has_order_id
    orders = con.execute(f"SELECT count(DISTINCT order_id) FROM ({view.sql})").fetchone()[0]
    assert orders == done["Ref #"].nunique()
