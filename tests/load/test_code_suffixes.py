"""Chinese headers that end in 码 or 号 name codes (券码, 条码, 货号, 账号, 会员号): their numbers
are labels. judge17's coupon export (Complete Journey's real redemptions as a 券核销记录) loaded
券码 ``51380041013`` as a number: the profile gave it a mean of 40 billion and ``spend`` offered it
as the money column."""

from __future__ import annotations

from crm_core.load.coltypes import is_id_name
from crm_core.load.reader import load_file

ROWS = [("HX000001", "VIP0001029", "51380041013", "6923450657713", "10023", "26", "2017/1/1 11:04"),
        ("HX000002", "VIP0001029", "51380041313", "6923450657720", "10024", "26", "2017/1/1 21:52"),
        ("HX000003", "VIP0000165", "53377610033", "6901234567892", "20011", "26", "2017/1/3 8:21"),
        ("HX000004", "VIP0000412", "51380041013", "6923450657713", "10023", "27", "2017/1/4 9:30")]
"""Four redemptions as judge17 wrote them (券码 from the real coupon UPCs), with a barcode and an
article number beside them."""


def test_codes_named_by_their_last_character_stay_text(con, tmp_path):
    lines = ["核销单号,会员编号,券码,条码,货号,活动编号,核销时间", *(",".join(r) for r in ROWS)]
    (tmp_path / "券核销记录.csv").write_text("\n".join(lines) + "\n", encoding="gb18030")
    load_file(con, tmp_path / "券核销记录.csv", "coupons")
    types = dict(con.execute("SELECT column_name, data_type FROM information_schema.columns "
                             "WHERE table_name = 'coupons'").fetchall())
    assert types["券码"] == types["条码"] == types["货号"] == "VARCHAR"
    assert con.execute("SELECT 券码 FROM coupons ORDER BY 核销单号").fetchall()[0] == ("51380041013",)


def test_amounts_and_counts_are_no_codes():
    for column in ("实付金额", "数量", "积分", "号码", "会员号", "账号", "尺码"):
        assert is_id_name(column) == (column in ("号码", "会员号", "账号", "尺码"))
