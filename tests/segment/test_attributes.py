"""Customer tables: columns chosen from the values, mixed-type clustering finds planted groups,
one-hot and block weights, names from what stands out."""

from __future__ import annotations

import re

import numpy as np
import pandas as pd
import pytest
from sklearn.metrics import adjusted_rand_score

from crm_core.errors import CrmError
from crm_core.i18n import say, t
from crm_core.segment.encode import MatrixEncoder
from crm_core.segment.model import recommendation_text
from crm_core.segment.naming import level_phrase
from crm_core.segment.run import SegmentConfig, run
from crm_core.workspace import store

PLANTED = {  # age, income (median), contract, student share
    "young": (24, 18_000, "Month-to-month", 0.9),
    "family": (44, 90_000, "Two year", 0.05),
    "retired": (68, 35_000, "One year", 0.0),
}


def _customers(n: int = 200, seed: int = 7) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    parts = []
    for group, (age, income, contract, student) in PLANTED.items():
        parts.append(pd.DataFrame({
            "age": rng.normal(age, 3, n).round(),
            "income": rng.lognormal(np.log(income), 0.25, n).round(2),
            "contract": np.where(rng.random(n) < 0.9, contract,
                                 rng.choice(["Month-to-month", "One year"], n)),
            "student": np.where(rng.random(n) < student, "Yes", "No"),
            "noise": rng.random(n), "region": rng.choice(["N", "S", "E", "W"], n), "group": group}))
    frame = pd.concat(parts, ignore_index=True).sample(frac=1, random_state=seed).reset_index(drop=True)
    frame.insert(0, "client_id", [f"C{i:05d}" for i in range(len(frame))])
    frame["notes"] = [f"Called on {i} about the invoice and asked for a callback next week"
                      for i in range(len(frame))]
    return frame


def test_mixed_types_recover_planted_groups_and_name_them(con):
    frame = _customers()
    store.write_frame(con, "clients", frame.drop(columns="group"))
    result = run(con, "clients", SegmentConfig(exclude_cols=("noise", "region")))
    assert result.features.kind == "customers"
    assert result.features.attributes.left_out["client_id"] == "customer id"
    assert result.features.attributes.left_out["notes"] == "free text"
    members = result.members.merge(frame[["client_id", "group"]], left_on="customer_id", right_on="client_id")
    assert adjusted_rand_score(members["group"], members["cluster"]) >= 0.8
    assert result.k in (3, 4)  # the 10% non-students among the young may form their own segment
    by_group = members.groupby("group")["segment"].agg(lambda s: s.mode()[0])
    assert "young" in by_group["young"] and "month-to-month" in by_group["young"]
    assert "older" in by_group["retired"]
    assert "contract: Month-to-month" in result.profile().columns
    assert "RFM" not in " ".join(result.files())  # no RFM without money
    zh = run(con, "clients", SegmentConfig(exclude_cols=("noise", "region")), lang="zh")
    assert any("年轻" in name for name in zh.names.values())


def test_named_columns_and_clear_errors(con):
    store.write_frame(con, "clients", _customers(30).drop(columns="group"))
    config = SegmentConfig(k=2, numeric_attributes=("age",), categorical_attributes=("student",))
    result = run(con, "clients", config)
    assert result.feature_columns() == ("age",) and result.categorical_columns() == ("student",)
    with pytest.raises(CrmError, match="no column 'shoe_size'"):
        run(con, "clients", SegmentConfig(numeric_attributes=("shoe_size",)))
    with pytest.raises(CrmError, match="Every feature was excluded"):
        run(con, "clients", SegmentConfig(numeric_attributes=("age",), exclude_cols=("age",)))


def test_one_hot_weighs_one_column_and_blocks_weigh_the_same():
    rng = np.random.default_rng(0)
    frame = pd.DataFrame({f"n{i}": rng.normal(size=500) for i in range(10)})
    # tied to n0 so neither column is set aside as unrelated
    bins = pd.qcut(frame["n0"], 8, labels=False).astype(str)
    frame["city"] = np.where(rng.random(500) < 0.7, bins, "city0")
    frame["flag"] = np.where(frame["n0"] + rng.normal(size=500) > 0, "Yes", "No")
    plain = MatrixEncoder(("n0",), ("city", "flag")).fit(frame)
    x = plain.transform_frame(frame)
    assert x[:, 1:9].var(axis=0).sum() == pytest.approx(1.0)
    assert x[:, 9:].var(axis=0).sum() == pytest.approx(1.0)
    blocks = {**{f"n{i}": "events" for i in range(10)}, "city": "customers"}
    weighted = MatrixEncoder(tuple(f"n{i}" for i in range(10)), ("city",), blocks).fit(frame)
    x = weighted.transform_frame(frame)
    assert x[:, :10].var(axis=0).sum() == pytest.approx(x[:, 10:].var(axis=0).sum())


