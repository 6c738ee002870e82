"""Buy-again chunks: customers scored together over only the products they bought."""

from __future__ import annotations

from collections.abc import Iterator

import numpy as np
from scipy import sparse


def own_chunks(bought: sparse.csr_matrix, positions: np.ndarray, width: int, cells: int
               ) -> Iterator[tuple[np.ndarray, np.ndarray]]:
    """Consecutive customers with the products any of them bought (sorted), a chunk closed before
    those products exceed ``width`` columns or ``cells`` cells (a customer who alone bought more
    gets a chunk of their own): buy-again lists are scored over what was bought, nothing else."""
    seen = np.zeros(bought.shape[1], dtype=bool)
    start, wide = 0, 0
    for at, row in enumerate(positions):
        own = bought.indices[bought.indptr[row]:bought.indptr[row + 1]]
        fresh = int(np.count_nonzero(~seen[own]))
        if at > start and (wide + fresh > width or (at - start + 1) * (wide + fresh) > cells):
            cols = np.flatnonzero(seen)
            yield positions[start:at], cols
            seen[cols] = False
            start, wide, fresh = at, 0, len(own)
        seen[own] = True
        wide += fresh
    if start < len(positions):
        yield positions[start:], np.flatnonzero(seen)
