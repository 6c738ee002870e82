"""walk40 (en_simplepractice_03_segments): Segments said "monetary from 'Client Paid'" where the spend is what
the client and the insurer paid (judge77's ``payer_shares``: ``Client Paid`` + ``Insurance Paid``); the
monetary source now names the insurer's share the view adds."""

from __future__ import annotations

import pandas as pd
import pytest

from crm_core.load.reader import load_file
from crm_core.segment.features import customer_features
from crm_core.workspace.amount_words import amount_source_said
from tests.conftest import DATA

SIMPLEPRACTICE = DATA / "simplepractice_appointment_status_excerpt.csv"


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_monetary_names_the_insurers_share_beside_the_clients(con, lang):
    raw = pd.read_csv(SIMPLEPRACTICE, dtype=str)
    assert (pd.to_numeric(raw["Insurance Paid"].str.lstrip("$")) > 0).any()
    load_file(con, SIMPLEPRACTICE, table="sp")
    features = customer_features(con, "sp")
    said = amount_source_said(features.monetary_source).text(lang)
    assert "Client Paid" in said and "Insurance Paid" in said, said
