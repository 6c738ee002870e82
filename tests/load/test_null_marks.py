r"""A database's mark for no value written inside quotes: MySQL's ``"\N"``, ``"NULL"``, ``"null"``.
Empty, not text, and counted in the note; a surname ``N`` or ``Null`` is a value and stays."""

from __future__ import annotations

from crm_core.i18n import t
from crm_core.load.reader import load_file
from crm_core.workspace import store

DUMP = (b'id,surname,city,amount\r\n1,"\\N","Paris","12.5"\r\n2,"NULL","NULL","NULL"\r\n'
        b'3,"null","null",3\r\n4,"N","Lyon",4\r\n5,"Null","Nice",5\r\n6,NULL,\\N,6\r\n')


def _load(con, path):
    (result,) = load_file(con, path)
    return (result, con.execute(f'SELECT * FROM "{result.table}" ORDER BY id').fetchall(),
            dict(store.columns_of(con, result.table)))


def test_quoted_null_marks_are_empty_and_counted(con, tmp_path):
    r"""``"NULL"`` and ``"null"`` stayed text in a text column (and ``"\N"`` went uncounted)."""
    path = tmp_path / "dump.csv"
    path.write_bytes(DUMP)
    result, rows, types = _load(con, path)
    assert [r[1] for r in rows] == [None, None, None, "N", "Null", None]
    assert [r[2] for r in rows] == ["Paris", None, None, "Lyon", "Nice", None]
    assert types["amount"] == "DOUBLE" and [r[3] for r in rows] == [12.5, None, 3, 4, 5, 6]
    said = {n.key: n.values["count"] for n in result.notes if "null" in n.key}
    assert said == {"load.note.mysql_nulls": 2, "load.note.null_marks": 6}
    zh = t("load.note.null_marks", "zh", count=6)
    assert "NULL" in zh and "6" in zh and "空值" in zh


def test_null_inside_a_longer_value_stays(con, tmp_path):
    """``Null Island``, ``nullify`` and ``NULLS`` are values: only a whole value is the mark."""
    path = tmp_path / "places.csv"
    path.write_bytes(b'id,place,code\n1,"Null Island","nullify"\n2,Paris,NULLS\n3,Lyon,"null "\n')
    result, rows, _ = _load(con, path)
    assert rows == [("1", "Null Island", "nullify"), ("2", "Paris", "NULLS"), ("3", "Lyon", "null ")]
    assert not [n for n in result.notes if "null" in n.key]
