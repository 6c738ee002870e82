"""A bare ``name`` column that names products, not people: masking it would hide the catalogue."""

from __future__ import annotations

import re

from crm_core.workspace.role_names import persons_name_beside

_BARE_NAME = re.compile(r"^(name|名称|名字)$", re.IGNORECASE)
_PRODUCT_CONTEXT = re.compile(r"product|item|sku|price|category|brand|商品|产品|价格|类别|品牌",
                              re.IGNORECASE)
_PRODUCT_TITLE = re.compile(r"(product|item)[ _-]?(title|name)|商品名称|产品名称", re.IGNORECASE)
_POSTAL = re.compile(r"^(address([ _-]?(line[ _-]?)?1)?|street|post(al)?[ _-]?code|zip([ _-]?code)?|"
                     r"收货地址|地址)$", re.IGNORECASE)
"""A street address or postcode of its own: a row that ships to someone (Depop's ``Name`` beside
``Address Line 1`` and ``Post Code`` is the buyer's, judge84); a catalogue has none."""


def is_product_name(column_name: str, other_columns: tuple[str, ...]) -> bool:
    """A bare ``name`` beside price, category, sku …: a product's name, no person's — unless the
    product has its own title column (PayPal's ``Name`` beside ``Item Title`` is the payer), an e-mail
    and a product sit beside it (Teachable's student) or a postal address does (Depop's buyer)."""
    return bool(_BARE_NAME.match(column_name.strip())) and any(
        _PRODUCT_CONTEXT.search(c) for c in other_columns) and not any(
        _PRODUCT_TITLE.search(c) or _POSTAL.match(c.strip()) for c in other_columns
    ) and not persons_name_beside(column_name, other_columns)
