"""The profile on hand-built tables with known problems, on the sample data, and from the CLI."""

from __future__ import annotations

import json
import re

import pytest

from crm_core.cli import main
from crm_core.errors import CrmError
from crm_core.quality.profile import histogram, problem_message, profile
from crm_core.workspace import store


def _kinds(prof) -> dict[tuple[str, str | None], int]:
    return {(p["kind"], p["column"]): p["count"] for p in prof["problems"]}


def test_profile_columns_on_a_tiny_table(con):
    store.write_table(con, "t", """SELECT * FROM (VALUES
        (1, 'a', DATE '2024-01-01'), (2, 'a', DATE '2024-01-03'), (3, ' ', NULL), (4, NULL, NULL)
    ) v(n, s, d)""")
    prof = profile(con, "t", roles={})
    cols = {c["name"]: c for c in prof["columns"]}
    assert prof["rows"] == 4
    assert cols["n"]["min"] == 1 and cols["n"]["max"] == 4 and cols["n"]["mean"] == 2.5
    assert cols["n"]["quantiles"]["p50"] == 2.5 and cols["n"]["distinct"] == 4
    assert cols["s"]["missing"] == 0.5 and cols["s"]["missing_count"] == 2  # NULL and blank
    assert cols["s"]["top"][0] == {"value": "a", "count": 2}
    assert cols["d"]["min"] == "2024-01-01" and cols["d"]["missing"] == 0.5
    assert {"name", "type", "role", "missing", "distinct"} <= set(cols["d"])
    assert cols["d"]["pii"] is None and cols["s"]["pii"] is None


def test_problems_found_by_role(con):
    store.write_table(con, "o", """SELECT * FROM (VALUES
        ('1', 'A', '2024-01-05', '10.00', 2, 5.0),
        ('1', 'A', '2024-01-05', '10.00', 2, 5.0),
        ('C2', 'A', '2024-01-06', '-5.00', -1, 5.0),
        ('3', NULL, '1985-02-01', 'ten', 1, 0.0),
        ('4', 'B', '2999-01-01', '7', 1, 7.0),
        ('5', 'B', '31/02/2024', '8', 1, 8.0)
    ) v(inv, cust, day, amt, qty, price)""")
    roles = {"order_id": "inv", "customer_id": "cust", "date": "day", "amount": "amt",
             "quantity": "qty", "unit_price": "price"}
    kinds = _kinds(profile(con, "o", roles))
    assert kinds[("duplicate_rows", None)] == 1
    assert kinds[("cancellations", "inv")] == 1
    assert kinds[("missing_key", "cust")] == 1
    assert kinds[("unparsed_number", "amt")] == 1
    assert kinds[("negative_values", "amt")] == 1 and kinds[("negative_values", "qty")] == 1
    assert kinds[("unparsed_date", "day")] == 1   # 31 February
    assert kinds[("future_dates", "day")] == 1 and kinds[("old_dates", "day")] == 1
    assert kinds[("zero_prices", "price")] == 1


def test_duplicate_keys_case_variants_and_outliers(con):
    store.write_table(con, "c", """SELECT * FROM (VALUES
        ('001', 'Tea', 10), ('002', 'tea ', 11), ('002', 'Coffee', 12), ('003', 'coffee', 10),
        ('004', 'Cake', 11), ('005', 'Cake', 1000)) v(customer_id, fav, spend)""")
    prof = profile(con, "c", {"customer_id": "customer_id"})
    kinds = _kinds(prof)
    assert kinds[("duplicate_keys", "customer_id")] == 1
    variants = next(p for p in prof["problems"] if p["kind"] == "case_variants")
    assert variants["count"] == 2 and "'Tea' / 'tea '" in " ".join(variants["examples"])
    assert kinds[("outliers", "spend")] == 1


def test_codes_are_not_fenced_as_outliers(con):
    """Complete Journey's ``store_id`` (a BIGINT in Parquet) is a label: no "outliers" in it."""
    store.write_table(con, "s", "SELECT CASE WHEN range < 95 THEN 300 + range % 5 ELSE 30000 END "
                                "AS store_id, CASE WHEN range < 95 THEN 10 + range % 5 ELSE 5000 END "
                                "AS spend FROM range(100)")
    kinds = _kinds(profile(con, "s", {}))
    assert ("outliers", "store_id") not in kinds and kinds[("outliers", "spend")] == 5


def test_problem_messages_in_both_languages(con):
    store.write_table(con, "t", "SELECT * FROM (VALUES (1), (1)) v(x)")
    prob = profile(con, "t", {})["problems"][0]
    assert prob["message"] == problem_message(prob, "en")
    assert prob["message"].startswith("1 row is an exact duplicate"), "read '1 rows are exact duplicates'"
    assert "重复" in problem_message(prob, "zh")


