"""Linking generated multi-channel exports against their truth: pairwise precision and recall,
the exact-key baseline, review decisions that persist, masked exports that still link."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from crm_core.i18n import t
from crm_core.link import cluster, normalise, review, synthetic
from crm_core.link.run import LinkConfig, run
from crm_core.load.reader import load_file
from crm_core.workspace import store


@pytest.fixture(scope="module")
def generated() -> synthetic.Exports:
    return synthetic.exports(1500, seed=7)


def _write(con, exports: synthetic.Exports) -> list[str]:
    for name, frame in exports.tables.items():
        store.write_frame(con, name, frame)
    return list(exports.tables)


def _exact_key_baseline(exports: synthetic.Exports) -> pd.DataFrame:
    """What union/join on a column gives: records sharing the raw phone or e-mail text."""
    from scipy.sparse import coo_matrix
    from scipy.sparse.csgraph import connected_components

    rows = []
    for name, frame in exports.tables.items():
        phone = next(c for c in frame.columns if c in ("phone", "手机", "mobile"))
        email = next((c for c in frame.columns if c in ("email", "e_mail")), None)
        rows.append(pd.DataFrame({"table": name, "record_id": frame.iloc[:, 0].astype(str),
                                  "phone": frame[phone], "email": frame[email] if email else None}))
    recs = pd.concat(rows, ignore_index=True)
    edges = [(i, j) for col in ("phone", "email") for _, g in recs.dropna(subset=[col]).groupby(col)
             for i, j in zip(g.index[:-1], g.index[1:], strict=True)]
    a = [e[0] for e in edges]
    b = [e[1] for e in edges]
    graph = coo_matrix(([1] * len(a), (a, b)), shape=(len(recs),) * 2)
    _, labels = connected_components(graph, directed=False)
    return recs.assign(customer_key=labels.astype(str))[["table", "record_id", "customer_key"]]


def test_links_generated_exports_past_the_bar(con, generated):
    result = run(con, _write(con, generated))
    scores = synthetic.pairwise_scores(generated.truth, result.identity)
    baseline = synthetic.pairwise_scores(generated.truth, _exact_key_baseline(generated))
    assert scores["precision"] >= 0.95
    assert scores["recall"] >= 0.90
    assert scores["recall"] > baseline["recall"] + 0.3  # formats and scripts are what joins miss
    assert scores["count_error"] < 0.08
    summary = result.summary()
    assert summary["records"] == len(generated.truth) == len(result.identity)
    assert 0.9 <= summary["estimated_precision"] <= 1.0
    # the model's own head count (the clusters' came as close once the default spent the
    # precision headroom on recall: 1,511 customers, 1,513 estimated, 1,500 people)
    assert abs(summary["estimated_people"] - generated.people) < 0.02 * generated.people
    assert set(result.identity.columns) == {"table", "record_id", "customer_key"}
    linked = result.links()[lambda f: f["linked"]]
    assert linked["agreeing"].str.len().gt(0).all()


def test_default_threshold_spends_the_precision_headroom_on_recall(con, generated):
    """Calibrated scores make 0.6 too strict, and the best estimated F1 (0.5 here) left the
    clusters' estimated precision near 0.98: the default goes lower while that estimate stays at
    96 %, which on generated exports finds more of the same people, precision past the bar."""
    tables = _write(con, generated)
    chosen = run(con, tables)
    best_f1 = run(con, tables, LinkConfig(threshold=cluster.best_threshold(
        chosen.scored.pairs, chosen.scored.expected_matches)))
    assert chosen.summary()["threshold_rule"] == "default"
    assert best_f1.summary()["threshold_rule"] == "chosen"
    assert cluster.LOWEST <= chosen.threshold < best_f1.threshold
    scored = chosen.scored
    found = cluster.clusters(scored.records, scored.pairs.assign(decision=None), chosen.threshold,
                             scored.apart)
    assert found.estimated_precision >= cluster.PRECISION_TARGET
    ours, before = (synthetic.pairwise_scores(generated.truth, r.identity) for r in (chosen, best_f1))
    assert ours["recall"] > before["recall"] and ours["count_error"] < before["count_error"]
    assert ours["precision"] >= 0.95
    alone = run(con, tables[:1])  # one export's double sign-ups keep the best F1 (FEBRL dataset3)
    assert alone.threshold == cluster.best_threshold(alone.scored.pairs, alone.scored.expected_matches)


def test_exports_with_no_customer_in_common_link_nobody_by_default(con):
    """The best-F1 bar sinks with the F1: a web shop and a till holding different people (no
    double sign-ups) were linked from 0.034 on, namesakes at 4 % estimated precision."""
    exports = synthetic.exports(1600, seed=3, dup_share=0.0)
    (web, web_rows), (till, till_rows) = list(exports.tables.items())[:2]
    person = exports.truth.set_index(["table", "record_id"])["person"]
    for name, frame, parity in ((web, web_rows, 0), (till, till_rows, 1)):
        ids = frame.iloc[:, 0].astype(str)
        store.write_frame(con, name, frame[[person[(name, i)] % 2 == parity for i in ids]])
    result = run(con, [web, till])
    assert result.threshold >= 0.5  # never links a pair the model scores as likelier two people
    assert result.identity["customer_key"].nunique() == len(result.identity)


def test_match_share_is_the_share_of_record_pairs_that_are_one_person(con, generated):
    """The till has no e-mail and the desk no birth date, so the rules on them catch fewer of the
    matches than the fields' fill over all records says; the prior still counts them all."""
    result = run(con, _write(con, generated))
    records = generated.truth.groupby("person").size()
    n = len(generated.truth)
    true_share = (records * (records - 1) / 2).sum() / (n * (n - 1) / 2)
    assert result.scored.model.lam == pytest.approx(true_share, rel=0.05)


