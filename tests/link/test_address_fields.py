"""Exports shaped like a CRM with addresses (the FEBRL benchmark's shape): given name and
surname in two columns against a full name, a national id, postcode, suburb and street.
Generated people, typed twice with the mistakes the two channels make."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from crm_core.link import fields, synthetic
from crm_core.link.run import run
from crm_core.workspace import store

GIVEN = ["james", "olivia", "jack", "mia", "lachlan", "chloe", "thomas", "grace", "liam", "ruby", "noah",
         "emily", "william", "sophie", "oliver", "zoe", "ethan", "isabella", "samuel", "hannah"]
SURNAMES = ["smith", "jones", "williams", "brown", "wilson", "taylor", "nguyen", "johnson", "martin",
            "white", "anderson", "walker", "thompson", "harris", "ryan", "lee", "king", "green"]
STREETS = ["stanley street", "pinkerton circuit", "salkauskas crescent", "wilga place", "hurley street",
           "laker crescent", "english court", "river street", "tarago place", "julia flynn avenue"]
PLACES = [(f"{2000 + 37 * i}", f"suburb {i}") for i in range(40)]


def _people(n: int, rng: np.random.Generator) -> pd.DataFrame:
    place = rng.integers(0, len(PLACES), n)
    return pd.DataFrame({
        "person": np.arange(n).astype(str),
        "given": rng.choice(GIVEN, n), "surname": rng.choice(SURNAMES, n),
        "street": [f"{k} {s}" for k, s in zip(rng.integers(1, 60, n), rng.choice(STREETS, n), strict=True)],
        "postcode": [PLACES[i][0] for i in place], "suburb": [PLACES[i][1] for i in place],
        "dob": pd.to_datetime(rng.integers(-15000, 12000, n), unit="D").strftime("%Y-%m-%d"),
        "ssn": [f"{v:07d}" for v in rng.integers(1_000_000, 9_999_999, n)]})


def _typo(rng: np.random.Generator, text: str) -> str:
    i = int(rng.integers(1, len(text) - 1))
    return text[:i] + text[i + 1] + text[i] + text[i + 2:]


@pytest.fixture(scope="module")
def linked(tmp_path_factory):
    """A CRM export (first/last name) and a loyalty export (full name) of 600 people, 500 in both:
    the loyalty side has typos in names, ids and postcodes, given names replaced, gaps."""
    from crm_core.workspace.store import Workspace

    rng = np.random.default_rng(5)
    people = _people(600, rng)
    crm, loyal = people.iloc[:550], people.iloc[50:].copy()
    swap = rng.random(len(loyal)) < 0.10
    loyal.loc[swap, "given"] = rng.choice(GIVEN, int(swap.sum()))
    for col, share in (("surname", 0.15), ("ssn", 0.10), ("postcode", 0.05), ("street", 0.10)):
        hit = rng.random(len(loyal)) < share
        loyal.loc[hit, col] = [_typo(rng, v) for v in loyal.loc[hit, col]]
    gone = rng.random(len(loyal)) < 0.10
    loyal.loc[gone, "ssn"] = None
    exports = {
        "crm_contacts": pd.DataFrame({"rec_id": "C" + crm["person"], "given_name": crm["given"],
                                      "surname": crm["surname"], "address_1": crm["street"],
                                      "suburb": crm["suburb"], "postcode": crm["postcode"],
                                      "date_of_birth": crm["dob"], "soc_sec_id": crm["ssn"]}),
        "loyalty": pd.DataFrame({"member_no": "L" + loyal["person"],
                                 "full_name": (loyal["given"] + " " + loyal["surname"]).str.upper(),
                                 "street address": loyal["street"], "town": loyal["suburb"],
                                 "zip": loyal["postcode"], "birth_date": loyal["dob"],
                                 "national_id": loyal["ssn"]}),
    }
    truth = pd.concat([pd.DataFrame({"table": "crm_contacts", "record_id": "C" + crm["person"],
                                     "person": crm["person"]}),
                       pd.DataFrame({"table": "loyalty", "record_id": "L" + loyal["person"],
                                     "person": loyal["person"]})], ignore_index=True)
    with Workspace(tmp_path_factory.mktemp("address")).connect() as con:
        for name, frame in exports.items():
            store.write_frame(con, name, frame)
        detected = {name: fields.detect(con, name) for name in exports}
        result = run(con, list(exports))
    return detected, result, truth, people


def test_columns_are_recognised(linked):
    detected = linked[0]
    crm, loyal = detected["crm_contacts"], detected["loyalty"]
    assert crm.id_column == "rec_id" and loyal.id_column == "member_no"
    assert crm.columns["name"] == ("surname", "given_name") and loyal.columns["name"] == "full_name"
    assert crm.columns["id_number"] == "soc_sec_id" and loyal.columns["id_number"] == "national_id"
    assert (crm.columns["postcode"], loyal.columns["postcode"]) == ("postcode", "zip")
    assert (crm.columns["address"], loyal.columns["address"]) == ("address_1", "street address")
    assert (crm.columns["city"], loyal.columns["city"]) == ("suburb", "town")


def test_split_and_full_names_link_past_the_bar(linked):
    _, result, truth, people = linked
    scores = synthetic.pairwise_scores(truth, result.identity)
    assert scores["people"] == len(people)  # every record kept its own id
    # 20 given names × 18 surnames: many namesakes, told apart by street, postcode, id, birth date
    assert scores["precision"] >= 0.95
    assert scores["recall"] >= 0.95
    assert scores["count_error"] < 0.03


def test_street_and_postcode_link_a_replaced_name(linked):
    """Records whose names share too little are linked by birth date or street at one postcode."""
    links = linked[1].links()
    same = links["left_id"].str[1:] == links["right_id"].str[1:]
    kept = links[same & links["linked"]]
    assert kept["agreeing"].str.contains("address").sum() > 300
    assert (~kept["agreeing"].str.contains(r"\bname \(")).sum() > 0  # linked with no agreeing name


def test_a_record_number_is_not_a_national_id(con):
    """Two exports numbered 1…N would 'agree' on a bare id number; only a person's own id counts."""
    store.write_frame(con, "orders_people", pd.DataFrame({
        "id_no": ["1", "2"], "name": ["Ann Lee", "Bo Li"], "businessnumber": ["77", "78"]}))
    assert "id_number" not in fields.detect(con, "orders_people").columns


