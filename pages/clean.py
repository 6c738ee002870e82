"""Clean: profile a table, build a cleaning recipe step by step, integrate several exports (the
first and third tabs live in ``clean_profile.py`` and ``clean_integrate.py``)."""

from __future__ import annotations

import json
import shlex
from functools import partial

import pandas as pd
import streamlit as st

from app_ui import (
    as_days,
    current_user,
    delta,
    headers,
    lang,
    plain,
    require_tables,
    select_all,
    show_table,
    table_picker,
    tr,
    user_errors,
    workspace,
)
from crm_core.errors import CrmError
from crm_core.protect import audit
from crm_core.quality import profile as quality
from crm_core.quality import recipe_store, recipes
from crm_core.quality.charts import steps_chart
from crm_core.quality.describe import describe
from crm_core.quality.steps import CAST_TARGETS, FILL_METHODS, number_like_first
from crm_core.quality.steps_numeric import DERIVE_OPS
from crm_core.report import format as fmt
from crm_core.report.files import csv_bytes, file_stem
from crm_core.workspace import store
from crm_core.workspace.roles import get_roles, is_numeric_type
from pages.clean_integrate import integrate_tab
from pages.clean_profile import profile_tab, table_version

RECIPE_KEY = "clean_recipe_steps"
NAME_KEY = "clean_recipe_name"
# The name typed or opened, kept apart from the box: Streamlit drops a widget's value on another
# page, and the box came back holding the first table the page opened on ("superstore" for a
# pizza recipe; walk10).
CHOSEN_NAME = "clean_recipe_chosen"
UPLOAD_KEY = "clean_recipe_loaded"
DOWNLOAD_ROWS = 200_000


@st.cache_data(max_entries=32, show_spinner=False)
def _preview(folder: str, table: str, version: int, steps_json: str, index: int):
    with store.Workspace(folder).connect() as con:
        return recipes.preview_step(con, table, recipes.Recipe.from_json(steps_json), index)


def _recipe() -> recipes.Recipe:
    return recipes.Recipe.from_dict({"steps": st.session_state.get(RECIPE_KEY, [])})


def _set_recipe(recipe: recipes.Recipe) -> None:
    st.session_state[RECIPE_KEY] = [s.to_dict() for s in recipe.steps]


def _open_kept(name: str, version: int | None = None) -> None:
    with workspace().connect() as con:
        _set_recipe(recipe_store.get_recipe(con, name, version))
    st.session_state[CHOSEN_NAME] = name


def _choose_name() -> None:
    st.session_state[CHOSEN_NAME] = st.session_state[NAME_KEY].strip()


def kept_section(table: str) -> None:
    """Recipes kept in the workspace; after a reload the newest one made on this table opens."""
    with workspace().connect() as con:
        kept = recipe_store.saved_recipes(con)
    if RECIPE_KEY not in st.session_state:
        mine = kept[kept["source_table"] == table]
        if len(mine):
            newest = mine.iloc[0]
            _open_kept(newest["name"])
            st.info(tr("clean.recipe.reopened", name=newest["name"], version=int(newest["version"])))
    with st.expander(tr("clean.recipe.kept", count=len(kept))):  # "配方 (1)" had English brackets
        if kept.empty:
            st.caption(tr("clean.recipe.none"))
            return
        labels = headers(kept, "clean.kept_col")  # the grid read name, source_table, 2026-12-05 05:53:48
        shown, days = as_days(kept, labels)
        show_table(shown, column_config=labels | days)
        left, right = st.columns([3, 1])
        name = left.selectbox(tr("clean.recipe.pick"), kept["name"].tolist(), key="clean_kept_pick")
        right.button(tr("clean.recipe.open"), key="clean_kept_open", on_click=_open_kept, args=(name,))


def _keep(table: str, recipe: recipes.Recipe) -> int:
    with workspace().connect() as con:
        return recipe_store.save_recipe(con, st.session_state.get(CHOSEN_NAME) or table, recipe, table,
                                        current_user())


