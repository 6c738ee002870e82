"""The reports of a segmentation run: Excel sheets, HTML blocks, figures and the three files.

Report structure (:func:`report_sheets`, :func:`report_blocks`) and rendering (CSV / Excel /
HTML) are kept apart from the computation in :mod:`crm_core.segment.run`. RFM parts appear
only when the run has money (a purchase log).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from crm_core.i18n import Sentence, catalogue, join, t, word
from crm_core.report import format as fmt
from crm_core.report import html as report_html
from crm_core.report.files import csv_bytes, excel_bytes_fast, money_kind
from crm_core.report.palette import colours
from crm_core.report.run_grid import said
from crm_core.segment import charts
from crm_core.segment.actions import segment_actions
from crm_core.segment.attributes import left_out_said
from crm_core.segment.model import pca_coordinates, recommendation_text
from crm_core.segment.naming import BIRTH_YEAR_HEADER, feature_label, measure_label
from crm_core.segment.rfm import rfm_rules_table
from crm_core.workspace.amount_words import amount_source_said
from crm_core.workspace.gifts import twin
from crm_core.workspace.status_named import rule_said

if TYPE_CHECKING:
    from crm_core.segment.run import SegmentRun

FILE_NAMES = {"csv": "segments.csv", "html": "segment_report.html", "xlsx": "segment_report.xlsx"}
SUMMARY_FEATURES = 6
MONEY_COLUMNS = ("monetary", "avg_order_value", "revenue", "monetary_mean", "monetary_median",
                 "avg_order_value_mean", "avg_order_value_median")
"""Amounts: rounded to cents in files, shown with the workspace currency."""

_COLUMN_KEYS = {
    "segment": "segment.col.segment", "rfm_segment": "segment.col.rfm_segment",
    "customers": "segment.col.customers", "customer_share": "segment.col.customer_share",
    "revenue": "segment.col.revenue", "revenue_share": "segment.col.revenue_share",
    "inertia": "segment.metric.inertia", "silhouette": "segment.metric.silhouette",
    "calinski_harabasz": "segment.metric.ch", "davies_bouldin": "segment.metric.db",
    "stability": "segment.metric.stability",
}


def _column_label(column: str, lang: str) -> str:
    if column in _COLUMN_KEYS:
        return t(_COLUMN_KEYS[column], lang)
    for stat in ("mean", "median"):
        if column.endswith(f"_{stat}"):
            return _statistic_label(column[: -len(stat) - 1], stat, lang)
    return column


def _statistic_label(feature: str, stat: str, lang: str) -> str:
    """A measure and its statistic in one bracket with the unit, "Recency (days, mean)" /
    "最近消费（天，均值）": joined after the unit's own they read "最近消费（天）（均值）" (walk16)."""
    words, unit = measure_label(feature, lang)
    if unit:
        return t(f"segment.col.{stat}_in", lang, feature=words, unit=unit)
    return t(f"segment.col.{stat}", lang, feature=words)


