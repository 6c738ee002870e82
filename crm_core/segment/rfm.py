"""RFM scores with named groups (purchase logs only: they need money and orders).

RFM scores are quintile scores 1–5 that treat ties alike: a customer's score is
``1 + floor(5 × share of customers with a strictly worse value)`` (worse = older last order,
fewer orders, less spend). Named groups come from the R × F grid with the rules in
:data:`RFM_RULES`, shown to the analyst as they are. The scores rank customers among themselves, so a
weekly shop's bottom fifth may be a month quiet: Lost also waits for churn's window of days without an order.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from crm_core.customers.configs import DEFAULT_INACTIVE_DAYS
from crm_core.i18n import t
from crm_core.workspace.gifts import twin


@dataclass(frozen=True)
class RfmRule:
    """A named RFM group: the R and F score ranges it covers (first matching rule wins), and the days without
    an order it also needs, so that no one is called lost before churn would count them gone."""

    key: str
    r: tuple[int, int]
    f: tuple[int, int]
    quiet_days: int = 0


RFM_RULES: tuple[RfmRule, ...] = (
    RfmRule("champions", (5, 5), (4, 5)),
    RfmRule("loyal", (3, 4), (4, 5)),
    RfmRule("potential_loyalists", (4, 5), (2, 3)),
    RfmRule("new", (5, 5), (1, 1)),
    RfmRule("promising", (4, 4), (1, 1)),
    RfmRule("need_attention", (3, 3), (3, 3)),
    RfmRule("about_to_sleep", (3, 3), (1, 2)),
    RfmRule("cant_lose", (1, 2), (5, 5)),
    RfmRule("at_risk", (1, 2), (3, 4)),
    RfmRule("lost", (1, 1), (1, 1), DEFAULT_INACTIVE_DAYS),
    RfmRule("hibernating", (1, 2), (1, 2)),
)
"""Together the rules cover all 25 R × F cells; the order decides overlaps (Lost before Hibernating)."""


def quintile_score(values: pd.Series, higher_is_better: bool = True) -> pd.Series:
    """Scores 1–5 where equal values always get equal scores (rank by strictly worse values)."""
    worse = (values.rank(method="min", ascending=higher_is_better) - 1)
    return (1 + np.floor(5 * worse / len(values))).clip(1, 5).astype("int64")


def rfm_group(r: int, f: int, recency_days: int | None = None) -> str:
    """The key of the first rule covering an (R, F) score pair and, when given, the days since the last order
    (``recency_days`` counts the newest day as 1, so more than N means no order in the last N days)."""
    for rule in RFM_RULES:
        quiet = recency_days is None or recency_days > rule.quiet_days
        if rule.r[0] <= r <= rule.r[1] and rule.f[0] <= f <= rule.f[1] and quiet:
            return rule.key
    raise ValueError(f"no RFM rule covers R={r}, F={f}")


def rfm_label(key: str, lang: str = "en", gifts: bool = False) -> str:
    """The readable name of an RFM group; a gift log's in a donor's words ("Lapsing donors", not
    "At risk")."""
    return t(twin(f"segment.rfm.{key}", gifts), lang)


def rfm_rule_text(rule: RfmRule, lang: str = "en") -> str:
    """The rule behind a group name, e.g. ``R 5, F 4–5``."""
    def span(lo: int, hi: int) -> str:
        return str(lo) if lo == hi else f"{lo}–{hi}"
    key = "segment.rfm.rule_quiet" if rule.quiet_days else "segment.rfm.rule"
    return t(key, lang, r=span(*rule.r), f=span(*rule.f), days=rule.quiet_days)


def rfm_rules_table(lang: str = "en", gifts: bool = False) -> pd.DataFrame:
    """The rules as a table the analyst can read (and download)."""
    return pd.DataFrame({
        t("segment.col.rfm_segment", lang): [rfm_label(r.key, lang, gifts) for r in RFM_RULES],
        t("segment.col.rule", lang): [rfm_rule_text(r, lang) for r in RFM_RULES],
    })


def rfm_scores(features: pd.DataFrame, lang: str = "en", gifts: bool = False) -> pd.DataFrame:
    """R, F, M scores, the ``RFM`` cell code and the named group for each customer."""
    out = pd.DataFrame({"customer_id": features["customer_id"]})
    out["r_score"] = quintile_score(features["recency_days"], higher_is_better=False)
    out["f_score"] = quintile_score(features["frequency"])
    out["m_score"] = quintile_score(features["monetary"])
    out["rfm_cell"] = (out["r_score"].astype(str) + out["f_score"].astype(str)
                       + out["m_score"].astype(str))
    keys = [rfm_group(r, f, days) for r, f, days
            in zip(out["r_score"], out["f_score"], features["recency_days"], strict=True)]
    out["rfm_group"] = keys
    out["rfm_segment"] = [rfm_label(k, lang, gifts) for k in keys]
    return out
