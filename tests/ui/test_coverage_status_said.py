"""The rows-used line on Segments and Churn names the export's own states of the rows it leaves out, as the
Data page's load note does (Lemon Squeezy's refunded and pending, 马帮's 已作废 and 已退款), not every state
the app knows (walk36, left66)."""

from __future__ import annotations

import pytest

from crm_core.cli import main
from tests.conftest import ROOT
from tests.ui.apptest import open_page

DATA = ROOT / "tests" / "data"
GENERIC = {"en": "refunded, cancelled, refused, returned, failed, unpaid or no-show",
           "zh": "退款、取消、拒收、退货、失败、未付款或爽约"}
SHAPES = [("en", "lemonsqueezy_orders_excerpt.csv",
           "25 of 30 rows used; left out: 5 rows that are no sale: refunded, pending (not paid "
           "yet) orders (by 'status')"),
          ("zh", "mabang_orders_excerpt_zh.csv",
           "共 60 行，使用 48 行；排除：12 行不算销售：“订单状态”为“已退款”、“已作废”的订单")]


def _loaded(ws, name: str, lang: str) -> None:
    assert main(["load", str(DATA / name), "--workspace", str(ws.folder), "--lang", lang]) == 0


def _rows_used(at) -> str:
    return next(c.value for c in at.caption if "rows used" in c.value or "使用" in c.value)


@pytest.mark.parametrize("lang, name, said", SHAPES)
def test_segments_says_the_exports_own_states_of_the_rows_it_left_out(ws, lang, name, said):
    _loaded(ws, name, lang)
    at = open_page(ws.folder, page="pages/segments.py")
    at.button[0].click().run()  # run in English (AppTest reads the zh k box's format back as English)
    at.session_state["lang"] = lang
    at.run()
    assert not at.exception, at.exception
    line = _rows_used(at)
    assert said in line, line
    assert GENERIC[lang] not in line


@pytest.mark.parametrize("lang, name, said", SHAPES)
def test_churn_says_the_exports_own_states_of_the_rows_it_left_out(ws, lang, name, said):
    _loaded(ws, name, lang)
    at = open_page(ws.folder, lang, page="pages/customers.py")
    assert not at.exception, at.exception
    line = _rows_used(at)
    assert said in line, line
    assert GENERIC[lang] not in line
