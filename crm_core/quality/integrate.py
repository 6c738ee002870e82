"""Integrating several exports: union look-alike tables, join transactions with master data.

Both write a new workspace table in one SQL statement (raw tables untouched) and return a
report the analyst reads before trusting the result: which columns matched, which were
missing, which keys are orphans and which duplicates would have multiplied rows.
"""

from __future__ import annotations

import re
from typing import Any

import duckdb

from crm_core import i18n
from crm_core.errors import CrmError
from crm_core.i18n import Listing, Sentence, Term, quoted_name
from crm_core.workspace import store
from crm_core.workspace.roles import get_roles, is_numeric_type, is_temporal_type
from crm_core.workspace.sqlutil import qi

EXAMPLES = 10
SOURCE_COLUMN = "source_table"


def normalise_name(name: str) -> str:
    """Column names compare ignoring case, spaces, ``_``, ``-`` and ``.``: ``Order ID`` = ``order_id``."""
    return re.sub(r"[\s_\-.]+", "", str(name).strip().lower())


def _common_type(types: list[str]) -> str:
    """One type every table's column casts to without losing values."""
    if len(set(types)) == 1:
        return types[0]
    if all(is_numeric_type(t) for t in types):
        return "DOUBLE"
    if all(is_temporal_type(t) for t in types):
        return "TIMESTAMP"
    return "VARCHAR"


def match_columns(con: duckdb.DuckDBPyConnection, tables: list[str]) -> dict[str, Any]:
    """Line up the columns of several tables by normalised name (first spelling wins).

    Returns the output columns with their type, each table's original column per output
    column, the columns missing from some tables, and the renamed ones.
    """
    order: list[str] = []
    spelling: dict[str, str] = {}
    found: dict[str, dict[str, tuple[str, str]]] = {}
    for table in tables:
        for column, dtype in store.columns_of(con, table):
            key = normalise_name(column)
            if key in found.get(table, {}):
                raise CrmError(Sentence("clean.error.two_match", table=table,
                                        spelling=spelling.get(key, column), first=found[table][key][0],
                                        column=column))
            if key not in spelling:
                spelling[key] = column
                order.append(key)
            found.setdefault(table, {})[key] = (column, dtype)
    shared = [k for k in order if all(k in found[t] for t in tables)]
    if not shared:
        quoted = Listing(Sentence("kind.evidence.quoted", column=name) for name in tables)
        raise CrmError(Sentence("clean.error.no_common_column", tables=quoted))
    columns = [{"name": spelling[k],
                "type": _common_type([found[t][k][1] for t in tables if k in found[t]]),
                "sources": {t: found[t][k][0] for t in tables if k in found[t]}} for k in order]
    missing = {c["name"]: [t for t in tables if t not in c["sources"]] for c in columns
               if len(c["sources"]) < len(tables)}
    renamed = {t: {orig: c["name"] for c in columns for tt, orig in c["sources"].items()
                   if tt == t and orig != c["name"]} for t in tables}
    return {"columns": columns, "missing": missing, "renamed": {t: r for t, r in renamed.items() if r}}


def _check_inputs(con: duckdb.DuckDBPyConnection, tables: list[str], into: str) -> None:
    for table in tables:
        store.require_table(con, table)
    if into in tables:
        raise CrmError(Sentence("clean.error.overwrite_input", into=into))


def union_tables(con: duckdb.DuckDBPyConnection, tables: list[str], into: str,
                 replace: bool = False) -> dict[str, Any]:
    """Stack exports of the same kind into ``into``, with a ``source_table`` column.

    Columns match ignoring case and spacing; a column some tables lack is empty for their
    rows; differing types become a common one (numbers → DOUBLE, otherwise text).
    """
    if len(tables) < 2 or len(set(tables)) != len(tables):
        raise CrmError(Sentence("clean.error.union_two"))
    _check_inputs(con, tables, into)
    match = match_columns(con, tables)
    names = {c["name"] for c in match["columns"]}
    source_col = SOURCE_COLUMN if SOURCE_COLUMN not in names else f"_{SOURCE_COLUMN}"
    selects, params = [], []
    for table in tables:
        parts = [f"CAST({qi(c['sources'][table]) if table in c['sources'] else 'NULL'} AS {c['type']}) "
                 f"AS {qi(c['name'])}" for c in match["columns"]]
        selects.append(f"SELECT {', '.join(parts)}, ? AS {qi(source_col)} FROM {qi(table)}")
        params.append(table)
    first_roles = get_roles(con, tables[0])
    rename = {c["sources"][tables[0]]: c["name"] for c in match["columns"] if tables[0] in c["sources"]}
    roles = {r: rename[c] for r, c in first_roles.items() if c in rename}
    info = store.write_table(con, into, " UNION ALL ".join(selects), params, source=" + ".join(tables),
                             kind="union", parent=tables[0], roles=roles, replace=replace)
    counts = [{"table": t, "rows": con.execute(f"SELECT count(*) FROM {qi(t)}").fetchone()[0]}
              for t in tables]
    type_changes = {c["name"]: c["type"] for c in match["columns"]
                    if any(dict(store.columns_of(con, t))[s] != c["type"] for t, s in c["sources"].items())}
    return {"into": into, "rows": info.rows, "tables": counts,
            "columns": [c["name"] for c in match["columns"]], "source_column": source_col,
            "missing": match["missing"], "renamed": match["renamed"], "type_changes": type_changes}


