"""Writing systems: a Hong Kong / Taiwan till in traditional characters (張偉, 臺北市) against a
mainland web shop in simplified ones (张伟, 台北市), and full-width forms typed with a Chinese input
method (generated exports over 600 people with planted records; one run)."""

from __future__ import annotations

import duckdb
import pandas as pd
import pytest

from crm_core.link import normalise, scripts, synthetic
from crm_core.link.run import run
from crm_core.workspace import runs, store
from tests.link.test_elimination import key_of, pair_of

_SQL = duckdb.connect()
"""This module's own connection: a ``fetchone`` on DuckDB's process-wide default one left its
result open, and the next test file that queried it (tests/recommend) failed "Resource In Use"."""

PLANTED = {
    "web_customers": [("TW1", "张伟", None, "+86 139 2222 0001", None, None),
                      ("TW2", "陈美玲", None, None, "台北市", None),
                      ("TW3", "林雅婷", None, None, "台北市", None),
                      ("TW4", "鄭國慶", None, None, "臺北市", None),
                      ("TW5", "卫诗雅", None, "+86 139 2222 0005", None, None)],
    "till_members": [("TM1", "張偉", "139-2222-0001", None, None),
                     ("TM2", "陳美玲", None, "臺北市", None),
                     ("TM3", "林雅婷", None, "台北市", None),
                     ("TM4", "鄭國慶", None, "臺北市", None),
                     ("TM5", "衞詩雅", "139-2222-0005", None, None)],
}
"""张伟 / 張偉 with one phone; 陈美玲 / 陳美玲 with a name and a city only, beside 林雅婷 written the
same in both (the pair it should score like); 鄭國慶 in traditional characters in both; 卫诗雅 /
衞詩雅 (Hong Kong's variant of 衛) with one phone."""


@pytest.fixture(scope="module")
def linked(tmp_path_factory):
    from crm_core.workspace.store import Workspace

    exports = synthetic.exports(600, seed=3)
    ws = Workspace(tmp_path_factory.mktemp("scripts"))
    with ws.connect() as con:
        for name, frame in exports.tables.items():
            extra = pd.DataFrame(PLANTED.get(name, []), columns=frame.columns)
            store.write_frame(con, name, pd.concat([frame, extra], ignore_index=True))
        result = run(con, list(exports.tables))
        runs.save(con, result)
    return ws, result


def test_a_traditional_and_a_simplified_name_with_one_phone_are_one_customer(linked):
    """張偉 at the till and 张伟 at the web shop share their phone (main: one reading, other
    characters, so the name counted as different people's *similar* names)."""
    _, result = linked
    assert key_of(result, "web_customers", "TW1") == key_of(result, "till_members", "TM1")
    assert "name (exact" in pair_of(result, "TW1", "TM1")["agreeing"]


def test_a_hong_kong_variant_character_is_the_simplified_one(linked):
    """衞 is Hong Kong's 衛 (卫): 衞詩雅 at the till and 卫诗雅 at the web shop share their phone and
    their name as written (main: the name only sounded alike, *similar*)."""
    _, result = linked
    assert key_of(result, "web_customers", "TW5") == key_of(result, "till_members", "TM5")
    assert "name (exact" in pair_of(result, "TW5", "TM5")["agreeing"]


def test_only_variants_simplified_text_never_writes_are_folded():
    """OpenCC's Hong Kong / Taiwan variants fold (衞, 粧, 簷) in SQL as in Python; Taiwan's 著 for 着
    does not: mainland 著名 writes it."""
    written = ["衞詩雅", "衛詩雅", "粧", "簷", "著名", "九龍塘衞理道"]
    with duckdb.connect() as con:
        con.execute("CREATE TEMP TABLE t AS SELECT unnest(?::VARCHAR[]) AS v", [written])
        scripts.fold_columns(con, "t", ["v"])
        folded = [v for (v,) in con.execute("SELECT v FROM t").fetchall()]
    assert folded == [scripts.simplified(w) for w in written]
    assert folded == ["卫诗雅", "卫诗雅", "妆", "檐", "著名", "九龙塘卫理道"]


