"""Year-by-month reports (one row per year, a column per month) are loaded one row per month:
as written, a statistics office's table had no date, so Forecast refused it and Segments grouped
its years as customers."""

from __future__ import annotations

import datetime as dt

import pandas as pd

from crm_core.load.months import month_of
from crm_core.load.reader import load_file
from crm_core.workspace import store
from crm_core.workspace.roles import get_roles

MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]


def _turnover(years: list[int]) -> pd.DataFrame:
    """ABS-style monthly turnover ($ million): the first year starts in April, the last stops
    in September (blank cells), a Total column per year."""
    rows = []
    for i, year in enumerate(years):
        cells = [round(340.0 + 12 * i + 1.5 * m, 1) for m in range(12)]
        if i == 0:
            cells[:3] = [None] * 3
        if i == len(years) - 1:
            cells[9:] = [None] * 3
        rows.append([year, *cells, round(sum(c for c in cells if c is not None), 1)])
    return pd.DataFrame(rows, columns=["Year", *MONTHS, "Total"])


def test_a_titled_year_by_month_workbook_is_one_row_per_month(con, tmp_path):
    """A title, Year and Jan … Dec with a Total column and a Total row: loaded as 426-row ABS
    tables are, one row per month with its first day, blanks (months not yet reported) left
    out, the Total column and row gone and the sum of the months kept."""
    wide = _turnover([1982, 1983, 1984])
    filled = wide[MONTHS].notna().sum().sum()
    body = pd.concat([wide, pd.DataFrame([["Total", *wide[MONTHS + ["Total"]].sum()]],
                                         columns=wide.columns)], ignore_index=True)
    path = tmp_path / "cafe_turnover.xlsx"
    with pd.ExcelWriter(path) as w:
        body.to_excel(w, sheet_name="Turnover", index=False, startrow=2)
        w.sheets["Turnover"]["A1"] = "Cafes, restaurants and takeaway food services: turnover ($ million)"
    (result,) = load_file(con, path)
    assert store.columns_of(con, result.table) == [("month", "DATE"), ("value", "DOUBLE")]
    rows = con.execute(f'SELECT min(month), max(month), count(*), round(sum(value), 1) '
                       f'FROM "{result.table}"').fetchone()
    assert rows == (dt.date(1982, 4, 1), dt.date(1984, 9, 1), filled, round(wide[MONTHS].sum().sum(), 1))
    roles = get_roles(con, result.table)
    assert (roles.get("date"), roles.get("amount")) == ("month", "value")
    said = " ".join(str(n) for n in result.notes)
    assert "one row per month (30 rows)" in said and "Total: the year's total" in said
    assert "kept as text" not in said  # the Total row made Year text only until it was dropped


def test_a_chinese_regional_table_keeps_its_region_beside_each_month(con, tmp_path):
    """地区, 年份, 1月 … 12月, 全年合计 in GB18030: each region's months become its rows, named
    in Chinese (月份, 数值; 数值 the amount, as 'value' is, so Forecast sums it instead of counting
    rows), and the region stays a column to forecast by."""
    wide = _turnover([2023, 2024])
    wide.columns = ["年份", *[f"{m}月" for m in range(1, 13)], "全年合计"]
    both = pd.concat([wide.assign(地区="华东"), wide.assign(地区="华南")], ignore_index=True)
    path = tmp_path / "月度营业额.csv"
    both[["地区", *wide.columns]].to_csv(path, index=False, encoding="gb18030")
    (result,) = load_file(con, path)
    assert [c for c, _ in store.columns_of(con, result.table)] == ["地区", "月份", "数值"]
    per_region = con.execute(f'SELECT 地区, count(*), min(月份) FROM "{result.table}" '
                             f'GROUP BY 地区 ORDER BY 地区').fetchall()
    assert per_region == [("华东", 18, dt.date(2023, 4, 1)), ("华南", 18, dt.date(2023, 4, 1))]
    roles = get_roles(con, result.table)
    assert (roles.get("date"), roles.get("amount")) == ("月份", "数值")  # summed, not rows counted
    assert any("已转成每月一行" in n.text("zh") for n in result.notes if hasattr(n, "text"))


def test_month_columns_without_a_year_stay_as_written(con, tmp_path):
    """A customer table with each month's spend (no year column) is not a series: untouched."""
    path = tmp_path / "monthly_spend.csv"
    frame = pd.DataFrame({"customer_id": ["C1", "C2"], **{m: [1.0, 2.0] for m in MONTHS}})
    frame.to_csv(path, index=False)
    (result,) = load_file(con, path)
    assert [c for c, _ in store.columns_of(con, result.table)] == ["customer_id", *MONTHS]


def test_month_headers_in_english_and_chinese():
    """Short, full and dotted English names, 1月 / 01月 / 十二月; a year or a word is no month."""
    assert [month_of(h) for h in ("Jan", "january", "Sept.", "1月", "01月", "十二月", "十一月份")] == \
        [1, 1, 9, 1, 1, 12, 11]
    assert [month_of(h) for h in ("Year", "Total", "ma", "13月", "market")] == [None] * 5


def test_a_column_read_as_numbers_once_its_total_line_is_gone_is_not_said_to_stay_text(con, tmp_path):
    """openintro::tourism as a titled workbook with a Total line: 'Year' read as numbers once the
    line was dropped, yet the load still said "Year: kept as text (… 1)"."""
    years = range(1963, 2010)
    frame = pd.DataFrame({"Year": years, "visitor_count_tho": [198 + 600 * k for k, _ in enumerate(years)],
                          "tourist_spending": [7 + 500 * k for k, _ in enumerate(years)]})
    body = pd.concat([frame, pd.DataFrame([["Total", *frame.iloc[:, 1:].sum()]], columns=frame.columns)])
    path = tmp_path / "tourism.xlsx"
    with pd.ExcelWriter(path) as w:
        body.to_excel(w, sheet_name="Tourism", index=False, startrow=2)
        w.sheets["Tourism"]["A1"] = "Visitors to Turkey and their spending"
    (result,) = load_file(con, path)
    assert dict(store.columns_of(con, result.table))["Year"] == "BIGINT"
    assert not any("kept as text" in str(n) for n in result.notes), result.notes