def mall_customers(seed: int, n: int = 200) -> pd.DataFrame:
    """bench/judge_sets.py's Mall customers: five income × score groups, Gender independent."""
    rng = np.random.default_rng(seed)
    centers = np.array([(25, 25, 80), (26, 45, 20), (87, 32, 82), (88, 41, 17), (55, 43, 50)])
    centers = centers[np.arange(n) % 5]  # (income, age, score) of each customer's group
    return pd.DataFrame({
        "CustomerID": np.arange(1, n + 1), "Gender": rng.choice(["Male", "Female"], n, p=[0.44, 0.56]),
        "Age": np.clip(rng.normal(centers[:, 1], 8), 18, 70).astype(int),
        "Annual Income (k$)": np.clip(rng.normal(centers[:, 0], 8), 15, 137).astype(int),
        "Spending Score (1-100)": np.clip(rng.normal(centers[:, 2], 8), 1, 99).astype(int)})


def test_a_binary_column_unrelated_to_the_rest_does_not_split_every_group(con):
    frame = mall_customers(seed=3)
    store.write_frame(con, "mall", frame)
    result = run(con, "mall")
    assert result.k == 5
    assert result.segmenter.encoder_.unrelated_ == ("Gender",)
    planted = result.members["customer_id"].astype(int) % 5
    assert adjusted_rand_score(planted, result.members["cluster"]) >= 0.8
    assert not any(word in name for name in result.names.values() for word in ("male", "female"))
    assert "Gender: Female" in result.profile().columns  # still profiled
    assert result.params()["profiled_only"] == ["Gender"]


def test_a_categorical_column_the_analyst_names_is_clustered_on(con):
    """Gender is unrelated to the rest, but asked for by name it shapes the segments."""
    store.write_frame(con, "mall", mall_customers(seed=3))
    numbers = ("Age", "Annual Income (k$)", "Spending Score (1-100)")
    result = run(con, "mall", SegmentConfig(numeric_attributes=numbers, categorical_attributes=("Gender",)))
    assert result.segmenter.categorical == ("Gender",)
    assert result.segmenter.encoder_.unrelated_ == ()
    assert result.segmenter.encoder_.level_scale_["Gender"] > 0
    assert result.params()["profiled_only"] == []


def test_a_table_without_groups_says_so(con):
    rng = np.random.default_rng(5)
    frame = pd.DataFrame({"age": rng.normal(40, 12, 800).round(), "income": rng.normal(50_000, 15_000, 800),
                          "visits": rng.normal(10, 3, 800).round(1),
                          "plan": rng.choice(["basic", "plus", "pro"], 800)})
    store.write_frame(con, "flat", frame)
    result = run(con, "flat")
    assert not result.segmenter.recommendation_["stable_filter"]
    assert recommendation_text(result.segmenter.recommendation_).startswith("No natural groups found")
    assert recommendation_text(result.segmenter.recommendation_, "zh").startswith("数据里没有自然形成的客群")


def test_skewed_numbers_are_logged_symmetric_ones_are_not():
    rng = np.random.default_rng(1)
    frame = pd.DataFrame({"spend": rng.lognormal(3, 1.5, 1000), "age": rng.normal(40, 10, 1000)})
    encoder = MatrixEncoder(("spend", "age")).fit(frame)
    assert encoder.logged_ == ("spend",)


def test_level_phrases_read_like_people_speak():
    assert level_phrase("partner", "1", "en", binary=True) == "partner"
    assert level_phrase("household_size", "1", "en", binary=False) == "household size 1"
    assert level_phrase("device_protection", "No", "en", binary=False) == "no device protection"
    said = level_phrase("online_security", "No internet service", "zh", binary=False)
    assert said == "无“internet service”"
    assert level_phrase("contract", "Month-to-month", "en", binary=False) == "month-to-month"
    assert level_phrase("income", "35-49K", "zh", binary=False) == "“income”为 35-49K"
    assert level_phrase("家庭人数", "2", "zh", binary=False) == "家庭人数2"


