"""Product recommendations: item-item co-purchase, product-text similarity, and their blend.

Row work stays in DuckDB: a transaction table is aggregated to one row per (customer, product)
and only that aggregate becomes a scipy sparse matrix. Similarities keep the top neighbours
per product, and customers are scored in chunks, so no dense customer × product (or product ×
product) matrix ever exists.
"""

from __future__ import annotations

import os
from concurrent.futures import ThreadPoolExecutor

import duckdb
import numpy as np
import pandas as pd
from scipy import sparse

from crm_core.errors import CrmError
from crm_core.workspace import store
from crm_core.workspace.roles import get_roles
from crm_core.workspace.sqlutil import qi
from crm_core.workspace.transactions import transaction_view

METHODS: tuple[str, ...] = ("cf", "content", "blend")
WEIGHTINGS: tuple[str, ...] = ("log", "binary", "orders", "quantity")
SCORE_CELLS = 16_000_000
"""Dense cells scored at once (customers per chunk × products): about 64 MB of float32."""
MAX_HISTORY = 500
"""Products per customer that feed co-purchase similarity (their strongest ones): a household
buying thousands of products says little about any pair and would dominate the cost."""
WORKERS = min(4, os.cpu_count() or 1)
BLOCK_PAIRS = 4_000_000
"""Rough budget of similarity pairs computed per block before pruning to the top neighbours."""


# ---------------------------------------------------------------------------------------------
# Data: interactions (aggregated in SQL) and the product catalogue
# ---------------------------------------------------------------------------------------------

def interactions(
    con: duckdb.DuckDBPyConnection, table: str, roles: dict[str, str], *,
    since: pd.Timestamp | None = None, until: pd.Timestamp | None = None,
) -> pd.DataFrame:
    """One row per (customer, product): distinct orders, units and last purchase time.

    Returns and cancellations (negative quantity or amount) are left out; ``since``/``until``
    bound the purchase time (``until`` exclusive), which is how the evaluation hides its period.
    Without a product id column, the product name column identifies products.
    """
    if not roles.get("product_id") and roles.get("product_name"):  # shop exports name, not code
        roles = {**roles, "product_id": roles["product_name"]}
    view = transaction_view(con, table, roles, need_date=False)
    if not view.has_product:
        raise CrmError(f"Table '{table}' has no product column; mark one on the Data page "
                       "(or pass --product-col).")
    where, params = _period_filter(since, until)
    basket = "coalesce(order_id, CAST(CAST(ts AS DATE) AS VARCHAR), '')"
    frame = con.execute(  # two levels (basket, then pair): quicker than count(DISTINCT …)
        f"""SELECT customer_id, product_id, count(*) AS orders, sum(units) AS quantity,
                   max(last_ts) AS last_ts
            FROM (SELECT customer_id, product_id, {basket} AS basket,
                         sum(coalesce(quantity, 1)) AS units, max(ts) AS last_ts
                  FROM ({view.sql}) AS t
                  WHERE customer_id IS NOT NULL AND product_id IS NOT NULL
                    AND coalesce(quantity, 1) > 0 AND coalesce(amount, 0) >= 0 {where}
                  GROUP BY customer_id, product_id, basket) AS b
            GROUP BY customer_id, product_id""",
        params,
    ).df()
    return frame.astype({"customer_id": str, "product_id": str})


def _period_filter(since, until) -> tuple[str, list]:
    clauses, params = [], []
    if since is not None:
        clauses.append("ts >= ?")
        params.append(pd.Timestamp(since).to_pydatetime())
    if until is not None:
        clauses.append("ts < ?")
        params.append(pd.Timestamp(until).to_pydatetime())
    return "".join(f" AND {c}" for c in clauses), params


def data_end(con: duckdb.DuckDBPyConnection, table: str, roles: dict[str, str]) -> pd.Timestamp | None:
    """The newest purchase time in the table (None when it has no usable dates)."""
    view = transaction_view(con, table, roles, need_date=False)
    rows = con.execute(f"SELECT max(ts) FROM ({view.sql}) AS t WHERE customer_id IS NOT NULL").fetchall()
    value = rows[0][0]  # fetchall, not fetchone: DuckDB 2 keeps a half-read result open
    return pd.Timestamp(value) if value is not None else None


