"""The evaluation reads nothing from the future of the customer it scores (issue #15, round 14).

13 real Complete Journey households (``tests/data/complete_journey_13_households.csv``): household
1597 stops on 12 December 2017, the twelve others shop until the last days of December. A list that
household 1597 is judged on, in the validation weeks or in the test weeks, must come out the same
when the other households' purchases made inside 1597's held-out weeks are taken away: nothing
bought then was known when those weeks began.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from crm_core.recommend import data
from crm_core.recommend.data import TEST, VALIDATION
from crm_core.recommend.model import Recommender
from crm_core.workspace.roles import get_roles

EXCERPT = Path(__file__).resolve().parents[1] / "data" / "complete_journey_13_households.csv"
EARLY = "1597"


def _load(con, table: str, where: str = "TRUE") -> None:
    con.execute(f"CREATE OR REPLACE TABLE {table} AS SELECT * FROM read_csv('{EXCERPT}') WHERE {where}")


def _held_out_days(con, table: str, part: int) -> tuple[pd.Timestamp, pd.Timestamp]:
    """The first and last purchase of the early household inside its ``part`` weeks, as the split
    itself says (each pair's first and newest purchase in each part)."""
    bought = data.purchases(con, table, get_roles(con, table), 28, cycles=True)
    own = bought.frame[(bought.frame["customer_id"] == EARLY) & (bought.frame["part"] == part)]
    assert len(own), "the early household must buy in its held-out weeks"
    return own["first_ts"].min(), own["last_ts"].max()


def _list(con, table: str, part: int) -> list[str]:
    """The early household's list from the model fitted for ``part``, as the evaluation fits it."""
    bought = data.purchases(con, table, get_roles(con, table), 28)
    model = Recommender(28.0, 28.0, mode="new").fit(bought.upto(part))
    return model.recommend(10, customers=[EARLY])["product_id"].astype(str).tolist()


@pytest.mark.parametrize("part", [VALIDATION, TEST])
def test_a_list_does_not_read_other_customers_purchases_from_its_own_held_out_weeks(con, part):
    _load(con, "tx")
    first, last = _held_out_days(con, "tx", part)
    others = (f"NOT (CAST(household_id AS VARCHAR) <> '{EARLY}' AND transaction_timestamp "
              f"BETWEEN TIMESTAMP '{first}' AND TIMESTAMP '{last}')")
    _load(con, "tx_without", others)
    removed = con.execute("SELECT count(*) FROM tx").fetchone()[0] - \
        con.execute("SELECT count(*) FROM tx_without").fetchone()[0]
    assert removed > 0
    assert _list(con, "tx", part) == _list(con, "tx_without", part)
