"""The forty-second judge pass (judge43): a French PrestaShop orders export, a German Shopware 6 orders export
(Windows-1252) and an Argentine Mercado Libre "Ventas" report, money and dates written the continental way
(docs/judge.md). Every expected number is read from the excerpt with pandas, never typed in."""

from __future__ import annotations

import pandas as pd

from crm_core.load.reader import load_file
from crm_core.recommend import offers
from crm_core.report import format as fmt
from tests.conftest import DATA
from tests.workspace.test_bigcommerce_tiktok_salesforce import _view  # load, roles, the view's SQL

PRESTASHOP = DATA / "prestashop_orders_excerpt_fr.csv"
SHOPWARE = DATA / "shopware_orders_excerpt_de.csv"
MERCADOLIBRE = DATA / "mercadolibre_ventas_excerpt_es.xlsx"


def _continental(cells: pd.Series) -> pd.Series:
    """``1 234,56 €`` / ``1.234,56 €`` / ``$ 1.234,56`` as a number (pandas' own reading of the file)."""
    digits = cells.str.replace(r"[^\d,-]", "", regex=True).str.replace(",", ".")
    return digits.astype(float)


MESES = ["enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre", "octubre",
         "noviembre", "diciembre"]


def _fechas(cells: pd.Series) -> pd.Series:
    """``6 de diciembre de 2017 14:03 hs.`` read by pandas once the month is its number."""
    parts = cells.str.extract(r"^(\d+) de (\w+) de (\d{4}) (\d\d:\d\d) hs\.$")
    month = parts[1].map({m: i + 1 for i, m in enumerate(MESES)}).astype(str)
    return pd.to_datetime(parts[2] + "-" + month + "-" + parts[0] + " " + parts[3], format="%Y-%m-%d %H:%M")


def _sales(con, sql: str) -> tuple:
    return con.execute(f"SELECT round(sum(amount), 2), count(*), count(DISTINCT customer_id) FROM ({sql})"
                       ).fetchone()


def test_prestashops_cancelled_refunded_and_unpaid_orders_are_no_sale(con):
    """PrestaShop writes an order's ``État`` in French: ``Annulé``, ``Remboursé`` and ``En attente de virement
    bancaire`` (a transfer still awaited) were no status the view knew (``État`` was no status header), so
    judge43's export kept every one of them as money spent."""
    raw = pd.read_csv(PRESTASHOP, sep=";", dtype=str, keep_default_na=False)
    sold = raw[raw["État"].isin(["Livré", "Expédié", "Paiement accepté"])]
    _, roles, sql = _view(con, PRESTASHOP, "ps")
    assert (roles.get("customer_id"), roles.get("amount")) == ("Client", "Total")
    assert _sales(con, sql) == (round(_continental(sold["Total"]).sum(), 2), len(sold),
                                sold["Client"].nunique())


def test_shopwares_german_columns_and_states_are_read(con):
    """Shopware's German admin names a line's money ``Gesamtpreis`` (``Einzelpreis`` × ``Menge``) beside the
    order's ``Bestellsumme`` on each line, the product ``Produktnummer`` / ``Produktname``, and writes three
    states an order: ``Bestellstatus`` (Storniert), ``Zahlungsstatus`` (Offen: not paid yet, Erstattet:
    refunded). None was read: judge43's export had "no amount column" and became an event log."""
    raw = pd.read_csv(SHOPWARE, sep=";", dtype=str, keep_default_na=False, encoding="cp1252")
    sold = raw[(raw["Zahlungsstatus"] == "Bezahlt") & (raw["Bestellstatus"] != "Storniert")]
    _, roles, sql = _view(con, SHOPWARE, "sw")
    assert {r: roles.get(r) for r in ("amount", "quantity", "unit_price", "product_id", "product_name")} == {
        "amount": "Gesamtpreis", "quantity": "Menge", "unit_price": "Einzelpreis",
        "product_id": "Produktnummer", "product_name": "Produktname"}
    assert _sales(con, sql) == (round(_continental(sold["Gesamtpreis"]).sum(), 2), len(sold),
                                sold["Kundennummer"].nunique())


