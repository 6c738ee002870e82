"""walk38: 美团外卖's 订单明细 writes 收货地址 on two lines inside its quotes ("浙江省 杭州市 西湖区\n
文三路…"), so the upload's PII pre-scan, copying the first 2,001 physical lines, cut inside a cell; the reader
refused that head ("line 2001 opens a quote … that no later quote closes"), the scan found nothing, the Data
page offered no masking and 1,597 rows loaded with 收货人, 隐私号 and 收货地址 in the clear. The head ends
between rows."""

from __future__ import annotations

from crm_core.load.scan import scan_file
from tests.conftest import DATA

MEITUAN = DATA / "meituan_waimai_order_lines_excerpt_zh.csv"


def test_a_head_cut_inside_a_two_line_address_still_finds_the_personal_columns(ws):
    lines = MEITUAN.read_bytes().split(b"\n")
    assert lines[3].count(b'"') % 2 == 1  # the fourth line opens an address its fifth closes
    found = scan_file(MEITUAN, sample_lines=3, work_folder=ws.folder)
    assert found == {"收货人": "name", "隐私号": "phone", "收货地址": "address"}
