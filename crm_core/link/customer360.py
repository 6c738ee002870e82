"""Customer 360: one customer found by any id, name, phone or e-mail, with what every analysis
knows about them.

Other analyses are read from their kept runs' result tables (``segments``, ``churn_scores``,
``spend_scores``, ``recommendations``, ``replies``): the newest run of each kind with a
``customer_id`` among the customer's record ids, named with its table and day; a kind nobody
ran yet gives a block that says which command makes it.
"""

from __future__ import annotations

import re
from collections.abc import Callable

import duckdb
import pandas as pd

from crm_core.errors import CrmError
from crm_core.i18n import Listing, Sentence, quoted_name
from crm_core.link import customer360_loaded, normalise
from crm_core.link import fields as link_fields
from crm_core.link.customer360_recs import nothing_new
from crm_core.protect import privacy
from crm_core.recommend import data as rec_data
from crm_core.report import format as fmt
from crm_core.report.column_currency import currency_column, money_in_rows, signed_beside
from crm_core.report.files import clean_json
from crm_core.workspace import roles as crm_roles
from crm_core.workspace import runs, store
from crm_core.workspace.sqlutil import qi
from crm_core.workspace.table_kind import kind_of, money_columns
from crm_core.workspace.transactions import named_products, transaction_view

SEVERAL_SHOWN = 8
"""How many of the customers a shared name is on the note names (their count is said in full)."""

BLOCKS: dict[str, str] = {"segments": "segment", "churn_scores": "churn", "spend_scores": "spend",
                          "recommendations": "recommend", "replies": "support"}
"""A run's result (and the view of its newest) → the command that creates it."""
LOG_BLOCKS = ("segments", "churn_scores", "spend_scores", "recommendations")
"""The blocks whose runs read the purchase log (support replies read the tickets)."""


def _exists(con: duckdb.DuckDBPyConnection, name: str) -> bool:
    return bool(con.execute(
        "SELECT (SELECT count(*) FROM duckdb_tables() WHERE table_name = $1 AND schema_name = 'main') "
        "+ (SELECT count(*) FROM duckdb_views() WHERE view_name = $1 AND schema_name = 'main')",
        [name]).fetchone()[0])


def find(con: duckdb.DuckDBPyConnection, query: str) -> list[str]:
    """Customer keys matching ``query`` (a key, record id, e-mail, phone or name), best first."""
    q = query.strip()
    if not q:
        raise CrmError(Sentence("customer.type_query"))
    if not (_exists(con, "identity_map") and _exists(con, "customers_unified")):
        return []
    keys = con.execute("""SELECT DISTINCT customer_key FROM identity_map
                          WHERE customer_key = ? OR record_id = ?""", [q, q]).fetchall()
    if keys:
        return [k for (k,) in keys]
    tokens = _tokens(con, q)
    emails = {v for v in (normalise.canonical_email(q), tokens.get("email")) if v}
    phones = {v for v in (normalise.canonical_phone(q), tokens.get("phone")) if v}
    unified = con.execute("SELECT customer_key, name, email, phone FROM customers_unified").df()
    hits = unified[unified["email"].isin(emails) | unified["phone"].isin(phones)]
    if hits.empty:
        hits = pd.DataFrame({"customer_key": _by_record_contact(con, q, tokens)})
    if hits.empty and tokens.get("name"):
        hits = unified[unified["name"] == tokens["name"]]
    if hits.empty and normalise.name_key(q):
        hits = unified[unified["name"].map(normalise.name_key) == normalise.name_key(q)]
    return hits["customer_key"].tolist()


def _tokens(con: duckdb.DuckDBPyConnection, query: str) -> dict[str, str]:
    """``query``'s pseudonyms as an e-mail, a phone and a name when the linked exports were
    masked at load (the page's default): they hold tokens, so a phone typed in any format only
    meets them keyed the same way."""
    kept = runs.list_runs(con, "link")
    if not kept or not any(f.get("masked") for f in kept[0].summary.get("fields", [])):
        return {}
    key = privacy.workspace_key(privacy.connection_folder(con))
    tokens = {kind: privacy.pseudonym(key, kind, query) for kind in ("email", "phone", "name")}
    return {kind: token for kind, token in tokens.items() if token}


