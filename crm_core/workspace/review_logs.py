"""A review platform's export (大众点评 / 美团 评价, Google or Yelp reviews), named where money is missing.

大众点评's 评价 (judge47) holds 用户昵称, 星级 1-5, 评价内容 and 评价时间: an event log of what customers
said. Its notes counted "购买次数" and "订单" there were none, and spend offered the 1-5 stars as the amount.
A rating beside a review text makes the table a review log; the notes count reviews and spend says why not."""

from __future__ import annotations

import re

import duckdb

from crm_core.errors import CrmError
from crm_core.i18n import Listing, Sentence
from crm_core.workspace import store

_RATING = re.compile(r"^(星级|评分|总体评分|总评分|打分|评价星级)$"
                     r"|^(rating|stars?|review[ _.-]?(rating|score|stars))$", re.IGNORECASE)
_REVIEW_TEXT = re.compile(r"^(评价|评论)(内容|正文|文字)?$|^review([ _.-]?(text|body|content|comment))?$",
                          re.IGNORECASE)


def review_log_columns(columns: list[str]) -> list[str]:
    """The rating and the review text that make ``columns`` a review log, [] when they do not."""
    ratings = [c for c in columns if _RATING.match(c.strip())]
    texts = [c for c in columns if _REVIEW_TEXT.match(c.strip())]
    return [ratings[0], texts[0]] if ratings and texts else []


def review_log_of(con: duckdb.DuckDBPyConnection, table: str) -> list[str]:
    """The columns that make ``table`` a review log, [] when it is none."""
    return review_log_columns([c for c, _ in store.columns_of(con, table)])


def refuse_review_log(con: duckdb.DuckDBPyConnection, table: str) -> None:
    """Raise, naming what fits, when ``table`` is a review log (else nothing): called where money or a
    product is missing, since its stars are no amount and its review text no item bought."""
    said = review_log_of(con, table)
    if said:
        raise CrmError(Sentence("roles.need.review_log", table=table, columns=Listing(said)))
