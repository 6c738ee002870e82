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
