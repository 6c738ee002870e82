"""A second co-purchase hop for the ranker's candidates (rec34, issue #15).

The ranker can only order what its signals propose (each one's best few per customer), so a product
that none of them ranks high is never listed. Products co-bought with the nearest products of the
customer's own products reach past them: ``own @ N @ N``, N each candidate's ``HOP_NEIGHBOURS``
nearest candidates by cosine over who bought them (walk-in tills left out: no one's taste).
"""

from __future__ import annotations

import numpy as np
from scipy import sparse

from crm_core.recommend.model import _scaled_rows, chunk_columns
from crm_core.recommend.similarity import top_neighbours

HOP_NEIGHBOURS = 20
"""Nearest products kept per product at each hop (fixed, not tuned)."""


def two_hops(bought: sparse.csr_matrix, people: np.ndarray) -> sparse.csr_matrix:
    """Candidates × candidates: N @ N, from the binary purchases (customers × candidates) of ``people``."""
    near = top_neighbours(bought[people].T.tocsr(), HOP_NEIGHBOURS)
    return (near @ near).tocsr()


def hop_scores(own: sparse.csr_matrix, hops: sparse.csr_matrix, cols: np.ndarray,
               allowed: np.ndarray) -> np.ndarray:
    """Each customer's second-hop score over the candidate positions ``cols``, 0 where the list may
    not hold the product, each row over its maximum (as the other signals are scaled)."""
    scores = (own @ chunk_columns(hops, cols)).toarray().astype(np.float32)
    scores[~allowed] = 0.0
    return _scaled_rows(scores)
