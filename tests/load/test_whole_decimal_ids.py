"""Ids written as whole numbers with a decimal point: UCI Online Retail II's ``Customer ID`` as a
pandas-written CSV carries ``13085.0`` (an integer column with blanks becomes floats). The
customer was "13085.0" on every page and never matched 13085 in another export."""

from __future__ import annotations

from crm_core.i18n import say
from crm_core.load.reader import load_file

LINES = [("489434", "85048", 12, "2009-12-01 07:45:00", 6.95, "13085.0"),
         ("489435", "22350", 12, "2009-12-01 07:46:00", 2.55, ""),
         ("489436", "48173C", 10, "2009-12-01 09:06:00", 5.95, "13078.0"),
         ("489437", "22143", 6, "2009-12-01 09:08:00", 2.10, "15362.0")]
"""Four lines of Online Retail II as pandas writes them (the second has no customer)."""


def _write(path, ids) -> None:
    rows = ["Invoice,StockCode,Quantity,InvoiceDate,Price,Customer ID,Country"]
    rows += [f"{i},{s},{q},{d},{p},{c},United Kingdom"
             for (i, s, q, d, p, _), c in zip(LINES, ids, strict=True)]
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")


def test_ids_written_with_a_decimal_point_read_as_the_id(con, tmp_path):
    _write(tmp_path / "online_retail.csv", [line[5] for line in LINES])
    (result,) = load_file(con, tmp_path / "online_retail.csv", "retail")
    ids = [r[0] for r in con.execute('SELECT "Customer ID" FROM retail ORDER BY Invoice').fetchall()]
    assert ids == ["13085", None, "13078", "15362"]
    said = [say(n, "zh") for n in result.notes]
    assert any(n.startswith("Customer ID：编号写成了带小数点的整数") for n in said)


def test_ids_with_a_real_fraction_are_left_as_written(con, tmp_path):
    """A code with one value that is no whole number is no float-written id: nothing changes."""
    _write(tmp_path / "codes.csv", ["13085.0", "", "13078.5", "15362.0"])
    (result,) = load_file(con, tmp_path / "codes.csv", "codes")
    ids = [r[0] for r in con.execute('SELECT "Customer ID" FROM codes ORDER BY Invoice').fetchall()]
    assert ids == ["13085.0", None, "13078.5", "15362.0"]
    assert not any("decimal point" in str(n) for n in result.notes)
