"""A series of measurements (a date and a number, no customer: monthly passengers, daily demand)
profiled as what it is (fmt13: ``profile`` and the Data page called monthly passengers "one row
per customer: a customer table" and told daily demand "each customer-day counts as one order")."""

from __future__ import annotations

import json

import pytest

from crm_core.cli import main
from crm_core.i18n import t
from crm_core.load.reader import load_file
from crm_core.workspace.missing import table_note

MONTHS = "Month,Passengers\n" + "".join(
    f"{1949 + i // 12}-{1 + i % 12:02d},{112 + (i * 37) % 250}\n" for i in range(48))
"""AirPassengers' shape: a month and a count, no customer."""
DAYS = "date,demand\n" + "".join(f"2024-{1 + i // 28:02d}-{1 + i % 28:02d},{30 + (i * 7) % 23}\n"
                                 for i in range(112))
"""A bakery's daily demand (every month cut at the 28th: the gaps stay even enough)."""


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize(("name", "text"), [("passengers", MONTHS), ("demand", DAYS)])
def test_a_series_is_profiled_as_measurements_not_customers(ws, tmp_path, capsys, lang, name, text):
    path = tmp_path / f"{name}.csv"
    path.write_text(text)
    with ws.connect() as con:
        load_file(con, path)
        note = table_note(con, name, lang)
    assert main(["profile", name, "--lang", lang, "--workspace", str(ws.folder)]) == 0
    said = json.loads(capsys.readouterr().out.strip().splitlines()[-1])
    evidence = said["kind_evidence"]
    assert t("kind.evidence.series", lang) in evidence
    for claim in ("one_row_per_customer", "no_customer", "sales_records"):
        assert t(f"kind.evidence.{claim}", lang) not in evidence
    assert said["missing_roles"] == note  # the Data page says what the CLI says
    assert "forecast" in note and t("roles.missing.order_id", lang) not in note
