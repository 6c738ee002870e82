"""Sparse nearest neighbours: cosine similarity of rows, top-k per row, block by block.

Memory stays bounded by the block and ``rows × k``: no dense rows × rows matrix exists.
"""

from __future__ import annotations

import numpy as np
from scipy import sparse

BLOCK_PAIRS = 4_000_000
"""Rough budget of similarity pairs computed per block before pruning to the top neighbours."""


def l2_rows(matrix: sparse.csr_matrix) -> sparse.csr_matrix:
    """Rows scaled to unit length (empty rows stay empty)."""
    norms = np.sqrt(np.asarray(matrix.multiply(matrix).sum(axis=1)).ravel())
    norms[norms == 0] = 1.0
    return (sparse.diags((1.0 / norms).astype(np.float32)) @ matrix).tocsr()


def prune_rows(matrix: sparse.csr_matrix, keep: int) -> sparse.csr_matrix:
    """Keep the ``keep`` largest entries of each row."""
    matrix = matrix.tocsr()
    counts = np.diff(matrix.indptr)
    mask = np.ones(matrix.nnz, dtype=bool)
    for row in np.flatnonzero(counts > keep):
        lo, hi = matrix.indptr[row], matrix.indptr[row + 1]
        drop = np.argpartition(-matrix.data[lo:hi], keep)[keep:]
        mask[lo + drop] = False
    coo = matrix.tocoo()
    return sparse.csr_matrix((coo.data[mask], (coo.row[mask], coo.col[mask])), shape=matrix.shape)


def top_neighbours(vectors: sparse.csr_matrix, n_neighbors: int) -> sparse.csr_matrix:
    """Cosine similarity among the rows of ``vectors``, the top ``n_neighbors`` per row, self excluded."""
    vectors = l2_rows(vectors.tocsr().astype(np.float32))
    n = vectors.shape[0]
    transposed = vectors.T.tocsr()
    density = max(vectors.nnz, 1) / max(n, 1)
    overlap = max(1.0, float(np.diff(transposed.indptr).mean())) if transposed.shape[0] else 1.0
    block = int(max(64, min(max(n, 1), BLOCK_PAIRS / max(1.0, density * overlap))))
    parts = []
    for start in range(0, n, block):
        product = (vectors[start:start + block] @ transposed).tocsr()
        product.setdiag(0, k=start)
        product.eliminate_zeros()
        parts.append(prune_rows(product, n_neighbors))
    return sparse.vstack(parts, format="csr") if parts else sparse.csr_matrix((n, n), dtype=np.float32)