def localised(frame: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Profile and k-choice tables with headers in the report language (data unchanged)."""
    return frame.rename(columns=column_labels(frame, lang))


def column_labels(frame: pd.DataFrame, lang: str) -> dict[str, str]:
    """A profile or k-choice table's headers in the report language, by column."""
    return {c: _column_label(str(c), lang) for c in frame.columns}


MEMBER_HEADERS = ("segment.feature", "segment.col", "customer.segment_col")
"""Where the membership table's headers are said in words, a later prefix first."""


def member_labels(frame: pd.DataFrame, lang: str) -> dict[str, str]:
    """The membership table's headers in words (``recency_days`` headed the grid and the
    workbook's member sheet); a column no catalogue names is made readable (``fmt.header``)."""
    words = catalogue()
    return {c: fmt.header(c, lang) for c in frame} | {
        c: t(f"{p}.{c}", lang) for p in MEMBER_HEADERS for c in frame.columns if f"{p}.{c}" in words}


def _summary_kinds(lang: str, gifts: bool = False) -> dict[str, str]:
    """How the summary's numbers read, by header (``fmt.shown`` kinds)."""
    return {_head(key, lang, gifts): kind for key, kind in SUMMARY_KINDS.items()}


SUMMARY_KINDS = {"segment.col.customers": "count", "segment.col.customer_share": "percent",
                 "segment.col.revenue": "money", "segment.col.revenue_share": "percent",
                 "segment.feature.recency_days": "number", "segment.feature.frequency": "number",
                 "segment.feature.monetary": "money"}


def _head(key: str, lang: str, gifts: bool) -> str:
    """A summary header; a gift log's in a donor's words ("Frequency (gifts)", not "(orders)", left89)."""
    return t(twin(key, gifts), lang)


def _summary_frame(run: SegmentRun) -> pd.DataFrame:
    """Sizes and the medians that matter: R, F, M and the suggested action with money, else the
    first features' medians or tag shares (numbers kept)."""
    lang = run.lang
    profile = run.profile()
    if not run.has_money:
        head = {t("segment.col.segment", lang): profile["segment"],
                t("segment.col.customers", lang): profile["customers"],
                t("segment.col.customer_share", lang): profile["customer_share"].round(4)}
        return pd.DataFrame({**head, **{feature_label(f, lang): profile[_typical(run, f)]
                                        for f in run.feature_columns()[:SUMMARY_FEATURES]}})
    refunding = frozenset(profile.loc[profile["monetary_mean"] < 0, "segment"].astype(str))
    actions = segment_actions(run.z_profile(), lang, refunding, run.gifts)
    numbers = {"segment.col.customers": profile["customers"],
               "segment.col.customer_share": profile["customer_share"].round(4),
               "segment.col.revenue": profile["revenue"].round(2),
               "segment.col.revenue_share": profile["revenue_share"].round(4),
               "segment.feature.recency_days": profile["recency_days_median"],
               "segment.feature.frequency": profile["frequency_median"],
               "segment.feature.monetary": profile["monetary_median"].round(2)}
    return pd.DataFrame({t("segment.col.segment", lang): profile["segment"],
                         **{_head(key, lang, run.gifts): column for key, column in numbers.items()},
                         t("segment.col.action", lang): profile["segment"].astype(str).map(actions)})


def _typical(run: SegmentRun, feature: str) -> str:
    """The profile column that says a segment's usual value: a measure's median, a tag's share
    (its median read 0 or 1, walk20)."""
    return feature if feature in run.features.tags else f"{feature}_median"


def _number_kind(feature: str) -> str:
    """A birth year reads as a year (1968), not an amount ("1,968" in the grid, walk10)."""
    column = feature.removesuffix("_mean").removesuffix("_median")
    return "year" if BIRTH_YEAR_HEADER.search(column) else "number"


def summary_typed(run: SegmentRun) -> tuple[pd.DataFrame, dict[str, str]]:
    """The summary's numbers and how each reads (``fmt.shown`` kinds, by header): a page draws them
    as numbers under formats, right-aligned and sorted as numbers (as text, walk15)."""
    lang = run.lang
    kinds = _summary_kinds(lang, run.gifts)
    frame = _summary_frame(run)
    kinds |= {feature_label(f, lang): "year" for f in run.feature_columns() if _number_kind(f) == "year"}
    kinds |= {feature_label(f, lang): "percent" for f in run.features.tags}
    kinds |= {c: "number" for c in frame.columns[3:] if c not in kinds and c != t("segment.col.action", lang)}
    return frame, kinds


PARTS = ("customer_share", "revenue_share")
"""Shares of one whole: shown, they add up to 100% (``fmt.percent_parts``)."""


def part_headers(lang: str, gifts: bool = False) -> tuple[str, ...]:
    """The headers of :data:`PARTS` in a shown table of the run's language."""
    return tuple(_head(f"segment.col.{column}", lang, gifts) for column in PARTS)


def _parts_said(shown: pd.DataFrame, numbers: pd.DataFrame, heads: tuple[str, ...]) -> pd.DataFrame:
    """``shown`` with its parts of the whole said so they add up to 100% (each rounded on its own,
    six segments read 102%, left30)."""
    return shown.assign(**{h: fmt.percent_parts_said(numbers[h]) for h in heads if h in numbers})


def _to_the_cent(shown: pd.DataFrame, numbers: pd.DataFrame, kinds: dict[str, str],
                 currency: str) -> pd.DataFrame:
    """``shown`` with its money to the cent, as the page's grids draw it: the profile read a segment's
    revenue 2,138,085 under the grid's 2,138,084.89 (walk26), the HTML report did still (walk27)."""
    return shown.assign(**{c: [fmt.money(v, currency, 2) for v in numbers[c]] for c, kind in kinds.items()
                           if kind == "money" and c in numbers})


def summary_shown(run: SegmentRun, currency: str = "") -> pd.DataFrame:
    """The summary table as an analyst reads it: 28%, ¥2,121,321.44, 31,244."""
    frame, kinds = summary_typed(run)
    shown = _parts_said(fmt.shown(frame, kinds, run.lang, currency), frame, part_headers(run.lang, run.gifts))
    return _to_the_cent(shown, frame, kinds, currency)


def profile_shown(run: SegmentRun, by: str = "segment", currency: str = "") -> pd.DataFrame:
    """The profile table with formatted numbers and headers in the run's language; a share's mean
    and median in percent too (``return_share_mean`` read 0.02 beside 51%, judge8 walk), and so the
    share of a level (``Education: PhD`` read 0.22 under "Share of customers 48%", walk10)."""
    profile = run.profile(by)
    kinds = profile_kinds(run, profile, by)
    shown = _parts_said(fmt.shown(profile, kinds, run.lang, currency), profile, PARTS)
    plain = {c: fmt.numbers(profile[c]) for c, kind in kinds.items() if kind == "number"}
    return localised(_to_the_cent(shown.assign(**plain), profile, kinds, currency), run.lang)


def profile_kinds(run: SegmentRun, profile: pd.DataFrame, by: str = "segment") -> dict[str, str]:
    """How a profile's numbers read (``fmt.shown`` kinds): shares (and a level's share of its
    customers) in percent, amounts as money, the customers counted, a birth year as a year, other
    measures as plain numbers."""
    levels = {f"{column}: {level}" for column, kept in run.segmenter.encoder_.levels_.items()
              for level in kept} | run.features.tags.keys()
    return {c: ("percent" if c in levels or c.removesuffix("_mean").removesuffix("_median").endswith("share")
                else "money" if c in MONEY_COLUMNS else "count" if c == "customers" else _number_kind(c))
            for c in profile.columns if c != by}


def across(shown: pd.DataFrame, lang: str) -> pd.DataFrame:
    """A shown profile turned to one column per segment and a row per measure: seventeen measures
    side by side ran past the grid's right edge even at 1920 px, while segments are a handful."""
    by = shown.columns[0]
    turned = shown.set_index(by).T.rename_axis(t("segment.col.measure", lang)).reset_index()
    turned.columns = [str(c) for c in turned.columns]
    return turned


def parameters_frame(run: SegmentRun) -> pd.DataFrame:
    """Key/value rows: the run's parameters, the k recommendation and the rows left out."""
    lang = run.lang
    params = run.params()
    coverage = params.pop("coverage")
    params.pop("names")
    rows = list(params.items()) + [(f"rows_{key}", value) for key, value in coverage.items()]
    rows.append(("silhouette", run.segmenter.silhouette_))
    rows.append(("recommendation", recommendation_text(run.segmenter.recommendation_, lang)))
    status = run.features.status_said
    rows = [(_parameter_label(key, lang, status, run.gifts), parameter_value(key, value, lang))
            for key, value in rows]
    return pd.DataFrame(rows, columns=[t("segment.col.parameter", lang), t("segment.col.value", lang)])


VALUE_WORDS = {"k": "segment.page.k", "transform": "segment.page.transform", "kind": "segment.page.kind",
               "table_kind": "segment.page.kind", "lang": "data.language",
               "frequency_source": "segment.source", "monetary_source": "segment.source"}
"""Parameters whose value is a code, and the locale prefix that says it (``auto`` read as itself)."""
FEATURE_LISTS = ("features", "features_used", "categorical_used", "profiled_only", "numeric_attributes",
                 "categorical_attributes", "exclude_cols")
"""Parameters listing features or columns, said by their names (``["recency_days", …]`` before)."""
DAY_PARAMETERS = ("observation_end", "reference_date")


def parameter_value(key: str, value: object, lang: str) -> str:
    """A parameter's value as a person reads it: a code in words, features by their names, lists
    with the language's commas, the columns left out with their reasons, days and counts as the
    pages say them, nothing as —."""
    if key in FEATURE_LISTS:
        value = [feature_label(str(f), lang) for f in value]
    elif key == "monetary_source" and value != "lines":  # "lines": no money, counted by line
        value = amount_source_said(str(value)).text(lang)
    elif key in VALUE_WORDS:
        value = word(VALUE_WORDS[key], value, lang)
    elif key == "left_out":
        value = left_out_said(value).text(lang) if value else None
    return said(value, "date" if key in DAY_PARAMETERS else "number", lang)


def _parameter_label(key: str, lang: str, status: Sentence | None = None, gifts: bool = False) -> str:
    """The parameter's name in the report language (the code name when none is written); a no-sale rule's
    rows (``rows_cancelled.<rule>``) in the rule's words, the status rule's in the export's own states."""
    if key.startswith("rows_cancelled."):
        rule = key.removeprefix("rows_cancelled.")
        return t("segment.param.rows_no_sale_rule", lang, why=rule_said(rule, status).text(lang))
    if key.startswith("rows_other_currency."):  # one of its currencies
        return t("segment.param.rows_other_currency_code", lang, code=key.split(".", 1)[1])
    label = t(twin(f"segment.param.{key}", gifts), lang)
    return key if label == f"segment.param.{key}" else label


def report_sheets(run: SegmentRun) -> dict[str, pd.DataFrame]:
    """The Excel workbook: summary, profiles, members, parameters, k choice, RFM rules, headed in
    the report's language (numbers kept; :func:`sheet_kinds` says how they read)."""
    lang = run.lang
    sheets = {
        t("segment.sheet.summary", lang): _summary_frame(run),
        t("segment.sheet.profiles", lang): localised(fmt.tidy(run.profile(), MONEY_COLUMNS), lang),
        t("segment.sheet.members", lang): fmt.tidy(run.members, MONEY_COLUMNS).rename(
            columns=member_labels(run.members, lang)),
        t("segment.sheet.parameters", lang): parameters_frame(run),
        t("segment.sheet.k_choice", lang): localised(run.segmenter.k_scores_.round(4), lang),
    }
    if run.has_money:
        sheets[t("segment.sheet.rfm_rules", lang)] = rfm_rules_table(lang, run.gifts)
    return sheets


def sheet_kinds(run: SegmentRun, currency: str = "") -> dict[str, str]:
    """The report workbook's cell kinds by header (``excel_bytes_fast(kinds=…)``): shares as
    percents (a member's return share too), amounts under the currency's sign, counts whole, a
    member's first and last order as days (the workbook read 0.2841 and 2121321.44)."""
    lang = run.lang
    cell = {"percent": "percent", "money": money_kind(currency), "count": "count"}
    profile = run.profile()
    labels = column_labels(profile, lang)
    kinds = {labels[c]: kind for c, kind in profile_kinds(run, profile).items()}
    kinds |= _summary_kinds(lang, run.gifts)
    members = member_labels(run.members, lang)
    kinds |= {members[c]: "money" for c in MONEY_COLUMNS if c in run.members}
    kinds |= {members[c]: "day" for c in run.members if pd.api.types.is_datetime64_any_dtype(run.members[c])}
    kinds |= {members[c]: "percent" for c in run.members if c.endswith("_share")}
    return {head: cell.get(kind, kind) for head, kind in kinds.items() if kind != "number"}


def segment_colours(run: SegmentRun) -> dict[str, str]:
    """Segment name → colour in cluster order: the same in every chart, page and report."""
    return colours(run.names[c] for c in sorted(run.names))


def figures(run: SegmentRun) -> dict[str, object]:
    """Every chart of a run, by name (used by the page and the HTML report)."""
    lang, seg = run.lang, run.segmenter
    rec = seg.recommendation_
    profile = run.profile()
    z = run.z_profile().loc[profile["segment"]]  # in the grid's order, not the names' (walk20)
    palette = segment_colours(run)
    figs = {
        "k_choice": charts.k_choice_figure(seg.k_scores_, rec and rec["k"], run.k, lang),
        "sizes": charts.sizes_figure(profile, lang, palette=palette),
    }
    if run.k > 1:  # one segment has nothing to compare nor map (rows of zeros): its note says why
        coords = pca_coordinates(seg, run.features.frame, run.members["segment"],
                                 random_state=seg.random_state)
        figs |= {"heatmap": charts.heatmap_figure(z, lang),
                 "snake": charts.snake_figure(z, lang, palette=palette),
                 "pca": charts.pca_figure(coords, lang, palette=palette)}
    if run.has_money:
        figs |= {"rfm3d": charts.rfm_3d_figure(run.members, "segment", lang, seg.random_state,
                                               palette=palette),
                 "rfm_grid": charts.rfm_grid_figure(run.members, lang, run.gifts),
                 "rfm_groups": charts.rfm_groups_figure(run.members, lang, run.gifts)}
    return figs


def silhouette_verdict(silhouette: float | None, lang: str) -> str:
    """The silhouette in words: clear (> 0.5), fair (0.25–0.5) or overlapping."""
    if silhouette is None:
        return ""
    level = "clear" if silhouette > 0.5 else "fair" if silhouette >= 0.25 else "weak"
    return t("segment.plain.verdict", lang, value=fmt.number(silhouette, 2),
             verdict=t(f"segment.plain.verdict.{level}", lang))


def silhouette_text(silhouette: float | None, lang: str) -> str:
    """What the silhouette means, then this run's value in words, each a sentence of its own (the
    page read "…分群相互重叠。 — 0.44：分群区分一般" with no full stop, walk11); Chinese sentences
    follow one another with no space."""
    gap = "" if lang == "zh" else " "
    return f"{t('segment.plain.silhouette', lang)}{gap}{silhouette_verdict(silhouette, lang)}".strip()


def report_blocks(run: SegmentRun, currency: str = "") -> list[report_html.Block]:
    """The HTML report's structure: summary, k choice, profiles, RFM, parameters."""
    lang = run.lang
    figs = figures(run)
    cov = run.features.coverage
    blocks = [
        report_html.Heading(t("segment.report.summary", lang)),
        report_html.Text(t("segment.report.intro", lang, customers=f"{len(run.members):,}", k=run.k,
                           table=run.table, reference=run.features.reference_date or "—",
                           used=f"{cov['used']:,}", left_out=f"{cov['rows'] - cov['used']:,}")),
        report_html.Text(t("segment.report.kind", lang,
                           kind=t(f"segment.kind.{run.features.table_kind.reading}", lang),
                           evidence=join(run.features.table_kind.sentences(lang), lang))),
        *([report_html.Text(t("segment.plain.actions", lang))] if run.has_money else []),
        report_html.Table(summary_shown(run, currency)),
        report_html.Chart(figs["sizes"]),
        report_html.Heading(t("segment.report.k_choice", lang)),
        report_html.Text(t("segment.plain.k", lang)),
        report_html.Text(silhouette_text(run.segmenter.silhouette_, lang)),
        report_html.Chart(figs["k_choice"]),
        report_html.Text(recommendation_text(run.segmenter.recommendation_, lang)),
        report_html.Table(localised(run.segmenter.k_scores_.round(4), lang)),
        report_html.Heading(t("segment.report.profiles", lang)),
        report_html.Text(t("segment.plain.profiles", lang)),
        *(report_html.Chart(figs[name]) for name in ("heatmap", "snake") if name in figs),
        report_html.Table(profile_shown(run, currency=currency)),
        *([report_html.Chart(figs["pca"])] if "pca" in figs else []),
    ]
    if run.has_money:
        blocks += [report_html.Chart(figs["rfm3d"]), report_html.Heading(t("segment.report.rfm", lang)),
                   report_html.Text(t("segment.plain.rfm", lang)),
                   report_html.Chart(figs["rfm_grid"]), report_html.Chart(figs["rfm_groups"]),
                   report_html.Table(rfm_rules_table(lang, run.gifts))]
    return [*blocks, report_html.Heading(t("segment.report.parameters", lang)),
            report_html.Table(parameters_frame(run))]


def report_files(run: SegmentRun, currency: str = "") -> dict[str, bytes]:
    """The three downloads (CSV, Excel, HTML) as bytes, by file name; money to cents in files."""
    return {FILE_NAMES["csv"]: members_csv(run), FILE_NAMES["xlsx"]: report_workbook(run, currency),
            FILE_NAMES["html"]: report_page(run, currency)}


def members_csv(run: SegmentRun) -> bytes:
    """``segments.csv``: the machine contract (the file's column names, money to cents, a share to
    four places: a return share read 0.00564971751412)."""
    shares = [c for c in run.members if c.endswith("_share")]
    return csv_bytes(fmt.tidy(run.members, MONEY_COLUMNS, shares))


def report_page(run: SegmentRun, currency: str = "") -> bytes:
    """``segment_report.html``: the self-contained report in the run's language."""
    title = t("segment.report.title", run.lang, table=run.table)
    reference = run.features.reference_date
    note = t("segment.report.note", run.lang, reference=fmt.day(reference, run.lang) if reference else "—")
    return report_html.render(title, report_blocks(run, currency), run.lang, note=note).encode("utf-8")


def report_workbook(run: SegmentRun, currency: str = "") -> bytes:
    """``segment_report.xlsx``: its sheets (:func:`report_sheets`) with numbers read as
    :func:`sheet_kinds` says, days said in the report's language."""
    return excel_bytes_fast(report_sheets(run), kinds=sheet_kinds(run, currency), lang=run.lang)
