"""A customer's rows in the 360 (CLI ``customer`` and the Customer 360 page) show a money column as
money (judge40): 纷享销客's 商机金额 ``1,902.00元`` read as the number 1902 came back as the text
``"1902.0"``, and a Salesforce ``Amount`` of ``480.00`` as ``"480.0"``."""

from __future__ import annotations

import pandas as pd

from crm_core.link import customer360
from crm_core.load.reader import load_file
from tests.conftest import DATA

FXIAOKE = DATA / "fxiaoke_opportunities_excerpt_zh.xlsx"
SALESFORCE = DATA / "salesforce_opportunities_excerpt.csv"


def _yuan(cell: str) -> float:
    """纷享销客's 商机金额 as a sales rep reads it: ``12.35万`` is 123,500 yuan, ``1,902.00元`` 1,902."""
    if cell.endswith("万"):
        return float(cell[:-1]) * 10_000
    return float(cell.removesuffix("元").replace(",", ""))


def _shown(con, query: str, column: str) -> list[str]:
    """The ``column`` cells of the records the 360 finds for ``query`` (no link run: the loaded rows)."""
    return [r[column] for r in customer360.view(con, query)["linked_records"]]


def test_a_deal_s_money_in_yuan_and_wan_reads_as_money(con):
    """``1,902.00元`` and ``12.35万`` are ``¥1,902.00`` and ``¥123,500.00``: the table's currency, cents,
    thousands marked."""
    deals = pd.read_excel(FXIAOKE, dtype=str)
    firm = deals["客户名称"].value_counts().index[0]
    load_file(con, FXIAOKE, table="fx")
    written = deals.loc[deals["客户名称"] == firm, "商机金额"]
    assert sorted(_shown(con, firm, "商机金额")) == sorted(f"¥{_yuan(c):,.2f}" for c in written)


def test_an_english_deal_amount_reads_as_money(con):
    """Salesforce's ``Amount`` (no currency named) with cents and thousands; the ``Probability (%)`` and
    ``Age`` beside it are no money and stay as written."""
    deals = pd.read_csv(SALESFORCE, dtype=str).dropna(subset=["Amount"])
    account = deals["Account Name"].value_counts().index[0]
    load_file(con, SALESFORCE, table="sf")
    mine = deals[deals["Account Name"] == account]
    assert sorted(_shown(con, account, "Amount")) == sorted(f"{float(c):,.2f}" for c in mine["Amount"])
    assert sorted(_shown(con, account, "Probability (%)")) == sorted(mine["Probability (%)"])
    assert sorted(_shown(con, account, "Age")) == sorted(mine["Age"])



def test_a_deal_s_expected_revenue_reads_as_money_though_no_analysis_counts_it(con):
    """Salesforce's ``Expected Revenue`` (``Amount`` × ``Probability (%)``) read ``"480.0"`` in the 360's
    records (judge41, left38): a prediction, so no money any analysis counts, but money all the same when
    shown. The deal's ``Close Date`` stays a day."""
    deals = pd.read_csv(SALESFORCE, dtype=str).dropna(subset=["Expected Revenue"])
    account = deals["Account Name"].value_counts().index[0]
    load_file(con, SALESFORCE, table="sf")
    mine = deals[deals["Account Name"] == account]
    shown = _shown(con, account, "Expected Revenue")
    assert sorted(shown) == sorted(f"{float(c):,.2f}" for c in mine["Expected Revenue"])
    assert all("," not in day and "." not in day for day in _shown(con, account, "Close Date"))
