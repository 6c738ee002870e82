"""The one-to-one pass's double share (:meth:`Holders.double_share`): is a second record of a resolved
payer's name her double sign-up or another holder's? A holder can only be resolved across a pair of
exports when she has a record in both: one absent from either export is unresolved for that reason
alone, which her absence in the counts already says (link25: the binomial counted it twice, and 26
Shopify namesakes joined Stripe payers once Stripe's description was read)."""

from __future__ import annotations

import numpy as np

from crm_core.link.priors import HOLDERS_MAX, Holders, _held_counts

REACH = {"shop": (0.7, 0.05), "till": (0.4, 0.1)}  # (a, d): a record there, a second one
SHARE = np.zeros(HOLDERS_MAX)
SHARE[:4] = [0.5, 0.3, 0.15, 0.05]  # π(N): at most four people hold the name
FOUND = 0.8  # a holder in both exports is resolved across them with this chance


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
