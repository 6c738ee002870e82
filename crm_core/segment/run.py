"""One segmentation run, end to end: features → RFM + KMeans → table and report files.

The page and the CLI both call :func:`run_segmentation`, then :func:`save_segments` and the
report builders, so a download from the browser and a file from the monthly script match.
Computation (``SegmentRun``), report structure (:func:`report_sheets`, :func:`report_blocks`)
and rendering (CSV / Excel / HTML) are kept apart.
"""

from __future__ import annotations

import dataclasses
import json
from dataclasses import dataclass, field
from datetime import date
from typing import ClassVar

import duckdb
import pandas as pd

from crm_core.contract import Config, option
from crm_core.errors import CrmError
from crm_core.i18n import t
from crm_core.report import format as fmt
from crm_core.report import html as report_html
from crm_core.report.files import csv_bytes, excel_bytes_fast
from crm_core.report.palette import colours
from crm_core.segment import charts
from crm_core.segment.actions import segment_actions
from crm_core.segment.features import (
    CORE_FEATURES,
    FEATURES,
    CustomerAttributes,
    FeatureResult,
    customer_features,
)
from crm_core.segment.model import (
    Segmenter,
    cluster_names,
    movement,
    pca_coordinates,
    profile_table,
    recommendation_text,
    rename,
    rfm_rules_table,
    rfm_scores,
    standardised_profile,
)

FILE_NAMES = {"csv": "segments.csv", "html": "segment_report.html", "xlsx": "segment_report.xlsx"}
MEMBER_COLUMNS = ("customer_id", "recency_days", "frequency", "monetary", "cluster", "segment",
                  "rfm_segment", "r_score", "f_score", "m_score", "rfm_cell", "tenure_days",
                  "avg_order_value", "distinct_products", "return_share", "first_order", "last_order")


@dataclass(frozen=True)
class SegmentConfig(Config):
    """What the analyst chose; recorded with each run and in the reports."""

    k: int | str = option("auto", en="number of segments, or 'auto' for the honest choice of k",
                          zh="分群数量，或 auto（自动选择合适的 k）")
    features: tuple[str, ...] = option(CORE_FEATURES, metavar="A,B",
                                       en=f"features KMeans clusters on, from: {', '.join(FEATURES)}",
                                       zh=f"KMeans 使用的特征，可选：{', '.join(FEATURES)}")
    transform: str = option("log", choices=("log", "quantile"),
                            en="how skewed features are tamed before scaling",
                            zh="缩放前如何处理偏态特征（对数或分位数）")
    observation_end: date | None = option(
        None, metavar="YYYY-MM-DD", en="ignore orders after this day; recency counts to the day after it",
        zh="忽略此日期之后的订单；最近一次消费天数计算到次日")
    customers_table: str | None = option(None, metavar="TABLE",
                                         en="customer master table to join columns from",
                                         zh="用于关联客户属性列的客户主表")
    numeric_attributes: tuple[str, ...] = option((), flag="--numeric-cols", metavar="A,B",
                                                 en="numeric columns of the customer table to cluster on",
                                                 zh="参与聚类的客户表数值列")
    categorical_attributes: tuple[str, ...] = option(
        (), flag="--categorical-cols", metavar="A,B",
        en="categorical columns of the customer table to cluster on",
        zh="参与聚类的客户表类别列")
    random_state: int = option(0, flag="--seed", en="random seed", zh="随机种子")

    def __post_init__(self) -> None:
        if isinstance(self.k, str) and self.k != "auto":
            raise CrmError(f"--k must be 'auto' or a whole number, not '{self.k}'.")
        if isinstance(self.k, int) and self.k < 1:
            raise CrmError("--k must be at least 1.")
        if (self.numeric_attributes or self.categorical_attributes) and not self.customers_table:
            raise CrmError("--numeric-cols and --categorical-cols need --customers-table.")

    def attributes(self) -> CustomerAttributes | None:
        if not self.customers_table:
            return None
        return CustomerAttributes(self.customers_table, self.numeric_attributes, self.categorical_attributes)


