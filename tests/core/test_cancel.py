"""Honest cancel: a job that reports "cancelled" changed nothing, a job that committed reports done
(even when Cancel came during its last step), and every phase of an import — the SQL phase after
reading included — stops on Cancel."""
from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from importer_helpers import baseline_shop, fingerprint

from shopinsight.core.importer import import_files
from shopinsight.core.importer import run as run_mod
from shopinsight.core.process import run_in_process
from shopinsight.core.store import Shop
from shopinsight.core.tasks import Cancelled, Reporter


def write_orders(path: Path, n: int, first_order: int = 700_000) -> Path:
    """An export of ``n`` distinct lines (4 per order), quick to generate and to import."""
    rows = ["order_id,date,customer,sku,description,qty,unit_price"]
    rows += [f"{first_order + i // 4},2024-0{1 + i % 6}-{1 + i % 28:02d} 1{i % 10}:00,c{i % 997},"
             f"S{i % 701},Item {i % 701},{1 + i % 5},{(i % 13) + 0.5:.2f}" for i in range(n)]
    path.write_text("\n".join(rows) + "\n")
    return path


def committed_elsewhere(shop_path: Path, sql: str):
    """A stop check that turns True once another connection sees ``sql`` return a row: Cancel
    pressed right after the job's commit."""
    con = sqlite3.connect(shop_path)

    def stop() -> bool:
        return con.execute(sql).fetchone() is not None
    stop.close = con.close
    return stop


# -- the reporter -------------------------------------------------------------------------------------

def test_a_committed_reporter_no_longer_cancels():
    stop = [False]
    rep = Reporter(None, lambda: stop[0])
    sub = rep.sub(0.5, 1.0)
    stop[0] = True
    with pytest.raises(Cancelled):
        sub.check()
    told = []
    rep.on_commit(lambda: told.append(1))
    sub.mark_committed()                  # a stage's commit is the whole job's commit
    assert rep.committed and sub.sub(0, 1).committed and told == [1]
    rep(1.0, "done")                      # no Cancelled once committed
    assert not rep.stopping
    sub.mark_committed()
    assert told == [1]                    # listeners are told once


def test_transaction_checks_cancel_before_commit(tmp_path):
    path = baseline_shop(tmp_path, None)
    stop = [False]
    rep = Reporter(None, lambda: stop[0])
    with Shop(path) as shop:
        with pytest.raises(Cancelled):
            with shop.transaction(rep):
                shop.set_meta("x", "1")
                stop[0] = True            # Cancel during the last step: nothing is written
        assert shop.get_meta("x") is None and not rep.committed
        stop[0] = False
        with shop.transaction(rep):
            shop.set_meta("x", "2")
        assert rep.committed
        stop[0] = True
        rep(1.0, "done")                  # Cancel after the commit changes nothing


# -- imports ------------------------------------------------------------------------------------------

@pytest.mark.parametrize("files", [1, 2], ids=["one-file", "two-files"])
def test_cancel_while_updating_products_changes_nothing(tmp_path, files):
    """Cancel pressed during "updating products and customers": today the import commits and
    then says "cancelled"; now the check before the commit rolls it back."""
    shop_path = baseline_shop(tmp_path)
    paths = [write_orders(tmp_path / f"o{i}.csv", 200, 800_000 + 1000 * i) for i in range(files)]
    before = fingerprint(shop_path)
    pressed = []

    def progress(fraction, message):
        if message == "updating products and customers":
            pressed.append(message)

    with Shop(shop_path) as shop:
        with pytest.raises(Cancelled):
            import_files(shop, paths, progress=progress, should_stop=lambda: bool(pressed))
    assert pressed
    assert fingerprint(shop_path) == before


def test_cancel_right_after_the_import_committed_reports_done(tmp_path):
    shop_path = baseline_shop(tmp_path)
    csv = write_orders(tmp_path / "o.csv", 200)
    stop = committed_elsewhere(shop_path, "SELECT 1 FROM imports WHERE import_id > 1")
    try:
        with Shop(shop_path) as shop:
            (res,) = import_files(shop, [csv], should_stop=stop)
    finally:
        stop.close()
    assert res.imported == 200
    assert fingerprint(shop_path)[1] == 204


