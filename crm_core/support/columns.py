"""Which columns of an FAQ or a questions table hold the id, question, answer and label.

Header names (English and 中文) decide first; text roles fall back to the text columns by
length. The readers return plain frames with fixed column names.
"""

from __future__ import annotations

import re

import duckdb
import numpy as np
import pandas as pd

from crm_core.errors import CrmError
from crm_core.i18n import Listing, Sentence
from crm_core.support.text import normalise, plain_text
from crm_core.workspace import store
from crm_core.workspace.roles import get_roles
from crm_core.workspace.sqlutil import qi

_FAQ_PATTERNS: dict[str, str] = {
    "faq_id": r"^(faq|entry|article|question|q|kb)?[ _.-]?(id|no|nr|number|code|key)$|^faq$"
              r"|^(问题|条目|知识)?(编号|序号|id|ID)$",
    "question": r"question|^q$|query|title|subject|prompt|问题|提问|标题|问法",
    "answer": r"answer|^a$|reply|response|solution|resolution|content|body|text|答案|回答|回复|答复|解答",
    "category": r"category|class|topic|type|group|section|area|类别|分类|类型|主题|栏目",
}
_QUESTION_PATTERNS: dict[str, str] = {
    "question_id": r"^(question|ticket|case|chat|message|msg|conversation|request|query|q)?[ _.-]?"
                   r"(id|no|nr|number|key)$|^(工单|问题|咨询|会话)?(编号|序号|id|ID)$|^(工单|咨询|会话)号$",
    "faq_id": r"faq|label|intent|answer[ _.-]?id|matched|correct|true|gold|target|expected"
              r"|标签|意图|对应|正确",
    "reply": r"repl|respon|answer|solution|resolution|回复|答复|回答|解答|处理结果|处理意见",
    "question": r"question|query|text|message|body|content|subject|description|utterance|comment"
                r"|问题|内容|咨询|留言|提问|描述",
    "created": r"creat|submit|opened|received|^date$|^time$|timestamp|创建|提交|发起|咨询时间|^日期$|^时间$",
}
_ROLE_ORDER = {"faq": ("faq_id", "question", "answer", "category"),
               "questions": ("question_id", "faq_id", "reply", "question", "created")}
_TEXT_ROLES = {"question", "answer", "reply"}


def _text_lengths(con: duckdb.DuckDBPyConnection, table: str, columns: list[str]) -> dict[str, float]:
    """Average text length of each column over a sample of rows."""
    if not columns:
        return {}
    parts = ", ".join(f"avg(length(CAST({qi(c)} AS VARCHAR)))" for c in columns)
    row = con.execute(f"SELECT {parts} FROM (SELECT * FROM {qi(table)} LIMIT 5000)").fetchone()
    return {c: float(v or 0.0) for c, v in zip(columns, row, strict=True)}


def detect_columns(
    con: duckdb.DuckDBPyConnection, table: str, kind: str, overrides: dict[str, str | None] | None = None
) -> dict[str, str]:
    """Role → column for an FAQ (``kind="faq"``) or a questions table (``kind="questions"``).

    Header names (English and 中文) decide first; text roles fall back to the text columns
    by length (an FAQ's answer is its longest text, the question the next). Overrides win
    and an unknown override names the table's columns.
    """
    store.require_table(con, table)
    columns = store.columns_of(con, table)
    names = [c for c, _ in columns]
    texts = [c for c, t in columns if t.upper() == "VARCHAR"]
    found = {role: col for role, col in (overrides or {}).items() if col}
    for role, col in found.items():
        if col not in names:
            raise CrmError(Sentence("support.error.no_column", table=table, column=col,
                                    role=Sentence(f"support.role.{role}"), columns=Listing(names[:40])))
    patterns = _FAQ_PATTERNS if kind == "faq" else _QUESTION_PATTERNS
    for role in _ROLE_ORDER[kind]:
        if role in found:
            continue
        pool = texts if role in _TEXT_ROLES else names
        rx = re.compile(patterns[role], re.IGNORECASE)
        hit = next((c for c in pool if c not in found.values() and rx.search(c.strip())), None)
        if hit:
            found[role] = hit
    _reply_as_question(texts, found, overrides or {})
    _fill_text_roles(con, table, kind, texts, found)
    return found


def _reply_as_question(texts: list[str], found: dict[str, str], overrides: dict[str, str | None]) -> None:
    """A questions table whose only text column is headed like a reply (a survey's ``response``)
    asks its questions there: the reply role gives the column back."""
    if "reply" in found and "question" not in found and not overrides.get("reply") \
            and not [c for c in texts if c not in found.values()]:
        found["question"] = found.pop("reply")


