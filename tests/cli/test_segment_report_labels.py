"""``segment --out``'s report files (HTML and Excel) say every parameter in words: the rows a status left out
read ``rows_cancelled.cancelled_orders`` as their label and the generic words of every state the app knows
(left66); they now say the export's own states, as the Data page's note does (left72)."""

from __future__ import annotations

import re
from html import unescape

import openpyxl
import pytest

from crm_core.cli import main
from tests.conftest import ROOT

DATA = ROOT / "tests" / "data"
RAW_KEY = re.compile(r"\b[a-z]+(?:_[a-z]+)*\.[a-z]+(?:_[a-z]+)+\b")
"""A locale or coverage key (``rows_cancelled.cancelled_orders``, ``segment.param.x``), never a word."""
SHAPES = [("en", "lemonsqueezy_orders_excerpt.csv",
           "Of them, refunded, pending (not paid yet) orders (by 'status')",
           "refunded, cancelled, refused, returned, failed, unpaid or no-show"),
          ("zh", "mabang_orders_excerpt_zh.csv", "其中“订单状态”为“已退款”、“已作废”的订单",
           "退款、取消、拒收、退货、失败、未付款或爽约")]


def _parameters(folder, name: str, lang: str, out) -> list[tuple[str, str]]:
    assert main(["load", str(DATA / name), "--workspace", str(folder), "--lang", lang]) == 0
    segment = ["segment", name.removesuffix(".csv"), "--workspace", str(folder), "--lang", lang]
    assert main([*segment, "--out", str(out)]) == 0
    book = openpyxl.load_workbook(out / "segment_report.xlsx")
    sheet = book["Parameters" if lang == "en" else "参数"]
    return [(str(a), str(b)) for a, b in sheet.iter_rows(min_row=2, values_only=True)]


@pytest.mark.parametrize("lang, name, states, generic", SHAPES)
def test_the_report_files_say_the_rows_a_status_left_out_in_words(ws, tmp_path, capsys, lang, name, states,
                                                                   generic):
    out = tmp_path / "out"
    rows = _parameters(ws.folder, name, lang, out)
    html = unescape((out / "segment_report.html").read_text(encoding="utf-8"))
    raw = [label for label, _ in rows if RAW_KEY.search(label)]
    assert not raw, raw
    assert not [label for label in re.findall(r"<t[hd][^>]*>([^<]*)</t[hd]>", html) if RAW_KEY.search(label)]
    labels = " ".join(label for label, _ in rows)
    assert states in labels, labels
    assert states in html and generic not in html and generic not in labels


def test_a_plumbers_jobs_still_to_come_are_not_said_as_shop_visits(ws, tmp_path):
    """walk38: Housecall Pro's scheduled jobs read "尚未到店的预约" (bookings not yet come to the shop) on
    Segments and in the report: a plumber goes to the customer. Bookings still to come are said without a
    shop."""
    rows = _parameters(ws.folder, "housecall_jobs_excerpt.csv", "zh", tmp_path / "out")
    [label] = [label for label, _ in rows if "预约" in label]
    assert "尚未进行的预约" in label and "到店" not in label, label
