"""Each variant the issue names, planted into generated exports of 800 people, links (or, for
namesakes, stays apart): one run, one test per variant."""

from __future__ import annotations

import pandas as pd
import pytest

from crm_core.link import synthetic
from crm_core.link.run import run
from crm_core.workspace import store

WEB = ("customer_id", "full_name", "email", "phone", "city", "birth_date")
TILL = ("会员编号", "姓名", "手机", "城市", "生日")
SUPPORT = ("contact_id", "contact_name", "e_mail", "mobile", "city")

PLANTED = {
    "phone formats": [("web_customers", ("PW1", "Haoran Guo", None, "+86 138 1234 5678", None, None)),
                      ("till_members", ("PM1", "郭浩然", "138-1234-5678", None, None)),
                      ("support_contacts", ("PS1", "GUO Haoran", None, "008613812345678", None))],
    "e-mail case and spaces": [
        ("web_customers", ("PW2", "Yutong Xie", "Yutong.Xie77@QQ.com", None, None, None)),
        ("support_contacts", ("PS2", "XIE Yutong", " YUTONG.XIE77@QQ.COM ", None, None))],
    "hanzi and pinyin with a typo": [
        ("till_members", ("PM3", "张晓明", None, "上海市", "1985-03-02")),
        ("web_customers", ("PW3", "Xiaomnig Zhang", None, None, "Shanghai", "1985-03-02"))],
    "one person signing up twice": [
        ("web_customers", ("PW4", "Ruoxi Tang", "ruoxi.tang@163.com", "+86 139 8765 4321", "Chengdu", None)),
        ("web_customers", ("PW5", "Ruoxi Tang", "tang.rx2@gmail.com", "+86 139 8765 4321", "Chengdu", None))],
    # name keys sort their tokens: a lost first letter, or 曾 romanised the everyday way, reorders them
    "a surname's first letter lost": [
        ("till_members", ("PM6", "刘国庆", "177-8110-2696", "武汉", None)),
        ("support_contacts", ("PS6", "LIU uoqing", None, "+86-177-81102696", None))],
    "a surname read the everyday way": [
        ("till_members", ("PM7", "曾浩然", "135-9241-5832", "重庆", None)),
        ("support_contacts", ("PS7", "CENG Haoran", None, "008613592415832", None))],
    # the desk writes by e-mail, often without a name or with a typo; the till has no e-mail
    "a nameless contact whose e-mail spells the name": [
        ("till_members", ("PM8", "邓丹庆", "177-9521-6393", "重庆", "1988-07-16")),
        ("support_contacts", ("PS8", None, "danqing.deng131@gmail.com", None, None))],
    "a mistyped name its own e-mail spells right": [
        ("till_members", ("PM9", "龚焕宇", "189-2210-4471", "武汉", None)),
        ("support_contacts", ("PS9", "Hsanyu Gong", "huanyu.gong108@163.com", None, None))],
}
CITIES = [("北京", "Beijing"), ("上海", "Shanghai"), ("广州", "Guangzhou"), ("深圳", "Shenzhen"),
          ("杭州", "Hangzhou"), ("成都", "Chengdu")]
NAMESAKES = [("till_members", (f"PZ{i}", "张伟", f"1370000{i:04d}", zh, f"19{70 + i}-0{1 + i}-1{i}"))
             for i, (zh, _) in enumerate(CITIES)] + \
            [("web_customers", (f"PY{i}", "Wei Zhang", f"wei.zhang{i}@qq.com", f"+86 136 0000 {i:04d}", en,
                                None))
             for i, (_, en) in enumerate(CITIES)]


@pytest.fixture(scope="module")
def identity(tmp_path_factory) -> pd.Series:
    """customer_key by (table, record_id) after linking the background with every plant."""
    from crm_core.workspace.store import Workspace

    exports = synthetic.exports(800, seed=3)
    columns = {"web_customers": WEB, "till_members": TILL, "support_contacts": SUPPORT}
    rows = [plant for plants in PLANTED.values() for plant in plants] + NAMESAKES
    with Workspace(tmp_path_factory.mktemp("variants")).connect() as con:
        for name, frame in exports.tables.items():
            extra = pd.DataFrame([values for table, values in rows if table == name],
                                 columns=list(columns[name]))
            store.write_frame(con, name, pd.concat([frame, extra], ignore_index=True))
        ids = run(con, list(exports.tables)).identity
    return ids.set_index(["table", "record_id"])["customer_key"]


@pytest.mark.parametrize("variant", list(PLANTED))
def test_variant_links(identity, variant):
    keys = {identity[(table, values[0])] for table, values in PLANTED[variant]}
    assert len(keys) == 1, variant


def test_namesakes_stay_apart(identity):
    keys = [identity[(table, values[0])] for table, values in NAMESAKES]
    assert len(set(keys)) >= 6  # six people called 张伟 / Wei Zhang, each in another city
    assert not any(identity.value_counts().loc[list(set(keys))] > 4)
