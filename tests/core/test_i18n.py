"""The core's one translation mechanism (shopinsight.core.i18n, gettext catalogs by Babel)."""
from __future__ import annotations

import importlib.util
from pathlib import Path

import pandas as pd
import pytest
from babel.messages.pofile import read_po

from shopinsight.core import i18n

ROOT = Path(__file__).resolve().parents[2]
PO = ROOT / "resources" / "locale" / "zh_CN" / "LC_MESSAGES" / "shopinsight.po"


def _tool():
    spec = importlib.util.spec_from_file_location("update_core_catalog", ROOT / "tools" / "update_core_catalog.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


@pytest.fixture
def zh():
    i18n.set_language("zh_CN")
    yield
    i18n.set_language("en")


def test_zh_catalog_has_every_extracted_string_translated():
    template = _tool().extract()
    ids = {m.id if isinstance(m.id, str) else m.id[0] for m in template if m.id}
    assert "Champions" in ids and "Customers per segment" in ids      # the extractor sees core
    with PO.open("rb") as fh:
        cat = read_po(fh, locale="zh_CN")
    missing = sorted(i for i in ids if i not in cat or not cat[i].string
                     or (isinstance(cat[i].string, tuple) and not all(cat[i].string)))
    assert not missing, f"run tools/update_core_catalog.py; untranslated: {missing[:10]}"
    mo = PO.with_suffix(".mo")
    assert mo.exists() and mo.stat().st_mtime_ns >= 0


def test_compiled_mo_matches_po(zh):
    with PO.open("rb") as fh:
        cat = read_po(fh, locale="zh_CN")
    for m in cat:
        if m.id and isinstance(m.id, str):
            assert i18n._(m.id) == m.string, f"{m.id!r}: the .mo is stale, run tools/update_core_catalog.py"


def test_language_codes_and_environment():
    assert i18n.normalise("zh_CN.UTF-8") == "zh_CN" and i18n.normalise("zh-Hans") == "zh_CN"
    assert i18n.normalise("de_DE") == "en" and i18n.normalise(None) == "en"
    assert i18n.language_from_env({"LANG": "zh_CN.UTF-8"}) == "zh_CN"
    assert i18n.language_from_env({"LC_ALL": "en_GB.UTF-8", "LANG": "zh_CN.UTF-8"}) == "en"
    assert i18n.language_from_env({}) == "en"
    assert i18n.current_language() == "en"         # tests run in English by default


def test_segment_labels_translated_at_display_time_ids_unchanged(zh):
    from shopinsight.core.customers.rfm import SEGMENTS, localised_summary, segment_label, segment_rule
    assert segment_label("Champions") == "冠军客户"
    assert segment_rule("Lost").startswith("最近度最低")
    assert "Champions" in SEGMENTS                    # ids stay English
    summary = pd.DataFrame({"segment": ["Champions", "Lost"], "customers": [3, 4], "rule": ["x", "y"]})
    shown = localised_summary(summary)
    assert list(shown["segment"]) == ["冠军客户", "已流失"]
    assert list(summary["segment"]) == ["Champions", "Lost"]       # the stored frame untouched
    i18n.set_language("en")
    assert segment_label("Champions") == "Champions"                # lazy: follows the switch
    assert list(localised_summary(summary)["segment"]) == ["Champions", "Lost"]


def _texts(fig):
    out = []
    for ax in fig.axes:
        out += [ax.get_title(loc) for loc in ("left", "center", "right")] + [ax.get_xlabel(), ax.get_ylabel()]
        out += [t.get_text() for t in ax.get_yticklabels()]
        leg = ax.get_legend()
        if leg is not None:
            out += [t.get_text() for t in leg.get_texts()]
    return out


def test_customer_charts_follow_the_language(zh):
    from shopinsight.core.customers.charts import rfm_scatter, segment_chart
    summary = pd.DataFrame({"segment": ["Champions", "At risk"], "customers": [5, 7],
                            "revenue_share": [0.7, 0.3]})
    texts = _texts(segment_chart(summary))
    assert "各分群客户数" in texts and "冠军客户" in texts and "有流失风险" in texts
    assert "Customers per segment" not in texts and "Champions" not in texts
    rfm = pd.DataFrame({"recency": [1.0, 50.0, 3.0], "frequency": [5.0, 1.0, 2.0],
                        "monetary": [100.0, 5.0, 20.0], "segment": ["Champions", "Lost", "New"]})
    texts = _texts(rfm_scatter(rfm))
    assert "距上次下单天数" in texts and "已流失" in texts
    i18n.set_language("en")
    texts = _texts(segment_chart(summary))
    assert "Customers per segment" in texts and "Champions" in texts


def test_cli_lang_option_and_locale(monkeypatch, capsys):
    from shopinsight.cli import _apply_language
    monkeypatch.setenv("LANG", "zh_CN.UTF-8")
    for var in ("LANGUAGE", "LC_ALL", "LC_MESSAGES"):
        monkeypatch.delenv(var, raising=False)
    try:
        argv = ["customers", "--help"]
        _apply_language(argv)
        assert i18n.current_language() == "zh_CN" and argv == ["customers", "--help"]
        argv = ["--lang", "en", "customers", "segments"]
        assert _apply_language(argv) == "en"
        assert argv == ["customers", "segments"] and i18n.current_language() == "en"
        argv = ["--lang=zh_CN", "overview"]
        _apply_language(argv)
        assert argv == ["overview"] and i18n.current_language() == "zh_CN"
    finally:
        i18n.set_language("en")
