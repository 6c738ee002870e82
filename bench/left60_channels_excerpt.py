"""left60: a 微信视频号小店 订单导出 excerpt in judge60's layout (docs/judge.md, the fifty-ninth pass), for
tests/data: judge60's own file needs Complete Journey's data (``bench/judge60_sets.py``), which left60's
machine had not. Snacks, prices, nicknames, names and states are ours (seed 60).

    python bench/left60_channels_excerpt.py
"""
import random
from pathlib import Path

import pandas as pd

OUT = Path(__file__).resolve().parents[1] / "tests" / "data" / "weixin_channels_orders_excerpt_zh.xlsx"

rng = random.Random(60)
snacks = [("三只松鼠每日坚果 750g", 89.9), ("良品铺子猪肉脯 200g", 29.9), ("百草味芒果干 120g", 15.9),
          ("卫龙大面筋 106g", 6.5), ("旺旺雪饼 520g", 22.8), ("奥利奥夹心饼干 388g", 19.9),
          ("乐事薯片原味 135g", 12.9), ("徐福记沙琪玛 469g", 24.5), ("来伊份鸭脖 180g", 26.8),
          ("洽洽香瓜子 308g", 13.9)]
nicks = ["小鱼儿😊", "阿杰", "晴天☀", "糖糖", "老王头", "Lily", "木子李", "向日葵🌻", "大橘", "云朵",
         "阿May", "小胖", "一路向北", "柠檬🍋", "风之子"]
people = ["王丽", "陈杰", "刘晴", "张婷", "王建国", "李丽丽", "李梓", "赵敏", "周浩", "孙云",
          "吴梅", "郑磊", "冯北", "何檬", "马风"]
phones = [f"1{rng.choice('3589')}{rng.randint(0, 9)}****{rng.randint(0, 9999):04d}" for _ in nicks]
rows, day = [], pd.Timestamp("2025-01-02")
for k in range(40):
    day += pd.Timedelta(hours=rng.randint(3, 40), minutes=rng.randint(0, 59), seconds=rng.randint(0, 59))
    who = rng.randrange(len(nicks))
    state = rng.choices(["已完成", "已取消", "售后中"], [78, 14, 8])[0] if k not in (7, 23, 31) else "售后中"
    order = f"37{rng.randint(10**16, 10**17 - 1)}"
    for name, price in rng.sample(snacks, rng.randint(1, 3)):
        n = rng.choice([1, 1, 1, 2, 3])
        spec = rng.choice(["默认", "默认", "家庭装"])
        total = round(price * n * (1.6 if spec == "家庭装" else 1), 2)
        paid = round(total * rng.choice([1, 1, 0.95, 0.9]), 2)
        rows.append({"订单号": order, "下单时间": day.strftime("%Y-%m-%d %H:%M:%S"), "商品名称": name,
                     "规格": spec, "商品数量": n, "商品总价": total, "实付款": paid, "订单状态": state,
                     "收件人": people[who], "联系电话": phones[who], "买家昵称": nicks[who]})
frame = pd.DataFrame(rows)
frame.to_excel(OUT, index=False)
print(len(frame), frame["订单状态"].value_counts().to_dict(), frame.订单号.nunique())
