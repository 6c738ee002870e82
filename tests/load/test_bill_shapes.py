"""Bill and ledger exports of the fourteenth judge pass (docs/judge.md): a utility's bill log with
one mistyped reading day, money headed in thousands of a foreign currency."""

from __future__ import annotations

import datetime as dt

from crm_core.load.reader import load_file
from crm_core.quality.profile import profile
from crm_core.workspace import store
from crm_core.workspace.roles import get_roles
from crm_core.workspace.table_kind import detect_kind


def bill_log(path, days):
    """A household's monthly bills as a utility's TSV (UTF-8 BOM, Chinese headers), read on
    ``days`` (text as the export writes it)."""
    lines = ["户号\t抄表日期\t计费天数\t用电量（千瓦时）\t电费（美元）\t合计（美元）"]
    for i, day in enumerate(days):
        lines.append(f"0417223105\t{day}\t{29 + i % 4}\t{500 + 7 * i}\t{40 + i % 30}.25\t{120 + i % 50}.65")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8-sig")
    return path


def monthly_days(n):
    """Reading days a month apart from 29 Dec 1999, written 2000/1/28 (no leading zeros)."""
    first = dt.date(1999, 12, 29)
    return [f"{d.year}/{d.month}/{d.day}" for d in
            (first + dt.timedelta(days=round(30.4 * i)) for i in range(n))]


def test_a_mistyped_reading_day_is_left_empty_and_said_not_the_column_kept_as_text(con, tmp_path):
    """mosaicData::Utilities: one bill of 117 was read on "2010/5/36". The whole column stayed
    text (no date to forecast by; profiling it failed); now it is a DATE, that one cell empty,
    and the note names it in both languages."""
    days = monthly_days(117)
    days[116] = "2010/5/36"
    (result,) = load_file(con, bill_log(tmp_path / "家庭能源账单.tsv", days))
    assert dict(store.columns_of(con, result.table))["抄表日期"] == "DATE"
    got = [r[0] for r in con.execute(f'SELECT "抄表日期" FROM "{result.table}" ORDER BY rowid').fetchall()]
    assert got[:116] == [dt.date.fromisoformat("-".join(f"{int(p):02d}" for p in d.split("/")))
                         for d in days[:116]]
    assert got[116] is None
    note = next(n for n in result.notes if n.startswith("抄表日期:"))
    assert note == "抄表日期: days no calendar has (2010/5/36), left empty while the other dates were read: 1"
    assert note.text("zh").startswith("抄表日期：有 1 个值不是日历上存在的日期（2010/5/36）")


def test_many_impossible_days_are_no_typo_and_the_column_stays_text(con, tmp_path):
    """Over 2 % of the values impossible (here 10 of 117): another kind of value, so the column
    stays text with the count, as before."""
    days = monthly_days(117)
    for i in range(0, 100, 10):
        days[i] = f"2005/{1 + i % 12}/3{2 + i % 7}"
    (result,) = load_file(con, bill_log(tmp_path / "bills.tsv", days))
    assert dict(store.columns_of(con, result.table))["抄表日期"] == "VARCHAR"
    assert any("values that do not parse as numbers or dates: 10" in n for n in result.notes)


def test_a_bill_log_whose_date_column_stayed_text_is_profiled(con, tmp_path):
    """The date role on a column kept as text: the profile's check for a series of measurements
    read it with epoch() and exited with DuckDB's BinderException; it now reads the dates."""
    days = monthly_days(117)
    for i in range(0, 100, 10):
        days[i] = f"2005/{1 + i % 12}/3{2 + i % 7}"
    (result,) = load_file(con, bill_log(tmp_path / "bills.tsv", days))
    report = profile(con, result.table)
    dates = next(c for c in report["columns"] if c["name"] == "抄表日期")
    assert dates["role"] == "date" and report["rows"] == 117


def test_money_headed_in_thousands_of_a_currency_named_in_chinese_is_scaled(con, tmp_path):
    """chainladder's CAS loss reserve lines as a reinsurer's GB18030 export: 已发生赔款（千美元）
    was stored as written, a thousandth of the money, while 千元 and 万元 were scaled. Counts and
    physical units with 千 / 百 stay as written."""
    lines = ["公司代码,公司名称,事故年度,已发生赔款（千美元）,净已赚保费（千美元）,保费（万港元）,"
             "借记卡消费额（百万冰岛克朗）,员工数（千人）,用气量（百立方英尺）"]
    incurred = premium = 0
    for i in range(300):
        loss, prem = (i * 37) % 900 - 12, (i * 53) % 1200 - 7  # a few negative corrections
        incurred, premium = incurred + loss, premium + prem
        lines.append(f"{86 + i % 40},Group {i % 40},{1988 + i % 10},{loss},{prem},"
                     f"{i % 7},{i % 5}.5,{i % 9},{i % 11}")
    path = tmp_path / "再保分入业务明细.csv"
    path.write_text("\n".join(lines) + "\n", encoding="gb18030")
    (result,) = load_file(con, path)
    cols = dict(store.columns_of(con, result.table))
    assert {"已发生赔款", "净已赚保费", "保费", "借记卡消费额", "员工数（千人）",
            "用气量（百立方英尺）"} <= set(cols)
    got = con.execute(f'SELECT sum("已发生赔款"), sum("净已赚保费"), sum("保费"), sum("借记卡消费额"), '
                      f'sum("员工数（千人）"), sum("用气量（百立方英尺）") FROM "{result.table}"').fetchone()
    assert got[:2] == (incurred * 1000, premium * 1000)
    assert got[2] == sum(i % 7 for i in range(300)) * 10_000
    assert got[3] == sum(i % 5 + 0.5 for i in range(300)) * 1_000_000
    assert got[4:] == (sum(i % 9 for i in range(300)), sum(i % 11 for i in range(300)))
    assert any(n.startswith("已发生赔款（千美元）") for n in result.notes)


def test_a_utility_bill_logs_account_and_total_are_its_customer_and_amount(con, tmp_path):
    """mosaicData::Utilities as a utility's export: 户号 (the account) had no role and 合计（美元）
    none either (美元 was no unit the roles knew), so the bill log was a "customer table" of 117
    customers without money, and a forecast counted rows. 户号 is the customer, the total the
    amount (before the electricity and gas charges), the log a purchase log."""
    (result,) = load_file(con, bill_log(tmp_path / "家庭能源账单.tsv", monthly_days(117)))
    roles = get_roles(con, result.table)
    assert (roles["customer_id"], roles["date"], roles["amount"]) == ("户号", "抄表日期", "合计（美元）")
    assert detect_kind(con, result.table).kind == "transactions"