def _spy_on(monkeypatch, names: tuple[str, ...]) -> list[str]:
    """Record the importer functions in ``names`` that ran to their end."""
    finished: list[str] = []
    for name in names:
        real = getattr(run_mod, name)

        def spy(*a, _real=real, _name=name, **kw):
            out = _real(*a, **kw)
            finished.append(_name)
            return out
        monkeypatch.setattr(run_mod, name, spy)
    return finished


def test_cancel_interrupts_the_sql_phase_after_reading(tmp_path, monkeypatch):
    """Cancel during "checking for lines already in the shop" stops the running statement:
    neither the occurrence numbering nor the merge of the new lines runs to its end (today both
    do, which takes minutes on big files), and the transaction rolls back."""
    shop_path = baseline_shop(tmp_path)
    csv = write_orders(tmp_path / "o.csv", 30_000)
    before = fingerprint(shop_path)
    finished = _spy_on(monkeypatch, ("_number_occurrences", "_merge_staged"))
    pressed = []

    def progress(fraction, message):
        if message == "checking for lines already in the shop":
            pressed.append(message)

    with Shop(shop_path) as shop:
        with pytest.raises(Cancelled):
            import_files(shop, [csv], progress=progress, should_stop=lambda: bool(pressed))
    assert pressed and finished == []
    assert fingerprint(shop_path) == before


class _IndexesWatched(dict):
    """The importer's index statements, noting which index builds ran to their end."""

    def __init__(self, real):
        super().__init__(real)
        self.started: list[str] = []
        self.built: list[str] = []

    def values(self):
        for sql in super().values():
            self.started.append(sql)
            yield sql
            self.built.append(sql)       # the loop asked for the next one: this build returned


def test_cancel_interrupts_an_index_build(tmp_path, monkeypatch):
    """Cancel pressed while an index of the bulk path builds stops that build (today it runs
    to its end: seconds on the shared file, minutes on a 1 GB file)."""
    shop_path = baseline_shop(tmp_path, None)
    csv = write_orders(tmp_path / "o.csv", 30_000)
    before = fingerprint(shop_path)
    idx = _IndexesWatched(run_mod.LINE_INDEXES)
    monkeypatch.setattr(run_mod, "LINE_INDEXES", idx)
    finished = _spy_on(monkeypatch, ("_number_occurrences",))
    checks = []

    def should_stop():
        if idx.started:                  # the first check lets the build start; Cancel comes during it
            checks.append(1)
        return len(checks) >= 2

    with Shop(shop_path) as shop:
        with pytest.raises(Cancelled):
            import_files(shop, [csv], should_stop=should_stop)
    assert idx.started and idx.built == [] and finished == []
    assert fingerprint(shop_path) == before


# -- saved runs -------------------------------------------------------------------------------------

def _recommend_shop(lines_shop):
    rows = [{"order_id": str(o), "ordered_at": f"2024-01-{1 + o % 28:02d} 10:00:00", "customer_id": f"c{o % 5}",
             "product_id": p, "product_name": f"Item {p}", "quantity": 1, "unit_price": 2.0}
            for o in range(30) for p in ("A", "B", "C")[: 1 + o % 3]]
    return lines_shop(rows)


def test_pipeline_cancelled_while_saving_writes_nothing(lines_shop):
    from shopinsight.core.recommend.pipeline import run_recommend
    path = _recommend_shop(lines_shop)
    pressed = []

    def progress(fraction, message):
        if fraction >= 0.97:                # the last step before "saving the run"
            pressed.append(message)

    with Shop(path) as shop:
        with pytest.raises(Cancelled):
            run_recommend(shop, models=["popularity"], tune=False, progress=progress,
                          should_stop=lambda: bool(pressed))
        assert shop.list_runs().empty


def test_pipeline_cancelled_after_saving_reports_done(lines_shop):
    """Cancel pressed once the run is committed: today run_recommend raises Cancelled although
    the run is stored; now it returns the result."""
    from shopinsight.core.recommend.pipeline import run_recommend
    path = _recommend_shop(lines_shop)
    stop = committed_elsewhere(path, "SELECT 1 FROM runs")
    try:
        with Shop(path) as shop:
            res = run_recommend(shop, models=["popularity"], tune=False, should_stop=stop)
            assert res.run_id is not None and len(shop.list_runs("recommend")) == 1
    finally:
        stop.close()


