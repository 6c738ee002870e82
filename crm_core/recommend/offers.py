"""What may say what was bought when a table has no product column: the columns a refusal names for
the analyst to choose, never a person, an address, a status or a payment (:data:`_NOT_BOUGHT`); with none
left, the refusal says the table lists orders, not their items."""

from __future__ import annotations

import re

import duckdb

from crm_core.i18n import Listing, Sentence
from crm_core.load.coltypes import is_id_name
from crm_core.protect import people_text, work_kinds
from crm_core.recommend.bookings import bookings_log
from crm_core.recommend.packed import packed_items
from crm_core.workspace import events, gifts, store
from crm_core.workspace.invoice_states import STATUS
from crm_core.workspace.sittings import SITTING, sittings
from crm_core.workspace.sqlutil import qi

MAX_PRODUCTS_OFFERED = 50
_HOW_IT_WENT = re.compile(r"status|state|stage|pipeline|reason|next[ _-]?step|fiscal|状态|阶段|原因",
                          re.IGNORECASE)
"""How an order or a deal went and when it was booked (千牛's 订单状态 交易成功, its 订单关闭原因 买家未付款,
HubSpot's Deal Stage and Pipeline, Salesforce's Next Step and Fiscal Period Q1-2017): never what it held."""
_HOW_THEY_CAME = re.compile(r"lead[ _-]?source|^(order[ _-]?)?(source|channel)$|campaign|referr|utm"
                            r"|来源|渠道", re.IGNORECASE)
"""How a buyer, an order or a deal came (Salesforce's Lead Source Web / Trade Show, judge37; 客如云's 订单来源
扫码点餐, judge38; 来源渠道): never what was bought."""
_WHERE_IT_WENT = re.compile(r"(?i)address|street|city|zip|post(al)?[ _-]?code|tracking"
                            r"|^table([ _-]?(no|number|name))?$"
                            r"|^livraison$|^(lieferung|versand)$|^env[ií]o$"
                            r"|地址|街道|城市|邮编|物流|运单|桌台|桌号|台号")
"""Where an order went or was eaten (美团's 收货地址 徐汇区漕溪北路***号; 千牛's 物流单号, judge36;
客如云's 桌台 包间11, judge38; PrestaShop's ``Livraison`` France, left45; Donorbox's ``Postal Code``,
left82; Depop's ``Post Code`` cut to LS2, judge84): never what it held."""
_WHO_HANDLED = re.compile(r"owner|contact|sales[ _-]?(rep|person)|creator|(created|entered)[ _-]?by"
                          r"|cashier|^server$|^(employees?|staff(er)?|technicians?|assigned[ _-]?to"
                          r"|served[ _-]?by)$"
                          r"|负责人|联系人|业务员|销售员|创建人|录入人|制单人"
                          r"|经手人|收银员|服务员|核销人|操作人|操作员|所有人|跟进人", re.IGNORECASE)
"""Who sold, entered or was spoken to (HubSpot's Deal owner, Associated Contact, judge23; Pipedrive's
Deal - Creator, a 制单人, small1; a till's 收银员, 管家婆's 经手人, 美团's 核销人, judge38; 销售易's 所有人,
judge42; 钉钉 CRM's 跟进人, judge44; Housecall Pro's ``Employees`` sent on a job, walk38): a person, not a
product."""
_HOW_PAID = re.compile(r"(^|[ _])(store|branch)($|[ _])|pay(ment)?[ _-]?(method|type)|tender|门店|店铺"
                       r"|(支付|付款|结算|回款|收款)方式|^(单据|业务|交易|流水|账单)类型$|^期(数|次)$|instal?lment"
                       r"|^(event|transaction|txn|entry|bill|order)[ _-]?type$"
                       r"|^paiement$|(mode|moyen) de paiement|^zahlung(sart)?$|(medio|forma) de pago"
                       r"|card[ _-]?(type|brand)|processor|gateway|settlement[ _-]?batch|卡类型|卡种"
                       r"|^method$|disbursement|payout",
                       re.IGNORECASE)
