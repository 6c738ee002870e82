"""Which tables are logs of gifts (left89). Any header with "donat" made one: a shop's order export
with a checkout round-up app's ``Donation`` column (a ``Charity donation``, a 外卖 export's 公益捐赠)
would have had its segments named for donors. A gift log says so by who gave (``Donor Email``,
``Donating Company``), whom a gift honours (``In Honour Of``) or by its amount; the donor CRMs' exports
stay gift logs, Zeffy's too, whose headers never say donor."""

from __future__ import annotations

import pandas as pd
import pytest

from crm_core.load.reader import load_file
from crm_core.segment import run as seg_run
from crm_core.workspace.gifts import is_gift_log
from tests.conftest import DATA

ROUNDUP = DATA / "shopify_orders_roundup_excerpt.csv"
GIFT_LOGS = ["givebutter_transactions_excerpt.csv", "donorbox_donations_excerpt.csv",
             "actblue_contributions_excerpt.csv", "zeffy_payments_excerpt.csv"]


def _shop_with(tmp_path, header: str):
    """The round-up excerpt with its ``Donation`` column named ``header``."""
    raw = pd.read_csv(ROUNDUP, dtype=str, keep_default_na=False)
    path = tmp_path / "shop_orders.csv"
    raw.rename(columns={"Donation": header}).to_csv(path, index=False)
    return path


@pytest.mark.parametrize("header", ["Donation", "Charity donation", "公益捐赠"])
def test_a_shops_round_up_column_makes_no_gift_log(con, tmp_path, header):
    table = load_file(con, _shop_with(tmp_path, header))[0].table
    assert not is_gift_log(con, table)


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_a_shop_with_a_round_up_keeps_its_shops_segment_names(con, lang):
    run = seg_run.run(con, load_file(con, ROUNDUP)[0].table, lang=lang)
    donor = {"en": "donor", "zh": "捐赠"}[lang]
    assert run.names and not [n for n in run.names.values() if donor in n.lower()], run.names


@pytest.mark.parametrize("name", GIFT_LOGS)
def test_the_donor_crms_exports_are_gift_logs(con, name):
    assert is_gift_log(con, load_file(con, DATA / name)[0].table)
