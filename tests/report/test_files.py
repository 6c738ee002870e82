"""The people's workbook writer (``excel_bytes_fast``): a column no caller gave a kind still reads as
a person reads it (fmt13: General drew ``37.5949284785``, a count ``3.0``, an id ``13085.0`` and a
day ``2024-12-15 00:00:00``)."""

from __future__ import annotations

import io
from pathlib import Path

import openpyxl
import pandas as pd
import pytest

from crm_core.report.files import NUMBER_FORMATS, csv_bytes, excel_bytes_fast


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_a_column_nobody_named_reads_as_people_read_it(lang):
    """A churn list's shape as the CLI computes it: a float count, a float id, a mean, a
    probability, a last order at midnight and a decided-at time."""
    frame = pd.DataFrame({"customer": [13085.0, None], "frequency": [3.0, 18.0],
                          "mean_gap_days": [28.41176470588235, 3.0], "p_alive": [0.36792713961963, 0.0004882],
                          "last_order": pd.to_datetime(["2024-12-15", "2025-05-17"]),
                          "decided": pd.to_datetime(["2026-12-05 00:57:41", "2026-12-05 09:00:00"]),
                          "code": ["a", "b"]})
    sheet = openpyxl.load_workbook(io.BytesIO(excel_bytes_fast({"s": frame}, lang=lang))).active
    row = sheet[2]
    assert row[0].value == 13085 and isinstance(row[0].value, int) and sheet.cell(3, 1).value is None
    assert row[1].value == 3 and isinstance(row[1].value, int)
    assert row[2].number_format == NUMBER_FORMATS["number"] and row[2].value == pytest.approx(28.4117647)
    assert row[3].number_format == NUMBER_FORMATS["fraction"]
    assert row[4].is_date and row[4].number_format == NUMBER_FORMATS[f"day:{lang}"]
    assert row[5].is_date and row[5].number_format == NUMBER_FORMATS[f"time:{lang}"]
    assert row[6].number_format == "General"


def test_csv_floats_lose_arithmetics_last_bit_and_whole_counts_their_point():
    """fmt13 counted 10,806 values like ``1342.5400000000002`` in the CLI's churn_scores.csv and
    counts written ``382.0``; 15 significant digits are what a double holds."""
    frame = pd.DataFrame({"spend": [1342.5400000000002, 0.1 + 0.2], "orders": [382.0, 3.0],
                          "p": [0.9920531288734551, float("nan")], "customer_id": ["00017", "13085"]})
    text = csv_bytes(frame).decode("utf-8-sig").splitlines()
    assert text == ["spend,orders,p,customer_id", "1342.54,382,0.992053128873455,00017", "0.3,3,,13085"]


def test_workbook_columns_are_as_wide_as_their_headers_and_values():
    """walk17: the Chinese segment workbook left every column at Excel's default width (8.43
    characters): "最近消费（天，中位数）" ran under its neighbour and revenue 4,499,963.26 in a
    #,##0.00 cell showed as ########. Each column is sized to its header and its widest value,
    a Chinese character counting two."""
    frame = pd.DataFrame({"分群": ["高价值·活跃", "中等价值·降温"], "收入": [4499963.26, 115293.91],
                          "最近消费（天，中位数）": [4.5, 75.0], "n": [1, 2]})
    written = excel_bytes_fast({"s": frame}, money=("收入",), lang="zh")
    sheet = openpyxl.load_workbook(io.BytesIO(written)).active
    widths = {sheet.cell(1, i + 1).value: sheet.column_dimensions[sheet.cell(1, i + 1).column_letter].width
              for i in range(frame.shape[1])}
    assert widths["最近消费（天，中位数）"] >= 22 and widths["分群"] >= 14, widths
    assert widths["收入"] >= len("4,499,963.26"), widths
    assert widths["n"] < 10, widths  # a short column stays narrow


def test_csv_floats_never_take_an_exponent():
    """walk23: the Link page's ``link_model.csv`` wrote a level's u as ``1e-06`` (Excel: 1.00E-06);
    ``%.15g`` gives an exponent below 10⁻⁴ and from 10¹⁵. Written out in digits, every value reads
    back as the same float."""
    frame = pd.DataFrame({"m": [0.849992, 0.000125], "u": [1e-06, 3.2e-05], "big": [1e15, 2.5e16],
                          "weight": [-13.815510557964274, 8.0]})
    text = csv_bytes(frame).decode("utf-8-sig")
    assert "e" not in text.lower().replace("weight", ""), text
    lines = text.splitlines()
    assert lines[1] == "0.849992,0.000001,1000000000000000,-13.8155105579643"
    back = pd.read_csv(io.StringIO(text))
    assert back["u"].tolist() == [1e-06, 3.2e-05] and back["big"].tolist() == [1e15, 2.5e16]


KLAVIYO = Path(__file__).resolve().parents[1] / "data" / "klaviyo_profiles_excerpt.csv"


def test_a_phone_stays_as_written_while_formulas_are_still_neutralised():
    """walk23: ``customers_unified.csv`` wrote a phone as ``'+442073022817``, the formula guard's
    apostrophe showing in Excel and read back by pandas as part of the number. A sign followed by
    digits and separators only is arithmetic at worst (no function, reference or DDE link can be
    written without letters or ``|``); everything else starting like a formula keeps its apostrophe."""
    profiles = pd.read_csv(KLAVIYO, dtype=str)
    phones = profiles["Phone Number"].dropna()
    assert phones.str.startswith("+").all() and len(phones) > 40  # Klaviyo writes every phone as +1…
    hostile = ["=1+1", "@SUM(A1:A2)", "+cmd|' /C calc'!A0", "-2+3+cmd|' /C calc'!A0", "-A1",
               '=HYPERLINK("http://127.0.0.1:9/","x")', "+1 (614) 201-0037\t", "\t+1"]
    frame = pd.DataFrame({"phone": [*phones.head(len(hostile) + 2), "+44 121 212 2741", "-12.50"],
                          "note": ["ok", "ok", *hostile, "ok", "ok"]})
    back = pd.read_csv(io.BytesIO(csv_bytes(frame)), dtype=str, encoding="utf-8-sig")
    assert back["phone"].tolist() == frame["phone"].tolist()
    assert back["note"].tolist() == ["ok", "ok", *("'" + h for h in hostile), "ok", "ok"]
