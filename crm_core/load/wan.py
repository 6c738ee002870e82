"""Numbers written with 万 in the cell (``12.35万``, ``¥3.2万元``), beside plain ones (``1,902.00元``).

Chinese CRMs (纷享销客's 商机金额, 销售易's 金额) and shop back offices write a large sum in 万 and a small
one in 元 in the same column; read as text, the column was no amount at all. Each cell is scaled on its
own (万 = 10,000), which a unit in the header (``金额(万元)``, :mod:`crm_core.load.units`) cannot say.
"""

from __future__ import annotations

import re

from crm_core.workspace.sqlutil import number_expr

_WAN = re.compile(r"^[-+]?\s*[¥￥]?\s*[\d.,]*\d\s*万元?$")


def written(values: list[str], number: re.Pattern[str]) -> bool:
    """Whether some values are in 万 and all others are plain ``number`` cells."""
    return any(_WAN.match(v) for v in values) and all(_WAN.match(v) or number.match(v) for v in values)


def expr(col: str) -> str:
    """SQL: the cell's number, × 10,000 where it ends in 万 (or 万元)."""
    digits = f"regexp_replace(trim({col}), '\\s*万元?$', '')"
    scale = f"CASE WHEN regexp_matches(trim({col}), '万元?$') THEN 10000 ELSE 1 END"
    return f"(({number_expr(digits, '.')}) * {scale})"