def test_anomalies_cancelled_after_saving_reports_done(lines_shop):
    from shopinsight.core.anomalies import AnomalyOptions, run_anomalies
    rows = [{"order_id": str(1000 + o), "ordered_at": f"2011-0{1 + o % 3}-{1 + o % 28:02d} 1{o % 8}:00:00",
             "customer_id": f"C{o % 9}", "product_id": f"P{(o + k) % 6}", "product_name": f"Product {(o + k) % 6}",
             "quantity": 1 + (o + k) % 4, "unit_price": 2.5 + (o + k) % 6} for o in range(150) for k in range(3)]
    path = lines_shop(rows)
    stop = committed_elsewhere(path, "SELECT 1 FROM runs")
    try:
        with Shop(path) as shop:
            res = run_anomalies(shop, AnomalyOptions(), should_stop=stop)
            assert res.run_id is not None and shop.scalar("SELECT count(*) FROM runs") == 1
    finally:
        stop.close()


# -- a child process that committed -----------------------------------------------------------------

def _commit_then_wait(shop_path, progress=None, should_stop=None):
    """In the child: commit a value, give the parent time to press Cancel, then report the end."""
    import time

    from shopinsight.core.tasks import as_reporter
    rep = as_reporter(progress, should_stop)
    with Shop(shop_path) as shop:
        with shop.transaction(rep):
            shop.set_meta("child", "committed")
    time.sleep(1.0)           # the parent sees the commit and asks to stop meanwhile
    rep(1.0, "done")
    return "finished"


def test_child_process_that_committed_reports_done(tmp_path):
    shop_path = baseline_shop(tmp_path, None)
    stop = committed_elsewhere(shop_path, "SELECT 1 FROM meta WHERE key = 'child'")
    rep = Reporter(None, stop)
    try:
        assert run_in_process(_commit_then_wait, shop_path, progress=rep) == "finished"
    finally:
        stop.close()
    assert rep.committed          # the parent's reporter (the GUI task's) knows it committed


# -- Ctrl+C on the command line -----------------------------------------------------------------------

def _ctrl_c_after_first_commit(monkeypatch):
    """Press Ctrl+C right after the first transaction commits."""
    import signal
    from contextlib import contextmanager
    real = Shop.transaction
    pressed = []

    @contextmanager
    def transaction(self, *a, **kw):
        with real(self, *a, **kw) as c:
            yield c
        if not pressed:
            pressed.append(1)
            signal.raise_signal(signal.SIGINT)
    monkeypatch.setattr(Shop, "transaction", transaction)
    return pressed


def test_ctrl_c_after_the_import_committed_exits_0_with_the_result(tmp_path, monkeypatch, capsys):
    """Today Ctrl+C right after the commit exits 130 "interrupted (nothing was written)" although
    the lines are in the shop; now the import finishes and prints its result."""
    import json

    from shopinsight.cli import main
    shop_path = baseline_shop(tmp_path)
    csv = write_orders(tmp_path / "o.csv", 200)
    pressed = _ctrl_c_after_first_commit(monkeypatch)
    rc = main(["import", str(csv), "--db", str(shop_path), "--json"])
    out = capsys.readouterr()
    assert pressed and rc == 0, out.err
    assert json.loads(out.out)["files"][0]["imported"] == 200
    assert fingerprint(shop_path)[1] == 204


def test_ctrl_c_in_the_sql_phase_stops_the_import(tmp_path, monkeypatch, capsys):
    import signal

    from shopinsight.cli import main
    shop_path = baseline_shop(tmp_path)
    csv = write_orders(tmp_path / "o.csv", 30_000)
    before = fingerprint(shop_path)
    real = run_mod._number_occurrences

    def pressed_now(*a, **kw):
        signal.raise_signal(signal.SIGINT)     # Ctrl+C as the SQL phase starts
        return real(*a, **kw)
    monkeypatch.setattr(run_mod, "_number_occurrences", pressed_now)
    finished = _spy_on(monkeypatch, ("_merge_staged",))
    rc = main(["import", str(csv), "--db", str(shop_path)])
    err = capsys.readouterr().err
    assert rc == 130 and "stopping" in err and "cancelled" in err
    assert finished == [] and fingerprint(shop_path) == before
