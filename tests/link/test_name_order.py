"""A name an export splits into two columns is shown as people write it: ``James Smith`` from
HubSpot's ``First Name`` + ``Last Name``, 张晓明 from 姓 + 名."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from crm_core.link.run import LinkConfig, run
from crm_core.load.reader import load_file

DATA = Path(__file__).resolve().parents[1] / "data"


def test_a_split_latin_name_reads_given_name_first(con):
    """left38: HubSpot's contacts read "Smith James" in Customer 360's profile and the Link page's
    customers, the export's own order of columns (last, first), where people and the export's
    e-mails (james.smith@…) write "James Smith"."""
    load_file(con, DATA / "hubspot_contacts_excerpt.csv", "contacts")
    contacts = pd.read_csv(DATA / "hubspot_contacts_excerpt.csv", dtype=str)
    contacts["written"] = contacts["First Name"] + " " + contacts["Last Name"]
    written = contacts.groupby(contacts["Email"].str.lower())["written"].agg(set)  # jsmith@: John, Jennifer
    customers = run(con, ["contacts"], LinkConfig()).customers
    assert len(customers) > 100
    for email, name in zip(customers["email"], customers["name"], strict=True):
        assert name in written[email], (email, name)


def test_a_chinese_name_split_into_surname_and_given_name_keeps_the_surname_first(con, tmp_path):
    """姓 + 名 is how a Chinese name is written: 张 晓明 stays 张…, never 晓明 张."""
    frame = pd.DataFrame({"会员编号": ["M001", "M002", "M003"], "姓": ["张", "欧阳", "李"],
                          "名": ["晓明", "娜娜", "伟"],
                          "手机号": ["13912345678", "13812345679", "13712345670"]})
    frame.to_csv(tmp_path / "members.csv", index=False)
    load_file(con, tmp_path / "members.csv", "members")
    customers = run(con, ["members"], LinkConfig()).customers
    assert sorted(customers["name"].str.replace(" ", "")) == ["张晓明", "李伟", "欧阳娜娜"]
