"""left62's before → after: every excerpt whose status column holds ``pending`` or ``paid`` (what each view
keeps), the product Acuity's appointments are read by, and the load's note on rows left out. Run from the
repository (or a copy of another commit): ``python bench/left62_shapes.py`` (a temporary workspace)."""

import pathlib
import sys
import tempfile

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[1]))

from crm_core.errors import CrmError  # noqa: E402
from crm_core.i18n import say  # noqa: E402
from crm_core.load.reader import load_file  # noqa: E402
from crm_core.recommend.data import purchase_view  # noqa: E402
from crm_core.workspace.roles import get_roles  # noqa: E402
from crm_core.workspace.store import Workspace  # noqa: E402
from crm_core.workspace.transactions import transaction_view  # noqa: E402

DATA = pathlib.Path(__file__).resolve().parents[1] / "tests" / "data"
STATUSES = ("lemonsqueezy_orders_excerpt.csv", "squarespace_orders_excerpt.csv", "shopify_orders_excerpt.csv",
            "magento_order_grid_excerpt.csv", "woocommerce_orders_excerpt.csv",
            "paypal_activity_download.csv",
            "teachable_transactions_excerpt.csv", "bike_shop_payments.csv", "stripe_payments_fx_excerpt.csv",
            "clover_line_items_excerpt.csv", "ecwid_orders_excerpt.csv", "wix_orders_excerpt.csv",
            "acuity_appointments_excerpt.csv")


def kept(con, table: str) -> str:
    """The view's rows, customers and money, or the refusal's first words."""
    try:
        sql = transaction_view(con, table, get_roles(con, table)).sql
    except CrmError as exc:
        return f"refused: {say(exc.args[0], 'en')[:80]}"
    rows, customers, money = con.execute(
        f"SELECT count(*), count(DISTINCT customer_id), sum(amount) FROM ({sql})").fetchone()
    return f"{rows} rows, {customers} customers, money {money or 0:,.2f}"


def products(con, table: str) -> str:
    try:
        sql = purchase_view(con, table, get_roles(con, table), need_customer=False).sql
    except CrmError as exc:
        return f"refused: {say(exc.args[0], 'en')[:90]}"
    return f"{con.execute(f'SELECT count(DISTINCT product_id) FROM ({sql})').fetchone()[0]} products"


with Workspace(pathlib.Path(tempfile.mkdtemp()) / "ws").connect() as con:
    for i, file in enumerate(STATUSES):
        notes = load_file(con, DATA / file, f"t{i}")[0].notes
        print(file, "|", kept(con, f"t{i}"))
        print("   ", *[say(n, "en") for n in notes if say(n, "en").startswith("rows ")], sep=" ")
    print("acuity product:", get_roles(con, f"t{len(STATUSES) - 1}").get("product_name"), "|",
          products(con, f"t{len(STATUSES) - 1}"))
