"""Member numbers compared across exports: a booking's ``Member No.`` naming the ledger's member
(link20), or two exports of one system keyed by the same card — a till's 收银流水 and its 会员 list,
both by 会员卡号 (judge27), where a household on one phone holds two cards, two people."""

from __future__ import annotations

from dataclasses import replace
from itertools import combinations

from crm_core.link import normalise
from crm_core.link.fields import TableFields, raw_sql
from crm_core.workspace.sqlutil import qi

ONE_NUMBERING = 0.5
"""Share of the card numbers two exports both hold, among those both give a phone for, whose phones
agree, above which the two number their members alike. One system's cards agree on nearly all
(judge27's 567 of 567); two tills numbering M0000001… each agree only where a number is one person
by chance."""


def member_numbers(con, exports: list[TableFields]) -> list[TableFields]:
    """``exports`` comparing member numbers when one of them holds the number beside its own id,
    else only between exports whose ids are one numbering (:func:`one_numbering`): two member
    lists numbered M0000001… each would agree on numbers that are different people's."""
    if any(e.columns.get("member_no") not in (None, e.id_column) for e in exports):
        return exports
    keyed = [e for e in exports if e.columns.get("member_no")]
    alike = {e.table for a, b in combinations(keyed, 2) if one_numbering(con, a, b) for e in (a, b)}
    return [e if e.table in alike else replace(e, columns={f: c for f, c in e.columns.items()
                                                            if f != "member_no"}) for e in exports]


def one_numbering(con, a: TableFields, b: TableFields) -> bool:
    """Whether ``a`` and ``b`` number their members alike: most card numbers both hold have a phone
    in common. Phones masked in one export only cannot be compared, nor the numbers then."""
    if not (a.columns.get("phone") and b.columns.get("phone")) or \
            ("phone" in a.masked) != ("phone" in b.masked):
        return False
    both, agreeing = con.execute(f"""
        SELECT count(DISTINCT x.card), count(DISTINCT x.card) FILTER (WHERE x.phone = y.phone)
        FROM ({_cards(a)}) x JOIN ({_cards(b)}) y USING (card)""").fetchone()
    return both > 0 and agreeing > ONE_NUMBERING * both


def _cards(tf: TableFields) -> str:
    """Each card number of ``tf`` with each phone given for it (normalised unless masked at load)."""
    phone = raw_sql(tf, "phone")
    phone = phone if "phone" in tf.masked else normalise.phone_sql(phone)
    return (f"SELECT DISTINCT {normalise.postcode_sql(raw_sql(tf, 'member_no'))} AS card, {phone} AS phone "
            f"FROM {qi(tf.table)} WHERE {phone} IS NOT NULL")
