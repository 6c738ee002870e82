"""Customer 360: look-ups (any id, contact or name, masked or not), linked records and order history."""

from __future__ import annotations

import pandas as pd
import pytest

from crm_core.errors import CrmError
from crm_core.link import customer360
from crm_core.workspace import store
from crm_core.workspace.roles import get_roles


def test_orders_show_the_product_name_when_there_is_no_product_id(con):
    store.write_frame(con, "sales", pd.DataFrame({
        "客户编号": ["C1", "C1", "C2"],
        "下单日期": pd.to_datetime(["2024-01-05", "2024-02-01", "2024-01-09"]),
        "商品": ["山地车", "头盔", "公路车"], "金额": [3200.0, 150.0, 5800.0]}))
    rows = customer360.orders(con, ["C1"], "sales")["rows"]
    assert [r["product_id"] for r in rows] == ["山地车", "头盔"]
    assert [r["amount"] for r in rows] == [3200.0, 150.0]


def test_orders_come_straight_from_a_purchase_log_nobody_segmented(con):
    """Customer 360 asked for a Segments run before it showed a purchase log's orders."""
    store.write_frame(con, "订单明细", pd.DataFrame({
        "订单号": ["D1", "D2", "D3"], "会员ID": ["M000096", "M000096", "M002164"],
        "下单时间": pd.to_datetime(["2017-03-05 10:01", "2017-04-02 18:30", "2017-03-09 09:12"]),
        "商品名称": ["牛奶", "面包", "鸡蛋"], "实付金额": [12.5, 8.0, 15.9]}))
    store.write_frame(con, "会员", pd.DataFrame({"会员ID": ["M000096"], "城市": ["杭州"]}))
    found = customer360.view(con, "M000096")
    assert found["orders"]["status"] == "ok" and found["orders"]["table"] == "订单明细"
    assert [r["amount"] for r in found["orders"]["rows"]] == [12.5, 8.0]


def test_a_name_before_any_link_run_says_so_from_the_terminal_too(con):
    """``customer Conte`` before linking printed the query as an id with an empty profile and no
    word on why; the view now says names are only looked up in linked exports."""
    from crm_core.i18n import say

    sales = pd.DataFrame({"customer_id": ["C1"], "date": pd.to_datetime(["2024-01-05"]), "amount": [10.0]})
    store.write_frame(con, "sales", sales)
    found = customer360.view(con, "Conte")
    assert found["profile"] is None
    assert found["note"].startswith("No linked customer is called 'Conte'")
    assert say(found["note"], "zh").startswith("没有名为“Conte”的已识别客户")
    assert customer360.view(con, "C1", "sales")["orders"]["rows"]  # an id still finds its orders


def _linked_exports(ws, capsys, people: int, seed: int):
    """Generated web / till / desk exports written to the workspace and linked by the CLI."""
    from crm_core.cli import main
    from crm_core.link import synthetic

    exports = synthetic.exports(people, seed=seed)
    with ws.connect() as con:
        for name, frame in exports.tables.items():
            store.write_frame(con, name, frame)
    assert main(["link", *exports.tables, "--workspace", str(ws.folder)]) == 0
    capsys.readouterr()
    return exports


