"""One linking run: exports → normalised records → candidate pairs → learned model → scored
pairs → customers.

:func:`score` does the row-heavy part in DuckDB and returns a :class:`Scored` (records, pairs
and model as frames); :func:`resolve` applies the threshold and the analyst's decisions and
clusters. The CLI runs both; the page caches :func:`score` and re-resolves as the threshold
slider moves.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from functools import cached_property
from typing import ClassVar

import duckdb
import numpy as np
import pandas as pd

from crm_core.errors import CrmError
from crm_core.i18n import Listing, Sentence, t
from crm_core.link import accounts, cluster, estimate, fields, mailboxes, model, normalise, review, shared_ids
from crm_core.link.companies import for_companies
from crm_core.link.configs import LINK, LinkConfig
from crm_core.link.numbering import member_numbers
from crm_core.link.orders import apart_by_id, with_order_numbers
from crm_core.report.files import csv_bytes, json_text

KEEP_PROBABILITY = 0.01
RECORDS, PAIRS, SCORED = "__link_records", "__link_pairs", "__link_scored"
_RECORD_COLUMNS = ("rid, src, record_id, name_raw, email_raw, phone_raw, city_raw, birth_date_raw, "
                   "postcode_raw, address_raw, name_k, name_e, email_n, email_s, phone_n, id_number_n, "
                   "city_k, order_no_n, seen")


@dataclass
class Scored:
    """The row-heavy result: records, candidate pairs with weights, and the learned model."""

    tables: tuple[str, ...]
    exports: list[fields.TableFields]
    records: pd.DataFrame
    pairs: pd.DataFrame
    model: model.Model
    expected_matches: float
    candidates: int
    skipped_keys: dict[str, int]
    priors: dict[str, float] = field(default_factory=dict)
    apart: pd.DataFrame = field(default_factory=lambda: pd.DataFrame({"l": [], "r": []}, dtype="int64"))
    """Candidate pairs scored under ``KEEP_PROBABILITY``: never one customer through others."""
    split_ids: list[dict] = field(default_factory=list)
    """Ids whose phones and names say several people (:mod:`crm_core.link.shared_ids`)."""
    accounts: list[accounts.Account] = field(default_factory=list)
    """Exports read as accounts, joined to their contacts by the company (:mod:`crm_core.link.accounts`)."""

    @property
    def masked(self) -> dict[str, bool]:
        return self.model.masked

    @cached_property
    def default_threshold(self) -> float:
        """The best F1 the model estimates from its own scores, lowered while the clusters'
        estimated precision stays at 95.5 % (:func:`cluster.default_threshold`) when two or more
        exports are linked: on one export (its double sign-ups only) it stays the best F1 —
        FEBRL's dataset3 took its one false link at 0.47, and validation moved by ±0.0005 when
        pairs within an export were kept at the best F1. Computed once: finding it clusters
        the records at several thresholds."""
        if len(self.tables) < 2:
            return cluster.best_threshold(self.pairs, self.expected_matches)
        return cluster.default_threshold(self.records, self.pairs, self.expected_matches, self.apart)

    @cached_property
    def curve(self) -> pd.DataFrame:
        """The customers' estimated precision and recall at a grid of thresholds, decisions left
        out (:func:`cluster.curve`): computed once, not on every move of the page's slider."""
        return cluster.curve(self.records, self.pairs, self.expected_matches, self.apart)


