"""PII detection (precision / recall on known PII and look-alikes) and masking at load."""

from __future__ import annotations

import csv
import os
import random
import stat

import pandas as pd
import pytest

from crm_core.cli import main
from crm_core.errors import CrmError
from crm_core.i18n import say
from crm_core.load.reader import load_file
from crm_core.load.scan import found_said, scan_file
from crm_core.protect import privacy
from crm_core.workspace.roles import detect_roles

FIRST = ["James", "Olivia", "Harry", "Amelia", "Wei", "Li", "Noah", "Isla", "George", "Ava"]
LAST = ["Smith", "Jones", "Chen", "Wang", "Taylor", "Brown", "O'Neil", "Evans", "Zhang", "Walker"]
CN_NAMES = ["张伟", "王芳", "李娜", "刘洋", "陈静", "欧阳娜娜"]
STREETS = ["High Street", "Station Road", "Church Lane", "Victoria Avenue", "Park Drive"]
CN_STREETS = ["北京市朝阳区建国路{n}号", "上海市徐汇区漕溪北路{n}弄3号", "广州市天河区体育西路{n}号"]


def cn_id(rng: random.Random) -> str:
    body = f"{rng.choice(['110105', '310104', '440106'])}{rng.randint(1950, 2005)}" \
           f"{rng.randint(1, 12):02d}{rng.randint(1, 28):02d}{rng.randint(0, 999):03d}"
    total = sum(int(d) * w for d, w in zip(body, privacy._CN_ID_WEIGHTS, strict=True))
    return body + privacy._CN_ID_CHECK[total % 11]


def luhn_complete(prefix: str) -> str:
    for check in "0123456789":
        if privacy.luhn_ok(prefix + check):
            return prefix + check
    raise AssertionError


def ean13(rng: random.Random) -> str:
    body = "50" + "".join(rng.choice("0123456789") for _ in range(10))
    total = sum(int(d) * (3 if i % 2 else 1) for i, d in enumerate(body))
    return body + str((10 - total % 10) % 10)


def known_table(n: int = 300, seed: int = 7) -> tuple[pd.DataFrame, dict[str, str | None]]:
    """Columns with known PII kinds, and look-alikes that must stay unflagged."""
    rng = random.Random(seed)
    rows = []
    for i in range(n):
        first, last = rng.choice(FIRST), rng.choice(LAST)
        rows.append({
            "email": f"{first.lower()}.{last.lower().replace(chr(39), '')}{i}@example.com",
            "mobile": f"1{rng.choice('3456789')}{rng.randint(0, 999_999_999):09d}",
            "phone_uk": f"+44 20 7{rng.randint(0, 999):03d} {rng.randint(0, 9999):04d}",
            "id_number": cn_id(rng),
            "card": luhn_complete("4" + "".join(rng.choice("0123456789") for _ in range(14))),
            "full_name": f"{first} {last}" if i % 3 else rng.choice(CN_NAMES),
            "shipping_address": f"{rng.randint(1, 300)} {rng.choice(STREETS)}, London"
            if i % 2 else rng.choice(CN_STREETS).format(n=rng.randint(1, 200)),
            "notes": f"{rng.randint(1, 300)} {rng.choice(STREETS)}" if i % 2 else "call back at 5",
            # look-alikes
            "order_no": str(5_000_000 + i),
            "long_order_no": str(2024010100000001 + i * 7),
            "tracking": "".join(rng.choice("0123456789") for _ in range(18)),
            "barcode": ean13(rng),
            "product_code": f"P{i % 300 + 1:04d}",
            "sku": f"SKU-{rng.randint(100, 999)}-{rng.randint(1000, 9999)}",
            "order_date": f"2024-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
            "order_time": f"2024/{rng.randint(1, 12):02d}/{rng.randint(1, 28):02d} 10:{i % 60:02d}",
            "compact_date": f"2024{rng.randint(1, 12):02d}{rng.randint(1, 28):02d}",
            "amount": f"{rng.uniform(1, 500):.2f}",
            "invoice": f"C{500000 + i}",
            "shop_order": f"SH01{20240105 + i % 20}{i:04d}",
            "city": rng.choice(["London", "Beijing", "Leeds", "上海"]),
            "product_name": rng.choice(["Kenya AA Ground Coffee 250g", "Blue Ceramic Mug",
                                        "云南普洱茶 357克 熟茶饼", "Chilli Lime Pretzels"]),
        })
    expected = {c: None for c in rows[0]}
    expected.update(email="email", mobile="phone", phone_uk="phone", id_number="national_id",
                    card="bank_card", full_name="name", shipping_address="address")
    return pd.DataFrame(rows), expected


