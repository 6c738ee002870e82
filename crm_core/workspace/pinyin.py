"""Chinese headers written in pinyin (``huiyuan_id``, ``xiaofei_jine``, ``zuihou_goumai``): a 会员
system exported with ASCII-only field names. Read as the Chinese words they spell, they meet the
same header patterns as 会员编号, 消费金额 and 最后购买 (roles, customer summaries); a header with
any word that is not one of these stays as written.
"""

from __future__ import annotations

import re

WORDS: dict[str, str] = {
    "huiyuan": "会员", "kehu": "客户", "guke": "顾客", "yonghu": "用户", "maijia": "买家",
    "xiaofei": "消费", "goumai": "购买", "xiadan": "下单", "dingdan": "订单", "jiaoyi": "交易",
    "jine": "金额", "zonge": "总额", "cishu": "次数", "bishu": "笔数", "leiji": "累计", "zong": "总",
    "zuihou": "最后", "zuijin": "最近", "shouci": "首次", "riqi": "日期", "shijian": "时间",
    "bianhao": "编号", "haoma": "号码", "kahao": "卡号", "shouji": "手机", "xingming": "姓名",
    "jifen": "积分", "dengji": "等级", "shangpin": "商品", "mingcheng": "名称", "shuliang": "数量",
    "danjia": "单价",
}
"""Pinyin words of member and order exports, with their Chinese."""
_ASCII_KEYS = {"id": "id", "no": "编号", "hao": "号"}
"""Key words an ASCII export joins to the pinyin (``huiyuan_id``, ``kehu_no``)."""
_SPLIT = re.compile(r"[ _.-]+")


def hanzi_header(column: str) -> str:
    """The Chinese a pinyin header spells (``zuihou_goumai`` → 最后购买), else the header itself:
    every word must be a listed pinyin word or key, and at least one pinyin."""
    words = [w for w in _SPLIT.split(column.strip().lower()) if w]
    if not any(w in WORDS for w in words) or not all(w in WORDS or w in _ASCII_KEYS for w in words):
        return column
    return "".join(WORDS.get(w) or _ASCII_KEYS[w] for w in words)


def is_pinyin(column: str) -> bool:
    """Whether the header is Chinese written in pinyin."""
    return hanzi_header(column) != column
