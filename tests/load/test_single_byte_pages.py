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


ONE_LETTER = [f"C{i:04d};Store {i % 7};{i % 90 + 10}.50\r\n" for i in range(3000)]
"""3,000 ASCII rows (about 70 KB, past the 64 KB the page is judged on) around one accented name."""


@pytest.mark.parametrize(("encoding", "name"), [("cp850", "Müller"), ("cp850", "Café"),
                                                ("mac_roman", "Müller"), ("mac_roman", "Café")])
def test_a_files_one_accented_letter_is_read_in_its_page(con, tmp_path, encoding, name):
    """Two DOS or Mac letters were needed (a Japanese file's stray ``”`` cast one): a till export
    whose only byte beyond ASCII is one ``ü`` was Windows-1252 ``M\\x81ller`` / ``MŸller``. When that
    letter is the head's only byte beyond ASCII, it decides; the rest stays as it was."""
    text = "Kunde;Filiale;Betrag\r\n" + "".join(ONE_LETTER[:30]) + f"{name};Store 1;12.00\r\n" + "".join(
        ONE_LETTER[30:])
    result, rows, _ = _rows(con, tmp_path / "kasse.csv", text.encode(encoding))
    assert result.encoding == encoding and (name, "Store 1") in [r[:2] for r in rows]


def test_one_windows_letter_stays_windows_1252(con, tmp_path):
    """The same with a Windows-1252 ``ü`` (DOS ``³``, Mac ``¸``): no page reads it as a letter but Windows."""
    text = "Kunde;Filiale;Betrag\r\n" + "".join(ONE_LETTER[:30]) + "Müller;Store 1;12.00\r\n" + "".join(
        ONE_LETTER[30:])
    result, rows, _ = _rows(con, tmp_path / "kasse.csv", text.encode("cp1252"))
    assert result.encoding == "cp1252" and ("Müller", "Store 1") in [r[:2] for r in rows]