def _load_recipe_upload() -> None:
    upload = st.file_uploader(tr("clean.load_recipe"), type=["json"], key="clean_recipe_upload")
    if upload is not None and st.session_state.get(UPLOAD_KEY) != upload.file_id:
        st.session_state[UPLOAD_KEY] = upload.file_id
        _set_recipe(recipes.Recipe.from_json(upload.getvalue()))
        st.success(tr("clean.recipe_loaded", n=len(_recipe().steps)))


ID_ROLES = ("customer_id", "order_id", "product_id")


def _cast_default(table: str, text: list[str], ids: set[str]) -> str | None:
    """The text column whose values read most as numbers (an amount kept as text), ids aside."""
    with workspace().connect() as con:
        raw = dict(store.columns_of(con, table))
        return next(iter(number_like_first(con, table, [c for c in text if c not in ids and c in raw])), None)


def _step_form(kind: str, types: dict[str, str], roles: dict[str, str], table: str) -> dict:
    """Widgets for one step kind; returns the step's JSON object."""
    cols = list(types)
    numeric = [c for c in cols if is_numeric_type(types[c])]
    text = [c for c in cols if quality.is_text_type(types[c])]

    def pick(label: str, options: list[str], key: str, preferred: str | None = None) -> str:
        options = options or cols
        index = options.index(preferred) if preferred in options else 0
        return st.selectbox(tr(label), options, index=index, key=f"clean_p_{kind}_{key}")

    if kind == "drop_missing":
        default = [roles["customer_id"]] if roles.get("customer_id") in cols else cols[:1]
        return {"columns": st.multiselect(tr("clean.p.columns"), cols, default=default, key="clean_p_dm",
                                          select_all=select_all(), placeholder=tr("common.choose"))}
    if kind == "fill_missing":
        step = {"column": pick("clean.p.column", cols, "col"),
                "method": st.selectbox(tr("clean.p.method"), FILL_METHODS, key="clean_p_fm",
                                       format_func=lambda m: tr(f"clean.method.{m}"))}
        if step["method"] == "constant":
            step["value"] = st.text_input(tr("clean.p.value"), key="clean_p_fv")
        return step
    if kind == "drop_duplicates":
        keys = st.multiselect(tr("clean.p.key_columns"), cols, key="clean_p_dk", help=tr("clean.p.key_help"),
                              select_all=select_all(), placeholder=tr("common.choose"))
        keep = st.radio(tr("clean.p.keep"), ["first", "last"], horizontal=True, key="clean_p_keep",
                        format_func=lambda k: tr(f"clean.keep.{k}"))
        return {"columns": keys or None, "keep": keep}
    if kind == "cast":
        ids = {roles.get(r) for r in ID_ROLES} - {None}
        step = {"column": pick("clean.p.column", cols, "col", _cast_default(table, text, ids)),
                "to": st.selectbox(tr("clean.p.to"), CAST_TARGETS, key="clean_p_to",
                                   format_func=lambda t: tr(f"clean.to.{t}"))}
        if step["to"] != "text":
            st.caption(tr("clean.cast_placeholders"))
        if step["to"] in ("number", "integer"):
            step["decimal"] = st.radio(tr("clean.p.decimal"), [".", ","], horizontal=True, key="clean_p_dec")
            if step["column"] in ids:  # 00001 → 1: the id no longer matches other exports
                st.warning(tr("clean.cast_id", column=step["column"]))
        if step["to"] == "date":
            step["format"] = st.text_input(tr("clean.p.format"), "auto", key="clean_p_fmt",
                                           help=tr("clean.p.format_help"))
        return step
    if kind == "trim_text":
        return {"columns": st.multiselect(tr("clean.p.columns"), text, default=text[:1], key="clean_p_tc",
                                          select_all=select_all(), placeholder=tr("common.choose")),
                "case": st.selectbox(tr("clean.p.case"), ["none", "lower", "upper"], key="clean_p_case",
                                     format_func=lambda c: tr(f"clean.case.{c}"))}
    if kind == "map_values":
        return {"column": pick("clean.p.column", text, "col"),
                "mapping": recipes.mapping_from_text(st.text_area(tr("clean.p.mapping"), key="clean_p_map",
                                                                  help=tr("clean.p.mapping_help")))}
    if kind == "filter_range":
        return {"column": pick("clean.p.column", numeric + [c for c in cols if c not in numeric], "col"),
                "min": st.text_input(tr("clean.p.min"), key="clean_p_min") or None,
                "max": st.text_input(tr("clean.p.max"), key="clean_p_max") or None}
    if kind == "returns":
        return {"action": st.radio(tr("clean.p.returns"), ["remove", "negative"], key="clean_p_ret",
                                   format_func=lambda a: tr(f"clean.returns.{a}"))}
    if kind == "outliers":
        return {"column": pick("clean.p.column", numeric, "col", roles.get("amount")),
                "action": st.radio(tr("clean.p.action"), ["cap", "drop"], horizontal=True,
                                   key="clean_p_out", format_func=lambda a: tr(f"clean.outliers.{a}"))}
    return {"name": st.text_input(tr("clean.p.name"), "amount", key="clean_p_dn"),
            "left": pick("clean.p.left", numeric, "left", roles.get("quantity")),
            "op": st.selectbox(tr("clean.p.op"), list(DERIVE_OPS), key="clean_p_op",
                               format_func=lambda o: tr(f"clean.op.{o}")),
            "right": pick("clean.p.right", numeric, "right", roles.get("unit_price"))}


