"""Segment names for a campaign log (Mailchimp's ``sent`` / ``open`` / ``click`` under ``Action``):
its rows are mailings and what people did with them, not visits to pages, so judge23's "mostly sent
events, narrow browsing, occasional visitors" reads "mailed more than engaging, one kind of activity,
few mailings and actions" (en + zh, ``segment.behaviour.mailing.*``)."""

from __future__ import annotations

from crm_core.i18n import t
from crm_core.workspace.events import ENGAGED, SENT

ACTIONS = {"open": "open", "opened": "open", "opens": "open", "打开": "open", "已打开": "open",
           "click": "click", "clicked": "click", "clicks": "click", "点击": "click", "已点击": "click",
           "reply": "reply", "replied": "reply", "回复": "reply",
           "unsubscribe": "unsubscribe", "unsubscribed": "unsubscribe", "退订": "unsubscribe"}
"""A person's action on a mailing, as written (:data:`ENGAGED`), → the word it is said by."""
FAMILIES = ("visits", "depth", "breadth", "age")
"""Behaviour phrase families said otherwise of a campaign log (recency is said the same)."""


def is_campaign(groups: dict[str, str]) -> bool:
    """Whether the event groups are a campaign log's: a mailing sent and a person's action on one,
    the rule the transaction view leaves the sends out by (:func:`events.not_purchase_sql`)."""
    said = {str(g).strip().lower() for g in groups.values()}
    return bool(said & set(SENT)) and bool(said & set(ENGAGED))


def behaviour_phrase(family: str, level: str, lang: str) -> str | None:
    """How often, how many at once, how varied, how long on the list; None for a family said the
    same as of any log."""
    return t(f"segment.behaviour.mailing.{family}.{level}", lang) if family in FAMILIES else None


def share_phrase(what: str, level: str, lang: str) -> str | None:
    """A share of sends ("mailed more than engaging") or of one action ("mostly opens"), at
    ``level`` high, low or never; None for a value that is neither."""
    value = str(what).strip().lower()
    if value in SENT:
        return t(f"segment.behaviour.mailing.sent.{level}", lang)
    if value in ACTIONS:
        action = t(f"segment.behaviour.mailing.action.{ACTIONS[value]}", lang)
        return t(f"segment.behaviour.mailing.share.{level}", lang, what=action)
    return None
