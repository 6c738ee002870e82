"""Each recipe step on tiny tables with exact expected output; JSON round trip; bad recipes."""

from __future__ import annotations

import json

import pytest

from crm_core.cli import main
from crm_core.errors import CrmError
from crm_core.quality.recipes import Recipe, apply_recipe, mapping_from_text, preview_step, step_from_dict
from crm_core.workspace import store

ORDERS_SQL = """SELECT * FROM (VALUES
    ('500001', '2024-01-05', 'A1', 2, 10.0, 20.0),
    ('500001', '2024-01-05', 'A1', 2, 10.0, 20.0),
    ('C500002', '2024-01-06', 'A1', -1, 10.0, -10.0),
    ('500003', '2024-01-07', NULL, 1, 5.0, 5.0),
    ('500004', '2024-01-08', ' B2 ', 3, 0.0, 0.0),
    ('500005', '2024-02-01', 'B2', 1, 400.0, 400.0)
) v(order_no, order_date, customer_id, qty, price, amount)"""
ROLES = {"order_id": "order_no", "date": "order_date", "customer_id": "customer_id",
         "quantity": "qty", "unit_price": "price", "amount": "amount"}


@pytest.fixture
def orders(con):
    store.write_table(con, "orders", ORDERS_SQL, roles=ROLES)
    return con


def _run(con, table, steps, roles=None):
    result = apply_recipe(con, table, Recipe.from_dict({"steps": steps}), roles=roles)
    rows = con.execute(f'SELECT * FROM "{result["into"]}"').fetchall()
    return result, rows


def test_drop_missing_treats_blank_text_as_missing(con):
    store.write_table(con, "t", "SELECT * FROM (VALUES ('a', 1), (NULL, 2), ('  ', 3)) v(k, n)")
    _, rows = _run(con, "t", [{"kind": "drop_missing", "columns": ["k"]}], roles={})
    assert rows == [("a", 1)]


def test_drop_exact_duplicates_and_by_key_keep_last(orders):
    result, rows = _run(orders, "orders", [{"kind": "drop_duplicates"}])
    assert result["rows_after"] == 5 and rows[0][0] == "500001" and rows[1][0] == "C500002"
    _, rows = _run(orders, "orders", [{"kind": "drop_duplicates", "columns": ["order_date"],
                                       "keep": "last"}])
    assert len(rows) == 5


def test_keep_first_and_last_follow_file_order(con):
    store.write_table(con, "t", "SELECT * FROM (VALUES ('x', 1), ('y', 2), ('x', 3)) v(k, n)")
    _, first = _run(con, "t", [{"kind": "drop_duplicates", "columns": ["k"], "keep": "first"}], {})
    _, last = _run(con, "t", [{"kind": "drop_duplicates", "columns": ["k"], "keep": "last"}], {})
    assert first == [("x", 1), ("y", 2)]
    assert last == [("y", 2), ("x", 3)]


def test_returns_remove_and_keep_as_negative(con):
    store.write_table(con, "o", """SELECT * FROM (VALUES ('1', 2, 20.0), ('C2', 1, 10.0),
                                   ('3', -1, -5.0), ('CD01', 1, 7.0)) v(inv, q, amt)""",
                      roles={"order_id": "inv", "quantity": "q", "amount": "amt"})
    _, kept = _run(con, "o", [{"kind": "returns", "action": "remove"}])
    assert kept == [("1", 2, 20.0), ("CD01", 1, 7.0)]  # a shop code starting with C is no return
    _, signed = _run(con, "o", [{"kind": "returns", "action": "negative"}])
    assert signed == [("1", 2, 20.0), ("C2", -1, -10.0), ("3", -1, -5.0), ("CD01", 1, 7.0)]


def test_returns_without_any_role_is_a_clear_error(con):
    store.write_table(con, "t", "SELECT 1 AS n", roles={})
    with pytest.raises(CrmError, match="order id, quantity or amount"):
        _run(con, "t", [{"kind": "returns"}], roles={})


def test_cast_number_handles_currency_thousands_and_accounting_negatives(con):
    store.write_table(con, "t", """SELECT * FROM (VALUES ('$1,234.50'), ('(12.00)'), ('abc'),
                                   ('€ 7')) v(x)""")
    _, rows = _run(con, "t", [{"kind": "cast", "column": "x", "to": "number"}], {})
    assert rows == [(1234.5,), (-12.0,), (None,), (7.0,)]
    store.write_table(con, "eu", "SELECT * FROM (VALUES ('1.234,5'), ('3,25')) v(x)")
    _, rows = _run(con, "eu", [{"kind": "cast", "column": "x", "to": "number", "decimal": ","}], {})
    assert rows == [(1234.5,), (3.25,)]


