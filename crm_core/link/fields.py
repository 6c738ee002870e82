"""Which column of each export is the id, name, e-mail, phone, city, birth date — and the staging
of all exports into one normalised record table the model reads.

Headers differ per channel (``mobile``, ``手机``, ``contact_phone``), so a column counts when its
header says so or its values do (the privacy module's validators). Columns pseudonymised at load
keep their tokens as exact keys; an unmasked column compared with a masked one is hashed with the
same workspace key, so the two still meet.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import duckdb
import pandas as pd

from crm_core.errors import CrmError
from crm_core.i18n import Sentence
from crm_core.link import name_parts, normalise, scripts
from crm_core.protect import privacy
from crm_core.workspace import recipient, store
from crm_core.workspace.ledger import not_sales_tests
from crm_core.workspace.role_names import bare_header
from crm_core.workspace.role_values import NO, YES
from crm_core.workspace.sqlutil import qi

FIELDS: tuple[str, ...] = ("name", "email", "phone", "id_number", "member_no", "order_no", "city", "postcode",
                           "address", "birth_date")
"""Fields the model compares, in the order they are shown."""

_HEADERS: dict[str, re.Pattern[str]] = {
    "id": re.compile(r"^(id|rec(ord)?[ _]?id|(customer|cust|client|member|user|account|contact|ticket|"
                     r"buyer|shopper|profile)[ _.-]?(id|no|number|code|key))$|^(编号|客户编号|会员号|"
                     r"会员编号|用户id|客户id|会员id|工单号|用户编号)$", re.IGNORECASE),
    # any other header that ends in an id word (ticket_contact_id, Order-Customer No, 会员卡号)
    "id_suffix": re.compile(r"(^|[ _.-])(id|no|nr|number|code|key)\.?$|(?-i:[a-z](Id|ID|No))$|(号|编码)$",
                            re.IGNORECASE),
    "first_name": re.compile(r"^(first[ _]?name|given[ _]?names?|forename|name[ _]?(given|first)|名)$",
                             re.IGNORECASE),
    "last_name": re.compile(r"^(last[ _]?name|surname|family[ _]?name|name[ _]?(family|last)|姓)$",
                            re.IGNORECASE),
    # one column of names after a billing / shipping prefix (Shopify's ``Billing Name``)
    "party_name": re.compile(r"^(full[ _]?)?name$", re.IGNORECASE),
    # billing_city, BillingCity, but not ethnicity (the resume study's cauc/afam read as the city)
    "city": re.compile(r"^(city|town|suburb|locality|municipality|城市|所在城市|市)$|[ _.-]city$"
                       r"|(?-i:[a-z]City)$", re.IGNORECASE),
    "postcode": re.compile(r"^(post(al)?[ _]?code|zip([ _]?code)?|邮编|邮政编码)$", re.IGNORECASE),
    "address": re.compile(r"^((street[ _]?)?address([ _]?(line)?[ _]?1)?|addr1?|street|地址|住址|详细地址)$",
                          re.IGNORECASE),
    # a person's own id, never a bare "id no" (a record number: two exports' 1…N would agree)
    "id_number": re.compile(r"(^|[^a-z])ssn([^a-z]|$)|soc(ial)?[ _]?sec|national[ _]?(id|insurance)|nino|"
                            r"id[ _]?card|passport|tax[ _]?(id|number)|^dni$|身份证|证件号", re.IGNORECASE),
    # a loyalty card's number: a hotel booking's ``Member No.`` is its points ledger's 会员卡号
    "member_no": re.compile(r"^(member(ship)?|loyalty|vip)[ _.-]?(card[ _.-]?)?(no|nr|number|id)\.?$"
                            r"|^(会员卡号|会员号|会员编号|会员卡|会员ID|VIP卡号)$", re.IGNORECASE),
    "contact": re.compile(r"contact|联系", re.IGNORECASE),  # e-mails and phones in one column
    "birth_date": re.compile(r"birth|^dob$|生日|出生", re.IGNORECASE),
    # a cell phone, not Chargebee's cancelled_at (judge45)
    "phone": re.compile(r"phone|mobile|^tel|(?<!can)cell|电话|手机", re.IGNORECASE),
    "email": re.compile(r"e[-_ ]?mail|邮箱", re.IGNORECASE),
}
COMPANY = re.compile(r"^(company|business|organi[sz]ation)([ _.-]?name)?$|^account[ _.-]?name$"
                     r"|^(公司|公司名称|单位名称|企业名称|所属公司)$", re.IGNORECASE)
"""A business's name (a CRM's ``Account Name``, a desk's ``Company Name``): a person's name comes first."""
_PII_FIELDS = {"name": "name", "email": "email", "phone": "phone", "id_number": "national_id"}
CONTACT_FIELDS = frozenset({"name", "email", "phone"})
"""Fields that tell people apart by themselves: an export without any is no list of customers."""


@dataclass(frozen=True)
class TableFields:
    """The columns of one export that play each field (None when the export lacks it)."""

    table: str
    id_column: str | None
    columns: dict[str, str | tuple[str, str]]
    masked: dict[str, str] = field(default_factory=dict)  # field → masking kind
    not_buyers: str = ""
    """SQL true on rows whose order number names no buyer (:func:`crm_core.link.orders.not_the_buyers`)."""
    named_ids: bool = False
    """Its id holds payers' names (支付宝's 对方名称): its records are not one person from the start."""

    def describe(self) -> dict[str, object]:
        """For the summary: which column played which field."""
        cols = {f: (" + ".join(c) if isinstance(c, tuple) else c) for f, c in self.columns.items()}
        return {"table": self.table, "id": self.id_column or "(row number)", **cols,
                "masked": sorted(self.masked)}


def _mixed_header(column: str) -> bool:
    """A contact header that names no one kind (``联系方式``, ``contact``): its values may be
    e-mails and phones alike. ``联系电话`` / ``contact_email`` name theirs (judge13: 联系电话 played
    the e-mail too)."""
    return bool(_HEADERS["contact"].search(column)) and not (
        _HEADERS["phone"].search(column) or _HEADERS["email"].search(column))


def detect(con: duckdb.DuckDBPyConnection, table: str, order: tuple[str, str] | None = None) -> TableFields:
    """The id and comparable fields of ``table`` (header first, then validated values); ``order``: its
    column of order numbers another export shares and the test of rows naming no buyer
    (:mod:`crm_core.link.orders`), which may be all a payment bill has."""
    store.require_table(con, table)
    columns = [c for c, _ in store.columns_of(con, table)]
    masked = privacy.masked_columns(con, table)
    kinds = {c: k for c, k in privacy.detect_pii(con, table).items() if k}
    kinds.update(masked)
    found: dict[str, str | tuple[str, str]] = {}
    for fld, kind in _PII_FIELDS.items():
        col = next((c for c in columns if kinds.get(c) == kind and not _is_part_name(c)
                    and not (_is_party(c) and c not in masked) and not COMPANY.match(c.strip())), None)
        if col:
            found[fld] = col
    for fld in ("phone", "email", "id_number"):  # formats the validators miss (0086…, +86-138-…) still count
        col = _header(columns, fld)
        if fld not in found and col and (col in masked or not _is_flag(con, table, col)):
            found[fld] = col
    mixed = next((c for c in columns if c not in masked and (kinds.get(c) == "contact" or (
        c in (found.get("email"), found.get("phone")) and _mixed_header(c)))), None)
    for fld in ("email", "phone"):  # one contact column of e-mails and phones plays both
        if mixed and fld not in found:
            found[fld] = mixed
    _drop_unheld(con, table, found, masked)
    addressed = None if "email" in found else _named_address(con, table, columns, masked)
    if addressed:
        found["email"] = addressed
    if "name" not in found:
        named = _party_name(con, table, columns, masked) or addressed or next(
            (c for c in columns if kinds.get(c) == "name" and COMPANY.match(c.strip())), None)
        if named:
            found["name"] = named
    for fld in ("city", "postcode", "address", "birth_date"):
        col = _header(columns, fld)
        if col and col not in found.values():
            found[fld] = col
    if order:
        found["order_no"] = order[0]
    if not found:
        raise CrmError(Sentence("link.error.no_fields", table=table, columns=", ".join(columns[:12])))
    id_col = _id_column(con, table, columns, set(found.values()) - {order and order[0]})
    member = _member_column(columns, id_col, set(found.values()))
    if member:
        found["member_no"] = member
    masked_fields = {f: masked[c[0] if isinstance(c, tuple) else c] for f, c in found.items()  # First + Last
                     if set(c if isinstance(c, tuple) else [c]) <= set(masked)}
    return TableFields(table, id_col, found, masked_fields, order[1] if order else "")


NAMED_ADDRESS = r"^([^<>()@]*[^<>()@\s])\s*[<(]\s*([^<>()@\s]+@[^<>()@\s]+)\s*[>)]$"
"""``Mary Smith (mary.smith@shop.com)`` or ``Mary Smith <mary.smith@shop.com>``: a name and its address."""


def _named_address(con, table: str, columns: list[str], masked: dict) -> str | None:
    """A column whose values are mostly a name with its address (HubSpot deals' ``Associated
    Contact``): whole, such a value is neither an e-mail nor a name, and no deal reached its contact."""
    for c in (c for c in columns if c not in masked):
        filled, named = con.execute(
            f"SELECT count(v), count(*) FILTER (WHERE regexp_full_match(v, ?)) FROM "
            f"(SELECT nullif(trim(CAST({qi(c)} AS VARCHAR)), '') AS v FROM {qi(table)})",
            [NAMED_ADDRESS]).fetchone()
        if filled and named >= 0.9 * filled:
            return c
    return None


PARTIES = ("", "billing", "shipping")
"""Whose name an order export holds, in the order it is read: the buyer's own, the one who paid, the
one it was sent to (a gift ships to someone else)."""


def _party_name(con, table: str, columns: list[str], masked: dict) -> str | tuple[str, str] | None:
    """The buyer's name of an order export: first + last (``Billing First Name`` + ``Billing Last
    Name``, WooCommerce) or one column of names (Shopify's ``Billing Name``), unprefixed before
    billing before shipping, read after a record (Chargebee's ``customers.first_name``). Unread,
    WooCommerce's buyers could not meet Square's ``Customer Name``: 0 pairs (judge26)."""
    for party in PARTIES:
        rest = {c: _after(bare_header(c), party) for c in columns}
        first = next((c for c, r in rest.items() if r and _HEADERS["first_name"].match(r)), None)
        last = next((c for c, r in rest.items() if r and _HEADERS["last_name"].match(r)), None)
        if first and last:
            return last, first
        whole = next((c for c, r in rest.items() if party and r and _HEADERS["party_name"].match(r)), None)
        if whole and whole not in masked and holds_names(con, table, whole):
            return whole
    return None


def _after(column: str, party: str) -> str | None:
    """``column``'s header after the party's prefix (``Billing First Name`` → ``First Name``), or None."""
    said = re.match(rf"^{party}[ _.-]?(.+)$", column.strip(), re.IGNORECASE)
    return said.group(1) if said else None


def holds_names(con, table: str, column: str) -> bool:
    """Mostly person names (the privacy module's name check on its sample of filled values)."""
    values = [v for (v,) in con.execute(
        f"SELECT nullif(trim(CAST({qi(column)} AS VARCHAR)), '') AS v FROM {qi(table)} WHERE v IS NOT NULL "
        f"LIMIT ?", [privacy.SAMPLE_VALUES]).fetchall()]
    return privacy.classify_values(values, "name") == "name"


def _member_column(columns: list[str], id_col: str | None, used: set) -> str | None:
    """A member number: a column of its own (a booking's ``Member No.``), else the export's id when
    its header says member number (the ledger's ``会员卡号``)."""
    def says_member(c: str | None) -> bool:
        return bool(c) and bool(_HEADERS["member_no"].match(c.strip()))

    own = next((c for c in columns if c != id_col and c not in used and says_member(c)), None)
    return own or (id_col if says_member(id_col) else None)


def _drop_unheld(con, table: str, found: dict, masked: dict) -> None:
    """A column playing the e-mail and the phone keeps the one its values hold: ``联系方式`` or
    ``contact`` of phones only is no e-mail, a ``联系电话`` of addresses no phone. Listed as both,
    the summary and the model tab showed an e-mail field that never agreed (judge13). Masked
    values are tokens and keep both."""
    both = found.get("email")
    if not both or both != found.get("phone") or both in masked:
        return
    text = f"nullif(trim(CAST({qi(both)} AS VARCHAR)), '')"
    mails, phones = con.execute(
        f"SELECT bool_or(contains({text}, '@')), bool_or(NOT contains({text}, '@') AND "
        f"length(regexp_replace({text}, '[^0-9]', '', 'g')) >= 7) FROM {qi(table)}").fetchone()
    for fld, held in (("email", mails), ("phone", phones)):
        if not held and (mails or phones):
            del found[fld]


def has_contacts(con: duckdb.DuckDBPyConnection, table: str) -> bool:
    """Whether ``table`` holds a name, an e-mail or a phone the link would compare: the Link page
    opens with such exports only (a questions table, 客户提问, was chosen for its name and then
    refused for having no field)."""
    try:
        return bool(CONTACT_FIELDS & detect(con, table).columns.keys())
    except CrmError:
        return False


FLAG_VALUES = frozenset({*YES, *NO, "有", "无"})


def _is_flag(con, table: str, column: str) -> bool:
    """Only yes/no or 0/1 values: a flag that a contact exists, not the contact. The resume
    study's ``has_email_address`` 0/1 and ``email`` yes/no were both compared as e-mails."""
    text = f"lower(trim(CAST({qi(column)} AS VARCHAR)))"
    values = con.execute(f"SELECT DISTINCT {text} FROM {qi(table)} WHERE nullif({text}, '') IS NOT NULL "
                         f"LIMIT 3").fetchall()
    return bool(values) and all(v in FLAG_VALUES for (v,) in values)


def _is_part_name(column: str) -> bool:
    """Half a name (``Billing Last Name``; Eventbrite's ``Buyer Last Name``, flagged a name since judge86)."""
    heads = [re.sub(r"^[^ _.-]+[ _.-]", "", column.strip())] + [_after(column, p) or "" for p in PARTIES]
    return any(_HEADERS["first_name"].match(h) or _HEADERS["last_name"].match(h) for h in heads)


def _is_party(column: str) -> bool:
    """A billing / shipping header, whose name :func:`_party_name` reads in its own order (the
    privacy module flags them as names since pii25)."""
    return any(_after(column, party) for party in PARTIES if party)


def _header(columns: list[str], role: str) -> str | None:
    return next((c for c in columns if _HEADERS[role].search(c.strip())), None)


def _id_column(con, table: str, columns: list[str], used: set) -> str | None:
    """The record id: a saved customer-id role (no recipient's name: two 王伟 may be two people, left60),
    an id-like header, the saved order id of a log naming no buyer (an order's lines are one record:
    抖店's 子订单 and Amazon's lines each were one, judge26/27), another header ending in an id word whose
    values are filled and unique (a judge's ``ticket_contact_id``), or None (row numbers, which break
    review decisions and ``--rekey`` as soon as the export is re-sorted)."""
    roles = store.saved_roles(con, table) or {}
    if roles.get("customer_id") in columns and not recipient.RECIPIENT.search(roles["customer_id"]):
        return roles["customer_id"]
    free = [c for c in columns if c not in used]
    named = next((c for c in free if _HEADERS["id"].match(c.strip())), None)
    if named:
        return named
    if roles.get("order_id") in free:
        return roles["order_id"]
    return next((c for c in free if _HEADERS["id_suffix"].search(c.strip()) and _unique(con, table, c)), None)


def _unique(con, table: str, column: str) -> bool:
    """Every row has its own non-empty value in ``column``."""
    rows, distinct = con.execute(
        f"SELECT count(*), count(DISTINCT nullif(trim(CAST({qi(column)} AS VARCHAR)), '')) "
        f"FROM {qi(table)}").fetchone()
    return rows > 0 and rows == distinct


# ---------------------------------------------------------------- staging


def stage(con: duckdb.DuckDBPyConnection, exports: list[TableFields], target: str) -> pd.DataFrame:
    """Create temp table ``target`` (rid, src, record_id, raw and normalised fields) and return
    the per-field facts the model needs: which fields are exact-only (masked)."""
    masked_fields = {f: kind for t in exports for f, kind in t.masked.items()}
    parts, params = [], []
    for tf in exports:
        sql, p = _select(con, tf, masked_fields)
        parts.append(sql)
        params += p
    con.execute(f"CREATE OR REPLACE TEMP TABLE {qi(target)} AS SELECT row_number() OVER () AS rid, * "
                f"FROM ({' UNION ALL '.join(parts)})", params)
    con.execute(f"ALTER TABLE {qi(target)} ADD COLUMN phone_m VARCHAR")
    if "phone" not in masked_fields:
        con.execute(f"UPDATE {qi(target)} SET phone_m = {normalise.shown_digits_sql('phone_raw', 'phone_n')}")
    written = [f"{f}_n" for f in ("name", "city", "address") if f not in masked_fields]
    scripts.fold_columns(con, target, written)  # 張偉 = 张伟 before any key
    _add_python_keys(con, target, "name", normalise.compared_name_key, skip="name" in masked_fields)
    _add_python_keys(con, target, "city", normalise.city_key, skip="city" in masked_fields)
    for col in ("name_a", "name_t", "name_h"):
        con.execute(f"ALTER TABLE {qi(target)} ADD COLUMN {col} VARCHAR")
    con.execute(f"UPDATE {qi(target)} SET name_h = {normalise.han_sql('name_n')}")
    keys = f"name_a = {normalise.letters_sql('name_k')}, name_t = {normalise.turned_sql('name_k')}"
    con.execute(f"UPDATE {qi(target)} SET {keys}")
    con.execute(f"ALTER TABLE {qi(target)} ADD COLUMN name_e BOOLEAN DEFAULT false")
    if not {"name", "email"} & set(masked_fields):
        _names_from_email(con, target)
        con.execute(f"UPDATE {qi(target)} SET {keys}")
    return pd.DataFrame({"field": list(FIELDS),
                         "masked": [f in masked_fields for f in FIELDS],
                         "present": [any(f in t.columns for t in exports) for f in FIELDS]})


EMAIL_NAME_SIMILARITY = 0.86
"""A typed name at least this close (Jaro–Winkler, the model's *similar* level) to the name its
own e-mail spells is taken for a typo of it."""


def _names_from_email(con, target: str) -> None:
    """A record's name read from its own e-mail's user name (``danqing.deng131@gmail.com``) when
    those letters spell one name some record holds: the name when it has none, the name it
    mistyped when it has one close to it (``Liu Hsan`` with ``liuhuan108@…`` → ``huan liu``).
    The desk writes by e-mail and often without a name or with a typo; the till holds the name and
    no e-mail, so the pair shared nothing and was never compared (diagnosis in docs/link.md).
    ``name_e`` marks such a record: a reviewer reads "Noah Edwrds" beside "Noah Edwards" and
    must be told why the names count as one."""
    user = "regexp_replace(split_part(email_n, '@', 1), '[^a-z]', '', 'g')"
    spelled = f"array_to_string(list_sort(string_split({user}, '')), '')"
    con.execute(f"""UPDATE {qi(target)} t SET name_k = s.name_k, name_e = true FROM (
        SELECT name_a, arg_max(name_k, n) AS name_k, max(n) / sum(n) AS share FROM (
            SELECT name_a, name_k, count(*) AS n FROM {qi(target)} WHERE name_k IS NOT NULL GROUP BY ALL)
        GROUP BY name_a) s
        WHERE length({user}) >= 5 AND s.name_a = {spelled} AND s.share > 0.5
          AND (t.name_k IS NULL OR (t.name_a <> s.name_a AND greatest(
              jaro_winkler_similarity(t.name_k, s.name_k), jaro_winkler_similarity(t.name_t, s.name_k))
              >= {EMAIL_NAME_SIMILARITY}))""")


def _select(con, tf: TableFields, masked_fields: dict[str, str]) -> tuple[str, list]:
    """One export's SELECT in the common layout; values hashed where the field is masked elsewhere."""
    params, key = [], None
    exprs = {f: raw_sql(tf, f) for f in FIELDS}
    compared = {**exprs, "name": name_parts.compared_name_sql(tf.columns, exprs["name"])}  # a half name: none
    norm = {"name": compared["name"], "city": exprs["city"], "email": normalise.email_sql(exprs["email"]),
            "phone": f"CASE WHEN NOT {normalise.relay_sql(exprs['phone'])} THEN "
                     f"{normalise.phone_sql(exprs['phone'])} END",  # a relay is no one's own phone
            "birth_date": normalise.date_sql(exprs["birth_date"]),
            "id_number": normalise.code_sql(exprs["id_number"]),
            "postcode": normalise.postcode_sql(exprs["postcode"]),
            "member_no": normalise.postcode_sql(exprs["member_no"]),  # a code, its leading zeros lost too
            "order_no": normalise.postcode_sql(exprs["order_no"]),
            "address": normalise.address_sql(exprs["address"])}
    for fld, kind in masked_fields.items():
        if fld in tf.masked or fld not in tf.columns:
            norm[fld] = compared[fld]
            continue
        key = key or privacy.workspace_key(privacy.connection_folder(con))
        privacy.register_name_key(con)
        norm[fld] = privacy.mask_expr(kind, compared[fld])
        params += privacy.mask_params(key)
    exprs["order_no"], norm["order_no"] = _order_lists(tf, exprs["order_no"], norm["order_no"])
    record_id = (f"CAST({qi(tf.id_column)} AS VARCHAR)" if tf.id_column
                 else "CAST(row_number() OVER () AS VARCHAR)")
    sql = (f"SELECT ? AS src, {record_id} AS record_id, "
           + ", ".join(f"{exprs[f]} AS {f}_raw" for f in FIELDS) + ", "
           + ", ".join(f"{norm[f]} AS {f}_n" for f in FIELDS) + f", {raw_sql(tf, 'company')} AS company_raw"
           + f", {isinstance(tf.columns.get('name'), tuple) and 'name' in tf.masked} AS name_p"  # gamma_sql
           + f", {_once_per_id(tf)} FROM {qi(tf.table)}{_buyers_rows(con, tf.table)}"
           + (" GROUP BY ALL" if tf.id_column else ""))
    return sql, [tf.table, *params]


def _buyers_rows(con, table: str) -> str:
    """A ``WHERE`` keeping a payment ledger's sales only: on PayPal's refunds, withdrawals, conversions
    and payments sent, ``From Email Address`` is the shop itself, which was linked as a customer."""
    own = not_sales_tests(store.columns_of(con, table), table)
    return f" WHERE NOT ({' OR '.join(own)})" if own else ""


def _order_lists(tf: TableFields, raw: str, norm: str) -> tuple[str, str]:
    """A record's order numbers, raw and normalised, as lists: all its orders where an id holds one
    person's (read as one record per order, 微店's 11,456 orders of 3,545 buyers taught the model that a
    name agreeing within the export is a buyer's own, and namesakes merged); one per row where the id is
    no person (a payer's name) or there is none."""
    if "order_no" not in tf.columns:
        return "NULL::VARCHAR[]", "NULL::VARCHAR[]"
    if tf.id_column and not tf.named_ids:
        return (f"list(DISTINCT {raw}) FILTER (WHERE {raw} IS NOT NULL)",
                f"list(DISTINCT {norm}) FILTER (WHERE {norm} IS NOT NULL)")
    return f"CASE WHEN {raw} IS NOT NULL THEN [{raw}] END", f"CASE WHEN {norm} IS NOT NULL THEN [{norm}] END"


def raw_sql(tf: TableFields, fld: str, alias: str = "") -> str:
    """SQL of a record's raw ``fld`` in ``tf``'s table (``alias.`` before its columns): what the
    record holds, so a row of the export finds its record again (``--rekey`` of a split id)."""
    col = tf.columns.get(fld)
    if col is None:
        return "NULL::VARCHAR"
    if fld in ("name", "email") and tf.columns.get("name") == tf.columns.get("email"):
        part = 1 if fld == "name" else 2  # one column of named addresses plays both
        value = f"trim(CAST({alias}{qi(col)} AS VARCHAR))"
        return f"nullif(regexp_extract({value}, '{NAMED_ADDRESS}', {part}), '')"
    if isinstance(col, tuple):  # as people write it: 姓 + 名 surname first, a Latin given name first (left38)
        last, first = (f"{alias}{qi(c)}" for c in col)  # HubSpot's James Smith read "Smith James"
        han = f"regexp_matches(CAST({last} AS VARCHAR), '\\p{{Han}}')"
        pair = f"concat_ws(' ', {last}, {first}) ELSE concat_ws(' ', {first}, {last})"
        return f"nullif(trim(CASE WHEN {han} THEN {pair} END), '')"
    value = f"nullif(trim(CAST({alias}{qi(col)} AS VARCHAR)), '')"
    if fld == "order_no" and tf.not_buyers and not alias:  # a fee's or a refund's row is no buyer's
        return f"CASE WHEN NOT ({tf.not_buyers}) THEN {value} END"
    return value


def _once_per_id(tf: TableFields) -> str:
    """``seen``, the rows a record stands for: one record per id and contact when the export has
    an id. An order log repeats its buyer's id, name and phone on every order, and each row was a
    record of its own — a till's 72 orders of one member were 72 records, her phone block outgrew
    ``--max-block`` and was skipped, so her web and desk records were never compared with them,
    and her profile listed ``会员消费明细:VIP100434`` 72 times. The count tells a phone an id
    keeps using from a one-off (:mod:`crm_core.link.shared_ids`)."""
    return "count(*) AS seen" if tf.id_column else "1 AS seen"


def _add_python_keys(con, target: str, fld: str, fn, skip: bool) -> None:
    """``<fld>_k``: the pinyin key of each distinct value (computed once per distinct value)."""
    con.execute(f"ALTER TABLE {qi(target)} ADD COLUMN {fld}_k VARCHAR")
    if skip:
        con.execute(f"UPDATE {qi(target)} SET {fld}_k = {fld}_n")
        return
    values = con.execute(f"SELECT DISTINCT {fld}_n FROM {qi(target)} WHERE {fld}_n IS NOT NULL").df()
    if values.empty:
        return
    values["k"] = values[f"{fld}_n"].map(fn)
    with store.registered(con, values) as view:
        con.execute(f"UPDATE {qi(target)} t SET {fld}_k = v.k FROM {qi(view)} v "
                    f"WHERE t.{fld}_n = v.{fld}_n")
