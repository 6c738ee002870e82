"""Which encoding a non-UTF-8 export is read in, decided on the evidence of its bytes: a value
is never changed silently (a ``¥`` read as Windows-1252 became ``�0„6`` and the money text)."""

from __future__ import annotations

import pytest

from crm_core.i18n import t
from crm_core.load.reader import load_file
from crm_core.workspace import store


def _load(con, path, text: str, encoding: str):
    path.write_bytes(text.encode(encoding))
    (result,) = load_file(con, path)
    return result, con.execute(f'SELECT * FROM "{result.table}"').fetchall(), dict(
        store.columns_of(con, result.table))


YEN_LIST = ("customer_id,name,city,last_order,total_spent\r\n"
            'C0001,Li Wei,Shanghai,2024-03-05,"¥1,796.67"\r\n'
            "C0002,Wang Fang,Beijing,2024-02-11,¥245.00\r\n"
            'C0003,Zhang Min,Shenzhen,2024-01-30,"¥12,030.10"\r\n')
EURO_LIST = "sku,product,price\r\nA-1,Espresso beans 1kg,€18.90\r\nA-2,Oat milk,€2.40\r\n"


@pytest.mark.parametrize(("text", "money"), [(YEN_LIST, [1796.67, 245.0, 12030.1]),
                                             (EURO_LIST, [18.9, 2.4])], ids=["yen", "euro"])
def test_gb18030_money_whose_only_non_ascii_is_its_currency_sign(con, tmp_path, text, money):
    """``¥`` (U+00A5) is a four-byte form in GB18030 (0x81 0x30 0x84 0x36) and ``€`` is 0xA2 0xE3
    (``¢ã`` in Windows-1252), both outside GB2312: nothing voted Chinese, the file was read as
    Windows-1252 and the money became text (``�0„61,796.67``)."""
    result, rows, types = _load(con, tmp_path / "money.csv", text, "gb18030")
    assert (result.encoding, list(types.values())[-1]) == ("gb18030", "DOUBLE")
    assert [r[-1] for r in rows] == money


def test_western_exports_with_euro_pound_and_accents_stay_windows_1252(con, tmp_path):
    """The other direction: German and French Excel exports keep their reading."""
    text = ("Kunde;Ort;Betrag;Notiz\r\nMüller;Köln;29,33 €;Straße\r\nBrühl;Besançon;£12,00;Café\r\n"
            "Élodie Noël;Zürich;1.234,56 €;Zoë\r\n")
    result, rows, types = _load(con, tmp_path / "kunden.csv", text, "cp1252")
    assert result.encoding == "cp1252" and types["Betrag"] == "DOUBLE"
    assert rows == [("Müller", "Köln", 29.33, "Straße"), ("Brühl", "Besançon", 12.0, "Café"),
                    ("Élodie Noël", "Zürich", 1234.56, "Zoë")]


BIG5_MEMBERS = ("會員編號,姓名,電話,地址,消費金額,備註\r\n"
                "M0001,陳怡君,0912-345-678,臺北市大安區忠孝東路四段100號,1280,常客\r\n"
                "M0002,林志豪,0922-111-222,新北市板橋區文化路一段25號,560,\r\n"
                "M0003,黃淑芬,0933-222-333,高雄市前鎮區中華五路789號,3450,生日優惠\r\n")
HK_BRANCHES = ("分店,客戶,地址,備註,金額\r\nHK01,陳生,九龍旺角彌敦道600號,佢嘅貨未到,1200\r\n"
               "HK02,李小姐,香港中環皇后大道中88號,準時送貨,880\r\n"
               "HK03,黃太,新界沙田正街18號,會員續期,430\r\n")
SJIS_CUSTOMERS = ("顧客番号,氏名,フリガナ,購入金額\r\nC001,山田太郎,ヤマダタロウ,1000\r\n"
                  "C002,鈴木花子,スズキハナコ,2500\r\nC003,佐藤一郎,サトウイチロウ,300\r\n")


@pytest.mark.parametrize(("text", "encoding"), [(BIG5_MEMBERS, "cp950"), (HK_BRANCHES, "big5hkscs"),
                                                   (SJIS_CUSTOMERS, "cp932")],
                         ids=["big5-taiwan", "big5-hkscs", "shift-jis"])
def test_big5_and_shift_jis_exports_are_read_in_their_own_encoding(con, tmp_path, text, encoding):
    """Excel on Traditional Chinese or Japanese Windows writes code page 950 or 932: read as
    Windows-1252 (``客戶編號`` → ``«È¤á½s¸¹``), or partly as GB18030, without a word."""
    result, rows, types = _load(con, tmp_path / "export.csv", text, encoding)
    lines = [line.split(",") for line in text.splitlines()]
    assert (result.encoding, list(types)) == (encoding, lines[0])
    assert [r[1] for r in rows] == [line[1] for line in lines[1:]]
    assert t(f"data.encoding.{encoding}", "zh") != t(f"data.encoding.{encoding}", "en")


def test_russian_names_in_gb18030_and_temperatures_in_windows_1252_keep_their_reading(con, tmp_path):
    """GB2312's Cyrillic decodes in Big5 to frequent characters (``Анна`` → ``均扶扶忘``), and a
    Western ``°C`` to one (0xB0 0x43): neither is taken for Big5."""
    text = "客户,城市,金额\r\nАнна Иванова,莫斯科,120.5\r\nПётр Смирнов,圣彼得堡,99\r\n"
    result, rows, _ = _load(con, tmp_path / "ru.csv", text, "gb18030")
    assert result.encoding == "gb18030" and rows[0][0] == "Анна Иванова"
    text = "Filiale;Temperatur;Umsatz\r\n1;25°C;120,5\r\n2;18°C;99,0\r\n3;21°C;87,0\r\n"
    result, rows, _ = _load(con, tmp_path / "wetter.csv", text, "cp1252")
    assert result.encoding == "cp1252" and rows[0][1] == "25°C"


def test_a_gbk_export_whose_only_chinese_is_yuan_is_not_utf8(con, tmp_path):
    """``元`` in GBK is 0xD4 0xAA, valid UTF-8 for ``Ԫ``: the file loaded as UTF-8, ``12.50元``
    as text ``12.50Ԫ``. A lone Greek ``μ`` stays UTF-8."""
    text = "order_no,member,amount\r\n20240301001,M17,12.50元\r\n20240301002,M18,7.00元\r\n"
    result, rows, types = _load(con, tmp_path / "orders.csv", text, "gbk")
    assert (result.encoding, types["amount"], [r[2] for r in rows]) == ("gb18030", "DOUBLE", [12.5, 7.0])
    result, rows, _ = _load(con, tmp_path / "parts.csv", "sku,size\r\nA1,5 μm\r\nA2,8 μm\r\n", "utf-8")
    assert (result.encoding, rows[0][1]) == ("utf-8", "5 μm")
