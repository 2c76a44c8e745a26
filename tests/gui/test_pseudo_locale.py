"""Pseudo-localisation: under ``xx_PSEUDO`` every translated string (Qt tr() and core gettext) is
wrapped in ⟦…⟧; the screenshot mode (every tab and dialog) reports any visible text — widget text,
table header or cell, chart title, axis label, legend, tick label — holding natural-language words
without the markers.  What is excepted is exactly what core.pseudo documents (the shop's data,
formatted numbers/dates/money, proper names and acronyms)."""
from __future__ import annotations

import json
import os
import random
import subprocess
import sys
import warnings
from pathlib import Path

import pytest

from shopinsight.core import i18n
from shopinsight.core.pseudo import unmarked

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def pseudo():
    i18n.set_language(i18n.PSEUDO)
    yield
    i18n.set_language("en")


def test_core_catalog_wraps_every_string_under_the_pseudo_locale(pseudo):
    from shopinsight.core import fmt
    from shopinsight.core.i18n import _, ngettext

    assert _("Net sales") == "⟦Net sales⟧"
    assert ngettext("{n} order", "{n} orders", 2).format(n=2) == "⟦2 orders⟧"
    assert fmt.day("2011-12-09") == "9 Dec 2011"       # numbers and dates: the English way
    assert i18n.normalise("xx_PSEUDO") == i18n.PSEUDO and i18n.normalise("xx") == "en"


def test_what_counts_as_untranslated():
    vocab = {"WHITE HANGING HEART T-LIGHT HOLDER", "United Kingdom", "C042"}
    assert unmarked("Net sales") == ["Net", "sales"]
    assert unmarked("⟦Net sales⟧ (⟦per week⟧)") == []
    assert unmarked("⟦Run ⟦forecast⟧ finished in 2.5 s⟧ · 2.5 s") == []
    assert unmarked("Top products by net sales ⟦x⟧") == ["Top", "products", "by", "net", "sales"]
    # data, formatted values, proper names: excepted
    assert unmarked("WHITE HANGING HEART T-LIGHT HOLDER", vocab) == []
    assert unmarked("WHITE HANGING HEART T-LI…", vocab) == []
    assert unmarked("United Kingdom  ·  £1,234.50  ·  12.5%  ·  1.25M  ·  9 Dec 2011 10:14", vocab, "GBP") == []
    assert unmarked("$\\mathdefault{10^{2}}$") == [] and unmarked("MAE") == []
    assert unmarked("January 2012") == [] and unmarked("9–15 Dec 2011") == [] and unmarked("English") == []
    assert unmarked("Mar") == [] and unmarked("9 Dec") == [] and unmarked("Sept") == []   # date-axis ticks
    assert unmarked("Mar sales") == ["Mar", "sales"]      # a month name inside words is not a tick
    # but not a word of the UI next to data
    assert unmarked("United Kingdom (other)", vocab) == ["other"]
    assert unmarked("seasonal_naive") == ["seasonal", "naive"]      # a raw id is not a label


def test_the_audit_finds_a_label_that_bypasses_tr(qtbot):
    from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

    from shopinsight.gui import settings as settings_mod
    from shopinsight.gui.text_audit import visible_texts

    settings_mod.install_translators(i18n.PSEUDO)
    w = QWidget()
    qtbot.addWidget(w)
    lay = QVBoxLayout(w)
    lay.addWidget(QLabel(w.tr("Import data")))
    lay.addWidget(QLabel("Hello world"))
    w.show()
    found = [(where, text, unmarked(text)) for _cls, where, text in visible_texts(w)]
    assert ("label", "⟦Import data⟧", []) in found
    assert ("label", "Hello world", ["Hello", "world"]) in found


# Known gaps, each owned by a piece in flight, listed so they are visible (a warning) rather than hidden:
# the Runs tab lists a run's stored parameters and metrics as "⟦name⟧ = value" with the raw option values
# (model ids such as seasonal_naive, choices such as net_sales / total / auto).
KNOWN_GAPS: dict = {}


