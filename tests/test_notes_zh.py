"""Notes, evidence, hovers and captions an analyst reads carry their Chinese: a Chinese page or
``--lang zh`` printed some of them in English (zh12). The refusals' guard is test_refusals_zh.py."""

from __future__ import annotations

import ast
import json
import re

import pandas as pd

from tests.conftest import DATA, ROOT

# ------------------------------------------------------------------ guards (ast scans)

NOTE_LISTS = re.compile(r"(notes?|warnings?|caveats?|reasons?|evidence|left_out)$", re.IGNORECASE)
"""Names of the lists (and keywords) whose items an analyst reads as notes."""

CHART_TEXT = {"title", "labels", "xaxis_title", "yaxis_title", "legend_title_text", "hovertemplate"}
"""Plotly keywords whose text reaches the chart's reader."""

PAGE_CALLS = {"caption", "info", "warning", "success", "error", "markdown", "subheader", "header",
              "title", "toast", "write", "metric", "button", "expander", "tabs", "text_input",
              "selectbox", "radio", "checkbox", "number_input", "slider", "multiselect", "toggle"}
"""Streamlit calls whose first argument (or label/help/placeholder) the analyst reads."""

PAGE_NEVER_TRANSLATED = {
    # The language picker itself: its label must read in both languages before one is chosen.
    ("app_ui/text.py", "Language / 语言"),
}
"""Page texts that are meant to be the same in every language (file, text)."""


def _words(text: str) -> bool:
    """Text holding an English word once plotly's ``%{…}`` fields and HTML tags are taken out."""
    return re.search(r"[A-Za-z]{2,}", re.sub(r"%\{[^}]*\}|<[^>]*>", "", text)) is not None


def _english(node) -> bool:
    """A str literal or f-string with English words in it, or text glued to one."""
    if isinstance(node, ast.BinOp):
        return _english(node.left) or _english(node.right)
    if isinstance(node, ast.JoinedStr):
        return any(isinstance(v, ast.Constant) and _words(v.value) for v in node.values)
    return isinstance(node, ast.Constant) and isinstance(node.value, str) and _words(node.value)


LAYOUT_KEYS = {"xanchor", "yanchor", "x", "y", "font", "side"}
"""Keys of a plotly title dict that place it ("xanchor": "left"): codes, not text."""


def _items(node) -> list:
    """The texts a value holds: a list's or tuple's items, a dict's values but its layout codes,
    else itself."""
    if isinstance(node, ast.List | ast.Tuple):
        return list(node.elts)
    if isinstance(node, ast.Dict):
        return [v for k, v in zip(node.keys, node.values, strict=True)
                if getattr(k, "value", None) not in LAYOUT_KEYS]
    return [node]


def _target(node) -> str:
    return node.id if isinstance(node, ast.Name) else getattr(node, "attr", "")


def _parsed(*folders: str):
    for folder in folders:
        for path in sorted((ROOT / folder).rglob("*.py")):
            yield path.relative_to(ROOT).as_posix(), ast.parse(path.read_text(encoding="utf-8"))


def _core_texts(tree):
    """(line, text node) for each note appended or passed as English text, and each chart text."""
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        func = node.func
        if isinstance(func, ast.Attribute) and func.attr in ("append", "extend") \
                and NOTE_LISTS.search(_target(func.value)):  # appended: one note (a fact's key, values)
            yield from ((node.lineno, item) for arg in node.args
                        for item in (_items(arg) if func.attr == "extend" else [arg]))
        for keyword in node.keywords:
            if keyword.arg and (NOTE_LISTS.search(keyword.arg) or keyword.arg in CHART_TEXT):
                yield from ((node.lineno, item) for item in _items(keyword.value))


def test_no_note_or_chart_text_in_crm_core_is_plain_english():
    """The support run's notes ("the true FAQ column holds FAQ question texts; …") and the basket
    rules' hover ("lift 2.31<br>support …") were English literals on the Chinese pages."""
    plain = [f"{file}:{line} {ast.unparse(item)[:60]}" for file, tree in _parsed("crm_core")
             for line, item in _core_texts(tree) if _english(item)]
    assert plain == []


def test_no_page_text_is_an_english_literal():
    """The Segments page's column boxes showed "age", "region", "churn" as examples in Chinese."""
    plain = []
    for file, tree in _parsed("pages", "app_ui"):
        for node in ast.walk(tree):
            if not (isinstance(node, ast.Call) and getattr(node.func, "attr", "") in PAGE_CALLS):
                continue
            read = node.args[:1] + [k.value for k in node.keywords
                                    if k.arg in ("label", "help", "placeholder")]
            plain += [f"{file}:{node.lineno} {ast.unparse(item)[:60]}" for arg in read for item in _items(arg)
                      if _english(item) and (file, getattr(item, "value", None)) not in PAGE_NEVER_TRANSLATED]
    assert plain == []


# ------------------------------------------------------------------ real notes in Chinese


def _support_questions(tmp_path, relabel) -> str:
    """The supermarket questions with their labels rewritten by ``relabel(label, faq)``."""
    faq = pd.read_csv(DATA / "supermarket_faq_zh.csv", dtype=str)
    questions = pd.read_csv(DATA / "supermarket_questions_zh.csv", dtype=str)
    questions["标签"] = relabel(questions["标签"], faq)
    path = tmp_path / "工单.csv"
    questions.to_csv(path, index=False)
    return str(path)


