"""One copy of each shared mechanism (issue 12's duplicates): the JSON encoding, the currency table
(Babel's CLDR data), the Keras progress callback and the basket builder behind "bought together"."""
from __future__ import annotations

import json
import re
from pathlib import Path

import numpy as np
import pytest

from shopinsight.core import fmt
from shopinsight.core.jsonutil import dumps

SRC = Path(__file__).resolve().parents[2] / "shopinsight"


def _sources():
    return {p: p.read_text(encoding="utf-8") for p in SRC.rglob("*.py")}


def test_one_json_encoding_for_runs_and_cli(tmp_path, capsys):
    import argparse
    import datetime as dt

    from shopinsight.cli.common import emit
    from shopinsight.core.store import Shop

    value = {"n": np.int64(3), "x": np.float64(0.5), "nan": np.float64("nan"), "day": dt.date(2011, 1, 2),
             "ids": {"b", "a"}}
    emit(argparse.Namespace(json=True), value)
    printed = json.loads(capsys.readouterr().out)
    with Shop(tmp_path / "s.shop") as shop:
        run_id = shop.save_run("test", params=value, metrics={}, tables={}, summary="")
        stored = shop.load_run(run_id).params
    expected = {"n": 3, "x": 0.5, "nan": None, "day": "2011-01-02", "ids": ["a", "b"]}
    assert printed == stored == expected == json.loads(dumps(value))
    # no second encoder: nothing else hands json.dumps a default= of its own
    others = [p.name for p, text in _sources().items()
              if re.search(r"json\.dumps\([^)]*default=", text) and p.name != "jsonutil.py"]
    assert others == []


def test_one_currency_table_from_cldr():
    assert all("JPY/CNY" not in text for text in _sources().values())
    assert not any(re.search(r"\{\s*\"£\"\s*:", text) for text in _sources().values())   # no sign → code dict
    assert fmt.currency_for_symbol("£") == "GBP" and fmt.currency_for_symbol("€") == "EUR"
    assert fmt.currency_for_symbol("¥", "en") == "JPY" and fmt.currency_for_symbol("¥", "zh_CN") == "CNY"
    assert fmt.currency_for_symbol("元") == "CNY" and fmt.currency_for_symbol("CHF") == "CHF"
    assert fmt.currency_for_symbol("kr") is None                 # SEK, NOK or DKK: not guessed


def test_yen_file_gets_a_real_currency_code(tmp_path):
    from importer_helpers import do_import

    from shopinsight.core.store import Shop

    path = tmp_path / "t.shop"
    (res,) = do_import(path, "gbk_chinese_headers.csv")
    assert res.quality["currency_signs"] == ["¥"]
    with Shop(path) as shop:
        code = shop.get_meta("currency")
    assert code == "JPY" and fmt.currency_symbol(code).endswith("¥")   # an ISO code, not "JPY/CNY"


def test_one_keras_progress_callback(monkeypatch):
    from shopinsight.core import deep_available as da
    from shopinsight.core.tasks import Reporter

    sources = _sources()
    assert sum(text.count("keras.callbacks.Callback)") for text in sources.values()) == 1
    assert "progress_callback(" in sources[SRC / "core" / "forecast" / "models" / "deep.py"]
    assert "progress_callback(" in sources[SRC / "core" / "customers" / "deep.py"]

    class FakeKeras:                      # the callback's logic without TensorFlow
        class callbacks:
            Callback = object
    monkeypatch.setattr(da, "import_keras", lambda: FakeKeras)
    seen, stop = [], []
    rep = Reporter(lambda f, m: seen.append((round(f, 3), m)), lambda: bool(stop)).sub(0.5, 1.0)
    cb = da.progress_callback(rep, epochs=4)
    cb.model = type("M", (), {"stop_training": False})()
    cb.on_epoch_end(1, {"loss": 0.25, "val_loss": 0.5})
    assert seen == [(0.75, "epoch 2/4  loss 0.2500  val 0.5000")] and not cb.model.stop_training
    stop.append(True)
    cb.on_train_batch_end(0)
    assert cb.model.stop_training and len(seen) == 1


