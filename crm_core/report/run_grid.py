"""A kept run's settings and headline figures as labelled grids in the page's language: the
"Past runs" expander showed them as raw JSON (``{"k": 3, "transform": "log", …}``)."""

from __future__ import annotations

from typing import Any

import pandas as pd

from crm_core import i18n
from crm_core.contract import Config
from crm_core.forecast import BLEND
from crm_core.report import format as fmt

FIGURES: dict[str, str] = {
    "customers": "count", "k": "count", "silhouette": "number", "recommended_k": "count",
    "reference_date": "date", "rows_used": "count", "rows_left_out": "count",
    "roc_auc": "number", "pr_auc": "number", "churn_rate": "share", "scored": "count",
    "at_risk": "count", "win_back": "count", "cutoff": "date", "validation_customers": "count",
    "mape": "percent", "naive_mape": "percent", "winner": "model", "horizon": "count",
    "periods": "count", "coverage_80": "share", "series": "count",
    "products": "count", "recommendations": "count", "hit_rate": "share", "popularity_hit_rate": "share",
    "precision": "share", "recall": "share", "customers_evaluated": "count",
    "cohorts": "count", "retention_period_1": "share", "revenue": "money",
    "expected_total": "money", "horizon_days": "count", "mae": "number", "spearman": "number",
    "questions": "count", "faq_entries": "count", "answered": "count", "answered_share": "share",
    "threshold": "number", "precision_of_replies": "share", "wrong_share": "share",
    "baskets": "count", "rules": "count", "category_rules": "count", "min_support": "share",
    "records": "count", "estimated_people": "count", "pairs_linked": "count",
    "estimated_precision": "share", "estimated_recall": "share", "served": "words",
}
"""The summary figures a manager reads, with how each is said (``runs.figure.<key>`` names them);
the rest of a summary (standard errors, per-model tables) stays in the run's files."""


def said(value: Any, kind: str, lang: str, currency: str = "") -> str:
    """One value for people: shares in percent, counts with separators, money under the data's
    currency sign, lists with 、 in Chinese, yes/no in words, nothing as —. Every percentage has
    one decimal, as the pages say them ("7.53%" read beside "11.0%", walk20)."""
    if value is None or value == [] or value == "":
        return fmt.MISSING
    if isinstance(value, bool):
        return i18n.t("runs.yes" if value else "runs.no", lang)
    if isinstance(value, list):
        return i18n.listed(value, lang)
    if isinstance(value, dict):
        return i18n.listed((f"{k} {said(v, 'number', lang)}" for k, v in value.items()), lang)
    if kind == "share":
        return fmt.percent(value, 1)
    if kind == "percent":
        return f"{fmt.number(value, 1)}%"
    if kind == "date":
        return fmt.day(value, lang)
    if kind == "money" and isinstance(value, int | float):
        return fmt.money(value, currency)
    if kind == "model":
        return model_words(str(value), lang)
    if kind in ("count", "number") and isinstance(value, int | float):
        return fmt.number(value, 0 if kind == "count" else None)
    return str(value)


def model_words(method: str, lang: str) -> str:
    """A forecast's candidate in words ("Mean of ETS, Theta and MSTL"), a blend as "A + B": a kept
    run's figures read "Model chosen: ensemble" under the page's own sentence (walk14)."""
    return " + ".join(i18n.t(f"forecast.method.{m}", lang) for m in method.split(BLEND))


def settings_grid(config: dict[str, Any], config_type: type[Config], lang: str) -> pd.DataFrame:
    """Each setting named by its help (the page's tooltip, in ``lang``) beside its value, in the
    order the Config declares them (the kept JSON is sorted by name)."""
    rows = [(_sentence_case(config_type.help(f.name, lang), lang),
             said(_in_words(config[f.name], f.metadata.get("words"), lang), "number", lang))
            for f in config_type.fields() if f.name in config]
    return pd.DataFrame(rows, columns=[i18n.t("runs.col.setting", lang), i18n.t("runs.col.value", lang)])


def summary_grid(summary: dict[str, Any], lang: str, currency: str = "") -> pd.DataFrame:
    """The run's headline figures (:data:`FIGURES`), named and said for people, money under the
    run's ``currency`` (a kept spend total read 48,210 where the page says ¥48,210, walk13). A
    sentence the run said of its figures comes first: a kept recommend run read "Hit rate" beside
    "Best-sellers' hit rate" with nothing saying all history's best-sellers were served (churn18)."""
    keys = sorted((key for key in summary if key in FIGURES), key=lambda key: FIGURES[key] != "words")
    rows = [(i18n.t(f"runs.figure.{key}", lang),
             said(summary[key], figure_kind(key, summary), lang, currency)) for key in keys]
    return pd.DataFrame(rows, columns=[i18n.t("runs.col.figure", lang), i18n.t("runs.col.value", lang)])


def figure_kind(key: str, summary: dict[str, Any]) -> str:
    """How ``key`` is said: a backtest's error (``mae``) is money for a spend run (it errs on each
    customer's spend) and for a forecast of revenue, a count of orders or units for the rest."""
    money_error = "expected_total" in summary or summary.get("target") == "revenue"
    return "money" if key == "mae" and money_error else FIGURES[key]


def _in_words(value: Any, prefix: str | None, lang: str) -> Any:
    """A choice as the page's widget says it (``option(words=…)``): the grid read the stored codes
    ``log``, ``W``, ``new``; a list choice by choice, a number or a table name as it is."""
    if prefix is None:
        return value
    if isinstance(value, list):
        return [i18n.word(prefix, v, lang) for v in value]
    return i18n.word(prefix, value, lang)


def _sentence_case(text: str, lang: str) -> str:
    """An English help text capitalised as a label; Chinese has no case, and a help opening on a
    code stays as typed ("new = 只推荐…" read "New = …")."""
    return text[:1].upper() + text[1:] if lang == "en" else text
