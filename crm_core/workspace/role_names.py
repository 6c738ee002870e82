"""Column roles read from header names: the patterns (English and 中文) and the order in which
columns are tried for a role (the amount paid before list prices, later-event times last).

Values confirm or reject every name guess (``roles.py``, ``role_values.py``).
"""

from __future__ import annotations

import re

from crm_core.workspace.paid_first import paid_first
from crm_core.workspace.pinyin import hanzi_header
from crm_core.workspace.role_dates import dated_beside_created, is_later_event, is_served_name
from crm_core.workspace.services_booked import SERVICE, booked_types, is_service_name
from crm_core.workspace.sqlutil import CN_CURRENCY, CURRENCY

ROLES: tuple[str, ...] = (
    "customer_id", "order_id", "date", "amount", "quantity", "unit_price", "product_id",
    "product_name", "description", "category", "label", "email", "phone", "name",
)
"""Every role a column can play; pages offer these in this order."""

BIRTH = re.compile(r"birth|^dob$|生日|出生", re.IGNORECASE)
"""Birth dates (``date_of_birth``, ``dob``, 出生日期): an attribute of the person, never the date
of an order or visit (peeps' ``dob`` was taken as the date, and 58 birthdays "before 1990" flagged),
and never after today (a two-digit year at load: ``load.coltypes``)."""

GUEST_NAME = r"^(入住人|住客|宾客|客人)(姓名)?$"
"""A hotel PMS's guest (绿云, 西软: 入住人): the stay's customer, by name (judge47)."""
CUSTOMER_NAME = re.compile(r"(customer|client|shop|company|account|buyer|member|party)[ _.-]?name$"
                           rf"|^(客户|顾客|会员|买家)(名称|名字|姓名)$|{GUEST_NAME}"
                           r"|^nama[ _]?(pembeli|pelanggan)$",
                           re.IGNORECASE)
"""A customer named by name only (``bikeshop_name``, ``Account Name``, ``客户名称``): B2B and
store exports often carry no customer number (Tally's sales register: ``Party Name``; Tokopedia's
``Nama Pembeli``, judge63)."""

_ID = r"(id|no|nr|num|number|code|key|#|编号|编码|号|代码|ID)"