def _by_record_contact(con: duckdb.DuckDBPyConnection, query: str, tokens: dict[str, str]) -> list[str]:
    """Customer keys of linked records whose own e-mail or phone is ``query`` (any format, or its
    ``tokens`` in masked columns): the profile keeps one best value, so a second sign-up's
    address or an old number finds the customer only here."""
    typed = {"email": (normalise.email_sql, normalise.canonical_email(query)),
             "phone": (normalise.phone_sql, normalise.canonical_phone(query))}
    kept = runs.list_runs(con, "link")
    parts, params = [], []
    for f in kept[0].summary.get("fields", []) if kept else []:
        masked = set(f.get("masked", []))
        tests = [(qi(f[fld]) if fld in masked else sql(qi(f[fld])),
                  tokens.get(fld) if fld in masked else value)
                 for fld, (sql, value) in typed.items() if isinstance(f.get(fld), str)]
        tests = [(expr, value) for expr, value in tests if value]
        if not tests or f["id"].startswith("(") or not store.table_exists(con, f["table"]):
            continue
        parts.append(f"SELECT ? AS t, CAST({qi(f['id'])} AS VARCHAR) AS id FROM {qi(f['table'])} "
                     f"WHERE {' OR '.join(f'CAST({expr} AS VARCHAR) = ?' for expr, _ in tests)}")
        params += [f["table"], *(value for _, value in tests)]
    if not parts:
        return []
    return [k for (k,) in con.execute(
        f"SELECT DISTINCT m.customer_key FROM ({' UNION ALL '.join(parts)}) h JOIN identity_map m "
        f"ON m.\"table\" = h.t AND m.record_id = h.id", params).fetchall()]


def view(con: duckdb.DuckDBPyConnection, query: str, orders_table: str | None = None,
         sources: list[str] | None = None, catalogue_of: Callable[[str], str | None] | None = None) -> dict:
    """The 360 view of the first customer ``query`` finds (others listed as ``also_matching``);
    ``sources``: :func:`orders_sources` and ``catalogue_of``: a log's products table, both kept by
    the caller (the first reads every table's kind, the second scans the log's products)."""
    keys, kept = find(con, query), runs.list_runs(con)
    if not orders_table and sources is None:
        sources = orders_sources(con)
    if keys:
        key = keys[0]
        records = con.execute("SELECT \"table\", record_id FROM identity_map WHERE customer_key = ? "
                              "ORDER BY 1, 2", [key]).df()
        ids = records["record_id"].astype(str).tolist()
        profile = con.execute("SELECT * FROM customers_unified WHERE customer_key = ?", [key]).df()
    else:
        loaded = customer360_loaded.records(con, query.strip(), kept)
        key, records, profile = None, pd.DataFrame(), pd.DataFrame()
        ids = customer360_loaded.customer_ids(con, loaded, query.strip())
        # read once: it also tells whether the id is known
        own = orders(con, ids, orders_table, sources, found_in=next(iter(loaded), None))
        if _exists(con, "identity_map") and not loaded and not _known_id(con, query.strip(), own, kept):
            raise CrmError(_masked_names(con, query, kept) or Sentence("customer.no_match", query=query))
    mailbox = _mailbox(con, query) if len(keys) > 1 else None
    out = {"query": query, "customer_key": key, "ids": ids, "also_matching": [] if mailbox else keys[1:20],
           "shared_mailbox": {"email": mailbox, "customers": keys[1:20]} if mailbox else None,
           "note": None if key else _unlinked_note(con, query, loaded, kept),
           "profile": profile.to_dict("records")[0] if len(profile) else None,
           "linked_records": (own_fields(source_rows(con, records)) if key
                              else customer360_loaded.as_records(
                                  {t: money_cells(con, t, rows) for t, rows in loaded.items()}, _as_text)),
           "record_fields": record_fields(kept) if key else {}}
    for block, command in BLOCKS.items():
        out[block] = block_frame(con, block, ids, command, kept)
    out["spend_scores"] = _alive_unjudged(out["spend_scores"])
    out["orders"] = orders(con, ids, orders_table, sources) if key else own
    out = _log_refused(con, out)
    out["recommendations"] = nothing_new(con, out["recommendations"], ids, kept)
    if out["orders"]["rows"]:
        out["orders"]["rows"] = product_names(con, out["orders"], catalogue_of).to_dict("records")
    return clean_json(_several_said(out))


