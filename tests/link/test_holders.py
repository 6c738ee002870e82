"""How many people hold a name, given its counts per export and the holders already resolved across
a pair of exports (:meth:`Holders.posterior`). A holder can only be resolved across the pair when
she has a record in both: one absent from either export is unresolved for that reason alone, which
her absence in the counts already says (link25 suspected the binomial counted it twice)."""

from __future__ import annotations

from itertools import product

import numpy as np
import pytest

from crm_core.link.priors import HOLDERS_MAX, Holders, _held_counts, _one_holder

REACH = {"shop": (0.7, 0.05), "till": (0.4, 0.1)}  # (a, d): a record there, a second one
SHARE = np.zeros(HOLDERS_MAX)
SHARE[:4] = [0.5, 0.3, 0.15, 0.05]  # π(N): at most four people hold the name
FOUND = 0.8  # a holder in both exports is resolved across them with this chance


def _by_enumeration(held: tuple[int, int], known: int) -> np.ndarray:
    """P(N' | counts, known resolved) by going through every holder's story: her records in each
    export, and whether she was resolved (only possible with a record in both)."""
    one = [_one_holder(*REACH[e]) for e in ("shop", "till")]
    stories = [(i, j, r, one[0][i] * one[1][j] * ((FOUND if r else 1 - FOUND) if i and j else 1.0))
               for i, j, r in product(range(3), range(3), (False, True)) if r <= (i > 0 and j > 0)]
    unseen = one[0][0] ** np.arange(1, 5) * one[1][0] ** np.arange(1, 5)
    post = np.zeros(HOLDERS_MAX)
    for n in range(1, 5):
        likely = 0.0
        for chosen in product(stories, repeat=n):
            rest = [s for s in chosen if not s[2]]
            counts = (sum(s[0] for s in rest), sum(s[1] for s in rest))
            if len(chosen) - len(rest) == known and counts == held:
                likely += np.prod([s[3] for s in chosen])
        if n > known:
            post[n - known - 1] = SHARE[n - 1] / (1 - unseen[n - 1]) * likely
    return post / post.sum()


@pytest.mark.parametrize(("held", "known"), [((1, 0), 1), ((2, 1), 1), ((1, 1), 0), ((0, 1), 2)])
def test_a_holder_absent_from_one_export_is_unresolved_once_not_twice(held, known):
    holders = Holders(["shop", "till"], SHARE, [_held_counts(*REACH[e]) for e in ("shop", "till")], REACH)
    caught = np.array([REACH["shop"][0] * REACH["till"][0] * FOUND])
    got = holders.posterior(np.array([held]), np.array([known]), caught, pair=np.array([[0, 1]]),
                            found=np.array([FOUND]))
    np.testing.assert_allclose(got[0], _by_enumeration(held, known), atol=1e-9)


def test_a_namesake_absent_from_the_payers_export_is_her_double_or_another_holder_not_unresolved_twice():
    """A payer resolved across the shop and the till, and one more shop record of her name (held 1, 0
    without her records): either her double sign-up (d) or another holder, who has no till record
    and so could not have been resolved — her absence is not weighed twice (link25's 26 namesakes)."""
    holders = Holders(["shop", "till"], SHARE, [_held_counts(*REACH[e]) for e in ("shop", "till")], REACH)
    caught = REACH["shop"][0] * REACH["till"][0] * FOUND
    (a_s, d_s), (a_t, _) = REACH["shop"], REACH["till"]
    seen = [SHARE[n - 1] / (1 - ((1 - a_s) * (1 - a_t)) ** n) for n in (1, 2, 3, 4)]
    # N' others explain (0, 0) after the double, or (1, 0) without it; each other absent from the till
    alone = (1 - a_s) * (1 - a_t)
    twice = d_s * sum(seen[k] * (k + 1) * caught * alone ** k for k in range(4))
    other = a_s * (1 - d_s) * (1 - a_t)
    once = (1 - d_s) * sum(seen[k] * (k + 1) * caught * k * other * alone ** (k - 1) for k in range(1, 4))
    got = holders.double_share(np.array([[1, 0]]), np.array([0]), np.array([caught]), np.array([[0, 1]]),
                               np.array([FOUND]))
    np.testing.assert_allclose(got, [twice / (twice + once)], rtol=1e-9)
