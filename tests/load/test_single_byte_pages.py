"""Western single-byte exports beyond Windows-1252: DOS code pages whose accented letters stand
after capitals (``LÜBECK``, ``Lü``), read as what they say."""

from __future__ import annotations

import pytest

from crm_core.load.reader import load_file
from crm_core.workspace import store

DOS_CAPITALS = ("KUNDE;ORT;BETRAG\r\nMÜLLER;LÜBECK;29,33\r\nLü Wei;MÜNCHEN;12,00\r\n"
                "JOSÉ GARCIA;KÖLN;1.234,56\r\nBRÜHL;DÜSSELDORF;3,50\r\n")
"""A till that writes names and towns in capitals: every accented letter follows a capital."""


def _rows(con, path, data: bytes):
    path.write_bytes(data)
    (result,) = load_file(con, path)
    return result, con.execute(f'SELECT * FROM "{result.table}"').fetchall(), dict(
        store.columns_of(con, result.table))


@pytest.mark.parametrize("encoding", ["cp850", "cp437"])
def test_dos_letters_after_capitals(con, tmp_path, encoding):
    """A DOS letter after an upper-case one cast no vote: ``LÜBECK`` was ``LšBECK``, ``KÖLN``
    ``K™LN`` and ``Lü`` ``L�`` (code page 437 writes these letters at the same bytes as 850)."""
    result, rows, types = _rows(con, tmp_path / "kasse.csv", DOS_CAPITALS.encode(encoding))
    assert result.encoding == "cp850" and types["BETRAG"] == "DOUBLE"
    assert [r[:2] for r in rows] == [tuple(ln.split(";")[:2]) for ln in DOS_CAPITALS.splitlines()[1:]]


def test_windows_capitals_stay_windows_1252(con, tmp_path):
    """The same capitals in Windows-1252 (``Ü`` is DOS ``▄``, ``ü`` after ``M`` DOS ``³``)."""
    text = "KUNDE;ORT\r\nMÜLLER;LÜBECK\r\nMüller;KÖLN\r\nJOSÉ;Zürich\r\n"
    result, rows, _ = _rows(con, tmp_path / "kunden.csv", text.encode("cp1252"))
    assert result.encoding == "cp1252"
    assert [list(r) for r in rows] == [ln.split(";") for ln in text.splitlines()[1:]]
