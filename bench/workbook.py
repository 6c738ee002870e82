"""Benchmark: ``load`` of a big workbook — user CPU and peak memory of the real CLI per file.

Run: ``python bench/workbook.py [--rows 200000] [--formats xlsx,xls,ods]``. Writes an order export
of ``--rows`` rows × 10 columns the way an ERP does (a title row, a blank row, the header on row 3,
18-digit order numbers and ``000123`` customer codes as text, real timestamps, a 合计 row) with
openpyxl, saves it as .xls / .ods through LibreOffice when ``soffice`` is installed (an .xls sheet
holds at most 65,536 rows), then runs ``python -m crm_core load FILE`` once per file in a child
process and prints its user CPU and peak RSS (``os.wait4``). Compare two checkouts by running it
with each on ``PYTHONPATH``, alternated (docs/data.md, "Old workbooks").
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path


def write_orders(path: Path, rows: int) -> None:
    """The export, written row by row (openpyxl's write-only mode keeps memory flat)."""
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    sheet = book.create_sheet("订单")
    sheet.append(["订单导出 2025"])
    sheet.append([])
    sheet.append(["订单编号", "客户编号", "客户名称", "下单日期", "商品",
                  "数量", "单价", "金额", "状态", "备注"])
    rnd = random.Random(1)
    start = dt.datetime(2024, 1, 1)
    for i in range(rows):
        qty, price = rnd.randint(1, 9), round(rnd.uniform(1, 500), 2)
        day = start + dt.timedelta(minutes=rnd.randint(0, 700000))
        sheet.append([f"{202400000000000000 + i}", f"{rnd.randint(1, 20000):06d}",
                      f"客户{rnd.randint(1, 20000)}", day, f"SKU-{rnd.randint(1, 3000)}", qty, price,
                      round(qty * price, 2),
                      rnd.choice(["已完成", "已发货", "已退款"]), rnd.choice(["", "加急", "赠品"])])
    sheet.append(["合计"])
    book.save(path)


def timed_load(path: Path, workspace: Path) -> tuple[float, float]:
    """User CPU seconds and peak RSS (MB) of one ``load`` through the CLI."""
    child = subprocess.Popen([sys.executable, "-m", "crm_core", "load", str(path), "--table", "t",
                              "--replace", "--workspace", str(workspace)],
                             stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(child.pid, 0)
    if status:
        raise SystemExit(f"load {path.name} failed ({status})")
    return usage.ru_utime, usage.ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=200_000)
    parser.add_argument("--formats", default="xlsx,xls,ods")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / "orders.xlsx"
        write_orders(source, args.rows)
        for fmt in args.formats.split(","):
            path = Path(folder) / f"orders.{fmt}"
            if fmt != "xlsx":
                if not shutil.which("soffice"):
                    print(f"{fmt}: skipped (no soffice)")
                    continue
                convert = ["soffice", "--headless", "--convert-to", fmt, "--outdir", folder, str(source)]
                subprocess.run(convert, check=True, capture_output=True)
            cpu, peak = timed_load(path, Path(folder) / "ws")
            print(f"{fmt}: {path.stat().st_size / 2**20:.1f} MB, user CPU {cpu:.2f} s, peak {peak:.0f} MB")


if __name__ == "__main__":
    main()