def _show_preview(pv: recipes.StepPreview) -> None:
    a, b, c, d = st.columns(4)
    a.metric(tr("clean.pv.rows"), f"{pv.rows_after:,}", **delta(pv.rows_after - pv.rows_before,
                                                                 f"{pv.rows_after - pv.rows_before:,}", 0))
    b.metric(tr("clean.pv.removed"), f"{pv.removed:,}")
    c.metric(tr("clean.pv.changed"), f"{pv.changed:,}")
    d.metric(tr("clean.pv.emptied"), f"{pv.emptied:,}")
    if len(pv.examples):
        st.caption(tr("clean.pv.examples"))
        show_table(pv.examples.rename(columns=_before_after))


def _before_after(column: str) -> str:
    """``channel (before)`` as the page's language says it (it stayed English on the Chinese page)."""
    for side in ("before", "after"):
        if column.endswith(f" ({side})"):
            return tr(f"clean.pv.{side}_col", column=column[: -len(side) - 3])
    return column


def _steps_table(folder: str, table: str, version: int, recipe: recipes.Recipe) -> pd.DataFrame:
    """Each step's counts by its number, its sentence last: the sentences stand numbered above the
    grid, and at 1280 px a mapping's pushed "修改行数" and "变为空值" past the grid's edge (walk14)."""
    rows = []
    for i, step in enumerate(recipe.steps, start=1):
        pv = _preview(folder, table, version, recipes.Recipe(recipe.steps[:i]).to_json(), i)
        rows.append({"#": i, tr("clean.pv.rows_before"): pv.rows_before,
                     tr("clean.pv.rows"): pv.rows_after, tr("clean.pv.removed"): pv.removed,
                     tr("clean.pv.changed"): pv.changed, tr("clean.pv.emptied"): pv.emptied,
                     tr("clean.step"): describe(step, lang())})
    return pd.DataFrame(rows)


def _counts(frame: pd.DataFrame) -> dict:
    """Row counts with thousands separators (the grid drew 81627 beside the metrics' 81,627)."""
    return {c: st.column_config.NumberColumn(format="localized") for c in frame.columns
            if pd.api.types.is_integer_dtype(frame[c]) and c != "#"}


