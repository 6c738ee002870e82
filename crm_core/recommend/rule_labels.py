"""Basket rules as an analyst reads them: "A → B", each product's name said once.

A catalogue's description often opens with the product's name ("A4 Lined Washi Tape Set: stationery
for …"): the rules' labels read "P0111 · A4 Lined Washi Tape Set · A4 Li…" and the grid showed A's
id, name and description before B, so the part that differs between rules was cut at 1024 px (walk20).
"""

from __future__ import annotations

import pandas as pd

from crm_core.recommend.basket import RULE_COLUMNS, name_column

SIDES = ("antecedent", "consequent")
SEPARATORS = " :：,，;；-–—·|/"
"""What sits between a repeated name and the rest of a description ("Name: …", "名称，…")."""
MEASURES = ("lift", "confidence", "support", "baskets_with_both", "antecedent_baskets", "rank_for_antecedent")
"""Beside the rule, lift first: rules are ranked by it, and a 1024 px grid cut it at the edge."""


def without_name(values: pd.Series, names: pd.Series) -> pd.Series:
    """``values`` with a leading repeat of the product's name cut, the description's own words
    kept ("Kenya AA Ground Coffee 250g: freshly roasted …" → "freshly roasted …")."""
    cut = [v[len(n):].lstrip(SEPARATORS) or pd.NA
           if isinstance(v, str) and isinstance(n, str) and n and v.startswith(n) else v
           for v, n in zip(values.astype("string"), names.astype("string"), strict=True)]
    return pd.Series(cut, index=values.index, dtype="string")


def unrepeated(products: pd.DataFrame | None) -> pd.DataFrame | None:
    """The catalogue (``product_id``, name, …) without the columns that open with the name on every
    row (a description "Name: …"), so a label built from its first columns names the product once
    and goes on to its category or brand."""
    if products is None or len(products.columns) < 3:
        return products
    names = products.iloc[:, 1].astype("string")
    return products.drop(columns=[c for c in products.columns[2:] if _opens_with(products[c], names)])


def _opens_with(values: pd.Series, names: pd.Series) -> bool:
    """Whether every value given beside a name opens with that name."""
    text = values.astype("string")
    known = text.notna() & names.notna()
    return bool(known.any()) and all(v.startswith(n) for v, n in zip(text[known], names[known], strict=True))


def rule_grid(rules: pd.DataFrame) -> pd.DataFrame:
    """Rules led by "A → B" in names and their measures, then the ids (when names stand beside
    them) and the catalogue's other columns without the name again."""
    out = rules.copy()
    named = {side: name_column(rules, side) for side in SIDES}
    for side, name in named.items():
        for column in [c for c in out.columns if c.startswith(f"{side}_") and c not in RULE_COLUMNS]:
            if column != name:
                out[column] = without_name(out[column], out[name])
    texts = [out[n].astype("string").fillna(out[side].astype("string")) for side, n in named.items()]
    out.insert(0, "rule", texts[0] + " → " + texts[1])
    measures = [c for c in MEASURES if c in out]
    said = [side for side, n in named.items() if n == side]  # the rule says these in full already
    rest = [c for c in out.columns if c not in ("rule", *measures, *said)]
    return out[["rule", *measures, *rest]]
