"""``segment_report.xlsx`` as the CLI writes it (the page hands over the same bytes): every number
drawn as a person reads it and every parameter said in words, in English and Chinese (fmt13: the
means read ``37.5949284785`` in Excel's General format and the parameters ``auto``, ``log``,
``["recency_days", …]``, ``transactions``, ``zh``)."""

from __future__ import annotations

import openpyxl
import pandas as pd
import pytest

from crm_core.cli import main
from crm_core.i18n import t
from crm_core.segment.report import column_labels


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_cli_segment_workbook_draws_means_and_says_its_parameters_in_words(sample_ws, tmp_path, lang):
    out = tmp_path / "out"
    assert main(["segment", "orders", "--out", str(out), "--lang", lang,
                 "--workspace", str(sample_ws.folder)]) == 0
    book = openpyxl.load_workbook(out / "segment_report.xlsx")
    profiles, members, parameters = book.worksheets[1], book.worksheets[2], book.worksheets[3]
    heads = [c.value for c in profiles[1]]
    mean = heads.index(column_labels(pd.DataFrame(columns=["recency_days_mean"]), lang)["recency_days_mean"])
    assert profiles.cell(2, mean + 1).number_format == "#,##0.00"  # was General: 37.5949284785
    columns = pd.read_csv(out / "segments.csv", nrows=0).columns.tolist()  # the sheet's order
    share = members.cell(2, columns.index("return_share") + 1)
    assert share.number_format == "0.0%"
    first = members.cell(2, columns.index("first_order") + 1)
    assert first.is_date and first.number_format == ("d mmm yyyy" if lang == "en" else 'yyyy"年"m"月"d"日"')
    said = dict(parameters.iter_rows(min_row=2, values_only=True))
    assert said[t("segment.param.k", lang)] == t("segment.page.k.auto", lang)
    assert said[t("segment.param.transform", lang)] == t("segment.page.transform.log", lang)
    assert said[t("segment.param.table_kind", lang)] == t("segment.page.kind.transactions", lang)
    assert said[t("segment.param.lang", lang)] == t(f"data.language.{lang}", lang)
    assert t("segment.feature.recency_days", lang) in said[t("segment.param.features_used", lang)]
    assert said[t("segment.param.rows_rows", lang)] == "81,627"
    codes = {"auto", "log", "transactions", "zh", "en", "[]", "{}"}
    assert not codes & set(said.values()) and not any(str(v).startswith("[") for v in said.values())
    assert not [key for key in said if "_" in key]  # every name in words (exclude_cols, table_kind)