def recipe_tab(table: str) -> None:
    """Add steps with a preview, undo, apply, and download the recipe and the cleaned table."""
    folder, version = str(workspace().folder), table_version(table)
    kept_section(table)
    _load_recipe_upload()
    recipe = _recipe()
    with workspace().connect() as con:
        roles = get_roles(con, table)
        try:
            types = recipes.compile_recipe(con, table, recipe, roles).types[-1]
        except CrmError as exc:
            st.error(plain(exc), icon=":material/warning:")
            types = dict(store.columns_of(con, table))
    st.subheader(tr("clean.steps"))
    if recipe.steps:
        for i, step in enumerate(recipe.steps, start=1):
            st.markdown(f"**{i}.** {plain(describe(step, lang()))}")
        with user_errors(), st.spinner(tr("clean.previewing")):
            steps = _steps_table(folder, table, version, recipe)
            show_table(steps, column_config=_counts(steps))
        left, right, _ = st.columns([1, 1, 2])
        if left.button(tr("clean.undo"), key="clean_undo"):
            _set_recipe(recipe.without_last())
            st.rerun()
        if right.button(tr("clean.clear"), key="clean_clear"):
            _set_recipe(recipes.Recipe())
            st.rerun()
    else:
        st.info(tr("clean.no_steps"))
    with user_errors():
        add_step_section(table, recipe, types, roles)
    if recipe.steps:
        apply_section(table, recipe)


# Share of a column's rows a conversion may empty before the form warns: ``channel`` (web,
# store …) converted to a number emptied all 81,627 values and only the preview's count said so.
MOSTLY_EMPTIED = 0.5


def _warn_if_emptied(step, preview: recipes.StepPreview) -> None:
    """Warn before a Convert type step that empties most of its column, as for an id's zeros."""
    rows = preview.rows_before
    if step.to != "text" and rows and preview.emptied >= MOSTLY_EMPTIED * rows:
        st.warning(tr("clean.cast_empties", column=step.column, to=tr(f"clean.to.{step.to}"),
                      emptied=f"{preview.emptied:,}", rows=f"{rows:,}",
                      share=fmt.percent(preview.emptied / rows)))


def add_step_section(table: str, recipe: recipes.Recipe, types: dict[str, str], roles: dict[str, str]):
    """Pick a step kind, fill its form, see what it would do, then add it."""
    st.subheader(tr("clean.add_step"))
    kind = st.selectbox(tr("clean.kind"), list(recipes.STEP_KINDS), key="clean_kind",
                        format_func=lambda k: tr(f"clean.kind.{k}"))
    st.caption(tr(f"clean.help.{kind}"))
    form = _step_form(kind, types, roles, table)
    unfilled = [name for name, value in form.items() if value == [] or value == {}]
    if unfilled:  # a form not filled in yet is no error: it read "Step 1 (drop_missing): 'columns' must be …"
        st.info(tr(f"clean.fill.{unfilled[0]}"), icon=":material/edit:")
        return
    candidate = recipes.step_from_dict({"kind": kind, **form}, len(recipe.steps) + 1)
    trial = recipe.add(candidate)
    with st.spinner(tr("clean.previewing")):
        preview = _preview(str(workspace().folder), table, table_version(table), trial.to_json(),
                           len(trial.steps))
    if kind == "cast":
        _warn_if_emptied(candidate, preview)
    _show_preview(preview)
    if st.button(tr("clean.add"), type="primary", key="clean_add"):
        _set_recipe(trial)
        st.rerun()