def _taxi_trips(n: int = 900, seed: int = 5) -> pd.DataFrame:
    """modeldata::taxi's shape (judge9): Chicago trips, ``tip`` and ``local`` yes/no, ``distance``
    in miles, ``hour`` of the day as a number, no customer id (each row is segmented)."""
    rng = np.random.default_rng(seed)
    local = rng.random(n) < 0.2
    return pd.DataFrame({"tip": np.where(rng.random(n) < 0.9, "yes", "no"),
                         "distance": np.where(local, rng.gamma(2, 0.6, n), rng.gamma(3, 4, n)).round(2),
                         "company": rng.choice(["City Service", "Flash Cab", "other"], n),
                         "local": np.where(local, "yes", "no"), "dow": rng.choice(["Mon", "Thu", "Sat"], n),
                         "month": rng.choice(["Jan", "Feb", "Mar", "Apr"], n),
                         "hour": rng.choice([7, 8, 9, 14, 16, 17, 18, 22], n)})


_GLUED = re.compile(r"[\u3400-\u9fff][A-Za-z]|[A-Za-z][\u3400-\u9fff]")


def test_names_of_english_columns_read_in_chinese_and_a_degree_says_its_column(con):
    """judge9: taxi trips read "高hour", "有local，低distance" (a Chinese word glued to an English
    column); the resume study's segments were "high, …, no has email address" — ``resume_quality``'s
    level without its column. The column is said, quoted in Chinese, in both languages."""
    store.write_frame(con, "taxi_trips", _taxi_trips())
    names = list(run(con, "taxi_trips", lang="zh").names.values())
    assert names and not any(_GLUED.search(n) for n in names), names
    assert any("“hour”" in n or "“distance”" in n for n in names), names
    assert level_phrase("resume_quality", "high", "en") == "high resume quality"
    assert level_phrase("resume_quality", "low", "zh") == "“resume quality”较低"
    assert level_phrase("has_email_address", "0", "en") == "no email address"
    assert level_phrase("has_email_address", "1", "en") == "has email address"
    assert level_phrase("has_email_address", "1", "zh") == "有“email address”"


def test_segment_names_say_a_column_as_an_analyst_would(con):
    """Mall customers' headers carry their unit and scale: "high Annual Income (k$)" is a header,
    "high annual income" / 高年收入 a name."""
    frame = mall_customers(seed=3)
    store.write_frame(con, "mall", frame)
    names = " | ".join(run(con, "mall").names.values())
    assert "annual income" in names and "spending score" in names
    assert not any(mark in names for mark in ("(k$)", "(1-100)", "Income", "Spending"))
    chinese = frame.rename(columns={"Annual Income (k$)": "年收入(万元)", "Age": "年龄",
                                    "Spending Score (1-100)": "消费评分（1-100）"})
    store.write_frame(con, "mall_zh", chinese)
    names = " | ".join(run(con, "mall_zh", lang="zh").names.values())
    assert "高年收入" in names or "低年收入" in names
    assert "消费评分" in names and not any(mark in names for mark in ("万元", "1-100", "收入高"))


def _kkbox_members(n: int = 600, seed: int = 11) -> pd.DataFrame:
    """KKBox's members_v3 shape: ``bd`` 0 for the 40 % who gave no age (their city is 1), a few
    impossible ages, ``city`` and ``registered_via`` integer codes."""
    rng = np.random.default_rng(seed)
    bd = np.where(rng.random(n) < 0.4, 0, rng.integers(15, 60, n))
    bd[:6] = [1051, -38, 2015, 1051, -38, 2015]
    return pd.DataFrame({"msno": [f"{i:043d}=" for i in range(n)],
                         "city": np.where(bd == 0, 1, rng.integers(1, 23, n)), "bd": bd,
                         "gender": np.where(bd == 0, "", rng.choice(["male", "female"], n)),
                         "registered_via": rng.choice([3, 4, 7, 9, 13], n),
                         "registration_init_time": rng.integers(20040101, 20170101, n)})