def test_cast_empties_the_placeholders_the_loader_knows(con):
    """A store export's 实付金额 / 到期日 kept as text: ``NaN`` and ``inf`` became numbers (a NaN sum),
    a whole-number conversion stopped on ``NaN``, and ``9999-12-31`` (no end) became a date."""
    store.write_table(con, "t", """SELECT * FROM (VALUES ('¥1,234.50', '2024-03-05'), ('无', '无'),
                                   ('NaN', '9999-12-31'), ('inf', '-'), ('-', '0000-00-00'),
                                   ('#N/A', 'N/A'), ('¥-', '2024-03-06')) v(amount, due)""")
    steps = [{"kind": "cast", "column": "amount", "to": "number"},
             {"kind": "cast", "column": "due", "to": "date"}]
    _, rows = _run(con, "t", steps, {})
    assert [r[0] for r in rows] == [1234.5, None, None, None, None, None, None]
    assert [str(r[1]) if r[1] else None for r in rows] == ["2024-03-05", *[None] * 5, "2024-03-06"]
    _, rows = _run(con, "t", [{"kind": "cast", "column": "amount", "to": "integer"}], {})
    assert [r[0] for r in rows] == [1235, None, None, None, None, None, None]  # rounded


def test_cast_date_detects_day_first_and_takes_a_given_format(con):
    store.write_table(con, "t", "SELECT * FROM (VALUES ('25/12/2024'), ('01/02/2024'), ('x')) v(d)")
    _, rows = _run(con, "t", [{"kind": "cast", "column": "d", "to": "date"}], {})
    assert [str(r[0]) if r[0] else None for r in rows] == ["2024-12-25", "2024-02-01", None]
    _, rows = _run(con, "t", [{"kind": "cast", "column": "d", "to": "date", "format": "%m/%d/%Y"}], {})
    assert [str(r[0]) if r[0] else None for r in rows] == [None, "2024-01-02", None]


def test_fill_missing_constant_mean_median_mode(con):
    store.write_table(con, "t", """SELECT * FROM (VALUES (1.0, 'a'), (NULL, NULL), (5.0, 'b'),
                                   (6.0, 'b')) v(x, g)""")
    cases = {"mean": 4.0, "median": 5.0}
    for method, fill in cases.items():
        _, rows = _run(con, "t", [{"kind": "fill_missing", "column": "x", "method": method}], {})
        assert rows[1][0] == fill
    _, rows = _run(con, "t", [{"kind": "fill_missing", "column": "g", "method": "mode"}], {})
    assert rows[1][1] == "b"
    _, rows = _run(con, "t", [{"kind": "fill_missing", "column": "g", "method": "constant",
                               "value": "unknown"}], {})
    assert rows[1][1] == "unknown"
    with pytest.raises(CrmError, match="does not fit"):
        _run(con, "t", [{"kind": "fill_missing", "column": "x", "method": "constant", "value": "abc"}], {})


def test_forward_fill_uses_the_customers_previous_value_by_date(con):
    store.write_table(con, "t", """SELECT * FROM (VALUES ('A', DATE '2024-01-02', NULL),
        ('A', DATE '2024-01-01', 'gold'), ('B', DATE '2024-01-03', NULL), ('A', DATE '2024-01-05', '')
        ) v(c, d, tier)""", roles={"customer_id": "c", "date": "d"})
    _, rows = _run(con, "t", [{"kind": "fill_missing", "column": "tier", "method": "ffill"}])
    assert [r[2] for r in rows] == ["gold", "gold", None, "gold"]


def test_trim_and_case_and_map_values(con):
    store.write_table(con, "t", """SELECT * FROM (VALUES ('  M '), ('male'), ('男'), ('F'),
                                   ('Female'), ('  '), ('x')) v(g)""")
    _, rows = _run(con, "t", [{"kind": "trim_text", "columns": ["g"], "case": "upper"}], {})
    assert [r[0] for r in rows] == ["M", "MALE", "男", "F", "FEMALE", None, "X"]
    mapping = {"M": "Male", "male": "Male", "男": "Male", "F": "Female", "female": "Female"}
    _, rows = _run(con, "t", [{"kind": "map_values", "column": "g", "mapping": mapping}], {})
    assert [r[0] for r in rows] == ["Male", "Male", "Male", "Female", "Female", "  ", "x"]