def test_empty_table_and_missing_table(con):
    store.write_table(con, "e", "SELECT 1 AS x, 'a' AS s WHERE false")
    prof = profile(con, "e", {})
    assert prof["rows"] == 0 and prof["problems"] == []
    with pytest.raises(CrmError, match="no table named 'nope'"):
        profile(con, "nope")


def test_histogram_bins_add_up(con):
    store.write_table(con, "t", "SELECT range::DOUBLE AS x FROM range(100)")
    bins = histogram(con, "t", "x", bins=10)
    assert bins["count"].sum() == 100 and len(bins) == 10 and bins["count"].tolist() == [10] * 10
    with pytest.raises(CrmError, match="not numeric"):
        store.write_table(con, "s", "SELECT 'a' AS s")
        histogram(con, "s", "s")


def test_sample_orders_show_the_planted_dirt(sample_ws):
    with sample_ws.connect() as con:
        prof = profile(con, "orders")
        truth = con.execute("""SELECT count(*) FILTER (WHERE invoice_no LIKE 'C%'),
                                      count(*) FILTER (WHERE customer_id IS NULL),
                                      count(*) FILTER (WHERE unit_price = 0) FROM orders""").fetchone()
    kinds = _kinds(prof)
    assert kinds[("duplicate_rows", None)] == 12
    assert kinds[("cancellations", "invoice_no")] == truth[0]
    assert kinds[("missing_key", "customer_id")] == truth[1]
    assert kinds[("zero_prices", "unit_price")] == truth[2] == 8


def test_cli_profile_prints_json(sample_ws, capsys):
    assert main(["profile", "customers", "--workspace", str(sample_ws.folder)]) == 0
    out = json.loads(capsys.readouterr().out.strip().splitlines()[-1])
    cols = {c["name"]: c for c in out["columns"]}
    assert out["rows"] == 3000
    assert 0.01 < cols["age"]["missing"] < 0.03
    assert {t["value"] for t in cols["gender"]["top"]} >= {"M", "F"}
    assert cols["customer_id"]["role"] == "customer_id"


def test_cli_profile_unknown_table_exits_1(sample_ws, capsys):
    assert main(["profile", "nope", "--workspace", str(sample_ws.folder)]) == 1
    assert "nope" in capsys.readouterr().err


def test_profile_names_the_pii_kind_of_each_column(sample_ws):
    from crm_core.quality.profile import profile

    with sample_ws.connect() as con:
        columns = {c["name"]: c for c in profile(con, "customers")["columns"]}
    assert columns["email"]["pii"] == "email" and columns["phone"]["pii"] == "phone"
    assert columns["customer_id"]["pii"] is None and columns["signup_date"]["pii"] is None
    assert columns["email"]["masked"] is False


def test_transaction_table_repeats_are_not_duplicate_keys_and_roles_show_evidence(con):
    from crm_core.load.reader import load_file
    from tests.conftest import DATA

    load_file(con, DATA / "purchase_log.txt", table="log")
    result = profile(con, "log")
    assert result["kind"] == "transactions"
    assert not [p for p in result["problems"] if p["kind"] == "duplicate_keys"]
    by_name = {c["name"]: c for c in result["columns"]}
    assert "dollar_value" in by_name["dollar_value"]["role_evidence"]
    assert result["missing_roles"].startswith("'log' has no order id")


def test_a_customer_table_is_not_told_it_lacks_purchases_and_orders(con, tmp_path):
    """QA2 peeps: a customer table (name, e-mail, birth date) read "has no amount column, so
    results count purchases …; no order id …" on the Data page and in ``profile``."""
    from crm_core.load.reader import load_file
    from crm_core.workspace.missing import table_note

    path = tmp_path / "peeps.csv"
    path.write_text("name_given,name_family,email_addr,dob\nRuth,Conte,rcconte@example.com,1949-03-16\n"
                    "Peter,Möller,pmoeller@example.com,1939-11-22\nFanette,Gadbois,fgadbois@example.com,1988-05-02\n")
    load_file(con, path, table="peeps")
    result = profile(con, "peeps")
    assert result["kind"] == "customers" and result["missing_roles"] == ""
    assert table_note(con, "peeps", "zh") == ""
    con.execute("CREATE TABLE log AS SELECT * FROM (VALUES ('a', DATE '2015-01-01'), "
                "('a', DATE '2015-02-01'), ('b', DATE '2015-01-03')) v(customer_id, date)")
    assert table_note(con, "log").startswith("'log' has no amount column")


