"""People inside the rest of an export (pii27): a HubSpot Deal Name that repeats the company, a list of
associated contacts, a buyer's nickname (微店 买家昵称, eBay Buyer Username), PayPal's payer under a bare
``Name`` beside ``Item Title`` — all personal data a masked load must not keep plain, while product names,
SKUs and order ids stay."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from crm_core.load.reader import load_file
from crm_core.protect import privacy

DATA = Path(__file__).resolve().parents[1] / "data"
WEIDIAN_ROWS = [  # 微店 卖家版 订单导出 (judge29's shape)
    ("8240100000003530", "2024-01-01 09:22:20", "🐱诗建🍀", "刘勇", "15864871768", "广州市天河区88号28栋",
     "民谣故事 黑胶唱片 Vol.2", 402.78, "刘勇的订单 加急"),
    ("8240100000011186", "2024-01-01 10:19:00", "🎵建华", "王建华", "18686620766", "上海市浦东新区216号6栋",
     "蓝调之夜 黑胶唱片 Vol.2", 195.58, "请尽快发货"),
    ("8240100000016345", "2024-01-01 10:24:11", "🎵军🐱", "黄军", "15841916533", "广州市天河区174号9栋",
     "乡村音乐 黑胶唱片 Vol.1", 640.99, "黄军 周末收货"),
    ("8240100000020001", "2024-01-02 11:00:00", "晴天925", "李娜", "13912345678", "北京市朝阳区12号3栋",
     "乡村音乐 黑胶唱片 Vol.1", 106.83, ""),
]


def _load(con, path: Path, table: str) -> tuple[dict[str, str], pd.DataFrame]:
    load_file(con, path, table, mask_pii=True)
    return privacy.masked_columns(con, table, generalised=True), con.execute(f'SELECT * FROM "{table}"').df()


def _weidian(tmp_path: Path) -> Path:
    path = tmp_path / "微店订单导出_20250701.csv"
    columns = ["订单号", "下单时间", "买家昵称", "收货人", "手机号", "收货地址",
               "商品名称", "实付金额", "买家留言"]
    pd.DataFrame(WEIDIAN_ROWS, columns=columns).to_csv(path, index=False)
    return path


def test_a_deal_name_repeating_the_company_keeps_no_company(con):
    raw = pd.read_csv(DATA / "hubspot_deals_excerpt.csv", dtype=str)
    masked, stored = _load(con, DATA / "hubspot_deals_excerpt.csv", "deals")
    assert masked["Deal Name"] == "named_text"
    for company, deal in zip(raw["Associated Company"], stored["Deal Name"], strict=True):
        assert company not in deal
    assert stored["Deal Name"].iloc[0] == "[company] - 2012 season"
    assert stored["Deal Stage"].tolist() == raw["Deal Stage"].tolist()


def test_associated_contacts_keep_no_person_name(con):
    raw = pd.read_csv(DATA / "hubspot_deals_excerpt.csv", dtype=str)
    masked, stored = _load(con, DATA / "hubspot_deals_excerpt.csv", "deals")
    assert masked["Associated Contact"] == "people"
    people = {v.split(" (")[0] for v in raw["Associated Contact"]}
    assert not any(p in v for p in people for v in stored["Associated Contact"])
    assert stored["Associated Contact"].nunique() == raw["Associated Contact"].nunique()


def test_a_list_of_contacts_reads_as_people():
    values = ["Jane Doe;John Roe", "Richard Moore (richard.moore@example.com)", "Li Wei; Anna van der Berg"]
    assert privacy.classify_values(values, "Associated Contacts") == "people"
    assert privacy.classify_values(["Q3 renewal", "Acme Corp - renewal"], "Associated Contact") is None


def test_weidian_nicknames_and_names_in_a_note_are_masked_products_and_ids_stay(con, tmp_path):
    masked, stored = _load(con, _weidian(tmp_path), "weidian")
    assert masked["买家昵称"] == "nickname" and masked["收货人"] == "name"
    assert not {r[2] for r in WEIDIAN_ROWS} & set(stored["买家昵称"])
    assert stored["买家留言"].tolist()[:3] == ["[name]的订单 加急", "请尽快发货", "[name] 周末收货"]
    assert stored["商品名称"].tolist() == [r[6] for r in WEIDIAN_ROWS]
    assert stored["订单号"].astype(str).tolist() == [r[0] for r in WEIDIAN_ROWS]
    assert "商品名称" not in masked and "订单号" not in masked


def test_paypal_payer_name_beside_item_title_is_a_person(con):
    raw = pd.read_csv(DATA / "paypal_activity_download.csv", dtype=str)
    masked, stored = _load(con, DATA / "paypal_activity_download.csv", "paypal")
    assert masked["Name"] == "name"
    assert not set(raw["Name"].dropna()) & set(stored["Name"].dropna())
    assert stored["Item Title"].fillna("").tolist() == raw["Item Title"].fillna("").tolist()
    assert "Item ID" not in masked and "Transaction ID" not in masked


def test_a_bare_name_beside_price_is_still_a_product():
    assert privacy.classify_values(["Blue Mug", "Red Cup"], "name", ("name", "price", "sku")) is None


def test_nickname_headers():
    for header in ("买家昵称", "微信昵称", "Buyer Username", "Nickname", "From Name"):
        assert privacy.classify_values(["🎵建华", "晴天925", "kartfan_88"], header) == "nickname", header



def test_youzan_nicknames_are_masked_and_the_total_row_still_dropped(con):
    raw = pd.read_excel(DATA / "youzan_members_excerpt_zh.xlsx", header=1, dtype=str)
    masked, stored = _load(con, DATA / "youzan_members_excerpt_zh.xlsx", "members")
    nick = next(c for c in stored if "昵称" in c)
    assert masked[nick] == "nickname" and len(stored) == 200
    assert not set(raw[nick]) & set(stored[nick]) and stored[nick].nunique() == raw[nick].iloc[:200].nunique()


def test_a_total_label_is_kept_and_a_nickname_is_not():
    key = b"k" * 32
    assert privacy.pseudonym(key, "nickname", "合计") == "合计"
    assert privacy.pseudonym(key, "name", "Total") == "Total"
    assert privacy.pseudonym(key, "nickname", "Total Fan") != "Total Fan"