def _several_said(out: dict) -> dict:
    """The empty blocks of a text on several customers' rows say so and how to pick one: under the note
    naming them they read "No kept run includes this customer" beside a run holding them all, as if
    nobody were found (Ko-fi's display name on two supporters' e-mails, walk40)."""
    note = out["note"]
    if getattr(note, "key", None) != "customer.found_several":
        return out
    why = Sentence("customer.several_blocks", query=out["query"], count=note.values["count"])
    empty = [b for b in (*BLOCKS, "orders") if out[b].get("status") == "ok" and not out[b].get("rows")]
    return out | {b: out[b] | {"runs_on": None, "why": why} for b in empty}


def _log_refused(con: duckdb.DuckDBPyConnection, out: dict) -> dict:
    """The blocks read from the customer's log, when nothing was run, with the log's refusal where the orders
    block has one: 美团闪购's relay numbers name no buyer, so Segments, Customers and Recommend refuse the
    table, yet 分群 / 流失 / 推荐 said "open the page and run it" (walk41); said once, the next blocks point
    to it (the page showed it four times, walk42). Else Recommend's own refusal."""
    refused, table = out["orders"].get("status"), out["orders"].get("table")
    if refused in ("ok", "not computed yet"):
        return out | {"recommendations": _recommend_refused(con, out["recommendations"], table)}
    unrun = [b for b in LOG_BLOCKS if out[b].get("status") == "not computed yet"]
    if not unrun:
        return out
    pointer = Sentence("customer.refused_above", block=Sentence(f"customer.block.{unrun[0]}"))
    return out | {b: {"status": refused if b == unrun[0] else pointer, "rows": []} for b in unrun}


def _recommend_refused(con: duckdb.DuckDBPyConnection, recs: dict, table: str | None) -> dict:
    """The recommendations block with Recommend's refusal of the customer's log when nothing was run: it
    said "open Recommend and run it" where Recommend only refuses (收钱吧's 扫码收款 on every payment)."""
    if recs.get("status") != "not computed yet" or not table:
        return recs
    refused = rec_data.refusal(con, table)
    return {"status": refused, "rows": []} if refused else recs


def _alive_unjudged(spend: dict) -> dict:
    """The spend block with P(alive) blank for a customer of one order, and the note saying why:
    BG/NBD lets nobody leave before a repeat, so it gives each of them 1, read "alive for sure"
    beside a churn of 92 % (left38). The churn list blanks the same cells (``churn._decorate``)."""
    rows = spend.get("rows") or []
    once = [r for r in rows if r.get("p_alive") is not None and r.get("frequency") is not None
            and r["frequency"] <= 1]
    if not once:
        return spend
    rows = [r | {"p_alive": None} if r in once else r for r in rows]
    return spend | {"rows": rows, "note": Sentence("customer.alive_one_order")}


def _mailbox(con: duckdb.DuckDBPyConnection, query: str) -> str | None:
    """The e-mail ``query`` is (as written, or its token in masked exports) when it found several
    customers: the link kept them apart on one address, a mailbox they share (``jwilliams@…``:
    James and Jessica Williams), so the others are not listed as matches of one person."""
    return normalise.canonical_email(query) or _tokens(con, query).get("email")