def test_rare_name_outweighs_common_name(con, generated):
    result = run(con, _write(con, generated))
    exact = result.pairs[result.pairs["agreeing"].str.contains(r"name \(exact")]
    common = exact[exact["left_name"].isin(["张伟", "王伟", "Wei Zhang", "Wei Wang"])]["w_name"]
    assert len(common) and exact["w_name"].max() > common.max() + 2


def test_review_decisions_persist_and_apply(con, generated):
    tables = _write(con, generated)
    first = run(con, tables, LinkConfig(threshold=0.6))
    linked = first.links()[lambda f: f["linked"]].iloc[0]
    left, right = (linked["left_table"], linked["left_id"]), (linked["right_table"], linked["right_id"])
    review.decide(con, left, right, "reject", user="analyst")
    kept = review.decisions(con)
    assert kept.iloc[0]["decision"] == "reject" and kept.iloc[0]["decided_by"] == "analyst"
    again = run(con, tables, LinkConfig(threshold=0.6))
    pair = again.links()[(again.links()["left_id"] == left[1]) & (again.links()["right_id"] == right[1])]
    assert pair["decision"].iloc[0] == "reject" and not pair["linked"].iloc[0]
    unlinked = again.pairs.sort_values("match_probability").iloc[0]
    review.decide(con, (unlinked["left_table"], unlinked["left_id"]),
                  (unlinked["right_table"], unlinked["right_id"]), "confirm")
    third = run(con, tables, LinkConfig(threshold=0.6)).identity.set_index(["table", "record_id"])
    assert third.loc[(unlinked["left_table"], unlinked["left_id"]), "customer_key"] == \
        third.loc[(unlinked["right_table"], unlinked["right_id"]), "customer_key"]
    assert again.summary()["decisions_applied"] == 1



def test_records_kept_apart_never_share_a_customer(con, generated):
    """A pair the model scores under 1% is two people, whatever chain of weaker links runs
    between them (only near-certain links join it); a pair the analyst rejected stays apart even
    when a third record links to both (before, the reject only removed the direct link)."""
    tables = _write(con, generated)
    first = run(con, tables)
    key = first.identity["customer_key"].to_numpy()
    apart = first.scored.apart
    assert len(apart) > 500
    weak = first.scored.pairs.assign(decision=None).loc[lambda f: f["match_probability"] < cluster.STRONG]
    weak_key = cluster.identity_map(first.scored.records, weak, first.threshold, apart)["customer_key"]
    weak_key = weak_key.to_numpy()
    assert (weak_key[apart["l"] - 1] != weak_key[apart["r"] - 1]).all()  # rid counts from 1, in order
    assert (key[apart["l"] - 1] == key[apart["r"] - 1]).mean() < 0.001
    sizes = first.identity["customer_key"].value_counts()
    trio = first.identity[first.identity["customer_key"] == sizes[sizes == 3].index[0]]
    left, right = (tuple(trio.iloc[i][["table", "record_id"]]) for i in (0, 2))
    review.decide(con, left, right, "reject")
    again = run(con, tables).identity.set_index(["table", "record_id"])["customer_key"]
    assert again[left] != again[right]