def _last_json(out: str) -> dict:
    return json.loads(out.strip().splitlines()[-1])


def test_support_label_notes_are_said_in_chinese(ws, tmp_path, capsys):
    """Labels written as the FAQ's question text, and a label naming an FAQ id the FAQ lacks: the
    summary's notes read in English with ``--lang zh``."""
    from crm_core.cli import main

    as_text = _support_questions(tmp_path, lambda labels, faq: labels.map(dict(zip(faq["编号"], faq["问题"],
                                                                                    strict=True))))
    folder = ["--workspace", str(ws.folder)]
    assert main(["load", str(DATA / "supermarket_faq_zh.csv"), as_text, *folder]) == 0
    assert main(["support", "supermarket_faq_zh", "工单", "--lang", "zh", *folder]) == 0
    assert _last_json(capsys.readouterr().out)["notes"] == [
        "标注列里填的是 FAQ 的问题原文（不是编号），已按原文对应到 FAQ 编号"]
    unknown = _support_questions(tmp_path, lambda labels, faq: labels.where(labels.index != 0, "Z99"))
    assert main(["load", unknown, "--replace", *folder]) == 0
    for lang, said in (("zh", "有 1 个问题标注的 FAQ 编号在 FAQ 里找不到，按“没有对应 FAQ”计"),
                       ("en", "1 question names an FAQ id that is not in the FAQ; counted as having no FAQ")):
        assert main(["support", "supermarket_faq_zh", "工单", "--lang", lang, *folder]) == 0
        assert _last_json(capsys.readouterr().out)["notes"] == [said]


def test_profile_says_evidence_roles_and_problems_in_chinese(ws, capsys):
    """``profile orders`` had no ``--lang``: the table's kind evidence ("customer id 'customer_id':
    3,000 distinct …"), each column's role evidence and the problems were English only."""
    from crm_core.cli import main

    folder = ["--workspace", str(ws.folder)]
    assert main(["load", str(ROOT / "sample_data" / "orders.csv"), *folder]) == 0
    capsys.readouterr()
    said = {}
    for lang in ("zh", "en"):
        assert main(["profile", "orders", "--lang", lang, *folder]) == 0
        said[lang] = _last_json(capsys.readouterr().out)
    zh, en = said["zh"], said["en"]
    assert en["kind_evidence"][0].startswith("customer id 'customer_id'")
    assert zh["kind_evidence"][-1] == "客户重复出现，且有日期和金额或数量：购买记录"
    evidence = {c["name"]: c["role_evidence"] for c in zh["columns"]}
    assert evidence["invoice_date"].startswith("列名“invoice_date”对应日期"), evidence
    # a role named in Chinese joins its sentence without a space ("对应 订单号" read as a slip, walk12)
    assert not [text for text in evidence.values() if re.search(r"[\u4e00-\u9fff”] [\u4e00-\u9fff]", text)]
    assert zh["problems"][0]["message"].startswith("有 12 行与其他行完全重复"), zh["problems"][0]
    assert all(not re.search(r"[A-Za-z]{3,} [A-Za-z]{3,}", text) for text in
               zh["kind_evidence"] + list(evidence.values()) + [p["message"] for p in zh["problems"]])


def test_the_segment_report_says_the_tables_evidence_in_chinese(ws, capsys):
    """The Chinese segment report's parameter table listed the customer table's evidence in English
    ("one row per customer: a customer table")."""
    from crm_core.cli import main

    folder = ["--workspace", str(ws.folder), "--out", str(ws.folder / "out")]
    assert main(["load", str(ROOT / "sample_data" / "customers.csv"), *folder[:2]]) == 0
    assert main(["segment", "customers", "--lang", "zh", *folder]) == 0
    html = (ws.folder / "out" / "segment_report.html").read_text(encoding="utf-8")
    assert "每位客户一行：客户表" in html
    assert "one row per customer" not in html and "distinct in" not in html


def test_basket_rule_hover_names_lift_support_and_confidence_in_chinese():
    from crm_core.recommend.charts import rules_bars

    rules = pd.DataFrame({"antecedent": ["牛奶"], "consequent": ["面包"], "support": [0.02],
                          "confidence": [0.4], "lift": [2.3]})
    hover = rules_bars(rules, str, "最强规则", ("提升度", "规则"), lang="zh").data[0].hovertemplate
    assert "提升度" in hover and "支持度" in hover and "置信度" in hover
    assert not _words(hover), hover


def test_notes_joined_for_a_page_are_each_said_in_its_language():
    """``i18n.join`` glued the notes' English: the Support page's "说明：" caption read on in
    English after it."""
    from crm_core.i18n import Sentence, join

    notes = [Sentence("support.note.labels_as_text"), Sentence("support.note.unknown_ids", count="3")]
    assert join(notes, "zh") == ("标注列里填的是 FAQ 的问题原文（不是编号），已按原文对应到 FAQ 编号；"
                                 "有 3 个问题标注的 FAQ 编号在 FAQ 里找不到，按“没有对应 FAQ”计")
    assert join(notes, "en") == "; ".join(notes)
