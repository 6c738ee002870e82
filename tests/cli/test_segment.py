"""``python -m crm_core segment``: files, table, last-line JSON, clear errors."""

from __future__ import annotations

import json

import numpy as np
import openpyxl
import pandas as pd

from crm_core.cli import main


def _last_json(capsys) -> dict:
    return json.loads(capsys.readouterr().out.strip().splitlines()[-1])


def test_segment_sample_orders_writes_everything(sample_ws, tmp_path, capsys):
    out = tmp_path / "out"
    code = main(["segment", "orders", "--workspace", str(sample_ws.folder), "--k", "4", "--out", str(out)])
    assert code == 0
    summary = _last_json(capsys)
    assert summary["customers"] == 3000 and summary["k"] == 4 and 0 < summary["silhouette"] < 1
    assert 2 <= summary["recommended_k"] <= 10
    assert summary["rows_left_out"] == 816  # the guest checkouts, counted not hidden
    members = pd.read_csv(out / "segments.csv", dtype={"customer_id": str}, encoding="utf-8-sig")
    assert members["customer_id"].str.len().eq(6).all() and "000001" in set(members["customer_id"])
    assert members["segment"].nunique() == 4 and members["rfm_segment"].nunique() >= 8
    written = pd.read_csv(out / "segments.csv", dtype=str, encoding="utf-8-sig")["return_share"]
    returns = written[written != "0"]  # left30: 720 written as 0.00564971751412, a share to four places now
    assert len(returns) > 100 and returns.str.fullmatch(r"0\.\d{1,4}").all(), returns.head().tolist()
    assert openpyxl.load_workbook(out / "segment_report.xlsx").sheetnames[:4] == [
        "Summary", "Profiles", "Members", "Parameters"]
    assert "<script src=" not in (out / "segment_report.html").read_text(encoding="utf-8")
    with sample_ws.connect() as con:
        assert con.execute("SELECT count(*), count(DISTINCT segment) FROM segments").fetchone() == (3000, 4)


def test_default_out_is_workspace_exports_and_chinese_table(sample_ws, capsys):
    assert main(["segment", "store_sales_cn", "--workspace", str(sample_ws.folder), "--lang", "zh",
                 "--observation-end", "2025-06-30"]) == 0
    summary = _last_json(capsys)
    assert summary["reference_date"] == "2025-07-01"
    assert (sample_ws.folder / "exports" / "segments" / "segments.csv").exists()


def test_bad_input_is_one_line_exit_1(sample_ws, capsys):
    for argv in (["segment", "nope"], ["segment", "orders", "--k", "many"],
                 ["segment", "orders", "--observation-end", "yesterday"],
                 ["segment", "faq"], ["segment", "orders", "--customer-col", "missing"],
                 ["segment", "orders", "--features", "recency_days,shoe_size"]):
        assert main([*argv, "--workspace", str(sample_ws.folder)]) == 1, argv
        err = capsys.readouterr().err.strip()
        assert err.startswith("error:") and "\n" not in err and "Traceback" not in err


def test_role_overrides_and_no_order_id(ws, tmp_path, capsys):
    data = tmp_path / "daily.csv"
    data.write_text("member,day,qty,price\n"
                    "0042,2025-01-01,2,3.5\n0042,2025-01-01,1,3.5\n0042,2025-02-01,1,10\n"
                    "0100,2025-01-15,1,1\n0007,2025-03-01,4,2\n0007,2025-01-02,-1,2\n", encoding="utf-8")
    assert main(["load", str(data), "--workspace", str(ws.folder)]) == 0
    capsys.readouterr()
    assert main(["segment", "daily", "--workspace", str(ws.folder), "--customer-col", "member",
                 "--date-col", "day", "--quantity-col", "qty", "--price-col", "price",
                 "--out", str(tmp_path / "o")]) == 0
    assert _last_json(capsys)["customers"] == 3
    rows = pd.read_csv(tmp_path / "o" / "segments.csv", dtype={"customer_id": str},
                       encoding="utf-8-sig").set_index("customer_id")
    assert rows.loc["0042", ["recency_days", "frequency", "monetary"]].tolist() == [29, 2, 20.5]
    # 0007's return day (-1 on 2025-01-02) is no visit
    assert rows.loc["0007", ["recency_days", "frequency", "monetary"]].tolist() == [1, 1, 6.0]