def test_member_codes_are_categories_and_impossible_ages_missing(con):
    frame = _kkbox_members()
    store.write_frame(con, "members", frame.assign(CityTier=frame["city"] % 3 + 1))
    result = run(con, "members")
    assert {"city", "registered_via"} <= set(result.categorical_columns())
    assert result.feature_columns() == ("bd", "CityTier")  # a tier is an order: its last word says so
    impossible = int((~frame["bd"].between(1, 110)).sum())
    assert result.features.attributes.implausible_ages == {"bd": impossible}
    assert result.members["bd"].isna().sum() == impossible and result.members["bd"].max() < 60
    magnitude = re.compile(r"(low|high) (city|registered via)($|,)")
    assert not any(magnitude.search(name) for name in result.names.values())
    rows, note = result.notes  # no id found (``msno``): each row one customer, then the ages
    assert rows.key == "segment.note.rows_as_customers"
    assert f"{impossible:,} values of age column 'bd'" in say(note, "en")
    assert "年龄列“bd”" in say(note, "zh")


def test_impossible_birth_years_are_missing_with_a_note(con):
    """Customer Personality's ``Year_Birth`` holds 1893, 1899 and 1900: people aged 126–133."""
    rng = np.random.default_rng(5)
    n = 400
    born = rng.integers(1945, 1997, n)
    born[[10, 20, 30]] = [1900, 1893, 1899]
    income = 30_000 + 900 * (born - 1945) + rng.normal(0, 4_000, n)
    store.write_frame(con, "mkt", pd.DataFrame({
        "ID": rng.choice(11_000, n, replace=False), "Year_Birth": born, "Income": income.round(),
        "Kidhome": rng.integers(0, 3, n), "Recency": rng.integers(0, 100, n)}))
    result = run(con, "mkt")
    assert result.features.attributes.implausible_ages == {"Year_Birth": 3}
    assert result.members["Year_Birth"].isna().sum() == 3 and result.members["Year_Birth"].min() >= 1945
    (note,) = [n for n in result.notes if n.key == "segment.note.implausible_birth_year"]
    assert "3 values of birth-year column 'Year_Birth'" in say(note, "en")
    assert "出生年份列“Year_Birth”有 3 个取值" in say(note, "zh")


def test_a_date_stored_as_a_number_is_left_out_as_a_date(con):
    """Starbucks' ``became_member_on`` (20170212, the table's date role) was clustered as a
    magnitude — "high became member on" — where a DATE column is left out as a date."""
    rng = np.random.default_rng(9)
    n = 300
    joined = pd.Timestamp("2014-01-01") + pd.to_timedelta(rng.integers(0, 1600, n), unit="D")
    store.write_frame(con, "profile", pd.DataFrame({
        "gender": rng.choice(["F", "M", "O"], n), "age": rng.integers(18, 90, n),
        "id": [f"{i:032x}" for i in rng.choice(10**9, n, replace=False)],
        "became_member_on": joined.strftime("%Y%m%d").astype(int),
        "income": rng.integers(30, 120, n) * 1000}))
    result = run(con, "profile")
    assert "became_member_on" not in result.feature_columns()
    assert result.features.attributes.left_out["became_member_on"] == "date"
    assert not any("became member" in name for name in result.names.values())


def orange_juice_purchases(n: int = 400, seed: int = 0) -> pd.DataFrame:
    """ISLR's OJ (ISLP wheel): one row per orange-juice purchase, CH or MM, the week number, the
    store, both brands' prices and discounts and the buyer's loyalty to CH; no customer, no date."""
    rng = np.random.default_rng(seed)
    store_id = rng.choice([1, 2, 3, 4, 7], n)
    price_ch, price_mm = rng.choice([1.69, 1.75, 1.86, 1.99], n), rng.choice([1.69, 1.99, 2.09, 2.18], n)
    disc_ch = np.where(rng.random(n) < 0.15, rng.choice([0.1, 0.2, 0.3], n), 0.0)
    disc_mm = np.where(rng.random(n) < 0.2, rng.choice([0.2, 0.4, 0.8], n), 0.0)
    loyal = np.round(rng.beta(2, 1.5, n), 6)
    return pd.DataFrame({
        "Purchase": np.where(rng.random(n) < 0.4 + 0.4 * loyal, "CH", "MM"),
        "WeekofPurchase": rng.integers(227, 279, n), "StoreID": store_id, "PriceCH": price_ch,
        "PriceMM": price_mm, "DiscCH": disc_ch, "DiscMM": disc_mm, "SpecialCH": (disc_ch > 0).astype(int),
        "SpecialMM": (disc_mm > 0).astype(int), "LoyalCH": loyal,
        "SalePriceMM": np.round(price_mm - disc_mm, 2), "SalePriceCH": np.round(price_ch - disc_ch, 2),
        "Store7": np.where(store_id == 7, "Yes", "No")})