def test_a_name_and_a_city_in_two_scripts_link_as_one_script_would(linked):
    """陈美玲 / 陳美玲 in 台北市 / 臺北市 score as 林雅婷 written the same in both does."""
    _, result = linked
    folded, same = pair_of(result, "TW2", "TM2"), pair_of(result, "TW3", "TM3")
    assert key_of(result, "web_customers", "TW2") == key_of(result, "till_members", "TM2")
    assert folded["match_probability"] == pytest.approx(same["match_probability"], abs=0.02)


def test_a_name_in_traditional_characters_in_both_exports_keys_as_before(linked):
    _, result = linked
    assert normalise.name_key("鄭國慶") == normalise.name_key("郑国庆") == "guoqing zheng"
    assert key_of(result, "web_customers", "TW4") == key_of(result, "till_members", "TM4")


def test_the_customer_page_shows_each_name_as_its_export_wrote_it(linked):
    from crm_core.link import customer360

    ws, _ = linked
    with ws.connect() as con:
        found = customer360.view(con, "139-2222-0001")
    names = {r["table"]: r.get("full_name") or r.get("姓名") for r in found["linked_records"]}
    assert names == {"web_customers": "张伟", "till_members": "張偉"}


def test_traditional_surnames_read_as_simplified_ones():
    """A compound surname or a surname's own reading only matched in simplified characters."""
    assert normalise.name_key("歐陽曉明") == normalise.name_key("欧阳晓明") == "ouyang xiaoming"
    assert normalise.name_key("區嘉豪") == normalise.name_key("Ou Jiahao")
    assert normalise.name_key("單麗") == normalise.name_key("单丽")
    assert normalise.city_key("臺北市") == normalise.city_key("台北") == normalise.city_key("Taibei")


def test_sql_folding_agrees_with_python():
    names = ["張偉", "陳美玲", "臺北市中山區", "歐陽曉明", "Wei Zhang", "张伟", "乾隆", None]
    with duckdb.connect() as con:
        con.execute("CREATE TEMP TABLE t AS SELECT unnest(?::VARCHAR[]) AS v", [names])
        scripts.fold_columns(con, "t", ["v"])
        folded = [v for (v,) in con.execute("SELECT v FROM t").fetchall()]
    assert folded == [None if n is None else scripts.simplified(n) for n in names]
    assert folded[:4] == ["张伟", "陈美玲", "台北市中山区", "欧阳晓明"]
    assert folded[6] == "乾隆"  # a character mainland names keep stays


FULL_WIDTH_PHONES = ["１３８１２３４５６７８", "＋８６ １３８ １２３４ ５６７８",
                     "００８６－１３８－１２３４－５６７８", "+86 138 1234 5678", "0086 138-1234-5678",
                     "(+86) 138 1234 5678"]


@pytest.mark.parametrize("raw", FULL_WIDTH_PHONES)
def test_full_width_and_prefixed_phones_meet(raw):
    sql = _SQL.execute(f"SELECT {normalise.phone_sql('$1')}", [raw]).fetchone()[0]
    assert sql == normalise.canonical_phone(raw) == "13812345678"


def test_full_width_e_mails_meet():
    raw = "ＡＢＣ．Ｌｉ１２３＠ｑｑ．ｃｏｍ"
    sql = _SQL.execute(f"SELECT {normalise.email_sql('$1')}", [raw]).fetchone()[0]
    assert sql == normalise.canonical_email(raw) == normalise.canonical_email("abc.li123@qq.com")


def test_names_with_a_middle_dot_or_a_space_are_one_name_as_written():
    written = ["阿卜杜·买买提", "阿卜杜・买买提", "阿卜杜‧买买提", "阿卜杜 买买提", "阿卜杜\u3000买买提",
               "阿卜杜买买提"]
    assert len({normalise.name_key(n) for n in written}) == 1
    han = {_SQL.execute(f"SELECT {normalise.han_sql('$1')}", [n]).fetchone()[0] for n in written}
    assert han == {"阿卜杜买买提"}


