"""What the analyst chooses for churn and spend, apart from the models that fit them: the command
line builds ``churn --help`` and ``spend --help`` from these alone, without importing scikit-learn,
SciPy or pandas (1.4 s of CPU for a list of options).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from crm_core.contract import Config, option
from crm_core.errors import CrmError
from crm_core.i18n import Sentence

CHURN = "churn"
SPEND = "spend"
"""The runs' kinds (``ChurnRun.kind``, ``SpendRun.kind``), named where the command line can read them."""
DEFAULT_INACTIVE_DAYS = 90
"""Days without an order after which churn counts a customer gone; RFM's Lost waits as long (left88)."""


@dataclass(frozen=True)
class ChurnConfig(Config):
    """What the analyst chose; the label column itself is a role (``--label-col``)."""

    inactive_days: int | None = option(
        None, metavar="N", en="derive the label: no purchase in the N days after the cutoff (90 when "
                              "the table has no label column)",
        zh="由行为推导标签：截止日后 N 天内没有购买（表中没有标签列时默认 90）")
    cutoff: date | None = option(None, metavar="YYYY-MM-DD",
                                 en="score as of this day; orders after it are not read (default: "
                                    "the day of the newest order)",
                                 zh="以该日为准评分，之后的订单不会被读取（默认：最新订单日）")
    score_table: str | None = option(None, flag="--score", metavar="OTHER_TABLE",
                                     en="score the customers of another table with the trained model",
                                     zh="用训练好的模型为另一张表的客户评分")
    value_col: str | None = option(None, metavar="COLUMN",
                                   en="money column of a labelled customer table for value at risk "
                                      "(default: a monthly charge × 12, else a balance, else the amount)",
                                   zh="带标签客户表中用于计算风险价值的金额列（默认：月费 × 12，其次余额，"
                                      "再次金额列）")

    def __post_init__(self) -> None:
        if self.inactive_days is not None and not 1 <= self.inactive_days <= 3650:
            raise CrmError(Sentence("customers.error.inactive_days"))


@dataclass(frozen=True)
class SpendConfig(Config):
    """What the analyst chose; recorded with each run."""

    days: int = option(90, metavar="N", en="predict the spend of the N days after the cutoff",
                       zh="预测截止日之后 N 天的消费")
    cutoff: date | None = option(None, metavar="YYYY-MM-DD",
                                 en="score as of this day; orders after it are not read (default: "
                                    "the day of the newest order)",
                                 zh="以该日为准评分，之后的订单不会被读取（默认：最新订单日）")
    coverage: float = option(0.9, en="coverage of each customer's interval and of the total's",
                             zh="每位客户及总额区间的覆盖率")

    def __post_init__(self) -> None:
        if not 1 <= self.days <= 3650:
            raise CrmError(Sentence("customers.error.spend_days"))
        if not 0.5 <= self.coverage < 1:
            raise CrmError(Sentence("customers.error.coverage"))
