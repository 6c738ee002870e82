"""What the analyst chooses for recommendations and basket rules, apart from the models: the command
line builds ``recommend --help`` and ``basket --help`` from these alone, without importing SciPy or
pandas (0.7 s of CPU for a list of options; as :mod:`crm_core.customers.configs` did for churn and
spend)."""

from __future__ import annotations

from dataclasses import dataclass

from crm_core.contract import Config, option
from crm_core.errors import CrmError
from crm_core.i18n import Sentence

RECOMMEND = "recommend"
BASKET = "basket"
"""The runs' kinds (``RecommendRun.kind``, ``BasketRun.kind``), named where the command line can read them."""
MODES: tuple[str, ...] = ("new", "again", "all")
"""new: only products new to the customer; again: only products they bought before; all: both."""


@dataclass(frozen=True)
class RecommendConfig(Config):
    """What the analyst chose; kept with each run."""

    top: int = option(10, metavar="K", en="products per customer", zh="每位客户推荐的商品数")
    mode: str = option("new", choices=MODES, words="rec.mode",
                       en="new = only products new to the customer; again = buy-again list of what "
                          "they bought before; all = both",
                       page_en="what to recommend: only products new to the customer, a buy-again list "
                               "of what they bought before, or both",
                       zh="推荐哪些商品：只推荐客户没买过的商品、复购清单（买过的商品），或两者皆可")
    half_life_days: float | None = option(
        None, metavar="DAYS", en="a purchase counts half as much after this many days; empty = chosen "
                                 "by the evaluation, 0 = no decay",
        zh="购买记录经过这么多天后权重减半；留空 = 由评估自动选择，0 = 不衰减")
    holdout_days: int = option(28, metavar="N", en="the log's last N days are hidden for the test "
                                                    "(and the N before them for choosing weights)",
                               zh="整份记录的最后 N 天留作测试（再往前 N 天用于选择权重）")
    recent_days: int = option(28, metavar="N", en="'what sells lately' counts buyers over the last N "
                                                   "days (a signal of the model and its baseline)",
                              zh="“近期畅销”统计最近 N 天的购买人数（既是模型信号，也是对比基准）")
    lookback_days: int | None = option(None, metavar="N", en="learn from the last N days only",
                                       zh="只用最近 N 天的数据学习")
    n_neighbors: int = option(100, flag="--neighbors", metavar="N",
                              en="similar customers consulted per customer", zh="每位客户参考的相似客户数")
    products_table: str | None = option(None, flag="--products", metavar="TABLE",
                                        en="products table with names (default: found in the workspace)",
                                        zh="含商品名称的商品表（默认自动查找）")
    display_columns: tuple[str, ...] = option((), flag="--display-cols", metavar="A,B",
                                              en="product columns shown next to ids (default: name, "
                                                 "brand, department, type … found by name)",
                                              zh="在商品编号旁显示的列（默认自动识别名称、品牌、部门、类型等）")

    def __post_init__(self) -> None:
        if self.top < 1:
            raise CrmError(Sentence("rec.error.top"))
        if self.holdout_days < 1 or self.recent_days < 1:
            raise CrmError(Sentence("rec.error.days"))
        if self.half_life_days is not None and self.half_life_days < 0:
            raise CrmError(Sentence("rec.error.half_life"))


@dataclass(frozen=True)
class BasketConfig(Config):
    """What the analyst chose for the rules; kept with each run."""

    min_support: float = option(0.001, metavar="S",
                                en="minimum share of baskets holding the pair (0.001 = one basket in 1,000)",
                                zh="最小支持度：同时包含两件商品的购物篮占比（0.001 = 千分之一）")
    min_confidence: float = option(0.0, metavar="C", en="minimum share of A's baskets that also hold B",
                                   zh="最小置信度：含 A 的购物篮中也含 B 的比例")
    min_lift: float = option(1.0, metavar="L", en="keep rules with at least this lift (1 = chance)",
                             zh="只保留提升度不低于此值的规则（1 = 随机水平）")
    per_product: int = option(10, metavar="N", en="best rules kept per antecedent product",
                              zh="每个前项商品保留的最佳规则数")
    products_table: str | None = option(None, flag="--products", metavar="TABLE",
                                        en="products table with names (default: found in the workspace)",
                                        zh="含商品名称的商品表（默认自动查找）")
    category_column: str | None = option(None, flag="--category-col", metavar="COLUMN",
                                         en="products-table column for rules between categories "
                                            "(default: the category role)",
                                         zh="用于类别间规则的商品表列（默认使用类别角色列）")

    def __post_init__(self) -> None:
        if not 0 < self.min_support < 1:
            raise CrmError(Sentence("rec.error.min_support", min_support=self.min_support))
        if not 0 <= self.min_confidence <= 1:
            raise CrmError(Sentence("rec.error.min_confidence", min_confidence=self.min_confidence))
        if self.per_product < 1:
            raise CrmError(Sentence("rec.error.per_product"))