def test_any_of_a_customers_emails_or_phones_finds_them(ws, capsys):
    """The profile keeps one best e-mail and phone; a second sign-up's address or another
    record's number, typed in any format, found nobody before."""
    import json

    from crm_core.cli import main
    from crm_core.link import normalise

    exports = _linked_exports(ws, capsys, 400, seed=11)
    with ws.connect() as con:
        unified = con.execute("SELECT customer_key, email, phone FROM customers_unified").df()
        records = pd.concat([frame.rename(columns={frame.columns[0]: "record_id"}).assign(table=name)
                             for name, frame in exports.tables.items()], ignore_index=True)
        records = records.merge(con.execute("SELECT * FROM identity_map").df(), on=["table", "record_id"])
    records = records.merge(unified, on="customer_key", suffixes=("", "_best"))
    other_email = records[records["email"].map(normalise.canonical_email).notna()
                          & (records["email"].map(normalise.canonical_email) != records["email_best"])]
    other_phone = records[records["phone"].map(normalise.canonical_phone).notna()
                          & (records["phone"].map(normalise.canonical_phone) != records["phone_best"])]
    assert len(other_email) and len(other_phone)
    for query, key in ((other_email["email"].iloc[0].upper(), other_email["customer_key"].iloc[0]),
                       ("0086 " + normalise.canonical_phone(other_phone["phone"].iloc[0]),
                        other_phone["customer_key"].iloc[0])):
        assert main(["customer", query, "--workspace", str(ws.folder)]) == 0
        assert json.loads(capsys.readouterr().out.strip().splitlines()[-1])["customer_key"] == key


def test_linked_records_carry_only_their_own_exports_fields(ws, capsys):
    """Records of one person from the web shop, the till and the desk side by side: each shows
    its own export's columns, not the others' as empty values (the terminal's JSON was full of
    nulls)."""
    exports = _linked_exports(ws, capsys, 300, seed=5)
    with ws.connect() as con:
        key = con.execute("SELECT customer_key FROM identity_map GROUP BY 1 "
                          "HAVING count(DISTINCT \"table\") = 3 ORDER BY 1 LIMIT 1").fetchone()[0]
        found = customer360.view(con, key)
    assert {r["table"] for r in found["linked_records"]} == set(exports.tables)
    for record in found["linked_records"]:
        own = set(exports.tables[record["table"]].columns[1:]) | {"table", "record_id"}
        assert set(record) <= own and len(record) > 3


def test_masked_exports_find_a_customer_by_a_phone_typed_in_another_format(ws, capsys, tmp_path):
    """The page masks personal data at upload by default: the exports then hold tokens, and a
    phone or e-mail typed on Customer 360 found nobody (an English refusal on the Chinese page)."""
    import json

    from crm_core.cli import main
    from crm_core.i18n import say
    from crm_core.link import synthetic

    exports = synthetic.exports(300, seed=5)
    folder = str(ws.folder)
    for name, frame in exports.tables.items():
        frame.to_csv(tmp_path / f"{name}.csv", index=False)
        assert main(["load", str(tmp_path / f"{name}.csv"), "--mask-pii", "--workspace", folder]) == 0
    assert main(["link", *exports.tables, "--workspace", folder]) == 0
    capsys.readouterr()
    web = exports.tables["web_customers"]
    person = web[web["phone"].notna() & web["email"].notna()].iloc[0]
    digits = "".join(ch for ch in person["phone"] if ch.isdigit())[-11:]
    typed = [f"{digits[:3]}-{digits[3:7]}-{digits[7:]}", f" {person['email'].upper()} "]
    for query in typed:
        assert main(["customer", query, "--workspace", folder]) == 0
        found = json.loads(capsys.readouterr().out)
        assert person["customer_id"] in found["ids"]
    with ws.connect() as con, pytest.raises(CrmError) as refused:
        customer360.view(con, "nobody@example.com")
    assert say(refused.value.args[0], "zh").startswith("没有与“nobody@example.com”匹配的客户")


def test_an_empty_cell_of_a_linked_record_is_left_out_not_written_none(ws, capsys):
    """QA4 walk: an export's empty cell reached the page and the CSV as the word "None"."""
    exports = _linked_exports(ws, capsys, 300, seed=5)
    name, frame = next((n, f) for n, f in exports.tables.items() if f.iloc[:, 1:].isna().any().any())
    row = frame[frame.iloc[:, 1:].isna().any(axis=1)].iloc[0]
    rid, empty = str(row.iloc[0]), [c for c in frame.columns[1:] if pd.isna(row[c])]
    with ws.connect() as con:
        key = con.execute("SELECT customer_key FROM identity_map WHERE \"table\" = ? AND record_id = ?",
                          [name, rid]).fetchone()[0]
        found = customer360.view(con, key)
    record = next(r for r in found["linked_records"] if r["table"] == name and r["record_id"] == rid)
    assert not set(empty) & set(record)
    assert "None" not in record.values() and "nan" not in record.values()


