"""Cohorts of a table dated by year only (``年份`` / ``Year`` 2015 … 2023 per customer): yearly
cohorts, not a refusal for having no date (fc18)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from crm_core.errors import CrmError
from crm_core.i18n import say
from crm_core.segment.cohorts import CohortConfig, run
from crm_core.workspace import store


def _yearly(year: str = "年份", customer: str = "客户编号", amount: str = "消费金额") -> pd.DataFrame:
    """A member table's yearly spend export: one row per customer and year it bought in, first
    years 2015–2019, to 2023."""
    rng = np.random.default_rng(0)
    rows = [{customer: f"C{c:03d}", year: y, amount: float(rng.integers(100, 900))}
            for c in range(60) for y in range(2015 + c % 5, 2024) if y == 2015 + c % 5 or rng.random() < 0.7]
    return pd.DataFrame(rows)


@pytest.mark.parametrize(("lang", "said"), [("en", "年份"), ("zh", "年份")])
def test_a_year_column_gives_yearly_cohorts(con, lang, said):
    frame = _yearly()
    store.write_frame(con, "members", frame)
    result = run(con, "members", CohortConfig(), lang=lang)
    assert result.config.freq == "Y"
    cohorts = result.frame.groupby("cohort")["cohort_size"].first()
    firsts = frame.groupby("客户编号")["年份"].min().value_counts().sort_index()
    assert list(cohorts.index) == [f"{y}-01-01" for y in firsts.index]
    assert list(cohorts) == list(firsts)
    year0 = result.frame[result.frame["period"] == 0]
    assert (year0["retention"] == 1).all()
    later = result.frame[(result.frame["cohort"] == "2015-01-01") & (result.frame["period"] == 3)]
    assert later["customers"].iloc[0] == frame[(frame["年份"] == 2018) & frame["客户编号"].isin(
        frame.groupby("客户编号")["年份"].min().loc[lambda s: s == 2015].index)]["客户编号"].nunique()
    notes = [say(n, lang) for n in result.notes]
    assert any(said in n for n in notes), notes


def test_an_english_year_column_asked_by_month_is_refused_in_words(con):
    store.write_frame(con, "members", _yearly("Year", "Customer ID", "Amount"))
    assert run(con, "members", CohortConfig(freq="Y")).frame["cohort"].min() == "2015-01-01"
    with pytest.raises(CrmError) as refused:
        run(con, "members", CohortConfig(freq="M"))
    assert "Year" in say(refused.value.args[0], "en")