"""Where a till's bill was rung up, how it was paid and what kind of row it is (客如云's 门店
万象城店, 支付方式 储值卡, 单据类型 销售; Square's Event Type Payment / Refund; PrestaShop's ``Paiement``
PayPal, left45; 悟空CRM's 回款方式 电汇 and 期数 第1期, how and in which instalment a receipt was paid,
judge83; Eventbrite's ``Order Type`` Eventbrite Completed / Free Order, judge46; Braintree's ``Card
Type`` Visa, ``Processor Response Code`` 2001 and ``Settlement Batch ID``, walk36;
Givebutter's bare ``Method`` card / venmo, judge73; ActBlue's ``Disbursement ID``, the payout a gift reached
the campaign in, judge82): never what it held (judge27, left26)."""
_WHO_GOT_IT = re.compile(r"(^|[ _-])(bill(?!ing[ _-]?codes?$)|ship)|e-?mail|phone|mobile|recipient|consignee"
                         r"|(first|last|given|family|middle|full)[ _-]?name$|surname"
                         r"|^(customer|buyer|client)|收货|收件|买家|客户|会员|姓名|昵称|电话|手机|邮箱|配送|发货|物流|快递|运单|达人|主播",
                         re.IGNORECASE)
"""Who bought, received or promoted an order and how it was sent (Magento's Bill-to Name, Shipping
Information "Flat Rate - Fixed", Customer Group; 快手's 收货人手机号, 达人昵称; 客如云's 会员名称, judge38;
Eventbrite's attendee ``First Name`` / ``Last Name``, judge46): a person or a delivery, never what it held
(hint31). A ``Billing Code`` is no bill-to: SimplePractice's 90834 is the session billed (judge77)."""
_WHO_PAID_OR_TREATED = re.compile(r"^(patient|payer|insurer|guardian|responsible[ _-]?party|invoice[ _-]?to)"
                                  r"([ _-]?name)?$", re.IGNORECASE)
"""A clinic's patient, the insurer or guardian who paid, whom an invoice was sent to (Jane's ``Payer``,
SimplePractice's ``Responsible Party``, Cliniko's ``Invoice to``, judge77): people, never what was bought."""
_WHAT_WAS_SAID = re.compile(r"note|remark|comment|message|留言|备注", re.IGNORECASE)
"""A buyer's or a seller's free note (买家留言, 商家备注): what someone wrote, not what was bought."""
_WHERE_THEY_WERE = re.compile(r"(^|\.)(\$(os|browser)(_version)?|\$(device_type|current_url|referrer|ip)"
                              r"|(mp_|\$geoip_)?country_code|ip|utm_\w+)$", re.IGNORECASE)
"""Where and on what a visitor was, as analytics tools name it (Mixpanel's ``mp_country_code`` GB,
``$os`` Mac OS X; PostHog's ``$current_url``, ``$geoip_country_code``, judge48): never what was bought.
Only these names, bare or after a record (``properties.$os``): a shop's own ``Device`` may be its product."""
_WHO_OR_IN_WHAT = re.compile(r"company|employer|occupation|job[ _-]?title|^(currency|币种|货币)$",
                             re.IGNORECASE)
"""A firm, a job and a currency (Givebutter's ``Company``, an employer's matching gift; Donorbox's
``Currency`` USD / CAD / EUR, judge73; ActBlue's ``Donor Occupation`` Teacher, judge82): who paid or in what,
never what was bought."""
_HOW_IT_LOOKED = re.compile(r"^(size|colou?r|condition|尺码|颜色|成色)$", re.IGNORECASE)
"""A piece's size, colour or condition (Depop's ``Size`` M or UK 10 on jackets and dresses alike, judge84):
how the thing bought looked, never which thing it was."""
_WHICH_PAPERS = re.compile(r"证件|身份证|证照|护照|passport"
                           r"|^(id|identity|identification|(travel[ _-]?)?document)"
                           r"[ _-]?(type|kind|number|no|card)$",
                           re.IGNORECASE)
"""Which papers a guest showed and their number (去哪儿's 证件类型 身份证 / 护照 / 港澳通行证 and 证件号,
judge87): how a person was identified, never what the stay was."""
_HOW_IT_REACHED_THEM = re.compile(r"^(delivery|shipping|shipment|collection|pick[ _-]?up|fulfill?ment"
                                  r"|dispatch)[ _-]?(method|type|option|mode)s?$"
                                  r"|(取票|取货|提货|领取|配送|交付|送货|寄送|派送|出票)(方式|类型)"
                                  r"|(购票|订购|购买|下单|观演|出行|乘车|乘机)人", re.IGNORECASE)
