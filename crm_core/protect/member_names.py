"""A buyer's member name at a marketplace or shop (left85), used there as the customer id: 淘宝 / 天猫 /
飞猪's ``买家会员名`` (``tb3190056_momo``), a 旺旺 handle (``买家旺旺``), 京东's ``下单账号``, 吉客云's
``客户账号``, eBay's ``Buyer User ID``, Depop's bare ``Buyer`` (``lucasfox1``, left93). The buyer chose it
and anyone can see it, like a ``买家昵称``: a masked load pseudonymises it as a nickname, with the workspace
key, so it still keys the customer and meets the same name in another export. The seller's own
(``卖家会员名``) and a real name (``会员姓名``, a name) are other headers."""

from __future__ import annotations

import re

BUYER_ID = re.compile(r"^(买家|buyer)[ _-]?id$", re.IGNORECASE)
"""A buyer id: E店宝 writes the Taobao member name there (``tb_5255``, ``柠檬5235``), other exports the
platform's number or an encrypted id; a nickname only where the values are handles (:func:`is_handle`)."""
ENGLISH = re.compile(r"^buyer$|^member[ _-]?name$", re.IGNORECASE)
"""Depop's bare ``Buyer`` (``lucasfox1``, left93) and an English ``Member Name`` of handles: a nickname only
where the values are handles; a person's name under ``Member Name`` is caught first as a name."""
HEADER = (r"^(买家|粉丝|客户|会员|用户|下单)?(淘宝|天猫|飞猪)?(会员名|用户名)$"
          r"|^(客户|买家|会员|用户|粉丝|下单)(账号|帐号)$"  # 吉客云's 客户账号 (left79), 京东's 下单帐号
          r"|^(买家)?旺旺(号|名|id)?$"
          r"|^buyer[ _-]?user[ _-]?id$"
          rf"|{BUYER_ID.pattern}|{ENGLISH.pattern}")
"""Headers of a member name (a regular expression, matched case-blind on the trimmed header)."""

_HASH = re.compile(r"^[A-Za-z0-9+/=_-]{16,}$")
_LETTER = re.compile(r"[A-Za-z\u4e00-\u9fff]")


def is_handle(value: str) -> bool:
    """A name someone chose: a letter or a Chinese character, not a number, not a long platform hash
    (淘宝's ``AAHk5d-EAAeGwJedwekqV8Pz``, an openid)."""
    return bool(_LETTER.search(value)) and not _HASH.match(value) and len(value) <= 40