_NAME_PATTERNS: dict[str, str] = {
    "customer_id": rf"^(customer|cust|client|member|user|household|account|company|buyer|shopper|retailer|"
    rf"(full[ _]?)?visitor)[ _.-]?{_ID}$"  # Retail Rocket's visitorid, GA360's fullVisitorId
    # whom a charity, a paper, a hotel, an insurer, a lender or an airline serves; a clinic, a
    # card issuer, a landlord, a travel agent, a school or a game (judge14: a clinic's patient_id)
    rf"|^(donor|subscriber|patron|guest|policy[ _]?holder|borrower|passenger|"
    rf"patient|card[ _]?holder|tenant|travell?er|student|learner|player)[ _.-]?{_ID}$"
    r"|^(捐赠人|捐款人|捐赠者|订户|住客|投保人|借款人|乘客|"
    r"患者|病人|持卡人|租户|旅客|学员|学生|玩家)(id|ID|编号|编码|号|代码)$|^(病历号|就诊卡号)$"
    r"|^customer[ _.-]?user[ _.-]?id$"  # WooCommerce
    r"|^user[ _.-]?pseudo[ _.-]?id$|^distinct[ _.-]?id$"  # GA4's browser, 神策 / Mixpanel's person
    r"|^(交易)?对方(账号|账户|名称|昵称)?$"  # 支付宝 / 微信支付 bills
    r"|^(用户|买家|付款人?)(标识|openid)$|^open[ _]?id$"  # 微信支付's 交易账单: the payer's openid
    r"|^(付款人?|(买家)?支付宝)(账户|账号|帐号)$"  # 收钱吧's 付款账户; 口碑's 买家支付宝账号 (judge89)
    r"|^counterpart(y)?([ _.-]?(name|id|account))?$"
    r"|^(external[ _.-]?(contact|user)[ _.-]?(user[ _.-]?)?|contact[ _.-]?)id$"  # a desk's contact; 企业微信
    r"|^(外部)?联系人\s*(user)?(id|编号|编码)$"  # (not "Contact No": a phone); 企业微信 客户列表
    r"|^associated[ _]company[ _]ids?$"  # HubSpot's deals
    r"|^potential[ _]customer$"  # Dynamics 365's opportunities: the account or contact (judge41)
    r"|^from[ _]email[ _]address$"  # PayPal's payer
    r"|^contactname$"  # Xero's invoices (its spelling: a support desk's "Contact Name" is no buyer)
    r"|^user[ _]?name\s*[(（]buyer[)）]$|^buyer[ _]?(user)?name$|^retailer[ _]?name$"  # Shopee; Faire's shop
    r"|^(customer|client|member|household|user|buyer|person|patient|hshd|cust|household_key)$"  # Etsy, Jane
    r"|^(客户|顾客|会员|用户|买家|粉丝)(id|ID|编号|编码|号|代码|卡号)?$"  # 金蝶 / 用友: 客户编码
    r"|^(买家|粉丝|客户|会员|用户|下单)?(会员名|用户名|昵称|会员昵称|账号|帐号)$"  # 有赞, 京东
    r"|^(客户|买家)网名$"  # 旺店通: the buyer's account on the shop it came from (judge40)
    r"|^(会员|客户|顾客|买家)(手机号码?|手机|电话)$"  # a Chinese CRM's member key: tried before nicknames
    r"|^(户号|用户号|缴费户号|用电户号|用水户号|燃气户号)$"  # a utility's account (judge15)
    rf"|^(kunden?|cliente?)[ _.-]?(nummer|n[uú]mero|{_ID})?$"  # German, Spanish, French exports
    r"|^comprador$",  # Mercado Libre's Ventas report (judge43)
    "order_id": rf"^(order|invoice|transaction|trans|txn|receipt|basket|bill|ticket|payment|charge|capture|"
    rf"sale|opportunity)[ _.-]?{_ID}$"  # Square's Payment ID, Mindbody's Sale ID, Salesforce's Opportunity ID
    r"|^(?!(refund|original|parent|related|reference|linked|previous|balance|payout)[a-z]*[ _])"
    r"[a-z]+[ _]transaction[ _]id$"  # a platform's purchase, Bandcamp's (a cart's lines share it), not a link
    rf"|^(bestell|auftrags?|rechnungs?|beleg|pedido|factura|commande)[ _.-]?(nummer|n[uú]mero|{_ID})?$"
    r"|^(订单|单据|交易|发票|小票)(号|编号|id|ID)?$|^(invoice|order|basket_id)$"
    r"|^nomor[ _](invoice|pesanan)$|^(受注|注文)番号$"  # Tokopedia, 楽天 RMS (judge63)
    r"|^(内部|线上)订单号$|^(系统|线上)单号$"  # 聚水潭, 万里牛 / 马帮: the ERP's own order, then the shop's
    r"|^(主|父)订单(号|编号|id|ID)$"  # 抖音小店: its 子订单编号 are the order's lines
    r"|^(结账|收银|消费|账)?单(号|编号)$"  # a till's bill (客如云's 单号, judge27)
    r"|^(出库|发货|送货|销售|销货)单(号|编号)$|^(回款|收款)单?(号|编号)$"  # U8's 出库单号; 悟空CRM's 回款编号
    r"|^amazon[ _.-]?order[ _.-]?id$"  # Seller Central's reports (114-1234567-1234567)
    rf"|^(booking|reservation|appointment)[ _.-]?{_ID}$|^(预约|预订|预定)单?(号|编号|id|ID)$"  # judge21
    r"|^ref(erence)?[ _.-]?(#|no\.?|number)$"  # Fresha's ``Ref #`` (left63), not a bare Reference
    r"|^(交易|商户|商家|收钱吧)(订单|单)(号|编号)$"  # 微信 交易单号, 支付宝 交易订单号, 收钱吧订单号
    r"|^ecommerce\.transaction[ _]?id$|^(hits\.)?transaction\.transaction[ _]?id$"  # GA4, GA360
    r"|^order[ _.-]?reference$"  # Odoo's sale order lines: S00042 (judge33)
    r"|^num$",  # QuickBooks' reports: the invoice's or receipt's number (judge31)
    "date": r"(^|[ _.-])(date|datetime|timestamp|time|day|dt|ts)($|[ _.-])|[ _]at$"  # created_at
    r"|[ _](on|since)$"  # Starbucks' became_member_on, member_since
    r"|^(created|updated|paid|placed|closed|opened)$"  # Stripe's bare 'created', Toast's 'Opened'
    r"|^(arrival|check[ _-]?in)$"  # a hotel's stay (judge21)
    r"|^(invoice|order|purchase|transaction|txn)[ _.-]?(date|time)|^(datum|fecha)$|日期|时间|下单"
    r"|^fecha de (venta|compra|pedido)$|^(bestell|auftrags|rechnungs)datum$",  # judge43
    "amount": r"^(amount|revenue|sales|total|spend|sum|value|price_total|line_total|total[ _]price|"
    r"sales_amount|net[ _]sales|gross[ _]sales|weekly_sales|spend_amount|monetary|sales_value|"
    r"total[ _]collected|item[ _]total|retail[ _]total|"  # Etsy's line; Printful's buyer paid (judge94)
    r"dollar[ _]?value|dollars|paid|(actual[ _]?)?amount[ _]?paid|actual[ _]?paid|"  # KKBox's
    r"paid[ _]?price|payment[ _]?(value|amount)|final[ _]?price|"  # Teachable: the price after the coupon
    r"(client|patient)[ _]paid|"  # a session's share its client paid, the insurer's beside it (judge77)
    r"(order|invoice|line|transaction|txn)[ _]?(total|value|amount)([ _]?amount)?|"
    r"total[ _]?(amount|paid|sales|revenue)|net[ _]?amount|gross[ _]?amount|grand[ _]?total|sub[ _-]?total|"
    r"umsatz|betrag|montant|importe|item-price|gross|converted[ _]amount|"  # Amazon's line total; Stripe
    r"gesamtpreis|gesamtbetrag|bestellsumme|ingresos por productos|"  # Shopware, Mercado Libre (judge43)
    r"(net|gross)[ _]price|"  # Toast's item selections: the line's money, quantity included
    r"(appointment|booking|service)[ _]?price|"  # Acuity: the price of a one-service booking (judge64)
    r"order[ _]?price|received|"  # Poshmark's buyer paid (judge74); Ko-fi's money in, not 'Given' (judge78)
    r"amount[ _]submitted[ _]for[ _]settlement)$"  # Braintree: what was captured, not what was authorized
    r"|金额|销售额|消费|营业额|总价|实付|实收|付款|价税合计"  # an ERP's sale with its tax
    r"|(出口|进口|成交|交易)额"  # trade statistics and a market's turnover (fc18)
    r"|^(合计|总计|本期合计|本期应缴|应缴|账单合计)$"  # a bill's or a till slip's total (judge15)
    r"|^(总)?房费(合计|总额)?$"  # a hotel PMS's order (绿云, 西软): the stay's room charge (judge47)
    r"|^底价(金额|合计)?$"  # 携程 eBooking: what the hotel is paid for the stay, not 卖价 (judge56)
    r"|^数值$"  # a month-by-month report's figure, as 'value' (load/months.py)
    r"|^(amount|total|gross[ _]amount)([ _]money)?\.(value|amount)$",  # PayPal's and Square's money objects
    "quantity": r"^(qty|quantity|units|count|volume|pieces|amount_units|num_items|demand|"
    r"(number|num|no|n)[ _]?of[ _]?(items|units|cds|pieces|products|articles))"
    r"([ _.-]?(sold|ordered|purchased|bought|shipped))?$"  # "Qty sold", "units_sold"
    r"|^(sales|order|ordered|sold|item|items|product|line[ _]?item)[ _.-]?(qty|quantity|units)$"
    r"|数量|件数|销量|^jumlah([ _]produk)?([ _]dibeli)?$|^個数$"  # Tokopedia, 楽天 RMS (judge63)
    r"|^(menge|anzahl|unidades|cantidad|quantité|qté)$",  # judge43
    "unit_price": r"^(unit[ _.-]?price|price|unitprice|price_each|list_price|line[ _]?item[ _.-]?price)$"
    r"|^unit[ _]?amount$"  # Xero's UnitAmount (judge31; QuickBooks' Sales Price is Ta Feng's line money)
    r"|^item[ _.-]?cost$|^(product|wholesale)[ _.-]?price$"  # WooCommerce; Ecwid (judge55); Faire (judge84)
    r"|^(einzelpreis|stückpreis|prix unitaire)$|^precio unitario"  # judge43
    r"|单价|价格|售价|^成交价$|^harga[ _](jual|satuan)$"  # Tokopedia's price sold at, not its Harga Awal
    r"|^単価$",  # 得物: what the buyer paid for the one pair of the order (judge34)
    "product_id": rf"^(product|item|sku|article|stock|prod|goods|material|upc|listing)[ _.-]?{_ID}$"
    r"|^(sku|stockcode|upc|product|item|(line[ _]?item|product)[ _.-]?sku)$"  # Ecwid: productSku
    r"|^inventory[ _]?item[ _]?code$"  # Xero's invoice lines (judge31)
    r"|^(produkt|artikel)[ _.-]?(nummer|nr)$"  # Shopware (judge43)
    r"|^(商品|产品|货品|宝贝|物料|存货|菜品)(id|ID|编号|编码|代码|号)$"  # 金蝶 / 用友: 物料编码, 存货编码
    r"|^(商品)?商家编码$"  # 千牛: the shop's own SKU
    r"|^(商品|产品|货品)?(货号|款号)$"  # 得物's 商品货号: the article number (judge34)
    r"|^(nomor|kode)[ _]sku$|^商品番号$",  # Tokopedia, 楽天 RMS (judge63)
    "product_name": r"^(product|item|goods|line[ _]?item)[ _.-]?(name|title)$|"
    r"^menu[ _.-]?item([ _.-]?(name|title))?$|"  # Toast's item selections: the name beside its Item Id
    r"^item[ _.-]?desc(ription)?$|"  # the Groceries set's itemDescription: an item named, no id
    r"^item$|"  # Loyverse's receipts by item: the name beside its SKU (judge46); alone, also the product
    r"^product ?/ ?service$|"  # QuickBooks' reports name the item sold so (judge31)
    r"^offer[ _.-]?(name|title)$|"  # Kajabi's payments: the course or membership bought (judge61)
    r"^listing[ _.-]?(name|title)$|"  # a marketplace's sales report: the item sold (Poshmark, judge74)
    rf"{SERVICE}|"  # a salon's appointments (Fresha, judge59); tried last
    r"^(produkt|artikel)[ _.-]?(name|bezeichnung)$|^título de la publicación$|^nom du produit$|"  # judge43
    r"^(商品|产品|货品|物料|存货)(名称|名)?$|^(商品|产品|货品)?标题$|^宝贝(名称|标题)$|^选购商品$"
    r"|^团购(名称|套餐|商品)?$|^(团购)?(套餐|券)名称$"  # 美团 / 大众点评 到店: the deal bought (judge38)
    r"|^菜品(名称)?$|^菜名$"  # a restaurant POS's bill lines (二维火, 哗啦啦): the dish sold (judge42)
    r"|^(课程|专辑|专栏)(名称|名|标题)?$"  # 知识付费 (荔枝微课, 千聊, 喜马拉雅): the course bought (judge76)
    r"|^nama[ _]produk$",  # Tokopedia (judge63)
    # 宝贝标题: one product beside its 宝贝ID only (listing_title: 千牛's 订单报表 joins an order's titles)
    "description": r"desc|description|details|text|描述|说明|详情",
    "category": r"^(category|cat|department|dept|class|segment_name|product_category|type|"
    r"commodity|sub_commodity)$|类别|分类|品类|类目",
    "label": r"^(churn|churned|label|target|exited|attrition|is_churn|left|y)$|流失|标签"
    r"|离职|离网|退网|退订|销户|解约|退保",  # left the job, the network, a subscription, an account, a policy
    "email": r"e[-_ ]?mail|邮箱|邮件|メール",
    "phone": r"phone|mobile|tel|cell|电话|手机|联系方式|電話|^(no\.?|nomor)\s*(hp|handphone)\b",
    "name": r"^(name|full[ _]?name|(customer|contact|client|member|buyer)[ _]?((full|first|last)[ _]?)?name|"
    r"first[ _]?name|last[ _]?name|contact|surname|forename|given[ _]?name|family[ _]?name|"
    r"name[ _]?(given|family|first|last))$"
    r"|^(客户|会员|顾客|用户|买家|联系人|收货人|收件人)?(姓名|名字)$|^(客户名称|联系人|收货人|收件人)$"
    r"|^nama[ _]?(pembeli|pelanggan|penerima)$|^注文者(名字|名前|氏名)$"  # Tokopedia, 楽天 RMS (judge63)
    rf"|{GUEST_NAME}",
}
_COMPILED = {role: re.compile(p, re.IGNORECASE) for role, p in _NAME_PATTERNS.items()}

