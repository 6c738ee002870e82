"""The Data page's preview heads money with the sign of the currency its rows are in (walk40)."""

from __future__ import annotations

import json

from tests.conftest import DATA
from tests.ui.apptest import page_opener

data_page = page_opener("pages/data.py")


def _previewed(folder, path):
    """The preview grid's column settings after uploading ``path`` on the Data page."""
    at = data_page(folder)
    at.file_uploader[0].set_value((path.name, path.read_bytes(), "text/csv")).run()
    at.button(key="load_uploads").click().run()
    assert not at.exception, at.exception
    return at.dataframe[0], json.loads(at.dataframe[0].proto.columns)


def test_money_in_several_currencies_is_previewed_without_one_sign(ws):
    """walk40 (en_kofi_01_data): Ko-fi's ``Received`` was headed "Received (£)" over its USD rows, a
    third of the file (the ``Currency`` column beside says each row's); Clean's fences for it are bare."""
    grid, columns = _previewed(ws.folder, DATA / "kofi_transactions_excerpt.csv")
    assert set(grid.value["Currency"]) == {"GBP", "USD"}
    assert columns["Received"]["label"] == "Received", columns["Received"]


def test_money_in_one_currency_keeps_its_sign(ws):
    """A currency column naming one code on every row (Payhip's ``Currency`` USD) still signs the amount."""
    grid, columns = _previewed(ws.folder, DATA / "payhip_sales_export_excerpt.csv")
    assert set(grid.value["Currency"]) == {"USD"}
    assert columns["Amount Paid"]["type_config"]["format"] == "dollar", columns["Amount Paid"]
