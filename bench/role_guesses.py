"""The loader's verdict on every file in ``tests/data``: loaded or refused, the table kind, each
role guess with its evidence, the money columns the kind detection found (Segments reads the
first as the amount when no role names one), and the sales every analysis reads (rows, customers
and amount sum of the transaction view, which leaves out cancelled, unpaid and a bill's 支出 rows),
as a Markdown table (for reviewing changes to detection).

Run: ``PYTHONPATH=. python bench/role_guesses.py [FOLDER] [--lang zh]``
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from crm_core.errors import CrmError  # noqa: E402
from crm_core.load.reader import load_file  # noqa: E402
from crm_core.workspace.roles import detect_with_evidence, get_roles  # noqa: E402
from crm_core.workspace.store import Workspace  # noqa: E402
from crm_core.workspace.table_kind import detect_kind  # noqa: E402
from crm_core.workspace.transactions import transaction_view  # noqa: E402


def sales(con, table: str) -> str:
    """Rows, customers and amount sum of the transaction view, or why it is refused."""
    try:
        view = transaction_view(con, table, get_roles(con, table))
    except CrmError as exc:
        return f"refused: {exc}"
    rows, customers, total = con.execute(f"SELECT count(*), count(DISTINCT customer_id), "
                                         f"round(sum(amount), 2) FROM ({view.sql})").fetchone()
    return f"{rows} rows, {customers} customers, sum {total}"


def verdicts(con, path: Path, lang: str) -> list[str]:
    """One table row per table the file gives (or one row saying why it was refused)."""
    try:
        results = list(load_file(con, path))
    except CrmError as exc:
        return [f"| `{path.name}` | refused | {exc} |"]
    rows = []
    for result in results:
        found = detect_with_evidence(con, result.table)
        roles = "; ".join(f"{role} = `{column}` ({evidence.text(lang)})"
                          for role, (column, evidence) in found.items())
        kind = detect_kind(con, result.table)
        money = f", money {', '.join(f'`{c}`' for c in kind.money_cols)}" if kind.money_cols else ""
        rows.append(f"| `{path.name}` → `{result.table}` | {result.rows}×{result.columns}, "
                    f"{kind.kind}{money} | {roles or '—'} | {sales(con, result.table)} |")
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", nargs="?", default="tests/data", type=Path)
    parser.add_argument("--lang", default="en", choices=("en", "zh"))
    args = parser.parse_args()
    print("| file | rows×columns, kind | roles (evidence) | sales (transaction view) |\n|---|---|---|---|")
    with tempfile.TemporaryDirectory() as tmp, Workspace(Path(tmp) / "ws").connect() as con:
        for path in sorted(p for p in args.folder.iterdir() if p.is_file() and p.suffix != ".md"):
            print("\n".join(verdicts(con, path, args.lang)))


if __name__ == "__main__":
    main()