def test_mercadolibres_spanish_sale_dates_buyers_and_states_are_read(con):
    """Mercado Libre's "Ventas" report dates a sale ``6 de diciembre de 2017 14:03 hs.``, names the buyer
    ``Comprador``, the units ``Unidades``, the money from the products ``Ingresos por productos (ARS)`` and a
    sale's fate ``Estado`` (Cancelada, Devuelto). None was read: judge43's report had "no customer id column"
    and "no date column", and was taken for a customer table of 1,121 customers."""
    raw = pd.read_excel(MERCADOLIBRE, header=3, dtype=str)
    sold = raw[raw["Estado"].isin(["Entregado", "En camino"])]
    table = load_file(con, MERCADOLIBRE, "ml")[0].table
    dtype = dict(con.execute(f'SELECT column_name, column_type FROM (DESCRIBE "{table}")').fetchall())
    assert dtype["Fecha de venta"] == "TIMESTAMP"
    read = con.execute(f'SELECT "Fecha de venta" FROM "{table}"').fetchall()
    assert [pd.Timestamp(r[0]) for r in read] == _fechas(raw["Fecha de venta"]).tolist()
    _, roles, sql = _view(con, MERCADOLIBRE, "ml2")
    assert {r: roles.get(r) for r in ("customer_id", "date", "amount", "quantity")} == {
        "customer_id": "Comprador", "date": "Fecha de venta", "amount": "Ingresos por productos (ARS)",
        "quantity": "Unidades"}
    assert _sales(con, sql) == (round(_continental(sold["Ingresos por productos (ARS)"]).sum(), 2), len(sold),
                                sold["Comprador"].nunique())


def test_mercadolibres_pesos_named_in_its_headers_are_shown_as_pesos(con):
    """Mercado Libre writes its Argentine pesos ``$ 1.234,56`` and names them in the headers, ``Total (ARS)``:
    the ``$`` alone made every page show judge43's report in US dollars."""
    table = load_file(con, MERCADOLIBRE, "ml")[0].table
    assert fmt.display_currency(con, table) == "ARS"


def test_prestashops_order_list_offers_no_flag_or_payment_as_the_product(con):
    """PrestaShop's order list has no products, so ``recommend`` refuses; judge43's refusal suggested
    ``--product-col Nouveau client`` (Oui / Non: a yes/no flag), and with the flag gone ``Paiement`` (how it
    was paid, in French) came next. A two-valued column is never offered, nor a payment or delivery column."""
    raw = pd.read_csv(PRESTASHOP, sep=";", dtype=str, keep_default_na=False)
    table, roles, _ = _view(con, PRESTASHOP, "ps")
    offered = offers.product_like_columns(con, table, roles)
    assert all(raw[name].nunique() > 2 for name in offered), offered
    assert not {"Paiement", "Livraison"} & set(offered)
    assert offers.no_product(con, table, roles).key == "roles.need.product_none"


def test_prestashops_bare_id_is_the_order_of_its_order_list(con):
    """PrestaShop's ``ID`` numbers the orders of its order list (one a row, beside the client, the
    ``État``, ``Total`` and ``Date``), but a bare ``ID`` was no order id, so two orders of one client on one
    day counted as one (judge43). Read as the order, each sold row is one order."""
    raw = pd.read_csv(PRESTASHOP, sep=";", dtype=str, keep_default_na=False)
    sold = raw[raw["État"].isin(["Livré", "Expédié", "Paiement accepté"])]
    _, roles, sql = _view(con, PRESTASHOP, "ps")
    assert roles.get("order_id") == "ID"
    orders = con.execute(f"SELECT count(DISTINCT order_id) FROM ({sql})").fetchone()[0]
    assert orders == sold["ID"].nunique()