def _load_frame(con, tmp_path, frame: pd.DataFrame, name: str, **kwargs):
    path = tmp_path / f"{name}.csv"
    frame.to_csv(path, index=False, quoting=csv.QUOTE_MINIMAL)
    return load_file(con, path, name, **kwargs)


def test_detection_precision_and_recall(con, tmp_path):
    frame, expected = known_table()
    _load_frame(con, tmp_path, frame, "people")
    found = privacy.detect_pii(con, "people")
    flagged = {c for c, k in found.items() if k}
    truth = {c for c, k in expected.items() if k}
    precision = len(flagged & truth) / len(flagged)
    recall = len(flagged & truth) / len(truth)
    assert (precision, recall) == (1.0, 1.0), found
    assert {c: found[c] for c in truth} == {c: expected[c] for c in truth}


def test_notes_with_some_addresses_are_not_flagged_without_a_header_hint():
    values = ["12 High Street", "", "call back", "ok", "5 Park Drive"]
    assert privacy.classify_values(values, "notes") is None


def test_product_catalogue_name_column_is_not_a_person():
    values = ["Blue Ceramic Mug", "Green Tea", "Oak Board"] * 10
    assert privacy.classify_values(values, "name", ("product_id", "name", "price")) is None
    assert privacy.classify_values(values, "name", ("customer_id", "name", "city")) == "name"


def test_validators():
    assert privacy.cn_id_ok("11010519491231002X")
    assert not privacy.cn_id_ok("110105194912310021")  # wrong check digit
    assert not privacy.cn_id_ok("110105194913310025")  # month 13
    assert privacy.luhn_ok("4111111111111111") and not privacy.luhn_ok("4111111111111112")
    assert privacy.classify_values(["4111 1111 1111 1111", "5500-0000-0000-0004"]) == "bank_card"
    assert privacy.classify_values(["138 1234 5678", "+86 139-0000-1111"]) == "phone"
    assert privacy.classify_values(["008613571353564", "008615879265780"]) == "phone"  # 0086 = +86
    assert privacy.classify_values(["2024-01-05", "2023-12-31"], "phone") is None


def test_sample_data_detection(sample_ws):
    with sample_ws.connect() as con:
        customers = privacy.detect_pii(con, "customers")
        others = {t: privacy.detect_pii(con, t) for t in ("orders", "products", "store_sales_cn")}
    assert {c: k for c, k in customers.items() if k} == {"name": "name", "email": "email",
                                                          "phone": "phone"}
    assert all(k is None for found in others.values() for k in found.values()), others