@dataclass
class LinkRun:
    """Customers resolved from a :class:`Scored` at one threshold, with decisions applied."""

    kind: ClassVar[str] = LINK

    table: str
    config: LinkConfig
    lang: str
    scored: Scored
    threshold: float
    """``config.threshold``, or the scored run's default when none was chosen."""
    pairs: pd.DataFrame
    identity: pd.DataFrame
    customers: pd.DataFrame
    clustered: cluster.Clusters
    decisions: int = 0
    curve: pd.DataFrame = field(default_factory=pd.DataFrame)

    def estimate(self) -> dict:
        """The customers' estimated pairwise precision and recall (:meth:`cluster.Clusters.estimate`)."""
        return self.clustered.estimate(self.threshold, self.scored.expected_matches)

    def links(self) -> pd.DataFrame:
        """Pairs with the records' ids, probability, weights and why (links.csv)."""
        return self.pairs.sort_values("match_probability", ascending=False).reset_index(drop=True)

    def review_list(self) -> pd.DataFrame:
        """Undecided pairs near the threshold, closest first."""
        p = self.threshold
        bar = math.log2(p / (1 - p))
        near = self.pairs[(self.pairs["match_weight"] - bar).abs() <= self.config.review_bits]
        near = near[near["decision"].isna()]
        return near.assign(distance=(near["match_weight"] - bar).abs()).sort_values("distance") \
            .drop(columns="distance").reset_index(drop=True)

    def id_column_counts(self) -> str | None:
        """The customer-id column of one export whose records repeat it (an order log), else
        None: its customers are its distinct ids before any link, and the page says so beside
        the pairs linked and the estimates (20,000 orders read "Customers 942", "Pairs linked 0")."""
        records = self.scored.records
        if len(self.scored.tables) > 1 or records["record_id"].nunique() == len(records):
            return None
        return self.scored.exports[0].id_column

    def account_notes(self) -> list[Sentence]:
        """Which column was read as the company in an export of accounts, and whose contacts it joined."""
        return [a.sentence() for a in self.scored.accounts]

    def split_records(self) -> pd.DataFrame:
        """The records of ids split into people (table, record_id, name_raw, phone_raw,
        customer_key): which of an id's rows is whose, for ``--rekey``."""
        rec = self.scored.records
        held = (rec["shared"] >= 0).to_numpy() if "shared" in rec else np.zeros(len(rec), bool)
        return rec.loc[held, ["src", "record_id", "name_raw", "phone_raw"]].rename(columns={"src": "table"}) \
            .assign(customer_key=self.identity["customer_key"].to_numpy()[held])

    def not_compared(self) -> list[str]:
        """Per masked field, the fuzzy levels it lost (``name: same letters, close, similar``);
        a field without fuzzy levels keeps its own note (city: 上海 ↔ Shanghai)."""
        return [_lost_levels(f, self.lang) or t(f"link.not_compared.{f}", self.lang)
                for f, m in self.scored.masked.items() if m] + self._names_in_parts()

    def _names_in_parts(self) -> list[str]:
        """An export whose name is masked as two columns (Eventbrite's First and Last Name) beside one
        holding it in one: their names are never compared (:func:`model.gamma_sql`)."""
        named = [e for e in self.scored.exports if "name" in e.columns]
        parts = [e for e in named if isinstance(e.columns["name"], tuple) and "name" in e.masked]
        if len(parts) == len(named):
            return []
        return [t("link.not_compared.name_parts", self.lang, table=e.table,
                  parts=" + ".join(e.columns["name"])) for e in parts]

    def relay_phones(self) -> list[str]:
        """One note per export whose phone column holds relay numbers (美团's 隐私号, left
        uncompared at staging): a column no one masked, so not said under the masked columns' lead."""
        return self._phones_noted(normalise.is_relay, "link.relay_phone")

    def masked_phones(self) -> list[str]:
        """One note per export whose phone column the exporting system masked (有赞零售's ``187****1499``,
        left uncompared at staging): not the workspace's hashed tokens, which are exact and compared."""
        return self._phones_noted(normalise.is_masked_phone, "link.masked_phone")

    def _phones_noted(self, held, key: str) -> list[str]:
        """``key``'s note per export whose phone column holds a value ``held`` says is none to compare."""
        phones = self.scored.records[["src", "phone_raw"]].dropna().drop_duplicates()
        noted = sorted(phones.loc[phones["phone_raw"].map(held), "src"].unique())
        column = {e.table: e.columns.get("phone") for e in self.scored.exports}
        return [t(key, self.lang, column=column[s], table=s) for s in noted]

    def mailboxes(self) -> list[str]:
        """The e-mails one export holds under several people's names (:mod:`~crm_core.link.mailboxes`),
        not compared between two other names: the page names them."""
        rec = self.scored.records
        return sorted(rec.loc[rec["email_s"], "email_n"].unique())

    def shared_mailboxes(self) -> int:
        """How many :meth:`mailboxes` there are (the summary's count)."""
        return len(self.mailboxes())

    def linked_on(self) -> dict[str, int]:
        """Per field, the linked pairs it weighed most in: the field that carried each link (a
        hotel's bookings and its points ledger are linked by the phone alone). A pair the analyst
        confirmed with no field compared was carried by the review, not by a field; a name one record's
        own e-mail spelled counts under e-mail (left49)."""
        linked = self.pairs[self.pairs["linked"]]
        weights = linked[[f"w_{f}" for f in self.scored.model.fields]].dropna(how="all")
        if weights.empty:
            return {}
        carried = weights.idxmax(axis=1).str[2:]
        carried[(carried == "name") & linked.loc[weights.index, "name_by_email"]] = "email"  # its letters did
        return {k: int(v) for k, v in carried.value_counts().items()}

    def held_by_some(self) -> dict[str, list[str]]:
        """Fields only some of the exports hold, with those exports: no pair across compares them."""
        held = {f: [e.table for e in self.scored.exports if f in e.columns] for f in self.scored.model.fields}
        return {f: tables for f, tables in held.items() if len(tables) < len(self.scored.exports)}

    def summary(self) -> dict:
        """The run in numbers; ``estimated_precision`` (the customers' pairwise one, the one the
        default threshold is chosen by) is None when nothing is linked (a table of different
        people read "100 %")."""
        est, linked = self.estimate(), int(self.pairs["linked"].sum())
        return {"tables": list(self.scored.tables), "records": int(len(self.identity)),
                "customers": int(self.identity["customer_key"].nunique()),
                "estimated_people": round(accounts.people(self.scored.records, self.scored.pairs,
                                                           self.scored.accounts)),
                "pairs_linked": linked, "linked_on": self.linked_on(),
                "candidate_pairs": self.scored.candidates,
                "threshold": round(self.threshold, 4),
                "threshold_rule": "default" if self.config.threshold is None else "chosen",
                "estimated_precision": est["estimated_precision"],
                "estimated_recall": est["estimated_recall"], "review_pairs": int(len(self.review_list())),
                "decisions_applied": self.decisions, "match_share": float(f"{self.scored.model.lam:.3g}"),
                "match_share_by_exports": {k: float(f"{v:.3g}") for k, v in self.scored.priors.items()},
                "em_iterations": self.scored.model.iterations,
                "fields": [e.describe() for e in self.scored.exports],
                "not_compared": self.not_compared(), "relay_phones": self.relay_phones(),
                "masked_phones": self.masked_phones(),
                "held_by_some": self.held_by_some(),
                "skipped_block_keys": self.scored.skipped_keys,
                "shared_mailboxes": self.shared_mailboxes(),
                "ids_split_into_people": self.scored.split_ids,
                "accounts": [note.text(self.lang) for note in self.account_notes()]}

    def files(self) -> dict[str, bytes]:
        return {"identity_map.csv": csv_bytes(self.identity), "links.csv": csv_bytes(self.links()),
                "customers_unified.csv": csv_bytes(self.customers),
                "link_model.json": json_text({"model": self.scored.model.table().to_dict("records"),
                                              "curve": self.curve.to_dict("records"),
                                              "summary": self.summary()}, indent=2).encode("utf-8")}

    def tables(self) -> dict[str, pd.DataFrame]:
        return {"identity_map": self.identity, "customers_unified": self.customers,
                "link_pairs": self.links()}