def _unlinked_note(con: duckdb.DuckDBPyConnection, query: str, loaded: dict,
                   kept: list[runs.RunRecord]) -> Sentence:
    """Why there is no profile: no link run yet (the tables that hold ``query`` named, and how to
    link them), or the kept run did not cover it, or names are masked, or it is only tried as a
    customer id."""
    if _exists(con, "identity_map"):
        return Sentence("customer.id_not_linked", query=query)
    if shared := customer360_loaded.several_ids(con, loaded):
        table, column, ids = shared
        return Sentence("customer.found_several", query=query, table=table, column=column,
                        count=len(ids), ids=Listing(ids[:SEVERAL_SHOWN]))
    if loaded:  # one export has no other exports to join (飞猪's only table was sent to Link, walk40)
        alone = len(customer360_loaded.searched_tables(con, kept)) == 1
        if places := customer360_loaded.id_less_places(con, loaded, query):
            return Sentence("customer.found_column_one_export" if alone else "customer.found_column_unlinked",
                            query=query, places=Listing([Sentence("customer.place_column", table=t,
                                                                  column=quoted_name(c)) for t, c in places]))
        return Sentence("customer.found_one_export" if alone else "customer.found_unlinked", query=query,
                        tables=Listing(list(loaded)))
    return _masked_names(con, query, kept) or Sentence("customer.unlinked", query=query)


def _masked_names(con: duckdb.DuckDBPyConnection, query: str, kept: list[runs.RunRecord]) -> Sentence | None:
    """Why a name found nobody where the names were masked at load, and which id to search by."""
    ids = customer360_loaded.masked_name_ids(con, query.strip(), kept)
    if ids is None:
        return None
    if not ids:
        return Sentence("customer.names_masked_no_id", query=query)
    return Sentence("customer.names_masked", query=query, columns=Listing(quoted_name(c) for c in ids))


def _known_id(con: duckdb.DuckDBPyConnection, query: str, own: dict, kept: list[runs.RunRecord]) -> bool:
    """Whether ``query`` is a customer id of its orders (``own``, :func:`orders`) or of an
    analysis' results: a purchase log's customers that no link run covered have their page too
    (linking some exports refused every other id)."""
    return bool(own.get("rows")) or any(block_frame(con, block, [query], "", kept)["rows"]
                                        for block in BLOCKS)


def source_rows(con: duckdb.DuckDBPyConnection, records: pd.DataFrame) -> pd.DataFrame:
    """Each linked record's own row from its export (id column as the newest link run found it),
    as text; an empty cell stays empty (``astype(str)`` wrote the word "None" on the page)."""
    if records.empty:
        return records
    kept = runs.list_runs(con, "link")
    id_cols = {f["table"]: f["id"] for f in (kept[0].summary.get("fields", []) if kept else [])}
    frames = []
    for table, group in records.groupby("table"):
        col = id_cols.get(table)
        if not store.table_exists(con, table) or not col or col.startswith("("):
            frames.append(group)
            continue
        rows = con.execute(f"SELECT * FROM {qi(table)} WHERE CAST({qi(col)} AS VARCHAR) IN "
                           f"(SELECT unnest(?::VARCHAR[]))", [group["record_id"].tolist()]).df()
        rows = money_cells(con, table, rows).map(_as_text).rename(columns={col: "record_id"})
        frames.append(group.merge(rows, on="record_id", how="left"))
    return pd.concat(frames, ignore_index=True)


def money_cells(con: duckdb.DuckDBPyConnection, table: str, rows: pd.DataFrame) -> pd.DataFrame:
    """``rows`` with their table's money columns (:func:`money_columns`) held as numbers written as money,
    ``¥1,902.00`` in the table's currency, cents kept: read at load as numbers, they came back as
    ``1902.0`` (纷享销客's 商机金额, Salesforce's ``Amount``, judge40); a column whose currency its row
    names in the code beside it (马帮's 商品金额(原币) in 币种's USD, walk36); the tax, fee or discount a sale
    carries beside them (:func:`signed_beside`: Lightspeed's ``Tax`` read ``2.0`` beside ``$22.00``, left83),
    shown only, so the table kind's money evidence stays :func:`money_columns`'."""
    currency = fmt.table_currency(con, table)
    columns = store.columns_of(con, table)
    named = money_columns(columns, crm_roles.get_roles(con, table), set()) + _forecast_money(columns)
    named += tuple(sorted(signed_beside(columns, set(named)) - set(named)))
    money = [c for c in named if c in rows and pd.api.types.is_numeric_dtype(rows[c])]
    return rows.assign(**{c: money_in_rows(rows, c, currency, currency_column(columns, c)) for c in money})


