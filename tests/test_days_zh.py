"""A day inside a Chinese sentence stands apart from the words beside it, as the catalogue spaces every
other value ("截止日 {cutoff} 比…", "截至 {day} 的"): forecast notes read "数据截至2025年12月31日" and
"（自2025年12月29日起）" (walk36, walk37)."""

from __future__ import annotations

import ast
import re

from crm_core.forecast.series import load_series
from crm_core.i18n import catalogue, say
from crm_core.load.reader import load_file
from crm_core.workspace.roles import get_roles
from tests.conftest import DATA, ROOT

_CJK = r"[\u4e00-\u9fff]"


def _calls_said(node) -> set[str]:
    """The names of the functions called anywhere in ``node``."""
    return {getattr(n.func, "attr", getattr(n.func, "id", "")) for n in ast.walk(node)
            if isinstance(n, ast.Call)}


def _holds_day(node) -> bool:
    return "Day" in _calls_said(node)


def _day_placeholders():
    """(key, placeholder) for each sentence built with a day among its values in crm_core, a value
    named before the call (``begun = Day(start) if … else Term(…)``) too."""
    for path in sorted((ROOT / "crm_core").rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for scope in ast.walk(tree):
            if not isinstance(scope, ast.FunctionDef):
                continue
            days = {t.id for n in ast.walk(scope) if isinstance(n, ast.Assign) and _holds_day(n.value)
                    for t in n.targets if isinstance(t, ast.Name)}
            for call in ast.walk(scope):
                if not (isinstance(call, ast.Call) and getattr(call.func, "id", "") == "Sentence"
                        and call.args and isinstance(call.args[0], ast.Constant)):
                    continue
                for keyword in call.keywords:
                    if _holds_day(keyword.value) or getattr(keyword.value, "id", None) in days:
                        yield call.args[0].value, keyword.arg


def _glued(found) -> list[tuple[str, str]]:
    """The (key, placeholder) pairs whose Chinese sets the day against a character."""
    return [(key, name) for key, name in found
            if re.search(rf"{_CJK}\{{{name}\}}|\{{{name}\}}{_CJK}", catalogue()[key]["zh"])]


def test_every_day_in_a_chinese_sentence_is_spaced_from_its_words():
    found = sorted(set(_day_placeholders()))
    assert ("forecast.note.left_out_last", "end") in found and len(found) >= 10, found
    assert _glued(found) == []


def _said_days():
    """(key, placeholder) for each ``t``/``tr`` call whose value is a day said by ``fmt.day`` or
    ``day_words``, in pages, app_ui and crm_core: Customer 360 read "来自2026年12月7日对…的分析" (walk39)."""
    for folder in ("pages", "app_ui", "crm_core"):
        for path in sorted((ROOT / folder).rglob("*.py")):
            for call in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                if not (isinstance(call, ast.Call) and getattr(call.func, "id", "") in ("t", "tr")):
                    continue
                keys = [n.value for a in call.args[:1] for n in ast.walk(a) if isinstance(n, ast.Constant)]
                for keyword in call.keywords:  # a key chosen by "a" if … else "b" gives both
                    if _calls_said(keyword.value) & {"day", "day_words"}:
                        yield from ((key, keyword.arg) for key in keys if key in catalogue())


def test_every_day_said_by_a_page_is_spaced_from_its_words():
    found = sorted(set(_said_days()))
    assert ("customer.from_run", "day") in found and len(found) >= 4, found
    assert _glued(found) == []


def test_a_forecast_note_on_a_real_export_says_its_days_apart(con):
    """有赞's 零售销售明细 excerpt starts on a Wednesday and ends on one: both its part weeks are left out."""
    load_file(con, DATA / "youzan_retail_sales_excerpt_zh.csv", "youzan")
    series = load_series(con, "youzan", get_roles(con, "youzan"), "W")
    said = " | ".join(say(n, "zh") for n in series.notes)
    day = r"\d{4}年\d{1,2}月\d{1,2}日"
    assert re.search(rf"数据截至 {day}，最后一期（自 {day} 起）不完整，已略去。", said), said
    assert re.search(rf"数据从 {day} 才开始，第一期（自 {day} 起）不完整，已略去。", said), said
