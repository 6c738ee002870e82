"""Marketplace exports mask the buyer's phone (抖音小店 ``收件人手机号`` and 拼多多 ``手机`` as
``138****5678``, the recipient as ``王**``): seven digits are shown, so two buyers can share one mask,
and a mask says nothing about who holds the full number elsewhere (judge20)."""

from __future__ import annotations

import pandas as pd

from crm_core.link.normalise import canonical_phone
from crm_core.link.run import LinkConfig, run
from crm_core.load.reader import load_file


def test_a_masked_phone_is_no_phone_to_compare():
    assert canonical_phone("138****5678") is None
    assert canonical_phone("138 **** 5678") is None
    assert canonical_phone("+86 138 1234 5678") == "13812345678"


def test_two_buyers_behind_one_mask_are_not_linked_as_one_person(con, tmp_path):
    """Two 抖音小店 orders and a 拼多多 order, of two different buyers whose numbers end alike
    (13812345678, 13899995678) and share a surname: the masks and the masked names agree, but
    nothing says they are one person, nor the 淘宝 buyer whose full number is 13812345678."""
    pd.DataFrame({"主订单编号": ["4915286140912318001", "4915286140912319001"],
                  "子订单编号": ["4915286140912318002", "4915286140912319002"],
                  "收件人": ["王**", "王**"], "收件人手机号": ["138****5678", "138****5678"],
                  "省": ["浙江省", "浙江省"], "订单应付金额": [35.0, 17.5],
                  "订单提交时间": ["2017-03-01 10:02:11", "2017-03-09 21:40:05"]}).to_excel(
        tmp_path / "抖音小店订单.xlsx", index=False)
    pd.DataFrame({"订单号": ["170301-451390241511478"], "收货人": ["王**"], "手机": ["138****5678"],
                  "用户实付金额(元)": [18.13], "订单成交时间": ["2017-03-01 16:51:00"]}).to_csv(
        tmp_path / "拼多多订单.csv", index=False)
    pd.DataFrame({"买家会员名": ["tb7096902_211"], "收货人姓名": ["王芳"], "联系手机": ["'13812345678"],
                  "订单创建时间": ["2017-01-02 03:34:44"], "买家实际支付金额": [104.79]}).to_csv(
        tmp_path / "淘宝订单报表.csv", index=False, encoding="gb18030")
    for name in ("抖音小店订单.xlsx", "拼多多订单.csv", "淘宝订单报表.csv"):
        load_file(con, tmp_path / name)
    result = run(con, ["抖音小店订单", "拼多多订单", "淘宝订单报表"], LinkConfig())
    assert result.summary()["pairs_linked"] == 0
    assert result.identity["customer_key"].nunique() == 4


def test_a_relay_number_is_no_ones_phone(con, tmp_path):
    """美团's ``顾客电话`` is a relay (隐私号 ``17023063797转2035``): the platform lends it to one order
    and then to another buyer. Two orders of two buyers (other tail digits, other streets) that drew
    one relay are not linked on it, and the run says why their phone was not compared."""
    from dataclasses import replace
    from pathlib import Path

    orders = pd.read_excel(Path(__file__).parents[1] / "data" / "meituan_orders_excerpt_zh.xlsx", dtype=str)
    orders.loc[1, "顾客电话"] = orders.loc[0, "顾客电话"]  # the pool lends the number again
    orders.loc[1, ["手机尾号", "收货地址"]] = ["4471", "闵行区莘庄路***号"]
    orders.to_excel(tmp_path / "美团外卖订单.xlsx", index=False)
    load_file(con, tmp_path / "美团外卖订单.xlsx")
    result = run(con, ["美团外卖订单"], LinkConfig())
    assert result.summary()["pairs_linked"] == 0
    assert result.scored.records["phone_n"].isna().all()
    notes = {lang: " ".join(replace(result, lang=lang).relay_phones()) for lang in ("en", "zh")}
    assert "relay numbers" in notes["en"] and "顾客电话" in notes["en"]
    assert "隐私号" in notes["zh"] and "顾客电话" in notes["zh"]


def _masks_in_each_customer(result, frames: dict[str, pd.DataFrame]) -> pd.Series:
    """Per customer key, how many different masked phones its records show."""
    ident = result.identity
    rows = []
    for table, (frame, id_col, phone_col) in frames.items():
        mask = frame.drop_duplicates(id_col).set_index(id_col)[phone_col]
        mine = ident[ident["table"] == table]
        rows.append(pd.DataFrame({"key": mine["customer_key"].to_numpy(),
                                  "mask": mask.reindex(mine["record_id"]).to_numpy()}))
    return pd.concat(rows).groupby("key")["mask"].nunique()


