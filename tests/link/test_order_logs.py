"""An order log in a link: its buyer's id, name and phone repeat on every order, and the buyer is
one record, not one per order (a till member's 120 orders outgrew the phone block and her web
record was never compared with them)."""

from __future__ import annotations

import numpy as np
import pandas as pd

from crm_core.link import synthetic
from crm_core.link.run import LinkConfig, run
from crm_core.load.reader import load_file


def _company(orders_of_first: int = 120) -> tuple[pd.DataFrame, pd.DataFrame]:
    """A till's order log (会员卡号, 姓名, 手机 138-1234-5678, one row per purchase: the first member
    buys ``orders_of_first`` times, the others a few times) and a web shop's buyers (买家昵称,
    收货人 in pinyin, 联系电话 +86 138 1234 5678): the same 40 people."""
    rng = np.random.default_rng(3)
    who = synthetic.people(40, seed=5, chinese_share=1.0)
    phone = who["phone"].astype(str)
    orders = np.r_[np.full(orders_of_first, 0), rng.integers(1, 40, 300)]
    till = pd.DataFrame({
        "会员卡号": [f"VIP{100000 + k}" for k in orders],
        "姓名": who["han"].to_numpy()[orders],
        "手机": [f"{p[:3]}-{p[3:7]}-{p[7:]}" for p in phone.to_numpy()[orders]],
        "消费时间": pd.Timestamp("2024-01-01") + pd.to_timedelta(rng.integers(0, 365, len(orders)), "D"),
        "消费金额": rng.integers(5, 200, len(orders)).astype(float)})
    web = pd.DataFrame({"买家昵称": [f"buyer{k:03d}" for k in range(40)], "收货人": who["latin"],
                        "联系电话": [f"+86 {p[:3]} {p[3:7]} {p[7:]}" for p in phone]})
    return till, web


def test_an_order_log_is_one_record_per_buyer_and_its_big_buyer_links(con, tmp_path):
    till, web = _company()
    till.to_csv(tmp_path / "会员消费明细.csv", index=False)
    web.to_csv(tmp_path / "网店买家.csv", index=False, encoding="gb18030")
    for name in ("会员消费明细", "网店买家"):
        load_file(con, tmp_path / f"{name}.csv")
    result = run(con, ["会员消费明细", "网店买家"], LinkConfig())
    assert result.summary()["records"] == till["会员卡号"].nunique() + len(web)
    key = result.identity.set_index(["table", "record_id"])["customer_key"]
    assert key[("会员消费明细", "VIP100000")] == key[("网店买家", "buyer000")]
    assert result.identity["customer_key"].nunique() == 40


def test_an_order_log_naming_no_buyer_is_one_record_per_order(con):
    """Amazon's All Orders report names no buyer and repeats ``amazon-order-id`` on each of an order's
    lines: each line was a record of its own (355 for 152 orders, judge26); the order is one."""
    from pathlib import Path

    data = Path(__file__).resolve().parents[1] / "data"
    for name in ("amazon_all_orders_excerpt.txt", "woocommerce_orders_excerpt.csv"):
        load_file(con, data / name)
    lines = pd.read_csv(data / "amazon_all_orders_excerpt.txt", sep="\t", dtype=str)
    result = run(con, ["amazon_all_orders_excerpt", "woocommerce_orders_excerpt"], LinkConfig())
    assert result.summary()["fields"][0]["id"] == "amazon-order-id"
    amazon = result.identity[result.identity["table"] == "amazon_all_orders_excerpt"]
    assert sorted(amazon["record_id"]) == sorted(lines["amazon-order-id"].unique())
