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


def test_core_catalog_tables_hold_only_strings_the_code_uses():
    """A CORE entry of tools/zh_CN/*.py whose English no code marks any more (renamed, removed) is
    dead weight that hides what needs translating; the code's strings are found on the syntax tree
    (``_``/``N_``/``ngettext`` literals, f-strings included, and argparse ``help=``/``description=``)."""
    tool = _tool()
    used = {m if isinstance(m, str) else m[0] for *_where, m in tool.marked_strings()}
    used |= {m for *_where, m in tool.cli_help_texts()}
    assert {"end", "tables", "Champions", "usage: "} <= used          # f-strings, core and argparse's texts
    stale = {f.name: sorted(k for k in table if k not in used) for f, table in tool.table_files().items()}
    stale = {f: keys for f, keys in stale.items() if keys}
    assert not stale, f"remove these entries (no code uses them), then run tools/update_core_catalog.py: {stale}"


def test_runs_show_headings_are_translated(zh):
    """`runs show` printed "tables:" and "library versions:" in English under zh_CN: Babel did not
    extract ``f"{_('tables')}: …"``, so the catalog had dropped them (the extractor now scans f-strings,
    see the test above: ``_('end')`` in `repair`'s output); the heading's colon is the language's."""
    from types import SimpleNamespace

    from shopinsight.cli.runs import _human_show

    run = SimpleNamespace(run_id=3, kind_label="x", created_at="2026-01-02 10:00:00", seconds=None,
                          data_from="2011-01-01", data_to="2011-02-01", summary="", params={}, metrics={},
                          tables={"rules": 4}, versions={"pandas": "3.1"}, version_warnings=lambda: [])
    text = _human_show(run)
    assert "数据表：rules (4)" in text and "库版本：pandas 3.1" in text
    assert "tables" not in text and "library" not in text


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


def test_model_labels_of_the_three_registries_translate_ids_do_not(zh):
    from shopinsight.core.customers.models import MODEL_LABELS, MODELS as CUSTOMER_MODELS
    from shopinsight.core.forecast.models.registry import MODELS as FORECAST_MODELS
    from shopinsight.core.recommend.registry import DESCRIPTIONS, model_label, model_names

    info = FORECAST_MODELS["seasonal_naive"]
    assert info.name == "seasonal_naive" and info.label == "季节性朴素法"
    assert info.description.startswith("取一个季节周期前的值")
    assert FORECAST_MODELS["gbm"].params[1].label == "学习率"
    assert MODEL_LABELS["hgb"] == "梯度提升（直方图 GBM）" and "hgb" in CUSTOMER_MODELS
    assert dict(MODEL_LABELS.items())["logreg"] == "逻辑回归，全部特征"
    assert model_label("popularity") == "热销榜" and "popularity" in model_names()
    assert DESCRIPTIONS["buy_again"].startswith("客户自己常买的商品")
    i18n.set_language("en")                 # looked up when read, not frozen at import
    assert info.label == "Seasonal naive" and MODEL_LABELS["hgb"] == "Gradient boosting (histogram GBM)"
    assert model_label("popularity") == "Popularity"
    assert FORECAST_MODELS["linear"].params[0].help == "L2 penalty"


def test_overview_charts_without_texts_follow_the_language(zh):
    """The CLI's --charts pass no texts: the core's defaults come out in the current language."""
    from shopinsight.core.sales_charts import sales_over_time_figure, top_products_figure
    df = pd.DataFrame({"period_start": pd.date_range("2011-01-03", periods=6, freq="W-MON"),
                       "gross_sales": [10.0, 12, 9, 14, 11, 13], "cancellations": [-1.0, 0, -2, 0, 0, -1],
                       "net_sales": [9.0, 12, 7, 14, 11, 12], "orders": [3, 4, 3, 5, 4, 4],
                       "partial": [False] * 5 + [True]})
    fig = sales_over_time_figure(df, "W")
    titles = [ax.get_title("left") for ax in fig.axes] + [ax.get_title() for ax in fig.axes]
    assert any(t.startswith("销售趋势") and "按周" in t for t in titles), titles
    legend = [t.get_text() for ax in fig.axes if ax.get_legend() for t in ax.get_legend().get_texts()]
    assert "取消与退货" in legend and "不完整的时段" in legend, legend
    empty = top_products_figure(pd.DataFrame())
    assert "此时间段内没有销售" in [t.get_text() for ax in empty.axes for t in ax.texts]
    i18n.set_language("en")
    empty = top_products_figure(pd.DataFrame())
    assert "No sales in this period" in [t.get_text() for ax in empty.axes for t in ax.texts]


