"""Which encoding a non-UTF-8 export is read in, decided on the evidence of its bytes: a value
is never changed silently (a ``¥`` read as Windows-1252 became ``�0„6`` and the money text)."""

from __future__ import annotations

from crm_core.load.reader import load_file
from crm_core.workspace import store


def _load(con, path, text: str, encoding: str):
    path.write_bytes(text.encode(encoding))
    (result,) = load_file(con, path)
    return result, con.execute(f'SELECT * FROM "{result.table}"').fetchall(), dict(
        store.columns_of(con, result.table))


def test_a_gb18030_customer_list_whose_only_non_ascii_is_the_yen_sign(con, tmp_path):
    """``¥`` (U+00A5) is a four-byte form in GB18030 (0x81 0x30 0x84 0x36), outside GB2312:
    nothing in the file voted Chinese, so it was read as Windows-1252."""
    text = ("customer_id,name,city,last_order,total_spent\r\n"
            'C0001,Li Wei,Shanghai,2024-03-05,"¥1,796.67"\r\n'
            "C0002,Wang Fang,Beijing,2024-02-11,¥245.00\r\n"
            'C0003,Zhang Min,Shenzhen,2024-01-30,"¥12,030.10"\r\n')
    result, rows, types = _load(con, tmp_path / "customers.csv", text, "gb18030")
    assert result.encoding == "gb18030"
    assert types["total_spent"] == "DOUBLE"
    assert [r[4] for r in rows] == [1796.67, 245.0, 12030.1]


def test_a_gb18030_price_list_in_euros(con, tmp_path):
    """``€`` is 0xA2 0xE3 in GB18030 (``¢ã`` in Windows-1252), outside GB2312."""
    text = "sku,product,price\r\nA-1,Espresso beans 1kg,€18.90\r\nA-2,Oat milk,€2.40\r\n"
    result, rows, _ = _load(con, tmp_path / "prices.csv", text, "gb18030")
    assert result.encoding == "gb18030"
    assert [r[2] for r in rows] == [18.9, 2.4]


def test_western_exports_with_euro_pound_and_accents_stay_windows_1252(con, tmp_path):
    """The other direction: German and French Excel exports keep their reading."""
    text = ("Kunde;Ort;Betrag;Notiz\r\nMüller;Köln;29,33 €;Straße\r\nBrühl;Besançon;£12,00;Café\r\n"
            "Élodie Noël;Zürich;1.234,56 €;Zoë\r\n")
    result, rows, types = _load(con, tmp_path / "kunden.csv", text, "cp1252")
    assert result.encoding == "cp1252" and types["Betrag"] == "DOUBLE"
    assert rows == [("Müller", "Köln", 29.33, "Straße"), ("Brühl", "Besançon", 12.0, "Café"),
                    ("Élodie Noël", "Zürich", 1234.56, "Zoë")]