_CONTEXTUAL = re.compile(r"^(name|名称|名字|标题)$", re.IGNORECASE)
"""A bare name or title, which says what a row is only beside other columns: a product's beside a
price or sku (a catalogue's ``Name``, 千牛's 宝贝报表 ``标题``); a ticket's title or a person's name
elsewhere. A header naming a person (收件人, 客户名称, ``contact_name``) is never a product's."""


def is_contextual_name(column: str) -> bool:
    """Whether the header is a bare name or title whose meaning the neighbouring columns decide."""
    return bool(_CONTEXTUAL.match(column.strip()))


_IDENTITY = re.compile(rf"(^|[ _.-])({_ID}|nbr)$|(?-i:[a-z](Id|ID|No|Nr|Key|Code))$"
                       r"|(编号|编码|号码?|代码|卡号)$"  # 订单号, 会员编号: Chinese writes no separator
                       r"|name|e[-_ ]?mail|phone|mobile|account|姓名|名称|名字|账号|帐号|账户|手机|电话|邮箱"
                       r"|store|shop|branch|outlet|dept|department|门店|店铺|分店|网点|部门",
                       re.IGNORECASE)
"""A header naming whose a row is (an id, number or code, a name, an account, a contact, a store
or department): a customer the role patterns did not recognise would be one of these, and a
store an analyst may follow as one (Walmart's and Rossmann's ``Store``); a repeating 订单号 says
rows share an order, so "mark one" stays the advice there."""


