"""Big5 and Shift-JIS exports whose characters come after the bytes sniffed, or stand alone as
whole values: read in their own encoding, not as GB18030 mojibake or Windows-1252."""

from __future__ import annotations

import pytest

from crm_core.i18n import t
from crm_core.load.reader import load_file
from crm_core.workspace import store

HEAD = "member_id,name,joined,spent\r\n"
PAD = "".join(f"M{i:06d},Member {i},2024-01-{i % 28 + 1:02d},{i % 97}.50\r\n" for i in range(40_000))
"""About 1.4 MB of ASCII rows: more than the head sniffed (1 MB)."""
LATE = {"cp950": ("陳怡君", "林志豪"), "cp932": ("山田太郎", "鈴木花子")}


def _rows(con, path, data: bytes):
    path.write_bytes(data)
    (result,) = load_file(con, path)
    return result, con.execute(f'SELECT * FROM "{result.table}"').fetchall(), dict(
        store.columns_of(con, result.table))


def _late_lines(names: tuple[str, str]) -> str:
    return "".join(f"M90000{i},{n},2024-03-0{i + 4},1280.00\r\n" for i, n in enumerate(names, 1))


@pytest.mark.parametrize("encoding", ["cp950", "cp932"])
def test_big5_or_shift_jis_after_an_ascii_head(con, tmp_path, encoding):
    """The head is ASCII, so UTF-8; the later bytes are not, and the whole file was read again as
    GB18030 (Big5 ``陳怡君`` → ``朝┥\\ue72d``) or Windows-1252 (Shift-JIS ``山田太郎`` → ``ŽR“c‘¾˜Y``)."""
    names = LATE[encoding]
    result, rows, types = _rows(con, tmp_path / "members.csv",
                                (HEAD + PAD + _late_lines(names)).encode(encoding))
    assert result.encoding == encoding and types["spent"] == "DOUBLE"
    assert [r[1] for r in rows[-2:]] == list(names) and len(rows) == 40_002


def test_big5_lines_after_a_utf8_head_are_read_as_big5(con, tmp_path):
    """A UTF-8 export with Big5 lines joined on: those lines were read as GB18030 mojibake."""
    data = (HEAD + "M1,José,2024-01-01,1.50\r\n" + PAD).encode() + _late_lines(LATE["cp950"]).encode("cp950")
    result, rows, _ = _rows(con, tmp_path / "joined.csv", data)
    assert result.encoding == "utf-8" and rows[0][1] == "José"
    assert [r[1] for r in rows[-2:]] == list(LATE["cp950"])
    assert any("Big5" in str(n) for n in result.notes)


@pytest.mark.parametrize(("encoding", "values"), [("cp950", ("男", "女")), ("cp932", ("男", "女")),
                                                  ("cp950", ("是", "否"))])
def test_single_character_values_are_evidence(con, tmp_path, encoding, values):
    """A 性別 column of ``男``/``女`` under English headers has no two characters side by side
    (the word rule): it was read as Windows-1252 (``¨k``/``¤k``)."""
    text = f"id,gender,amount\r\nC1,{values[0]},12.5\r\nC2,{values[1]},7\r\nC3,{values[0]},3\r\n"
    result, rows, _ = _rows(con, tmp_path / "people.csv", text.encode(encoding))
    assert result.encoding == encoding
    assert [r[1] for r in rows] == [values[0], values[1], values[0]]


def test_western_units_as_whole_values_stay_windows_1252(con, tmp_path):
    """``°C`` and ``µg`` decode in Big5 to one frequent character each (蚓, 痢): still Western."""
    text = "sensor;unit;value\r\nS1;°C;21,5\r\nS2;°F;70,1\r\nS3;µg;3\r\n"
    result, rows, _ = _rows(con, tmp_path / "sensors.csv", text.encode("cp1252"))
    assert result.encoding == "cp1252" and [r[1] for r in rows] == ["°C", "°F", "µg"]


DOS_TILL = ("Kunde;Stadt;Betrag\r\nMüller;München;29,33\r\nCafé Zoë;Köln;12,00\r\n"
            "Brühl;Düsseldorf;1.234,56\r\n")
DOS_FRENCH = "client;ville;montant\r\nCafé du Marché;Besançon;12,50\r\nÉlodie;Orléans;3,00\r\n"


