"""The Home page: the workflow names every page as the sidebar does, counts read with separators."""

from __future__ import annotations

import json

import pytest

from app_ui.nav import PAGE_SPECS
from crm_core.i18n import t
from tests.ui.apptest import new_app


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_workflow_names_every_page_as_the_sidebar_does(sample_ws, lang):
    """Walk (English): the workflow said "Integrate", "Keep customers", "Serve" for pages the sidebar
    calls Data, Customers, Support, and left out Link customers, Cohorts, Customer 360 and SQL."""
    at = new_app(sample_ws.folder, lang).run()
    assert not at.exception, at.exception
    steps = " ".join(m.value for m in at.markdown)
    for spec in PAGE_SPECS[1:]:
        assert f"**{t(spec.title_key, lang)}**" in steps, spec.name


def test_table_rows_read_with_thousands_separators(sample_ws):
    """Walk: the table list read 69659 and 144055 under a metric reading 396,857."""
    at = new_app(sample_ws.folder).run()
    config = json.loads(at.dataframe[0].proto.columns)
    assert config["Rows"]["type_config"]["format"] == "localized"


def _cleaned(folder) -> None:
    """A table written by a one-step recipe, as the Clean page writes it."""
    from crm_core.quality import recipes
    from crm_core.workspace import store
    from crm_core.workspace.store import Workspace

    recipe = recipes.Recipe([recipes.step_from_dict({"kind": "drop_duplicates"}, 1)])
    with Workspace(folder).connect() as con:
        recipes.apply_recipe(con, "orders", recipe, "orders_clean")
        store.write_table(con, "faq_clean", "SELECT * FROM faq", source="recipe on faq", kind="clean",
                          parent="faq")  # as catalogues before walk17 kept it


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_table_list_says_sources_and_times_in_the_page_language(sample_ws, lang):
    """walk17 (zh_29_home_runs.png): the Chinese table list read "recipe on unified_payments" as a
    cleaned table's source, "2026-12-05 14:39:59" as its time and "2026-12-05 14:45" as the last load,
    where every other grid says 2026年12月5日 14:39; a long name was cut at the column's edge. Said
    so, the last load is a line: as a metric it read "2026年…" at 820 px (tab_zh_01_home.png)."""
    _cleaned(sample_ws.folder)
    at = new_app(sample_ws.folder, lang).run()
    assert not at.exception, at.exception
    grid = at.dataframe[0]
    sources = grid.value[t("home.col.source", lang)].tolist()
    assert t("home.source.clean", lang, table="orders") in sources
    assert t("home.source.clean", lang, table="faq") in sources
    assert not any("recipe on" in s for s in sources)
    config = json.loads(grid.proto.columns)
    loaded = config[t("home.col.loaded", lang)]
    assert loaded["type_config"]["format"] == ("YYYY年M月D日 HH:mm" if lang == "zh" else "D MMM YYYY, HH:mm")
    # walk19 (1280 px): the load time, past the wide source column, was cut at "2026年12月5"
    assert list(grid.value.columns)[-2:] == [t("home.col.loaded", lang), t("home.col.source", lang)]
    name = config[t("home.col.name", lang)]
    assert name["width"] >= 8 * len("support_questions")
    said = t("home.last_loaded_at", lang, when="")[:4]
    last = next(c.value for c in at.caption if c.value.startswith(said))
    assert ("年" in last) if lang == "zh" else ("-" not in last and "," in last), last