def _lost_levels(fld: str, lang: str) -> str:
    """``name: same letters, close, similar``: what ``fld`` compares unmasked beyond its keyed
    exact token (masking keys the normalised value, so order, case and script still meet)."""
    lost = [cluster.level_label(lv, lang) for lv in model.comparisons(fld, masked=False) if lv.level != 9]
    return f"{t('link.field.' + fld, lang)}: {', '.join(lost)}" if lost else ""


def run(con: duckdb.DuckDBPyConnection, tables: str | list[str], config: LinkConfig | None = None, *,
        roles: dict | None = None, lang: str = "en") -> LinkRun:
    """Score and resolve in one go, with the workspace's kept review decisions."""
    names = [tables] if isinstance(tables, str) else list(tables)
    config = config or LinkConfig()
    return resolve(score(con, names, config), config, review.decisions(con), lang=lang)


def score(con: duckdb.DuckDBPyConnection, tables: list[str], config: LinkConfig) -> Scored:
    """Stage, block, learn and score (in DuckDB); only records and kept pairs become frames. The
    tables are taken in name order: record numbers, the random pairs that estimate u and EM's
    start follow it, and the page listing the till first linked 226 customers at threshold 0.64
    where the command naming the web shop first linked 227 at 0.92."""
    if not tables or len(set(tables)) != len(tables):
        raise CrmError(Sentence("link.error.two_tables"))
    tables = sorted(tables)
    people, held = accounts.split(con, tables)
    exports = for_companies(con, member_numbers(con, with_order_numbers(con, people)))
    exports = accounts.with_accounts(exports, held)
    info = fields.stage(con, exports, RECORDS)
    mailboxes.mark(con, RECORDS, bool(info.set_index("field")["masked"]["name"]))
    present = info[info["present"]]
    flds = list(present["field"])
    masked = dict(zip(present["field"], present["masked"], strict=True))
    try:
        rules = model.blocking_rules(info)
        if not rules:
            raise CrmError(Sentence("link.error.no_key", tables=Listing(tables), fields=Listing(flds)))
        skipped = model.candidate_pairs(con, RECORDS, rules, config.max_block, PAIRS)
        exact_u = model.term_frequencies(con, RECORDS, flds)
        shares = ", ".join(f"avg(({model.field_key(f)} IS NOT NULL)::INT)" for f in flds)
        per_export = con.execute(f"SELECT src, count(*), {shares} FROM {RECORDS} GROUP BY src").fetchall()
        sizes = {src: int(k) for src, k, *_ in per_export}
        filled = {src: dict(zip(flds, map(float, f), strict=True)) for src, _, *f in per_export}
        n = sum(sizes.values())
        blocked = model.pair_patterns(con, RECORDS, PAIRS, flds, masked)
        chance = model.pair_patterns(con, RECORDS, estimate.random_pairs(con, RECORDS, n), flds, masked,
                                     with_rules=False)
        learned = estimate.learn(blocked, chance, exact_u, flds, masked, rules, filled, sizes,
                                 model.beyond_own_copies(con, flds))
        priors = model.score_pairs(con, RECORDS, PAIRS, learned, SCORED)
        expected, candidates = con.execute(
            f"SELECT coalesce(sum(match_probability), 0), count(*) FROM {SCORED}").fetchone()
        pairs = con.execute(f"SELECT * FROM {SCORED} WHERE match_probability >= ?", [KEEP_PROBABILITY]).df()
        apart = con.execute(f"SELECT l, r FROM {SCORED} WHERE match_probability < ?", [KEEP_PROBABILITY]).df()
        company = accounts.key_sql("company_raw")
        records = con.execute(f"SELECT {_RECORD_COLUMNS}, company_raw, {company} AS company_k "
                              f"FROM {RECORDS} ORDER BY rid").df()
        records, split = shared_ids.pieces(records)
        records = accounts.joined(apart_by_id(records, exports), held)
    finally:
        con.execute(f"DROP VIEW IF EXISTS {SCORED}")
        for temp in (RECORDS, PAIRS, "__link_evidence", "__link_random", *(f"__link_tf_{f}" for f in flds)):
            con.execute(f"DROP TABLE IF EXISTS {temp}")
    return Scored(tuple(tables), exports, records, pairs, learned, float(expected), int(candidates), skipped,
                  priors, apart, split, held)