def test_filter_range_numbers_and_dates(con):
    store.write_table(con, "t", """SELECT * FROM (VALUES (17, DATE '2024-01-01'), (18, DATE '2024-03-01'),
                                   (60, DATE '2024-05-01'), (61, NULL), (NULL, NULL)) v(age, d)""")
    _, rows = _run(con, "t", [{"kind": "filter_range", "column": "age", "min": 18, "max": 60}], {})
    assert [r[0] for r in rows] == [18, 60]
    _, rows = _run(con, "t", [{"kind": "filter_range", "column": "age", "min": 18, "max": 60,
                               "keep_missing": True}], {})
    assert [r[0] for r in rows] == [18, 60, None]
    _, rows = _run(con, "t", [{"kind": "filter_range", "column": "d", "min": "2024-02-01"}], {})
    assert [r[0] for r in rows] == [18, 60]


def test_outliers_cap_and_drop_use_the_far_out_fences(con):
    store.write_table(con, "t", "SELECT x::DOUBLE AS x FROM (VALUES (1), (2), (3), (4), (5), (100)) v(x)")
    q1, q3 = con.execute("SELECT quantile_cont(x, 0.25), quantile_cont(x, 0.75) FROM t").fetchone()
    high = q3 + 3 * (q3 - q1)
    _, rows = _run(con, "t", [{"kind": "outliers", "column": "x", "action": "cap"}], {})
    assert [r[0] for r in rows] == [1.0, 2.0, 3.0, 4.0, 5.0, high]
    _, rows = _run(con, "t", [{"kind": "outliers", "column": "x", "action": "drop"}], {})
    assert [r[0] for r in rows] == [1.0, 2.0, 3.0, 4.0, 5.0]


def test_derive_amount_from_quantity_and_text_price(con):
    store.write_table(con, "t", "SELECT * FROM (VALUES (2, '£3.50'), (0, '1'), (4, NULL)) v(q, p)")
    _, rows = _run(con, "t", [{"kind": "derive", "name": "amount", "left": "q", "op": "multiply",
                               "right": "p"}], {})
    assert [r[2] for r in rows] == [7.0, 0.0, None]
    _, rows = _run(con, "t", [{"kind": "derive", "name": "per", "left": "p", "op": "divide",
                               "right": "q"}], {})
    assert [r[2] for r in rows] == [1.75, None, None]


def test_a_recipe_keeps_the_raw_table_and_carries_roles(orders):
    before = orders.execute("SELECT * FROM orders").fetchall()
    result, _ = _run(orders, "orders", [{"kind": "drop_missing", "columns": ["customer_id"]},
                                        {"kind": "drop_duplicates"},
                                        {"kind": "returns", "action": "remove"}])
    assert orders.execute("SELECT * FROM orders").fetchall() == before
    assert [(s["rows_before"], s["rows_after"]) for s in result["steps"]] == [(6, 5), (5, 4), (4, 3)]
    assert result["before"] == {"rows": 6, "empty_cells": 1, "duplicate_rows": 1}
    assert result["after"] == {"rows": 3, "empty_cells": 0, "duplicate_rows": 0}
    assert store.saved_roles(orders, "orders_clean") == ROLES


def test_round_trip_save_load_reapply_gives_the_same_table(orders, tmp_path):
    steps = [{"kind": "trim_text", "columns": ["customer_id"]},
             {"kind": "cast", "column": "order_date", "to": "date"},
             {"kind": "map_values", "column": "customer_id", "mapping": {"b2": "B-2"}},
             {"kind": "outliers", "column": "amount", "action": "cap"}]
    recipe = Recipe.from_dict({"steps": steps})
    path = tmp_path / "recipe.json"
    path.write_text(recipe.to_json(), encoding="utf-8")
    loaded = Recipe.from_json(path.read_bytes())
    assert loaded == recipe and loaded.to_json() == recipe.to_json()
    apply_recipe(orders, "orders", recipe, into="first")
    apply_recipe(orders, "orders", loaded, into="second")
    assert orders.execute("SELECT * FROM first").fetchall() == orders.execute(
        "SELECT * FROM second").fetchall()
    assert orders.execute("SELECT count(*) FROM first WHERE customer_id = 'B-2'").fetchone()[0] == 2


def test_preview_counts_removed_changed_and_emptied(orders):
    recipe = Recipe.from_dict({"steps": [{"kind": "drop_duplicates"},
                                         {"kind": "cast", "column": "order_no", "to": "number"}]})
    first = preview_step(orders, "orders", recipe, 1)
    assert (first.rows_before, first.rows_after, first.removed) == (6, 5, 1)
    second = preview_step(orders, "orders", recipe, 2)
    assert (second.removed, second.emptied) == (0, 1)  # 'C500002' is not a number
    assert second.examples.iloc[0].tolist() == ["C500002", None] or second.changed >= 1


