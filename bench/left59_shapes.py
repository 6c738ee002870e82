"""left59's before → after on four excerpts: the product Fresha's and SumUp's rows are read as, Gumroad's
money columns, and what spend says of Patreon's member list. Run from the repository (or a copy of
another commit): ``python bench/left59_shapes.py`` (a temporary workspace; nothing is kept)."""

import pathlib
import sys
import tempfile

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[1]))

from crm_core.customers import spend  # noqa: E402
from crm_core.errors import CrmError  # noqa: E402
from crm_core.i18n import say  # noqa: E402
from crm_core.load.reader import load_file  # noqa: E402
from crm_core.recommend.data import purchase_view  # noqa: E402
from crm_core.workspace.roles import get_roles  # noqa: E402
from crm_core.workspace.store import Workspace  # noqa: E402
from crm_core.workspace.table_kind import detect_kind  # noqa: E402

DATA = pathlib.Path(__file__).resolve().parents[1] / "tests" / "data"


def products(con, table: str) -> str:
    """Item rows, distinct products and the three most bought, or the refusal's first words."""
    try:
        sql = purchase_view(con, table, get_roles(con, table), need_customer=False).sql
    except CrmError as exc:
        return f"refused: {say(exc.args[0], 'en')[:90]}"
    rows, distinct = con.execute(f"SELECT count(*), count(DISTINCT product_id) FROM ({sql})").fetchone()
    top = con.execute(f"SELECT product_id FROM ({sql}) GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 3"
                      ).fetchall()
    return f"{rows} item rows, {distinct} products ({', '.join(t[0] for t in top)})"


def spend_said(con, table: str, amount: str | None) -> str:
    try:
        run = spend.run(con, table, roles={"amount": amount} if amount else None)
    except CrmError as exc:
        return f"refused: {say(exc.args[0], 'en')[:160]}"
    return f"scored {len(run.result.scores)}"


with Workspace(pathlib.Path(tempfile.mkdtemp()) / "ws").connect() as con:
    for name, file in (("fr", "fresha_appointments_excerpt.csv"), ("su", "sumup_transactions_excerpt.csv"),
                       ("sc", "sumup_counted_items_excerpt.csv")):
        if (DATA / file).exists():
            load_file(con, DATA / file, name)
            print(name, "product role:", get_roles(con, name).get("product_name"), "|", products(con, name))
    load_file(con, DATA / "gumroad_sales_excerpt.csv", "gr")
    print("gr money:", ", ".join(detect_kind(con, "gr").money_cols))
    load_file(con, DATA / "patreon_members_excerpt.csv", "pt")
    for amount in (None, "Lifetime Amount"):
        print(f"pt spend (amount {amount}):", spend_said(con, "pt", amount))