def names_an_identity(column: str) -> bool:
    """Whether the header could name whose a row is (``Kunde Nr``, ``borrower_id``, ``姓名``, ``Store``)."""
    return bool(_IDENTITY.search(column.strip())) or any(
        role in name_candidates(column) for role in ("customer_id", "name", "email", "phone"))


_NUMERIC = ("TINYINT", "SMALLINT", "INTEGER", "BIGINT", "HUGEINT", "DOUBLE", "FLOAT", "DECIMAL",
            "UTINYINT", "USMALLINT", "UINTEGER", "UBIGINT", "REAL")


def is_numeric_type(dtype: str) -> bool:
    """Whether a DuckDB type name is a number type (not a list of numbers, ``BIGINT[]``)."""
    return dtype.upper().startswith(_NUMERIC) and not dtype.endswith("]")


def is_temporal_type(dtype: str) -> bool:
    """Whether a DuckDB type name is a date or timestamp (not a list of them)."""
    return dtype.upper().startswith(("DATE", "TIMESTAMP")) and not dtype.endswith("]")


_CAMEL_DATE = re.compile(r"[a-z](Date|Time|DT|Dt)$")


_UNIT = re.compile(rf"\s*[(（\[]\s*(?:{CURRENCY}|[\u4e00-\u9fff]{{0,4}}?(?:{CN_CURRENCY})|本位币|原币)"
                   rf"\s*[)）\]]$|[ _](?:{CURRENCY})$"
                   rf"|\s+in\s+(?:{CURRENCY}|[HBTLD][WC]|local\s+curr(ency)?|loc\.?\s*curr?\.?|"
                   r"doc(ument|\.)?\s*curr(ency|\.)?|haus-?währung|belegwährung)$", re.IGNORECASE)
