"""A percent column (``12.5%``, kept as the share 0.125 and marked so at load) stays a percent in
the tables built from it: a recipe's output, a union (fmt13: both gave it back as plain decimals),
unless a step turned it into text."""

from __future__ import annotations

import io

import openpyxl
import pytest

from crm_core.load.reader import load_file
from crm_core.quality.integrate import union_tables
from crm_core.quality.recipes import Recipe, apply_recipe
from crm_core.report.files import excel_bytes_fast
from crm_core.workspace.column_kinds import share_columns

DEALS = ("Customer ID,Order Date,Amount,Discount %\nC1,2024-01-05,$100.50,12.5%\n"
         "C2,2024-02-07,$80.00,5%\n,2024-03-09,$40.25,0%\nC3,2024-03-11,\"$1,300.00\",25.0%\n")
"""HubSpot's ``Discount %`` shape, one row without a customer for the recipe to drop."""


@pytest.fixture
def deals(con, tmp_path):
    for name in ("deals", "deals_q2"):
        path = tmp_path / f"{name}.csv"
        path.write_text(DEALS)
        load_file(con, path)
    assert share_columns(con, "deals") == {"Discount %"}
    return con


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_a_recipes_output_keeps_the_percent_mark_and_its_preview_workbook_reads_percents(deals, lang):
    from app_ui.text import in_language
    from app_ui.widgets import for_people
    from pages.data import preview_config

    recipe = Recipe.from_dict({"steps": [{"kind": "drop_missing", "columns": ["Customer ID"]}]})
    assert apply_recipe(deals, "deals", recipe)["rows_after"] == 3
    assert share_columns(deals, "deals_clean") == {"Discount %"}
    frame = deals.execute('SELECT * FROM deals_clean').df()
    with in_language(lang):
        sheet, kinds = for_people(frame, preview_config(deals, "deals_clean", frame, {}))
    cells = openpyxl.load_workbook(io.BytesIO(excel_bytes_fast({"s": sheet}, kinds=kinds, lang=lang))).active
    column = [c.value for c in cells[1]].index("Discount %") + 1
    assert cells.cell(2, column).value == 0.125 and cells.cell(2, column).number_format == "0.0%"


def test_a_union_keeps_the_mark_and_a_column_cast_to_text_loses_it(deals):
    union_tables(deals, ["deals", "deals_q2"], "all_deals")
    assert share_columns(deals, "all_deals") == {"Discount %"}
    recipe = Recipe.from_dict({"steps": [{"kind": "cast", "column": "Discount %", "to": "text"}]})
    apply_recipe(deals, "deals", recipe)
    assert share_columns(deals, "deals_clean") == set()
