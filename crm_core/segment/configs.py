"""What the analyst chooses for segments and cohorts, apart from the code that computes them: the
command line builds ``segment --help`` and ``cohorts --help`` from these alone, without importing
scikit-learn, plotly or pandas (1.5 s and 0.6 s of CPU for a list of options, as ``churn`` and
``spend`` once did: :mod:`crm_core.customers.configs`)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from crm_core.contract import Config, option
from crm_core.errors import CrmError
from crm_core.i18n import Sentence
from crm_core.workspace.kinds import KINDS

SEGMENTS = "segments"
COHORTS = "cohorts"
"""The runs' kinds (``SegmentRun.kind``, ``CohortRun.kind``), named where the command line can read them."""
CORE_FEATURES: tuple[str, ...] = ("recency_days", "frequency", "monetary")
EXTRA_FEATURES: tuple[str, ...] = ("tenure_days", "avg_order_value", "distinct_products", "return_share")
FEATURES: tuple[str, ...] = CORE_FEATURES + EXTRA_FEATURES
PERIOD_UNITS = {"M": "month", "W": "week", "Q": "quarter", "Y": "year"}
"""A cohort's period by its code, as DuckDB's ``date_trunc`` names it."""


@dataclass(frozen=True)
class SegmentConfig(Config):
    """What the analyst chose; recorded with each run and in the reports."""

    k: int | str = option("auto", words="segment.page.k",
                          en="number of segments, or 'auto' for the honest choice of k",
                          page_en="number of segments, or recommended: the number the data supports",
                          zh="分群数量，或推荐：由数据支持的分群数")
    features: tuple[str, ...] = option(CORE_FEATURES, metavar="A,B", words="segment.feature",
                                       en=f"features KMeans clusters on, from: {', '.join(FEATURES)}",
                                       page_en="features KMeans clusters on",
                                       zh="KMeans 聚类所用的特征")
    transform: str = option("log", choices=("log", "quantile"), words="segment.page.transform",
                            en="how skewed features are tamed before scaling",
                            zh="缩放前如何处理偏态特征（对数或分位数）")
    observation_end: date | None = option(
        None, metavar="YYYY-MM-DD", en="ignore orders after this day; recency counts to the day after it",
        zh="忽略此日期之后的订单；最近一次消费天数计算到次日")
    customers_table: str | None = option(None, metavar="TABLE",
                                         en="customer table to join columns from (on the customer id)",
                                         zh="按客户编号关联属性列的客户表")
    numeric_attributes: tuple[str, ...] = option(
        (), flag="--numeric-cols", metavar="A,B",
        en="numeric columns of the customer table to cluster on (default: chosen from the values)",
        zh="参与聚类的客户表数值列（默认按数据自动选择）")
    categorical_attributes: tuple[str, ...] = option(
        (), flag="--categorical-cols", metavar="A,B",
        en="categorical (incl. Yes/No) columns of the customer table to cluster on",
        zh="参与聚类的客户表类别列（含是/否列）")
    exclude_cols: tuple[str, ...] = option((), metavar="A,B", en="columns never to cluster on",
                                           zh="不参与聚类的列")
    events_table: str | None = option(None, metavar="TABLE",
                                      en="event log (visits, page views, app events) to join behaviour from",
                                      zh="用于关联行为特征的事件日志（访问、浏览、App 事件）")
    kind: str = option("auto", choices=("auto", *KINDS), words="segment.page.kind",
                       en="what the table is: purchase log, customer table or event log (auto: detected)",
                       page_en="what the table is: purchase log, customer table or event log (detected "
                               "unless chosen)",
                       zh="表的类型：交易记录、客户表或事件日志（未指定时自动识别）")
    random_state: int = option(0, flag="--seed", en="random seed", zh="随机种子")

    def __post_init__(self) -> None:
        if isinstance(self.k, str) and self.k != "auto":
            raise CrmError(Sentence("segment.error.k_value", k=self.k))
        if isinstance(self.k, int) and self.k < 1:
            raise CrmError(Sentence("segment.error.k_min"))



@dataclass(frozen=True)
class CohortConfig(Config):
    """What the analyst chose for one cohort table."""

    freq: str | None = option(None, choices=tuple(PERIOD_UNITS), words="cohort.freq",
                              en="cohort and period length: M (months), W (weeks), Q (quarters) or Y "
                                 "(years); by default from the dates' rhythm (years when every date is "
                                 "1 January), else months",
                              page_en="cohort and period length: months, weeks, quarters or years; "
                                      "by default from the dates' rhythm, else months",
                              zh="分组与周期长度：按月、按周、按季度或按年；默认按日期的节奏自动选择"
                                 "（所有日期都是1月1日时按年），否则按月")
    observation_end: date | None = option(None, metavar="YYYY-MM-DD",
                                          en="ignore activity after this day", zh="忽略此日期之后的记录")
    segment: str | None = option(None, metavar="NAME",
                                 en="only customers of this segment (latest segmentation of the table)",
                                 zh="只看该分群的客户（该表最近一次分群）")
    first_col: str | None = option(None, metavar="COLUMN",
                                   en="column whose value at the first purchase groups customers "
                                      "(product, channel, category)",
                                   zh="按首次购买时该列的值（商品、渠道、品类）筛选客户")
    first_value: str | None = option(None, metavar="VALUE",
                                     en="keep customers whose first purchase had this value",
                                     zh="只保留首次购买为该值的客户")

    def __post_init__(self) -> None:
        if self.freq is not None and self.freq not in PERIOD_UNITS:
            raise CrmError(Sentence("cohort.error.freq", freq=self.freq))
        if bool(self.first_value) != bool(self.first_col):
            raise CrmError(Sentence("cohort.error.first_pair"))