"""A currency unit after a header (``Betrag CHF``, ``Amount (USD)``, ``金额（元）``, ``Sales $``), also
SAP's ``in`` a currency (FBL5N's ``Betrag in HW``, ``Amount in local currency``, ``Amt in loc.cur.``,
``Amount in doc. curr.``) and a ledger's ``金额(本位币)``."""
_TAX_BASIS = re.compile(r"\s*[(（]\s*(ex(cl?)?(uding|\.)?|incl?(uding|\.)?|before|without)\s+"
                        r"(tax|vat|gst)\s*[)）]$", re.IGNORECASE)
"""Whether tax is in, after a header: Mindbody's ``Subtotal (excluding tax)`` is a subtotal (judge35),
Zettle's ``Total (inc. VAT)`` a total (left49)."""


_SCORE = re.compile(r"score|rating|index|percentile|rank(ing)?$|评分|得分|分数|分值|指数|评级|排名|积分"
                    r"|(^|[ _.-])points?($|[ _.-])"
                    r"|[(（\[]\s*\d{1,3}\s*[-–~～到至]\s*\d{1,3}\s*[)）\]]", re.IGNORECASE)
"""A score, rating or index, or a bounded scale in the header (Mall customers' ``Spending Score
(1-100)``, ``消费评分``): points on a scale, never money, whatever money word comes before; nor are
loyalty points (a 积分流水's ``消费积分``, points earned by spending, judge21)."""


