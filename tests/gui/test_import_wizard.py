"""The import wizard and the Data tab, driven like a user would (offscreen)."""
from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from PySide6.QtWidgets import QWizard

from shopinsight.core.lines import LineFilter
from shopinsight.core.store import Shop
from shopinsight.gui.import_wizard import ImportWizard
from shopinsight.gui.lines_model import LinesModel

DATA = Path(__file__).resolve().parents[1] / "data"
ORDERS = DATA / "gui_orders.csv"          # 41 rows, ';' + decimal comma, one bad quantity


@pytest.fixture
def ctx(empty_shop_ctx):
    return empty_shop_ctx


def _store_fingerprint(path: Path) -> tuple:
    with Shop(path) as shop:
        rows = shop.conn.execute("SELECT * FROM lines ORDER BY line_id").fetchall()
        imports = shop.conn.execute("SELECT count(*) FROM imports").fetchone()[0]
        rejected = shop.conn.execute("SELECT count(*) FROM rejected_rows").fetchone()[0]
    return len(rows), imports, rejected, hashlib.sha256(repr(rows).encode()).hexdigest()


def _to_mapping_page(qtbot, wiz: ImportWizard) -> None:
    wiz.show()
    wiz.next()                                                # files → format, starts the preview
    qtbot.waitUntil(lambda: wiz.preview is not None and not wiz.preview_loading, timeout=20_000)
    assert wiz.currentId() == ImportWizard.PAGE_FORMAT
    wiz.next()
    assert wiz.currentId() == ImportWizard.PAGE_MAPPING


def _pick(qtbot, wiz: ImportWizard, field: str, column) -> None:
    combo = wiz.mapping_page.combos[field]
    i = combo.findData(column)
    assert i >= 0, (field, column)
    combo.setCurrentIndex(i)
    combo.activated.emit(i)
    qtbot.waitUntil(lambda: not wiz.preview_loading, timeout=20_000)


def test_import_through_wizard_with_mapping_override(qtbot, ctx):
    wiz = ImportWizard(ctx, [ORDERS])
    qtbot.addWidget(wiz)
    _to_mapping_page(qtbot, wiz)
    page = wiz.format_page
    assert page.delimiter.currentData() == ";" and page.decimal.currentData() == ","
    mp = wiz.mapping_page
    # the proposal: gross total as amount, with a confidence badge
    assert mp.combos["amount"].currentData() == "gross total"
    assert mp.badges["amount"].text().endswith("%")
    assert mp.date_format.currentText() == "%d.%m.%Y %H:%M"
    # the user says: no line total (compute qty × net price), product names from "note"
    _pick(qtbot, wiz, "amount", None)
    _pick(qtbot, wiz, "product_name", "note")
    assert wiz.preview.mapping["amount"] is None
    assert wiz.preview.mapping["product_name"] == "note"
    assert mp.badges["product_name"].text() == "your choice"
    assert mp.isComplete()
    # a mapping that cannot work keeps Next disabled and says why
    _pick(qtbot, wiz, "unit_price", None)
    assert not mp.isComplete() and "unit price" in mp.problem.text()
    _pick(qtbot, wiz, "unit_price", "net price")
    assert mp.isComplete()

    done = []
    wiz.finished_import.connect(done.append)
    changed = []
    ctx.data_changed.connect(lambda: changed.append(True))
    wiz.next()                                                # → import (background task)
    qtbot.waitUntil(lambda: wiz.import_state != "running", timeout=30_000)
    assert wiz.import_state == "done", wiz.import_page.message.text()
    qtbot.waitUntil(lambda: wiz.currentId() == ImportWizard.PAGE_REPORT, timeout=10_000)
    assert changed                                            # the tabs are told to reload
    [result] = done[0]
    assert result["imported"] == 40 and result["rejected"] == 1
    with Shop(ctx.shop_path) as shop:
        net, lines, names = shop.conn.execute(
            "SELECT round(total(amount), 2), count(*), count(DISTINCT product_name) FROM lines").fetchone()
        first = shop.conn.execute("SELECT product_name FROM lines ORDER BY line_id LIMIT 1").fetchone()[0]
    rows = [r.split(";") for r in ORDERS.read_text().splitlines()[1:-1]]   # last row: bad quantity
    expected = round(sum(int(r[5]) * float(r[6].replace(",", ".")) for r in rows), 2)
    assert (lines, net) == (40, expected)          # quantity × net price, not the gross total column
    assert first == "n0" and names == 40
    # the report page shows the counts and the rejected row with its line, column, value, reason
    report = wiz.report_page.view
    assert "40 lines imported" in report.headline.text()
    rej = report.rejected_model.frame()
    assert rej.iloc[0].tolist() == ["gui_orders.csv", 42, "qty", "zwei", rej.iloc[0]["reason"]]
    assert rej.iloc[0]["reason"]


