"""The lists say whom to call: the customer's name, e-mail and phone beside the id, as the table
writes them (walk10: Superstore's at-risk list read ``AP-16225`` while the table held the name)."""

from __future__ import annotations

from datetime import date

import numpy as np
import pandas as pd
import pytest

from crm_core.customers import churn, spend
from crm_core.load.reader import load_file
from crm_core.workspace.roles import get_roles

FIRST = ["Claire", "Darrin", "Sean", "Brosina", "Andrew", "Irene", "Harold", "Pete", "Zuschuss", "Ken"]
LAST = ["Gute", "Van Huff", "O'Donnell", "Hoffman", "Allen", "Maddox", "Pawlan", "Kriz", "Donatelli", "Black"]
XING = ["王", "李", "张", "刘", "陈", "杨", "赵", "黄"]
MING = ["伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "军", "洋"]


def _orders(chinese: bool) -> pd.DataFrame:
    """A shop's order lines: a customer id, the customer's name (and phone) on every line; every
    third customer stopped buying after the first 300 days (the backtest learns them as gone)."""
    rng = np.random.default_rng(5)
    rows = []
    for c in range(240):
        name = (XING[c % 8] + MING[c // 8 % 10] + MING[c // 80] if chinese
                else f"{FIRST[c % 10]} {LAST[c // 10 % 10]}")
        phone = f"13{rng.integers(100000000, 999999999)}"
        for day in sorted(rng.integers(0, 300 if c % 3 == 0 else 700, rng.integers(1, 9))):
            when = pd.Timestamp("2023-01-01") + pd.Timedelta(days=int(day))
            amount = float(rng.integers(5, 300))
            rows.append((f"AP-{c:05d}", name, phone, str(when), amount, f"CA-{len(rows):06d}"))
    headers = (["会员编号", "会员姓名", "手机号", "下单时间", "实付金额", "订单号"] if chinese else
               ["Customer ID", "Customer Name", "Phone", "Order Date", "Sales", "Order ID"])
    return pd.DataFrame(rows, columns=headers)


@pytest.mark.parametrize("chinese", [False, True])
def test_the_churn_and_spend_lists_carry_the_customers_name_and_phone(con, tmp_path, chinese):
    frame = _orders(chinese)
    path = tmp_path / "orders.csv"
    frame.to_csv(path, index=False, encoding="gb18030" if chinese else "utf-8")
    load_file(con, path)
    roles = get_roles(con, "orders")
    assert roles.get("name") == frame.columns[1] and roles.get("phone") == frame.columns[2], roles
    truth = frame.groupby(frame.columns[0])[[frame.columns[1], frame.columns[2]]].first()
    scored = churn.run(con, "orders", churn.ChurnConfig(cutoff=date(2024, 9, 1)))
    for listed in (scored.at_risk(), scored.win_back()):
        assert list(listed.columns[:3]) == ["customer_id", "name", "phone"]
        expected = truth.loc[listed["customer_id"]]
        assert len(listed) and (listed["name"].to_numpy() == expected.iloc[:, 0]).all()
        assert (listed["phone"].to_numpy() == expected.iloc[:, 1].astype(str)).all()
    assert "name" in scored.files()["at_risk.csv"].decode("utf-8-sig").splitlines()[0].split(",")
    valued = spend.run(con, "orders", spend.SpendConfig(cutoff=date(2024, 9, 1)))
    assert list(valued.scores.columns[:3]) == ["customer_id", "name", "phone"]
