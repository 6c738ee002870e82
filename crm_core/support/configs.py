"""What the analyst chooses for FAQ replies, apart from the matcher that finds them: the command
line builds ``support --help`` from this alone, without importing scikit-learn, SciPy or pandas
(1.5 s of CPU for a list of options; as :mod:`crm_core.customers.configs` did for churn and spend)."""

from __future__ import annotations

from dataclasses import dataclass

from crm_core.contract import Config, option
from crm_core.errors import CrmError
from crm_core.i18n import Sentence

SUPPORT = "support"
"""The run's kind (``SupportRun.kind``), named where the command line can read it."""


def parse_threshold(threshold: float | str | None) -> float | None:
    """A number between 0 and 1 from the analyst, or None for the automatic choice."""
    if threshold is None or (isinstance(threshold, str) and threshold.strip().lower() == "auto"):
        return None
    try:
        value = float(threshold)
    except ValueError as exc:
        raise CrmError(
            Sentence("support.error.threshold", threshold=repr(threshold))) from exc
    if not 0.0 <= value <= 1.0:
        raise CrmError(Sentence("support.error.threshold_range", value=value))
    return value


@dataclass(frozen=True)
class SupportConfig(Config):
    """What the analyst chose; kept with each run."""

    threshold: float | str = option("auto", words="support.threshold",
                                    en="confidence below which a question goes to a person "
                                       "(0-1, or auto: from labelled history, else from the FAQ)",
                                    page_en="confidence below which a question goes to a person (0-1, "
                                            "or set automatically from labelled history, else from the FAQ)",
                                    zh="置信度低于该值的问题转人工（0-1，或自动设定："
                                       "有标注历史时据其确定，否则由常见问题自检确定）")
    questions_table: str | None = option(None, cli=False, en="table of incoming questions",
                                         zh="客户问题表")
    questions: tuple[str, ...] = option((), cli=False, en="questions typed or pasted, one each",
                                        zh="直接输入或粘贴的问题，每条一个")
    faq_id_col: str | None = option(None, metavar="COLUMN", en="FAQ column holding the entry id",
                                    zh="常见问题表中的条目编号列")
    faq_question_col: str | None = option(None, metavar="COLUMN", en="FAQ column holding the question",
                                          zh="常见问题表中的问题列")
    answer_col: str | None = option(None, metavar="COLUMN", en="FAQ column holding the answer",
                                    zh="常见问题表中的答案列")
    category_col: str | None = option(None, metavar="COLUMN", en="FAQ column holding the category",
                                      zh="常见问题表中的类别列")
    question_id_col: str | None = option(None, metavar="COLUMN", en="questions column holding the id",
                                         zh="客户问题表中的编号列")
    question_col: str | None = option(None, metavar="COLUMN", en="questions column holding the text",
                                      zh="客户问题表中的问题文本列")
    true_faq_col: str | None = option(None, metavar="COLUMN",
                                      en="questions column holding the right FAQ id (labelled history)",
                                      zh="客户问题表中的正确答案编号列（标注历史）")
    reply_col: str | None = option(None, metavar="COLUMN",
                                   en="questions column holding the agent's reply (an FAQ answer sent "
                                      "says which entry was right)",
                                   zh="客户问题表中的客服回复列（回复若是某条 FAQ 的答案，"
                                      "即说明该条目是对的）")

    def __post_init__(self) -> None:
        parse_threshold(self.threshold)

    def faq_columns(self) -> dict[str, str | None]:
        return {"faq_id": self.faq_id_col, "question": self.faq_question_col,
                "answer": self.answer_col, "category": self.category_col}

    def question_columns(self) -> dict[str, str | None]:
        return {"question_id": self.question_id_col, "question": self.question_col,
                "faq_id": self.true_faq_col, "reply": self.reply_col}