def test_cancel_mid_import_leaves_store_unchanged(qtbot, ctx, tmp_path):
    # a shop that already holds data, and a big enough file to cancel in the middle
    from shopinsight.core.importer import import_files
    with Shop(ctx.shop_path) as shop:
        import_files(shop, [ORDERS])
    big = tmp_path / "gui_big.csv"
    lines = ORDERS.read_text().splitlines()
    body = lines[1:-1]                                        # without the bad-quantity row
    with big.open("w") as fh:
        fh.write(lines[0] + "\n")
        for k in range(3500):
            for l in body:
                fh.write(l.replace("A1", f"X{k}-", 1) + "\n")
    before = _store_fingerprint(ctx.shop_path)
    main_bytes = ctx.shop_path.read_bytes()

    wiz = ImportWizard(ctx, [big])
    qtbot.addWidget(wiz)
    _to_mapping_page(qtbot, wiz)
    cancelled_at = []

    def on_progress(task):
        if task.kind == "import" and not cancelled_at:
            cancelled_at.append(task.fraction)
            wiz.reject()                                      # the wizard's Cancel during an import
    ctx.runner.task_progress.connect(on_progress)
    wiz.next()
    qtbot.waitUntil(lambda: wiz.import_state in ("cancelled", "done", "failed"), timeout=60_000)
    assert wiz.import_state == "cancelled"
    assert cancelled_at and cancelled_at[0] < 0.5
    assert wiz.isVisible()                                    # Cancel stopped the import, not the wizard
    assert "unchanged" in wiz.import_page.message.text()
    assert not wiz.import_page.isComplete()
    ctx.runner.wait("import", timeout=30)
    assert _store_fingerprint(ctx.shop_path) == before
    assert ctx.shop_path.read_bytes() == main_bytes           # nothing was checkpointed into the file
    # the user can go back and try again
    assert wiz.button(QWizard.WizardButton.BackButton).isEnabled()


def test_data_tab_history_filters_and_import_hook(qtbot, ctx, monkeypatch):
    from shopinsight.gui.tabs.data import DataTab
    from shopinsight.core.importer import import_files
    with Shop(ctx.shop_path) as shop:
        import_files(shop, [ORDERS])
    tab = DataTab(ctx)
    qtbot.addWidget(tab)
    tab.show()
    qtbot.waitUntil(tab.is_ready, timeout=20_000)
    assert tab.title() == "Data"
    assert tab.history_model.rowCount() == 1
    assert tab.lines_model.rowCount() == 40
    assert tab.count_label.text() == "40 lines"
    # filters go through the worker; the count label follows
    with qtbot.waitSignal(tab.lines_model.count_changed, timeout=10_000) as sig:
        tab.search.setText("sku-3")
    assert sig.args == [7] and tab.count_label.text() == "7 of 40 lines match"
    with qtbot.waitSignal(tab.lines_model.count_changed, timeout=10_000) as sig:
        tab.use_dates.setChecked(True)
        tab.date_from.setDate(tab.date_from.date().fromString("2023-03-02", "yyyy-MM-dd"))
    assert tab.lines_model.line_filter().date_from == "2023-03-02"
    with qtbot.waitSignal(tab.lines_model.count_changed, timeout=10_000) as sig:
        tab.clear_filters()
    assert sig.args == [40]
    # selecting an import shows its own report
    tab.history.selectRow(0)
    assert "gui_orders.csv" in tab.quality.headline.text()
    assert tab.quality.rejected_model.rowCount() == 1
    # File ▸ Import data… reaches the tab's wizard through the context
    opened = []
    monkeypatch.setattr(ImportWizard, "open", lambda self: opened.append(self))
    assert ctx.request_import([str(ORDERS)])
    assert opened and opened[0].paths == [ORDERS]
    qtbot.waitUntil(lambda: not opened[0].preview_loading, timeout=20_000)
    opened[0].done(0)