def test_masked_exports_still_link(con, generated, tmp_path):
    for name, frame in generated.tables.items():
        frame.to_csv(tmp_path / f"{name}.csv", index=False)
        load_file(con, tmp_path / f"{name}.csv", mask_pii=True)
    sample = con.execute("SELECT phone FROM web_customers WHERE phone IS NOT NULL LIMIT 1").fetchone()[0]
    assert "+86" not in sample  # really pseudonymised
    result = run(con, list(generated.tables))
    scores = synthetic.pairwise_scores(generated.truth, result.identity)
    assert scores["precision"] >= 0.95 and scores["recall"] >= 0.9  # the bar
    assert scores["count_error"] <= 0.06
    assert "name: same letters, close, similar" in result.summary()["not_compared"]


def test_table_without_linkable_columns_is_a_clear_error(con):
    from crm_core.errors import CrmError

    store.write_frame(con, "products", pd.DataFrame({"sku": ["A1"], "price": [3.5]}))
    with pytest.raises(CrmError, match="products.*no column to link on"):
        run(con, ["products"])


def test_a_name_alone_scores_as_often_as_it_is_one_person(con):
    """Pairs across exports that agree on the name and have nothing else to compare: for names
    held 3 or 4 times the score is the share that is truly one person (within two standard errors
    of that share: 0.05 for the 100 pairs held 3 times, 0.14 for the 46 held 4 times). Scored
    from the name's total count alone, names held 3 times got 0.63 where 92% were one person.
    A name read from a record's own e-mail is not a name alone (the e-mail spells it too): those
    pairs are left out (held 3 times: 8 pairs, all one person, scored 0.84 on average; 4 times:
    8 pairs, 5 one person, 0.62)."""
    exports = synthetic.exports(4000, seed=21)
    result = run(con, _write(con, exports))
    records = result.scored.records.merge(exports.truth.rename(columns={"table": "src"}),
                                          on=["src", "record_id"]).set_index("rid")
    pairs = result.scored.pairs
    others = [c for c in pairs if c.startswith("g_") and c != "g_name"]
    src = records["src"]
    typed = records["name_k"] == records["name_raw"].map(normalise.name_key)
    alone = pairs[(pairs["g_name"] == 9) & (pairs[others] < 0).all(axis=1)
                  & (src.reindex(pairs["l"]).to_numpy() != src.reindex(pairs["r"]).to_numpy())
                  & typed.reindex(pairs["l"]).to_numpy() & typed.reindex(pairs["r"]).to_numpy()]
    held = records["name_k"].map(records["name_k"].value_counts()).reindex(alone["l"]).to_numpy()
    person = records["person"]
    same = person.reindex(alone["l"]).to_numpy() == person.reindex(alone["r"]).to_numpy()
    table = pd.DataFrame({"held": held, "score": alone["match_probability"].to_numpy(), "same": same})
    by_count = table[table["held"].isin([3, 4])].groupby("held").agg(
        pairs=("same", "size"), score=("score", "mean"), same=("same", "mean"))
    assert len(by_count) == 2 and (by_count["pairs"] >= 30).all()
    error = np.sqrt(by_count["same"] * (1 - by_count["same"]) / by_count["pairs"])
    assert ((by_count["score"] - by_count["same"]).abs() <= 2 * error).all(), by_count


def test_the_order_the_exports_are_named_in_changes_nothing(con):
    """The page lists the tables in the catalogue's order, the command in the analyst's: record
    numbers, the random pairs behind u and EM's start followed it, so the same exports gave a
    different threshold and customers (226 at 0.64 against 227 at 0.92 in the browser walk)."""
    names = _write(con, synthetic.exports(300, seed=5))
    runs = [run(con, order) for order in (names, names[1:] + names[:1])]
    assert runs[0].threshold == pytest.approx(runs[1].threshold, rel=1e-9)  # DuckDB's parallel sums
    keys = [r.identity.sort_values(["table", "record_id"])["customer_key"].tolist() for r in runs]
    assert keys[0] == keys[1]


def test_namesakes_whose_email_is_their_name_are_not_one_customer(con):
    """The sample's 3,000 customers (no one twice) built e-mails from names: Evie and Ella Robinson
    both chose ``erobinson`` at different providers, with other phones and ages. The shared user
    name weighed +17.1 and 511 pairs of different people were linked at p = 0.99."""
    from pathlib import Path

    load_file(con, Path(__file__).parents[2] / "sample_data" / "customers.csv")
    result = run(con, "customers")
    assert result.summary()["pairs_linked"] <= 5
    assert result.identity["customer_key"].nunique() >= 2_990


