"""Western single-byte exports beyond Windows-1252: DOS code pages whose accented letters stand
after capitals (``LÜBECK``, ``Lü``) and old Mac Excel's Mac Roman, read as what they say."""

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


MAC_EXPORT = ("Name,Ort,Notiz,Betrag\r\nCafé Zoë,Köln,• Stammkunde,29.33\r\n"
              "Müller,Zürich,• don’t call,12.00\r\nFrédéric,Besançon,“VIP” – Brühl,3.50\r\n"
              "José Núñez,Málaga,• neu,8.00\r\n")
"""Old Mac Excel's "CSV (Macintosh)": ``é`` is 0x8E, ``ü`` 0x9F, the bullet 0xA5, ``’`` 0xD5."""


def test_mac_roman_export(con, tmp_path):
    """Read as DOS on main (``CafÄ Zoæ``, ``Mƒller``, ``Ñ Stammkunde``); as Windows-1252 it would
    be ``CafŽ``, ``MŸller``, ``¥ Stammkunde``."""
    result, rows, types = _rows(con, tmp_path / "kunden.csv", MAC_EXPORT.encode("mac_roman"))
    assert result.encoding == "mac_roman" and types["Betrag"] == "DOUBLE"
    assert [list(r[:3]) for r in rows] == [ln.split(",")[:3] for ln in MAC_EXPORT.splitlines()[1:]]


def test_dos_stays_dos_beside_mac(con, tmp_path):
    """A DOS till's letters fit Mac Roman in places (0x81 is Mac ``Å``): DOS still, on fewer misfits."""
    text = "Kunde;Stadt;Betrag\r\nMüller;München;29,33\r\nCafé Zoë;Köln;12,00\r\nBrühl;Düsseldorf;1,50\r\n"
    result, rows, _ = _rows(con, tmp_path / "kasse.csv", text.encode("cp850"))
    assert result.encoding == "cp850" and rows[2][:2] == ("Brühl", "Düsseldorf")


@pytest.mark.parametrize("encoding", ["cp850", "mac_roman"])
def test_letters_both_pages_read_go_to_the_accented_reading(con, tmp_path, encoding):
    """``L\\x9ftkepohl`` is Mac ``Lütkepohl`` and DOS ``Lƒtkepohl``: both letters (statsmodels'
    JMulTi result files in Mac Roman were read as DOS); the accented one decides."""
    text = "author;title;year\r\nLütkepohl;New Introduction;2005\r\nLütkepohl, Krätzig;Applied;2004\r\n"
    result, rows, _ = _rows(con, tmp_path / "refs.csv", text.encode(encoding))
    assert result.encoding == encoding and rows[1][0] == "Lütkepohl, Krätzig"
