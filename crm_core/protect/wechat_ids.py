"""WeChat user ids (pii28): a 微信支付 bill's 用户标识 (openid), a unionid, a 企业微信 ``external_userid``;
and a payer's account (left81): 收钱吧's 付款账户, an openid or a 支付宝 login (``136****4913``) as paid.

Each points at one person (per app, per developer account, per company), so a masked load pseudonymises
them. They are compared exactly: openids are case-sensitive, and lower-casing would make two payers one.
"""

from __future__ import annotations

import re

HINTS: dict[str, re.Pattern[str]] = {
    "wechat_id": re.compile(r"open[ _-]?id|union[ _-]?id|external[ _-]?user[ _-]?id|用户标识|外部联系人\s*id",
                            re.IGNORECASE),
    "pay_account": re.compile(r"^(付款人?|支付宝?|买家支付宝)(账户|账号|帐号)$"),
}
"""Headers naming a WeChat user id (the values are also recognised under any header)."""

_OPENID = re.compile(r"^o[A-Za-z0-9_-]{27}$")
"""openid / unionid: ``o`` and 27 more characters (``oUpF8KRSj99BjkLC6xt2nYEHp7Nc``)."""
_LOGIN = re.compile(r"^[\w.+-]*\*+[\w.+-]*(@[\w.-]+)?$|^1\d{10}$|^[^@\s]+@[^@\s]+\.[A-Za-z]{2,}$")
"""A 支付宝 login as a payment platform writes it: masked by the platform (``136****4913``, ``a***@163.com``)
or whole (a mobile, an e-mail)."""
_EXTERNAL_USERID = re.compile(r"^w[mo][A-Za-z0-9_-]{20,40}$")
"""企业微信's id of an external contact (``wmXXXX…``, ``wo…`` for a personal WeChat user)."""


def is_wechat_id(value: str) -> bool:
    """A WeChat user id: its shape, an upper-case letter and a digit (an ``order_2024_0…`` has neither)."""
    return (bool(_OPENID.match(value) or _EXTERNAL_USERID.match(value))
            and any(c.isupper() for c in value) and any(c.isdigit() for c in value))


def is_pay_account(value: str) -> bool:
    """A payer's account under a header naming one: a WeChat id, or a 支付宝 login (masked or not)."""
    return is_wechat_id(value) or bool(_LOGIN.match(value))