def test_a_common_name_with_other_masked_phones_merges_no_one(con):
    """京东 and 拼多多 exports of one shop (judge25): the phone is masked (``139****7664``) and
    never compared, so two accounts named 王伟 — ten of them in the 京东 excerpt, each with its own
    mask — were one customer on the name alone (3,928 accounts → 3,742 keys on the full files).
    Masks whose visible digits differ are two numbers: two people. A receiver's orders under one
    name and one mask stay one customer as before (a first version that let EM learn the differing
    masks split four more receivers)."""
    from pathlib import Path

    data = Path(__file__).parents[1] / "data"
    jd = pd.read_csv(data / "jd_orders_excerpt_zh.csv", encoding="gb18030", dtype=str)
    pdd = pd.read_csv(data / "pdd_orders_excerpt_zh.csv", dtype=str)
    for name in ("jd_orders_excerpt_zh.csv", "pdd_orders_excerpt_zh.csv"):
        load_file(con, data / name)
    result = run(con, ["jd_orders_excerpt_zh", "pdd_orders_excerpt_zh"], LinkConfig())
    jd["下单帐号"] = jd["下单帐号"].str.strip()
    masks = _masks_in_each_customer(result, {"jd_orders_excerpt_zh": (jd, "下单帐号", "联系电话"),
                                             "pdd_orders_excerpt_zh": (pdd, "订单号", "手机")})
    assert (masks <= 1).all(), masks[masks > 1].head()
    ident = result.identity[result.identity["table"] == "pdd_orders_excerpt_zh"]
    key = ident.set_index("record_id")["customer_key"]
    receivers = pdd.assign(key=key.reindex(pdd["订单号"]).to_numpy()).groupby(["收货人", "手机"])["key"]
    assert (receivers.nunique() == 1).mean() >= 0.98  # 230 of 232 (two scored 0.16 and 0.24 on main)


def _youzan_members_sharing_a_mask(tmp_path, mask: str) -> str:
    """有赞零售's 门店销售明细 excerpt (judge58) with two members' phones shown alike, written ``mask``:
    a till masks the middle four, so two members can show the same seven digits."""
    from pathlib import Path

    sales = pd.read_csv(Path(__file__).parents[1] / "data" / "youzan_retail_sales_excerpt_zh.csv", dtype=str)
    first, second = sales["会员卡号"].drop_duplicates().iloc[:2]
    sales.loc[sales["会员卡号"].isin([first, second]), "会员手机号"] = mask
    sales.to_csv(tmp_path / "有赞零售.csv", index=False, encoding="utf-8-sig")
    return "有赞零售"


def test_a_phone_masked_with_x_or_full_width_stars_is_no_evidence_of_one_person(con, tmp_path):
    """``187xxxx1499`` and ``187＊＊＊＊1499`` hide the middle four as ``187****1499`` does: two members
    of 有赞零售 showing those digits are no pair to weigh (the x-run was read as the number 1871499)."""
    assert canonical_phone("187xxxx1499") is None and canonical_phone("187＊＊＊＊1499") is None
    assert canonical_phone("17023063797x2035") == "170230637972035"  # one x: an extension, not a mask
    for i, mask in enumerate(("187xxxx1499", "187XXXX1499", "187＊＊＊＊1499")):
        (tmp_path / str(i)).mkdir()
        table = _youzan_members_sharing_a_mask(tmp_path / str(i), mask)
        load_file(con, tmp_path / str(i) / f"{table}.csv", table=f"yz{i}")
        result = run(con, [f"yz{i}"], LinkConfig())
        assert result.summary()["candidate_pairs"] == 0, mask  # the x-run read as 1871499 paired them
        assert result.scored.records["phone_n"].isna().all(), mask


def test_the_run_says_a_masked_phone_column_was_not_compared(con):
    """唯品会's 手机号 and 有赞零售's 会员手机号 are masked by the shop system (``138****5064``), not by
    the workspace: the run names each column and says why it is no evidence, in both languages."""
    from dataclasses import replace
    from pathlib import Path

    data = Path(__file__).parents[1] / "data"
    for name in ("vipshop_orders_excerpt_zh.csv", "youzan_retail_sales_excerpt_zh.csv"):
        load_file(con, data / name)
    result = run(con, ["vipshop_orders_excerpt_zh", "youzan_retail_sales_excerpt_zh"], LinkConfig())
    notes = {lang: replace(result, lang=lang).summary()["masked_phones"] for lang in ("en", "zh")}
    assert len(notes["en"]) == 2 and len(notes["zh"]) == 2
    assert "手机号" in notes["en"][0] and "会员手机号" in notes["en"][1]
    assert all("masked" in n and "not compared" in n for n in notes["en"])
    assert all("打码" in n and "没有参与比对" in n for n in notes["zh"])
