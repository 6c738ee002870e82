"""walk38: Substack's subscriber list (one row per subscriber, ``Subscription date``, ``Total revenue`` their
totals) was read by Churn as purchases, one each, so everyone active before the cutoff "churned" and the page
refused with "743 customers with 743 churned — too few of each kind to learn from": a count that reads wrong
and no way on. A list of one row per customer holding each one's totals is asked for its label column, as
one without money is; a log of one order per buyer keeps its own refusals."""

from __future__ import annotations

import pandas as pd
import pytest

from crm_core.customers import churn as C
from crm_core.errors import CrmError
from crm_core.i18n import say
from crm_core.load.reader import load_file
from tests.conftest import DATA

SUBSTACK = DATA / "substack_subscribers_excerpt.csv"


@pytest.mark.parametrize(("lang", "words"), [("en", "one row per customer and no purchases"),
                                             ("zh", "每位客户只有一行、没有购买记录")])
def test_a_subscriber_list_with_totals_is_asked_for_its_label_column(con, lang, words):
    raw = pd.read_csv(SUBSTACK)
    assert raw["Email"].is_unique and raw["Total revenue"].notna().all()
    table = load_file(con, SUBSTACK, "ss")[0].table
    with pytest.raises(CrmError) as refused:
        C.run(con, table, lang=lang)
    said = say(refused.value.args[0], lang)
    assert words in said and "--label-col" in said, said