def test_masking_at_load_keeps_raw_values_out_of_the_workspace(ws, tmp_path):
    frame, expected = known_table(120)
    with ws.connect() as con:
        results = _load_frame(con, tmp_path, frame, "people", mask_pii=True)
        stored = con.execute("SELECT * FROM people ORDER BY order_no").df()
        masked = privacy.masked_columns(con, "people")
    key_path = ws.folder / privacy.KEY_FILE
    assert stat.S_IMODE(os.stat(key_path).st_mode) == 0o600
    assert masked == {c: k for c, k in expected.items() if k}
    assert any("masked (email)" in n for n in results[0].notes)
    assert "email：已脱敏（电子邮箱）" in [say(n, "zh") for n in results[0].notes]  # QA2: was English
    key = privacy.workspace_key(ws.folder)
    first = frame.sort_values("order_no").iloc[0]
    assert stored["email"][0] == privacy.pseudonym(key, "email", first["email"])
    assert stored["id_number"][0] == privacy.pseudonym(key, "national_id", first["id_number"])
    assert stored["order_no"].tolist() == sorted(frame["order_no"].astype(str).tolist())
    assert stored["email"].nunique() == frame["email"].nunique()
    raw = ws.db_path.read_bytes() + b"".join(p.read_bytes() for p in ws.folder.glob("*.wal"))
    for column in masked:
        for value in frame[column].head(20):
            assert str(value).encode() not in raw, (column, value)


def test_masked_joins_across_two_files_stay_joinable(ws, tmp_path):
    rng = random.Random(3)
    people = [f"person{i}@Example.com" for i in range(50)]
    customers = pd.DataFrame({"email": people, "segment": [i % 3 for i in range(50)]})
    orders = pd.DataFrame({"Email": [rng.choice(people).lower() + " " for _ in range(400)],
                           "amount": [f"{rng.uniform(1, 9):.2f}" for _ in range(400)]})
    expected = orders.assign(e=orders["Email"].str.strip().str.lower()).merge(
        customers.assign(e=customers["email"].str.lower()), on="e")
    with ws.connect() as con:
        _load_frame(con, tmp_path, customers, "customers", mask_pii=True)
        _load_frame(con, tmp_path, orders, "orders", mask_pii=True)
        joined = con.execute('SELECT count(*), count(DISTINCT o."Email") FROM orders o '
                             'JOIN customers c ON c.email = o."Email"').fetchone()
        assert privacy.masked_columns(con, "orders") == {"Email": "email"}
    assert joined == (len(expected), expected["e"].nunique())


def test_masking_is_stable_in_a_workspace_and_differs_between_workspaces(tmp_path):
    from crm_core.workspace.store import Workspace

    frame = pd.DataFrame({"email": ["a@x.com", "b@y.org"]})
    tokens = []
    for name in ("one", "one", "two"):
        with Workspace(tmp_path / name).connect() as con:
            _load_frame(con, tmp_path, frame, "t", mask_pii=True, replace=True)
            tokens.append(con.execute("SELECT email FROM t ORDER BY rowid").fetchall())
    assert tokens[0] == tokens[1] and tokens[0] != tokens[2]


def test_parquet_and_excel_loads_are_masked_too(ws, tmp_path):
    frame = pd.DataFrame({"customer": ["c1", "c2"], "mobile": ["13812345678", "13987654321"],
                          "spend": [1.5, 2.0]})
    frame.to_parquet(tmp_path / "p.parquet")
    frame.to_excel(tmp_path / "x.xlsx", index=False)
    with ws.connect() as con:
        load_file(con, tmp_path / "p.parquet", mask_pii=True)
        load_file(con, tmp_path / "x.xlsx", mask_pii=True)
        for table in ("p", "x"):
            rows = con.execute(f"SELECT mobile, spend FROM {table} ORDER BY customer").fetchall()
            assert [r[0] for r in rows] != ["13812345678", "13987654321"]
            assert len(rows[0][0]) == privacy.TOKEN_CHARS and float(rows[1][1]) == 2.0
        assert con.execute("SELECT count(*) FROM duckdb_tables() WHERE table_name LIKE '__stage%'"
                           ).fetchone()[0] == 0


def test_partial_masks():
    assert privacy.partial_mask("john@example.com", "email") == "j***@example.com"
    assert privacy.partial_mask("13812345678", "phone") == "138****5678"
    assert privacy.partial_mask("张伟", "name") == "张*"
    assert privacy.partial_mask("Ann Lee", "name") == "A** L**"
    assert privacy.partial_mask(42, "phone") == 42
    shown = privacy.mask_frame(pd.DataFrame({"email": ["ann@x.com"], "n": ["P0001"]}))
    assert shown.to_dict("list") == {"email": ["a***@x.com"], "n": ["P0001"]}


