"""The command-line contract for load and tables (DESIGN.md)."""

from __future__ import annotations

from crm_core.cli import main
from tests.conftest import DATA


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
