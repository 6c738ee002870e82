"""``link --rekey``: a log's customer id is looked up in the export it belongs to, not in any export
that happens to use the same number."""

from __future__ import annotations

import pandas as pd

from crm_core.link import synthetic
from crm_core.link.rekey import rekey
from crm_core.link.run import LinkConfig, run
from crm_core.load.reader import load_file


def test_a_till_log_takes_the_till_members_customer_not_the_web_buyer_of_the_same_number(con, tmp_path):
    """The web shop numbers its buyers 1001… and the till its cards 1001…, different people (the
    web's 1001 is person 0, the till's person 20): a till purchase on card 1001 belongs to the
    till member's customer. The copy took whichever key sorted first among both exports' 1001."""
    who = synthetic.people(60, seed=7, chinese_share=1.0)
    phone = who["phone"].astype(str)
    web = pd.DataFrame({"customer_id": [str(1001 + k) for k in range(40)], "收货人": who["latin"][:40],
                        "联系电话": [f"+86 {p[:3]} {p[3:7]} {p[7:]}" for p in phone[:40]]})
    members = pd.DataFrame({"会员卡号": [str(1001 + k) for k in range(40)],
                            "姓名": who["han"][20:].to_numpy(),
                            "手机": phone[20:].to_numpy()})
    log = pd.DataFrame({"会员卡号": [str(1001 + k % 40) for k in range(120)],
                        "消费时间": pd.date_range("2024-01-01", periods=120, freq="D").strftime("%Y-%m-%d"),
                        "消费金额": [float(10 + k % 70) for k in range(120)]})
    for name, frame in {"网店买家": web, "会员资料": members, "会员消费明细": log}.items():
        frame.to_csv(tmp_path / f"{name}.csv", index=False)
        load_file(con, tmp_path / f"{name}.csv")
    result = run(con, ["网店买家", "会员资料"], LinkConfig())
    rekey(con, "会员消费明细", result)
    ids = result.identity
    member_key = ids[ids["table"] == "会员资料"].set_index("record_id")["customer_key"]
    keyed = con.execute("SELECT CAST(会员卡号 AS VARCHAR), customer_key FROM 会员消费明细_by_customer").df()
    assert keyed["customer_key"].tolist() == keyed.iloc[:, 0].map(member_key).tolist()