def test_a_few_rows_of_many_and_whole_number_fences_are_said_as_people_read_them(sample_ws):
    """judge8 walk on the sample orders: "12 rows are exact duplicates of another row (0.0%)" (as if
    none) and a whole-number quantity's outliers "outside [-2.00, 5.00]"."""
    with sample_ws.connect() as con:
        problems = profile(con, "orders")["problems"]
    duplicates = next(p for p in problems if p["kind"] == "duplicate_rows")
    assert 0 < duplicates["share"] < 0.0005 and duplicates["message"].endswith("(<0.1%)."), duplicates
    quantity = next(p for p in problems if p["kind"] == "outliers" and p["column"] == "quantity")
    assert re.search(r"outside \[-?\d+, \d+\], the fences", quantity["message"]), quantity["message"]
    assert re.search(r"超出 Q1/Q3 ± 3 × IQR 界限 \[-?\d+, \d+\]", problem_message(quantity, "zh"))


def test_outlier_fences_are_said_within_the_columns_own_range(con):
    """QA3 walk (bakery demand, never below 0): "outside [-277, 416]"; the lower fence is now the
    column's own minimum, the count unchanged."""
    store.write_table(con, "d", "SELECT CASE WHEN range < 95 THEN range % 40 ELSE 900 + range END "
                                "AS demand FROM range(100)")
    found = next(p for p in profile(con, "d", {})["problems"] if p["kind"] == "outliers")
    assert found["count"] == 5
    low = float(found["examples"][0].split("[")[1].split(",")[0])
    assert low == 0, found["examples"]


def test_a_chinese_profile_says_the_outlier_fences_in_chinese_beside_its_message(sample_ws):
    """Fourteenth judge pass: ``profile orders --lang zh`` wrote the outliers' ``examples`` as
    "outside [-2, 5], the fences Q1/Q3 ± 3 × IQR" beside the Chinese message; values stay values."""
    with sample_ws.connect() as con:
        problems = profile(con, "orders", lang="zh")["problems"]
    fences = [e for p in problems if p["kind"] == "outliers" for e in p["examples"]]
    assert fences and all(e.startswith("超出 Q1/Q3 ± 3 × IQR 界限 [") for e in fences), fences
    assert all(e in p["message"] for p in problems for e in p["examples"]), problems


def test_a_whole_number_column_is_binned_one_bar_a_value(con):
    """walk17 (zh_11_clean_profile.png): 购买数量 (1, 2 or 3 items) was cut into 30 bins of 0.067,
    drawn as three slivers over ticks reading 1.5 and 2.5, quantities nobody bought. A whole-number
    column with fewer values than bins gets one bar a value, on ticks that are whole numbers."""
    from crm_core.quality.charts import distribution_chart

    con.execute("CREATE TABLE t AS SELECT (i % 3) + 1 AS qty FROM range(100) r(i)")
    bins = histogram(con, "t", "qty")
    assert bins["low"].tolist() == [1, 2, 3] and bins["count"].tolist() == [34, 33, 33]
    figure = distribution_chart(bins, "qty", ("qty", "rows"))
    assert list(figure.data[0].x) == [1, 2, 3]
    assert figure.layout.xaxis.dtick == 1


def test_an_order_number_read_as_a_number_gets_no_mean_or_median(con):
    """walk31: Clean profiled Lazada's ``Order Number`` (an order id kept as a BIGINT) with a mean
    and a median of 200,481,702,585: an id has a range, never an average."""
    from crm_core.load.reader import load_file
    from tests.conftest import DATA

    load_file(con, DATA / "lazada_orders_excerpt.csv", table="lz")
    columns = {c["name"]: c for c in profile(con, "lz")["columns"]}
    order = columns["Order Number"]
    assert order["role"] == "order_id" and order["type"] in ("BIGINT", "HUGEINT", "DOUBLE")
    assert "mean" not in order and "quantiles" not in order and order["min"] < order["max"]
    assert "mean" in columns["Paid Price"] and "quantiles" in columns["Paid Price"]  # a measure keeps them


def test_a_hex_transaction_id_starting_with_c_is_no_cancellation(con):
    """Recurly's ``transaction_id`` is lowercase hex: walk37's Clean profile said "28 ids start with 'C'
    (3.4%) — cancellations/returns" of 835 payments. A cancellation id is Online Retail's ``C536379``:
    a capital C, then digits only."""
    import pandas as pd

    from crm_core.load.reader import load_file
    from tests.conftest import DATA

    path = DATA / "recurly_transactions_excerpt.csv"
    ids = pd.read_csv(path, dtype=str)["transaction_id"]
    assert ids.str.lower().str.startswith("c").any()  # the excerpt holds such ids
    load_file(con, path, table="rc")
    result = profile(con, "rc")
    assert {c["name"]: c["role"] for c in result["columns"]}["transaction_id"] == "order_id"
    assert _kinds(result).get(("cancellations", "transaction_id"), 0) == ids.str.fullmatch(r"C[0-9]+").sum()