def _fill_text_roles(con, table: str, kind: str, texts: list[str], found: dict[str, str]) -> None:
    needed = ["question", "answer"] if kind == "faq" else ["question"]
    missing = [r for r in needed if r not in found]
    if not missing:
        return
    free = [c for c in texts if c not in found.values()]
    lengths = _text_lengths(con, table, free)
    by_length = sorted(free, key=lambda c: -lengths[c])
    if kind == "faq" and "answer" in missing and by_length:
        found["answer"] = by_length.pop(0)
    if "question" in missing and by_length:
        found["question"] = by_length[0]
    if kind == "faq" and "question" in missing and "question" in found:
        _check_faq_questions(con, table, found["question"], found.get("answer", ""))
    if any(r not in found for r in needed):  # a run's result or a table of numbers: no text at all
        raise CrmError(Sentence("support.need.text", table=table,
                                columns=", ".join(c for c, _ in store.columns_of(con, table)[:40])))


def written_in(con: duckdb.DuckDBPyConnection, table: str) -> str:
    """``"zh"`` when most of an FAQ's questions hold Chinese characters, else ``"en"``: a page
    offers the FAQ written in its own language first."""
    question = qi(detect_columns(con, table, "faq")["question"])
    sample = f"SELECT {question} FROM {qi(table)} WHERE {question} IS NOT NULL LIMIT 200"
    share = con.execute(f"SELECT avg(CAST(regexp_matches({question}, '\\p{{Han}}') AS INTEGER)) "
                        f"FROM ({sample})").fetchone()[0]
    return "zh" if (share or 0) > 0.5 else "en"


MIN_DISTINCT_QUESTIONS = 0.5
"""Share of distinct values a guessed FAQ question column needs: an FAQ asks each question once;
a sales table's ``weekday`` (7 values over 127,575 bakery rows) is not one."""

PEOPLE_ROLES = ("customer_id", "email", "phone", "name")
"""Column roles that say who someone is: a contact list's longest text is its e-mail and phone,
never an FAQ's answer and question."""


def _check_faq_questions(con, table: str, question: str, answer: str) -> None:
    """Refuse a table whose longest text columns repeat (a sales export picked as the FAQ: its
    weekday became the question and its month the answer, "100% answered right") or say who
    people are (a support desk's contact list: phones matched to e-mails, "100% right")."""
    roles = get_roles(con, table)
    people = {roles[r] for r in PEOPLE_ROLES if roles.get(r)}
    if question in people or answer in people:
        raise CrmError(Sentence("support.need.faq_people", table=table, question=question, answer=answer))
    rows, distinct = con.execute(f"SELECT count({qi(question)}), count(DISTINCT {qi(question)}) "
                                 f"FROM {qi(table)}").fetchone()
    if rows and distinct < MIN_DISTINCT_QUESTIONS * rows:
        raise CrmError(Sentence("support.need.faq", table=table, question=question, answer=answer,
                                distinct=f"{distinct:,}", rows=f"{rows:,}"))


def clean_id(value: object) -> str:
    """Ids compared as text: ``3``, ``3.0`` and `` 3 `` are the same id; blanks are empty."""
    if value is None or (isinstance(value, float) and np.isnan(value)):
        return ""
    text = str(value).strip()
    return text[:-2] if re.fullmatch(r"-?\d+\.0", text) else text


def read_faq(con: duckdb.DuckDBPyConnection, table: str,
             overrides: dict[str, str | None] | None = None) -> pd.DataFrame:
    """The FAQ as faq_id, question, answer, category (row numbers when there is no id)."""
    cols = detect_columns(con, table, "faq", overrides)
    select = ", ".join(f"CAST({qi(cols[r])} AS VARCHAR) AS {r}" for r in _ROLE_ORDER["faq"] if r in cols)
    frame = con.execute(f"SELECT {select} FROM {qi(table)}").df()
    if "faq_id" not in frame:
        frame.insert(0, "faq_id", [str(i) for i in range(1, len(frame) + 1)])
    if "category" not in frame:
        frame["category"] = ""
    frame["faq_id"] = frame["faq_id"].map(clean_id)
    frame = frame.fillna({"question": "", "answer": "", "category": ""})
    keep = frame["question"].map(normalise).str.len() > 0
    return frame.loc[keep, ["faq_id", "question", "answer", "category"]].reset_index(drop=True)


def read_questions(con: duckdb.DuckDBPyConnection, table: str,
                   overrides: dict[str, str | None] | None = None) -> pd.DataFrame:
    """Incoming questions as question_id, question and, when the table has them, true_faq_id,
    the agent's reply and when the question came in (past tickets of a helpdesk export)."""
    cols = detect_columns(con, table, "questions", overrides)
    parts = [f"CAST({qi(cols['question'])} AS VARCHAR) AS question"]
    if "question_id" in cols:
        parts.insert(0, f"CAST({qi(cols['question_id'])} AS VARCHAR) AS question_id")
    for role, name in (("faq_id", "true_faq_id"), ("reply", "reply"), ("created", "created")):
        if role in cols:
            parts.append(f"CAST({qi(cols[role])} AS VARCHAR) AS {name}")
    frame = con.execute(f"SELECT {', '.join(parts)} FROM {qi(table)}").df()
    if "question_id" not in frame:
        frame.insert(0, "question_id", [str(i) for i in range(1, len(frame) + 1)])
    frame["question"] = frame["question"].fillna("").map(plain_text)
    if frame.empty:
        raise CrmError(Sentence("support.error.no_questions", table=table))
    return frame
