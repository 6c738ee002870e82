"""Rows a till flags void: Toast keeps a voided item selection (``Void?`` true) and a voided order
(``Voided`` true) as rows with their prices, so only the flag says no money changed hands."""

from __future__ import annotations

import re

from crm_core.workspace.sqlutil import qi

_VOID = re.compile(r"^(is[ _]?)?void(ed)?\??$|^(是否)?(已)?作废\??$", re.IGNORECASE)
TRUE = ("true", "t", "yes", "y", "1", "是")


def voided_tests(columns: list[tuple[str, str]], table: str) -> list[str]:
    """True on a row whose void flag is set (a boolean, or its text: true, yes, 1, 是)."""
    values = ", ".join(repr(v) for v in TRUE)
    return [f"coalesce(lower(trim(CAST({qi(c)} AS VARCHAR))) IN ({values}), false)"
            for c, _ in columns if _VOID.match(c.strip())]
