"""Masking at load sees personal data that only starts after the first lines (mask30).

The shape is 有赞's 会员 list (``tests/data/youzan_members_excerpt_zh.xlsx``'s columns) with an
e-mail column: an old shop collected phones and e-mails only from a later month, so the first
5,000 members (the loader's sample) have them blank, or written ``-`` / ``无`` / ``N/A``.
"""

from __future__ import annotations

import random

import pandas as pd
import pytest

from crm_core.i18n import say
from crm_core.load.coltypes import SAMPLE_ROWS
from crm_core.load.reader import load_file
from crm_core.protect import privacy

HEADER = ["微信昵称", "手机号", "Email", "会员等级", "积分", "累计消费金额", "消费次数", "成为会员时间"]
LEVELS = ["普通会员", "白银会员", "黄金会员"]


def members_csv(path, early_phone: str, early_email: str, n: int = SAMPLE_ROWS + 1500,
                phones_from: int = SAMPLE_ROWS):
    """Members whose 手机号 (before row ``phones_from``) and Email (on the first 5,000 rows) read
    ``early_*``, real values after."""
    rng = random.Random(30)
    lines = [",".join(HEADER)]
    for i in range(n):
        late = i >= SAMPLE_ROWS
        phone = f"1{rng.choice('3589')}{rng.randint(0, 999_999_999):09d}" if i >= phones_from else early_phone
        email = f"member{i}@example.com" if late else early_email
        points = rng.randint(0, 5000)
        lines.append(f"会员{i},{phone},{email},{rng.choice(LEVELS)},{points},{points / 10:.2f},"
                     f"{rng.randint(1, 30)},2019-{1 + i * 12 // n:02d}-{1 + i % 28:02d} 10:00:00")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return [line.split(",")[1:3] for line in lines[SAMPLE_ROWS + 1:]]


@pytest.mark.parametrize("early_phone, early_email", [("", ""), ("-", "N/A"), ("无", "-")])
def test_a_column_blank_on_the_first_lines_is_masked_from_its_later_values(ws, tmp_path,
                                                                            early_phone, early_email):
    path = tmp_path / "members.csv"
    late = members_csv(path, early_phone, early_email)
    with ws.connect() as con:
        result = load_file(con, path, "members", mask_pii=True)[0]
        masked = privacy.masked_columns(con, "members")
        stored = con.execute('SELECT "手机号", "Email" FROM members').fetchall()
    assert masked == {"微信昵称": "nickname", "手机号": "phone", "Email": "email"}
    assert len(stored) == SAMPLE_ROWS + 1500
    key = privacy.workspace_key(ws.folder)
    assert stored[SAMPLE_ROWS] == (privacy.pseudonym(key, "phone", late[0][0]),
                                   privacy.pseudonym(key, "email", late[0][1]))
    said = [say(n, "zh") for n in result.notes]
    assert "手机号：已脱敏（电话）" in said and "Email：已脱敏（电子邮箱）" in said, said
    raw = ws.db_path.read_bytes() + b"".join(p.read_bytes() for p in ws.folder.glob("*.wal"))
    for phone, email in late[:50] + late[-50:]:
        assert phone.encode() not in raw and email.encode() not in raw, (phone, email)


def test_a_column_that_starts_after_the_other_late_ones_is_still_masked(ws, tmp_path):
    """E-mails from row 5,001 fill the first rows read past the sample; phones start 3,000 rows on."""
    path = tmp_path / "members.csv"
    late = members_csv(path, "", "", n=SAMPLE_ROWS + 4000, phones_from=SAMPLE_ROWS + 3000)
    with ws.connect() as con:
        load_file(con, path, "members", mask_pii=True)
        masked = privacy.masked_columns(con, "members")
    assert masked == {"微信昵称": "nickname", "手机号": "phone", "Email": "email"}
    raw = ws.db_path.read_bytes() + b"".join(p.read_bytes() for p in ws.folder.glob("*.wal"))
    assert not [phone for phone, _ in late[-50:] if phone.encode() in raw]


@pytest.mark.parametrize("suffix", ["xlsx", "parquet", "json"])
def test_placeholders_before_the_values_of_a_workbook_parquet_or_json_are_skipped(ws, tmp_path, suffix):
    """The same members as a workbook, a Parquet or a JSON file: 5,000 cells ``-`` / ``无`` first (more than
    the 2,000 values the classifier reads) must not hide the phones and e-mails after them (priv31)."""
    members_csv(tmp_path / "members.csv", "-", "无")
    frame = pd.read_csv(tmp_path / "members.csv", dtype=str, keep_default_na=False)
    path = tmp_path / f"members.{suffix}"
    {"xlsx": lambda: frame.to_excel(path, index=False), "parquet": lambda: frame.to_parquet(path),
     "json": lambda: frame.to_json(path, orient="records", force_ascii=False)}[suffix]()
    with ws.connect() as con:
        load_file(con, path, "members", mask_pii=True)
        masked = privacy.masked_columns(con, "members")
    assert masked.get("手机号") == "phone" and masked.get("Email") == "email", masked
