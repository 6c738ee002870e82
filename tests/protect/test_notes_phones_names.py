"""Phones and the row's own name inside free text (priv29): a support ticket's description or a buyer's
order note that gives a number as written at home (``020 7946 0958``, ``(415) 555-0134``, full-width
``１３８００１３８０００``) or the requester's name in capitals keeps neither after a masked load, while the
order numbers, dates, amounts, hotlines and SKU codes written beside them stay as written."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from crm_core.load.reader import load_file
from crm_core.protect import privacy
from tests.protect.test_free_text_people import WEIDIAN_ROWS

DATA = Path(__file__).resolve().parents[1] / "data"
TICKET_KEEPS = [  # what a Freshdesk description also holds: none of it is a person's number
    "Order #100234 was charged twice on 2017-01-13, invoice INV-2017-0042 for $1,234.56",
    "Please quote order number 8240100000003530 and PO 4500012345",
    "Delivered 13/01/2017 at 10:47, booked for 10:30-11:45 on 2017-02-01",
    "Your hotline 0800 123 456 was closed, freephone 0800 123 4567 too",
    "FedEx said to call 1-800-463-3339 or 800-463-3339 about tracking 1Z999AA10123456784",
    "SKU BR-2045-0012 and SKU 0207-946 are out of stock, EAN 5012345678900",
    "Total 2 450.00 EUR for 12 x 415 g packs, account 12-3102-0456789-00",
]
NOTE_KEEPS = [  # what a 微店 买家留言 also holds
    "订单号8240100000003530请补发",
    "2024-03-15前发货，3月15日下午送到",
    "实付￥1,280.00，优惠券减20元",
    "客服热线400-820-8820打不通",
    "货号DD1391-100 尺码42.5",
    "快递单号SF1234567890123",
]


def _tickets(tmp_path: Path, notes: dict[int, str]) -> Path:
    """The Freshdesk excerpt with the descriptions of ``notes``' rows rewritten."""
    frame = pd.read_csv(DATA / "freshdesk_tickets_excerpt.csv", dtype=str)
    for row, text in notes.items():
        frame.loc[row, "Description"] = text
    path = tmp_path / "tickets.csv"
    frame.to_csv(path, index=False)
    return path


def _weidian(tmp_path: Path, notes: list[str]) -> Path:
    """A 微店 order export (judge29's rows, repeated) whose 买家留言 are ``notes``."""
    rows = [(*WEIDIAN_ROWS[i % len(WEIDIAN_ROWS)][:8], note) for i, note in enumerate(notes)]
    path = tmp_path / "微店订单导出.csv"
    pd.DataFrame(rows, columns=["订单号", "下单时间", "买家昵称", "收货人", "手机号", "收货地址", "商品名称",
                                "实付金额", "买家留言"]).to_csv(path, index=False)
    return path


def _stored(con, path: Path, table: str) -> tuple[dict[str, str], pd.DataFrame]:
    load_file(con, path, table, mask_pii=True)
    return privacy.masked_columns(con, table, generalised=True), con.execute(f'SELECT * FROM "{table}"').df()


@pytest.mark.parametrize(("text", "said"), [
    ("Please call me on 020 7946 0958 after 3pm", "Please call me on [phone] after 3pm"),
    ("My cell is (415) 555-0134, thanks", "My cell is [phone], thanks"),
    ("cell 415-555-0134 or office 415.555.0199", "cell [phone] or office [phone]"),
    ("Reach me at +44 20 7946 0958 please", "Reach me at [phone] please"),
    ("Mobile 07700 900123, landline (020) 7946 0958.", "Mobile [phone], landline [phone]."),
])
def test_a_ticket_keeps_no_phone_written_as_at_home(con, tmp_path, text, said):
    masked, stored = _stored(con, _tickets(tmp_path, {0: text}), "tickets")
    assert masked["Description"] == "free_text"
    assert stored["Description"][0] == said


def test_a_buyers_note_keeps_no_full_width_mobile(con, tmp_path):
    notes = ["收货电话改成１３８００１３８０００，谢谢", "电话１３９－１２３４－５６７８", "请尽快发货", ""]
    masked, stored = _stored(con, _weidian(tmp_path, notes), "weidian")
    assert masked["买家留言"] == "free_text"
    assert stored["买家留言"].tolist()[:3] == ["收货电话改成[phone]，谢谢", "电话[phone]", "请尽快发货"]


def test_order_numbers_dates_amounts_hotlines_and_skus_stay_beside_a_phone(con, tmp_path):
    notes = {0: "Call me on 020 7946 0958", **{i + 1: text for i, text in enumerate(TICKET_KEEPS)}}
    masked, stored = _stored(con, _tickets(tmp_path, notes), "tickets")
    assert masked["Description"] == "free_text"
    assert stored["Description"].tolist()[1:len(notes)] == TICKET_KEEPS


def test_a_chinese_note_keeps_its_order_number_date_amount_hotline_and_sku(con, tmp_path):
    masked, stored = _stored(con, _weidian(tmp_path, ["电话１３８００１３８０００", *NOTE_KEEPS]), "weidian")
    assert masked["买家留言"] == "free_text"
    assert stored["买家留言"].tolist() == ["电话[phone]", *NOTE_KEEPS]


def test_the_requesters_name_in_another_case_is_masked(con, tmp_path):
    raw = pd.read_csv(DATA / "freshdesk_tickets_excerpt.csv", dtype=str)
    davis = raw.index[raw["Full name"] == "William Davis"][:3]
    allen = raw.index[raw["Full name"] == "Patricia Allen"][0]
    notes = {davis[0]: "Hi, WILLIAM DAVIS here: the invoice is wrong",
             davis[1]: "william davis, DAVIS BRASSERIE", davis[2]: "William Davis's order",
             allen: "patricia allen again, Allen Cafe"}
    masked, stored = _stored(con, _tickets(tmp_path, notes), "tickets")
    assert masked["Description"] == "named_text"
    assert stored["Description"][davis].tolist() == ["Hi, [name] here: the invoice is wrong",
                                                     "[name], [company]", "[name]'s order"]
    assert stored["Description"][allen] == "[name] again, [company]"


def test_a_name_inside_a_longer_word_stays(con, tmp_path):
    frame = pd.read_csv(DATA / "klaviyo_profiles_excerpt.csv", dtype=str)
    linda = frame.index[frame["First Name"] == "Linda"][0]
    frame["Notes"] = ""
    frame.loc[linda, "Notes"] = "Belinda at the deli asked for LINDA's usual order"
    path = tmp_path / "profiles.csv"
    frame.to_csv(path, index=False)
    masked, stored = _stored(con, path, "profiles")
    assert masked["Notes"] == "named_text"
    assert stored["Notes"][linda] == "Belinda at the deli asked for [name]'s usual order"
