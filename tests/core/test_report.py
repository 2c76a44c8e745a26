"""The one-page report (issue 14): both formats in both languages from (a slice of) the bundled
sample shop, self-contained HTML, PDF pages with embedded fonts, periods, errors, cancel."""
from __future__ import annotations

import gzip
import json
import re

import pandas as pd
import pytest

from shopinsight.core.errors import InputError
from shopinsight.core.forecast.pipeline import run_forecast
from shopinsight.core.report import ReportOptions, build_report, resolve_period
from shopinsight.core.report.build import quick_forecast
from shopinsight.core.sample import sample_data_file
from shopinsight.core.store import Shop
from shopinsight.core.tasks import Cancelled, Reporter


@pytest.fixture(scope="module")
def sample_slice(tmp_path_factory):
    """A shop from every 25th order of the bundled sample file (all 13 months, ~20k lines): the
    real file's shape, built in seconds."""
    from shopinsight.core.importer import import_files

    d = tmp_path_factory.mktemp("report")
    with gzip.open(sample_data_file(), "rt", encoding="utf-8", newline="") as fh:
        df = pd.read_csv(fh, dtype=str, keep_default_na=False)
    codes = pd.factorize(df["InvoiceNo"].str.lstrip("C"))[0]
    small = d / "slice.csv"
    df[codes % 25 == 0].to_csv(small, index=False)
    path = d / "slice.shop"
    with Shop(path) as shop:
        import_files(shop, [small])
        # the forecast a November report needs, stored as the app would (the report uses it as it
        # is; a period without one gets a quick forecast: see test_cli_report_json)
        p = resolve_period(ReportOptions(out="x.pdf", month="2011-11"), *shop.date_range())
        spec, opts = quick_forecast(p)
        run_forecast(shop, spec, opts, save=True)
    return path


def _build(path, **kw):
    with Shop(path, readonly=True) as shop:
        return build_report(shop, ReportOptions(**kw))


@pytest.mark.parametrize("lang", ["en", "zh_CN"])
def test_html_is_self_contained(sample_slice, tmp_path, lang):
    out = tmp_path / f"report-{lang}.html"
    res = _build(sample_slice, out=str(out), month="2011-11", lang=lang)
    html = out.read_text(encoding="utf-8")
    assert res.format == "html" and res.lang == lang
    # nothing fetched from anywhere: no src/href/url() but embedded data
    refs = re.findall(r"""(?:src|href)\s*=\s*["']([^"']+)""", html) + re.findall(r"url\(([^)]+)\)", html)
    assert refs and all(r.startswith("data:") for r in refs), refs
    assert "<script" not in html.lower() and "@import" not in html
    assert html.count("data:image/png;base64,") >= 2            # sales chart and forecast chart
    # every figure has its footnote, run ids and versions are in the footer
    assert "<ol class=\"notes\">" in html and html.count("<li>") >= 8
    footer = html.split("<footer>")[1]
    assert "pandas" in footer and ("forecast run 1" in footer or "预测运行 1" in footer)
    if lang == "zh_CN":
        assert "净销售额" in html and "2011年11月" in html
        assert "Net sales" not in html
    else:
        assert "November 2011" in html and "Net sales" in html


@pytest.mark.parametrize("lang", ["en", "zh_CN"])
def test_pdf_has_pages_and_embeds_its_fonts(sample_slice, tmp_path, lang):
    out = tmp_path / f"report-{lang}.pdf"
    res = _build(sample_slice, out=str(out), month="2011-11", lang=lang)
    data = out.read_bytes()
    assert data.startswith(b"%PDF") and res.pages >= 1
    assert len(re.findall(rb"/Type\s*/Page\b", data)) == res.pages
    fonts = set(re.findall(rb"/BaseFont\s*/([A-Za-z0-9+_-]+)", data))
    assert fonts, "no fonts in the PDF"
    # Type 3 fonts carry their glyphs in the file; a CFF CJK font embedded as TrueType (FontFile2)
    # draws wrong glyphs in viewers, so there must be none
    assert b"/Subtype /Type3" in data and b"/FontFile2" not in data
    if lang == "zh_CN":
        assert any(b"CJK" in f for f in fonts), fonts      # fonts-noto-cjk is installed for tests


