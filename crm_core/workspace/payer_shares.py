"""A visit paid in parts by who pays: a clinic's export writes what the client (or patient) paid and what
the insurer paid side by side (SimplePractice's ``Client Paid`` beside ``Insurance Paid``). The money
received for the visit is both; the client's share alone read 38 % low on judge77's sessions, and the
``Total Fee`` charged, paid or not, 28 % high."""

from __future__ import annotations

import re

from crm_core.workspace.role_names import is_numeric_type
from crm_core.workspace.sqlutil import qi

_OWN_SHARE = re.compile(r"^(client|patient)[ _-]?paid$", re.IGNORECASE)
_INSURER_SHARE = re.compile(r"^(insurance|insurer)[ _-]?paid$", re.IGNORECASE)


def insurer_column(columns: list[tuple[str, str]], amount: str | None) -> str | None:
    """The numeric insurer's-share column beside a client's-share ``amount`` (None where there is none)."""
    if not amount or not _OWN_SHARE.match(amount.strip()):
        return None
    found = (c for c, dtype in columns if _INSURER_SHARE.match(c.strip()) and is_numeric_type(dtype))
    return next(found, None)


def with_insurer(columns: list[tuple[str, str]], amount: str | None, money: str) -> str:
    """``money`` plus the row's insurer share where :func:`insurer_column` finds one."""
    insurer = insurer_column(columns, amount)
    return f"(({money}) + coalesce({qi(insurer)}, 0))" if insurer else money