def test_a_customer_id_of_a_log_no_link_run_covered_still_has_its_page(ws, capsys):
    """After linking the channel exports, an id of a purchase log that was not among them was
    refused ("no customer matches"); its orders are shown, with a word on why no profile."""
    from crm_core.i18n import say

    _linked_exports(ws, capsys, 60, seed=3)
    with ws.connect() as con:
        store.write_frame(con, "pos_sales", pd.DataFrame({
            "customer_id": ["POS-77", "POS-77", "POS-78"],
            "date": pd.to_datetime(["2024-03-01", "2024-04-02", "2024-03-05"]),
            "amount": [12.5, 30.0, 8.0]}))
        found = customer360.view(con, "POS-77", "pos_sales")
        assert found["profile"] is None and found["customer_key"] is None
        assert [r["amount"] for r in found["orders"]["rows"]] == [12.5, 30.0]
        assert "not among the linked customers" in say(found["note"], "en")
        assert say(found["note"], "zh").startswith("“POS-77”不在已识别的客户中")
        with pytest.raises(CrmError):
            customer360.view(con, "POS-99", "pos_sales")


def test_a_look_up_names_its_lines_from_their_products_only(sample_ws, monkeypatch):
    """Walk (Complete Journey's 92,331 products): each look-up read the whole catalogue to name a
    few dozen lines (0.18 s CPU of the look-up); now only the products of the customer's lines,
    named as before."""
    from crm_core.recommend import data as rec_data

    read: list[int] = []
    whole = rec_data.catalogue

    def counted(con, table, chosen=(), **kwargs):
        frame = whole(con, table, chosen, **kwargs)
        read.append(len(frame))
        return frame

    monkeypatch.setattr(rec_data, "catalogue", counted)
    with sample_ws.connect() as con:
        column = get_roles(con, "orders")["customer_id"]
        customer = con.execute(f'SELECT "{column}" FROM orders WHERE "{column}" IS NOT NULL GROUP BY 1 '
                               "ORDER BY count(*) DESC LIMIT 1").fetchone()[0]
        found = customer360.view(con, customer, "orders")
        catalogue = whole(con, "products").set_index("product_id")["name"]
    lines = pd.DataFrame(found["orders"]["rows"])
    bought = lines["product_id"].astype(str)
    assert read and read[-1] == bought.nunique() < len(catalogue)
    assert lines["name"].tolist() == bought.map(catalogue).tolist()


def test_each_block_comes_from_the_newest_run_that_holds_the_customer(sample_ws):
    """QA3 walk: after a segmentation of another table the ``segments`` view pointed at it, and a
    CDNOW customer read "nothing" where the earlier run had segmented them; now the newest run of
    the kind that holds them, named with its table and the newer runs that do not."""
    from crm_core.segment import run as segment_run
    from crm_core.workspace import runs

    with sample_ws.connect() as con:
        column = get_roles(con, "orders")["customer_id"]
        con.execute(f'CREATE TABLE web_orders AS SELECT * REPLACE (\'W\' || "{column}" AS "{column}") '
                    "FROM orders")
        first = runs.save(con, segment_run.run(con, "orders", segment_run.SegmentConfig(k=3)))
        runs.save(con, segment_run.run(con, "web_orders", segment_run.SegmentConfig(k=3)))
        customer = con.execute(f'SELECT "{column}" FROM orders WHERE "{column}" IS NOT NULL '
                               "LIMIT 1").fetchone()[0]
        found = customer360.view(con, str(customer), "orders")
        again = customer360.view(con, "W" + str(customer), "web_orders")
        nobody = customer360.block_frame(con, "segments", ["no-such-id"], "segment", runs.list_runs(con))
    segments = found["segments"]
    assert [r["customer_id"] for r in segments["rows"]] == [str(customer)]
    assert segments["source"]["run_id"] == first.run_id and segments["source"]["table"] == "orders"
    assert segments["source"]["newer_on"] == ["web_orders"]
    assert again["segments"]["source"]["table"] == "web_orders"
    assert again["segments"]["source"]["newer_on"] == []
    assert found["churn_scores"]["status"] == "not computed yet"
    assert nobody["rows"] == [] and nobody["runs_on"] == ["web_orders", "orders"]  # said on the page


