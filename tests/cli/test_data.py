"""The command-line contract for load and tables (DESIGN.md)."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from crm_core.cli import main
from tests.conftest import DATA, ROOT
from tests.data.old_workbooks import LINES


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out.splitlines(), err


def test_load_prints_name_rows_columns_per_table(capsys, ws):
    code, out, _ = run(capsys, "load", str(DATA / "currency.csv"), str(DATA / "two_sheets.xlsx"),
                       "--workspace", str(ws.folder))
    assert code == 0
    assert out == ["currency\t3\t3", "two_sheets_orders\t2\t3", "two_sheets_products\t2\t2"]
    code, out, _ = run(capsys, "tables", "--workspace", str(ws.folder))
    assert code == 0 and sorted(out) == ["currency\t3", "two_sheets_orders\t2", "two_sheets_products\t2"]


def test_load_with_table_name_and_replace(capsys, ws):
    folder = str(ws.folder)
    assert run(capsys, "load", str(DATA / "latin1.csv"), "--table", "kunden", "--workspace", folder)[1] \
        == ["kunden\t2\t3"]
    code, _, err = run(capsys, "load", str(DATA / "currency.csv"), "--table", "kunden",
                       "--workspace", folder)
    assert code == 1 and "already exists" in err
    assert run(capsys, "load", str(DATA / "currency.csv"), "--table", "kunden", "--replace",
               "--workspace", folder)[1] == ["kunden\t3\t3"]


def test_bad_file_exits_1_with_one_line(capsys, ws):
    code, out, err = run(capsys, "load", str(DATA / "image_renamed.csv"), "--workspace", str(ws.folder))
    assert code == 1 and out == []
    assert err.strip().count("\n") == 0 and "image_renamed.csv" in err and "PNG" in err


def test_workspace_from_environment_and_no_traceback(tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("CRM_WORKSPACE", str(tmp_path / "envws"))
    code, out, err = run(capsys, "load", str(DATA / "chinese_gb18030.csv"))
    assert code == 0, err
    assert out[-1] == "chinese_gb18030\t2\t7"
    assert (tmp_path / "envws" / "crm.duckdb").exists()
    code, _, err = run(capsys, "load", "nope.csv")
    assert code == 1 and err.strip() == "error: nope.csv: file not found."


def test_successful_commands_land_in_the_audit_trail(capsys, sample_ws, tmp_path):
    from crm_core.protect import audit
    folder = str(sample_ws.folder)
    recipe = tmp_path / "r.json"
    recipe.write_text('{"steps": [{"kind": "drop_duplicates"}]}')
    assert main(["clean", "orders", "--recipe", str(recipe), "--workspace", folder]) == 0
    assert main(["clean", "nope", "--recipe", str(recipe), "--workspace", folder]) == 1
    capsys.readouterr()
    with sample_ws.connect() as con:
        entries = audit.recent(con, action="clean")
    assert len(entries) == 1 and entries["detail"][0].startswith("clean orders --recipe")
    assert main(["cohorts", "orders", "--workspace", folder, "--out", str(tmp_path)]) == 0
    with sample_ws.connect() as con:
        exports = audit.recent(con, action="export")
    assert exports["detail"].tolist() == [f"cohorts orders --workspace {folder} --out {tmp_path}"]


def test_tables_imports_no_modelling_or_charting_library(sample_ws):
    code = ("import sys; from crm_core.cli import main; main(['tables', '--workspace', sys.argv[1]]); "
            "print(sorted(m for m in ('sklearn', 'plotly', 'scipy') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code, str(sample_ws.folder)], capture_output=True,
                         text=True, check=True, cwd=ROOT).stdout.strip().splitlines()
    assert out[-1] == "[]" and any(line.startswith("orders\t") for line in out)


def test_load_mode_upsert_preview_then_commit_then_restore(ws, tmp_path, capsys):
    jan, feb = tmp_path / "c.csv", tmp_path / "c2.csv"
    jan.write_text("customer_id,balance\nC1,1.50\nC2,2.50\n")
    feb.write_text("customer_id,balance\nC2,3.50\nC3,4.50\n")
    w = ["--workspace", str(ws.folder)]
    assert main(["load", str(jan), "--table", "c", *w]) == 0
    assert main(["load", str(feb), "--table", "c", "--mode", "upsert", "--key", "customer_id",
                 "--preview", *w]) == 0
    diff = json.loads(capsys.readouterr().out.strip().splitlines()[-1])
    assert (diff["added"], diff["updated"], diff["after"]) == (1, 1, 3)
    assert main(["load", str(feb), "--table", "c", "--mode", "upsert", "--key", "customer_id", *w]) == 0
    assert capsys.readouterr().out.strip().splitlines()[-1] == "c\t3\t2"
    assert main(["restore", "c", *w]) == 0
    assert capsys.readouterr().out.strip().splitlines()[-1] == "c\t2\t2"
    assert main(["load", str(feb), "--table", "c", "--preview", *w]) == 1
@pytest.mark.parametrize("lang, said", [
    ("en", ["c: Appending to 'c': 2 rows added, 0 updated, 0 removed; 2 → 4 rows.",
            "c: Column differences: new in the file: city; not in the file: balance."]),
    ("zh", ["c: 追加到“c”：新增 2 行，更新 0 行，删除 0 行；2 → 4 行。",
            "c: 列的差异：文件中新增 city；文件中缺少 balance。"])])
def test_a_reuploads_note_is_said_in_the_loads_language(ws, tmp_path, capsys, lang, said):
    """pol3: ``load --mode append --lang zh`` said "+2 added, 0 updated, -0 removed; 2 -> 4 rows;
    columns +city, -balance" in English, the columns as codes."""
    jan, feb = tmp_path / "c.csv", tmp_path / "c2.csv"
    jan.write_text("customer_id,balance\nC1,1.50\nC2,2.50\n")
    feb.write_text("customer_id,city\nC3,Shanghai\nC4,Beijing\n")
    w = ["--workspace", str(ws.folder)]
    assert main(["load", str(jan), "--table", "c", *w]) == 0
    capsys.readouterr()
    code, out, err = run(capsys, "load", str(feb), "--table", "c", "--mode", "append", "--lang", lang, *w)
    assert code == 0 and out[-1] == "c\t4\t3"
    assert [line.removeprefix("note: ") for line in err.splitlines()][:2] == said