def _key(expr: str) -> str:
    """Keys compare as trimmed text, so ``17`` (number) meets ``'17'`` and blanks are missing."""
    return f"NULLIF(trim(CAST({expr} AS VARCHAR)), '')"


def _dimension_report(con, fact: str, fact_key: str, dim: str, dim_key: str) -> dict[str, Any]:
    """Matches, orphans and duplicate keys between one fact column and one master table."""
    fk, dk = _key(qi(fact_key)), _key(qi(dim_key))
    keys = f"(SELECT {dk} AS k, count(*) AS n FROM {qi(dim)} WHERE {dk} IS NOT NULL GROUP BY k)"
    row = con.execute(
        f"""SELECT count(*) FILTER (WHERE f.k IS NULL),
                   count(*) FILTER (WHERE f.k IS NOT NULL AND d.k IS NOT NULL),
                   count(*) FILTER (WHERE f.k IS NOT NULL AND d.k IS NULL),
                   count(DISTINCT f.k) FILTER (WHERE f.k IS NOT NULL AND d.k IS NULL),
                   coalesce(sum(d.n - 1) FILTER (WHERE d.n > 1), 0)
            FROM (SELECT {fk} AS k FROM {qi(fact)}) f LEFT JOIN {keys} d ON f.k = d.k"""
    ).fetchone()
    orphans = con.execute(
        f"""SELECT f.k, count(*) AS n FROM (SELECT {fk} AS k FROM {qi(fact)}) f
            ANTI JOIN {keys} d ON f.k = d.k WHERE f.k IS NOT NULL
            GROUP BY f.k ORDER BY n DESC, f.k LIMIT ?""", [EXAMPLES]).fetchall()
    dupes = con.execute(f"SELECT k FROM {keys} WHERE n > 1 ORDER BY n DESC, k LIMIT ?", [EXAMPLES]).fetchall()
    dup_count, unused = con.execute(
        f"""SELECT count(*) FILTER (WHERE d.n > 1), count(*) FILTER (WHERE f.k IS NULL)
            FROM {keys} d LEFT JOIN (SELECT DISTINCT {fk} AS k FROM {qi(fact)}) f ON f.k = d.k"""
    ).fetchone()
    return {"table": dim, "on": [fact_key, dim_key], "rows_without_key": int(row[0]),
            "rows_matched": int(row[1]), "rows_orphan": int(row[2]), "orphan_keys": int(row[3]),
            "orphan_examples": [k for k, _ in orphans], "duplicate_keys": int(dup_count),
            "duplicate_examples": [k for (k,) in dupes], "rows_multiplication_avoided": int(row[4]),
            "unused_keys": int(unused)}


def join_tables(con: duckdb.DuckDBPyConnection, transactions: str, customers: str | None = None,
                products: str | None = None, into: str | None = None, replace: bool = False,
                roles: dict[str, str] | None = None) -> dict[str, Any]:
    """Add customer and product attributes to each transaction row, with a join report.

    Joins on the id roles (left join: no transaction is lost). A master table repeating a
    key would multiply rows, so only its first row per key is used and the report says so.
    Clashing column names get the master table's name as prefix (``products_unit_price``).
    """
    dims = [(role, t) for role, t in (("customer_id", customers), ("product_id", products)) if t]
    if not dims:
        raise CrmError(Sentence("clean.error.join_what"))
    into = into or f"{transactions}_joined"
    _check_inputs(con, [transactions] + [t for _, t in dims], into)
    fact_roles = roles if roles is not None else get_roles(con, transactions)
    out_names = {c for c, _ in store.columns_of(con, transactions)}
    out_roles = dict(fact_roles)
    selects, joins, reports = [f"f.* EXCLUDE ({qi('__crm_row')})"], [], []
    for i, (role, dim) in enumerate(dims):
        role = _join_role(con, role, fact_roles, dim)
        fact_key = fact_roles.get(role)
        dim_key = get_roles(con, dim).get(role)
        if not fact_key:
            raise CrmError(Sentence("clean.error.join_no_role", transactions=transactions,
                                    role=Term(role, zh=i18n.t(f"role.{role}", "zh")), dim=dim))
        if not dim_key:
            raise CrmError(Sentence("clean.error.dim_no_role", dim=dim,
                                    role=Term(role, zh=i18n.t(f"role.{role}", "zh"))))
        reports.append(_dimension_report(con, transactions, fact_key, dim, dim_key))
        alias = f"d{i}"
        for column, _ in store.columns_of(con, dim):
            if column == dim_key:
                continue
            name = column if column not in out_names else f"{dim}_{column}"
            out_names.add(name)
            selects.append(f"{alias}.{qi(column)} AS {qi(name)}")
            dim_role = next((r for r, c in get_roles(con, dim).items() if c == column), None)
            if role == "order_id" and dim_role == "amount" and "unit_price" in fact_roles:
                continue  # the order's total on each of its priced lines (千牛 订单报表 ⋈ 宝贝报表)
            if dim_role and (dim_role not in out_roles or (role == "order_id" and dim_role == "date")):
                out_roles[dim_role] = name
        first = (f"(SELECT * FROM {qi(dim)} WHERE {_key(qi(dim_key))} IS NOT NULL QUALIFY row_number() "
                 f"OVER (PARTITION BY {_key(qi(dim_key))} ORDER BY rowid) = 1)")
        joins.append(f"LEFT JOIN {first} {alias} ON {_key('f.' + qi(fact_key))} = "
                     f"{_key(alias + '.' + qi(dim_key))}")
    sql = (f"SELECT {', '.join(selects)} FROM (SELECT *, rowid AS {qi('__crm_row')} FROM "
           f"{qi(transactions)}) f {' '.join(joins)} ORDER BY f.{qi('__crm_row')}")
    person = _person_id(con, f"({sql})", out_roles, [c for _, d in dims for c, _ in store.columns_of(con, d)])
    if person:
        out_roles["customer_id"] = person["column"]
    info = store.write_table(con, into, sql, source=" ⋈ ".join([transactions] + [t for _, t in dims]),
                             kind="join", parent=transactions, roles=out_roles, replace=replace)
    report = {"into": into, "rows": info.rows, "transactions": transactions, "joins": reports}
    report["said"] = [sentence for dim in reports for sentence in join_said(transactions, info.rows, dim)]
    if person:
        report |= {"customer_id": person, "note": Sentence("clean.join_person", **person)}
    return report