@pytest.mark.parametrize(("lang", "said"), [("en", "each of its 400 rows is segmented as one customer"),
                                             ("zh", "其 400 行中每一行都作为一位客户来分群")])
def test_a_table_without_customer_ids_says_each_row_is_one_customer(con, lang, said):
    """Fifth pass, ISLR's OJ: 1,070 purchases segmented as 1,070 "customers" without a word. Each
    row stays one customer (as for a table of people without ids), and the run says so and what to
    mark if a row is a purchase; Mall customers (``CustomerID``) say nothing of it."""
    store.write_frame(con, "oj", orange_juice_purchases())
    result = run(con, "oj", lang=lang)
    notes = [say(note, lang) for note in result.notes]
    assert len(result.members) == 400 and any(said in n and "--customer-col" in n for n in notes), notes
    store.write_frame(con, "mall", mall_customers(seed=3))
    assert not [n for n in run(con, "mall", lang=lang).notes if "rows_as_customers" in n.key]


@pytest.mark.parametrize(("lang", "said"), [("en", "rownames (row number)"), ("zh", "rownames（行号）")])
def test_an_r_row_number_is_left_out_as_a_row_number(con, lang, said):
    """A small table R wrote with its row numbers (``rownames``, 1 … 40 in the order the rows were
    sorted, by income): clustered as a number it split the table by the sort; it is a row number,
    left out and said so."""
    from crm_core.segment.attributes import choose_columns, left_out_said

    frame = mall_customers(seed=5, n=40).drop(columns="CustomerID").sort_values("Annual Income (k$)")
    store.write_frame(con, "mall_r", frame.assign(rownames=np.arange(1, 41))[["rownames", *frame]])
    chosen = choose_columns(con, "mall_r", None)
    assert "rownames" not in chosen.numeric and chosen.left_out["rownames"] == "row number"
    assert said in say(left_out_said(chosen.left_out), lang)


def test_a_wide_customer_table_is_profiled_without_pandas_warnings(con):
    """judge7, ISLR's Caravan (5,822 customers, 85 coded columns in Dutch abbreviations, no id):
    ``segment caravan`` printed pandas' "DataFrame is highly fragmented" PerformanceWarning 370
    times on the analyst's terminal; the profile columns are now joined once."""
    import warnings

    rng = np.random.default_rng(11)
    n = 600
    frame = pd.DataFrame({f"M{name}": rng.integers(0, 10, n) for name in range(60)}
                         | {f"P{name}": rng.choice(["0", "1", "2", "3"], n) for name in range(25)}
                         | {"Purchase": rng.choice(["No", "Yes"], n, p=[0.94, 0.06])})
    store.write_frame(con, "caravan", frame)
    with warnings.catch_warnings():
        warnings.simplefilter("error", pd.errors.PerformanceWarning)
        profile = run(con, "caravan", SegmentConfig(k=3)).profile()
    assert profile["customers"].sum() == n and len(profile.columns) > 100


@pytest.mark.parametrize(("lang", "late", "early", "as_amount"),
                         [("en", "late in the day", "early in the day", ("high hour", "low hour")),
                          ("zh", "多在一天中较晚时段", "多在一天中较早时段", ("“hour”较高", "“hour”较低"))])
def test_the_hour_of_day_reads_as_a_time_of_day_not_an_amount(con, lang, late, early, as_amount):
    """judge9 → walk10: taxi trips' segments read "high hour", "local, low distance, low hour": the
    hour of the day as a number. Its mean says when in the day, so the name says that."""
    store.write_frame(con, "taxi_trips", _taxi_trips())
    names = " | ".join(run(con, "taxi_trips", lang=lang).names.values())
    assert late in names or early in names, names
    assert not any(word in names for word in as_amount), names