_FORECAST_WORD = re.compile(r"^(expected|predicted|projected|forecast)[ _]+", re.IGNORECASE)


def _forecast_money(columns: list[tuple[str, str]]) -> tuple[str, ...]:
    """Another tool's forecast of money (Salesforce's ``Expected Revenue``, Amount × Probability): no money
    spent, so :func:`money_columns` leaves it to no analysis, but shown as the money it is, not ``480.0``."""
    return tuple(c for c, dtype in columns
                 if (bare := _FORECAST_WORD.sub("", c)) != c and money_columns([(bare, dtype)], {}, set()))


def _as_text(value: object) -> str | None:
    """A cell of an export as text, a day as its date: a sign-up day read ``2024-01-05 00:00:00``."""
    if pd.isna(value):
        return None
    if isinstance(value, pd.Timestamp) and value == value.normalize():
        return value.date().isoformat()
    return str(value)


def record_fields(kept: list[runs.RunRecord]) -> dict[str, dict[str, str]]:
    """Per export, the field each of its columns played in the newest link run (the web shop's
    ``full_name`` and the till's ``姓名`` are both ``name``), so a page can put one person's records
    under one header per field; a name made of two columns stays under their own headers.
    ``kept``: :func:`runs.list_runs`, newest first, read once per look-up by the caller."""
    links = [r for r in kept if r.kind == "link"]
    fields = links[0].summary.get("fields", []) if links else []
    return {f["table"]: {column: field for field, column in reversed(f.items())
                         if field in link_fields.FIELDS and " + " not in column} for f in fields}


def own_fields(rows: pd.DataFrame) -> list[dict]:
    """Each record with its own export's fields only: records from a web shop and a till side by
    side would otherwise each carry the other export's columns as empty values."""
    return [{k: v for k, v in r.items() if not pd.isna(v)} for r in rows.to_dict("records")]


def orders_sources(con: duckdb.DuckDBPyConnection) -> list[str]:
    """Purchase logs to read a customer's orders from: the tables of the newest runs first (the
    newest segmentation before the others), then every other loaded purchase log, newest first.
    A log nobody segmented still shows its orders (the block asked for a Segments run). Only the
    kind is asked (:func:`kind_of`): counting every log's distinct ids was most of the CLI's look-up."""
    ran = [r.table for r in runs.list_runs(con, "segments")] + [r.table for r in runs.list_runs(con)]
    loaded = sorted(store.list_tables(con), key=lambda t: str(t.loaded_at or ""), reverse=True)
    names = dict.fromkeys(n for n in [*ran, *(t.name for t in loaded)] if n and store.table_exists(con, n))
    return [n for n in names if kind_of(con, n) == "transactions"]


LINE_AMOUNT = ("CASE WHEN order_id IS NOT NULL AND unit_price IS NOT NULL "
               "AND count(amount) OVER w < count(*) "
               "OVER w THEN coalesce(quantity, 1) * unit_price ELSE amount END")
"""A line's own amount where its order's money sits on one line only (Shopify's ``Subtotal`` on the first):
the order's $50.50 read on the chai and "—" on the teapot beside it (walk30). ``w`` is the order's lines."""