def test_a_near_certain_link_joins_its_records_against_a_pair_kept_apart(con):
    """English names: a person whose phone changed has a desk record sharing one record's e-mail
    and another's phone; the 1% between those two used to split the person although every link
    of the chain was near certain. A link scored ≥ 0.99 now always joins its two records."""
    exports = synthetic.exports(2000, seed=0, chinese_share=0.0)
    result = run(con, _write(con, exports))
    key = result.identity["customer_key"].to_numpy()
    pairs = result.scored.pairs
    strong = pairs[pairs["match_probability"] >= cluster.STRONG]
    assert (key[strong["l"] - 1] == key[strong["r"] - 1]).all()  # rid counts from 1, in order
    scores = synthetic.pairwise_scores(exports.truth, result.identity)
    assert scores["precision"] >= 0.95


@pytest.mark.parametrize(("lang", "said"), [("en", "a city or a postcode alone cannot tell people apart"),
                                             ("zh", "仅凭城市或邮编无法区分不同的人")])
def test_a_table_with_only_a_city_to_compare_is_refused_in_words(con, lang, said):
    """pol7: one export whose only comparable column is its city failed in SQL (``FROM () WHERE k
    IS NOT NULL``): no rule finds candidate pairs, and the refusal says what linking needs."""
    from crm_core.errors import CrmError
    from crm_core.i18n import say

    visits = pd.DataFrame({"visit_id": [f"V{i}" for i in range(40)],
                           "city": ["上海", "北京", "Shanghai", "Beijing"] * 10})
    store.write_frame(con, "stores_visits", visits)
    with pytest.raises(CrmError) as refused:
        run(con, ["stores_visits"])
    assert said in say(refused.value.args[0], lang) and "city" in say(refused.value.args[0], lang)


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_a_name_its_email_spelled_is_said_so_beside_exact(con, lang):
    """walk10: "Ocar Taylor ↔ Oscar Taylor" and a contact with no name read "name (exact …)": the
    record took the name its own e-mail spells (``oscar.taylor…@``), which the reviewer was not told."""
    exports = synthetic.exports(400, seed=57, chinese_share=0)
    tables = [t for t in _write(con, exports) if t != "till_members"]
    pairs = run(con, tables, LinkConfig(), lang=lang).links()
    said = t("link.elimination.name_by_email", lang)
    exact = pairs["agreeing"].str.startswith(t("link.agrees", lang, field=t("link.field.name", lang),
                                                 level=t("link.level.exact", lang), weight="")[:-2])
    same = (pairs["left_name"].fillna("").str.split().str.join(" ").str.lower()
            == pairs["right_name"].fillna("").str.split().str.join(" ").str.lower())
    assert (exact & ~same).sum() >= 5  # typed names that differ, one spelled by an e-mail
    assert pairs.loc[exact & ~same, "agreeing"].str.contains(said, regex=False).all()
    assert not pairs.loc[same, "agreeing"].str.contains(said, regex=False).any()


def test_a_link_carried_by_a_name_its_email_spelled_counts_under_email(con):
    """left47: ``linked_on`` counted a pair whose name one record's own e-mail spelled (a desk's contact
    with no name, or a mistyped one) as linked on "name", though the e-mail's letters carried it: such a
    pair counts under e-mail (left49)."""
    exports = synthetic.exports(400, seed=57, chinese_share=0)
    result = run(con, [t for t in _write(con, exports) if t != "till_members"], LinkConfig())
    linked = result.links().query("linked")
    weights = linked[[c for c in linked if c.startswith("w_")]].dropna(how="all")
    by_name = weights.idxmax(axis=1) == "w_name"
    spelled = linked.loc[weights.index, "agreeing"].str.contains(t("link.elimination.name_by_email", "en"),
                                                                 regex=False)
    assert (by_name & spelled).sum() >= 1
    on = result.summary()["linked_on"]
    assert on.get("name", 0) == (by_name & ~spelled).sum() and sum(on.values()) == len(weights)


def test_a_name_an_email_spelled_joins_no_one_holding_another_email(con):
    """judge23: a HubSpot contact list (names, e-mails at each bike shop) and a Zendesk export keyed
    by the requester's e-mail. A ticket's name read from ``william.taylor@portlandbipedsbikes.com``
    matched the contact William Taylor of another shop, and at +26.7 outweighed their different
    e-mails: eleven tickets joined namesakes. The name says no more than the e-mail it was read from."""
    from pathlib import Path

    data = Path(__file__).parents[2] / "tests" / "data"
    for name in ("hubspot_contacts_excerpt", "zendesk_tickets_excerpt"):
        load_file(con, data / f"{name}.csv")
    result = run(con, ["hubspot_contacts_excerpt", "zendesk_tickets_excerpt"])
    assert result.summary()["fields"][1]["name"] == "Requester"  # the ticket's own name, read too (link21)
    contacts = pd.read_csv(data / "hubspot_contacts_excerpt.csv", dtype=str)
    identity = _contacts_as_people(result, contacts)  # a person is a contact, not an e-mail (link22)
    assert (identity.groupby("customer_key")["person"].nunique() == 1).all()  # no key holds two people
    assert identity["customer_key"].nunique() == identity["person"].nunique()  # and no one is split


