"""Labelled customer tables shaped like IBM Telco churn and the bank churn set (`Exited`), with
the published sets' relationships between the label and the columns, so scores mean something:
short tenure, month-to-month contracts, fiber optic and electronic checks churn more (Telco);
ages 45–60, Germany, inactive members and 3–4 products leave more (bank). Each frame carries the
true churn probability in ``_p`` (drop it before loading)."""

from __future__ import annotations

import numpy as np
import pandas as pd


def _sigmoid(x):
    return 1 / (1 + np.exp(-x))


def telco(n: int = 2000, seed: int = 0) -> pd.DataFrame:
    """IBM Telco's columns; Month-to-month is the most common contract (55 %) and churns most."""
    rng = np.random.default_rng(seed)
    contract = rng.choice(["Month-to-month", "One year", "Two year"], n, p=[0.55, 0.21, 0.24])
    tenure = np.where(contract == "Month-to-month", rng.integers(0, 50, n), rng.integers(0, 73, n))
    internet = rng.choice(["DSL", "Fiber optic", "No"], n, p=[0.34, 0.44, 0.22])
    base = np.select([internet == "Fiber optic", internet == "DSL"], [90.0, 55.0], 20.0)
    monthly = np.round(base + rng.normal(0, 8, n), 2).clip(18.25)
    payment = rng.choice(["Electronic check", "Mailed check", "Bank transfer (automatic)",
                          "Credit card (automatic)"], n, p=[0.34, 0.23, 0.22, 0.21])
    security = np.where(internet == "No", "No internet service", rng.choice(["No", "Yes"], n, p=[0.6, 0.4]))
    senior = (rng.random(n) < 0.16).astype(int)
    paperless = rng.choice(["Yes", "No"], n, p=[0.59, 0.41])
    logit = (-1.6 + 1.3 * (contract == "Month-to-month") - 0.8 * (contract == "Two year") - 0.04 * tenure
             + 0.9 * (internet == "Fiber optic") + 0.7 * (payment == "Electronic check") + 0.3 * senior
             + 0.3 * (paperless == "Yes") - 0.5 * (security == "Yes"))
    p = _sigmoid(logit)
    total = np.where(tenure == 0, " ", np.round(monthly * np.maximum(tenure, 1), 2).astype(str))
    return pd.DataFrame({
        "customerID": [f"{i:04d}-{c}" for i, c in enumerate(rng.choice(list("ABCDEFGH"), n))],
        "gender": rng.choice(["Female", "Male"], n), "SeniorCitizen": senior, "tenure": tenure,
        "InternetService": internet, "OnlineSecurity": security, "Contract": contract,
        "PaperlessBilling": paperless, "PaymentMethod": payment, "MonthlyCharges": monthly,
        "TotalCharges": total, "Churn": np.where(rng.random(n) < p, "Yes", "No"), "_p": p,
    })


def bank(n: int = 3000, seed: int = 0) -> pd.DataFrame:
    """The bank churn set's columns: ages 45–60, Germany, inactive members and 3–4 products leave."""
    rng = np.random.default_rng(seed)
    age = np.clip(rng.normal(39, 10, n).astype(int), 18, 92)
    geo = rng.choice(["France", "Spain", "Germany"], n, p=[0.5, 0.25, 0.25])
    active = rng.integers(0, 2, n)
    products = rng.choice([1, 2, 3, 4], n, p=[0.5, 0.42, 0.06, 0.02])
    balance = np.where((geo != "Germany") & (rng.random(n) < 0.45), 0.0,
                       np.round(rng.normal(119827, 30000, n), 2))
    logit = (-2.3 + 1.6 * ((age >= 45) & (age <= 60)) + 0.6 * (age > 60) + 0.8 * (geo == "Germany")
             - 1.0 * active + 2.5 * (products >= 3) - 0.6 * (products == 2))
    p = _sigmoid(logit)
    return pd.DataFrame({
        "RowNumber": np.arange(1, n + 1), "CustomerId": 15565701 + rng.permutation(n),
        "Surname": rng.choice(["Hargrave", "Hill", "Onio", "Boni", "Mitchell", "Chu"], n),
        "CreditScore": np.clip(rng.normal(650, 96, n).astype(int), 350, 850), "Geography": geo,
        "Gender": rng.choice(["Female", "Male"], n), "Age": age, "Tenure": rng.integers(0, 11, n),
        "Balance": balance, "NumOfProducts": products, "HasCrCard": rng.integers(0, 2, n),
        "IsActiveMember": active, "EstimatedSalary": np.round(rng.uniform(11.58, 199992.48, n), 2),
        "Exited": (rng.random(n) < p).astype(int), "_p": p,
    })


def mlc_churn(n: int = 1500, seed: int = 0) -> pd.DataFrame:
    """MLC++ telecom churn's columns (R modeldata::mlc_churn): no customer id, per account the day,
    evening, night and international minutes, calls and charges (charge = minutes × that period's
    rate: 0.17, 0.085, 0.045, 0.27 a minute), service calls; heavy day users and four or more
    service calls leave more."""
    rng = np.random.default_rng(seed)
    columns: dict = {"state": rng.choice(["KS", "OH", "NJ", "WV", "MN"], n),
                     "account_length": rng.integers(1, 244, n),
                     "area_code": rng.choice(["area_code_415", "area_code_408", "area_code_510"], n),
                     "international_plan": rng.choice(["no", "yes"], n, p=[0.9, 0.1])}
    for period, mean, rate in (("day", 180, 0.17), ("eve", 200, 0.085), ("night", 200, 0.045),
                               ("intl", 10, 0.27)):
        minutes = np.round(np.clip(rng.normal(mean, mean / 4, n), 0, None), 1)
        columns[f"total_{period}_minutes"] = minutes
        columns[f"total_{period}_calls"] = rng.poisson(100 if period != "intl" else 4, n)
        columns[f"total_{period}_charge"] = np.round(minutes * rate, 2)
    service = rng.poisson(1.5, n)
    p = _sigmoid(-3.2 + 0.012 * (columns["total_day_minutes"] - 180) + 1.8 * (service >= 4)
                 + 1.2 * (columns["international_plan"] == "yes"))
    return pd.DataFrame({**columns, "number_customer_service_calls": service,
                         "churn": np.where(rng.random(n) < p, "yes", "no"), "_p": p})


def card_default(n: int = 4000, seed: int = 0) -> pd.DataFrame:
    """ISLR's `Default` card holders: `default` and `student` Yes/No, `balance`, `income`, no id;
    students carry more balance on less income, and the book's logistic fit (balance up, students
    down at equal balance) makes about 3 % default — a rare label with a strong signal."""
    rng = np.random.default_rng(seed)
    student = rng.random(n) < 0.29
    balance = np.round(np.clip(rng.normal(np.where(student, 990, 770), 480), 0, None), 2)
    income = np.round(np.clip(rng.normal(np.where(student, 17900, 40000), np.where(student, 4100, 10000)),
                              770, None), 2)
    p = _sigmoid(-10.87 + 0.005737 * balance + 3.03e-6 * income - 0.6468 * student)
    return pd.DataFrame({"default": np.where(rng.random(n) < p, "Yes", "No"),
                         "student": np.where(student, "Yes", "No"), "balance": balance,
                         "income": income, "_p": p})
