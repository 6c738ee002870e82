"""Cleaning steps in words ("Drop rows where customer_id is empty"), in English and Chinese,
for the page, the steps chart and the CLI's JSON."""

from __future__ import annotations

from crm_core.i18n import listed, quoted_name, t
from crm_core.quality.steps import Step

SHOWN_PAIRS = 3
"""A mapping's first pairs said in its sentence; the rest is "…"."""


def describe(step: Step, lang: str = "en") -> str:
    """One sentence saying what the step does to the table."""
    d = step.to_dict()
    kind = d["kind"]
    values: dict[str, object] = {k: v for k, v in d.items() if k != "kind"}
    if "columns" in values:
        values["columns"] = listed([_named(c, lang) for c in values["columns"] or []], lang)  # type: ignore[union-attr]
    if "column" in values:
        values["column"] = _named(values["column"], lang)
    if kind == "fill_missing":
        how = d["method"]
        values["how"] = (t("clean.say.fill.constant", lang, value=d["value"]) if how == "constant"
                         else t(f"clean.say.fill.{how}", lang))
    elif kind == "cast":
        values["to"] = t(f"clean.say.to.{d['to']}", lang)
    elif kind == "drop_duplicates":
        values["keep"] = t(f"clean.say.keep.{d['keep']}", lang)
    elif kind == "map_values":  # "Give 5 spellings of size one label" read S → Small … as one label
        mapping = d["mapping"]
        values |= {"n": len(mapping), "k": len(set(mapping.values())),
                   "pairs": listed([f"{old} → {new}" for old, new in list(mapping.items())[:SHOWN_PAIRS]]
                                   + (["…"] if len(mapping) > SHOWN_PAIRS else []), lang)}
    elif kind == "filter_range":
        values["min"] = "…" if d["min"] is None else d["min"]
        values["max"] = "…" if d["max"] is None else d["max"]
    elif kind == "derive":
        values["op"] = t(f"clean.say.op.{d['op']}", lang)
    variant = f".{d['action']}" if kind in ("returns", "outliers") else ""
    if kind == "drop_duplicates" and not d["columns"]:
        variant = ".all"
    if kind == "map_values" and values["k"] == 1:
        variant = ".one"
    return t(f"clean.say.{kind}{variant}", lang, **values)


def _named(column: object, lang: str) -> str:
    """A column named in a step's sentence: quoted in Chinese, where a bare name ran into the words
    around it or stood between spaces ("删除 买家昵称 为空的行", walk14); bare in English."""
    return quoted_name(column).text(lang) if lang == "zh" else str(column)
