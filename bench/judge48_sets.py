"""judge48's three event exports: Mixpanel raw export (JSON lines), Amplitude Export API (zip of hourly
gzipped JSON lines) and a PostHog events CSV (properties as JSON text). Seeded; rebuilt byte-identical."""

import csv
import datetime as dt
import gzip
import json
import os
import random
import uuid
import zipfile

D = os.environ.get("JUDGE_DATA", "/tmp/judge48/data")
START = dt.datetime(2026, 9, 1, tzinfo=dt.UTC)
DAYS = 91
CITIES = [("Berlin", "DE"), ("London", "GB"), ("Paris", "FR"), ("Austin", "US"), ("Toronto", "CA"),
          ("Madrid", "ES")]
PLANS = [("starter", 9.0), ("team", 29.0), ("business", 99.0)]
PAGES = ["/", "/pricing", "/docs", "/blog/launch", "/features", "/changelog"]


def _id(r: random.Random) -> str:
    return str(uuid.UUID(int=r.getrandbits(128), version=4))


def sessions(seed: int, users: int) -> list[dict]:
    """Per user: a few sessions of page views; some end in a purchase of a plan. Heavy users come often."""
    r = random.Random(seed)
    out = []
    for u in range(users):
        user = {"n": u, "id": _id(r), "device": _id(r), "city": r.choice(CITIES), "plan": r.choice(PLANS)}
        rate = r.choice([1, 2, 4, 8, 16])
        first = r.randint(0, DAYS - 10)
        for _ in range(rate):
            day = r.randint(first, DAYS - 1)
            t = START + dt.timedelta(days=day, hours=r.randint(7, 22), minutes=r.randint(0, 59),
                                     seconds=r.randint(0, 59), microseconds=r.randint(0, 999) * 1000)
            steps = [("view", r.choice(PAGES)) for _ in range(r.randint(1, 5))]
            if r.random() < 0.3:
                steps.append(("pricing", "/pricing"))
                if r.random() < 0.5:
                    steps.append(("purchase", "/checkout"))
            for kind, page in steps:
                out.append({"user": user, "t": t, "kind": kind, "page": page, "session": int(t.timestamp())})
                t += dt.timedelta(seconds=r.randint(5, 240))
    out.sort(key=lambda e: (e["t"], e["user"]["n"]))
    return out


def mixpanel(path: str) -> None:
    """Raw export: {"event", "properties": {"time" (epoch s), "distinct_id", "$insert_id", "$city", ...}}."""
    r = random.Random(481)
    names = {"view": "Page Viewed", "pricing": "Viewed Pricing", "purchase": "Purchase"}
    with open(path, "w", encoding="utf-8") as f:
        for e in sessions(48, 160):
            u = e["user"]
            p = {"time": int(e["t"].timestamp()), "distinct_id": u["id"], "$insert_id": _id(r)[:36],
                 "mp_processing_time_ms": int(e["t"].timestamp() * 1000) + r.randint(200, 9000),
                 "$city": u["city"][0], "mp_country_code": u["city"][1],
                 "$browser": r.choice(["Chrome", "Safari"]), "$os": r.choice(["Mac OS X", "Windows", "iOS"]),
                 "mp_lib": "web", "$current_url": "https://app.example.com" + e["page"]}
            if e["kind"] == "purchase":
                p |= {"plan": u["plan"][0], "price": u["plan"][1], "currency": "USD"}
            f.write(json.dumps({"event": names[e["kind"]], "properties": p}, separators=(",", ":")) + "\n")


def amplitude(path: str) -> None:
    """Export API: a zip of ``<project>/<project>_<date>_<hour>#0.json.gz``, one JSON event per line."""
    r = random.Random(482)
    names = {"view": "Viewed Page", "pricing": "Viewed Pricing", "purchase": "Completed Purchase"}
    hours: dict[str, list[str]] = {}
    for i, e in enumerate(sessions(4848, 150)):
        u, t = e["user"], e["t"]
        ev = {"$insert_id": _id(r), "amplitude_id": 500000 + u["n"], "app": 187520, "city": u["city"][0],
              "country": u["city"][1], "device_id": u["device"], "event_id": i,
              "event_time": t.strftime("%Y-%m-%d %H:%M:%S.%f"), "event_type": names[e["kind"]],
              "event_properties": {"page": e["page"]},
              "user_id": f"user_{u['n']:04d}" if u["n"] % 3 else None,
              "user_properties": {"plan": u["plan"][0]}, "session_id": e["session"] * 1000,
              "platform": "Web", "os_name": "Chrome", "library": "amplitude-ts/2.11.0",
              "server_upload_time": (t + dt.timedelta(seconds=2)).strftime("%Y-%m-%d %H:%M:%S.%f")}
        if e["kind"] == "purchase":
            ev["event_properties"] |= {"$price": u["plan"][1], "$quantity": 1, "$revenue": u["plan"][1],
                                       "$productId": u["plan"][0]}
            ev |= {"revenue": u["plan"][1], "price": u["plan"][1], "quantity": 1, "product_id": u["plan"][0]}
        hours.setdefault(t.strftime("%Y-%m-%d_%-H"), []).append(json.dumps(ev, separators=(",", ":")))
    with zipfile.ZipFile(path, "w") as z:
        for hour, lines in sorted(hours.items()):
            info = zipfile.ZipInfo(f"187520/187520_{hour}#0.json.gz", (2026, 12, 1, 0, 0, 0))
            z.writestr(info, gzip.compress(("\n".join(lines) + "\n").encode(), mtime=0))


def posthog(path: str) -> None:
    """The events table as a CSV: uuid, event, properties (JSON text), timestamp (ISO, Z), distinct_id."""
    r = random.Random(483)
    names = {"view": "$pageview", "pricing": "$autocapture", "purchase": "purchase"}
    with open(path, "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(["uuid", "event", "properties", "timestamp", "distinct_id", "elements_chain", "person_id"])
        for e in sessions(484848, 170):
            u = e["user"]
            p = {"$current_url": "https://shop.example.com" + e["page"], "$browser": "Chrome",
                 "$session_id": f"{e['session']:x}", "$lib": "web", "$geoip_city_name": u["city"][0],
                 "$geoip_country_code": u["city"][1]}
            chain = ""
            if e["kind"] == "pricing":
                chain = 'button.btn:text="Upgrade"nth-child="2"nth-of-type="1"'
            if e["kind"] == "purchase":
                p |= {"revenue": u["plan"][1], "plan": u["plan"][0], "currency": "USD"}
            stamp = e["t"].strftime("%Y-%m-%dT%H:%M:%S.%f")[:-3] + "Z"
            w.writerow([_id(r), names[e["kind"]], json.dumps(p), stamp, u["id"], chain, u["device"]])


if __name__ == "__main__":
    os.makedirs(D, exist_ok=True)
    mixpanel(os.path.join(D, "mixpanel_export_2026-09-01_2026-11-30.json"))
    amplitude(os.path.join(D, "amplitude_187520_20260901T00-20261130T23.zip"))
    posthog(os.path.join(D, "posthog-events-export.csv"))
    print(sorted(os.listdir(D)))
