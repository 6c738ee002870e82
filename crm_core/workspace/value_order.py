"""Customers in the order of their values, never of their ids.

Fits sum, seed and sample in row order, and a table of customers comes back in id order: with the
ids spelled otherwise (pseudonyms, another system's numbers) the same customers gave another
segment k and another spend total (pii26, det27). Ordering by the values the fit reads makes the
result a function of the customers alone; customers equal in all of them are interchangeable to it.
"""

from __future__ import annotations

import numpy as np
import pandas as pd


def value_order(frame: pd.DataFrame, columns: list[str]) -> np.ndarray:
    """Row positions of ``frame`` sorted by ``columns`` (text compared as text, missing last)."""
    if not columns:
        return np.arange(len(frame))
    keys = pd.DataFrame({c: frame[c] if pd.api.types.is_numeric_dtype(frame[c]) else frame[c].astype("string")
                         for c in columns}).reset_index(drop=True)
    return keys.sort_values(columns, kind="stable", na_position="last").index.to_numpy()