"""How a ticket or a parcel reached the buyer and who bought or used it (大麦's 取票方式 电子票 /
快递配送 / 现场取票, 购票人 and 实名观演人, left96; a shop's ``Delivery Method``, ``Collection
Method``): like the papers shown, never what was bought."""
_ABOUT_THE_GUEST = re.compile(r"^(guest|customer|client|member|visit|reservation|booking)[ _-]?tags?$"
                              r"|^allerg|^dietary|^(medical|health)[ _-]?conditions?$|过敏|饮食禁忌",
                              re.IGNORECASE)
"""What a guest is or cannot eat (Resy's ``Guest Tags`` Regular / VIP, ``Allergies`` Shellfish, left99):
the person's, never what was bought."""
_NOT_BOUGHT = (_HOW_IT_WENT, STATUS, _WHERE_IT_WENT, _WHO_HANDLED, _HOW_PAID, _WHO_GOT_IT, _WHAT_WAS_SAID,
               _HOW_THEY_CAME, _WHERE_THEY_WERE, _WHO_OR_IN_WHAT, _HOW_IT_LOOKED, _WHICH_PAPERS,
               _HOW_IT_REACHED_THEM, people_text.HINTS["honoree"], _WHO_PAID_OR_TREATED,
               work_kinds.HINTS["staff"], people_text.HINTS["nickname"], SITTING,
               _ABOUT_THE_GUEST)
"""``STATUS``: the status header the views read (PrestaShop's ``État`` Livré, Mercado Libre's ``Estado``); the
honoree a gift names (``In Honor Of``, ``Dedication Name``): a person, not a product; a seller's staff as the
masked load reads them (a ``Clinician``, a ``Staff Member``, judge77); a buyer's handle (Tebex's ``Username``,
judge80); the sitting a guest ate in (``Meal Period``, ``Shift``, 餐段, left99)."""


def no_product(con: duckdb.DuckDBPyConnection, table: str, roles: dict[str, str]) -> Sentence:
    """Why a table gives no product: with columns that may say what was bought, they are named for the
    analyst to choose; a log of repeat customers with none (Magento's order grid: orders, no items) is
    told so plainly, so nobody picks an address or a name as the product (hint31)."""
    customer = roles.get("customer_id")
    repeat = bool(customer) and _customers_repeat(con, table, customer)
    columns = _open_columns(con, table, roles) if repeat else []
    offered = _offered(con, table, customer, columns) if columns else []
    if offered:  # a donor's fund (Donorbox's Designation) is still the analyst's choice
        return Sentence("roles.need.product_offered", table=table, columns=Listing(offered), first=offered[0])
    if gifts.is_gift_log(con, table):  # a gift names nothing bought (ActBlue's contributions, judge82)
        return Sentence("roles.need.product_gifts", table=table)
    packed = packed_items(con, table)
    if packed:  # an order's products in one cell: nothing to mark (Big Cartel's Items, walk42)
        return Sentence("roles.need.product_packed", table=table, column=packed[0], cell=packed[1])
    if bookings_log(con, table):  # who booked and for how many, no dish (Resy's reservations, left99)
        return Sentence("roles.need.product_bookings", table=table)
    plain = "roles.need.product_none" if repeat and not columns else "roles.need.product"
    return Sentence(plain, table=table)


def one_value(con: duckdb.DuckDBPyConnection, table: str, roles: dict[str, str]) -> Sentence | None:
    """Why a product column the same on every row is no product (None when it is not): 收钱吧's 商品名 is
    扫码收款, a QR payment, on each of its payments, so recommend served no list with every measure null
    and basket said each basket held one item, neither saying why (judge75)."""
    column = roles.get("product_id")
    if not column:
        return None
    low, high, rows = con.execute(f"SELECT min({qi(column)}), max({qi(column)}), count({qi(column)}) "
                                  f"FROM {qi(table)}").fetchone()
    if rows < 2 or low != high:
        return None
    return Sentence("roles.need.product_one_value", table=table, column=column, value=str(low))