_PREDICTED = re.compile(r"predict|forecast|expected|projected|预测|probabilit|propensity|概率", re.IGNORECASE)
"""Another tool's prediction (Klaviyo's ``Predicted Customer Lifetime Value``, ``Expected Date Of Next
Order``, ``Churn Probability``; 流失概率): a model's output, no money spent, no day that happened and
nothing the customer did (judge30, left28). Not 美团's 预计收入, the merchant's money from orders that were
paid; not a survey's "likelihood to recommend", the customer's own answer."""


def is_prediction_name(column: str) -> bool:
    """Whether the header names another tool's prediction about the customer."""
    return bool(_PREDICTED.search(column))


def is_score_name(column: str) -> bool:
    """Whether the header names a score, a bounded scale or a prediction rather than an amount of money."""
    return bool(_SCORE.search(column) or is_prediction_name(column))


_BALANCE = re.compile(r"balance|余额|结余|(变动后|剩余|可用|当前|累计)积分", re.IGNORECASE)
"""A running balance (a 积分流水's ``变动后余额``, an account's ``Balance``): a level after each row, so
its sum per period is no quantity and it is no money spent (judge21)."""


def is_balance_name(column: str) -> bool:
    """Whether the header names a balance, which no analysis adds up."""
    return bool(_BALANCE.search(column))


_POINTS = re.compile(r"积分|(^|[ _.-])points?($|[ _.-])", re.IGNORECASE)
"""Loyalty points (a 积分流水's ``积分变动``, ``+120`` / ``-500``): earned and redeemed in one column,
so a period's sum is no measure of the business."""


def is_points_name(column: str) -> bool:
    """Whether the header names loyalty points, which the forecast never takes as its measure."""
    return bool(_POINTS.search(column))


_COUNTED = re.compile(r"([ _.-]|^)(secs?|seconds?|mins?|minutes?|hours?|hrs?|days?|weeks?|months?|years?|"
                      r"duration|calls?|counts?|id|no|rate|ratio|pct|orders|purchases|transactions|visits)$"
                      r"|(?-i:[a-z](Secs|Seconds|Minutes|Mins|Hours|Calls?|Count|Duration))$"
                      r"|天数|次数|时长|秒数|分钟|通话(?!费)|(率|比例|占比)$", re.IGNORECASE)
"""A unit, a count or a rate after the words: never money whatever money word comes before
(``月费率``, a monthly fee's rate, is no monthly fee).
KKBox's ``payment_plan_days`` (30, 410) was read as the revenue of its cohorts and its listening
logs' ``total_secs`` as 162,982,649 of revenue; MLC churn's ``total_day_calls`` (a count of calls
beside ``total_day_charge``) as money; Shopify's ``Total Orders`` beside ``Total Spent`` too (roles17).
A call's charge (``通话费``) stays money."""


def is_counted_name(column: str) -> bool:
    """Whether the header names a count, a duration or a rate (``total_day_calls``, ``通话次数``)."""
    return bool(_COUNTED.search(column.strip()))


_NOT_SOLD = re.compile(r"加购|加入购物车|收藏|浏览|退货|退款|退回|add(ed|s)?[ _-]?to[ _-]?(cart|basket)"
                       r"|cart[ _-]?adds?|wish[ _-]?list|^return(ed|s)?([ _-]?(qty|quantity|units|items))?$",
                       re.IGNORECASE)
"""A count of pieces put in a cart, saved or sent back, not bought (生意参谋's ``加购件数`` beside
``支付件数``, a web shop's ``Added to cart``, 京东's ``退货件数`` beside ``订购数量``): never the
quantity sold (left20, left24: the first header with 件数 was)."""


def is_not_sold_name(column: str) -> bool:
    """Whether the header counts pieces carted, saved, viewed or returned rather than sold."""
    return bool(_NOT_SOLD.search(column.strip()))


