"""Normalisation: one form per phone, e-mail, name and city, in SQL and Python alike."""

from __future__ import annotations

from datetime import date

import duckdb
import pytest

from crm_core.link import normalise

PHONES = ["+86 138 1234 5678", "138-1234-5678", "008613812345678", "8613812345678", "(138) 1234 5678",
          "+86-138-1234-5678", "+44 121 212 2741", "0121 212 2741", "021-6234 5678", "+86 21 6234 5678", "12",
          "13812345678@qq.com"]


@pytest.mark.parametrize("raw", PHONES)
def test_phone_sql_and_python_agree(raw):
    sql = duckdb.execute(f"SELECT {normalise.phone_sql('$1')}", [raw]).fetchall()[0][0]
    assert sql == normalise.canonical_phone(raw)


def test_chinese_mobile_formats_meet():
    assert {normalise.canonical_phone(p) for p in PHONES[:6]} == {"13812345678"}
    assert normalise.canonical_phone("+86 21 6234 5678") == normalise.canonical_phone("021-6234 5678")
    assert normalise.canonical_phone("12") is None
    assert normalise.canonical_phone("13812345678@qq.com") is None  # a QQ e-mail in a contact column


def test_email_case_and_spaces():
    assert normalise.canonical_email(" Li.Wei@QQ.com ") == "li.wei@qq.com"
    sql = duckdb.execute(f"SELECT {normalise.email_sql('$1')}", ["LI.WEI @qq.com"]).fetchall()[0][0]
    assert sql == "li.wei@qq.com"
    assert normalise.canonical_email("not an address") is None


def test_names_across_scripts_order_and_case():
    assert normalise.name_key("张晓明") == normalise.name_key("Xiaoming Zhang")
    assert normalise.name_key("ZHANG Xiaoming") == "xiaoming zhang"
    assert normalise.name_key("Zhang, Xiao-Ming") == "xiaoming zhang"
    assert normalise.name_key("欧阳娜娜") == "nana ouyang"
    assert normalise.name_key("曾小贤") == "xiaoxian zeng"
    assert normalise.name_key("Zoë Smith") == normalise.name_key("smith zoe")
    assert normalise.name_key("  ") is None


def test_a_middle_initial_is_left_out_of_the_name_key():
    """A hotel's ``Guest Name`` writes "Ana A. Silva" where a CRM writes "Ana Silva": the initial
    says nothing another export can agree on, and as a token of its own it kept the two apart."""
    assert normalise.name_key("Ana A. Silva") == normalise.name_key("Ana Silva") == "ana silva"
    assert normalise.name_key("SILVA, Ana A") == "ana silva"
    assert normalise.name_key("J. R. R. Tolkien") == "j r r tolkien"  # initials only: nothing else to key by
    assert normalise.name_key("E Wen") == "e wen"  # 鄂文 in pinyin: one syllable is a surname
    assert normalise.name_key("hefford laur a") == "a hefford laur"  # a split typo keeps its letters

def test_cities_across_scripts():
    assert normalise.city_key("上海") == normalise.city_key("上海市") == "shanghai"
    assert normalise.city_key("Shanghai") == "shanghai"
    assert normalise.city_key("重庆") == normalise.city_key("CHONGQING CITY") == "chongqing"
    assert normalise.city_key("Xi'an") == normalise.city_key("西安")


def test_name_letters_survive_swaps_and_lost_spaces():
    def letters(name: str) -> str:
        key = normalise.name_key(name)
        return duckdb.execute(f"SELECT {normalise.letters_sql('$1')}", [key]).fetchall()[0][0]

    assert letters("胡一鸣") == letters("Yiminghu") == letters("HU Yimnig") == letters("Yiming Hu")
    assert letters("Xiaomnig Zhang") == letters("张晓明")
    assert letters("Yiming Hu") != letters("Yiming Xu")  # a changed letter is not the same letters


def test_ids_postcodes_and_streets_in_any_layout():
    def sql(expr: str, values: list[str | None]) -> set:
        return {duckdb.execute(f"SELECT {expr}", [v]).fetchall()[0][0] for v in values}

    assert sql(normalise.code_sql("$1"), ["123-45-6789", "123 45 6789", " 123.45.6789 "]) == {"123456789"}
    assert sql(normalise.code_sql("$1"), ["sw1a 1aa", "SW1A-1AA"]) == {"SW1A1AA"}
    assert sql(normalise.code_sql("$1"), [" - ", None]) == {None}
    assert sql(normalise.postcode_sql("$1"), ["02134", 2134, " 0 2134"]) == {"2134"}  # stored as a number
    assert sql(normalise.postcode_sql("$1"), ["sw1a 1aa"]) == {"SW1A1AA"}
    streets = ["12 Stanley  Street", "12, stanley street.", " 12 STANLEY street "]
    assert sql(normalise.address_sql("$1"), streets) == {"12 stanley street"}


def test_birth_dates_typed_as_dates_or_text_meet():
    def day(value) -> str | None:
        return duckdb.execute(f"SELECT {normalise.date_sql('$1')}", [value]).fetchall()[0][0]

    typed = [date(1915, 11, 11), "19151111", "1915/11/11", "1915-11-11 00:00:00", "1915年11月11日"]
    assert {day(v) for v in typed} == {"1915-11-11"}
    assert day("11/12/1915") == "11/12/1915"  # day or month first: left as typed, never guessed
    assert day(None) is None