def test_a_birth_year_reads_as_a_year_and_a_levels_share_as_a_percent_in_the_profile(con):
    """walk10, Customer Personality (``marketing_campaign``): the profile read "Year_Birth (mean)
    1,968" and "Education: PhD 0.22" a row under "Share of customers 48%"."""
    from crm_core.segment import report

    rng = np.random.default_rng(4)
    n = 400
    rich = rng.random(n) < 0.5
    store.write_frame(con, "campaign", pd.DataFrame({
        "ID": np.arange(1000, 1000 + n), "Year_Birth": rng.integers(1945, 2000, n),
        "Education": np.where(rich, rng.choice(["PhD", "Master"], n), rng.choice(["Graduation", "Basic"], n)),
        "Income": np.where(rich, rng.normal(70000, 8000, n), rng.normal(35000, 6000, n)).round(0),
        "MntWines": np.where(rich, rng.gamma(4, 150, n), rng.gamma(2, 40, n)).round(0)}))
    result = run(con, "campaign", SegmentConfig(k=2))
    profile = report.profile_shown(result)
    years = profile.filter(like="Year born").stack()
    assert len(years) and years.str.fullmatch(r"(19|20)\d\d").all(), profile.columns
    shares = profile[[c for c in profile.columns if str(c).startswith("Education: ")]].stack()
    assert len(shares) and shares.str.endswith("%").all(), shares
    summary = report.summary_shown(result)
    assert summary["Year born"].str.fullmatch(r"(19|20)\d\d").all(), summary


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_profile_says_its_measures_in_words_one_bracket_and_one_format_a_row(con, lang):
    """walk16, marketing_campaign: rows read "MntWines (mean)" beside names saying "spend on wines",
    "最近消费（天）（均值）" doubled its brackets, and a row showed 1 beside 1.00."""
    from crm_core.segment import report

    rng = np.random.default_rng(7)
    n = 400
    rich = rng.random(n) < 0.5
    store.write_frame(con, "campaign", pd.DataFrame({
        "ID": np.arange(1000, 1000 + n),
        "Income (k$)": np.where(rich, rng.normal(70, 8, n), rng.normal(35, 6, n)).round(0),
        "Kidhome": np.where(rich, 0, rng.integers(0, 3, n)),
        "MntWines": np.where(rich, rng.gamma(4, 150, n), rng.gamma(2, 40, n)).round(0)}))
    profile = report.profile_shown(run(con, "campaign", SegmentConfig(k=2), lang=lang))
    heads = [str(c) for c in profile.columns]
    assert t("segment.col.mean", lang, feature="Spend on wines") in heads, heads
    assert t("segment.col.mean_in", lang, feature="Income", unit="k$") in heads, heads
    assert not [h for h in heads if re.search(r"[)）]\s*[(（]", h) or "Mnt" in h], heads
    kids = profile[t("segment.col.mean", lang, feature="Kidhome")]
    assert kids.str.contains(".", regex=False).all() and "0.00" in set(kids), kids


def test_a_purchase_logs_summary_keeps_its_money_as_money(sample_ws):
    """The birth-year kinds must not turn the summary's Monetary (a feature too) into a plain number."""
    from crm_core.segment import report

    with sample_ws.connect() as con:
        summary = report.summary_shown(run(con, "orders", SegmentConfig(k=3)), currency="USD")
    assert summary["Monetary"].str.startswith("$").all(), summary["Monetary"]
    assert summary["Revenue"].str.startswith("$").all(), summary["Revenue"]


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_html_report_says_a_segments_money_to_the_cent_as_the_pages_grids(sample_ws, lang):
    """walk27: the page's grids drew a segment's revenue to the cent ($1,713,901.98), the HTML report's
    summary and profile by ``fmt.money``'s rule (whole from 1,000: $1,713,902)."""
    from crm_core.segment import report

    with sample_ws.connect() as con:
        result = run(con, "orders", SegmentConfig(k=3), lang=lang)
    page = report.report_page(result, currency="USD").decode()
    for revenue in result.profile()["revenue"]:
        assert page.count(f"${revenue:,.2f}") == 2, (revenue, lang)  # the summary and the profile


def test_a_zip_code_of_digits_is_no_measure(con):
    """Ninth pass, Seattle's pet licences (openintro): ``zip_code`` text of digits (98108, a few
    ZIP+4) was clustered as a number, and two segments were named "low zip code". A number under
    a code header is a label: a category when it has few values, else left out."""
    rng = np.random.default_rng(8)
    n = 600
    pets = pd.DataFrame({"species": rng.choice(["Dog", "Cat"], n, p=[0.67, 0.33]),
                         "primary_breed": rng.choice(["Retriever, Labrador", "Domestic Shorthair", "Mix"], n),
                         "zip_code": rng.choice([f"981{z:02d}" for z in range(1, 60)] + ["33547"], n),
                         "shop_no": rng.choice(["1", "2", "3"], n), "age": rng.integers(1, 16, n)})
    store.write_frame(con, "pets", pets)
    result = run(con, "pets")
    assert "zip_code" not in result.feature_columns() and "shop_no" in result.categorical_columns()
    assert result.features.attributes.left_out["zip_code"] == "too many levels"
    assert not any("zip" in name for name in result.names.values()), result.names