def test_lines_model_on_the_runner_drops_stale_queries(qtbot, ctx):
    from shopinsight.core.importer import import_files
    with Shop(ctx.shop_path) as shop:
        import_files(shop, [ORDERS])
    model = LinesModel(runner=ctx.runner)
    counts = []
    model.count_changed.connect(counts.append)
    model.set_shop(ctx.shop_path)
    model.set_filter(LineFilter(text="SKU-1"))      # supersedes the first query
    with qtbot.waitSignal(model.count_changed, timeout=10_000):
        model.set_filter(LineFilter(text="SKU-2"))
    qtbot.waitUntil(lambda: not ctx.runner.is_running(), timeout=10_000)
    assert counts[-1] == 7 and model.rowCount() == 7
    assert not model.is_loading()
    assert {model.index(r, model.COLUMNS.index("product_id")).data() for r in range(7)} == {"SKU-2"}
    model.close()


@pytest.mark.parametrize("content, words", [
    ("order_id,date,sku,qty,unit_price\n", "no data rows"),   # header only
    ("order_id,date,sku,qty,unit_price\n" + "".join(
        f"{i},{'2024-01-0%d' % (i + 1) if i < 3 else '2024-99-9%d' % i},S1,1,2.00\n" for i in range(10)),
     "not dates"),                                             # 7 of 10 dates unreadable
])
def test_wizard_shows_the_importers_own_problems(qtbot, ctx, tmp_path, content, words):
    """The wizard checks exactly what the importer checks (Preview.problems): a header-only file or a
    date column that is mostly not dates is never shown as "Ready to import"."""
    from shopinsight.core.importer import preview_file

    f = tmp_path / "bad.csv"
    f.write_text(content, encoding="utf-8")
    assert [p.code for p in preview_file(f).problems()]          # the core finds a problem …
    wiz = ImportWizard(ctx, [f])
    qtbot.addWidget(wiz)
    _to_mapping_page(qtbot, wiz)
    if wiz.preview.mapping["ordered_at"] is None:                # the user picks the date column
        _pick(qtbot, wiz, "ordered_at", "date")
    assert not wiz.mapping_page.isComplete()                     # … and the wizard shows it
    assert words in wiz.mapping_problem() and "--" not in wiz.mapping_problem()
    wiz.reject()


def test_pseudonymise_with_a_key_file_of_ones_own(qtbot, ctx, tmp_path):
    from shopinsight.core.privacy import load_key_file

    key = tmp_path / "shop.key"
    key.write_text("0123456789abcdef-a-key-of-my-own")
    wiz = ImportWizard(ctx, [ORDERS])
    qtbot.addWidget(wiz)
    page = wiz.files_page
    assert not page.key_file.isEnabled()              # only with "Pseudonymise customers"
    page.pseudo.setChecked(True)
    assert page.key_file.isEnabled() and page.key_button.isEnabled()
    page.key_file.setText(str(key))
    _to_mapping_page(qtbot, wiz)
    opts = wiz.options()
    assert opts.pseudonymise and opts.pseudonym_key_file == str(key)
    wiz.next()
    qtbot.waitUntil(lambda: wiz.import_state != "running", timeout=30_000)
    assert wiz.import_state == "done", wiz.import_page.message.text()
    with Shop(ctx.shop_path) as shop:
        assert shop.get_meta("pseudonym_key_fingerprint") == load_key_file(key).fingerprint
        assert shop.get_meta("pseudonymised") == "1"


def test_wizard_sheet_picker_reads_the_chosen_sheet(qtbot, ctx, tmp_path):
    import openpyxl
    book = tmp_path / "book.xlsx"
    wb = openpyxl.Workbook()
    wb.active.title = "Notes"
    wb.active.append(["exported by the shop system"])
    orders = wb.create_sheet("Orders")
    orders.append(["Order", "Date", "Product", "Qty", "Price"])
    for i in range(12):
        orders.append([f"A{i}", f"2024-01-{i + 1:02d}", f"P{i % 3}", 1 + i % 2, 9.5])
    wb.save(book)
    wiz = ImportWizard(ctx, [book])
    qtbot.addWidget(wiz)
    wiz.show()
    wiz.next()
    qtbot.waitUntil(lambda: wiz.preview is not None and not wiz.preview_loading, timeout=20_000)
    page = wiz.format_page
    assert page.sheet.isVisibleTo(page) and [page.sheet.itemText(i) for i in range(page.sheet.count())] \
        == ["Notes", "Orders"]
    assert wiz.preview.sheet == "Notes"
    page.sheet.setCurrentIndex(1)
    page.sheet.activated.emit(1)
    qtbot.waitUntil(lambda: not wiz.preview_loading and wiz.preview is not None
                    and wiz.preview.sheet == "Orders", timeout=20_000)
    assert wiz.preview.mapping["ordered_at"] == "Date" and len(wiz.preview.rows) == 12
    assert wiz.options().sheet == "Orders"