def orders(con: duckdb.DuckDBPyConnection, ids: list[str], table: str | None = None,
           sources: list[str] | None = None, found_in: str | None = None) -> dict:
    """The customer's order lines (date, order, product, amount) from ``table``, else from the
    first purchase log of ``sources`` (:func:`orders_sources` when not given) that holds them.
    ``found_in``: the export the customer's rows were found in, read first; when it cannot be read
    as orders and no other log holds theirs, its refusal is the answer (walk34: 唯品会's masked phones
    read "Nothing for this customer" under ten orders shown above).
    The ids are a list filter, not a semi-join (``IN (SELECT unnest(…))``), which built every
    column of every line before joining: half the CPU of the scan at 5M lines; the view tests the
    raw id column first (``ids=``), which halves it again."""
    sources = [table] if table else (orders_sources(con) if sources is None else sources)
    if found_in in sources:
        sources = [found_in, *(n for n in sources if n != found_in)]
    if not sources:
        return {"status": "not computed yet", "run": "python -m crm_core load FILE", "rows": []}
    refused = None
    for name in sources:
        try:
            tx = transaction_view(con, name, named_products(crm_roles.get_roles(con, name)), ids=ids)
        except CrmError as exc:  # a named table says why; a log found on the way is skipped
            if table:
                return {"status": exc.args[0], "rows": []}
            refused = exc.args[0] if name == found_in else refused
            continue
        frame = con.execute(f"SELECT ts, order_id, product_id, quantity, {LINE_AMOUNT} AS amount "
                            f"FROM ({tx.sql}) WHERE list_contains(?::VARCHAR[], customer_id) "
                            f"WINDOW w AS (PARTITION BY order_id) ORDER BY ts LIMIT 5000",
                            [*tx.params, ids]).df()
        if len(frame):
            return {"status": "ok", "table": name, "rows": frame.to_dict("records")}
    return {"status": refused, "rows": []} if refused else {"status": "ok", "table": sources[0], "rows": []}


def product_names(con: duckdb.DuckDBPyConnection, found: dict,
                  catalogue_of: Callable[[str], str | None] | None = None) -> pd.DataFrame:
    """The order lines with each product's name (brand, category …) after its id, as Recommend
    names them: from the catalogue that names the log's products, else from the log's own lines.
    An id alone (``971646``) tells the analyst nothing about what the customer bought. Only the
    products of these lines are read (the whole catalogue was 0.11 s CPU of a 0.28 s look-up)."""
    frame, table = pd.DataFrame(found["rows"]), found["table"]
    bought = frame["product_id"].astype(str)
    ids = bought.unique().tolist()
    products_table = (catalogue_of or (lambda t: rec_data.find_products_table(con, t)))(table)
    if products_table:
        products = rec_data.match_catalogue(rec_data.catalogue(con, products_table, only=ids), bought)
    else:
        products = rec_data.line_catalogue(con, table, crm_roles.get_roles(con, table), ids)
    return rec_data.describe(frame, products)


def block_frame(con: duckdb.DuckDBPyConnection, block: str, ids: list[str], command: str,
                kept: list[runs.RunRecord]) -> dict:
    """One block's rows for these ids from the newest kept run of its kind that holds them, with
    that run's table, day and chosen model (``source``): the ``segments`` view follows the newest
    run on any table, so a segmentation of another table left a CDNOW customer "nothing" where an
    earlier run had computed them. ``kept``: :func:`runs.list_runs`, read once per look-up by the caller."""
    kept = [r for r in kept if block in r.result_tables]
    if not kept:
        return {"status": "not computed yet", "run": f"python -m crm_core {command} TABLE", "rows": []}
    for record in kept:
        frame = _run_rows(con, record.result_tables[block], ids)
        if len(frame):
            newer = [r.table for r in kept[:kept.index(record)] if r.table != record.table]
            return {"status": "ok", "rows": frame.to_dict("records"),
                    "source": {"run_id": record.run_id, "table": record.table,
                               "model": record.summary.get("model"), "created_at": str(record.created_at),
                               "newer_on": list(dict.fromkeys(newer))}}
    return {"status": "ok", "rows": [], "runs_on": list(dict.fromkeys(r.table for r in kept))}


def _run_rows(con: duckdb.DuckDBPyConnection, name: str, ids: list[str]) -> pd.DataFrame:
    """The rows of one kept result table about these ids (none from a table dropped since, or
    one without a ``customer_id`` column)."""
    columns = [c for (c,) in con.execute("SELECT column_name FROM duckdb_columns() WHERE table_name = ? "
                                         "AND schema_name = 'main'", [name]).fetchall()]
    if "customer_id" not in columns:
        return pd.DataFrame()
    return con.execute(f"SELECT * FROM {qi(name)} WHERE CAST(customer_id AS VARCHAR) IN "
                       f"(SELECT unnest(?::VARCHAR[])) LIMIT 200", [ids]).df()
