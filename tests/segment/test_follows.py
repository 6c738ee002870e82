"""A category that follows another one already chosen counts the same fact twice: 企业微信's 客户列表
(judge68, tests/data/wecom_contact_list_excerpt_zh.xlsx) has 跟进人 and 跟进人所属部门, each staff member
in one department, so its segments came out named after the staff and their department at once."""

from __future__ import annotations

import pytest

from crm_core.i18n import say
from crm_core.load.reader import load_file
from crm_core.segment.attributes import choose_columns
from crm_core.segment.run import run
from tests.conftest import DATA

WECOM = DATA / "wecom_contact_list_excerpt_zh.xlsx"


@pytest.mark.parametrize(("lang", "said"), [("en", "each '跟进人' goes with one '跟进人所属部门'"),
                                            ("zh", "每个“跟进人”都只对应一个“跟进人所属部门”")])
def test_a_department_that_follows_the_staff_member_is_left_out_and_said(con, lang, said):
    load_file(con, WECOM, "wecom")
    result = run(con, "wecom", lang=lang)
    assert "跟进人" in result.categorical_columns(), result.categorical_columns()
    assert "跟进人所属部门" not in result.categorical_columns(), result.categorical_columns()
    assert result.params()["left_out"]["跟进人所属部门"] == "follows another column"
    notes = " ".join(say(note, lang) for note in result.notes)
    assert said in notes, notes


def test_a_column_that_only_mostly_follows_another_stays(con):
    """One contact of 30 moved to another department (97 % of rows follow the staff member): the
    columns correlate, neither says all of the other, so both stay; so do 性别 and 来源."""
    load_file(con, WECOM, "wecom")
    con.execute("UPDATE wecom SET 跟进人所属部门 = '客服部' WHERE rowid = (SELECT min(rowid) FROM wecom "
                "WHERE 跟进人 = '店员小周')")
    chosen = choose_columns(con, "wecom", None)
    assert {"跟进人", "跟进人所属部门", "性别", "来源"} <= set(chosen.categorical), chosen
