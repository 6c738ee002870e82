"""A name at one city: the city of a name-agreeing pair weighed by the people who hold both.

The city's own weight, log₂(m / tf(city)), spreads a name's namesakes over the cities by the
cities' shares. The joint counts say where they are: a name held 21 times, but at one city only
by the two records of the pair, is likelier one person than the city's share says; a name held
six times at that city, less. For a cross-export pair agreeing exactly on both, the holders model
(:func:`crm_core.link.priors.holders`) runs on the key *name | city*, and the city's weight becomes
that model's odds over the name's own: name + city together give E[1/N] of the people holding
both. Elimination then refines the name's part as before.
"""

from __future__ import annotations

from crm_core.link.priors import holders, prior_sql
from crm_core.workspace.sqlutil import qi

KEY = "name_k || '|' || city_k"
"""The joint key; NULL when either is missing, so only records holding both count."""


def place_reach(con, records: str, reach: dict[str, tuple[float, float]],
                m_city: float) -> dict[str, tuple[float, float]]:
    """The name's reach per export (a, d) for the joint key: a holder's record there also carries
    her city with chance (the export's named records with a city) × m of the exact city."""
    filled = dict(con.execute(f"""SELECT src, avg((city_k IS NOT NULL)::DOUBLE) FROM {qi(records)}
        WHERE name_k IS NOT NULL GROUP BY 1""").fetchall())
    return {e: (a * float(filled.get(e, 0.0)) * m_city, d) for e, (a, d) in reach.items()}


def place_weights(con, records: str, reach: dict[str, tuple[float, float]], m_city: float,
                  priors: dict[str, float]) -> None:
    """Reweigh the city of ``__link_evidence``'s cross-export pairs agreeing exactly on name and
    city so that, with the prior and the name's weight, the two give E[1/N] of the joint key's
    holders. Run after the name's holders weights and before elimination."""
    found = holders(con, records, "place", KEY, place_reach(con, records, reach, m_city))
    if found is None:
        return
    table, _ = found
    prior = prior_sql(priors, "p.stratum")
    con.execute(f"""UPDATE __link_evidence e SET w_city = x.w, evidence = e.evidence - e.w_city + x.w
        FROM (SELECT p.l, p.r, log2(h.inv_n / (1 - h.inv_n)) - {prior} - p.w_name AS w
              FROM __link_evidence p JOIN {qi(records)} l ON l.rid = p.l JOIN {qi(records)} r ON r.rid = p.r
              JOIN {qi(table)} h ON h.v = l.name_k || '|' || l.city_k
              WHERE p.g_name = 9 AND p.g_city = 9 AND l.src <> r.src) x
        WHERE e.l = x.l AND e.r = x.r""")
    con.execute(f"DROP TABLE {qi(table)}")
