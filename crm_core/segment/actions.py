"""A suggested next step for each segment, in words a manager can act on.

KMeans segments are read the way they are named (value = frequency and spend, activity =
recency, on the standardised profile), so "High value, lapsed" and its action agree; RFM
groups have one action per group. A donation log's segments are told in a donor's words (``gifts``).
"""

from __future__ import annotations

import pandas as pd

from crm_core.i18n import t
from crm_core.segment.model import _level

ACTIONS: dict[tuple[str, str], str] = {
    ("high", "active"): "reward", ("high", "cooling"): "early_access",
    ("high", "lapsed"): "win_back_personal",
    ("mid", "active"): "cross_sell", ("mid", "cooling"): "nudge", ("mid", "lapsed"): "win_back",
    ("low", "active"): "second_purchase", ("low", "cooling"): "cheap_reminder",
    ("low", "lapsed"): "newsletter",
}
RFM_ACTIONS: dict[str, str] = {
    "champions": "reward", "loyal": "cross_sell", "potential_loyalists": "second_purchase",
    "new": "second_purchase", "promising": "nudge", "need_attention": "nudge",
    "about_to_sleep": "cheap_reminder", "cant_lose": "win_back_personal", "at_risk": "win_back",
    "hibernating": "cheap_reminder", "lost": "newsletter",
}


def said(action: str, lang: str, gifts: bool = False) -> str:
    """An action in a shop's words, or a donor's where the log holds gifts: "ask for reviews" and "a
    second-purchase offer" were told to a food bank's donors (walk39)."""
    return t(f"segment.action.{'gift.' if gifts else ''}{action}", lang)


def segment_actions(z_profile: pd.DataFrame, lang: str = "en",
                    refunding: frozenset[str] = frozenset(), gifts: bool = False) -> dict[str, str]:
    """Segment name → suggested action, from its standardised recency, frequency and spend.
    ``refunding`` segments (mean spend below zero) are told to look at their returns first: an
    offer to customers who return more than they buy pays for more returns (walk16)."""
    out = {}
    for name, row in z_profile.iterrows():
        if str(name) in refunding:
            out[str(name)] = said("check_returns", lang, gifts)
            continue
        value = _level((row["frequency"] + row["monetary"]) / 2, "low", "mid", "high")
        activity = _level(row["recency_days"], "active", "cooling", "lapsed")
        out[str(name)] = said(ACTIONS[(value, activity)], lang, gifts)
    return out


def rfm_action(group_key: str, lang: str = "en", gifts: bool = False) -> str:
    """The suggested action for an RFM group key (``champions`` → "Reward them …")."""
    return said(RFM_ACTIONS[group_key], lang, gifts)