@pytest.mark.parametrize(("text", "message"), [
    ("{not json", "not valid JSON"),
    ('{"steps": 3}', "'steps' list"),
    ('{"steps": [{"kind": "explode"}]}', "unknown kind 'explode'"),
    ('{"steps": [{"kind": "cast", "column": "x", "colour": 1}]}', "unknown field"),
    ('{"steps": [{"kind": "cast"}]}', "'column' must name a column"),
    ('{"steps": [{"kind": "returns", "action": "hide"}]}', "must be one of remove, negative"),
    ('{"steps": [{"kind": "filter_range", "column": "x"}]}', "needs a 'min'"),
])
def test_malformed_recipes_get_clear_messages(text, message):
    with pytest.raises(CrmError, match=message):
        Recipe.from_json(text)


@pytest.mark.parametrize(("step", "message"), [
    ({"kind": "drop_missing", "columns": ["nope"]}, "no column 'nope'"),
    ({"kind": "outliers", "column": "customer_id"}, "not a number"),
    ({"kind": "trim_text", "columns": ["qty"]}, "not text"),
    ({"kind": "filter_range", "column": "qty", "min": "ten"}, "not a valid double"),
])
def test_steps_that_do_not_fit_fail_before_anything_is_written(orders, step, message):
    with pytest.raises(CrmError, match=message):
        apply_recipe(orders, "orders", Recipe.from_dict({"steps": [step]}))
    assert not store.table_exists(orders, "orders_clean")


def test_never_overwrites_raw_or_foreign_tables(orders):
    recipe = Recipe.from_dict({"steps": [{"kind": "drop_duplicates"}]})
    with pytest.raises(CrmError, match="never overwrites"):
        apply_recipe(orders, "orders", recipe, into="orders")
    store.write_table(orders, "other", "SELECT 1 AS x")
    with pytest.raises(CrmError, match="not made by a recipe"):
        apply_recipe(orders, "orders", recipe, into="other")
    apply_recipe(orders, "orders", recipe)
    apply_recipe(orders, "orders", recipe)  # re-running replaces the earlier cleaned table


def test_mapping_from_text():
    assert mapping_from_text("M = Male\n\n男 → Male\nf=Female") == {"M": "Male", "男": "Male", "f": "Female"}
    with pytest.raises(CrmError, match="line 1"):
        mapping_from_text("oops")


def test_cli_clean_on_the_sample_orders(sample_ws, tmp_path, capsys):
    recipe = tmp_path / "r.json"
    recipe.write_text(json.dumps({"steps": [{"kind": "drop_missing", "columns": ["customer_id"]},
                                            {"kind": "drop_duplicates"},
                                            {"kind": "returns", "action": "remove"}]}))
    code = main(["clean", "orders", "--recipe", str(recipe), "--workspace", str(sample_ws.folder)])
    out = json.loads(capsys.readouterr().out.strip().splitlines()[-1])
    assert code == 0
    with sample_ws.connect() as con:
        raw = con.execute("""SELECT count(*), count(*) FILTER (WHERE customer_id IS NULL),
                                    count(*) - count(DISTINCT COLUMNS(*)) FROM orders""").fetchone()
    assert out["rows_before"] == raw[0] and out["steps"][0]["rows_after"] == raw[0] - raw[1]
    assert out["steps"][1]["rows_before"] - out["steps"][1]["rows_after"] == 12
    assert out["into"] == "orders_clean"


def test_cli_bad_recipe_is_one_line_and_exit_1(sample_ws, tmp_path, capsys):
    bad = tmp_path / "bad.json"
    bad.write_text('{"steps": [{"kind": "cast", "column": "nope"}]}')
    code = main(["clean", "orders", "--recipe", str(bad), "--workspace", str(sample_ws.folder)])
    err = capsys.readouterr().err.strip()
    assert code == 1 and len(err.splitlines()) == 1 and "nope" in err


def test_a_mapping_says_how_many_labels_it_makes_and_its_first_pairs():
    """walk10: pizza sizes S/M/L/XL/XXL → Small … Extra extra large read "Give 5 spellings of size
    one label" (five labels); a mapping now says how many labels and its first pairs."""
    from crm_core.quality.describe import describe

    sizes = step_from_dict({"kind": "map_values", "column": "size", "mapping": {
        "S": "Small", "M": "Medium", "L": "Large", "XL": "Extra large", "XXL": "Extra extra large"}}, 1)
    assert describe(sizes, "en") == "Map 5 values of size to 5 labels: S → Small, M → Medium, L → Large, …"
    assert describe(sizes, "zh") == "将“size”的 5 个值改写为 5 个标签：S → Small、M → Medium、L → Large、…"
    gender = step_from_dict({"kind": "map_values", "column": "gender",
                                     "mapping": {"M": "Male", "male": "Male"}}, 1)
    assert describe(gender, "en") == "Give 2 spellings of gender one label: M → Male, male → Male"
