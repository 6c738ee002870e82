"""What the analyst chooses for linking, apart from the model: the command line builds ``link --help``
from this alone, without importing SciPy or pandas (1.2 s of CPU for a list of options; as
:mod:`crm_core.customers.configs` did for churn and spend)."""

from __future__ import annotations

from dataclasses import dataclass

from crm_core.contract import Config, option
from crm_core.errors import CrmError
from crm_core.i18n import Sentence

LINK = "link"
"""The run's kind (``LinkRun.kind``), named where the command line can read it."""


@dataclass(frozen=True)
class LinkConfig(Config):
    """What the analyst chose; recorded with each run."""

    threshold: float | None = option(None, en="match probability from which two records are the same "
                                              "customer (default: the one with the best F1 the model "
                                              "estimates from its own scores on this run, lowered "
                                              "while the customers it forms stay an estimated 95.5% "
                                              "precise)",
                                     zh="两条记录判为同一客户所需的匹配概率（默认：按模型对本次运行"
                                        "自身打分估计的 F1 最高的阈值；只要由此归并出的客户估计精确率"
                                        "仍不低于 95.5%，再往下放宽）")
    max_block: int = option(100, en="skip blocking keys shared by more records than this "
                                    "(a very common name with nothing else in common)",
                            zh="某个分块键被超过此数量的记录共享时跳过（例如只有常见姓名相同）")
    review_bits: float = option(4.0, en="pairs whose match weight is within this many bits of the "
                                        "threshold go to the review list (4 bits = 16 times the odds)",
                                zh="匹配权重与阈值相差在此比特数以内的记录对进入复核列表"
                                   "（4 比特 = 16 倍几率）")

    def __post_init__(self) -> None:
        if self.threshold is not None and not 0.0 < self.threshold < 1.0:
            raise CrmError(Sentence("link.error.threshold", value=self.threshold))
        if self.max_block < 2:
            raise CrmError(Sentence("link.error.max_block"))
