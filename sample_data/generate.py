"""Generate the deterministic sample data set shipped in ``sample_data/``.

The files exercise every page of the workbench (RFM, segmentation, churn,
recommendation, forecasting, content similarity, FAQ matching) with planted,
learnable structure plus a little deliberate dirt, so demos and tests behave
like real CRM exports. Run ``python sample_data/generate.py``; the output is
byte-identical on every run because everything flows from one seeded RNG.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

SEED = 42
OUT_DIR = Path(__file__).resolve().parent
START = pd.Timestamp("2024-01-01")
END = pd.Timestamp("2025-12-31")
N_DAYS = (END - START).days + 1
N_CUSTOMERS = 3000
FIRST_INVOICE = 500001

# --------------------------------------------------------------------------
# Reference vocabularies
# --------------------------------------------------------------------------

MALE_NAMES = [
    "James", "Oliver", "George", "Harry", "Jack", "Noah", "Leo", "Arthur",
    "Thomas", "William", "Henry", "Charlie", "Samuel", "Daniel", "Joseph",
    "Edward", "Benjamin", "Oscar", "Lucas", "Isaac", "Max", "Ethan", "Adam",
    "David", "Michael", "Peter", "Andrew", "Matthew", "Ryan", "Kevin",
]
FEMALE_NAMES = [
    "Olivia", "Amelia", "Isla", "Ava", "Emily", "Sophia", "Grace", "Lily",
    "Freya", "Ella", "Charlotte", "Mia", "Evie", "Poppy", "Alice", "Florence",
    "Ruby", "Chloe", "Hannah", "Lucy", "Sarah", "Emma", "Jessica", "Laura",
    "Rebecca", "Anna", "Kate", "Megan", "Rachel", "Zoe",
]
LAST_NAMES = [
    "Smith", "Jones", "Taylor", "Brown", "Williams", "Wilson", "Johnson",
    "Davies", "Robinson", "Wright", "Thompson", "Evans", "Walker", "White",
    "Roberts", "Green", "Hall", "Wood", "Jackson", "Clarke", "Patel", "Khan",
    "Lewis", "Harris", "Martin", "Cooper", "King", "Lee", "Baker", "Turner",
    "Hill", "Moore", "Clark", "Ward", "Morris", "Chen", "Wang", "Li", "Zhang",
    "Liu", "Murphy", "Kelly", "Scott", "Young", "Edwards", "Hughes", "Price",
    "Bennett", "Gray", "Reid",
]
# city -> (region, country, phone area code; None for Chinese cities)
CITIES = {
    "London": ("Greater London", "UK", "20"),
    "Manchester": ("North West", "UK", "161"),
    "Birmingham": ("West Midlands", "UK", "121"),
    "Leeds": ("Yorkshire", "UK", "113"),
    "Bristol": ("South West", "UK", "117"),
    "Edinburgh": ("Scotland", "UK", "131"),
    "Glasgow": ("Scotland", "UK", "141"),
    "Shanghai": ("East China", "CN", None),
    "Hangzhou": ("East China", "CN", None),
    "Beijing": ("North China", "CN", None),
    "Shenzhen": ("South China", "CN", None),
    "Guangzhou": ("South China", "CN", None),
    "Chengdu": ("Southwest China", "CN", None),
}
CITY_WEIGHTS = [18, 8, 7, 5, 5, 4, 3, 12, 5, 9, 6, 4, 4]
UK_DOMAINS = ["gmail.com", "outlook.com", "yahoo.co.uk", "hotmail.co.uk", "btinternet.com"]
CN_DOMAINS = ["qq.com", "163.com", "gmail.com", "outlook.com"]
CN_MOBILE_PREFIXES = ["138", "139", "137", "136", "135", "150", "151", "158", "186", "188", "189"]
CHANNELS = ["web", "store", "app"]

# Latent customer types: share, orders per year, mean extra lines per basket.
CUSTOMER_TYPES = {
    "champion": (0.08, 26.0, 1.5),
    "regular": (0.22, 9.0, 1.1),
    "occasional": (0.30, 3.0, 1.0),
    "one_off": (0.14, 0.0, 1.0),
    "churned": (0.16, 9.0, 1.0),
    "new": (0.10, 8.0, 1.1),
}

# Category vocabularies: brands, English adjectives x nouns (names), a shared
# descriptive core so TF-IDF neighbours stay in-category, features, uses,
# price range, and hand-written Chinese products with their own core.
CATEGORIES = {
    "Coffee": dict(
        size=40, price=(4.0, 26.0), qty=0.5,
        brands=["Roast House", "Bean Theory", "Morning Ritual", "Crema & Co"],
        adjs=["Ethiopian Yirgacheffe", "Colombian Supremo", "Brazil Santos", "Guatemala Antigua",
              "Kenya AA", "Sumatra Mandheling", "House", "Decaf", "Costa Rica Tarrazu", "Yunnan"],
        nouns=["Coffee Beans 250g", "Coffee Beans 1kg", "Ground Coffee 250g", "Espresso Blend 500g",
               "Cold Brew Coffee Bags", "Instant Coffee 100g", "Coffee Pods x10"],
        core="freshly roasted arabica coffee",
        features=["dark chocolate", "caramel", "bright citrus", "red berries", "toasted nuts",
                  "brown sugar", "jasmine", "stone fruit"],
        uses=["Roasted for espresso and filter brewing", "A smooth coffee for cafetiere or pour-over",
              "Perfect for a strong morning cup", "Great with milk in a flat white"],
        zh_brand=["云咖庄园", "山野咖啡"],
        zh_names=["云南小粒咖啡豆 500克 中度烘焙", "云南保山咖啡豆 250克 深度烘焙",
                  "挂耳咖啡 10袋装 果香风味", "冷萃咖啡液 6瓶装", "速溶黑咖啡 40条 无糖"],
        zh_core="新鲜烘焙的阿拉比卡咖啡豆",
        zh_features=["坚果香气", "焦糖甜感", "柔和果酸", "醇厚口感", "巧克力风味", "回甘明显"],
        zh_uses=["适合手冲和意式咖啡", "办公室提神必备", "加奶加冰都好喝"],
    ),
    "Tea": dict(
        size=38, price=(3.5, 22.0), qty=0.5,
        brands=["Leaf & Kettle", "Steep Society", "Hillside Tea", "Camellia"],
        adjs=["English Breakfast", "Earl Grey", "Darjeeling", "Assam", "Jasmine Green", "Sencha",
              "Chamomile", "Peppermint", "Oolong", "Rooibos"],
        nouns=["Loose Leaf Tea 100g", "Tea Bags x40", "Tea Caddy 250g", "Pyramid Tea Bags x20",
               "Loose Tea 500g"],
        core="loose leaf tea picked from high mountain tea gardens",
        features=["a malty body", "a floral aroma", "bright citrus", "honey sweetness", "a smoky finish",
                  "fresh grassy notes", "calming herbs", "a long aftertaste"],
        uses=["Steep the tea for three minutes in freshly boiled water", "Lovely with milk or on its own",
              "Ideal for an afternoon tea break", "Brew hot or pour over ice in summer"],
        zh_brand=["茶语山房", "云岭茶坊", "西子茶庄"],
        zh_names=["云南普洱茶 357克 熟茶饼", "西湖龙井 250克 明前绿茶", "安溪铁观音 500克 清香型",
                  "武夷山大红袍 200克 岩茶", "安吉白茶 100克 礼盒装", "祁门红茶 150克 罐装"],
        zh_core="精选高山茶园的优质茶叶",
        zh_features=["茶香浓郁", "回甘持久", "汤色明亮", "滋味醇厚", "花香清雅", "陈香明显"],
        zh_uses=["适合日常冲泡", "送礼自饮两相宜", "密封避光可长期存放"],
    ),
    "Bakery": dict(
        size=30, price=(1.5, 9.0), qty=1.0,
        brands=["Golden Crust", "Flour & Butter", "Village Bakehouse"],
        adjs=["Sourdough", "Butter", "Almond", "Chocolate", "Cinnamon", "Seeded Rye", "Lemon",
              "Blueberry", "Oat"],
        nouns=["Croissant", "Loaf", "Muffin", "Cookies x6", "Brownie", "Scones x4", "Bun", "Cake Slice"],
        core="baked fresh every morning in our bakery with real butter and stoneground flour",
        features=["a crisp golden crust", "a soft crumb", "rich cocoa", "toasted almonds", "warm spices",
                  "real fruit", "a light glaze", "crunchy seeds"],
        uses=["Best enjoyed warm with a coffee", "Great for breakfast on the go",
              "Keeps for two days in an airtight tin", "Pairs well with a pot of tea"],
        zh_brand=["麦香坊", "稻香村"],
        zh_names=["手撕面包 400克 奶香味", "蛋黄酥 6枚 礼盒", "绿豆糕 12块 传统糕点",
                  "凤梨酥 10枚装", "全麦吐司 切片 500克"],
        zh_core="每日新鲜烘焙的糕点，选用黄油和面粉",
        zh_features=["口感松软", "酥皮香脆", "甜而不腻", "奶香浓郁", "馅料饱满", "低糖配方"],
        zh_uses=["早餐下午茶都合适", "搭配咖啡或茶更美味", "开袋即食"],
    ),
    "Snacks": dict(
        size=32, price=(1.2, 8.0), qty=1.2,
        brands=["Crunch Club", "Nutty Nook", "Snack Lab", "Salt & Field"],
        adjs=["Sea Salt", "Smoked Paprika", "Honey Roasted", "Chilli Lime", "Sweet Chilli",
              "Salted Caramel", "Wasabi", "Cheddar", "Dark Chocolate"],
        nouns=["Crisps 150g", "Mixed Nuts 200g", "Popcorn 100g", "Pretzels", "Rice Crackers",
               "Trail Mix 250g", "Peanuts 300g"],
        core="crunchy snack made for sharing",
        features=["a satisfying crunch", "bold seasoning", "roasted nuts", "a hint of sweetness",
                  "real sea salt", "no artificial colours", "whole grains", "a spicy kick"],
        uses=["Perfect for movie night", "A handy desk snack", "Great with a cold drink",
              "Share with friends at parties"],
        zh_brand=["三只松鼠", "良品小铺"],
        zh_names=["每日坚果 30包 混合装", "麻辣牛肉干 200克", "海苔脆片 原味 100克",
                  "五香瓜子 500克", "芒果干 250克 无添加"],
        zh_core="香脆可口的休闲零食",
        zh_features=["咸香入味", "香辣过瘾", "独立小包装", "无添加防腐剂", "酥脆爽口", "适合分享"],
        zh_uses=["追剧办公好伴侣", "出游野餐必备", "老少皆宜"],
    ),
    "Kitchenware": dict(
        size=36, price=(6.0, 85.0), qty=0.1,
        brands=["Hearth & Home", "BrewCraft", "Ironstone", "Kiln Studio"],
        adjs=["Ceramic", "Glass", "Stainless Steel", "Cast Iron", "Bamboo", "Enamel", "Copper", "Stoneware"],
        nouns=["Pour-Over Dripper", "Teapot 1L", "Mug 350ml", "Cafetiere 8 Cup", "Milk Frother",
               "Burr Coffee Grinder", "Mixing Bowl", "Measuring Spoons Set", "Chopping Board", "Kettle 1.2L"],
        core="durable kitchen tool for everyday cooking and brewing",
        features=["a heat-resistant handle", "dishwasher-safe parts", "a non-slip base",
                  "precise measurements", "an elegant matte finish", "easy-clean surfaces",
                  "even heat distribution", "a lifetime guarantee"],
        uses=["Essential for brewing coffee and tea at home", "Makes everyday cooking easier",
              "A favourite in professional kitchens", "Built to last for years"],
        zh_brand=["景德镇瓷坊", "宜兴壶艺"],
        zh_names=["景德镇陶瓷茶具 一壶四杯", "玻璃公道杯 300毫升", "紫砂壶 宜兴手工 200毫升",
                  "不锈钢手冲壶 细口 600毫升", "竹制茶盘 家用"],
        zh_core="耐用的厨房与茶具用品，适合日常冲泡和烹饪",
        zh_features=["耐高温", "易清洗", "手工制作", "造型典雅", "防烫把手", "做工精细"],
        zh_uses=["泡茶煮咖啡都好用", "家用办公两相宜", "送长辈很体面"],
    ),
    "Stationery": dict(
        size=32, price=(1.5, 30.0), qty=0.9,
        brands=["Inkwell", "Paper Lane", "Notable", "Desk Theory"],
        adjs=["A5 Dotted", "A4 Lined", "Pocket", "Recycled Kraft", "Leather", "Weekly", "Pastel",
              "Linen", "Brass"],
        nouns=["Notebook", "Planner 2026", "Journal", "Fountain Pen", "Gel Pens x5", "Sticky Notes",
               "Pencil Case", "Desk Organiser", "Washi Tape Set"],
        core="stationery for writing, planning and journaling",
        features=["thick 100gsm paper", "a lay-flat binding", "smooth ink flow", "an elastic closure",
                  "numbered pages", "a ribbon bookmark", "acid-free pages", "a refillable design"],
        uses=["Ideal for bullet journaling and notes", "Keeps your desk organised at work",
              "A great choice for students", "Perfect for planning your week"],
        zh_brand=["墨香文具", "晨光"],
        zh_names=["宣纸笔记本 A5 线装", "中性笔 0.5毫米 12支装", "毛笔套装 初学者",
                  "2026年 日程本 周计划", "牛皮纸信封 20个"],
        zh_core="用于书写、记录和计划的文具",
        zh_features=["纸张厚实", "书写顺滑", "不易洇墨", "便于携带", "环保材质", "设计简约"],
        zh_uses=["学生办公都适用", "记录生活点滴", "开学季必备"],
    ),
    "Home decor": dict(
        size=28, price=(5.0, 60.0), qty=0.1,
        brands=["Nest & Nook", "Willow Lane", "Hygge House"],
        adjs=["Scented", "Handwoven", "Linen", "Macrame", "Ceramic", "Rattan", "Velvet", "Botanical",
              "Rustic"],
        nouns=["Candle", "Cushion Cover", "Throw Blanket", "Vase", "Wall Hanging", "Photo Frame",
               "Table Lamp", "Plant Pot", "Storage Basket"],
        core="home decor piece to brighten your living room",
        features=["natural materials", "a soft neutral palette", "hand-finished details",
                  "a calming fragrance", "a cosy texture", "a minimalist design", "warm ambient light",
                  "sustainably sourced fibres"],
        uses=["Adds warmth to any living room or bedroom", "Makes a cosy reading corner",
              "Styled beautifully on shelves and tables", "A finishing touch for your home"],
        zh_brand=["素居", "木白家居"],
        zh_names=["香薰蜡烛 檀香味", "棉麻抱枕套 45厘米", "陶瓷花瓶 北欧风", "编织收纳篮 大号"],
        zh_core="装点客厅和卧室的家居饰品",
        zh_features=["天然材质", "温馨舒适", "手工编织", "清新淡雅", "简约设计", "质感柔软"],
        zh_uses=["让家更有氛围", "乔迁送礼佳品", "百搭各种家居风格"],
    ),
    "Gifts": dict(
        size=32, price=(10.0, 75.0), qty=0.1,
        brands=["Wrapped", "The Gift Room", "Ribbon & Co"],
        adjs=["Coffee Lover's", "Tea Tasting", "Afternoon Tea", "Chocolate", "Pamper", "Christmas",
              "Birthday", "Thank You", "Letterbox"],
        nouns=["Gift Box", "Hamper", "Gift Set", "Advent Calendar", "Gift Card Bundle", "Sampler"],
        core="gift set wrapped and ready to give",
        features=["a handwritten card", "a selection of bestsellers", "luxury packaging", "seasonal treats",
                  "a reusable keepsake tin", "ribbon wrapping", "tasting notes", "a personal message"],
        uses=["A thoughtful present for birthdays and holidays", "Delivered ready to give",
              "Perfect for saying thank you", "Loved by friends and family"],
        zh_brand=["礼享", "福满堂"],
        zh_names=["中秋月饼礼盒 8枚装", "新年茶叶礼盒 双罐装", "春节坚果礼盒 1.5千克",
                  "咖啡礼盒 三种风味", "端午粽子礼盒 10只装"],
        zh_core="精美包装的节日礼盒，送礼首选",
        zh_features=["包装精美", "附赠贺卡", "节日限定", "品质上乘", "分量十足", "寓意吉祥"],
        zh_uses=["送亲友送客户都合适", "节日团购优选", "表达心意的好礼物"],
    ),
    "Personal care": dict(
        size=32, price=(3.0, 28.0), qty=0.4,
        brands=["Bloom Botanics", "Pure Ritual", "Meadow Skin"],
        adjs=["Lavender", "Rose", "Eucalyptus", "Oat Milk", "Shea Butter", "Green Tea", "Citrus",
              "Sandalwood", "Coconut"],
        nouns=["Hand Cream 75ml", "Body Lotion", "Soap Bar", "Bath Salts", "Lip Balm", "Shower Gel 250ml",
               "Face Mask", "Hand Wash"],
        core="gentle personal care product for skin and body",
        features=["natural oils", "a gentle formula", "vitamin E", "a fresh fragrance", "no parabens",
                  "soothing botanicals", "deep hydration", "vegan ingredients"],
        uses=["Suitable for sensitive skin", "A relaxing daily ritual", "Travel-friendly size",
              "Leaves skin soft and smooth"],
        zh_brand=["百草集", "花间集"],
        zh_names=["玫瑰护手霜 50克", "茶树精油皂 100克", "薰衣草沐浴露 500毫升", "润唇膏 蜂蜜味",
                  "绿茶面膜 10片装"],
        zh_core="温和滋润的个人护理用品",
        zh_features=["天然植物成分", "温和不刺激", "清香怡人", "深层保湿", "适合敏感肌", "不含酒精"],
        zh_uses=["四季都能用", "居家旅行必备", "男女通用"],
    ),
}
CATEGORY_NAMES = list(CATEGORIES)

# Shopping personas drive category preferences (and so co-purchase structure).
PERSONAS = {
    "coffee_lover": {"Coffee": 0.45, "Bakery": 0.25, "Kitchenware": 0.15, "Snacks": 0.15},
    "tea_drinker": {"Tea": 0.50, "Snacks": 0.20, "Kitchenware": 0.10, "Gifts": 0.20},
    "home_maker": {"Kitchenware": 0.35, "Home decor": 0.35, "Personal care": 0.15, "Bakery": 0.15},
    "office_worker": {"Stationery": 0.45, "Coffee": 0.25, "Snacks": 0.20, "Tea": 0.10},
    "gift_shopper": {"Gifts": 0.40, "Home decor": 0.20, "Personal care": 0.20, "Stationery": 0.10,
                     "Snacks": 0.10},
    "foodie": {"Bakery": 0.35, "Snacks": 0.35, "Coffee": 0.10, "Tea": 0.20},
}

WEEKDAY_FACTOR = np.array([0.85, 0.82, 0.88, 0.95, 1.08, 1.32, 1.22])  # Mon..Sun
MONTH_FACTOR = np.array([0.92, 0.88, 0.97, 1.00, 1.00, 0.90, 0.80, 0.80, 0.98, 1.05, 1.30, 1.45])
YEARLY_TREND = 1.21  # calibrated so net revenue grows ~15 %/year after churn/new mix

CN_STORES = {
    "上海南京西路店": ("SH01", "Shanghai", 0.22),
    "上海徐家汇店": ("SH02", "Shanghai", 0.14),
    "北京三里屯店": ("BJ01", "Beijing", 0.18),
    "杭州西湖店": ("HZ01", "Hangzhou", 0.12),
    "深圳福田店": ("SZ01", "Shenzhen", 0.13),
    "广州天河店": ("GZ01", "Guangzhou", 0.11),
    "成都春熙路店": ("CD01", "Chengdu", 0.10),
}
SPRING_FESTIVALS = [pd.Timestamp("2024-02-10"), pd.Timestamp("2025-01-29")]


# --------------------------------------------------------------------------
# Calendar
# --------------------------------------------------------------------------

def day_index() -> pd.DatetimeIndex:
    """All calendar days of the simulated two years."""
    return pd.date_range(START, END, freq="D")


def yearly_curve(days: pd.DatetimeIndex) -> np.ndarray:
    """Smooth month-of-year factor, so the summer dip and Q4 peak have no steps."""
    anchors = np.arange(12) * 30.44 + 15.0
    xs = np.concatenate([anchors - 365.25, anchors, anchors + 365.25])
    ys = np.tile(MONTH_FACTOR, 3)
    return np.interp(days.day_of_year.to_numpy() - 1.0, xs, ys)


def demand_curve(rng: np.random.Generator, days: pd.DatetimeIndex) -> np.ndarray:
    """Daily demand multiplier: trend x weekly x yearly x noise, mean 1."""
    t = np.arange(len(days)) / 365.25
    curve = YEARLY_TREND ** t * WEEKDAY_FACTOR[days.day_of_week.to_numpy()] * yearly_curve(days)
    curve[(days.month == 12) & (days.day == 25)] *= 0.3
    curve *= rng.lognormal(0.0, 0.08, len(days))
    return curve / curve.mean()


# --------------------------------------------------------------------------
# Products
# --------------------------------------------------------------------------

def shop_price(rng: np.random.Generator, low: float, high: float) -> float:
    """Retail-looking price ending in .49 or .99."""
    return round(max(np.round(rng.uniform(low, high) * 2) / 2, 1.0) - 0.01, 2)


def english_products(rng: np.random.Generator, cat: str, spec: dict, n: int) -> list[dict]:
    """Adjective x noun names with a category-shared description core."""
    combos = [f"{a} {b}" for a in spec["adjs"] for b in spec["nouns"]]
    rows = []
    for idx in rng.choice(len(combos), size=n, replace=False):
        f1, f2 = rng.choice(spec["features"], size=2, replace=False)
        name = combos[idx]
        desc = f"{name}: {spec['core']} with {f1} and {f2}. {rng.choice(spec['uses'])}."
        rows.append(dict(name=name, category=cat, brand=str(rng.choice(spec["brands"])),
                         unit_price=shop_price(rng, *spec["price"]), description=desc, lang="en"))
    return rows


def chinese_products(rng: np.random.Generator, cat: str, spec: dict) -> list[dict]:
    """Hand-written Chinese names with a Chinese shared description core."""
    rows = []
    for name in spec["zh_names"]:
        f1, f2 = rng.choice(spec["zh_features"], size=2, replace=False)
        desc = f"{name}，{spec['zh_core']}，{f1}，{f2}，{rng.choice(spec['zh_uses'])}。"
        rows.append(dict(name=name, category=cat, brand=str(rng.choice(spec["zh_brand"])),
                         unit_price=shop_price(rng, *spec["price"]), description=desc, lang="zh"))
    return rows


def make_products(rng: np.random.Generator) -> pd.DataFrame:
    """~300 products over nine categories, ~15 % Chinese, in shuffled id order."""
    rows = []
    for cat, spec in CATEGORIES.items():
        rows += english_products(rng, cat, spec, spec["size"] - len(spec["zh_names"]))
        rows += chinese_products(rng, cat, spec)
    products = pd.DataFrame(rows).iloc[rng.permutation(len(rows))].reset_index(drop=True)
    products.insert(0, "product_id", [f"P{i:04d}" for i in range(1, len(products) + 1)])
    rank = rng.permutation(len(products))
    products["popularity"] = 1.0 / (rank + 1.0) ** 0.6
    return products


# --------------------------------------------------------------------------
# Customers
# --------------------------------------------------------------------------

def messy_gender(rng: np.random.Generator, is_female: bool, country: str) -> str:
    """Gender as different source systems spell it: mostly M/F, some words, some 男/女."""
    roll = rng.random()
    zh_share = 0.25 if country == "CN" else 0.02
    if roll < zh_share:
        return "女" if is_female else "男"
    if roll < zh_share + 0.10:
        return "female" if is_female else "male"
    return "F" if is_female else "M"


def phone_number(rng: np.random.Generator, city: str) -> str:
    """UK landline/mobile in international format or an 11-digit Chinese mobile."""
    area = CITIES[city][2]
    if area is None:
        return str(rng.choice(CN_MOBILE_PREFIXES)) + f"{rng.integers(0, 10**8):08d}"
    if rng.random() < 0.3:
        return f"+44 7700 {rng.integers(900000, 1000000)}"
    if area == "20":
        return f"+44 20 {rng.integers(7000, 8000)} {rng.integers(0, 10000):04d}"
    return f"+44 {area} {rng.integers(200, 1000)} {rng.integers(0, 10000):04d}"


def email_address(rng: np.random.Generator, first: str, last: str, country: str, seen: dict) -> str:
    """Plausible, unique e-mail built from the name."""
    domain = rng.choice(CN_DOMAINS if country == "CN" else UK_DOMAINS)
    style = rng.integers(0, 3)
    local = [f"{first}.{last}", f"{first}{last}{rng.integers(1, 99)}", f"{first[0]}{last}"][style].lower()
    address = f"{local}@{domain}"
    seen[address] = seen.get(address, 0) + 1
    if seen[address] > 1:
        address = f"{local}{seen[address]}@{domain}"
    return address


def customer_types(rng: np.random.Generator, n: int) -> np.ndarray:
    """Draw the latent behavioural type of every customer."""
    shares = np.array([spec[0] for spec in CUSTOMER_TYPES.values()])
    return rng.choice(list(CUSTOMER_TYPES), size=n, p=shares / shares.sum())


def signup_dates(rng: np.random.Generator, types: np.ndarray) -> np.ndarray:
    """Signup day offset from START (negative = before the data window)."""
    offsets = rng.integers(-4 * 365, -10, size=len(types))
    new = types == "new"
    offsets[new] = rng.integers(150, N_DAYS - 60, size=new.sum())
    late_one_off = (types == "one_off") & (rng.random(len(types)) < 0.6)
    offsets[late_one_off] = rng.integers(0, N_DAYS - 20, size=late_one_off.sum())
    return offsets


def make_customers(rng: np.random.Generator) -> pd.DataFrame:
    """~3,000 customers with messy gender/phone formats and hidden behaviour columns."""
    n = N_CUSTOMERS
    types = customer_types(rng, n)
    cities = rng.choice(list(CITIES), size=n, p=np.array(CITY_WEIGHTS) / sum(CITY_WEIGHTS))
    female = rng.random(n) < 0.52
    seen: dict[str, int] = {}
    rows = []
    for i in range(n):
        country = CITIES[cities[i]][1]
        first = str(rng.choice(FEMALE_NAMES if female[i] else MALE_NAMES))
        last = str(rng.choice(LAST_NAMES))
        channel_p = [0.30, 0.30, 0.40] if country == "CN" else [0.45, 0.38, 0.17]
        rows.append(dict(
            name=f"{first} {last}",
            email=email_address(rng, first, last, country, seen),
            phone=phone_number(rng, cities[i]),
            city=cities[i], region=CITIES[cities[i]][0],
            gender=messy_gender(rng, bool(female[i]), country),
            channel=str(rng.choice(CHANNELS, p=channel_p)), country=country,
        ))
    customers = pd.DataFrame(rows)
    customers.insert(0, "customer_id", [f"{i:06d}" for i in range(1, n + 1)])
    ages = pd.array(np.clip(rng.normal(41, 13, n).round(), 18, 80).astype("int64"), dtype="Int64")
    ages[rng.random(n) < 0.02] = pd.NA
    customers["age"] = ages
    customers["signup_offset"] = signup_dates(rng, types)
    customers["ctype"] = types
    customers["persona"] = rng.choice(list(PERSONAS), size=n)
    return customers


# --------------------------------------------------------------------------
# Orders
# --------------------------------------------------------------------------

def preference_weights(rng: np.random.Generator, customer: pd.Series, products: pd.DataFrame,
                       cat_codes: np.ndarray) -> np.ndarray:
    """Per-customer product weights: persona categories x popularity x language x favourites."""
    persona = PERSONAS[customer["persona"]]
    base = np.array([persona.get(c, 0.0) for c in CATEGORY_NAMES])
    pref = 0.85 * base + 0.15 * rng.dirichlet(np.ones(len(CATEGORY_NAMES)))
    lang_boost = np.where(products["lang"].to_numpy() == "zh",
                          4.0 if customer["country"] == "CN" else 0.5, 1.0)
    weights = pref[cat_codes] * products["within_cat_pop"].to_numpy() * lang_boost
    favourites = rng.choice(len(products), size=rng.integers(4, 10), replace=False,
                            p=weights / weights.sum())
    weights[favourites] *= 10.0
    return weights / weights.sum()


def active_window(rng: np.random.Generator, ctype: str, signup: int) -> tuple[int, int, float]:
    """First day, last day and end-of-window intensity (decay) for one customer."""
    first = max(signup, 0)
    if ctype == "churned":
        last = int(rng.integers(max(first + 30, 60), N_DAYS - 90))
        return first, last, 0.25
    return first, N_DAYS - 1, 1.0


def order_days(rng: np.random.Generator, customer: pd.Series, demand: np.ndarray) -> np.ndarray:
    """Sample order days from a non-homogeneous Poisson process over the active window."""
    _, rate, _ = CUSTOMER_TYPES[customer["ctype"]]
    first, last, end_level = active_window(rng, customer["ctype"], int(customer["signup_offset"]))
    intensity = demand[first:last + 1] * np.linspace(1.0, end_level, last - first + 1)
    if customer["ctype"] == "one_off":
        n = 1 + int(rng.random() < 0.1)
        if customer["signup_offset"] >= 0:
            intensity = intensity[:30]
    else:
        expected = rate * rng.gamma(3.0, 1.0 / 3.0) / 365.25 * intensity.sum()
        n = max(1, int(rng.poisson(expected)))
    return np.sort(first + rng.choice(len(intensity), size=n, p=intensity / intensity.sum()))


def order_seconds(rng: np.random.Generator, channel: str) -> int:
    """Second of day: shops trade 9-20h, online peaks in the evening."""
    if channel == "store":
        hour = rng.choice(np.arange(9, 20), p=np.array([3, 5, 7, 10, 9, 6, 6, 7, 9, 8, 5]) / 75)
    else:
        evening_peak = np.array([2, 4, 5, 5, 6, 7, 6, 5, 5, 5, 6, 7, 9, 10, 9, 6, 3]) / 100
        hour = rng.choice(np.arange(7, 24), p=evening_peak)
    return int(hour) * 3600 + int(rng.integers(0, 3600))


def line_quantity(rng: np.random.Generator, cat_qty: float) -> int:
    """Mostly small quantities, occasionally a bulk buy."""
    qty = 1 + int(rng.poisson(cat_qty))
    return qty * int(rng.integers(6, 13)) if rng.random() < 0.01 else qty


def line_price(rng: np.random.Generator, price: float, month: int) -> float:
    """List price with occasional promotions, more of them in Q4."""
    if rng.random() < (0.15 if month >= 11 else 0.05):
        return round(price * float(rng.choice([0.9, 0.8, 0.75])), 2)
    return price


def basket_lines(rng: np.random.Generator, weights: np.ndarray, extra_lines: float, day: int,
                 channel: str, customer_id: str, products: pd.DataFrame, order_key: int) -> list[tuple]:
    """Distinct product lines of one order."""
    k = min(1 + int(rng.poisson(extra_lines)), 8)
    seconds = order_seconds(rng, channel)
    month = (START + pd.Timedelta(days=int(day))).month
    picks = rng.choice(len(products), size=k, replace=False, p=weights)
    prices = products["unit_price"].to_numpy()
    qtys = products["cat_qty"].to_numpy()
    return [(order_key, day, seconds, customer_id, int(p), line_quantity(rng, qtys[p]),
             line_price(rng, float(prices[p]), month), channel) for p in picks]


def simulate_customer_orders(rng: np.random.Generator, customers: pd.DataFrame, products: pd.DataFrame,
                             demand: np.ndarray) -> list[tuple]:
    """Order lines for every registered customer."""
    cat_codes = products["category"].map({c: i for i, c in enumerate(CATEGORY_NAMES)}).to_numpy()
    lines: list[tuple] = []
    key = 0
    for _, cust in customers.iterrows():
        weights = preference_weights(rng, cust, products, cat_codes)
        extra = CUSTOMER_TYPES[cust["ctype"]][2]
        for day in order_days(rng, cust, demand):
            channel = cust["channel"] if rng.random() < 0.75 else str(rng.choice(CHANNELS))
            lines += basket_lines(rng, weights, extra, int(day), channel, cust["customer_id"], products, key)
            key += 1
    return lines


def simulate_guest_orders(rng: np.random.Generator, products: pd.DataFrame, demand: np.ndarray,
                          first_key: int, n_orders: int) -> list[tuple]:
    """Guest checkouts (no customer id) buying by global popularity."""
    weights = products["popularity"].to_numpy() / products["popularity"].sum()
    days = np.sort(rng.choice(N_DAYS, size=n_orders, p=demand / demand.sum()))
    lines: list[tuple] = []
    for i, day in enumerate(days):
        channel = str(rng.choice(["web", "store"], p=[0.7, 0.3]))
        lines += basket_lines(rng, weights, 0.5, int(day), channel, "", products, first_key + i)
    return lines


def lines_frame(lines: list[tuple]) -> pd.DataFrame:
    """Tuple list -> typed frame."""
    cols = ["order_key", "day", "seconds", "customer_id", "product_idx", "quantity", "unit_price", "channel"]
    return pd.DataFrame(lines, columns=cols)


def add_returns(rng: np.random.Generator, sales: pd.DataFrame, ctype_of: dict) -> pd.DataFrame:
    """Return lines (negative quantity) 1-30 days after purchase; churners return more."""
    ctype = sales["customer_id"].map(ctype_of).fillna("guest")
    p = np.where(ctype == "churned", 0.045, np.where(ctype == "guest", 0.0, 0.017))
    picked = sales[rng.random(len(sales)) < p].copy()
    offsets = rng.integers(1, 31, size=sales["order_key"].max() + 1)
    picked["day"] = picked["day"] + offsets[picked["order_key"].to_numpy()]
    picked = picked[picked["day"] < N_DAYS].copy()
    picked["seconds"] = 9 * 3600 + rng.integers(0, 11 * 3600, size=len(picked))
    picked["seconds"] = picked.groupby("order_key")["seconds"].transform("first")
    picked["quantity"] = -rng.integers(1, picked["quantity"].to_numpy() + 1)
    picked["is_return"] = True
    return picked


def assign_invoices(lines: pd.DataFrame) -> pd.DataFrame:
    """Sequential invoice numbers in time order; returns get a 'C' prefix."""
    keys = lines[["order_key", "is_return", "day", "seconds"]].drop_duplicates(["order_key", "is_return"])
    keys = keys.sort_values(["day", "seconds", "is_return", "order_key"], kind="stable")
    keys = keys.reset_index(drop=True)
    numbers = (FIRST_INVOICE + keys.index).astype(str)
    keys["invoice_no"] = np.where(keys["is_return"], "C" + numbers, numbers)
    merged = lines.merge(keys[["order_key", "is_return", "invoice_no"]], on=["order_key", "is_return"])
    return merged.sort_values(["day", "seconds", "invoice_no", "product_idx"], kind="stable")


def add_dirt(rng: np.random.Generator, orders: pd.DataFrame) -> pd.DataFrame:
    """A handful of exact duplicate lines and free (zero-price) lines on purpose."""
    orders = orders.reset_index(drop=True)
    sale_rows = np.flatnonzero(~orders["is_return"].to_numpy())
    free = rng.choice(sale_rows, size=8, replace=False)
    orders.loc[free, "unit_price"] = 0.0
    dupes = orders.iloc[np.sort(rng.choice(len(orders), size=12, replace=False))]
    return pd.concat([orders, dupes]).sort_index(kind="stable").reset_index(drop=True)


def format_orders(orders: pd.DataFrame, products: pd.DataFrame) -> pd.DataFrame:
    """Final column set and text formats of orders.csv."""
    stamps = START + pd.to_timedelta(orders["day"], unit="D") + pd.to_timedelta(orders["seconds"], unit="s")
    return pd.DataFrame({
        "invoice_no": orders["invoice_no"].to_numpy(),
        "invoice_date": stamps.dt.strftime("%Y-%m-%d %H:%M:%S").to_numpy(),
        "customer_id": orders["customer_id"].to_numpy(),
        "product_id": products["product_id"].to_numpy()[orders["product_idx"].to_numpy()],
        "quantity": orders["quantity"].to_numpy(),
        "unit_price": orders["unit_price"].to_numpy(),
        "amount": np.round(orders["quantity"].to_numpy() * orders["unit_price"].to_numpy(), 2),
        "channel": orders["channel"].to_numpy(),
    })


def make_orders(rng: np.random.Generator, customers: pd.DataFrame, products: pd.DataFrame,
                demand: np.ndarray) -> pd.DataFrame:
    """Full order-line table: customer and guest sales, returns, invoices, dirt."""
    sales = lines_frame(simulate_customer_orders(rng, customers, products, demand))
    n_guest_orders = int(len(sales) * 0.01 / 1.5)
    guests = lines_frame(simulate_guest_orders(rng, products, demand, sales["order_key"].max() + 1,
                                               n_guest_orders))
    sales = pd.concat([sales, guests], ignore_index=True)
    sales["is_return"] = False
    ctype_of = dict(zip(customers["customer_id"], customers["ctype"], strict=True))
    lines = pd.concat([sales, add_returns(rng, sales, ctype_of)], ignore_index=True)
    return format_orders(add_dirt(rng, assign_invoices(lines)), products)


# --------------------------------------------------------------------------
# Chinese store export
# --------------------------------------------------------------------------

def cn_demand_curve(rng: np.random.Generator, days: pd.DatetimeIndex) -> np.ndarray:
    """Chinese calendar: Spring Festival run-up, holiday lull and the 11.11 spike."""
    curve = demand_curve(rng, days)
    for festival in SPRING_FESTIVALS:
        delta = (days - festival).days
        curve[(delta >= -14) & (delta < 0)] *= 1.8
        curve[(delta >= 0) & (delta <= 6)] *= 0.6
    curve[(days.month == 11) & (days.day >= 9) & (days.day <= 11)] *= 1.6
    return curve


def cn_customer_pools(customers: pd.DataFrame) -> dict[str, np.ndarray]:
    """Registered CRM customers per store city (the id overlap with customers.csv)."""
    cities = sorted({v[1] for v in CN_STORES.values()})
    return {c: customers.loc[customers["city"] == c, "customer_id"].to_numpy() for c in cities}


def make_store_sales_cn(rng: np.random.Generator, customers: pd.DataFrame,
                        products: pd.DataFrame) -> pd.DataFrame:
    """~5k daily line items of a Chinese chain, CNY prices, Chinese headers."""
    days = day_index()
    curve = cn_demand_curve(rng, days)
    zh = products[products["lang"] == "zh"].reset_index(drop=True)
    zh_weights = zh["popularity"].to_numpy() / zh["popularity"].sum()
    cny_price = np.round(zh["unit_price"].to_numpy() * 9.0)
    stores = list(CN_STORES)
    store_p = np.array([CN_STORES[s][2] for s in stores])
    pools = cn_customer_pools(customers)
    rows = []
    for d, day in enumerate(days):
        seq = {s: 0 for s in stores}
        for _ in range(rng.poisson(3.15 * curve[d])):
            store = str(rng.choice(stores, p=store_p / store_p.sum()))
            code, city, _ = CN_STORES[store]
            seq[store] += 1
            if rng.random() < 0.35:
                member = str(rng.choice(pools[city]))
            else:
                member = f"{rng.integers(20001, 21800):06d}"
            order_no = f"{code}{day:%Y%m%d}{seq[store]:04d}"
            for p in rng.choice(len(zh), size=min(1 + rng.poisson(1.2), 6), replace=False, p=zh_weights):
                price = round(cny_price[p] * (0.88 if rng.random() < 0.1 else 1.0), 2)
                qty = 1 + int(rng.poisson(0.5))
                rows.append((f"{day:%Y/%m/%d}", store, member, order_no, zh.loc[p, "name"], qty, price,
                             round(qty * price, 2)))
    return pd.DataFrame(rows, columns=["日期", "门店", "客户编号", "订单号", "商品", "数量", "单价", "金额"])


# --------------------------------------------------------------------------
# FAQ and support questions
# --------------------------------------------------------------------------

# (category, question, answer, paraphrases used to create support questions)
FAQ_ENTRIES = [
    ("shipping", "How long does standard delivery take?",
     "Standard UK delivery takes 2-4 working days; international orders usually arrive within "
     "7-12 working days.",
     ["how many days until my parcel arrives with normal shipping",
      "When will my order get here if I pick the regular delivery option?",
      "what is the usual delivery time", "standard shipping - how long does it take to arrive"]),
    ("shipping", "Do you ship internationally?",
     "Yes, we ship to over 40 countries. Shipping costs and import duties are shown at checkout.",
     ["can you send orders abroad", "Is delivery available outside the UK, for example to Germany?",
      "do u deliver to other countries", "overseas shipping possible?"]),
    ("shipping", "How can I track my order?",
     "When your order ships we email you a tracking link. You can also see the status under My Orders.",
     ["where can i see where my parcel is", "Is there a tracking number for my package?",
      "I want to follow my delivery online, how?", "order status - where do I check it"]),
    ("shipping", "How much does shipping cost?",
     "Delivery is free on orders over £40; below that standard delivery costs £3.95 and express £6.95.",
     ["what are the delivery fees", "Is postage free if I spend enough?",
      "how much do you charge for delivery", "minimum spend for free shipping?"]),
    ("shipping", "Can I change my delivery address after ordering?",
     "You can change the address within one hour of ordering in My Orders; after that contact support "
     "before the order ships.",
     ["I put the wrong address on my order, can i fix it",
      "how do I update the shipping address on an order I already placed",
      "moved house, need to change where my order is delivered", "wrong adress entered at checkout"]),
    ("shipping", "Do you offer click and collect?",
     "Yes, choose Click & Collect at checkout and pick up your order from any of our stores, usually the "
     "next day.",
     ["can i pick up my online order in a shop", "Is collecting in store an option instead of home delivery?",
      "buy online and collect at the store possible?",
      "can I grab my order from your shop rather than have it posted"]),
    ("shipping", "国际订单多久能送到中国？",
     "寄往中国大陆的订单通常在7到12个工作日内送达，清关可能会延长配送时间。",
     ["寄到国内大概要几天", "从英国发货到上海需要多长时间", "海外订单到中国一般多久能收到",
      "请问发到北京要等多久"]),
    ("shipping", "运费怎么计算？",
     "订单满300元免运费，不满300元收取25元运费，偏远地区另加运费。",
     ["邮费是多少", "买多少钱可以包邮", "运费怎么收的", "不满额的话要付多少快递费"]),
    ("returns", "What is your return policy?",
     "You can return unused items in their original packaging within 30 days of delivery for a full refund.",
     ["how many days do i have to send something back", "Can I return an item I don't want anymore?",
      "return window - how long?", "is it possible to give back products I bought last week"]),
    ("returns", "How do I return an online order?",
     "Sign in, open My Orders, choose Return item and print the prepaid label. Drop the parcel at any "
     "post office.",
     ["what are the steps to send back an online purchase", "where do I get a return label",
      "how to start a return for something i ordered on the website", "process for returning a web order?"]),
    ("returns", "When will I get my refund?",
     "Refunds go to the original payment method within 5 working days after we receive the returned item.",
     ["I sent my return two weeks ago, where is my money", "how long does the refund take to show up",
      "refund still not received, how long does it usually take?",
      "when is the money paid back after a return"]),
    ("returns", "Can I exchange an item for a different size or colour?",
     "Yes, exchanges are free within 30 days. Start a return and select Exchange instead of Refund.",
     ["can I swap my product for another colour", "want a different size, is exchange possible",
      "how do I exchange instead of getting a refund", "could i trade this for the blue version"]),
    ("returns", "Can I return an online purchase to a store?",
     "Yes, online orders can be returned at any of our stores with the order confirmation email.",
     ["can i bring back something i bought online to your shop",
      "Is in-store return allowed for website orders?",
      "return web order in person at the store?", "do shops accept returns from online purchases"]),
    ("returns", "如何申请退货？",
     "在“我的订单”中选择需要退货的商品，填写退货原因并提交，审核通过后按提示寄回即可。",
     ["退货流程是怎样的", "我想退掉买的东西，要怎么操作", "在哪里提交退货申请", "买错了想退货怎么办"]),
    ("returns", "退款多久到账？",
     "收到退货后5个工作日内原路退款，银行处理可能需要额外1到3天。",
     ["退款什么时候能收到", "钱多久退回来", "退货寄回去了，退款要等几天", "请问退款一般几天到账"]),
    ("payment", "What payment methods do you accept?",
     "We accept Visa, Mastercard, American Express, PayPal, Apple Pay, Google Pay, Alipay and WeChat Pay.",
     ["which cards can i pay with", "Do you take PayPal?", "can I use apple pay on your website",
      "what ways can I pay for my order"]),
    ("payment", "Is it safe to pay by card on your website?",
     "Yes, all payments are encrypted and handled by PCI-compliant providers; we never store your full "
     "card number.",
     ["is my credit card information secure", "do you keep my card details",
      "how safe is checkout on your site",
      "worried about card fraud when paying online"]),
    ("payment", "Why was my payment declined?",
     "Payments are usually declined because of a billing address mismatch, insufficient funds or a bank "
     "security check. Check the details or contact your bank.",
     ["my card keeps getting rejected at checkout", "payment failed, why",
      "Why won't the website accept my card?",
      "transaction declined error when paying"]),
    ("payment", "Can I pay in instalments?",
     "Yes, orders over £60 can be split into three interest-free payments with Klarna at checkout.",
     ["do you offer buy now pay later", "can I split the payment into monthly parts", "is klarna available",
      "pay over 3 months possible?"]),
    ("payment", "可以用支付宝或微信支付吗？",
     "可以，结账时选择支付宝或微信支付，扫码即可完成付款。",
     ["支持微信付款吗", "能不能用支付宝买单", "付款可以用微信扫码吗", "你们收支付宝吗"]),
    ("payment", "可以开发票吗？",
     "可以，下单时填写发票抬头和税号，电子发票会在发货后发送到您的邮箱。",
     ["怎么开票", "公司报销需要发票，能开吗", "电子发票在哪里申请", "下单后还能补开发票吗"]),
    ("account", "How do I reset my password?",
     "Click Forgot password on the sign-in page and follow the link we email you. The link is valid for "
     "24 hours.",
     ["i forgot my password", "can't log in, need a new password", "how to change my login password",
      "password reset link not working, how do i get a new one"]),
    ("account", "How do I update my email address?",
     "Go to Account settings, choose Personal details and enter your new email address; we send a "
     "confirmation link.",
     ["I want to change the email on my account", "new email adress, how do i update my profile",
      "where can i edit my contact email", "switch the email linked to my account"]),
    ("account", "How do I delete my account?",
     "Send a deletion request from Account settings > Privacy. We remove your personal data within 30 days, "
     "except records we must keep by law.",
     ["please close my account", "i want to remove my profile and data",
      "how can I cancel my account completely", "erase my account"]),
    ("account", "Can I order without creating an account?",
     "Yes, you can check out as a guest; you still receive order and tracking emails.",
     ["do i need to register to buy something", "Is guest checkout possible?", "can I buy without signing up",
      "must I make an account to place an order"]),
    ("account", "How do I unsubscribe from marketing emails?",
     "Click Unsubscribe at the bottom of any newsletter or turn off marketing emails in Account settings.",
     ["stop sending me newsletters", "too many promo emails, how do i opt out",
      "how to turn off marketing mails",
      "remove me from your mailing list"]),
    ("account", "忘记密码怎么办？",
     "在登录页点击“忘记密码”，通过手机验证码即可重置密码。",
     ["密码忘了登不上去", "怎么重置登录密码", "登录不了，想改密码", "找回密码在哪里"]),
    ("products", "Are your coffee beans freshly roasted?",
     "Yes, our beans are roasted in small batches every week and shipped within 7 days of roasting.",
     ["how fresh is the coffee", "when was the coffee roasted",
      "are the beans roasted recently before shipping",
      "roast date of your coffee beans?"]),
    ("products", "Do you sell decaf coffee?",
     "Yes, we offer Swiss Water decaf beans and decaf ground coffee in the Coffee section.",
     ["have u got decaffeinated coffee", "any coffee without caffeine?", "looking for decaf beans",
      "caffeine free coffee available?"]),
    ("products", "Will an out-of-stock item come back?",
     "Most items are restocked within 2-3 weeks. Click Notify me on the product page to get an email when "
     "it is back.",
     ["when will this product be available again", "item sold out, restock date?",
      "can I be told when something is back in stock", "is the sold out teapot coming back"]),
    ("products", "Are your products suitable for vegans?",
     "Vegan products carry a green V label; the full ingredient list is on every product page.",
     ["which items are vegan", "do your snacks contain animal products",
      "how do I know if something is vegan",
      "vegan friendly products?"]),
    ("products", "Do you offer gift wrapping?",
     "Yes, gift wrapping with a handwritten card is available at checkout for £3.50 per item.",
     ["can you wrap my order as a present", "is gift wrap available",
      "I want to send this as a gift with a note",
      "present wrapping option?"]),
    ("products", "茶叶的保质期是多久？",
     "绿茶建议18个月内饮用，普洱茶和白茶密封避光保存可以长期存放。",
     ["普洱茶能放多久", "茶叶过期了还能喝吗", "买的绿茶保质期多长", "茶叶怎么保存，能存几年"]),
    ("loyalty", "How does the loyalty programme work?",
     "You earn 1 point for every £1 spent. 100 points give you £5 off your next order.",
     ["how do i earn points", "explain the rewards scheme please", "what do I get for being a member",
      "how many points per pound"]),
    ("loyalty", "Do loyalty points expire?",
     "Points expire 12 months after your last purchase, so any new order keeps them active.",
     ["will my points run out", "how long are reward points valid", "do points have an expiry date",
      "lost my points after a year?"]),
    ("loyalty", "How do I redeem my points?",
     "At checkout select Use points; every 100 points take £5 off your order total.",
     ["how can i spend my reward points", "use points for a discount how",
      "where do I apply my loyalty points",
      "can I pay with points"]),
    ("loyalty", "Is there a birthday reward?",
     "Members get a 15% birthday discount code by email during their birthday month.",
     ["do i get something on my birthday", "birthday discount for members?",
      "any special offer for birthdays",
      "when do I receive the birthday coupon"]),
    ("loyalty", "Can I combine loyalty points with a discount code?",
     "Yes, points can be used together with one discount code per order.",
     ["can i use a promo code and my points together", "points plus voucher on the same order?",
      "does using points cancel my discount code", "stack reward points with coupon"]),
    ("loyalty", "会员积分怎么获得？",
     "每消费1元积1分，积分可以在下次购物时抵扣现金。",
     ["积分怎么算", "买东西可以攒积分吗", "怎样才能获得会员积分", "消费多少钱积一分"]),
    ("loyalty", "积分可以兑换什么？",
     "积分可以兑换优惠券、试吃礼包和限量周边，详情请在会员中心查看。",
     ["积分能换什么东西", "会员积分有什么用", "在哪里用积分兑换礼品", "积分可以换优惠券吗"]),
]

# Themes with no FAQ yet: they should cluster into "FAQ entries to write next".
UNCOVERED_THEMES = {
    "jobs": (22, [
        "Are you hiring at the {city} store?", "Do you have any part-time jobs for students?",
        "How can I apply for a barista position in {city}?", "I'd like to send my CV, who should I contact?",
        "Any summer job openings in your shops?", "Is there a graduate scheme or internship?",
        "Are there vacancies in your warehouse team?", "Can I work weekends only at the {city} shop?",
        "请问{cn_city}门店还招人吗？", "你们招聘兼职店员吗？",
    ]),
    "damaged_item": (22, [
        "My {item} arrived broken, can I send you a photo?",
        "The {item} was cracked in the box, photo attached",
        "Received a damaged parcel, where do I upload pictures of the {item}?",
        "{item} smashed during delivery, I have photos", "the {item} came chipped, see the picture I took",
        "Parcel crushed and the {item} inside is broken, what now? I can email photos",
        "收到的{cn_item}碎了，照片怎么发给你们？", "快递到了{cn_item}有裂痕，我拍了照片",
    ]),
    "partnership": (18, [
        "We run a cafe in {city} and want to stock your coffee wholesale",
        "Do you offer trade prices for hotels and restaurants?",
        "I'm an influencer interested in a paid collaboration",
        "Could our brand partner with you for a pop-up?",
        "We make handmade ceramics and would love to become a supplier",
        "Who handles corporate partnerships and B2B accounts?",
        "Interested in selling your tea in our {city} shop",
        "我们是一家咖啡馆，想批发你们的茶叶，怎么合作？",
    ]),
    "sustainability": (14, [
        "Is your packaging recyclable?", "Why do you use so much plastic in deliveries?",
        "Can I send empty coffee bags back for recycling?", "Are your tea bags plastic free?",
        "What is your carbon footprint policy?", "Do you use compostable packaging for the {item}?",
        "包装可以回收吗？",
    ]),
    "events": (10, [
        "Do you run coffee tasting classes in {city}?", "Can I book a tea workshop for my team?",
        "Are there latte art courses at the {city} shop?", "Do you host private events in store?",
        "Any brewing masterclass coming up?",
    ]),
    "misc": (4, [
        "What's the wifi password in the {city} store?", "Can I bring my dog into the shop?",
        "Is parking free at the {city} store?", "Do you sell your store playlist?",
    ]),
}
DAMAGED_ITEMS = ["mug", "teapot", "vase", "glass jar", "candle holder", "cafetiere", "plate"]
CN_DAMAGED_ITEMS = ["杯子", "茶壶", "花瓶", "玻璃公道杯", "盘子"]
EN_GREETINGS = ["", "", "", "Hi, ", "Hello! ", "hey ", "Good morning, ", "Hi there - "]
EN_CLOSINGS = ["", "", "", " Thanks.", " thank you", " Cheers!", " Thanks in advance", "??"]
ZH_GREETINGS = ["", "", "你好，", "您好，", "请问", "客服你好，"]
ZH_CLOSINGS = ["", "", "？", "，谢谢", "。", "，麻烦了"]


def make_faq() -> pd.DataFrame:
    """FAQ table (ids in listing order)."""
    return pd.DataFrame({
        "faq_id": [f"F{i:03d}" for i in range(1, len(FAQ_ENTRIES) + 1)],
        "question": [e[1] for e in FAQ_ENTRIES],
        "answer": [e[2] for e in FAQ_ENTRIES],
        "category": [e[0] for e in FAQ_ENTRIES],
    })


def is_chinese(text: str) -> bool:
    """True if the text contains CJK characters."""
    return any("\u4e00" <= ch <= "\u9fff" for ch in text)


def add_typo(rng: np.random.Generator, text: str) -> str:
    """Swap or drop a letter in one longer word, like a hurried typist."""
    words = text.split(" ")
    long_words = [i for i, w in enumerate(words) if len(w) >= 5 and w.isalpha()]
    if not long_words:
        return text
    i = int(rng.choice(long_words))
    w = words[i]
    j = int(rng.integers(1, len(w) - 2))
    words[i] = w[:j] + w[j + 1] + w[j] + w[j + 2:] if rng.random() < 0.6 else w[:j] + w[j + 1:]
    return " ".join(words)


def perturb(rng: np.random.Generator, text: str) -> str:
    """Greeting, closing, casing and typo noise so no question matches the FAQ verbatim."""
    if is_chinese(text):
        body = text.rstrip("？?。")
        return f"{rng.choice(ZH_GREETINGS)}{body}{rng.choice(ZH_CLOSINGS)}"
    body = add_typo(rng, text) if rng.random() < 0.35 else text
    body = body.lower() if rng.random() < 0.3 else body
    return f"{rng.choice(EN_GREETINGS)}{body}{rng.choice(EN_CLOSINGS)}"


def fill_slots(rng: np.random.Generator, template: str) -> str:
    """Fill {city}/{item} placeholders of an uncovered-theme template."""
    uk_cities = [c for c, v in CITIES.items() if v[1] == "UK"]
    return template.format(
        city=rng.choice(uk_cities), item=rng.choice(DAMAGED_ITEMS),
        cn_city=rng.choice(["上海", "北京", "杭州", "深圳", "广州", "成都"]),
        cn_item=rng.choice(CN_DAMAGED_ITEMS),
    )


def unique_question(rng: np.random.Generator, sources: list[str], seen: set, themed: bool) -> str:
    """Draw noisy variants of the source texts until one is new (bounded retries stay deterministic)."""
    text = ""
    for _ in range(50):
        base = str(rng.choice(sources))
        text = perturb(rng, fill_slots(rng, base) if themed else base)
        if text not in seen:
            break
    seen.add(text)
    return text


def covered_questions(rng: np.random.Generator, n_total: int, seen: set) -> list[tuple[str, str]]:
    """Paraphrased questions with their FAQ id; shipping/returns asked most often."""
    base_weight = {"shipping": 1.6, "returns": 1.5, "payment": 1.0, "account": 1.0, "products": 0.8,
                   "loyalty": 0.8}
    weights = np.array([base_weight[e[0]] for e in FAQ_ENTRIES])
    counts = 3 + rng.multinomial(n_total - 3 * len(FAQ_ENTRIES), weights / weights.sum())
    rows = []
    for i, (entry, count) in enumerate(zip(FAQ_ENTRIES, counts, strict=True)):
        for _ in range(count):
            text = unique_question(rng, entry[3], seen, themed=False)
            rows.append((text, f"F{i + 1:03d}"))
    return rows


def uncovered_questions(rng: np.random.Generator, seen: set) -> list[tuple[str, str]]:
    """Off-topic questions drawn from recurring themes, no FAQ id."""
    rows = []
    for count, templates in UNCOVERED_THEMES.values():
        for _ in range(count):
            text = unique_question(rng, templates, seen, themed=True)
            rows.append((text, ""))
    return rows


def make_support_questions(rng: np.random.Generator) -> pd.DataFrame:
    """~300 incoming questions (70 % paraphrase an FAQ), ids in arrival order."""
    seen: set = set()
    rows = covered_questions(rng, 210, seen) + uncovered_questions(rng, seen)
    span = int((pd.Timestamp("2025-12-31 23:59:59") - pd.Timestamp("2025-07-01")).total_seconds())
    offsets = np.sort(rng.integers(0, span, len(rows)))
    created = pd.Timestamp("2025-07-01") + pd.to_timedelta(offsets, unit="s")
    order = rng.permutation(len(rows))
    return pd.DataFrame({
        "question_id": [f"Q{i:04d}" for i in range(1, len(rows) + 1)],
        "question": [rows[k][0] for k in order],
        "faq_id": [rows[k][1] for k in order],
        "created_at": created.strftime("%Y-%m-%d %H:%M:%S"),
    })


# --------------------------------------------------------------------------
# Output
# --------------------------------------------------------------------------

def write_csv(df: pd.DataFrame, name: str, encoding: str = "utf-8") -> None:
    """Write with fixed line endings and float format so reruns are byte-identical."""
    df.to_csv(OUT_DIR / name, index=False, encoding=encoding, lineterminator="\n", float_format="%.2f")


def public_customers(customers: pd.DataFrame) -> pd.DataFrame:
    """Drop the hidden simulation columns; turn the signup offset into an ISO date."""
    signup = START + pd.to_timedelta(customers["signup_offset"], unit="D")
    out = customers[["customer_id", "name", "email", "phone", "city", "region", "gender", "age"]].copy()
    out["signup_date"] = signup.dt.strftime("%Y-%m-%d")
    out["channel"] = customers["channel"]
    return out


def main() -> None:
    """Generate every sample file from one seeded RNG."""
    rng = np.random.default_rng(SEED)
    demand = demand_curve(rng, day_index())
    products = make_products(rng)
    cat_total = products.groupby("category")["popularity"].transform("sum")
    products["within_cat_pop"] = products["popularity"] / cat_total
    products["cat_qty"] = products["category"].map({c: s["qty"] for c, s in CATEGORIES.items()})
    customers = make_customers(rng)
    orders = make_orders(rng, customers, products, demand)
    store_cn = make_store_sales_cn(rng, customers, products)
    write_csv(public_customers(customers), "customers.csv")
    product_cols = ["product_id", "name", "category", "brand", "unit_price", "description"]
    write_csv(products[product_cols], "products.csv")
    write_csv(orders, "orders.csv")
    write_csv(store_cn, "store_sales_cn.csv", encoding="gb18030")
    write_csv(make_faq(), "faq.csv")
    write_csv(make_support_questions(rng), "support_questions.csv")


if __name__ == "__main__":
    main()