def test_cli_report_json(sample_slice, tmp_path, capsys):
    from shopinsight.cli import main

    out = tmp_path / "r.pdf"
    assert main(["report", "--db", str(sample_slice), "--from", "2011-10-01", "--to", "2011-10-31",
                 "--out", str(out), "--json"]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert doc["path"] == str(out) and out.is_file() and doc["format"] == "pdf"
    assert doc["period"]["start"] == "2011-10-01" and doc["period"]["previous"] == ["2011-09-01", "2011-09-30"]
    assert doc["period"]["last_year"] == [None, None]          # the data start in December 2010


def test_period_rules():
    # the default is the last complete month; a comparison only when the data cover it
    p = resolve_period(ReportOptions(out="x.pdf"), "2010-12-01", "2011-12-09")
    assert (p.start, p.end, p.prev_start, p.prev_end) == ("2011-11-01", "2011-11-30", "2011-10-01", "2011-10-31")
    assert p.ly_start is None and (p.next_start, p.next_end) == ("2011-12-01", "2011-12-31")
    p = resolve_period(ReportOptions(out="x.pdf", month="2011-12"), "2010-12-01", "2011-12-31")
    assert (p.ly_start, p.ly_end) == ("2010-12-01", "2010-12-31")
    p = resolve_period(ReportOptions(out="x.pdf", start="2011-03-01", end="2011-03-10"), "2010-12-01", "2011-12-09")
    assert (p.prev_start, p.prev_end) == ("2011-02-19", "2011-02-28")
    with pytest.raises(InputError, match="no sales in this period"):
        resolve_period(ReportOptions(out="x.pdf", month="2009-01"), "2010-12-01", "2011-12-09")


@pytest.mark.parametrize("kw, field", [
    (dict(out=""), "out"),
    (dict(out="r.docx"), "out"),
    (dict(out="r.pdf", month="2011-13"), "month"),
    (dict(out="r.pdf", month="2011-11", start="2011-11-01", end="2011-11-30"), "month"),
    (dict(out="r.pdf", start="2011-11-01"), "to"),
    (dict(out="r.pdf", start="2011-11-30", end="2011-11-01"), "from"),
    (dict(out="r.pdf", start="30/11/2011", end="2011-12-01"), "from"),
    (dict(out="r.pdf", lang="fr"), "lang"),
])
def test_bad_options_name_the_field(kw, field, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    with pytest.raises(InputError) as exc:
        ReportOptions(**kw).validate()
    assert exc.value.column == field


def test_missing_folder_is_bad_input(tmp_path):
    with pytest.raises(InputError, match="folder does not exist"):
        ReportOptions(out=str(tmp_path / "nope" / "r.pdf")).validate()


@pytest.mark.parametrize("fmt, stop_at", [("pdf", "writing the report"), ("html", "customers")])
def test_cancel_leaves_no_file_and_keeps_the_old_one(sample_slice, tmp_path, fmt, stop_at):
    out = tmp_path / f"r.{fmt}"
    out.write_text("the previous report")
    messages = []
    rep = Reporter(lambda f, m: messages.append(m), lambda: stop_at in messages)
    with Shop(sample_slice, readonly=True) as shop, pytest.raises(Cancelled):
        build_report(shop, ReportOptions(out=str(out), month="2011-11"), rep)
    assert out.read_text() == "the previous report"
    assert sorted(p.name for p in tmp_path.iterdir()) == [out.name]     # no partial file left


def test_a_shop_without_customers_or_runs_still_reports(lines_shop, tmp_path):
    rows = [{"ordered_at": f"2024-0{m}-{d:02d} 10:00:00", "order_id": f"{m}{d}", "product_id": "A",
             "product_name": "Apple", "quantity": 1 + d % 3, "unit_price": 2.0}
            for m in (1, 2, 3) for d in range(1, 28)]
    shop = lines_shop(rows)
    res = _build(shop, out=str(tmp_path / "r.html"), month="2024-03")
    html = (tmp_path / "r.html").read_text(encoding="utf-8")
    assert "customers" in res.unavailable and "anomalies" in res.unavailable
    assert "Not available" in html and "Apple" in html


def test_forecast_range_comes_from_the_backtest_windows_totals():
    from types import SimpleNamespace

    from shopinsight.core.report.build import period_total_errors

    bt = pd.DataFrame({"series": ["total"] * 6, "origin": ["a", "a", "b", "b", "b", "b"],
                       "model": ["linear"] * 4 + ["naive"] * 2,
                       "forecast": [40.0, 60.0, 150.0, 50.0, 1.0, 1.0],
                       "actual": [30.0, 60.0, 200.0, 60.0, 9.0, 9.0]})
    errors = period_total_errors(SimpleNamespace(backtest=bt), "total", "linear")
    assert sorted(errors.round(6)) == [-0.1, 0.3]          # 90 vs 100, 260 vs 200: only the linear rows
    assert len(period_total_errors(SimpleNamespace(backtest=pd.DataFrame()), "total", "linear")) == 0