def find_products_table(con: duckdb.DuckDBPyConnection, exclude: str = "") -> str | None:
    """A workspace table describing products: a product id plus name, description or category.

    A table called ``products`` wins; results of this page (``recommendations``) never count.
    """
    names = [t.name for t in store.list_tables(con) if t.name not in (exclude, "recommendations")]
    names.sort(key=lambda n: n != "products")
    for name in names:
        roles = get_roles(con, name)
        if roles.get("product_id") and not roles.get("customer_id") and any(
                roles.get(r) for r in ("product_name", "name", "description", "category")):
            return name
    return None


def catalogue(con: duckdb.DuckDBPyConnection, table: str) -> pd.DataFrame:
    """Products table → product_id, name, category, description, text (all text columns, for TF-IDF)."""
    roles = get_roles(con, table)
    pid = roles.get("product_id")
    if not pid:
        raise CrmError(f"Products table '{table}' has no product id column; mark one on the Data page.")
    columns = store.columns_of(con, table)
    texts = [c for c, t in columns if c != pid and t.upper() == "VARCHAR"]
    name_col = roles.get("product_name") or roles.get("name") or roles.get("description")
    name = f"CAST({qi(name_col)} AS VARCHAR)" if name_col else "NULL"
    category = f"CAST({qi(roles['category'])} AS VARCHAR)" if roles.get("category") else "NULL"
    description = f"CAST({qi(roles['description'])} AS VARCHAR)" if roles.get("description") else "NULL"
    text = "concat_ws(' ', " + ", ".join(qi(c) for c in texts) + ")" if texts else "''"
    frame = con.execute(
        f"""SELECT trim(CAST({qi(pid)} AS VARCHAR)) AS product_id,
                   any_value({name}) AS name, any_value({category}) AS category,
                   any_value({description}) AS description, any_value({text}) AS text
            FROM {qi(table)} WHERE nullif(trim(CAST({qi(pid)} AS VARCHAR)), '') IS NOT NULL
            GROUP BY 1"""
    ).df()
    return frame.astype({"product_id": str})


def match_catalogue(products: pd.DataFrame, purchases: pd.DataFrame) -> pd.DataFrame | None:
    """The catalogue keyed the way the purchases name products: by id, else by product name
    (shop exports often carry names only); None when neither matches any purchase."""
    bought = set(purchases["product_id"])
    names = products["name"].astype("string").str.strip()
    by_id, by_name = int(products["product_id"].isin(bought).sum()), int(names.isin(bought).sum())
    if by_id and by_id >= by_name:
        return products
    if by_name:
        return products.assign(product_id=names).dropna(subset=["product_id"]).drop_duplicates("product_id")
    return None


# ---------------------------------------------------------------------------------------------
# Similarity helpers
# ---------------------------------------------------------------------------------------------

def top_neighbours(vectors: sparse.csr_matrix, n_neighbors: int) -> sparse.csr_matrix:
    """Cosine similarity of the rows of ``vectors`` (L2-normalised), top ``n_neighbors`` per row.

    Computed in row blocks and pruned block by block, so memory is bounded by the block size
    and ``n_rows × n_neighbors``; the diagonal (a product with itself) is dropped.
    """
    n = vectors.shape[0]
    vectors = vectors.tocsr().astype(np.float32)
    transposed = vectors.T.tocsr()
    density = max(vectors.nnz, 1) / max(n, 1)
    overlap = max(1.0, float(np.asarray(transposed.getnnz(axis=1), dtype=np.float64).mean()))
    block = int(max(64, min(n, BLOCK_PAIRS / max(1.0, density * overlap))))

    def pruned_block(start: int) -> sparse.csr_matrix:
        product = (vectors[start:start + block] @ transposed).tocsr()
        product.setdiag(0, k=start)
        product.eliminate_zeros()
        return _prune_rows(product, n_neighbors)

    with ThreadPoolExecutor(max_workers=WORKERS) as pool:  # scipy and numpy release the GIL here
        parts = list(pool.map(pruned_block, range(0, n, block)))
    return sparse.vstack(parts, format="csr") if parts else sparse.csr_matrix((0, 0), dtype=np.float32)