def resolve(scored: Scored, config: LinkConfig, decisions: pd.DataFrame, lang: str = "en") -> LinkRun:
    """Customers at ``config.threshold`` (none chosen: the default) with the decisions
    applied (cheap: no SQL on the exports)."""
    threshold = scored.default_threshold if config.threshold is None else config.threshold
    pairs = cluster.mark_decisions(scored.pairs, scored.records, decisions)
    clustered = cluster.clusters(scored.records, pairs, threshold, scored.apart)
    ids = cluster.keyed(scored.records, clustered.labels)
    pairs = _described(pairs, scored, ids, threshold, lang)
    grid = scored.curve[scored.curve["threshold"] != threshold].to_dict("records")
    curve = pd.DataFrame([*grid, clustered.estimate(threshold, scored.expected_matches)]) \
        .sort_values("threshold", ignore_index=True)
    return LinkRun("+".join(scored.tables), config, lang, scored, threshold, pairs, ids,
                   cluster.unified(scored.records, ids), clustered, int(pairs["decision"].notna().sum()),
                   curve)


def _described(pairs: pd.DataFrame, scored: Scored, ids: pd.DataFrame, threshold: float,
               lang: str = "en") -> pd.DataFrame:
    """Pairs as the analyst reads them: both records' table, id and name, why, whether linked
    (at or above the threshold and in one customer: a link that would join two records kept
    apart is not), whether one record's name is the one its own e-mail spells."""
    rec = scored.records.set_index("rid")
    spelled = rec["name_e"].reindex(pairs["l"]).to_numpy() | rec["name_e"].reindex(pairs["r"]).to_numpy()
    key = pd.Series(ids["customer_key"].to_numpy(), index=scored.records["rid"].to_numpy())
    flds = scored.model.fields
    out = pd.DataFrame({
        "left_table": rec["src"].reindex(pairs["l"]).to_numpy(),
        "left_id": rec["record_id"].reindex(pairs["l"]).to_numpy(),
        "left_name": rec["name_raw"].reindex(pairs["l"]).to_numpy(),
        "right_table": rec["src"].reindex(pairs["r"]).to_numpy(),
        "right_id": rec["record_id"].reindex(pairs["r"]).to_numpy(),
        "right_name": rec["name_raw"].reindex(pairs["r"]).to_numpy(),
        "match_probability": pairs["match_probability"].round(6).to_numpy(),
        "match_weight": pairs["match_weight"].round(3).to_numpy(),
        "linked": (cluster.linked(pairs, threshold).to_numpy()
                   & (key.reindex(pairs["l"]).to_numpy() == key.reindex(pairs["r"]).to_numpy())),
        "decision": pairs["decision"].to_numpy(),
        "agreeing": cluster.agreeing(pairs, flds, scored.masked, lang, name_by_email=spelled).to_numpy(),
        "name_by_email": spelled,
    })
    for f in flds:
        out[f"w_{f}"] = pairs[f"w_{f}"].round(3).to_numpy()
    return out