def test_a_linked_records_days_read_as_dates(ws, capsys):
    """pres3 left: a web export's sign-up day read ``2023-04-02 00:00:00`` among the linked records."""
    from crm_core.cli import main
    from crm_core.link import synthetic

    exports = synthetic.exports(60, seed=3)
    web = exports.tables["web_customers"].assign(signup_date=pd.Timestamp("2023-04-02"))
    with ws.connect() as con:
        store.write_frame(con, "web_customers", web)
        store.write_frame(con, "till_members", exports.tables["till_members"])
    assert main(["link", "web_customers", "till_members", "--workspace", str(ws.folder)]) == 0
    capsys.readouterr()
    with ws.connect() as con:
        found = customer360.view(con, str(web["customer_id"].iloc[0]))
    record = next(r for r in found["linked_records"] if r["table"] == "web_customers")
    assert record["signup_date"] == "2023-04-02"


ORDER_EXPORT = ("订单编号,下单时间,买家昵称,会员手机号,实付金额\n"
                "3617000000000000001,2023-01-02 10:00:00,晴天1711,13812345678,59.00\n"
                "3617000000000000002,2023-01-03 11:00:00,木子9383,13987654321,88.50\n"
                "3617000000000000003,2023-02-07 20:15:00,木子9383,13987654321,120.00\n"
                "3617000000000000004,2023-02-09 09:30:00,晴天1711,13812345678,35.00\n")


def test_a_buyers_nickname_or_phone_finds_their_orders_before_any_link_run(ws, capsys, tmp_path):
    """Walk18: 木子9383, a 买家昵称 of a loaded 订单导出, found nothing until a link run was made;
    the 360 now finds any name, phone, e-mail or id in the loaded tables and says linking is to do."""
    import json

    from crm_core.cli import main

    path = tmp_path / "订单导出.csv"
    path.write_bytes(ORDER_EXPORT.encode("gb18030"))
    folder = str(ws.folder)
    assert main(["load", str(path), "--workspace", folder]) == 0
    capsys.readouterr()
    for query, lang in (("木子9383", "zh"), ("139-8765-4321", "en")):
        assert main(["customer", query, "--lang", lang, "--workspace", folder]) == 0
        found = json.loads(capsys.readouterr().out.strip().splitlines()[-1])
        assert [r["amount"] for r in found["orders"]["rows"]] == [88.5, 120.0], query
        assert {r["table"] for r in found["linked_records"]} == {"订单导出"}
        assert len(found["linked_records"]) == 2
    # one export loaded: nothing to link it with, so no way to Link customers is offered (walk40)
    assert "订单导出" in found["note"] and "the only export loaded" in found["note"]
    assert main(["customer", "木子9383", "--lang", "zh", "--workspace", folder]) == 0
    note = json.loads(capsys.readouterr().out.strip().splitlines()[-1])["note"]
    assert "订单导出" in note and "只有这一份导出文件" in note


