"""A buyer's member name at a marketplace or shop (left85), used there as the customer id: 淘宝 / 天猫 /
飞猪's ``买家会员名`` (``tb3190056_momo``), a 旺旺 handle (``买家旺旺``), 京东's ``下单账号``, 吉客云's
``客户账号``, eBay's ``Buyer User ID``. The buyer chose it and anyone can see it, like a ``买家昵称``: a
masked load pseudonymises it as a nickname, with the workspace key, so it still keys the customer and
meets the same name in another export. The seller's own (``卖家会员名``) and a real name (``会员姓名``,
a name) are other headers."""

from __future__ import annotations

HEADER = (r"^(买家|粉丝|客户|会员|用户|下单)?(淘宝|天猫|飞猪)?(会员名|用户名)$"
          r"|^(客户|买家|会员|用户|粉丝|下单)(账号|帐号)$"  # 吉客云's 客户账号 (left79), 京东's 下单帐号
          r"|^(买家)?旺旺(号|名|id)?$"
          r"|^buyer[ _-]?user[ _-]?id$")
"""Headers of a member name (a regular expression, matched case-blind on the trimmed header)."""