@pytest.mark.parametrize("name", ["a\nb", "tab\there", " padded ", ""])
def test_table_names_that_break_tsv_lines_are_refused(ws, tmp_path, capsys, name):
    """The probe: table names with newlines or blanks were accepted and broke the TSV output."""
    path = tmp_path / "t.csv"
    path.write_text("id,amount\n1,2\n", encoding="utf-8")
    code = main(["load", str(path), "--table", name, "--workspace", str(ws.folder)])
    out, err = capsys.readouterr()
    if code == 0:  # a loader may normalise the name instead: then it is a clean one
        table = out.split("\t")[0]
        assert "\n" not in out.strip() and out.count("\t") == 2 and table.strip() == table
    else:
        assert code == 1 and len(err.strip().splitlines()) == 1
    assert main(["tables", "--workspace", str(ws.folder)]) == 0
    assert all(line.count("\t") == 1 for line in capsys.readouterr().out.strip().splitlines())
    with ws.connect() as con:
        con.execute('CREATE TABLE "made\nelsewhere" AS SELECT 1 AS x')  # by another tool
    assert main(["tables", "--workspace", str(ws.folder)]) == 0
    assert "made elsewhere\t" in capsys.readouterr().out


def test_load_says_its_notes_in_chinese(capsys, ws, tmp_path):
    """A Chinese shop's GB18030 export with a closed order and a 合计 row: ``load --lang zh`` says
    what it dropped and left out in Chinese (``load`` had no ``--lang``: its notes were English in
    an otherwise Chinese run, judge3)."""
    path = tmp_path / "订单导出.csv"
    path.write_bytes(("订单编号,下单时间,会员手机号,实付金额,订单状态\n"
                      "3123456789012345678,2023/1/5 14:03,13812345678,\"¥1,299.00\",交易成功\n"
                      "3123456789012353597,2023/2/9 09:41,15987654321,¥129.00,交易关闭\n"
                      "3123456789012361516,2023/3/1 20:15,13812345678,¥69.90,交易成功\n"
                      "合计,,,\"¥1,497.90\",\n").encode("gb18030"))
    code, out, err = run(capsys, "load", str(path), "--table", "orders", "--lang", "zh",
                         "--workspace", str(ws.folder))
    assert code == 0 and out == ["orders\t3\t5"]
    assert err.splitlines() == [
        "note: orders: 删除了末尾 1 行合计",
        "note: orders: 1 行是交易关闭的订单（依据“订单状态”列，不算销售）：所有分析都不计入"]


