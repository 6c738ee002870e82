"""Recipes kept in the workspace: versions, lookup by name or file, the CLI by name, words."""

from __future__ import annotations

import json

import pytest

from crm_core.cli import main
from crm_core.errors import CrmError
from crm_core.quality import recipe_store
from crm_core.quality.describe import describe
from crm_core.quality.recipes import Recipe, step_from_dict

DROP = Recipe([step_from_dict({"kind": "drop_missing", "columns": ["customer_id"]})])
BOTH = DROP.add(step_from_dict({"kind": "drop_duplicates"}))


def test_versions_grow_only_when_the_steps_change(con):
    assert recipe_store.save_recipe(con, "monthly", DROP, "orders") == 1
    assert recipe_store.save_recipe(con, "monthly", DROP, "orders") == 1
    assert recipe_store.save_recipe(con, "monthly", BOTH, "orders") == 2
    kept = recipe_store.saved_recipes(con)
    assert kept[["name", "version", "steps"]].values.tolist() == [["monthly", 2, 2]]
    assert recipe_store.get_recipe(con, "monthly").to_dict() == BOTH.to_dict()
    assert recipe_store.resolve_recipe(con, "monthly@1").to_dict() == DROP.to_dict()
    with pytest.raises(CrmError, match="no saved recipe 'weekly'.*saved: monthly"):
        recipe_store.resolve_recipe(con, "weekly")
    with pytest.raises(CrmError, match="no steps"):
        recipe_store.save_recipe(con, "empty", Recipe())


def test_a_kept_mapping_reopens_in_the_order_typed(con):
    """walk13: a kept mapping reopened 四川省, 广东省, 江苏省 … where it was typed 四川省, 浙江省,
    广东省: the kept JSON sorted its keys. Re-saving the same pairs in another order is no new version."""
    typed = {"四川": "四川省", "浙江": "浙江省", "广东": "广东省", "江苏": "江苏省"}
    recipe = Recipe([step_from_dict({"kind": "map_values", "column": "province", "mapping": typed})])
    assert recipe_store.save_recipe(con, "provinces", recipe, "orders") == 1
    assert list(recipe_store.get_recipe(con, "provinces").steps[0].mapping) == list(typed)
    shuffled = dict(reversed(typed.items()))
    again = Recipe([step_from_dict({"kind": "map_values", "column": "province", "mapping": shuffled})])
    assert recipe_store.save_recipe(con, "provinces", again, "orders") == 1


def test_cli_reruns_a_kept_recipe_by_name(sample_ws, tmp_path, capsys):
    file = tmp_path / "r.json"
    file.write_text(BOTH.to_json(), encoding="utf-8")
    folder = str(sample_ws.folder)
    assert main(["clean", "orders", "--recipe", str(file), "--keep-as", "monthly",
                 "--workspace", folder]) == 0
    first = json.loads(capsys.readouterr().out.strip().splitlines()[-1])
    assert first["kept_as"] == {"name": "monthly", "version": 1}
    assert main(["clean", "orders", "--recipe", "monthly", "--into", "again", "--workspace", folder]) == 0
    again = json.loads(capsys.readouterr().out.strip().splitlines()[-1])
    assert again["rows_after"] == first["rows_after"] < first["rows_before"]
    assert again["steps"][0]["description"] == "Drop rows where customer_id is empty"
    assert main(["clean", "orders", "--recipe", "nope", "--workspace", folder]) == 1
    assert "no saved recipe 'nope'" in capsys.readouterr().err


@pytest.mark.parametrize("step, en, zh", [
    ({"kind": "fill_missing", "column": "age", "method": "median"}, "Fill empty age with the median",
     "用中位数填充“age”的空值"),
    ({"kind": "outliers", "column": "amount", "action": "cap"}, "Cap extreme values of amount",
     "截断“amount”的极端值"),
    ({"kind": "drop_duplicates", "columns": ["a", "b"], "keep": "last"},
     "Remove duplicate rows (same a, b), keeping the last one", "删除重复行（“a”、“b”相同），保留最后一行"),
])
def test_steps_in_words(step, en, zh):
    assert describe(step_from_dict(step)) == en
    assert describe(step_from_dict(step), "zh") == zh