def test_a_value_many_buyers_share_reaches_no_ones_orders_before_linking(ws, capsys, tmp_path):
    """A city (上海) is in every buyer's rows: found before linking, those rows name two customers,
    whose orders must not be shown as one customer's history."""
    import json

    from crm_core.cli import main

    lines = ORDER_EXPORT.strip().splitlines()
    path = tmp_path / "订单导出.csv"
    path.write_bytes(("\n".join([lines[0] + ",收货城市", *(row + ",上海" for row in lines[1:])]) + "\n")
                     .encode("gb18030"))
    assert main(["load", str(path), "--workspace", str(ws.folder)]) == 0
    capsys.readouterr()
    assert main(["customer", "上海", "--workspace", str(ws.folder)]) == 0
    found = json.loads(capsys.readouterr().out.strip().splitlines()[-1])
    assert len(found["linked_records"]) == 4  # the rows holding it are shown
    assert found["orders"]["rows"] == []  # but they are no one customer's orders


def test_an_email_kept_in_capitals_is_found_before_linking(ws, capsys, tmp_path):
    """An export keeps the e-mail as the customer typed it (``Mary.Smith@Shop.com``); the 360 typed in
    lower case found nothing in it before linking."""
    import json

    from crm_core.cli import main

    path = tmp_path / "orders.csv"
    path.write_text("order_id,date,email,amount\nA1,2024-01-02,Mary.Smith@Shop.com,10.5\n"
                    "A2,2024-02-03,Mary.Smith@Shop.com,20\nA3,2024-02-05,tom@shop.com,7\n", encoding="utf-8")
    assert main(["load", str(path), "--workspace", str(ws.folder)]) == 0
    capsys.readouterr()
    assert main(["customer", "mary.smith@shop.com", "--workspace", str(ws.folder)]) == 0
    found = json.loads(capsys.readouterr().out.strip().splitlines()[-1])
    assert len(found["linked_records"]) == 2


PHONES_EXPORT = ("订单编号,下单时间,买家昵称,会员手机号,实付金额\n"
                 "3617000000000000001,2023-01-02 10:00:00,晴天1711,+86 138 1234 5678,59.00\n"
                 "3617000000000000002,2023-01-03 11:00:00,木子9383,+86 139 1234 5678,88.50\n"
                 "3617000000000000003,2023-02-07 20:15:00,木子9383,139-1234-5678,120.00\n"
                 "3617000000000000004,2023-02-09 09:30:00,晴天1711,+86 138 1234 5678,35.00\n"
                 "3617000000000000005,2023-03-01 08:00:00,木子9383,+86 139 1234 5678,16.00\n"
                 "3617000000000000006,2023-03-02 08:00:00,王**,W0000184,9.90\n")


@pytest.mark.parametrize("query", ["13912345678", "139 1234 5678", "(+86) 139-1234-5678"])
def test_a_phone_in_another_format_finds_its_rows_before_linking(ws, capsys, tmp_path, query):
    """An export keeps the buyer's phone as typed (``+86 139 1234 5678``, ``139-1234-5678``); the 360
    before linking compared the cells as typed, so 13912345678 found nothing. Cells are read as phones
    the way the linker reads them; the two spellings are one buyer, so all three orders are theirs."""
    import json

    from crm_core.cli import main

    path = tmp_path / "订单导出.csv"
    path.write_bytes(PHONES_EXPORT.encode("gb18030"))
    assert main(["load", str(path), "--workspace", str(ws.folder)]) == 0
    capsys.readouterr()
    assert main(["customer", query, "--workspace", str(ws.folder)]) == 0
    found = json.loads(capsys.readouterr().out.strip().splitlines()[-1])
    assert {r["会员手机号"] for r in found["linked_records"]} == {"+86 139 1234 5678", "139-1234-5678"}
    assert [r["amount"] for r in found["orders"]["rows"]] == [88.5, 120.0, 16.0]