@pytest.mark.parametrize(("column", "yes", "no"), [("九月是否逾期", "九月逾期", "九月未逾期"),
                                                   ("是否有车", "有车", "无车"),
                                                   ("是否为会员", "为会员", "非会员"),
                                                   ("是否离职", "离职", "未离职")])
def test_a_chinese_question_header_reads_as_its_answer(column, yes, no):
    """judge11, a bank's card holders in Chinese: segments were named "有九月是否逾期" /
    "无九月是否逾期" (has / has no "late in September or not"); the answer reads as itself."""
    assert level_phrase(column, "是", "zh") == yes and level_phrase(column, "否", "zh") == no
    assert level_phrase(column, "1", "zh", binary=True) == yes
    assert level_phrase(column, "否", "en") == f"no {column}"


@pytest.mark.parametrize(("column", "yes", "no"), [("有配偶", "有配偶", "无配偶"), ("已婚", "已婚", "未婚"),
                                                   ("老年用户", "老年用户", "非老年用户"),
                                                   ("学生", "学生", "非学生"),
                                                   ("电子账单", "有电子账单", "无电子账单")])
def test_a_chinese_yes_no_header_reads_as_what_the_customer_is_or_has(column, yes, no):
    """judge14: the Telco export in Chinese named a segment "有老年用户" (has a senior user) and a
    bank's holders "有学生"; a header already saying has / done / is (有配偶, 已婚) read "有有配偶",
    "无已婚". A kind of person is what the customer is; a service stays has / has not."""
    assert level_phrase(column, "是", "zh") == yes and level_phrase(column, "否", "zh") == no


@pytest.mark.parametrize(("lang", "keys", "young"), [
    ("en", {"profile": "profile", "age": "age", "student": "student", "billing": "billing",
            "income": "income", "contract": "contract"}, "young"),
    ("zh", {"profile": "个人信息", "age": "年龄", "student": "学生", "billing": "账户",
            "income": "年收入", "contract": "合约"}, "年轻")])
def test_a_nested_json_exports_keys_are_named_without_their_objects_path(con, tmp_path, lang, keys, young):
    """judge14: a bank's API dump (one JSON array, each customer with nested objects) named its
    segments "低信用卡.信用评分，低信用卡.额度" and "有个人信息.学生": the flattened path, not the
    key, and an age under its object was no age ("young"/"年轻" never said)."""
    import json

    from crm_core.load.reader import load_file

    frame = _customers()
    k = keys
    records = [{"client_id": r.client_id,
                k["profile"]: {k["age"]: r.age, k["student"]: r.student},
                k["billing"]: {k["income"]: r.income, k["contract"]: r.contract}}
               for r in frame.itertuples()]
    path = tmp_path / "clients.json"
    path.write_text(json.dumps(records, ensure_ascii=False), encoding="utf-8")
    load_file(con, path, "clients")
    names = list(run(con, "clients", lang=lang).names.values())
    assert not any(f"{k['profile']}." in n or f"{k['billing']}." in n for n in names), names
    assert any(young in n for n in names), names


@pytest.mark.parametrize(("lang", "said"), [("en", "has {rows:,} rows for 60 customers ('公司名称')"),
                                             ("zh", "的 {rows:,} 行属于 60 位客户（“公司名称”）")])