def product_like_columns(con: duckdb.DuckDBPyConnection, table: str, roles: dict[str, str]) -> list[str]:
    """Columns without a role that may say what was bought, in a table whose customers repeat (see
    :func:`_offered`). Only the analyst can say so, so the refusal names them rather than guessing."""
    customer = roles.get("customer_id")
    if not customer or not _customers_repeat(con, table, customer):
        return []
    return _offered(con, table, customer, _open_columns(con, table, roles))


def _offered(con: duckdb.DuckDBPyConnection, table: str, customer: str,
             columns: list[tuple[str, bool, int]]) -> list[str]:
    """Up to three of ``columns``: text holding at most ``MAX_PRODUCTS_OFFERED`` values (a scanner
    panel's ``choice``, the brand bought), then codes that customers share (``_shared_code``:
    MovieLens' ``movieId``)."""
    texts = [name for name, text, values in columns  # a short text code (活动编号) is offered once, here
             if text and values <= MAX_PRODUCTS_OFFERED and not _party_sizes(con, table, name)
             and not sittings(con, table, name)]
    codes = [name for name, _, _ in columns
             if name not in texts and is_id_name(name) and _shared_code(con, table, customer, name)]
    return [*texts, *codes][:3]


def _open_columns(con: duckdb.DuckDBPyConnection, table: str,
                  roles: dict[str, str]) -> list[tuple[str, bool, int]]:
    """(name, is text, values) of the columns that may name a product: no role took them, no name rule
    (:data:`_NOT_BOUGHT`) rules them out, text or a code, some value repeats (a value on one row
    each is that row's own label: Magento's order ``ID``) and more than two values (two are a yes/no
    flag: PrestaShop's ``Nouveau client`` Oui / Non, left45). An event log's event types are what a person
    did, not what was bought (Mixpanel's and PostHog's ``event``: Page Viewed, $pageview, judge48)."""
    columns = store.columns_of(con, table)
    taken = {*roles.values(), events.event_type_column(con, table, columns)}
    found = []
    for name, dtype in columns:
        text = dtype.upper().startswith("VARCHAR")
        if name in taken or any(rule.search(name) for rule in _NOT_BOUGHT) or not (text or is_id_name(name)):
            continue
        value = f"NULLIF(trim(CAST({qi(name)} AS VARCHAR)), '')"
        values, filled = con.execute(f"SELECT count(DISTINCT {value}), count({value}) "
                                     f"FROM {qi(table)}").fetchone()
        if 3 <= values < filled:
            found.append((name, text, values))
    return found


_PARTY = (r"^((table|party|group)\s+(of|for)\s+\d+|\d+\s+(guests?|people|persons?|covers?|pax|seats?)"
          r"|\d+\s*(人|位)(桌|餐)?)$")
"""How many sat at a check's table (Square's ``Description`` "Table of 4", 4 人桌): never what they ate."""


def _party_sizes(con: duckdb.DuckDBPyConnection, table: str, column: str) -> bool:
    """Whether nearly every value of a text column is a party size (:data:`_PARTY`, left27)."""
    value = f"lower(trim({qi(column)}))"
    share = con.execute(f"SELECT avg(CASE WHEN regexp_matches({value}, ?) THEN 1.0 ELSE 0 END) "
                        f"FROM {qi(table)} WHERE {value} <> ''", [_PARTY]).fetchone()[0]
    return share is not None and share >= 0.9


SHARED_CODE = 2.0
"""Customers per value, on average, from which a code is shared: a film, an item or a product is
rated or bought by many; an order, a session or a device belongs to one customer (1.0)."""


def _shared_code(con: duckdb.DuckDBPyConnection, table: str, customer: str, column: str) -> bool:
    """Whether a code column's values are each held by ``SHARED_CODE`` customers or more."""
    values, pairs = con.execute(f"SELECT count(DISTINCT {qi(column)}), "
                                f"count(DISTINCT ({qi(customer)}, {qi(column)})) FROM {qi(table)}").fetchone()
    return values >= 2 and pairs >= SHARED_CODE * values


def _customers_repeat(con: duckdb.DuckDBPyConnection, table: str, customer: str) -> bool:
    """Whether customers come back: more rows than customers, a log of what each one did."""
    rows, people = con.execute(f"SELECT count({qi(customer)}), count(DISTINCT {qi(customer)}) "
                               f"FROM {qi(table)}").fetchone()
    return rows > people > 0