def _known_gap(finding: dict) -> bool:
    marker = KNOWN_GAPS.get(finding["screen"])
    return marker is not None and finding["where"] == "table cell" and marker in finding["text"]


def _rows(seed: int = 7) -> list[dict]:
    """14 months of daily orders: 40 customers, 12 products, two countries (invented names that
    cannot be mistaken for UI words)."""
    import datetime as dt

    rnd = random.Random(seed)
    products = [(f"P{i:02d}", f"Zorblat item {i}") for i in range(12)]
    rows, order = [], 0
    start = dt.datetime(2010, 12, 1, 9, 0)
    for d in range(400):
        for _k in range(rnd.randint(1, 4)):
            order += 1
            cust = f"C{rnd.randint(1, 40):03d}"
            t = start + dt.timedelta(days=d, hours=rnd.randint(0, 9), minutes=rnd.randint(0, 59))
            for _j in range(rnd.randint(1, 4)):
                pid, name = products[rnd.randrange(len(products))]
                rows.append(dict(order_id=str(500000 + order), ordered_at=t.strftime("%Y-%m-%d %H:%M:%S"),
                                 customer_id=cust, product_id=pid, product_name=name, quantity=rnd.randint(1, 6),
                                 unit_price=1.5 + int(pid[1:]) * 0.5,
                                 country="Quarnland" if rnd.random() < 0.2 else "Zenovia"))
    return rows


def test_every_tab_and_dialog_shows_only_translated_text(lines_shop, tmp_path):
    """The screenshot mode under the pseudo-locale: no visible natural-language text lacks ⟦…⟧."""
    from shopinsight.core.store import Shop

    shop = lines_shop(_rows())
    with Shop(shop) as s:
        s.set_meta("currency", "GBP")
    env = {**os.environ, "PYTHONPATH": str(ROOT), "QT_QPA_PLATFORM": "offscreen",
           "SHOPINSIGHT_SETTINGS": str(tmp_path / "settings.ini"), "SHOPINSIGHT_DATA_DIR": str(tmp_path / "data")}
    # stored runs for the tabs to show (made in the pseudo-locale: stored texts keep their session's language)
    for verb in (["forecast", "--horizon", "8"], ["customers"], ["recommend"], ["anomalies"]):
        job = subprocess.run([sys.executable, "-m", "shopinsight", "--lang", "xx_PSEUDO", *verb, "--db", str(shop),
                              "--json"], capture_output=True, text=True, env=env, timeout=600)
        assert job.returncode == 0, (verb, job.stderr[-2000:])
    proc = subprocess.run([sys.executable, "-m", "shopinsight", "gui", str(shop), "--screenshots",
                           str(tmp_path / "shots"), "--lang", "xx_PSEUDO", "--json"],
                          capture_output=True, text=True, env=env, timeout=600)
    assert proc.stdout.strip(), proc.stderr[-3000:]
    out = json.loads(proc.stdout)
    assert out["language"] == "xx_PSEUDO" and not out["errors"], out["errors"]
    screens = {Path(f).stem.split("-", 1)[1] for f in out["files"]}
    assert {"tab-data", "tab-overview", "tab-forecast", "tab-customers", "tab-recommendations", "tab-anomalies",
            "about", "welcome"} <= screens, screens
    found = [f"{f['screen']} · {f['widget']} {f['where']}: {f['text']!r} → {f['words']}" for f in out["untranslated"]]
    known = [t for t, f in zip(found, out["untranslated"]) if _known_gap(f)]
    bad = [t for t in found if t not in known]
    if known:
        warnings.warn("known untranslated texts (see KNOWN_GAPS):\n" + "\n".join(known))
    assert not bad, "\n".join(bad)
    assert proc.returncode == (1 if known else 0), proc.stderr[-3000:]