def test_a_code_is_not_read_as_a_phone_before_linking(ws, capsys, tmp_path):
    """Digits inside an id (``W0000184``) are no phone: typed ``0000184`` or ``T0000184`` finds no row."""
    import json

    from crm_core.cli import main

    path = tmp_path / "订单导出.csv"
    path.write_bytes(PHONES_EXPORT.encode("gb18030"))
    assert main(["load", str(path), "--workspace", str(ws.folder)]) == 0
    capsys.readouterr()
    for query in ("0000184", "T0000184"):
        assert main(["customer", query, "--workspace", str(ws.folder)]) == 0
        assert json.loads(capsys.readouterr().out.strip().splitlines()[-1])["linked_records"] == [], query


def test_the_tables_that_hold_a_buyer_are_listed_with_a_chinese_comma(ws, capsys, tmp_path):
    """Before linking, the note names every loaded table that holds the query; in Chinese the list was
    joined with ", " (订单导出, 会员资料) instead of "、"."""
    import json

    from crm_core.cli import main

    orders, members = tmp_path / "订单导出.csv", tmp_path / "会员资料.csv"
    orders.write_bytes(ORDER_EXPORT.encode("gb18030"))
    members.write_bytes("会员卡号,姓名,手机\nV001,李木子,13987654321\n".encode("gb18030"))
    for path in (orders, members):
        assert main(["load", str(path), "--workspace", str(ws.folder)]) == 0
    capsys.readouterr()
    said = {}
    for lang in ("zh", "en"):
        assert main(["customer", "13987654321", "--lang", lang, "--workspace", str(ws.folder)]) == 0
        said[lang] = json.loads(capsys.readouterr().out.strip().splitlines()[-1])["note"]
    assert "会员资料、订单导出" in said["zh"] or "订单导出、会员资料" in said["zh"], said["zh"]
    assert ", " not in said["zh"].split("找到了")[0]
    assert "会员资料, 订单导出" in said["en"] or "订单导出, 会员资料" in said["en"], said["en"]


def test_a_shared_mailbox_names_its_other_customers_as_sharing_it_not_as_matches(ws, capsys):
    """After linking HubSpot's contacts with Zendesk's tickets, a mailbox two contacts write from
    (``jwilliams@…``: James and Jessica Williams) found James and listed Jessica as "also matching",
    as if she might be him. The link kept them apart for sharing it: the look-up now says the mailbox
    is shared and by whom, and lists no other customer as a match."""
    import json
    from pathlib import Path

    from crm_core.cli import main
    from crm_core.load.reader import load_file

    data = Path(__file__).parents[1] / "data"
    contacts = pd.read_csv(data / "hubspot_contacts_excerpt.csv", dtype=str)
    box = contacts.loc[contacts["Email"].duplicated(), "Email"].iloc[0]
    with ws.connect() as con:
        for name in ("hubspot_contacts_excerpt.csv", "zendesk_tickets_excerpt.csv"):
            load_file(con, data / name)
    tables = ["hubspot_contacts_excerpt", "zendesk_tickets_excerpt"]
    assert main(["link", *tables, "--workspace", str(ws.folder)]) == 0
    capsys.readouterr()
    assert main(["customer", box.upper(), "--workspace", str(ws.folder)]) == 0
    found = json.loads(capsys.readouterr().out.strip().splitlines()[-1])
    assert found["also_matching"] == []
    assert found["shared_mailbox"]["email"] == box.lower()
    sharing = set(found["shared_mailbox"]["customers"]) | {found["customer_key"]}
    with ws.connect() as con:
        held = con.execute(
            "SELECT DISTINCT m.customer_key FROM identity_map m JOIN hubspot_contacts_excerpt c "
            "ON m.\"table\" = 'hubspot_contacts_excerpt' AND m.record_id = CAST(c.\"Record ID\" AS VARCHAR) "
            "WHERE lower(c.\"Email\") = ?", [box.lower()]).fetchall()
    assert {k for (k,) in held} <= sharing and len(sharing) >= 2
