"""A second, independent generator for judging ``link`` as an outsider would: Faker people
(zh_CN and en_US names, phones, e-mails, cities) written as three channel exports with their own
ids, headers and file formats, loaded and linked through the CLI, scored from identity_map.csv.

    pip download --no-deps -d /tmp/faker faker && unzip -q /tmp/faker/*.whl -d /tmp/faker/x
    PYTHONPATH=.:/tmp/faker/x python bench/link_faker.py PEOPLE SEED [zh_share=0.75 missing=0.1
        changed=0.05 till=xlsx|gb18030 till_script=simplified|traditional]

* web shop (CSV, English headers): ``Customer No``, full name as 汉字 or pinyin in any order and
  case with typos, e-mail in other case or with spaces, phone as ``+86 138 …``, ``138-…``,
  ``0086…``, ``(+86)…``; 5% double sign-ups with a new e-mail.
* till (xlsx or GB18030 CSV, Chinese headers): 会员号 with leading zeros, 姓名, 手机号, 城市, 生日;
  ``till_script=traditional`` writes its names and cities in traditional characters (張偉, 廣州),
  as a Hong Kong or Taiwan member system does, against the web shop's simplified 汉字.
* support desk (CSV): ``ticket_contact_id``, ``contact_name``, e-mail or phone.

Namesakes come from Faker's own name frequencies plus 5% of Chinese people named 张伟, 王芳 ….
Nothing here is used by the product; Faker is not a dependency.
"""

from __future__ import annotations

import json
import random
import subprocess
import sys
import tempfile
from pathlib import Path

import pandas as pd
from pypinyin import lazy_pinyin

from crm_core.link import synthetic

COMMON = ["张伟", "王芳", "李娜", "刘洋", "王伟", "李静", "张敏", "王静"]
DOMAINS = ["qq.com", "163.com", "gmail.com", "126.com", "outlook.com", "sina.com"]


def _typo(text: str, rng: random.Random) -> str:
    """Drop, swap or replace one inner character."""
    if len(text) < 4:
        return text
    i, kind = rng.randrange(1, len(text) - 2), rng.random()
    if kind < 1 / 3:
        return text[:i] + text[i + 1:]
    if kind < 2 / 3:
        return text[:i] + text[i + 1] + text[i] + text[i + 2:]
    return text[:i] + rng.choice("aeiounrst") + text[i + 1:]


def _pinyin(name: str) -> str:
    return "".join(lazy_pinyin(name)).capitalize()


def _romanised(hanzi: str, rng: random.Random) -> str:
    """张晓明 as ``Xiaoming Zhang``, ``ZHANG Xiaoming``, ``Zhang Xiaoming`` or ``xiaoming zhang``."""
    surname, given = _pinyin(hanzi[0]), _pinyin(hanzi[1:])
    text = rng.choice([f"{given} {surname}", f"{given} {surname}", f"{surname.upper()} {given}",
                       f"{surname} {given}", f"{given.lower()} {surname.lower()}"])
    return _typo(text, rng) if rng.random() < 0.15 else text


def _phone(number: str, rng: random.Random) -> str:
    return rng.choice([number, number, f"+86 {number[:3]} {number[3:7]} {number[7:]}",
                       f"{number[:3]}-{number[3:7]}-{number[7:]}", f"0086{number}",
                       f"(+86){number[:3]} {number[3:]}"])


def _email(address: str, rng: random.Random) -> str:
    return rng.choice([address, address, address, address.upper(), address.capitalize(), f" {address} ",
                       address.replace("@", " @ ")])


def people(n: int, seed: int, zh_share: float) -> list[dict]:
    """The truth: one dict per person."""
    import faker

    rng, zh, en = random.Random(seed), faker.Faker("zh_CN"), faker.Faker("en_US")
    zh.seed_instance(seed)
    en.seed_instance(seed + 1)
    out = []
    for person in range(n):
        chinese = rng.random() < zh_share
        name = (rng.choice(COMMON) if rng.random() < 0.05 else zh.name()) if chinese else en.name()
        user = "".join(lazy_pinyin(name)) if chinese else name.lower().replace(" ", ".").replace("'", "")
        out.append({"person": person, "name": name, "chinese": chinese, "phone": zh.phone_number(),
                    "email": f"{user}{rng.randrange(10, 999)}@{rng.choice(DOMAINS)}", "city": zh.city_name(),
                    "birth": zh.date_of_birth(minimum_age=18, maximum_age=75).isoformat()})
    return out


