"""Personal data that is not the buyer's name or contact (pii26): a seller's staff (HubSpot's ``Deal
owner``, 企业微信's ``添加人``, a till's 收银员 / 导购), a seller's remark name for a buyer (``备注名``), the
buying company of a B2B export, and a postcode (generalised to its first 3 characters, not hashed)."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from crm_core.i18n import Sentence, say
from crm_core.load.reader import load_file
from crm_core.protect import privacy
from crm_core.workspace import roles

DATA = Path(__file__).resolve().parents[1] / "data"


def _masked_load(con, path: Path, table: str) -> tuple[dict[str, str], pd.DataFrame]:
    """What the catalogue says was masked or generalised, and the stored rows."""
    load_file(con, path, table, mask_pii=True)
    masked = privacy.masked_columns(con, table, generalised=True)
    return masked, con.execute(f'SELECT * FROM "{table}"').df()


def test_hubspot_deal_owner_is_staff_and_the_company_is_pseudonymised(con):
    raw = pd.read_csv(DATA / "hubspot_deals_excerpt.csv", dtype=str)
    masked, stored = _masked_load(con, DATA / "hubspot_deals_excerpt.csv", "deals")
    assert masked["Deal owner"] == "staff" and masked["Associated Company"] == "company"
    assert not set(raw["Deal owner"]) & set(stored["Deal owner"])
    assert not set(raw["Associated Company"]) & set(stored["Associated Company"])
    # tokens are stable: as many owners and companies as before, each with its own deals
    for column in ("Deal owner", "Associated Company"):
        assert stored[column].nunique() == raw[column].nunique()
        assert sorted(stored[column].value_counts()) == sorted(raw[column].value_counts())
    assert "Deal Stage" not in masked and "Pipeline" not in masked


def test_a_masked_company_is_still_the_customer_of_a_b2b_export(con):
    load_file(con, DATA / "hubspot_deals_excerpt.csv", "plain")
    _masked_load(con, DATA / "hubspot_deals_excerpt.csv", "masked")
    assert roles.detect_roles(con, "masked") == roles.detect_roles(con, "plain")


def test_wecom_adder_is_staff_and_the_remark_name_is_masked(con):
    raw = pd.read_excel(DATA / "wecom_customers_excerpt_zh.xlsx", dtype=str)
    masked, stored = _masked_load(con, DATA / "wecom_customers_excerpt_zh.xlsx", "wecom")
    assert masked["添加人"] == "staff" and masked["备注名"] == "remark_name"
    assert not set(raw["备注名"]) & set(stored["备注名"])
    assert stored["添加人"].nunique() == raw["添加人"].nunique() == 3
    assert {"标签", "来源", "性别"}.isdisjoint(masked)


def test_a_tills_cashier_and_shop_assistant_are_staff(con, tmp_path):
    bills = pd.read_csv(DATA / "pos_journal_excerpt_zh.csv", dtype=str, encoding="gb18030")
    bills["收银员"] = [["张丽", "陈静", "赵敏"][i % 3] for i in range(len(bills))]
    bills["导购"] = [["店员小王", "店长阿杰"][i % 2] for i in range(len(bills))]
    path = tmp_path / "收银流水.csv"
    bills.to_csv(path, index=False, encoding="gb18030")
    masked, stored = _masked_load(con, path, "pos")
    assert masked["收银员"] == masked["导购"] == "staff"
    assert not {"张丽", "店员小王"} & (set(stored["收银员"]) | set(stored["导购"]))
    assert {"门店", "支付方式", "单据类型"}.isdisjoint(masked)


def test_a_postcode_is_cut_to_its_first_three_characters_and_the_city_kept(con):
    raw = pd.read_csv(DATA / "shopify_orders_excerpt.csv", dtype=str)
    masked, stored = _masked_load(con, DATA / "shopify_orders_excerpt.csv", "shop")
    assert masked["Billing Zip"] == "postcode"
    filled = raw["Billing Zip"].notna()
    assert list(stored.loc[filled, "Billing Zip"]) == [z[:3] for z in raw.loc[filled, "Billing Zip"]]
    assert "Billing City" not in masked and set(stored["Billing City"].dropna()) == set(
        raw["Billing City"].dropna())


def test_amazons_ship_postal_code_is_generalised(con):
    masked, stored = _masked_load(con, DATA / "amazon_all_orders_excerpt.txt", "amazon")
    assert masked["ship-postal-code"] == "postcode" and "ship-city" not in masked
    assert stored["ship-postal-code"].dropna().str.len().max() == 3
    # a cut postcode holds no token: the link must not take it for one
    assert "ship-postal-code" not in privacy.masked_columns(con, "amazon")


@pytest.mark.parametrize(("header", "values", "kind"), [
    ("Deal owner", ["Marcus Lee", "Dana Whitfield"], "staff"),
    ("Staff Name", ["Marcus Lee", "Dana Whitfield"], "staff"),
    ("Sales Rep", ["Marcus Lee", "Dana Whitfield"], "staff"),
    ("Assignee", ["Marcus Lee", "Dana Whitfield"], "staff"),
    ("收银员", ["张丽", "陈静"], "staff"),
    ("导购员", ["店员小王", "店长阿杰"], "staff"),
    ("添加人", ["店长小李", "店员小芳"], "staff"),
    ("备注名", ["刘女士", "黄先生"], "remark_name"),
    ("Company", ["Dallas Cycles", "Kansas City 29ers"], "company"),
    ("Billing Company", ["Acme Ltd", "Phoenix Bi-peds"], "company"),
    ("公司名称", ["杭州宏达贸易有限公司", "宁波中远物流有限公司"], "company"),
    ("单位", ["浙江大学", "杭州市第一人民医院"], "company"),
    ("Postcode", ["SW1A 1AA", "EC1A 1BB"], "postcode"),
    ("邮编", ["310000", "315000"], "postcode"),
    ("Zip", ["02134", "90210-1234"], "postcode"),
])
def test_headers_and_values_read_as_the_new_kinds(header, values, kind):
    assert privacy.classify_values(values * 5, header) == kind


@pytest.mark.parametrize(("header", "values"), [
    ("单位", ["个", "件", "箱", "千克"]),  # a unit of measure
    ("Deal owner", ["1001", "1002"]),  # an owner id, no name
    ("User Agent", ["Mozilla/5.0 (X11; Linux x86_64)", "curl/8.5.0"]),
    ("Zip", ["yes", "no"]),
    ("Company", ["1", "2", "3"]),
    ("Business", ["Yes", "No", "TRUE", "false"]),  # a flag: is it a business order
])
def test_lookalikes_stay_plain(header, values):
    assert privacy.classify_values(values * 5, header) is None


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("kind", ["staff", "remark_name", "company", "postcode"])
def test_each_new_kind_is_named_in_both_languages(kind, lang):
    for key in (f"protect.kind.{kind}", f"load.note.masked.{kind}"):
        said = say(Sentence(key, column="X"), lang)
        assert said and key not in said


def test_the_sql_pages_mask_hides_staff_companies_and_postcodes():
    frame = pd.DataFrame({"Deal owner": ["Marcus Lee"] * 5, "Company": ["Dallas Cycles"] * 5,
                          "Billing Zip": ["38232"] * 5, "Amount": [1.0] * 5})
    shown = privacy.mask_frame(frame)
    assert shown.loc[0, "Deal owner"] == "M***** L**"
    assert shown.loc[0, "Company"] == "Dallas***"
    assert shown.loc[0, "Billing Zip"] == "382**"


def test_the_profile_says_a_cut_postcode_was_generalised_at_load(con):
    from crm_core.quality.profile import profile

    load_file(con, DATA / "amazon_all_orders_excerpt.txt", "amazon", mask_pii=True)
    entry = next(c for c in profile(con, "amazon")["columns"] if c["name"] == "ship-postal-code")
    assert entry["pii"] == "postcode" and entry["masked"]