@dataclass
class SegmentRun:
    """The result of one run; ``names`` maps cluster number → segment name."""

    kind: ClassVar[str] = "segments"

    table: str
    config: SegmentConfig
    lang: str
    features: FeatureResult
    segmenter: Segmenter
    members: pd.DataFrame
    names: dict[int, str] = field(default_factory=dict)

    @property
    def k(self) -> int:
        return int(self.segmenter.k_)

    def feature_columns(self) -> tuple[str, ...]:
        """Features KMeans used (joined numeric columns included)."""
        return tuple(self.segmenter.features)

    def with_names(self, changes: dict[int, str]) -> SegmentRun:
        """A copy with the analyst's segment names (unique, non-empty)."""
        names = rename(self.names, changes)
        members = self.members.assign(segment=self.members["cluster"].map(names))
        return dataclasses.replace(self, names=names, members=members)

    def params(self) -> dict:
        """Run parameters as plain JSON values (shown in the reports' parameter table)."""
        config = self.config.to_dict()
        rec = self.segmenter.recommendation_
        return {
            "table": self.table, **config, "k_used": self.k, "k_recommended": rec and rec["k"],
            "features_used": list(self.feature_columns()),
            "reference_date": str(self.features.reference_date),
            "monetary_source": self.features.monetary_source,
            "frequency_source": self.features.frequency_source,
            "coverage": self.features.coverage, "names": {str(c): n for c, n in self.names.items()},
            "lang": self.lang,
        }

    def summary(self) -> dict:
        """The CLI's last-line JSON: customers, k, silhouette and what was left out."""
        sil = self.segmenter.silhouette_
        rec = self.segmenter.recommendation_
        return {
            "customers": int(len(self.members)), "k": self.k,
            "silhouette": None if sil is None else round(sil, 4),
            "recommended_k": rec and rec["k"],
            "segments": self.members["segment"].value_counts().to_dict(),
            "rfm_segments": self.members["rfm_segment"].value_counts().to_dict(),
            "rows_used": self.features.coverage["used"],
            "rows_left_out": self.features.coverage["rows"] - self.features.coverage["used"],
            "reference_date": str(self.features.reference_date),
        }

    def tables(self) -> dict[str, pd.DataFrame]:
        """The membership table, saved per run as ``segments_<table>_<n>``."""
        return {"segments": self.members}

    def files(self) -> dict[str, bytes]:
        """``segments.csv``, ``segment_report.xlsx`` and ``segment_report.html``."""
        return report_files(self)

    def profile(self, by: str = "segment") -> pd.DataFrame:
        """Sizes, revenue share, mean and median per feature for each segment."""
        return profile_table(self.members, tuple(dict.fromkeys((*FEATURES, *self.feature_columns()))), by)

    def z_profile(self, by: str = "segment") -> pd.DataFrame:
        """Standardised means per segment (heat map and snake plot)."""
        features = tuple(c for c in (*FEATURES, *self.feature_columns())
                         if c in self.members and self.members[c].notna().any())
        return standardised_profile(self.members, self.members[by], tuple(dict.fromkeys(features)))


def run(con: duckdb.DuckDBPyConnection, table: str, config: SegmentConfig | None = None, *,
        roles: dict[str, str] | None = None, lang: str = "en") -> SegmentRun:
    """Features in SQL, RFM scores, KMeans with the k evaluation, readable names."""
    config = config or SegmentConfig()
    result = customer_features(con, table, roles, observation_end=config.observation_end,
                               attributes=config.attributes())
    frame = result.frame
    numeric_extra = tuple(c for c, kind in result.attribute_columns.items() if kind == "numeric")
    categorical = tuple(c for c, kind in result.attribute_columns.items() if kind == "categorical")
    unknown = [f for f in config.features if f not in FEATURES]
    if unknown:
        raise CrmError(f"Unknown feature {', '.join(unknown)}; choose from {', '.join(FEATURES)}.")
    features = tuple(f for f in config.features if frame[f].notna().any()) + numeric_extra
    if not features:
        raise CrmError(f"Choose at least one feature for KMeans ({', '.join(FEATURES)}).")
    segmenter = Segmenter(config.k, features=features, categorical=categorical,
                          transform=config.transform, random_state=config.random_state)
    segmenter.fit(frame)
    names = cluster_names(frame, segmenter.labels_, lang)
    members = frame.merge(rfm_scores(frame, lang), on="customer_id")
    members["cluster"] = segmenter.labels_
    members["segment"] = members["cluster"].map(names)
    for column in ("first_order", "last_order"):
        members[column] = members[column].dt.strftime("%Y-%m-%d")
    extra = [c for c in members.columns if c not in MEMBER_COLUMNS and c != "rfm_group"]
    members = members[[*MEMBER_COLUMNS, *extra]]
    return SegmentRun(table, config, lang, result, segmenter, members, names)


def compare_snapshots(con: duckdb.DuckDBPyConnection, table: str, before: date, after: date | None = None,
                      overrides: dict[str, str] | None = None, lang: str = "en") -> pd.DataFrame:
    """RFM group movement between two observation ends (customers new since ``before`` come from —)."""
    if after is not None and after <= before:
        raise CrmError("The second snapshot must end after the first one.")
    groups = []
    for end in (before, after):
        frame = customer_features(con, table, overrides, observation_end=end).frame
        scores = rfm_scores(frame, lang)
        groups.append(scores.set_index("customer_id")["rfm_segment"])
    return movement(groups[0], groups[1], absent=t("segment.compare.absent", lang))


