"""A student's QQ number (judge83): 腾讯课堂's 机构订单 writes each buyer's 学员QQ beside the 学员昵称 and
手机号码; ``--mask-pii`` masked the nickname and the phone and left the QQ number, an account that reaches the
person as a phone does, in clear."""

from __future__ import annotations

import pytest

from crm_core.load.reader import load_file
from crm_core.protect.privacy import classify_values, detect_pii
from tests.conftest import DATA

TENCENT_KE = DATA / "tencent_ke_orders_excerpt_zh.csv"


def test_a_students_qq_number_is_personal_data(con):
    load_file(con, TENCENT_KE, table="kt")
    found = detect_pii(con, "kt")
    assert found.get("学员QQ") == "im_account"
    assert found.get("手机号码") == "phone"
    assert found.get("课程ID") is None and found.get("订单号") is None


@pytest.mark.parametrize(("header", "values"), [("QQ号", ["10001", "2491016283"]),
                                                 ("微信号", ["wxid_abc123", "zhang_san88"])])
def test_an_im_account_is_read_under_its_header_only(header, values):
    assert classify_values(values, header) == "im_account"
    assert classify_values(values, "课程ID") is None