def test_staging_folds_the_street_and_city_but_keeps_the_name_as_written(con):
    """A Taipei shop's 臺北市中山區南京東路 and a mainland CRM's 台北市中山区南京东路 are one street."""
    from crm_core.link import fields

    hk = {"会员编号": ["H1"], "姓名": ["陳美玲"], "城市": ["臺北市"], "地址": ["臺北市中山區南京東路100號"]}
    cn = {"会员编号": ["C1"], "姓名": ["陈美玲"], "城市": ["台北市"], "地址": ["台北市中山区南京东路100号"]}
    store.write_frame(con, "hk_shop", pd.DataFrame(hk))
    store.write_frame(con, "cn_crm", pd.DataFrame(cn))
    fields.stage(con, [fields.detect(con, "hk_shop"), fields.detect(con, "cn_crm")], "staged")
    rows = con.execute("SELECT name_raw, name_h, city_k, address_n FROM staged ORDER BY src DESC").fetchall()
    assert [r[0] for r in rows] == ["陳美玲", "陈美玲"]  # as written, for the customer page
    assert rows[0][1:] == rows[1][1:]


def test_a_name_pseudonymised_at_load_meets_its_other_script():
    """``--mask-pii`` hashes the name key: 歐陽曉明 and 欧阳晓明 get one token (main: two)."""
    from crm_core.protect import privacy

    key = b"k" * 32
    assert privacy.pseudonym(key, "name", "歐陽曉明") == privacy.pseudonym(key, "name", "欧阳晓明")


ID_NUMBERS = ["１１０１０１１９９００３０７１２３Ｘ", "１１０１０１　１９９００３０７　１２３ｘ",
              "１１０１０１－１９９００３０７－１２３Ｘ", "110101 19900307 123x", "110101-19900307-123X",
              "110101–19900307–123X", "110101\u00a019900307123X"]
"""One 身份证号 as typed: full-width (a Chinese input method), with ideographic spaces, full-width
hyphens, en dashes, a non-breaking space pasted from a spreadsheet."""


@pytest.mark.parametrize("raw", ID_NUMBERS)
def test_full_width_and_spaced_id_numbers_meet(raw):
    assert _SQL.execute(f"SELECT {normalise.code_sql('$1')}", [raw]).fetchone()[0] == "11010119900307123X"


@pytest.mark.parametrize("raw", ["１０００８３", "１００　０８３", "１００－０８３", "100 083", "100083"])
def test_full_width_and_spaced_postcodes_meet(raw):
    assert _SQL.execute(f"SELECT {normalise.postcode_sql('$1')}", [raw]).fetchone()[0] == "100083"


def test_staging_reads_a_full_width_id_number_and_postcode_as_ascii(con):
    """A member system typed 身份证号 and 邮编 with a Chinese input method; the web shop did not."""
    from crm_core.link import fields

    typed = {"会员编号": ["M1"], "姓名": ["王芳"], "身份证号": [ID_NUMBERS[1]], "邮编": ["１００－０８３"]}
    plain = {"会员编号": ["W1"], "姓名": ["王芳"], "身份证号": [ID_NUMBERS[3]], "邮编": ["100083"]}
    store.write_frame(con, "typed_members", pd.DataFrame(typed))
    store.write_frame(con, "plain_members", pd.DataFrame(plain))
    fields.stage(con, [fields.detect(con, "typed_members"), fields.detect(con, "plain_members")], "staged")
    rows = con.execute("SELECT id_number_n, postcode_n FROM staged").fetchall()
    assert rows == [("11010119900307123X", "100083")] * 2


def test_an_id_number_pseudonymised_at_load_meets_its_full_width_form():
    """``--mask-pii`` hashes link's form of a national id: one token however it was typed."""
    from crm_core.protect import privacy

    key = b"k" * 32
    assert len({privacy.pseudonym(key, "national_id", raw) for raw in ID_NUMBERS}) == 1
