"""Each row's k best columns of a dense score chunk: ordered for the lists (:func:`top_k`), as a set
for the evaluation, which only counts hits (:func:`top_k_set`)."""

from __future__ import annotations

import numpy as np
from numpy.lib.stride_tricks import as_strided

SET_ROOM = 8
"""Cells above the bound of :func:`top_k_set` handled per row, in multiples of k (more: top_k)."""


def top_k(scores: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
    """Column positions and scores of each row's ``k`` best, best first."""
    k = max(1, min(k, scores.shape[1]))
    top = np.argpartition(-scores, k - 1, axis=1)[:, :k]
    values = np.take_along_axis(scores, top, axis=1)
    order = np.argsort(-values, axis=1, kind="stable")
    return np.take_along_axis(top, order, axis=1), np.take_along_axis(values, order, axis=1)


def top_k_set(scores: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Row, column and score of each row's ``k`` best (unordered): the same set as :func:`top_k`
    at a fraction of its cost, for the evaluation, which only counts hits. The k-th largest of
    the maxima of column blocks bounds the k-th best, so only a few cells per row are compared;
    rows with a tie at the k-th place (or many cells above the bound) go to :func:`top_k`, whose
    pick among tied products must be kept."""
    n, width = scores.shape
    k = max(1, min(k, width))
    room = SET_ROOM * k
    bound = -np.partition(-_strided_peaks(scores, min(room, width)), k - 1, axis=1)[:, k - 1]
    cells = np.flatnonzero(scores >= bound[:, None])
    rows, cols = np.divmod(cells, width)
    values = scores.ravel()[cells]
    counts = np.bincount(rows, minlength=n)
    few = counts[rows] <= room
    padded = np.full((n, room + 1), -np.inf, dtype=scores.dtype)
    padded[rows[few], (np.arange(len(cells)) - (np.cumsum(counts) - counts)[rows])[few]] = values[few]
    ranked = -np.partition(-padded, (k - 1, k), axis=1)
    kth = ranked[:, k - 1]
    again = (counts > room) | ((counts > k) & (ranked[:, k] == kth))
    keep = ~again[rows] & (values >= kth[rows])
    redo = np.flatnonzero(again)
    top, top_values = top_k(scores[redo], k)
    return (np.concatenate([rows[keep], np.repeat(redo, k)]),
            np.concatenate([cols[keep], top.ravel()]),
            np.concatenate([values[keep], top_values.ravel()]))


def _strided_peaks(scores: np.ndarray, blocks: int) -> np.ndarray:
    """Each row's maximum over the columns ``j`` with ``j % blocks`` alike, a view and no copy.
    Blocks of neighbouring columns failed products numbered best-selling first: a row's best
    cells all fell in its first blocks, the bound sank and most rows went to the full sort."""
    n, width = scores.shape
    rows, cell = scores.strides
    whole = width // blocks
    peaks = as_strided(scores, (n, whole, blocks), (rows, blocks * cell, cell)).max(axis=1)
    rest = width - whole * blocks
    np.maximum(peaks[:, :rest], scores[:, whole * blocks:], out=peaks[:, :rest])
    return peaks