def _contacts_as_people(result, contacts: pd.DataFrame) -> pd.DataFrame:
    """The identity map with each record's person: a contact is one, a ticket is the contact of its
    requester's name and e-mail (two people writing from one mailbox are two)."""
    person = {(f"{a} {b}", e): i for a, b, e, i in zip(
        contacts["First Name"], contacts["Last Name"], contacts["Email"], contacts["Record ID"], strict=True)}
    records = result.scored.records.sort_values("rid")
    return result.identity.assign(person=[
        rid if rid in contacts["Record ID"].to_numpy() else person[(name, rid)]
        for rid, name in zip(records["record_id"], records["name_raw"], strict=True)])


def test_a_deal_links_to_the_contact_its_associated_contact_names(con):
    """HubSpot's deals name their buyer as ``Richard Moore (richard.moore@dallascyclesbikes.com)``:
    read whole, that is no e-mail and no name, so no deal reached its contact."""
    from pathlib import Path

    data = Path(__file__).parents[2] / "tests" / "data"
    for name in ("hubspot_contacts_excerpt", "hubspot_deals_excerpt"):
        load_file(con, data / f"{name}.csv")
    result = run(con, ["hubspot_contacts_excerpt", "hubspot_deals_excerpt"])
    contacts = pd.read_csv(data / "hubspot_contacts_excerpt.csv", dtype=str)
    deals = pd.read_csv(data / "hubspot_deals_excerpt.csv", dtype=str)
    key = result.identity.set_index(["table", "record_id"])["customer_key"]
    contact_of = dict(zip(contacts["Email"].str.lower(), contacts["Record ID"], strict=True))
    buyer = deals["Associated Contact"].str.extract(r"\((.+)\)")[0].str.lower().map(contact_of)
    deal_id = next(e.id_column for e in result.scored.exports if e.table == "hubspot_deals_excerpt")
    for deal, contact in zip(deals[deal_id], buyer, strict=True):  # the loader keys deals by their company
        assert key[("hubspot_deals_excerpt", deal)] == key[("hubspot_contacts_excerpt", contact)]


def test_a_mailbox_several_contacts_use_links_no_one_on_its_own(con, tmp_path):
    """A shop's contacts written to from one mailbox (``orders@…``, ``info@…``, ``jwilliams@…`` for James
    and Jessica Williams) stayed apart in the contact list alone, but once the tickets written from
    that mailbox were linked too, the shared address outweighed their different names and phones and
    each shop's contacts became one customer. Here each contact is a person: none may share a key, and
    each ticket joins the contact whose name it carries."""
    from pathlib import Path

    data = Path(__file__).parents[2] / "tests" / "data"
    contacts = pd.read_csv(data / "hubspot_contacts_excerpt.csv", dtype=str)
    tickets = pd.read_csv(data / "zendesk_tickets_excerpt.csv", dtype=str)
    for shop, box in (("Ann Arbor Speed", "orders@annarborspeedbikes.com"),
                      ("Dallas Cycles", "info@dallascyclesbikes.com")):
        held = contacts["Associated Company"] == shop
        tickets.loc[tickets["Requester email"].isin(contacts.loc[held, "Email"]), "Requester email"] = box
        contacts.loc[held, "Email"] = box
    contacts.to_csv(tmp_path / "contacts.csv", index=False)
    tickets.to_csv(tmp_path / "tickets.csv", index=False)
    for name in ("contacts", "tickets"):
        load_file(con, tmp_path / f"{name}.csv")
    result = run(con, ["contacts", "tickets"])
    identity = _contacts_as_people(result, contacts)
    boxed = contacts.loc[contacts["Email"].duplicated(keep=False), "Record ID"]
    shared = identity[identity["person"].isin(boxed)]
    assert shared["person"].nunique() == 17  # 3 + 3 on a role mailbox, 11 on five first-initial ones
    assert result.summary()["shared_mailboxes"] == 7
    assert (identity.groupby("customer_key")["person"].nunique() == 1).all()  # no key holds two people
    assert identity["customer_key"].nunique() == identity["person"].nunique()  # and no one is split