def test_load_reads_an_xls_and_an_ods_and_refuses_a_password_in_chinese(capsys, ws):
    """``load 销售.xls`` said "save it as .xlsx or CSV"; an .ods was an unsupported type."""
    folder = str(ws.folder)
    for suffix in ("xls", "ods"):
        code, out, err = run(capsys, "load", str(DATA / f"erp_sales.{suffix}"), "--table", f"erp_{suffix}",
                             "--lang", "zh", "--workspace", folder)
        assert code == 0 and out == [f"erp_{suffix}\t{len(LINES)}\t7"], err
        assert "note: erp_" + suffix + ": 工作表“说明”未导入" in err
    code, out, err = run(capsys, "load", str(DATA / "password.xls"), "--lang", "zh", "--workspace", folder)
    assert code == 1 and out == [] and "password.xls：这个工作簿设了打开密码" in err


def test_load_prints_which_order_dates_that_fit_both_were_read_in(capsys, ws, tmp_path):
    path = tmp_path / "visits.csv"
    path.write_text("customer,visit_date\nC1,05/03/2024\nC2,11/04/2024\n")
    code, out, err = run(capsys, "load", str(path), "--lang", "zh", "--workspace", str(ws.folder))
    assert code == 0 and out == ["visits\t2\t2"]
    assert "note: visits: visit_date：每个日期都既能按“日/月”也能按“月/日”理解" in err


def test_the_data_commands_refuse_and_report_in_the_language_asked_for(capsys, ws, tmp_path):
    """judge17: a 会员资料 and a 券核销记录 (Complete Journey's households and coupon redemptions as
    GB18030 exports). ``sql``, ``clean``, ``union``, ``join`` and ``restore`` took no ``--lang``:
    ``--lang zh`` was refused by argparse (exit 2) and without it every refusal, a recipe's step
    descriptions and the join report's sentences were English only."""
    folder = str(ws.folder)
    members = tmp_path / "会员资料.csv"
    members.write_bytes("会员编号,年龄段,住房\nVIP0000001,65+,自有住房\nVIP0001001,45-54,\n"
                        "VIP0001003,35-44,租房\n".encode("gb18030"))
    log = tmp_path / "券核销记录.csv"
    log.write_bytes(("核销单号,会员编号,券码,核销时间\n" + "".join(
        f"HX{k:06d},VIP000{1001 + k % 4:04d},51380041013,2017/1/{k} 10:0{k % 10}\n" for k in range(1, 21))
    ).encode("gb18030"))
    assert run(capsys, "load", str(members), str(log), "--workspace", folder)[0] == 0
    recipe = tmp_path / "recipe.json"
    recipe.write_text(json.dumps({"format": "crm-recipe", "version": 1,
                                  "steps": [{"kind": "drop_missing", "columns": ["住房"]}]}))
    for lang, no_column, described, joined in (
            ("zh", "没有“金额”这一列", "删除“住房”为空的行", "按“券核销记录”的“会员编号”"),
            ("en", 'have no column "金额"', "Drop rows where 住房 is empty", "'会员资料_clean' joined on")):
        code, _, err = run(capsys, "sql", "SELECT 金额 FROM 券核销记录", "--lang", lang,
                           "--workspace", folder)
        assert code == 1 and no_column in err, err
        code, out, _ = run(capsys, "clean", "会员资料", "--recipe", str(recipe), "--lang", lang,
                           "--workspace", folder)
        assert code == 0 and json.loads(out[-1])["steps"][0]["description"] == described
        code, out, _ = run(capsys, "join", "券核销记录", "--customers", "会员资料_clean", "--replace",
                           "--lang", lang, "--workspace", folder)
        assert code == 0 and json.loads(out[-1])["said"][0].startswith(joined), out
    code, _, err = run(capsys, "restore", "会员资料", "--lang", "zh", "--workspace", folder)
    assert code == 1 and "没有可以恢复的上一个版本" in err, err
    code, _, err = run(capsys, "union", "会员资料", "会员资料", "--into", "两份", "--lang", "zh",
                       "--workspace", folder)
    assert code == 1 and not any("a" <= c.lower() <= "z" for c in err.removeprefix("error:")), err