def test_customer_table_with_chosen_columns(sample_ws, tmp_path, capsys):
    out = tmp_path / "cust"
    assert main(["segment", "customers", "--workspace", str(sample_ws.folder), "--k", "3",
                 "--numeric-cols", "age", "--categorical-cols", "gender,channel", "--out", str(out)]) == 0
    summary = _last_json(capsys)
    assert summary["table_kind"] == "customers" and summary["k"] == 3 and "rfm_segments" not in summary
    members = pd.read_csv(out / "segments.csv", dtype={"customer_id": str}, encoding="utf-8-sig")
    assert list(members.columns) == ["customer_id", "cluster", "segment", "age", "gender", "channel"]
    assert main(["segment", "customers", "--workspace", str(sample_ws.folder), "--exclude-cols",
                 "age,city,region,gender,channel"]) == 1
    assert "columns to describe customers by: none; left out: age (excluded)" in capsys.readouterr().err


def test_a_chinese_refusal_names_the_column_option(ws, tmp_path, capsys):
    """KKBox-shaped transactions whose member column ``msno`` no rule reads (short codes here; its
    real base64 tokens are found by their values): the English refusal says to pass
    --customer-col, the Chinese one only pointed at the Data page (judge3)."""
    members = ("m01", "m02", "m03")
    path = tmp_path / "transactions.csv"
    path.write_text("msno,payment_method_id,payment_plan_days,plan_list_price,actual_amount_paid,"
                    "is_auto_renew,transaction_date,membership_expire_date,is_cancel\n"
                    + "".join(f"{m},41,30,149,149,1,2016{month:02d}15,2016{month + 1:02d}15,0\n"
                              for m in members for month in (1, 2, 3)))
    folder = str(ws.folder)
    assert main(["load", str(path), "--workspace", folder]) == 0
    assert "20240305 or 240305" in capsys.readouterr().err  # the load's notes: its dates were numbers
    assert main(["segment", "transactions", "--lang", "zh", "--workspace", folder]) == 1
    assert capsys.readouterr().err.strip() == (
        "error: 数据表“transactions”没有客户 ID 列；请在“数据”页标出一列（命令行用 --customer-col 指定）。")


def order_export_with_a_till(path, till: str = "18579811711") -> int:
    """A Chinese shop's order export as it comes (GB18030, Chinese headers, '2023/1/5 14:03',
    '¥1,234.50', 订单状态, a 合计 row): 300 members ordering now and then, and the shop's till
    booking its walk-in sales on one member phone, nine orders on each of 120 days."""
    rng = np.random.default_rng(5)
    rows = [(f"13{m:09d}", int(day), 60 + 40 * int(rng.integers(1, 30)))
            for m in range(300) for day in rng.integers(0, 240, 1 + m % 4)]
    rows += [(till, day, 30 + 7 * k) for day in range(0, 240, 2) for k in range(9)]
    head = "订单编号,下单时间,买家昵称,会员手机号,商品名称,购买数量,实付金额,订单状态"
    days = pd.Timestamp("2023-01-01") + pd.to_timedelta([day for _, day, _ in rows], unit="D")
    lines = [f"{3123456789012345678 + 7919 * i},{d.year}/{d.month}/{d.day} {9 + i % 12}:05,"
             f"木子{phone[-4:]},{phone},纯棉T恤,1,\"¥{paid:,.2f}\",交易成功"
             for i, ((phone, _, paid), d) in enumerate(zip(rows, days, strict=True))]
    lines.append(f"合计,,,,,{len(rows)},,")
    path.write_bytes("\n".join([head, *lines, ""]).encode("gb18030"))
    return 120 * 9


def test_a_shared_till_account_is_left_out_of_the_segments_with_a_note(ws, tmp_path, capsys):
    """docs/judge.md, fourth pass: spend and churn left the Chinese export's till account
    (6,659 orders on 365 days) out, but segment kept it as an RFM Champion whose orders made its
    segment's mean. Segments leave it out by the same rule, say so (--lang) and name it."""
    path = tmp_path / "订单导出.csv"
    till_rows = order_export_with_a_till(path)
    folder = str(ws.folder)
    assert main(["load", str(path), "--workspace", folder]) == 0
    capsys.readouterr()
    out = tmp_path / "out"
    assert main(["segment", "订单导出", "--workspace", folder, "--lang", "zh", "--out", str(out)]) == 0
    printed = capsys.readouterr().out
    summary = json.loads(printed.strip().splitlines()[-1])
    assert summary["shared_accounts"] == [{"customer_id": "18579811711", "orders": 1080, "active_days": 120}]
    assert "note: 账户“18579811711”（120 天内 1,080 笔订单" in printed and "未纳入本次客户分群" in printed
    members = pd.read_csv(out / "segments.csv", dtype={"customer_id": str}, encoding="utf-8-sig")
    assert summary["customers"] == 300 and "18579811711" not in set(members["customer_id"])
    assert summary["rows_left_out"] == till_rows  # the 合计 row is no order: dropped at load
