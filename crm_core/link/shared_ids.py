"""One id, one person — unless its phones and names say two.

An export's id (a member card, a web nickname, a ticket's phone) holds one record per distinct
contact (:func:`crm_core.link.fields.stage`), and those records are one person before any
comparison: an old phone on old orders and a new one on new, a blank, a typo'd name. Two
households sharing a web nickname (judge13's 有赞 export: ``na94`` was 张娜 on +86 139 8208 7231
27 times and Na Chen on +86 158 9689 6818 13 times) or a family sharing a loyalty card are not:
an id whose phones, each used at least twice, carry names that are not even *similar* is split
into those people, and the link never puts them back together. So is an id that is itself a
mailbox several people write from (a Zendesk export keyed by ``Requester email``: James and Jessica
Williams at ``jwilliams@…``, :mod:`crm_core.link.mailboxes`), by names that are not *close*.
"""

from __future__ import annotations

import duckdb
import numpy as np
import pandas as pd

from crm_core.link.fields import EMAIL_NAME_SIMILARITY
from crm_core.link.model import CLOSE

REPEATED = 2
"""Rows a phone must appear on under one id to speak for a person of its own (a one-off number
is more likely a typo or a gift order than a second household)."""


def pieces(records: pd.DataFrame) -> tuple[pd.DataFrame, list[dict]]:
    """``records`` with ``piece`` (records of one person under one id share the lowest rid; a
    record of a split id that no phone or name places stays alone) and ``shared`` (the id's lowest
    rid for records of an id held by several people, else -1); and the split ids (table, id, how
    many people) for the summary."""
    with duckdb.connect() as mem:
        columns = ["rid", "src", "record_id", "phone_n", "name_k", "email_n", "email_s", "seen"]
        mem.register("recs", records[columns])
        mem.execute(_SPLIT)
        found = mem.sql(_PIECES).df()
        split = [{"table": src, "id": rid, "people": int(n)} for src, rid, n in mem.execute(
            "SELECT src, record_id, count(*) FROM people SEMI JOIN split USING (src, record_id) "
            "GROUP BY ALL ORDER BY ALL").fetchall()]
    return records.assign(piece=found["piece"].to_numpy(np.int64),
                          shared=found["shared"].to_numpy(np.int64)), split


_SPLIT = f"""
CREATE TEMP TABLE people AS  -- the names an id keeps using with a phone, or under a shared mailbox it is
    SELECT src, record_id, name_k AS name, sum(seen) AS n,
           list(DISTINCT phone_n) FILTER (phone_n IS NOT NULL) AS phones,
           bool_or(email_s AND lower(replace(record_id, ' ', '')) = email_n) AS boxed
    FROM recs WHERE name_k IS NOT NULL GROUP BY ALL
    HAVING (sum(seen) >= {REPEATED} AND count(phone_n) > 0) OR boxed;
CREATE TEMP TABLE split AS  -- ids with two such names, no two of them alike nor on one phone
    SELECT src, record_id FROM people GROUP BY ALL HAVING count(*) >= 2
    EXCEPT
    SELECT a.src, a.record_id FROM people a JOIN people b
      ON a.src = b.src AND a.record_id = b.record_id AND a.name < b.name
    WHERE jaro_winkler_similarity(a.name, b.name)
          >= CASE WHEN a.boxed AND b.boxed THEN {CLOSE} ELSE {EMAIL_NAME_SIMILARITY} END
       OR len(list_intersect(a.phones, b.phones)) > 0;
"""

_PIECES = """
WITH placed AS (  -- a record of a split id: the person of its name, else of its phone
    SELECT r.rid, coalesce(
        (SELECT h.name FROM people h WHERE h.src = r.src AND h.record_id = r.record_id AND h.name = r.name_k),
        (SELECT min(h.name) FROM people h WHERE h.src = r.src AND h.record_id = r.record_id
           AND list_contains(h.phones, r.phone_n))) AS person
    FROM recs r SEMI JOIN split s ON s.src = r.src AND s.record_id = r.record_id)
SELECT r.rid,
       CASE WHEN p.rid IS NULL THEN min(r.rid) OVER (PARTITION BY r.src, r.record_id)
            WHEN p.person IS NULL THEN r.rid
            ELSE min(r.rid) OVER (PARTITION BY r.src, r.record_id, p.person) END AS piece,
       CASE WHEN p.rid IS NULL THEN -1
            ELSE min(r.rid) OVER (PARTITION BY r.src, r.record_id) END AS shared
FROM recs r LEFT JOIN placed p ON p.rid = r.rid ORDER BY r.rid"""
