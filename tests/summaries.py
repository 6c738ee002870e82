"""Customer summaries made from the sample purchase log, so the truth is known: a Shopify-like
customers export and a 有赞-like 会员导出 (GB18030, Chinese headers, times with seconds), one row
per customer with the first and last order, the order count and the total spent."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from crm_core.load.reader import load_file
from crm_core.segment.features import customer_features


def log_features(con) -> pd.DataFrame:
    """The sample ``orders`` log's own features per customer (the truth a summary must give back)."""
    return customer_features(con, "orders").frame


def _summary(con) -> pd.DataFrame:
    people = con.execute("SELECT CAST(customer_id AS VARCHAR) AS customer_id, city, phone "
                         "FROM customers").df()
    return log_features(con).merge(people, on="customer_id", how="left")


def load_shopify(con, folder: Path, name: str = "customers_export") -> str:
    """``Customer ID, City, First Order Date, Last Order Date, Total Orders, Total Spent``, loaded."""
    found = _summary(con)
    frame = pd.DataFrame({"Customer ID": found["customer_id"], "City": found["city"],
                          "First Order Date": found["first_order"].dt.strftime("%Y-%m-%d"),
                          "Last Order Date": found["last_order"].dt.strftime("%Y-%m-%d"),
                          "Total Orders": found["frequency"], "Total Spent": found["monetary"].round(2)})
    path = folder / f"{name}.csv"
    frame.to_csv(path, index=False)
    return load_file(con, path)[0].table


def load_youzan(con, folder: Path) -> str:
    """会员卡号, 手机号, 累计消费金额, 累计消费次数, 首次消费时间, 最近消费时间 (GB18030), loaded."""
    found = _summary(con)
    frame = pd.DataFrame({"会员卡号": "VIP" + found["customer_id"], "手机号": found["phone"],
                          "累计消费金额": found["monetary"].round(2), "累计消费次数": found["frequency"],
                          "首次消费时间": found["first_order"].dt.strftime("%Y/%m/%d 10:%M:%S"),
                          "最近消费时间": found["last_order"].dt.strftime("%Y/%m/%d 18:%M:%S")})
    path = folder / "会员导出.csv"
    frame.to_csv(path, index=False, encoding="gb18030")
    return load_file(con, path)[0].table