def test_gui_and_cli_bought_together_agree(lines_shop, capsys):
    from shopinsight.cli import main
    from shopinsight.core.recommend.pipeline import RecommendOptions, product_view, run_recommend
    from shopinsight.core.store import Shop

    rows, o = [], 0
    for c in range(12):                                   # A and B often together; guests too
        for basket in (["A", "B", "C"], ["A", "B"], ["C", "D"], ["A", "D", "A"]):
            o += 1
            for p in basket:
                rows.append({"ordered_at": f"2024-0{1 + o % 3}-{1 + o % 27:02d} 10:00:00", "order_id": f"O{o}",
                             "customer_id": None if c == 11 else f"K{c}", "product_id": p,
                             "product_name": f"thing {p}", "quantity": 1, "unit_price": 2.0})
    shop_path = lines_shop(rows)
    with Shop(shop_path) as shop:
        res = run_recommend(shop, RecommendOptions(models=("itemknn",), k=5), save=False)
    gui = product_view(res.fitted["itemknn"], "A", n=5)          # what the tab shows
    assert main(["similar", "--db", str(shop_path), "A", "--k", "5", "--json"]) == 0
    cli = json.loads(capsys.readouterr().out)
    assert cli["bought_together"] == gui["together"].round(4).to_dict("records")
    assert [r["product_id"] for r in cli["bought_together"]][:1] == ["B"]


def test_run_rows_written_with_sqlite_utils_roll_back_on_cancel(tmp_path):
    """save_run writes through sqlite-utils inside the shop's transaction: a cancel at the last
    check before COMMIT leaves no run and no run table behind."""
    import pandas as pd

    from shopinsight.core.store import Shop
    from shopinsight.core.tasks import Cancelled, Reporter

    stop = []
    with Shop(tmp_path / "s.shop") as shop:
        assert "runs" in shop.db.table_names()
        rid = shop.save_run("t", params={}, metrics={}, tables={"a": pd.DataFrame({"x": [1, 2]})})
        assert shop.load_run(rid).tables["a"]["x"].tolist() == [1, 2]

        class Late(Reporter):                 # asks to stop once the rows are written
            @property
            def stopping(self):
                return bool(stop) or shop.scalar("SELECT count(*) FROM runs") > 1

        with pytest.raises(Cancelled):
            shop.save_run("t", params={}, metrics={}, tables={"b": pd.DataFrame({"x": [3]})},
                          reporter=Late())
        assert shop.scalar("SELECT count(*) FROM runs") == 1
        assert shop.scalar("SELECT count(*) FROM run_tables") == 1


@pytest.mark.parametrize("make, field", [
    (lambda v: __import__("shopinsight.core.customers.pipeline", fromlist=["x"]).CustomerOptions(until=v), "until"),
    (lambda v: __import__("shopinsight.core.anomalies.pipeline", fromlist=["x"]).AnomalyOptions(since=v), "since"),
    (lambda v: __import__("shopinsight.core.explain.pipeline", fromlist=["x"]).ExplainOptions(
        start=v, end="2011-11-30"), "from"),
])
def test_every_job_checks_a_day_with_the_one_iso_day(make, field):
    """One check of a user-given day (core.errors.iso_day): the same message, field and value
    from every job's options (customers, anomalies and explain each had their own copy)."""
    from shopinsight.core.errors import InputError, iso_day

    with pytest.raises(InputError) as expected:
        iso_day("2011-13-45", field)
    with pytest.raises(InputError) as got:
        opts = make("2011-13-45")
        opts.validate()
    assert got.value.value == "2011-13-45"
    assert str(expected.value).split(": ", 1)[1] in str(got.value)
