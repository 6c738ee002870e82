"""An order's lines packed in one cell as labelled fields: BigCommerce's orders export writes
``Product Details`` as ``Product ID: 100, Product Qty: 1, Product SKU: …, Product Name: …, Product
Variation Details: Size: S (4), Product Unit Price: 67.50, Product Total Price: 67.50|Product ID: 115, …``
(one block per line, blocks joined by ``|``; scripts rebuilding the export write `` | ``).

Such a cell is read as the JSON list of items GA4 writes (:mod:`.items`), in SQL, so recommend and
basket take one row per line from the same code (judge37: 748 orders refused as "orders, not the items
in them").
"""

from __future__ import annotations

import duckdb

from crm_core.i18n import Sentence
from crm_core.workspace.sqlutil import qi

FIELDS = {"product_id": "Product ID", "sku": "Product SKU", "product_name": "Product Name",
          "quantity": "Product Qty", "price": "Product Unit Price"}
"""Item fields (as :mod:`.items` names them) and the labels BigCommerce writes them with."""
_NUMBERS = ("quantity", "price")
_NEXT_LABEL = r"Product [A-Za-z ]+:"
"""What ends a field's value: the next label. A name may hold a comma (``Roses, red``) and a
variation a colon (``Size: S (4)``); only ``, Product …:`` starts the next field."""
SAMPLE = 200


def is_labelled(con: duckdb.DuckDBPyConnection, table: str, column: str) -> bool:
    """Whether every one of the column's first filled values starts with a product label and gives
    a quantity: a note that mentions ``Product ID:`` once is no list of lines."""
    text = f"trim(CAST({qi(column)} AS VARCHAR))"
    seen, labelled = con.execute(
        f"SELECT count(*), count(*) FILTER (WHERE regexp_matches(v, ?) AND regexp_matches(v, ?)) "
        f"FROM (SELECT {text} AS v FROM {qi(table)} WHERE nullif({text}, '') IS NOT NULL LIMIT {SAMPLE})",
        [rf"^({FIELDS['product_id']}|{FIELDS['sku']}|{FIELDS['product_name']}):",
         rf"(^|,)\s*{FIELDS['quantity']}:\s*\d"]).fetchone()
    return seen > 0 and labelled == seen


def json_sql(column: str) -> str:
    """SQL giving the cell as a JSON array of ``{product_id, sku, product_name, quantity, price}``."""
    pairs = ", ".join(f"'{key}', {_value(label, key in _NUMBERS)}" for key, label in FIELDS.items())
    return (f"to_json(list_transform(list_filter(string_split(CAST({qi(column)} AS VARCHAR), '|'), "
            f"lambda p: trim(p) <> ''), lambda p: json_object({pairs})))")


def _value(label: str, number: bool) -> str:
    """One labelled field of the line ``p``: the text up to the next label, NULL when absent."""
    pattern = f"(?:^|,)\\s*{label}:\\s*(.*?)\\s*(?:,\\s*{_NEXT_LABEL}|$)"
    found = f"NULLIF(trim(regexp_extract(p, '{pattern}', 1)), '')"
    return f"TRY_CAST({found} AS DOUBLE)" if number else found


def note(column: str, field: str) -> Sentence:
    """What a run says it read: the cell, and the labels taken as product, quantity and price."""
    return Sentence("rec.note.labelled_lines", column=column, product=FIELDS[field],
                    quantity=FIELDS["quantity"], price=FIELDS["price"])