def apply_section(table: str, recipe: recipes.Recipe) -> None:
    """Save the recipe as JSON; write the cleaned table and offer it for download."""
    st.subheader(tr("clean.apply_title"))
    st.session_state[NAME_KEY] = st.session_state.get(CHOSEN_NAME) or table
    left, right = st.columns([3, 1])
    name = left.text_input(tr("clean.recipe.name"), key=NAME_KEY, on_change=_choose_name)
    if right.button(tr("clean.recipe.save"), key="clean_recipe_keep", width="stretch"):
        with user_errors():
            st.success(tr("clean.recipe.saved", name=name.strip(), version=_keep(table, recipe)))
    st.caption(tr("clean.recipe.cli", table=shlex.quote(table), name=shlex.quote(name.strip() or table)))
    st.download_button(tr("clean.download_recipe"), recipe.to_json().encode("utf-8"),
                       file_stem(f"recipe_{table}") + ".json", "application/json", key="clean_recipe_dl",
                       on_click="ignore")
    into = st.text_input(tr("clean.into"), recipes.default_target(table),  # one box per table: a box
                         key=f"clean_into_{table}")  # kept across tables wrote pizza into superstore_clean
    if st.button(tr("clean.apply"), type="primary", key="clean_apply"):
        with st.spinner(tr("clean.applying")), workspace().connect() as con:
            result = recipes.apply_recipe(con, table, recipe, into)
            st.session_state["clean_result"] = {**result, "recipe": recipe.to_dict()["steps"]}
        _keep(table, recipe)  # what made a table is kept with it, whatever happens to the session
        with workspace().connect() as con:
            audit.record(con, current_user(), "clean", f"{table} -> {into or table + '_clean'}: "
                         + json.dumps(recipe.to_dict(), ensure_ascii=False))
    result = st.session_state.get("clean_result")
    if result and result["table"] == table:
        show_result(result)


def _table_csv(folder: str, table: str) -> bytes:
    """The cleaned table as CSV, built only when the analyst clicks (it can be large)."""
    with store.Workspace(folder).connect() as con:
        return csv_bytes(store.preview(con, table, DOWNLOAD_ROWS))


def show_result(result: dict) -> None:
    """Before/after numbers, rows per step, and the cleaned table to download."""
    st.success(tr("clean.applied", into=result["into"], rows=f"{result['rows_after']:,}",
                  before=f"{result['rows_before']:,}"))
    summary = pd.DataFrame({
        tr("clean.measure"): [tr("common.rows"), tr("clean.empty_cells"), tr("clean.duplicate_rows")],
        tr("clean.before"): [result["before"][k] for k in ("rows", "empty_cells", "duplicate_rows")],
        tr("clean.after"): [result["after"][k] for k in ("rows", "empty_cells", "duplicate_rows")],
    })
    show_table(summary, column_config=_counts(summary))
    labels = [tr("clean.chart.raw")] + [describe(recipes.step_from_dict(step), lang())
                                        for step in result["recipe"]]
    st.plotly_chart(steps_chart(result, labels, tr("clean.chart.rows"), tr("clean.chart.removed"),
                                (tr("clean.chart.count_axis"), tr("clean.chart.step_axis"))),
                    key="clean_steps_chart")
    if result["rows_after"] > DOWNLOAD_ROWS:
        st.caption(tr("clean.download_cut", n=f"{DOWNLOAD_ROWS:,}"))
    st.download_button(tr("clean.download_table"),
                       partial(_table_csv, str(workspace().folder), result["into"]),
                       file_stem(result["into"]) + ".csv", "text/csv", key="clean_table_dl",
                       on_click="ignore")


st.title(tr("clean.title"))
with user_errors():
    found = require_tables()
    table = table_picker("common.table", "clean_table", ("orders",), ("transactions", "customers", "events"))
    profile, recipe_t, integrate_t = st.tabs([tr("clean.tab.profile"), tr("clean.tab.recipe"),
                                              tr("clean.tab.integrate")])
    with profile, user_errors():
        profile_tab(table)
    with recipe_t, user_errors():
        recipe_tab(table)
    with integrate_t, user_errors():
        integrate_tab([t.name for t in found])
