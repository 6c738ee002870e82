"""The namesake session: one EM session more over every candidate pair whose names agree, whichever
rule found it. The rules' own sessions mostly see a person's records through a shared phone or
e-mail, so they under-rate how often her two records share the e-mail; among namesakes the e-mail
is free to agree or differ (docs/link.md, link41 and link44)."""

from __future__ import annotations

import pandas as pd

from crm_core.link.model import Rule

NAME_LEVELS = (9, 3, 1)
"""The name's levels that make two records namesakes: exact, the same letters, close."""


def session(blocked: pd.DataFrame, fields: list[str], masked: dict[str, bool]) -> tuple[Rule, pd.DataFrame]:
    """The namesakes' rule (its levels, for its recall) and the patterns of their pairs; empty when
    no export has a name. It blocks nothing: every candidate pair is already in ``blocked``."""
    levels = (9,) if masked.get("name") else NAME_LEVELS
    rule = Rule("namesakes", "", {"name": levels})
    if "name" not in fields:
        return rule, blocked.iloc[:0]
    return rule, blocked[blocked["name"].isin(levels).to_numpy()]