def test_unified_customers_carry_id_postcode_and_street(linked):
    _, result, truth, people = linked
    unified = result.customers.set_index("customer_key")
    person = people.set_index("person").loc["100"]
    key = result.identity.loc[result.identity["record_id"] == "C100", "customer_key"].item()
    assert unified.loc[key, "postcode"] == person["postcode"]
    assert unified.loc[key, "address"] == person["street"]
    assert unified.loc[key, "id_number"] in {person["ssn"], None}


def test_unified_customers_leave_out_fields_no_export_has(con):
    store.write_frame(con, "web", pd.DataFrame({"customer_id": ["1", "2"], "name": ["Ann Lee", "Bo Li"],
                                                "email": ["ann@x.com", "bo@y.com"]}))
    store.write_frame(con, "till", pd.DataFrame({"member_id": ["7"], "name": ["Ann Lee"],
                                                 "email": ["ANN@x.com "]}))
    customers = run(con, ["web", "till"]).customers
    assert not {"id_number", "postcode", "address"} & set(customers.columns)
    assert len(customers) == 2


def test_a_birth_date_typed_as_date_meets_one_typed_as_digits(con):
    """One export stores a DATE, the other ``19151111``: the pair agrees on the birth date."""
    store.write_frame(con, "members", pd.DataFrame({
        "member_id": ["M1", "M2"], "name": ["Ann Lee", "Bo Li"],
        "birth_date": pd.to_datetime(["1915-11-11", "1980-02-03"]).date}))
    store.write_frame(con, "contacts", pd.DataFrame({
        "contact_id": ["S1", "S2"], "name": ["Ann Lee", "Bo Li"], "dob": ["19151111", "19800203"]}))
    links = run(con, ["members", "contacts"]).links()
    assert links["agreeing"].str.contains("birth date (exact", regex=False).sum() == 2


def test_name_given_and_name_family_are_one_name(con):
    """A customer table laid out ``name_given, name_family`` (great_tables' peeps) is linked on
    the whole name, not on the given name alone."""
    store.write_frame(con, "peeps", pd.DataFrame({
        "name_given": ["Ruth", "Peter"], "name_family": ["Conte", "Möller"],
        "email_addr": ["rcconte@example.com", "pmoeller@example.com"],
        "phone_number": ["240-783-7630", "615-699-3517"], "postcode": ["22041", "37150"]}))
    found = fields.detect(con, "peeps").columns
    assert found["name"] == ("name_family", "name_given")
    assert (found["email"], found["phone"]) == ("email_addr", "phone_number")


def test_contact_flags_and_ethnicity_are_no_contact_or_city(con):
    """Eighth pass, the resume study as two packages ship it (openintro ``resume``, AER
    ``ResumeNames``): ``has_email_address`` 0/1 and ``email`` yes/no were compared as e-mail
    addresses and ``ethnicity`` (cauc/afam, ending in "city") as the city, ahead of ``city``."""
    store.write_frame(con, "resume_names", pd.DataFrame({
        "name": ["Allison", "Kristen", "Lakisha"], "ethnicity": ["cauc", "cauc", "afam"],
        "city": ["chicago", "boston", "chicago"], "email": ["no", "yes", "no"]}))
    store.write_frame(con, "resume", pd.DataFrame({
        "firstname": ["Allison", "Kristen", "Lakisha"], "job_city": ["Chicago", "Boston", "Chicago"],
        "has_email_address": [0, 1, 0]}))
    named = fields.detect(con, "resume_names").columns
    assert named.get("city") == "city" and "email" not in named
    plain = fields.detect(con, "resume").columns
    assert plain.get("city") == "job_city" and "email" not in plain
    store.write_frame(con, "crm", pd.DataFrame({"name": ["Ann Lee", "Bo Li"],
                                                "BillingCity": ["Oslo", "Bergen"],
                                                "e_mail": ["ann(at)x.com", "no"]}))
    crm = fields.detect(con, "crm").columns
    assert crm["email"] == "e_mail" and crm["city"] == "BillingCity"  # not only flag words: kept