_CHARGE = re.compile(r"charge|(^|[ _.-])(fees?|bills?|billing)($|[ _.-])|(?-i:[a-z](Fees?|Bill))"
                     r"|费用|话费|资费|电费|水费|燃气费|煤气费|暖气费|物业费", re.IGNORECASE)
"""What a customer is charged (MLC churn's ``total_day_charge``, ``late_fee``, ``MonthlyBill``,
``话费``): money evidence when no header names the amount (``coffee`` is no fee)."""


def is_charge_name(column: str) -> bool:
    """Whether the header names a charge, a fee or a bill, and no count or duration of one."""
    return bool(_CHARGE.search(column.strip())) and not is_counted_name(column)


ROW_NUMBER_NAME = re.compile(r"^(rownames|row[ ._]?names|unnamed: ?\d+|x|\.\.\.\d+|column_1|)$",
                             re.IGNORECASE)
"""The header R or pandas gives the row numbers it writes: R's ``write.csv`` a blank one (read as
``column_1``), ``rownames`` (Rdatasets), read back as ``X`` (``read.csv``) or ``...1`` (readr);
pandas' index ``Unnamed: 0``."""


def is_row_number_name(column: str) -> bool:
    """Whether the header is one R or pandas writes above a row number (the values decide)."""
    return bool(ROW_NUMBER_NAME.match(column.strip()))


_ABBREVIATION_DOT = re.compile(r"\.(\s+|$)")
"""The dot of an abbreviation (``Customer No.``, ``Cust. No.``, ``Receipt No.``), not a nested
field's (``value.amount``)."""


_COUNTERPART = re.compile(
    r"^(to|receiver|payee|merchant|seller)[ _-]?(e[-_ ]?mail|phone)|^(收款方|卖家|商家)(邮箱|电话)",
    re.IGNORECASE)
"""The other side's contact: PayPal's ``To Email Address`` is the shop's own on a payment received and the
payee's on one sent, never the customer's e-mail."""


def is_counterpart(column: str) -> bool:
    """Whether the header names the other side's e-mail or phone (``To Email Address``, ``收款方邮箱``)."""
    return bool(_COUNTERPART.search(column.strip()))


_SALE_RECORD = r"(invoice|order|transaction|charge|payment|customer|credit_note|line_item)"
_RECORD_PREFIX = re.compile(r"^(deal|organi[sz]ation|person|lead|product|activity)\s+-\s+"
                            rf"|^({_SALE_RECORD}s|properties)\.(?=[a-z][a-z0-9_]*$)", re.IGNORECASE)
"""Pipedrive's export names every field after its record: ``Deal - Organization``, ``Deal - Value``;
Chargebee's after its plural record and a dot: ``invoices.amount_paid``, ``customers.email`` (judge45). Only
a sale's records and its payer's: ``subscriptions.status`` cancelled is the plan's fate, not the invoice's.
A Mixpanel raw export's event nests every field under ``properties`` (``properties.distinct_id``, judge48)."""
_RECORD_ID = re.compile(rf"^{_SALE_RECORD}s\.id$", re.IGNORECASE)
"""Chargebee's own key of a record, ``invoices.id``: the invoice's number, not a bare ``id``."""
_HIDDEN = re.compile(r"^\(do not modify\)", re.IGNORECASE)
"""Dynamics 365's Export to Excel: the record's GUID, checksum and last edit, hidden, kept for a re-import
(judge41)."""
_WON_TIME = re.compile(r"^won[ _-]?(time|date|at|on)$", re.IGNORECASE)
"""When a deal was won: its sale day, before the deal's update, close or lost times (Pipedrive, judge35)."""


def bare_header(column: str) -> str:
    """The header without the record Pipedrive or Chargebee writes before it (``Deal - Status``,
    ``invoices.status`` read as ``Status``, ``status``); a record's own key keeps its record
    (``invoices.id`` reads as ``invoice_id``)."""
    record = _RECORD_ID.match(column.strip())
    if record:
        return f"{record.group(1)}_id"
    return _RECORD_PREFIX.sub("", column.strip())


