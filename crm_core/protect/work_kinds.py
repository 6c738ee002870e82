"""Personal data beside the buyer's own name and contact (pii26): who served them, what a seller
calls them, which company buys, and where they live to within a postcode.

- ``staff``: a seller's employee (HubSpot's ``Deal owner``, 企业微信's ``添加人``, a till's 收银员 / 导购,
  Square's ``Staff Name``, Fresha's ``Team member``) or a fundraiser credited with a gift (Givebutter's ``Team
  Member``). An employee's name is personal data too; pseudonymised with the name key, so deals per owner
  still add up, and a kind of its own so the link never reads it as a buyer.
- ``remark_name``: a seller's name for a buyer (``备注名``: 刘女士); a surname and a title name many
  people, so it is masked but never linked on.
- ``company``: the buyer of a B2B export (``Company``, 公司名称, 单位); a small firm's name names its
  owner, and the client list is what a shared export must not carry. Tokens keep counts and joins.
- ``postcode``: a quasi-identifier. Generalised to its first 3 characters (ZIP3, a UK area and
  district's start, a Chinese 邮区), not hashed, so regional analysis keeps working; the city is kept.
"""

from __future__ import annotations

import re

from crm_core.workspace.role_keys import COMPANY

CUSTOMER_NAME = re.compile(r"^客户名称$")
"""A header a CRM fills with firms (悟空CRM, left91), people (caught first as names) or WeChat names
(企业微信, judge68): a company there only where the values read as firms (:func:`is_firm`)."""
_FIRM = re.compile(r"(公司|集团|厂|商行|工作室|事务所|合作社|研究[院所]|中心|医院|学校|大学|酒店"
                   r"|经营部|门市部|店)$"
                   r"|\b(ltd|limited|inc|llc|llp|gmbh|corp|corporation|co|company|plc|pty|bv|ag)\b\.?$",
                   re.IGNORECASE)

HINTS: dict[str, re.Pattern[str]] = {
    "staff": re.compile(
        r"^((deal|contact|account|record|company|ticket)[ _-]?)?owner([ _-]?name)?$|"
        r"sales[ _-]?(rep|person|man|woman|associate)|account[ _-]?manager|assigned[ _-]?to|assignee|"
        r"^(support[ _-]?)?agent([ _-]?name)?$|cashier|clerk|^staff([ _-]?(name|member))?$|"
        r"^(practitioner|clinician|therapist|staffer)([ _-]?name)?$|"  # who treated a patient (judge77)
        r"^team[ _-]?member([ _-]?name)?$|"
        r"^(收银员?|导购员?|添加人|销售员?|业务员|营业员|跟进人|负责人|客服|店员|操作员|经办人|开单人|制单人|服务人员)$",
        re.IGNORECASE),
    "remark_name": re.compile(r"^(备注名|备注名称|备注姓名|remark[ _-]?name)$", re.IGNORECASE),
    "company": re.compile(rf"{COMPANY.pattern}|^(billing|shipping|bill[ _-]?to|ship[ _-]?to)[ _-]?company$"
                          r"|^所属(公司|企业|单位)$"  # 企业微信's contact who works in a firm (judge68)
                          r"|^客户$"  # 精斗云's 川味小厨3号店 (left79); a person's name is caught first
                          rf"|{CUSTOMER_NAME.pattern}",  # 悟空CRM's firms (left91), when they read as firms
                          re.IGNORECASE),
    "postcode": re.compile(
        r"post(al)?[ _-]?code|(^|[ _-])zip([ _-]?code)?$|邮编|邮政编码", re.IGNORECASE),
}
"""Headers that name these kinds; a kind is only looked for under its header (never on values alone:
five digits are as often an order number as a ZIP)."""

_POSTCODE = re.compile(
    r"^(\d{5}(-\d{4})?|\d{6}|\d{4}|[A-Z]\d[A-Z] ?\d[A-Z]\d|[A-Z]{1,2}\d[A-Z\d]? ?\d[A-Z]{2})$", re.IGNORECASE)
"""US ZIP / ZIP+4, Chinese 6 digits, 4-digit (AU, NL, CH …), Canadian and British postcodes."""
_COMPANY_WORD = re.compile(r"[A-Za-z\u4e00-\u9fff]")
_FLAG_WORDS = frozenset({"yes", "no", "true", "false", "y", "n", "是", "否"})


def is_company(value: str) -> bool:
    """A company's name: letters, at least three characters (a unit of measure, 个 / 件 / 千克, is not),
    and no yes / no flag (a ``Business`` column saying whether an order was a business's)."""
    return len(value) >= 3 and bool(_COMPANY_WORD.search(value)) and value.lower() not in _FLAG_WORDS


def is_firm(value: str) -> bool:
    """A name ending as a firm's does (苏州白云贸易有限公司, Acme Ltd): a WeChat name (🎵建华) does not."""
    return bool(_FIRM.search(value))


def is_postcode(value: str) -> bool:
    return bool(_POSTCODE.match(value))


POSTCODE_KEPT = 3
"""Characters of a postcode kept at load: the rest says which street."""


def generalised_sql(col: str) -> str:
    """SQL for a postcode cut to its first :data:`POSTCODE_KEPT` characters (needs no key)."""
    return f"left(nullif(trim(CAST({col} AS VARCHAR)), ''), {POSTCODE_KEPT})"


def shown_postcode(value: str) -> str:
    """The SQL page's partial mask of a postcode: ``382**``."""
    return value[:POSTCODE_KEPT] + "*" * max(0, len(value) - POSTCODE_KEPT)


TOTAL_LABEL = r"^\s*(grand\s+total|total|subtotal|sum|合计|总计|小计|汇总)[s]{0,1}\s*[:：]{0,1}\s*$"
"""A total row's label alone (合计, Total), matched case-blind: no one's name, and the load drops that row
only if it stays. No question mark: masked SQL takes its key as ``?`` parameters."""


def keep_total_label_sql(col: str, masked: str) -> str:
    """``masked`` for a value, but a total row's label kept as written, so the load still finds and drops
    that row (youzan's 合计 under 微信昵称 became a 201st member when its nickname was tokenised)."""
    text = f"trim(CAST({col} AS VARCHAR))"
    return f"CASE WHEN regexp_matches({text}, '{TOTAL_LABEL}', 'i') THEN {text} ELSE {masked} END"