def _join_role(con, role: str, fact_roles: dict[str, str], dim: str) -> str:
    """Order lines without a customer (Olist's order_items, Instacart's order_products) meet their
    orders table on the order id: that is where the customer and the order date live."""
    if role == "customer_id" and not fact_roles.get(role) and fact_roles.get("order_id") \
            and get_roles(con, dim).get("order_id"):
        return "order_id"
    return role


def _person_id(con, source: str, roles: dict[str, str], dim_columns: list[str]) -> dict[str, Any] | None:
    """A customer id that is new on every order (Olist's ``customer_id``) makes every customer a
    one-time buyer; a master column named like a customer/user id that repeats across orders
    (``customer_unique_id``) is the person, so it takes the role and the report says why."""
    customer, order = roles.get("customer_id"), roles.get("order_id")
    if not customer or not order:
        return None
    candidates = [c for c in dim_columns if c not in (customer, order)
                  and re.search(r"(customer|client|user|member)", normalise_name(c))
                  and re.search(r"(id|no|number|key)$", normalise_name(c))]
    if not candidates:
        return None
    counts = con.execute(f"SELECT count(DISTINCT {_key(qi(customer))}), count(DISTINCT {_key(qi(order))}), "
                         + ", ".join(f"count(DISTINCT {_key(qi(c))})" for c in candidates)
                         + f" FROM {source}").fetchone()
    ids, orders, people = counts[0], counts[1], counts[2:]
    best = min(range(len(candidates)), key=lambda i: people[i])
    if orders < 2 or ids < orders or not 0 < people[best] < ids:
        return None
    return {"column": candidates[best], "instead_of": customer, "orders": int(orders),
            "ids": int(ids), "people": int(people[best])}


def join_said(fact: str, rows: int, dim: dict[str, Any]) -> list[Sentence]:
    """One master table's join report in sentences naming the tables and columns (the Clean tab
    showed its raw keys and counts: ``rows_orphan 12``, ``on ['cust', 'customer_id']``): how many
    rows found their row, and only the problems there are (ids it lacks, rows without an id,
    repeated ids, ids no row uses)."""
    table, (fact_key, dim_key) = dim["table"], dim["on"]
    names = {"fact": fact, "dim": table, "fact_key": quoted_name(fact_key), "dim_key": quoted_name(dim_key)}
    said = [Sentence("clean.join_said.matched", matched=f"{dim['rows_matched']:,}", rows=f"{rows:,}",
                     **names)]
    if dim["rows_orphan"]:
        said.append(Sentence("clean.join_said.orphans", count=f"{dim['rows_orphan']:,}",
                             keys=f"{dim['orphan_keys']:,}", examples=Listing(dim["orphan_examples"]),
                             **names))
    if dim["rows_without_key"]:
        said.append(Sentence("clean.join_said.no_key", count=f"{dim['rows_without_key']:,}", **names))
    if dim["duplicate_keys"]:
        said.append(Sentence("clean.join_said.duplicates", count=f"{dim['duplicate_keys']:,}",
                             examples=Listing(dim["duplicate_examples"]),
                             avoided=f"{dim['rows_multiplication_avoided']:,}", **names))
    if dim["unused_keys"]:
        said.append(Sentence("clean.join_said.unused", count=f"{dim['unused_keys']:,}", **names))
    return said