def test_a_customer_over_many_undated_lines_is_its_lines_mean_not_one_line(con, lang, said):
    """judge15, the CAS loss-reserve lines of 376 insurer groups segmented with --customer-col
    公司名称: each group was described by one of its ~114 lines, picked by ``any_value`` (Allstate
    by its 1988 workers' comp line). Each customer is now its lines' mean and most frequent line of
    business, and the run says so."""
    rng = np.random.default_rng(15)
    sizes = rng.integers(5, 41, 60)
    scale = rng.lognormal(8, 1.2, 60)
    frame = pd.DataFrame({
        "公司名称": np.repeat([f"Group {i:02d}" for i in range(60)], sizes),
        "险种": rng.choice(["工伤保险", "商业车险", "私家车险"], sizes.sum(), p=[0.6, 0.3, 0.1]),
        "净已赚保费": np.round(np.repeat(scale, sizes) * rng.lognormal(0, 0.8, sizes.sum())),
        "已发生赔款": np.round(np.repeat(scale, sizes) * rng.lognormal(-0.3, 0.9, sizes.sum()))})
    store.write_frame(con, "lines", frame)
    result = run(con, "lines", roles={"customer_id": "公司名称"}, lang=lang)
    members = result.members.set_index("customer_id").sort_index()
    expected = frame.groupby("公司名称")[["净已赚保费", "已发生赔款"]].mean().sort_index()
    assert len(members) == 60
    assert np.allclose(members[["净已赚保费", "已发生赔款"]].to_numpy(), expected.to_numpy())
    modes = frame.groupby("公司名称")["险种"].agg(lambda s: set(s.mode()))
    assert all(members.loc[c, "险种"] in modes[c] for c in modes.index)
    assert any(said.format(rows=len(frame)) in say(note, lang) for note in result.notes)


@pytest.mark.parametrize(("lang", "said"), [("en", "'bills' holds one customer (0417223105)"),
                                             ("zh", "表“bills”只有一位客户（0417223105）")])
def test_a_table_of_one_customer_is_refused_in_words(con, lang, said):
    """judge15: one household's 117 bills were "segmented" into one group, with scikit-learn's
    divide-by-zero RuntimeWarning in English on the terminal."""
    days = pd.date_range("2000-01-28", periods=117, freq="30D")
    totals = np.round(120 + 40 * np.cos(np.arange(117) / 2), 2)
    frame = pd.DataFrame({"customer_id": "0417223105", "date": days, "amount": totals})
    store.write_frame(con, "bills", frame)
    with pytest.raises(CrmError) as refused:
        run(con, "bills", lang=lang)
    message = say(refused.value.args[0], lang)
    assert said in message and "forecast bills" in message


def test_an_exports_abbreviated_headers_are_said_in_words_in_segment_names(con):
    """The iFood marketing_campaign export's ``MntWines`` / ``NumWebPurchases`` named segments
    "low mnt wines" (walk15); the words are "spend on wines", "number of web purchases"."""
    rng = np.random.default_rng(4)
    n = 150
    rich = np.repeat([True, False], n)
    store.write_frame(con, "campaign", pd.DataFrame({
        "ID": range(2 * n), "Income": np.where(rich, 80_000, 30_000) * rng.lognormal(0, 0.1, 2 * n),
        "MntWines": np.where(rich, 600, 20) * rng.lognormal(0, 0.2, 2 * n),
        "NumWebPurchases": np.where(rich, 8, 2) + rng.integers(0, 2, 2 * n)}))
    names = " | ".join(run(con, "campaign", SegmentConfig(k=2)).names.values())
    assert "spend on wines" in names and "number of web purchases" in names
    assert "mnt" not in names.lower() and "num " not in names.lower()


@pytest.mark.parametrize(("lang", "header", "born", "young", "older"), [
    ("en", "Year_Birth", "Year born", "young", "older"), ("en", "birth_year", "Year born", "young", "older"),
    ("zh", "出生年份", "出生年份", "年轻", "年长")])
def test_a_birth_year_is_said_as_born_and_names_segments_as_an_age(con, lang, header, born, young, older):
    """roles18, Customer Personality: the profile said "Year birth (mean)" and a segment born later
    would be "high year birth"; a birth year is an age told the other way round."""
    from crm_core.segment import report

    rng = np.random.default_rng(18)
    n = 400
    late = rng.random(n) < 0.5
    store.write_frame(con, "campaign", pd.DataFrame({
        "ID": np.arange(1000, 1000 + n),
        header: np.where(late, rng.integers(1985, 2000, n), rng.integers(1945, 1960, n)),
        "Kidhome": np.where(late, rng.integers(1, 3, n), 0)}))
    result = run(con, "campaign", SegmentConfig(k=2), lang=lang)
    names = {result.names[c]: c for c in result.names}
    assert any(young in name for name in names) and any(older in name for name in names), names
    profile = report.profile_shown(result)
    assert any(str(c).startswith(born) for c in profile.columns), profile.columns
    members = result.members.assign(name=lambda f: f["segment"].astype(str))
    youngest = members.groupby("name")[header].mean().idxmax()
    assert young in youngest and older not in youngest