def name_candidates(column: str) -> list[str]:
    """Roles whose header pattern matches this column name (without a currency unit after it),
    most specific first; a score is never money, nor is a count or a duration an amount (a 会员导出's
    ``累计消费次数`` beside ``累计消费金额`` was read as the money, judge16). Pinyin headers are read
    as the Chinese they spell (:func:`pinyin.hanzi_header`). A column kept for a re-import has none."""
    if _HIDDEN.match(column.strip()):
        return []
    column = bare_header(column)
    norm = _UNIT.sub("", _TAX_BASIS.sub("", column).lstrip("*")) or column  # Xero's *required fields
    norm = hanzi_header(norm)  # huiyuan_id reads as 会员id
    norm = _ABBREVIATION_DOT.sub(" ", norm).strip()
    found = [role for role, rx in _COMPILED.items() if rx.search(norm)
             and not (role in ("amount", "unit_price") and is_score_name(norm))
             and not (role == "date" and _PREDICTED.search(norm))
             and not (role == "amount" and is_counted_name(norm))
             and not (role == "quantity" and is_not_sold_name(norm))
             and not (role in ("email", "phone") and is_counterpart(norm))]
    if _CAMEL_DATE.search(norm) and "date" not in found:
        found.insert(0, "date")
    return found


_COURSE = re.compile(r"^course([ _.-]?(name|title))?$", re.IGNORECASE)


def candidates_beside(headers: tuple[str, ...]) -> dict[str, list[str]]:
    """Each header's roles (:func:`name_candidates`), an appointment list's ``Type`` also the product:
    Acuity's appointment type is the service booked (left62)."""
    named = {h: name_candidates(h) for h in headers}
    named.update({h: ["product_name", *named[h]] for h in booked_types(headers)})
    return named


def persons_name_beside(column: str, headers: tuple[str, ...]) -> bool:
    """Whether a bare ``Name`` beside an e-mail and another column naming the product (``Product``,
    ``Course``) is the person's: Teachable's transactions write the student so (judge57), where a
    product export's ``Name`` beside its price is the item's."""
    others = [name_candidates(h) + (["course"] if _COURSE.match(h.strip()) else []) for h in headers
              if h != column]
    return any("email" in roles for roles in others) and any(
        {"product_id", "product_name", "course"} & set(roles) for roles in others)


_NICKNAME = re.compile(r"昵称|网名|nick[ _]?name", re.IGNORECASE)
"""A display name two buyers can share (买家昵称 ``小米``); a member's phone or number cannot."""
MEMBER_PHONE = re.compile(r"^(会员|客户|顾客|买家)(手机号码?|手机|电话)$")
YEAR_HEADER = re.compile(r"^(year|yr|fy|fiscal[ _]year|年|年份|年度|财年)$", re.IGNORECASE)
"""A column of whole years by its header (``Year``, ``年份``): a year-by-month report's rows, or the
only time a yearly series has (1 January of the year is its date)."""


_ORDER = re.compile(r"^order[ _.-]?(id|number|no)$", re.IGNORECASE)
"""An order's own id, tried before a line's or payment's (Etsy's "Sold Order Items" writes each line's
``Transaction ID`` before its ``Order ID``)."""


_BUYER = re.compile(r"^(buyer|purchaser)[ _.-]?", re.IGNORECASE)
"""Who paid for an order: Eventbrite's ``Buyer Email`` beside each ticket's attendee ``Email`` (left55)."""


def is_buyer_contact(column: str) -> bool:
    """Whether the header names the contact of who paid, not of whom the row is for (a guest)."""
    return bool(_BUYER.match(column.strip()))


def ranked(role: str, columns: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """Columns in the order they are tried for ``role``: amounts paid first, an order's id before a line's,
    later-event times last, a buyer's e-mail before a guest's, customer numbers and then a member's phone
    before a nickname, a service after the item."""
    if role == "amount":
        return paid_first(columns)
    if role == "customer_id":
        return sorted(columns, key=lambda column: (bool(_NICKNAME.search(column[0])),
                                                    bool(MEMBER_PHONE.match(column[0].strip()))))
    if role == "email":
        return sorted(columns, key=lambda column: not is_buyer_contact(column[0]))
    if role == "order_id":
        return sorted(columns, key=lambda column: not _ORDER.match(column[0].strip()))
    if role == "date":
        served = dated_beside_created([name for name, _ in columns])
        return sorted(columns, key=lambda column: (
            not _WON_TIME.match(bare_header(column[0])), is_later_event(column[0]),
            not (is_served_name(column[0]) or column[0] == served)))
    if role == "product_name":
        return sorted(columns, key=lambda column: is_service_name(column[0]))
    return columns