@pytest.mark.parametrize("lang, said", [
    ("en", "买家昵称 (nickname), 会员手机号 (phone), 买家邮箱 (email)"),
    ("zh", "“买家昵称”（昵称）、“会员手机号”（电话）、“买家邮箱”（电子邮箱）")])
def test_the_personal_data_found_is_said_in_the_languages_punctuation(tmp_path, lang, said):
    """Judge6 walk: the Chinese Data page read "含有个人信息：会员手机号 (电话)"."""
    path = tmp_path / "订单导出.csv"
    path.write_bytes("订单编号,买家昵称,会员手机号,买家邮箱\n"
                     "3617000000000000001,晴天1711,13812345678,qing1711@qq.com\n"
                     "3617000000000000002,木子9383,13987654321,muzi9383@163.com\n".encode("gb18030"))
    assert say(found_said(scan_file(path)), lang) == said


def test_scan_file_before_load(tmp_path):
    frame, expected = known_table(50)
    path = tmp_path / "people.csv"
    frame.to_csv(path, index=False)
    assert scan_file(path) == {c: k for c, k in expected.items() if k}


def test_cli_load_mask_pii(tmp_path, capsys):
    frame, _ = known_table(40)
    path = tmp_path / "people.csv"
    frame.to_csv(path, index=False)
    ws = tmp_path / "ws"
    assert main(["load", str(path), "--mask-pii", "--workspace", str(ws)]) == 0
    captured = capsys.readouterr()
    assert captured.out.strip().splitlines()[-1] == f"people\t40\t{frame.shape[1]}"
    assert "masked (email)" in captured.err
    assert main(["sql", "SELECT email FROM people LIMIT 1", "--workspace", str(ws)]) == 0
    assert "@" not in capsys.readouterr().out


@pytest.mark.parametrize("kind", privacy.KINDS)
def test_every_kind_has_a_translation(kind):
    from crm_core import i18n
    assert i18n.t(f"protect.kind.{kind}", "zh") != f"protect.kind.{kind}"


# ---------------------------------------------------------------- issue #20, High 3

PROBE_PEOPLE = """first_name,full_name,contact,notes,amount
ZELDA,ZELDA O'BRIEN,zelda.obrien@example.com,call +86 139 1234 5678 after 6pm,12.5
zelda,anna van der berg,+86 139 1234 5678,mail anna.vdb@example.org for the invoice,3.0
Tom,Tom De la Cruz,13912345678,prefers 13812345678 over e-mail,7.25
anna,LI LEI,0086-138-1234-5678,no notes,1.0
Émile,émile zola,someone@example.net,VIP since 2019,9.0
"""


def test_mask_pii_leaves_no_name_contact_or_free_text_pii_raw(ws, tmp_path, capsys):
    """The probe found upper/lower-case names, particles, first_name columns, mixed contact
    columns and phones/e-mails inside notes stored raw."""

    path = tmp_path / "people.csv"
    path.write_text(PROBE_PEOPLE, encoding="utf-8")
    assert main(["load", str(path), "--mask-pii", "--workspace", str(ws.folder)]) == 0
    capsys.readouterr()
    with ws.connect() as con:
        masked = privacy.masked_columns(con, "people")
        stored = con.execute("SELECT * FROM people").df()
    assert masked == {"first_name": "name", "full_name": "name", "contact": "contact",
                      "notes": "free_text"}
    raw = ws.db_path.read_bytes() + b"".join(p.read_bytes() for p in ws.folder.glob("*.wal"))
    for value in ("ZELDA", "zelda", "O'BRIEN", "van der berg", "Cruz", "zelda.obrien", "1234 5678",
                  "13912345678", "13812345678", "anna.vdb@", "someone@example"):
        assert value.encode() not in raw, value
    key = privacy.workspace_key(ws.folder)
    assert stored["first_name"][0] == stored["first_name"][1] == privacy.pseudonym(key, "name", "Zelda")
    phones = stored["contact"].tolist()
    assert phones[1] == phones[2] == privacy.pseudonym(key, "phone", "+8613912345678")  # +86 = none
    assert phones[3] == privacy.pseudonym(key, "phone", "13812345678")
    assert stored["notes"].tolist()[:3] == ["call [phone] after 6pm", "mail [email] for the invoice",
                                            "prefers [phone] over e-mail"]
    assert stored["notes"][4] == "VIP since 2019" and stored["amount"].sum() == 32.75