# ----------------------------------------------------------------------------- report structure

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
            feature = column[: -len(stat) - 1]
            key = f"segment.feature.{feature}"
            label = t(key, lang)
            return t(f"segment.col.{stat}", lang, feature=feature if label == key else label)
    return column


def localised(frame: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Profile and k-choice tables with headers in the report language (data unchanged)."""
    return frame.rename(columns=lambda c: _column_label(str(c), lang))



MONEY_COLUMNS = ("monetary", "avg_order_value", "revenue", "monetary_mean", "monetary_median",
                 "avg_order_value_mean", "avg_order_value_median")
"""Amounts: rounded to cents in files, shown with the workspace currency."""


def _summary_frame(run: SegmentRun) -> pd.DataFrame:
    """Per segment: size, revenue, typical customer and the suggested action (numbers kept)."""
    lang = run.lang
    profile = run.profile()
    actions = segment_actions(run.z_profile(), lang)
    return pd.DataFrame({
        t("segment.col.segment", lang): profile["segment"],
        t("segment.col.customers", lang): profile["customers"],
        t("segment.col.customer_share", lang): profile["customer_share"].round(4),
        t("segment.col.revenue", lang): profile["revenue"].round(2),
        t("segment.col.revenue_share", lang): profile["revenue_share"].round(4),
        t("segment.feature.recency_days", lang): profile["recency_days_median"],
        t("segment.feature.frequency", lang): profile["frequency_median"],
        t("segment.feature.monetary", lang): profile["monetary_median"].round(2),
        t("segment.col.action", lang): profile["segment"].astype(str).map(actions),
    })


def summary_shown(run: SegmentRun, currency: str = "") -> pd.DataFrame:
    """The summary table as an analyst reads it: 28%, ¥2,121,321, 31,244."""
    lang = run.lang
    kinds = {t("segment.col.customers", lang): "count", t("segment.col.customer_share", lang): "percent",
             t("segment.col.revenue", lang): "money", t("segment.col.revenue_share", lang): "percent",
             t("segment.feature.recency_days", lang): "number",
             t("segment.feature.frequency", lang): "number",
             t("segment.feature.monetary", lang): "money"}
    return fmt.shown(_summary_frame(run), kinds, lang, currency)


def profile_shown(run: SegmentRun, by: str = "segment", currency: str = "") -> pd.DataFrame:
    """The profile table with formatted numbers and headers in the run's language."""
    profile = run.profile(by)
    kinds = {c: ("percent" if c.endswith("share") else "money" if c in MONEY_COLUMNS
                 else "count" if c == "customers" else "number")
             for c in profile.columns if c != by}
    return localised(fmt.shown(profile, kinds, run.lang, currency), run.lang)


def parameters_frame(run: SegmentRun) -> pd.DataFrame:
    """Key/value rows: the run's parameters, the k recommendation and the rows left out."""
    lang = run.lang
    params = run.params()
    coverage = params.pop("coverage")
    params.pop("names")
    rows = [(key, json.dumps(value, ensure_ascii=False) if isinstance(value, list | dict) else value)
            for key, value in params.items()]
    rows += [(f"rows_{key}", value) for key, value in coverage.items()]
    sil = run.segmenter.silhouette_
    rows.append(("silhouette", None if sil is None else round(sil, 4)))
    rows.append(("recommendation", recommendation_text(run.segmenter.recommendation_, lang)))
    rows = [(_parameter_label(key, lang), "—" if value is None else value) for key, value in rows]
    return pd.DataFrame(rows, columns=[t("segment.col.parameter", lang), t("segment.col.value", lang)]
                        ).astype(str)


def _parameter_label(key: str, lang: str) -> str:
    """The parameter's name in the report language (the code name when none is written)."""
    label = t(f"segment.param.{key}", lang)
    return key if label == f"segment.param.{key}" else label


def report_sheets(run: SegmentRun) -> dict[str, pd.DataFrame]:
    """The Excel workbook: summary, profiles, members, parameters, k choice, RFM rules."""
    lang = run.lang
    return {
        t("segment.sheet.summary", lang): _summary_frame(run),
        t("segment.sheet.profiles", lang): localised(fmt.tidy(run.profile(), MONEY_COLUMNS), lang),
        t("segment.sheet.members", lang): fmt.tidy(run.members, MONEY_COLUMNS),
        t("segment.sheet.parameters", lang): parameters_frame(run),
        t("segment.sheet.k_choice", lang): localised(run.segmenter.k_scores_.round(4), lang),
        t("segment.sheet.rfm_rules", lang): rfm_rules_table(lang),
    }


def segment_colours(run: SegmentRun) -> dict[str, str]:
    """Segment name → colour in cluster order: the same in every chart, page and report."""
    return colours(run.names[c] for c in sorted(run.names))


def figures(run: SegmentRun) -> dict[str, object]:
    """Every chart of a run, by name (used by the page and the HTML report)."""
    lang, seg = run.lang, run.segmenter
    rec = seg.recommendation_
    coords = pca_coordinates(seg, run.features.frame, run.members["segment"], random_state=seg.random_state)
    z = run.z_profile()
    palette = segment_colours(run)
    return {
        "k_choice": charts.k_choice_figure(seg.k_scores_, rec and rec["k"], run.k, lang),
        "sizes": charts.sizes_figure(run.profile(), lang, palette=palette),
        "heatmap": charts.heatmap_figure(z, lang),
        "snake": charts.snake_figure(z, lang, palette=palette),
        "pca": charts.pca_figure(coords, lang, palette=palette),
        "rfm3d": charts.rfm_3d_figure(run.members, "segment", lang, seg.random_state, palette=palette),
        "rfm_grid": charts.rfm_grid_figure(run.members, lang),
        "rfm_groups": charts.rfm_groups_figure(run.members, lang),
    }


def silhouette_verdict(silhouette: float | None, lang: str) -> str:
    """The silhouette in words: clear (> 0.5), fair (0.25–0.5) or overlapping."""
    if silhouette is None:
        return ""
    level = "clear" if silhouette > 0.5 else "fair" if silhouette >= 0.25 else "weak"
    return f"{fmt.number(silhouette, 2)}: {t(f'segment.plain.verdict.{level}', lang)}"


def report_blocks(run: SegmentRun, currency: str = "") -> list[report_html.Block]:
    """The HTML report's structure: summary, k choice, profiles, RFM, parameters."""
    lang = run.lang
    figs = figures(run)
    cov = run.features.coverage
    return [
        report_html.Heading(t("segment.report.summary", lang)),
        report_html.Text(t("segment.report.intro", lang, customers=f"{len(run.members):,}", k=run.k,
                           table=run.table, reference=run.features.reference_date,
                           used=f"{cov['used']:,}", left_out=f"{cov['rows'] - cov['used']:,}")),
        report_html.Text(t("segment.plain.actions", lang)),
        report_html.Table(summary_shown(run, currency)),
        report_html.Chart(figs["sizes"]),
        report_html.Heading(t("segment.report.k_choice", lang)),
        report_html.Text(t("segment.plain.k", lang)),
        report_html.Text(t("segment.plain.silhouette", lang) + " — "
                         + silhouette_verdict(run.segmenter.silhouette_, lang)),
        report_html.Chart(figs["k_choice"]),
        report_html.Text(recommendation_text(run.segmenter.recommendation_, lang)),
        report_html.Table(localised(run.segmenter.k_scores_.round(4), lang)),
        report_html.Heading(t("segment.report.profiles", lang)),
        report_html.Text(t("segment.plain.profiles", lang)),
        report_html.Chart(figs["heatmap"]),
        report_html.Chart(figs["snake"]),
        report_html.Table(profile_shown(run, currency=currency)),
        report_html.Chart(figs["pca"]),
        report_html.Chart(figs["rfm3d"]),
        report_html.Heading(t("segment.report.rfm", lang)),
        report_html.Text(t("segment.plain.rfm", lang)),
        report_html.Chart(figs["rfm_grid"]),
        report_html.Chart(figs["rfm_groups"]),
        report_html.Table(rfm_rules_table(lang)),
        report_html.Heading(t("segment.report.parameters", lang)),
        report_html.Table(parameters_frame(run)),
    ]


def report_files(run: SegmentRun, currency: str = "") -> dict[str, bytes]:
    """The three downloads (CSV, Excel, HTML) as bytes, by file name; money to cents in files."""
    title = t("segment.report.title", run.lang, table=run.table)
    page = report_html.render(title, report_blocks(run, currency), run.lang,
                              note=t("segment.report.note", run.lang,
                                     reference=fmt.day(run.features.reference_date, run.lang)))
    return {FILE_NAMES["csv"]: csv_bytes(fmt.tidy(run.members, MONEY_COLUMNS)),
            FILE_NAMES["xlsx"]: excel_bytes_fast(report_sheets(run)),
            FILE_NAMES["html"]: page.encode("utf-8")}