@pytest.mark.parametrize("text", [DOS_TILL, DOS_FRENCH], ids=["german", "french"])
def test_dos_code_page_850_till_export(con, tmp_path, text):
    """An old till's DOS export: ``München`` read as Windows-1252 was ``M�nchen``, ``Café`` ``Caf‚``."""
    result, rows, types = _rows(con, tmp_path / "kasse.csv", text.encode("cp850"))
    assert result.encoding == "cp850" and list(types.values())[-1] == "DOUBLE"
    assert [r[:2] for r in rows] == [tuple(ln.split(";")[:2]) for ln in text.splitlines()[1:]]


@pytest.mark.parametrize("text", [
    "Kunde;Ort;Notiz\r\nMüller;Köln;Straße\r\nJosé;Zürich;Café\r\n",
    "shop;hours;note\r\nCafé;Mon–Fri;“open” etc…\r\nBar;Sat;don’t\r\n",
    "Kunde;Notiz\r\nAnna;Äpfel: 3\r\nOla;ça va\r\n"], ids=["accents", "punctuation", "ambiguous"])
def test_windows_1252_stays_windows_1252(con, tmp_path, text):
    """Windows text whose accents read as symbols in DOS (``ü`` → ``³``) or whose punctuation sits
    next to letters (``Mon–Fri``, ``“open”``, ``don’t``) keeps its reading."""
    result, rows, _ = _rows(con, tmp_path / "kunden.csv", text.encode("cp1252"))
    assert result.encoding == "cp1252"
    assert [list(r) for r in rows] == [ln.split(";") for ln in text.splitlines()[1:]]


WESTERN_ROWS = "".join(f"C{i},{('Café Zoë', 'Müller GmbH', 'Köln', 'Besançon')[i % 4]},{i % 97}.50\r\n"
                       for i in range(3000))
"""Three thousand rows of Windows-1252 accents: the head, and the block the later rows share."""


@pytest.mark.parametrize(("encoding", "names"), [
    ("cp950", ("王小明", "李大同", "台中市")), ("cp950", ("男", "女", "男")),
    ("gb18030", ("男", "女", "男")), ("gb18030", ("王小明", "李大同", "上海市"))],
    ids=["big5-names", "big5-gender", "gbk-gender", "gbk-names"])
def test_chinese_rows_after_thousands_of_western_ones(con, tmp_path, encoding, names):
    """The block was read in the encoding of its first lines beyond ASCII: Big5 ``王小明`` became
    ``¤ý¤p©ú``; GBK ``女`` (0xC5 0xAE, valid UTF-8 ``Ů``) made the whole file "UTF-8" with its
    3,000 Western lines "in another encoding". Each now reads as written, with a note."""
    tail = "".join(f"T{i},{n},12.00\r\n" for i, n in enumerate(names))
    data = ("customer,city,amount\r\n" + WESTERN_ROWS).encode("cp1252") + tail.encode(encoding)
    result, rows, types = _rows(con, tmp_path / "customers.csv", data)
    assert result.encoding == "cp1252" and types["amount"] == "DOUBLE"
    assert [r[1] for r in rows[:2]] == ["Café Zoë", "Müller GmbH"]
    assert [r[1] for r in rows[-3:]] == list(names)
    (said,) = result.notes[:1]
    assert said.key == "load.note.other_encoding_lines" and said.values["line"] == 3002
    assert said.values["main"] == "Windows-1252" and "3002" in t(said.key, "zh", **said.values)


def test_big5_rows_after_a_dos_head(con, tmp_path):
    """A DOS till's file was read whole in code page 850: Big5 names later were mojibake."""
    head = "Kunde;Stadt;Betrag\r\n" + "Müller;München;29,33\r\nCafé Zoë;Köln;12,00\r\n" * 50
    data = head.encode("cp850") + "陳怡君;台北市;8,00\r\n".encode("cp950")
    result, rows, _ = _rows(con, tmp_path / "kasse.csv", data)
    assert result.encoding == "cp850" and rows[0][:2] == ("Müller", "München")
    assert rows[-1][:2] == ("陳怡君", "台北市")
    said = [n.values["encoding"] for n in result.notes if n.key == "load.note.other_encoding_lines"]
    assert said == ["Big5"]