def _prune_rows(matrix: sparse.csr_matrix, keep: int) -> sparse.csr_matrix:
    """Keep the ``keep`` largest entries of each row."""
    counts = np.diff(matrix.indptr)
    mask = np.ones(matrix.nnz, dtype=bool)
    for row in np.flatnonzero(counts > keep):
        lo, hi = matrix.indptr[row], matrix.indptr[row + 1]
        drop = np.argpartition(-matrix.data[lo:hi], keep)[keep:]
        mask[lo + drop] = False
    coo = matrix.tocoo()
    return sparse.csr_matrix((coo.data[mask], (coo.row[mask], coo.col[mask])), shape=matrix.shape)


def _l2_rows(matrix: sparse.csr_matrix) -> sparse.csr_matrix:
    norms = np.sqrt(np.asarray(matrix.multiply(matrix).sum(axis=1)).ravel())
    norms[norms == 0] = 1.0
    return sparse.diags(1.0 / norms) @ matrix


def text_vectors(texts: list[str]) -> sparse.csr_matrix:
    """TF-IDF over character 1–3-grams inside words: works for Chinese without a tokenizer."""
    from sklearn.feature_extraction.text import TfidfVectorizer

    non_empty = [t for t in texts if t and t.strip()]
    if len(non_empty) < 2:
        return sparse.csr_matrix((len(texts), 1), dtype=np.float32)
    vectorizer = TfidfVectorizer(analyzer="char_wb", ngram_range=(1, 3), sublinear_tf=True,
                                 min_df=1 if len(non_empty) < 50 else 2, max_df=0.5,
                                 max_features=200_000, dtype=np.float32)
    try:
        return vectorizer.fit_transform(t or "" for t in texts).tocsr()
    except ValueError:  # every n-gram too common or too rare: no usable text
        return sparse.csr_matrix((len(texts), 1), dtype=np.float32)


# ---------------------------------------------------------------------------------------------
# The estimator
# ---------------------------------------------------------------------------------------------