def test_feature_labels_and_cluster_descriptions_follow_the_language(zh):
    from shopinsight.core.customers.explain import feature_label
    from shopinsight.core.customers.rfm import _describe
    assert feature_label("recency_days") == "距上次下单天数"
    assert feature_label("no_such_feature") == "no_such_feature"
    row = pd.Series({"customers": 1, "median_recency": 100.0, "median_frequency": 1.0,
                     "median_monetary": 50.0, "main_segment": "At risk"})
    overall = pd.Series({"recency": 20.0, "frequency": 4.0, "monetary": 500.0})
    text = _describe(row, overall)
    assert text.startswith("1 位客户，大多为“有流失风险”") and "1 个订单" in text, text
    i18n.set_language("en")
    assert feature_label("recency_days") == "days since the last order"
    text = _describe(row, overall)
    assert text.startswith("1 customer, mostly 'At risk'") and "infrequent, 1 order (" in text, text
    row["customers"], row["median_frequency"] = 3, 2.0
    assert _describe(row, overall).startswith("3 customers") and "2 orders" in _describe(row, overall)


def test_cli_segments_text_follows_the_language(zh):
    from shopinsight.cli.customers import _human_segments
    r = {"customers": 12, "messages": [], "kmeans": {"k": None, "clusters": []},
         "segments": [{"segment": "Champions", "customers": 12, "customer_share": 1.0, "revenue_share": 1.0,
                       "rule": "English rule"}]}
    text = _human_segments(r)
    assert text.splitlines()[0] == "12 位客户" and "冠军客户" in text and "规则" in text
    assert "Champions" not in text and "English rule" not in text
    i18n.set_language("en")
    text = _human_segments(r)
    assert text.splitlines()[0] == "12 customers" and "Champions" in text


def test_recommend_charts_defaults_and_model_labels_follow_the_language(zh):
    from shopinsight.core.recommend.charts import model_comparison_figure, together_figure
    empty = together_figure(pd.DataFrame(), "X")
    assert "尚无一起购买的商品" in [t.get_text() for ax in empty.axes for t in ax.texts]
    table = pd.DataFrame({"label": ["Popularity", "Popularity"], "model": ["popularity", "popularity"],
                          "mode": ["include", "exclude"], "recall": [0.2, 0.1], "k": [10, 10]})
    fig = model_comparison_figure(table)
    ax = fig.axes[0]
    assert [t.get_text() for t in ax.get_yticklabels()] == ["热销榜"]
    assert ax.get_title("left").startswith("各模型召回率@10")
    i18n.set_language("en")
    ax = model_comparison_figure(table).axes[0]
    assert [t.get_text() for t in ax.get_yticklabels()] == ["Popularity"]


def test_no_function_shadows_the_translation_function():
    """A function that assigns ``_`` (``for _, g in ...``) makes every ``_("...")`` in it an
    UnboundLocalError: no function of core or the CLI may both assign and call ``_``."""
    import ast
    import importlib
    import pkgutil

    import shopinsight.cli
    import shopinsight.core

    scopes = (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda, ast.ListComp, ast.SetComp, ast.DictComp,
              ast.GeneratorExp, ast.ClassDef)

    def own_nodes(fn):
        todo = list(ast.iter_child_nodes(fn))
        while todo:
            n = todo.pop()
            yield n
            if not isinstance(n, scopes):
                todo.extend(ast.iter_child_nodes(n))

    bad = []
    for pkg in (shopinsight.core, shopinsight.cli):
        for info in pkgutil.walk_packages(pkg.__path__, pkg.__name__ + "."):
            src = importlib.util.find_spec(info.name).origin
            if not src or not src.endswith(".py"):
                continue
            tree = ast.parse(Path(src).read_text(encoding="utf-8"))
            for fn in ast.walk(tree):
                if not isinstance(fn, (ast.FunctionDef, ast.AsyncFunctionDef)):
                    continue
                nodes = list(own_nodes(fn))
                stores = any(isinstance(n, ast.Name) and n.id == "_" and isinstance(n.ctx, ast.Store)
                             for n in nodes)
                calls = any(isinstance(n, ast.Call) and isinstance(n.func, ast.Name) and n.func.id == "_"
                            for n in nodes)
                if stores and calls:
                    bad.append(f"{info.name}:{fn.name}")
    assert not bad, bad


def test_plural_messages_come_from_the_compiled_catalog(zh):
    assert i18n.ngettext("only {n} customer: k-means clusters need at least 10",
                         "only {n} customers: k-means clusters need at least 10", 3).format(n=3) \
        == "只有 3 位客户：k-means 聚类至少需要 10 位客户"
    i18n.set_language("en")
    assert i18n.ngettext("{n} customer", "{n} customers", 1).format(n=1) == "1 customer"
    assert i18n.ngettext("{n} customer", "{n} customers", 2).format(n=2) == "2 customers"


def test_pseudo_check_takes_a_date_broken_over_two_lines_as_a_date():
    """A chart's end-bar label "November\\n2011" is a formatted date, not untranslated words."""
    from shopinsight.core.pseudo import unmarked

    assert unmarked("November\n2011") == [] and unmarked("November 2011") == []
    assert unmarked("Sales\n2011") == ["Sales"]
