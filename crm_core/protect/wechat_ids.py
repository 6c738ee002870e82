"""WeChat user ids (pii28): a 微信支付 bill's 用户标识 (openid), a unionid, a 企业微信 ``external_userid``;
a payer's account (left81): 收钱吧's 付款账户, an openid or a 支付宝 login (``136****4913``) as paid; and a
person's own messenger account (judge83): 腾讯课堂's 学员QQ, a 微信号.

Each points at one person (per app, per developer account, per company), so a masked load pseudonymises
them. They are compared exactly: openids are case-sensitive, and lower-casing would make two payers one.
"""

from __future__ import annotations

import re

HINTS: dict[str, re.Pattern[str]] = {
    "wechat_id": re.compile(r"open[ _-]?id|union[ _-]?id|external[ _-]?user[ _-]?id|用户标识|外部联系人\s*id",
                            re.IGNORECASE),
    "pay_account": re.compile(r"^(付款人?|支付宝?|买家支付宝)(账户|账号|帐号)$"),
    "im_account": re.compile(r"^(学员|学生|用户|买家|客户|会员|联系人|粉丝)?(qq|微信)"
                             r"(号|号码|账号|帐号)?$", re.IGNORECASE),
}
"""Headers naming a WeChat user id (the values are also recognised under any header)."""

_OPENID = re.compile(r"^o[A-Za-z0-9_-]{27}$")
"""openid / unionid: ``o`` and 27 more characters (``oUpF8KRSj99BjkLC6xt2nYEHp7Nc``)."""
_LOGIN = re.compile(r"^[\w.+-]*\*+[\w.+-]*(@[\w.-]+)?$|^1\d{10}$|^[^@\s]+@[^@\s]+\.[A-Za-z]{2,}$")
"""A 支付宝 login as a payment platform writes it: masked by the platform (``136****4913``, ``a***@163.com``)
or whole (a mobile, an e-mail)."""
_IM_ACCOUNT = re.compile(r"^[1-9]\d{4,10}$|^[A-Za-z][\w-]{5,19}$")
"""A QQ number (5 to 11 digits) or a 微信号 (6 to 20 letters, digits, ``_`` or ``-``, a letter first): read
only under a header naming one, since a five-digit number alone is no one's."""
_EXTERNAL_USERID = re.compile(r"^w[mo][A-Za-z0-9_-]{20,40}$")
"""企业微信's id of an external contact (``wmXXXX…``, ``wo…`` for a personal WeChat user)."""


def is_wechat_id(value: str) -> bool:
    """A WeChat user id: its shape, an upper-case letter and a digit (an ``order_2024_0…`` has neither)."""
    return (bool(_OPENID.match(value) or _EXTERNAL_USERID.match(value))
            and any(c.isupper() for c in value) and any(c.isdigit() for c in value))


def is_im_account(value: str) -> bool:
    """A person's QQ number or 微信号 (``2491016283``, ``wxid_abc123``) under a header naming one."""
    return bool(_IM_ACCOUNT.match(value))


def is_pay_account(value: str) -> bool:
    """A payer's account under a header naming one: a WeChat id, or a 支付宝 login (masked or not)."""
    return is_wechat_id(value) or bool(_LOGIN.match(value))


def platform_masked(kind: str, values: list[str]) -> bool:
    """Whether a payer-account column is masked whole by its platform (口碑's 买家支付宝账号 ``138****1234``,
    judge89): kept as written like a masked 手机, since a pseudonym would hide that it is a mask."""
    return kind == "pay_account" and all("*" in v for v in values)


VALIDATORS = {"wechat_id": is_wechat_id, "pay_account": is_pay_account, "im_account": is_im_account}
KINDS = tuple(VALIDATORS)