def test_a_masked_load_refuses_to_finish_while_a_pii_column_stays_raw(con):
    con.execute("CREATE TABLE stage AS SELECT * FROM (VALUES ('a@example.com', 1), "
                "('b@example.com', 2)) t(email, n)")
    plan = privacy.MaskPlan(['"email"', '"n"'])  # a plan that forgot the e-mail column
    with pytest.raises(CrmError, match="'email' still holds personal data"):
        plan.verify(con, "stage", ["email", "n"])


@pytest.mark.parametrize(("a", "b"), [("+86 139 1234 5678", "13912345678"),
                                      ("0086 139-1234-5678", "139 1234 5678"),
                                      ("+8613912345678", "(139) 1234 5678")])
def test_phone_country_codes_pseudonymise_the_same(a, b):
    key = b"k" * 32
    assert privacy.pseudonym(key, "phone", a) == privacy.pseudonym(key, "phone", b)
    assert privacy.pseudonym(key, "phone", a) != privacy.pseudonym(key, "phone", "+44 20 7946 0000")


@pytest.mark.parametrize(("a", "b"), [("张晓明", "Xiaoming Zhang"), ("ZHANG, Xiao-Ming", "xiaoming zhang"),
                                      ("Zoë  Lin", "lin zoe")])
def test_names_pseudonymise_as_the_linker_keys_them(a, b):
    """Masked exports link on exact tokens only: script, order and case must not split a name."""
    key = b"k" * 32
    assert privacy.pseudonym(key, "name", a) == privacy.pseudonym(key, "name", b)
    assert privacy.pseudonym(key, "name", a) != privacy.pseudonym(key, "name", "Xiaoming Wang")


@pytest.mark.parametrize("value", ["ZELDA O'BRIEN", "zelda o'brien", "Anna van der Berg",
                                   "Tom De la Cruz", "Zelda", "李雷"])
def test_names_are_recognised_whatever_their_case_or_particles(value):
    assert privacy.classify_values([value] * 5, "customer_name") == "name"
    assert privacy.classify_values([value] * 5, "first_name") == "name"


def test_a_us_customer_table_has_its_phones_and_split_names_flagged(con, tmp_path):
    """great_tables' peeps: ``phone_number`` as Americans write it (240-783-7630) and the name
    split into ``name_given`` / ``name_family`` are personal data, so --mask-pii masks them."""
    path = tmp_path / "peeps.csv"
    path.write_text("name_given,name_family,phone_number,postcode,ssn_like,order_day\n"
                    "Ruth,Conte,240-783-7630,22041,123-45-6789,2015-01-01\n"
                    "Peter,Möller,615-699-3517,37150,987-65-4321,2015-01-02\n"
                    "Fanette,Gadbois,(450) 306-2183,J4J 2T9,555-12-3456,2015-01-03\n")
    load_file(con, path, table="peeps")
    found = privacy.detect_pii(con, "peeps")
    assert found["name_given"] == found["name_family"] == "name" and found["phone_number"] == "phone"
    assert found["order_day"] is None and found["ssn_like"] == "national_id"
    assert detect_roles(con, "peeps")["phone"] == "phone_number"