def exports(n: int, seed: int, folder: Path, zh_share: float = 0.75, missing: float = 0.1,
            changed: float = 0.05, till: str = "xlsx", till_script: str = "simplified") -> list[Path]:
    """Write web.csv, till.xlsx|csv, desk.csv and truth.csv (table, record_id, person)."""
    import faker

    rng, fake = random.Random(seed * 7 + 3), faker.Faker("zh_CN")
    fake.seed_instance(seed + 99)
    ids = {k: iter(rng.sample(range(10 ** w), 3 * n)) for k, w in (("web", 7), ("till", 8), ("desk", 6))}
    rows: dict[str, list[dict]] = {"web": [], "till": [], "desk": []}
    truth = []

    def gap(value: str, share: float) -> str:
        return "" if rng.random() < share else value

    def phone(p: dict) -> str:  # typed in any format; a changed number for some
        return _phone(p["phone"] if rng.random() > changed else fake.phone_number(), rng)

    def email(p: dict) -> str:
        return _email(p["email"] if rng.random() > changed else fake.email(), rng)

    for p in people(n, seed, zh_share):
        accounts = (2 if rng.random() < 0.05 else 1) if rng.random() < 0.7 else 0
        for account in range(accounts):  # a double sign-up uses a new e-mail
            rid = f"WS{next(ids['web']):07d}"
            name = p["name"] if not p["chinese"] or rng.random() < 0.4 else _romanised(p["name"], rng)
            rows["web"].append({
                "Customer No": rid, "Full Name": name,
                "E-mail Address": gap(email(p) if account == 0 else _email(fake.email(), rng), missing),
                "Mobile": gap(phone(p), missing * (2 if account else 1)),
                "City": gap(p["city"] if rng.random() < 0.5 else _pinyin(p["city"]), 0.3),
                "Signup Date": fake.date_between("-3y").isoformat()})
            truth.append(("web", rid, p["person"]))
        if rng.random() < 0.6:
            rid = f"{next(ids['till']):08d}"
            name = p["name"] if p["chinese"] or rng.random() < 0.7 else p["name"].upper()
            written = synthetic.traditional if till_script == "traditional" else str
            rows["till"].append({"会员号": rid, "姓名": written(name), "手机号": gap(phone(p), missing / 2),
                                 "城市": gap(written(p["city"]), missing), "生日": gap(p["birth"], 0.4),
                                 "积分": rng.randrange(0, 5000)})
            truth.append(("till", rid, p["person"]))
        if rng.random() < 0.35:
            rid = f"T-{next(ids['desk']):06d}"
            name = p["name"] if not p["chinese"] or rng.random() < 0.5 else _romanised(p["name"], rng)
            by_email = rng.random() < 0.6
            rows["desk"].append({"ticket_contact_id": rid, "contact_name": gap(name, missing / 2),
                                 "email": email(p) if by_email else "",
                                 "phone": phone(p) if not by_email or rng.random() < 0.3 else "",
                                 "question": rng.choice(["退货怎么办", "Where is my order?", "发票"])})
            truth.append(("desk", rid, p["person"]))
    till_file = "till.xlsx" if till == "xlsx" else "till.csv"
    files = [folder / "web.csv", folder / till_file, folder / "desk.csv"]
    for (table, frame), path in zip(rows.items(), files, strict=True):
        rng.shuffle(frame)
        if path.suffix == ".xlsx":
            pd.DataFrame(frame).to_excel(path, index=False)
        else:
            pd.DataFrame(frame).to_csv(path, index=False, encoding="gb18030" if table == "till" else "utf-8")
    pd.DataFrame(truth, columns=["table", "record_id", "person"]).to_csv(folder / "truth.csv", index=False)
    return files


def judged(folder: Path, truth: pd.DataFrame, summary: dict) -> dict:
    """Pairwise precision / recall and customers vs people, from identity_map.csv alone."""
    ids = pd.read_csv(folder / "identity_map.csv", dtype=str, encoding="utf-8-sig")
    both = truth.merge(ids, on=["table", "record_id"])

    def pairs(frame: pd.DataFrame, by: list[str]) -> int:
        sizes = frame.groupby(by).size()
        return int((sizes * (sizes - 1) // 2).sum())

    true_pos = pairs(both, ["person", "customer_key"])
    people, customers = truth["person"].nunique(), ids["customer_key"].nunique()
    return {"records": len(truth), "map_rows": len(ids), "ids_matched": len(both),
            "precision": round(true_pos / max(pairs(both, ["customer_key"]), 1), 4),
            "recall": round(true_pos / max(pairs(both, ["person"]), 1), 4),
            "people": people, "customers": customers, "count_error": round(customers / people - 1, 4),
            "estimated_people": summary["estimated_people"]}


def main(n: int, seed: int, **options) -> dict:
    cli = [sys.executable, "-m", "crm_core", "--workspace"]
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        files = exports(n, seed, folder, **options)
        ws = str(folder / "ws")
        subprocess.run([*cli, ws, "load", *map(str, files)], check=True, capture_output=True)
        done = subprocess.run([*cli, ws, "link", "web", "till", "desk", "--out", str(folder / "out")],
                              check=True, capture_output=True, text=True)
        summary = json.loads(done.stdout.strip().splitlines()[-1])
        truth = pd.read_csv(folder / "truth.csv", dtype=str)
        return {"people_generated": n, "seed": seed, **options, **judged(folder / "out", truth, summary)}


if __name__ == "__main__":
    settings = dict(a.split("=") for a in sys.argv[3:])
    typed = {k: v if k in ("till", "till_script") else float(v) for k, v in settings.items()}
    print(json.dumps(main(int(sys.argv[1]), int(sys.argv[2]), **typed)), flush=True)
