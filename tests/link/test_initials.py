"""A name written as initials alone (``J. D.``) in ``link`` (left45, left49): PrestaShop's order list writes
its client as an initial and a surname (``C. Roux``, left45: two clients), and a shop that keeps less
writes the initials only. Two records agreeing on initials alone are no evidence of one person; another
agreeing field still links them."""

from __future__ import annotations

import pandas as pd

from crm_core.link.run import LinkConfig, run
from crm_core.load.reader import load_file
from crm_core.workspace import store
from tests.conftest import DATA

PRESTASHOP = DATA / "prestashop_orders_excerpt_fr.csv"


def _initialled(raw: pd.DataFrame, emails: list[str]) -> pd.DataFrame:
    """Two of the excerpt's orders by different clients, their names cut to the initials ``J. D.``."""
    two = raw.iloc[[1, 2]].assign(Client="J. D.", Email=emails)
    assert two["ID"].nunique() == 2
    return two


def _linked(con, emails: list[str]) -> int:
    raw = pd.read_csv(PRESTASHOP, sep=";", dtype=str, keep_default_na=False)
    load_file(con, PRESTASHOP, "ps")
    store.write_frame(con, "ps_initials", _initialled(raw, emails))
    result = run(con, ["ps", "ps_initials"], LinkConfig())
    return result.summary()["pairs_linked"]


def test_initials_alone_link_no_two_records(con):
    """``J. D.`` and ``J. D.`` with different e-mails were linked on main (the name outweighed them)."""
    assert _linked(con, ["jean.dupont@exemple.fr", "julie.durand@exemple.fr"]) == 0


def test_initials_with_another_agreeing_field_still_link(con):
    """The same two records sharing one e-mail are linked by it."""
    assert _linked(con, ["jd@exemple.fr", "jd@exemple.fr"]) == 1
