"""Mercado Libre's "Ventas" report (judge43) in ``link``: its buyer is ``Comprador`` (a person's name, in
Spanish) with ``DNI`` (Argentina's national id), and ``link`` refused it as "no column to link on"."""

from __future__ import annotations

import pandas as pd

from crm_core.link import fields
from crm_core.load.reader import load_file
from tests.conftest import DATA

MERCADOLIBRE = DATA / "mercadolibre_ventas_excerpt_es.xlsx"


def test_a_buyers_name_and_dni_are_linked_on(con):
    """``Comprador`` plays the name and ``DNI`` the id number; every buyer's DNI is read (pandas on the
    excerpt: the header is under two title rows and a blank one)."""
    raw = pd.read_excel(MERCADOLIBRE, header=3, dtype=str)
    table = load_file(con, MERCADOLIBRE, "ml")[0].table
    found = fields.detect(con, table)
    assert (found.columns.get("name"), found.columns.get("id_number")) == ("Comprador", "DNI")
    staged = con.execute(f'SELECT count(DISTINCT "DNI") FROM "{table}"').fetchone()[0]
    assert staged == raw["DNI"].nunique()