class Recommender:
    """Item-based recommender (scikit-learn shape: parameters here, ``fit`` returns self).

    method: ``cf`` (customers who bought X also bought Y), ``content`` (similar product text)
    or ``blend`` (``weight`` × cf + (1 − weight) × content similarity).
    weighting: how a customer's purchases of one product count — ``log`` (log(1 + orders)),
    ``binary``, ``orders`` or ``quantity`` (log(1 + units)).
    recency_half_life_days: older purchases count less (half as much after this many days).
    idf: weigh rare neighbours up (inverse popularity) in the similarity.
    popularity_weight: share of the final score that comes from overall popularity.
    include_bought: allow repeat purchases; a product then also counts as its own neighbour.
    min_support: products bought by fewer customers are not used by co-purchase similarity.
    """

    def __init__(self, method: str = "blend", weight: float = 0.9, n_neighbors: int = 200,
                 weighting: str = "log", recency_half_life_days: float | None = None,
                 idf: bool = False, popularity_weight: float = 0.1, min_support: int = 1,
                 include_bought: bool = False, categories: tuple[str, ...] = ()) -> None:
        self.method = method
        self.weight = weight
        self.n_neighbors = n_neighbors
        self.weighting = weighting
        self.recency_half_life_days = recency_half_life_days
        self.idf = idf
        self.popularity_weight = popularity_weight
        self.min_support = min_support
        self.include_bought = include_bought
        self.categories = categories

    # -- fitting --------------------------------------------------------------------------

    def fit(self, purchases: pd.DataFrame, products: pd.DataFrame | None = None) -> Recommender:
        """Learn from (customer_id, product_id, orders, quantity, last_ts) rows and a catalogue."""
        self._check_params()
        if purchases.empty:
            raise CrmError("There are no purchases to learn from (no rows with a customer, a product "
                           "and a positive quantity).")
        ids = [purchases["product_id"].astype(str)]
        if products is not None:
            ids.append(products["product_id"].astype(str))
        self.products_ = pd.Index(pd.concat(ids, ignore_index=True).unique())
        self.customers_ = pd.Index(pd.unique(purchases["customer_id"].astype(str)))
        self.catalogue_ = self._aligned_catalogue(products)
        rows = self.customers_.get_indexer(purchases["customer_id"])
        cols = self.products_.get_indexer(purchases["product_id"])
        shape = (len(self.customers_), len(self.products_))
        self.history_ = sparse.csr_matrix((self._weights(purchases), (rows, cols)), shape=shape,
                                          dtype=np.float32)
        self.support_ = np.asarray((self.history_ > 0).sum(axis=0)).ravel()
        self.popularity_ = self.support_ / max(1, self.support_.max())
        self.similarity_ = self._similarity()
        self.eligible_ = self._eligible()
        return self

    def _check_params(self) -> None:
        if self.method not in METHODS:
            raise CrmError(f"Unknown method '{self.method}'; choose one of {', '.join(METHODS)}.")
        if self.weighting not in WEIGHTINGS:
            raise CrmError(f"Unknown weighting '{self.weighting}'; choose one of {', '.join(WEIGHTINGS)}.")
        if not 0.0 <= self.weight <= 1.0:
            raise CrmError(f"The blend weight must be between 0 and 1 (got {self.weight}).")
        if not 0.0 <= self.popularity_weight <= 1.0:
            raise CrmError(f"The popularity weight must be between 0 and 1 (got {self.popularity_weight}).")
        if self.n_neighbors < 1:
            raise CrmError("The number of neighbours must be at least 1.")

    def _aligned_catalogue(self, products: pd.DataFrame | None) -> pd.DataFrame:
        base = pd.DataFrame({"product_id": self.products_})
        if products is None:
            return base.assign(name=pd.NA, category=pd.NA, description=pd.NA, text="")
        merged = base.merge(products.drop_duplicates("product_id"), on="product_id", how="left")
        merged["text"] = merged["text"].fillna("")
        return merged

    def _weights(self, purchases: pd.DataFrame) -> np.ndarray:
        orders = purchases["orders"].to_numpy(dtype=np.float64)
        if self.weighting == "binary":
            weights = np.ones_like(orders)
        elif self.weighting == "orders":
            weights = orders
        elif self.weighting == "quantity":
            weights = np.log1p(np.clip(purchases["quantity"].to_numpy(dtype=np.float64), 0, None))
        else:
            weights = np.log1p(orders)
        if self.recency_half_life_days and purchases["last_ts"].notna().any():
            last = pd.to_datetime(purchases["last_ts"])
            age = (last.max() - last).dt.total_seconds().fillna(0).to_numpy() / 86_400.0
            weights = weights * np.power(0.5, age / float(self.recency_half_life_days))
        return np.maximum(weights, 1e-6)

    def _similarity(self) -> sparse.csr_matrix:
        n = len(self.products_)
        total = sparse.csr_matrix((n, n), dtype=np.float32)
        if self.method in ("cf", "blend") and self.weight > 0:
            share = 1.0 if self.method == "cf" else self.weight
            total = total + share * self._cf_similarity()
        if self.method in ("content", "blend") and (self.method == "content" or self.weight < 1):
            share = 1.0 if self.method == "content" else 1.0 - self.weight
            total = total + share * top_neighbours(_l2_rows(text_vectors(
                self.catalogue_["text"].tolist())), self.n_neighbors)
        return total.tocsr().astype(np.float32)

    def _cf_similarity(self) -> sparse.csr_matrix:
        rare = self.support_ < max(1, self.min_support)
        columns = _prune_rows(self.history_ @ sparse.diags((~rare).astype(np.float32)), MAX_HISTORY)
        similarity = top_neighbours(_l2_rows(columns.T.tocsr()), self.n_neighbors)
        if self.idf:  # inverse popularity: a best-seller next to everything says little
            idf = np.log((1.0 + len(self.customers_)) / (1.0 + self.support_)) + 1.0
            similarity = similarity @ sparse.diags(idf.astype(np.float32))
        return similarity

    def _eligible(self) -> np.ndarray:
        known = self.support_ >= max(1, self.min_support)
        if self.method != "cf":
            known |= self.catalogue_["text"].str.len().to_numpy() > 0
        if self.categories:
            wanted = {c.casefold() for c in self.categories}
            category = self.catalogue_["category"].astype("string").str.casefold()
            known &= category.isin(wanted).fillna(False).to_numpy(dtype=bool)
        return known

    # -- scoring --------------------------------------------------------------------------

    def _check_fitted(self) -> None:
        if not hasattr(self, "similarity_"):
            raise CrmError("The recommender has not been fitted yet.")

    def score_chunks(self, k: int, customers: list[str] | None = None, *, baseline: bool = False,
                     popularity_weight: float | None = None):
        """Yield (customer positions, top-k product positions, scores) chunk by chunk.

        ``baseline`` ranks by popularity alone (the best-seller list), under the same rules;
        ``popularity_weight`` overrides the fitted share of popularity (used to tune it).
        """
        share = self.popularity_weight if popularity_weight is None else popularity_weight
        self._check_fitted()
        if customers is None:
            positions = np.arange(len(self.customers_))
        else:
            positions = self.customers_.get_indexer(pd.Index(customers, dtype=str))
            positions = positions[positions >= 0]
        k = max(1, min(k, int(self.eligible_.sum())))
        chunk = max(1, SCORE_CELLS // max(1, len(self.products_)))
        # one vector added to every row: popularity share, a tiny popularity tie-break that also
        # fills customers with few scored products, and -inf for products that may not be shown
        offset = (self.popularity_ * (1e-6 + (0.0 if baseline else share))
                  + np.where(self.eligible_, 0.0, -np.inf)).astype(np.float32)
        for start in range(0, len(positions), chunk):
            rows = positions[start:start + chunk]
            history = self.history_[rows]
            if baseline:
                scores = np.tile(self.popularity_.astype(np.float32), (len(rows), 1))
            else:
                similar = history @ self.similarity_
                if self.include_bought:  # a product is its own nearest neighbour: repeat purchases
                    similar = similar + history
                scores = similar.toarray().astype(np.float32, copy=False)
                peak = scores.max(axis=1, keepdims=True)
                scores *= (1.0 - share) / np.where(peak > 0, peak, 1.0)
            scores += offset
            if not self.include_bought:
                coo = history.tocoo()
                scores[coo.row, coo.col] = -np.inf
            top = np.argpartition(scores, scores.shape[1] - k, axis=1)[:, -k:]
            top_scores = np.take_along_axis(scores, top, axis=1)
            order = np.argsort(-top_scores, axis=1, kind="stable")
            yield rows, np.take_along_axis(top, order, axis=1), np.take_along_axis(top_scores, order, axis=1)

    def recommend(self, k: int = 10, customers: list[str] | None = None,
                  explain: bool = True) -> pd.DataFrame:
        """Top-k per customer: customer_id, rank, product_id, score, because_product_id.

        Customers the model has never seen get the most popular products.
        """
        frames = []
        incoming = self.similarity_.T.tocsr() if explain else None
        for rows, top, scores in self.score_chunks(k, customers):
            n_rows, width = top.shape
            frame = pd.DataFrame({
                "customer_id": np.repeat(self.customers_[rows].to_numpy(), width),
                "rank": np.tile(np.arange(1, width + 1), n_rows),
                "product_id": self.products_[top.ravel()].to_numpy(),
                "score": np.round(scores.ravel().astype(np.float64), 6),
            })
            if explain:
                frame["because_product_id"] = self._because(rows, top, incoming)
            frames.append(frame[np.isfinite(frame["score"])])
        unseen = [c for c in (customers or []) if c not in self.customers_]
        if unseen:
            frames.append(self._popular_for(unseen, k, explain))
        if not frames:
            return pd.DataFrame(columns=["customer_id", "rank", "product_id", "score"])
        return pd.concat(frames, ignore_index=True)

    def _because(self, rows: np.ndarray, top: np.ndarray, incoming: sparse.csr_matrix) -> list[str]:
        """For each recommendation, the bought product that contributed most to its score.

        ``incoming`` is the transposed similarity: row j lists the products that have j as a neighbour.
        """
        weights = np.zeros(len(self.products_), dtype=np.float32)
        reasons: list[str] = []
        for row, items in zip(rows, top, strict=True):
            lo, hi = self.history_.indptr[row], self.history_.indptr[row + 1]
            bought = self.history_.indices[lo:hi]
            weights[bought] = self.history_.data[lo:hi]
            for item in items:
                start, stop = incoming.indptr[item], incoming.indptr[item + 1]
                sources = incoming.indices[start:stop]
                contrib = incoming.data[start:stop] * weights[sources]
                best = int(contrib.argmax()) if len(contrib) else -1
                reasons.append(self.products_[sources[best]] if best >= 0 and contrib[best] > 0 else "")
            weights[bought] = 0.0
        return reasons

    def popular(self, k: int = 10) -> pd.DataFrame:
        """The best-sellers among the products that may be recommended: product_id, customers."""
        self._check_fitted()
        candidates = np.flatnonzero(self.eligible_)
        order = candidates[np.argsort(-self.support_[candidates], kind="stable")][:k]
        return pd.DataFrame({"product_id": self.products_[order], "customers": self.support_[order]})

    def _popular_for(self, customers: list[str], k: int, explain: bool) -> pd.DataFrame:
        top = self.popular(k)
        frame = pd.DataFrame({
            "customer_id": np.repeat(customers, len(top)),
            "rank": np.tile(np.arange(1, len(top) + 1), len(customers)),
            "product_id": np.tile(top["product_id"].to_numpy(), len(customers)),
            "score": np.tile(np.round(self.popularity_[self.products_.get_indexer(top["product_id"])],
                                      6), len(customers)),
        })
        if explain:
            frame["because_product_id"] = ""
        return frame

    # -- products -------------------------------------------------------------------------

    def _position(self, product_id: str) -> int:
        self._check_fitted()
        position = self.products_.get_indexer([str(product_id)])[0]
        if position < 0:
            raise CrmError(f"Product '{product_id}' is not in the purchases or the products table.")
        return int(position)

    def similar_products(self, product_id: str, k: int = 10) -> pd.DataFrame:
        """The product's nearest neighbours under this model: product_id, similarity."""
        row = self.similarity_[self._position(product_id)].tocoo()
        order = np.argsort(-row.data, kind="stable")[:k]
        return pd.DataFrame({"product_id": self.products_[row.col[order]],
                             "similarity": np.round(row.data[order].astype(np.float64), 4)})

    def bought_together(self, product_id: str, k: int = 10) -> pd.DataFrame:
        """Customers who bought this also bought: product_id, customers, share, lift."""
        position = self._position(product_id)
        bought = (self.history_ > 0).astype(np.float32).tocsc()
        buyers = bought[:, position]
        together = np.asarray((buyers.T @ bought).todense()).ravel()
        together[position] = 0
        order = np.argsort(-together, kind="stable")[:k]
        order = order[together[order] > 0]
        n_buyers = max(1.0, float(buyers.sum()))
        base = self.support_[order] / max(1, len(self.customers_))
        return pd.DataFrame({
            "product_id": self.products_[order],
            "customers": together[order].astype(int),
            "share": np.round(together[order] / n_buyers, 4),
            "lift": np.round((together[order] / n_buyers) / np.where(base > 0, base, 1), 2),
        })

    def similarity_table(self, product_ids: list[str]) -> pd.DataFrame:
        """Similarities among a chosen product set (square frame) for a heat map."""
        positions = [self._position(p) for p in product_ids]
        block = self.similarity_[positions][:, positions].toarray()
        block = np.maximum(block, block.T)
        np.fill_diagonal(block, 1.0)
        return pd.DataFrame(block.round(4), index=list(product_ids), columns=list(product_ids))

    def customer_history(self, customer_id: str) -> pd.DataFrame:
        """What the model knows a customer bought: product_id, weight (largest first)."""
        self._check_fitted()
        position = self.customers_.get_indexer([str(customer_id)])[0]
        if position < 0:
            return pd.DataFrame({"product_id": pd.Series(dtype=str), "weight": pd.Series(dtype=float)})
        row = self.history_[position].tocoo()
        order = np.argsort(-row.data, kind="stable")
        return pd.DataFrame({"product_id": self.products_[row.col[order]],
                             "weight": np.round(row.data[order].astype(np.float64), 3)})

    def describe(self, frame: pd.DataFrame, columns: tuple[str, ...] = ("product_id",)) -> pd.DataFrame:
        """Add product name and category next to each product id column (when a catalogue is linked)."""
        lookup = self.catalogue_.set_index("product_id")
        out = frame.copy()
        for column in columns:
            if column not in out or lookup["name"].isna().all():
                continue
            prefix = "" if column == "product_id" else column.removesuffix("_id") + "_"
            at = out.columns.get_loc(column) + 1
            out.insert(at, f"{prefix}name", out[column].map(lookup["name"]))
            if column == "product_id":
                out.insert(at + 1, "category", out[column].map(lookup["category"]))
                out.insert(at + 2, "description", out[column].map(lookup["description"]))
        return out
