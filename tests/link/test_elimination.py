"""Elimination: namesakes already resolved by strong evidence change what a shared name says about
the records left (a generated web shop and till sharing their customers, with planted namesakes;
one run)."""

from __future__ import annotations

import pandas as pd
import pytest

from crm_core.link import synthetic
from crm_core.link.run import run
from crm_core.workspace import store

WEB = ("customer_id", "full_name", "email", "phone", "city", "birth_date")
TILL = ("会员编号", "姓名", "手机", "城市", "生日")

# four people called 孔若曦 in the web shop and at the till: three pairs share a phone, the
# fourth pair shares the name alone
FOUR = [("web_customers", (f"KW{i}", "Ruoxi Kong", None, f"+86 137 5555 000{i}" if i < 3 else None,
                            None, None)) for i in range(4)] + \
       [("till_members", (f"KM{i}", "孔若曦", f"137-5555-000{i}" if i < 3 else None, None, None))
        for i in range(4)]
# two people called 乔浩然 in each: one linked by phone; the other two records share the name alone
TAKEN = [("web_customers", ("TW0", "Haoran Qiao", None, "+86 139 4444 1234", None, None)),
         ("web_customers", ("TW1", "Haoran Qiao", None, "+86 139 4444 5678", None, None)),
         ("till_members", ("TM0", "乔浩然", "139-4444-1234", None, None)),
         ("till_members", ("TM1", "乔浩然", None, None, None))]

# two people called 邱若曦 in each, no phones: none of the name's holders is resolved
ALONE = [("web_customers", (f"AW{i}", "Ruoxi Qiu", None, None, None, None)) for i in range(2)] + \
        [("till_members", (f"AM{i}", "邱若曦", None, None, None)) for i in range(2)]


@pytest.fixture(scope="module")
def result(tmp_path_factory):
    from crm_core.workspace.store import Workspace

    exports = synthetic.exports(600, seed=3)  # kept: the people both channels know

    truth = exports.truth
    columns = {"web_customers": WEB, "till_members": TILL}
    both = set.intersection(*(set(truth.loc[truth["table"] == t, "person"]) for t in columns))
    with Workspace(tmp_path_factory.mktemp("elimination")).connect() as con:
        for name, header in columns.items():
            frame = exports.tables[name]
            ids = set(truth.loc[(truth["table"] == name) & truth["person"].isin(both), "record_id"])
            extra = pd.DataFrame([values for table, values in FOUR + TAKEN + ALONE
                                   if table == name],
                                 columns=list(header))
            store.write_frame(con, name, pd.concat([frame[frame.iloc[:, 0].astype(str).isin(ids)], extra],
                                                   ignore_index=True))
        return run(con, list(columns))


def key_of(result, table: str, record_id: str) -> str:
    return result.identity.set_index(["table", "record_id"]).loc[(table, record_id), "customer_key"]


def pair_of(result, one: str, other: str) -> pd.Series:
    """The pair's row of links.csv, whichever side each record is on."""
    links = result.links()
    ids = {one, other}
    return links[links["left_id"].isin(ids) & links["right_id"].isin(ids)].iloc[0]


def test_last_namesakes_left_are_linked(result):
    for i in range(3):  # resolved by their phones
        assert key_of(result, "web_customers", f"KW{i}") == key_of(result, "till_members", f"KM{i}")
    assert key_of(result, "web_customers", "KW3") == key_of(result, "till_members", "KM3")
    pair = pair_of(result, "KW3", "KM3")
    assert pair["linked"]
    assert "other holders of the name already matched" in pair["agreeing"]  # the analyst sees why


def test_record_linked_by_phone_does_not_absorb_a_namesake(result):
    assert key_of(result, "web_customers", "TW0") == key_of(result, "till_members", "TM0")
    assert key_of(result, "till_members", "TM1") != key_of(result, "web_customers", "TW0")
    assert key_of(result, "till_members", "TM1") == key_of(result, "web_customers", "TW1")
    links = result.links()
    assert not (links["left_id"].isin({"TW0", "TM1"}) & links["right_id"].isin({"TW0", "TM1"})
                & links["linked"]).any()


def test_a_name_with_no_holder_resolved_says_so(result):
    """No holder of 邱若曦 is resolved across the two tables: the name weighs E[1/N] given that
    none was (each holder is resolved with chance q, so few holders are likelier), and the
    analyst reads why on each of the four pairs across."""
    links = result.links()
    across = links[links["left_id"].str.startswith("A") & links["right_id"].str.startswith("A")
                   & (links["left_table"] != links["right_table"])]
    assert len(across) == 4
    assert across["agreeing"].str.contains("no holder of the name matched across these tables yet").all()
