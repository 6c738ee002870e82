"""An id two people share (a family's loyalty card, two households' web nickname) is split by its
phones and names, in the link and in its ``--rekey`` copy; an id of one person — a changed phone, a
blank, a typo'd name — stays one."""

from __future__ import annotations

import pandas as pd

from crm_core.link import synthetic
from crm_core.link.rekey import rekey
from crm_core.link.run import LinkConfig, run
from crm_core.load.reader import load_file


def _card(k: int) -> str:
    return f"VIP{100000 + k}"


def _dashed(phone: object) -> str:
    text = str(phone)
    return f"{text[:3]}-{text[3:7]}-{text[7:]}"


def _till_and_web() -> tuple[pd.DataFrame, pd.DataFrame, list[int]]:
    """A till's purchase log (会员卡号, 姓名, 手机 138-1234-5678; three purchases per member) and a
    web shop's buyers (买家昵称, 收货人 in pinyin, 联系电话 +86 …) of 40 people, and four of them
    (a, b, c, d) with unique names: b buys on a's card, c changed phones (two purchases on a new
    number), d has one purchase without a phone and one under a mistyped name."""
    who = synthetic.people(40, seed=5, chinese_share=1.0)
    unique = [k for k, n in enumerate(who["han"]) if (who["han"] == n).sum() == 1]
    a, b, c, d = unique[:4]
    rows = []
    for k, (han, phone) in enumerate(zip(who["han"], who["phone"], strict=True)):
        rows += [{"会员卡号": _card(a if k == b else k), "姓名": han, "手机": _dashed(phone)}] * 3
    rows += [{"会员卡号": _card(c), "姓名": who["han"][c], "手机": "139-0000-4521"}] * 2
    rows += [{"会员卡号": _card(d), "姓名": who["han"][d], "手机": None},
             {"会员卡号": _card(d), "姓名": who["han"][d][:-1] + "蒙", "手机": _dashed(who["phone"][d])}]
    till = pd.DataFrame(rows).assign(消费金额=[float(5 + i % 90) for i in range(len(rows))])
    web = pd.DataFrame({"买家昵称": [f"buyer{k:03d}" for k in range(40)], "收货人": who["latin"],
                        "联系电话": [f"+86 {p[:3]} {p[3:7]} {p[7:]}" for p in who["phone"].astype(str)]})
    return till, web, [a, b, c, d]


def test_a_card_two_people_share_is_split_and_one_persons_card_stays_whole(con, tmp_path):
    till, web, (a, b, c, d) = _till_and_web()
    till.to_csv(tmp_path / "会员消费明细.csv", index=False)
    web.to_csv(tmp_path / "网店买家.csv", index=False, encoding="gb18030")
    for name in ("会员消费明细", "网店买家"):
        load_file(con, tmp_path / f"{name}.csv")
    result = run(con, ["会员消费明细", "网店买家"], LinkConfig())
    ids = result.identity

    def keys(table: str, record_id: str) -> set[str]:
        return set(ids.loc[(ids["table"] == table) & (ids["record_id"] == record_id), "customer_key"])

    web_key = {k: keys("网店买家", f"buyer{k:03d}").pop() for k in (a, b, c, d)}
    assert web_key[a] != web_key[b]  # the shared card no longer makes one customer of two
    assert keys("会员消费明细", _card(a)) == {web_key[a], web_key[b]}
    split = result.summary()["ids_split_into_people"]
    assert split == [{"table": "会员消费明细", "id": _card(a), "people": 2}]
    assert keys("会员消费明细", _card(c)) == {web_key[c]}  # old phone and new: one member
    assert keys("会员消费明细", _card(d)) == {web_key[d]}  # a blank phone, a typo: one member
    rekey(con, "会员消费明细", result)  # each purchase on the shared card goes to its buyer
    copy = con.execute("SELECT 姓名, customer_key FROM 会员消费明细_by_customer WHERE 会员卡号 IN (?, ?)",
                       [_card(a), _card(c)]).df()
    assert copy.groupby("姓名")["customer_key"].nunique().eq(1).all()
    assert set(copy["customer_key"]) == {web_key[a], web_key[b], web_key[c]}
