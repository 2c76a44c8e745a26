"""Run history (issue 14): list, show, delete and compare stored runs — core and CLI."""
from __future__ import annotations

import json

import pandas as pd
import pytest

from shopinsight.cli import main
from shopinsight.core import i18n, runs
from shopinsight.core.errors import InputError
from shopinsight.core.registry import registry
from shopinsight.core.store import Shop, library_versions
from shopinsight.core.tasks import Cancelled, Reporter


def _save(shop, kind="forecast", horizon=14, mase=1.2, tables=None, **kw):
    return shop.save_run(kind, params={"spec": {"level": "total"}, "options": {"horizon": horizon,
                                                                              "models": ["naive", "linear"]}},
                         metrics={"models": {"linear": {"mase": mase, "mae": 10.0}}, "selected": {"total": "linear"}},
                         tables=tables if tables is not None else {"forecast": pd.DataFrame({"y": [1.0, 2.0, 3.0]}),
                                                                    "history": pd.DataFrame({"y": [4.0]})},
                         data_from="2011-01-01", data_to="2011-06-30", seconds=1.5, summary="a run", **kw)


@pytest.fixture
def shop(tmp_path):
    with Shop(tmp_path / "runs.shop") as s:
        yield s


def _age_versions(shop, run_id, **changes):
    """Pretend a run was made with other library versions."""
    v = json.loads(shop.scalar("SELECT versions_json FROM runs WHERE run_id = ?", (run_id,)))
    v.update(changes)
    with shop.transaction() as c:
        c.execute("UPDATE runs SET versions_json = ? WHERE run_id = ?", (json.dumps(v), run_id))


def test_list_show_delete_round_trip(shop):
    a = _save(shop)
    b = _save(shop, kind="anomalies", tables={"items": pd.DataFrame({"k": ["x", "y"]})})
    listed = runs.list_runs(shop)
    assert [r.run_id for r in listed] == [b, a]                  # newest first
    assert [r.run_id for r in runs.list_runs(shop, "forecast")] == [a]
    r = listed[1]
    assert (r.kind, r.kind_label, r.data_from, r.data_to, r.summary) == \
        ("forecast", "Forecast", "2011-01-01", "2011-06-30", "a run")
    assert r.params["options"]["horizon"] == 14 and r.metrics["models"]["linear"]["mase"] == 1.2
    assert r.versions["pandas"] == library_versions()["pandas"] and not r.other_versions
    shown = runs.show_run(shop, a)
    assert shown.tables == {"forecast": 3, "history": 1}

    gone = runs.delete_run(shop, a)
    assert gone.run_id == a
    assert [r.run_id for r in runs.list_runs(shop)] == [b]
    assert shop.scalar("SELECT count(*) FROM run_tables WHERE run_id = ?", (a,)) == 0    # its tables too
    assert shop.scalar("SELECT count(*) FROM run_tables WHERE run_id = ?", (b,)) == 1    # others untouched
    with pytest.raises(InputError, match="no stored run"):
        runs.show_run(shop, a)
    with pytest.raises(InputError, match="no stored run") as e:
        runs.delete_run(shop, 999)
    assert e.value.column == "run_id" and e.value.value == "999"
    with pytest.raises(InputError, match="whole number"):
        runs.show_run(shop, "abc")


def test_cancelled_delete_leaves_the_shop_as_it_was(shop):
    a = _save(shop)
    rep = Reporter(None, lambda: True)          # asked to stop: the delete rolls back before COMMIT
    with pytest.raises(Cancelled):
        runs.delete_run(shop, a, reporter=rep)
    assert runs.show_run(shop, a).tables == {"forecast": 3, "history": 1}


def test_deleting_several_runs_is_all_or_none(shop):
    a, b, c = _save(shop), _save(shop), _save(shop)
    with pytest.raises(InputError, match="no stored run"):
        runs.delete_runs(shop, [a, 999])
    with pytest.raises(InputError, match="no stored run"):      # the store checks inside its transaction
        shop.delete_runs([b, 998])
    assert [r.run_id for r in runs.list_runs(shop)] == [c, b, a]
    assert [i.run_id for i in runs.delete_runs(shop, [a, c])] == [a, c]
    assert [r.run_id for r in runs.list_runs(shop)] == [b]
    assert shop.scalar("SELECT count(*) FROM run_tables") == 2


def test_compare_two_runs_of_one_kind_marks_differences(shop):
    a = _save(shop, horizon=14, mase=1.2)
    b = _save(shop, horizon=28, mase=0.9)
    comp = runs.compare_runs(shop, a, b)
    rows = comp.rows.set_index("key")
    assert rows.loc["options.horizon", "differs"] and rows.loc["options.horizon", "a"] == 14 \
        and rows.loc["options.horizon", "b"] == 28
    assert rows.loc["models.linear.mase", "differs"] and rows.loc["models.linear.mase", "change"] == pytest.approx(-0.3)
    assert not rows.loc["models.linear.mae", "differs"] and not rows.loc["options.models", "differs"]
    assert rows.loc["models.linear.mase", "section"] == "metrics" and rows.loc["options.horizon", "section"] == "params"
    assert rows.loc["models.linear.mase", "label"] == "models · Linear regression · MASE"     # model ids by their labels (issue 12)
    d = comp.to_dict()
    assert d["kind"] == "forecast" and d["differences"] == comp.differences >= 2
    json.dumps(d)                                        # --json ready


def test_compare_refuses_runs_of_different_kinds(shop):
    a = _save(shop)
    b = _save(shop, kind="customers")
    with pytest.raises(InputError, match="same kind"):
        runs.compare_runs(shop, a, b)


def test_run_made_with_other_versions_is_marked(shop):
    a = _save(shop)
    b = _save(shop)
    _age_versions(shop, a, **{"scikit-learn": "0.24.2", "python": "2.7"})     # python alone would not count
    by_id = {r.run_id: r for r in runs.list_runs(shop)}
    assert by_id[a].other_versions and not by_id[b].other_versions
    assert list(by_id[a].version_changes) == ["scikit-learn"]
    assert by_id[a].version_warnings() == [f"scikit-learn: run made with 0.24.2, now {library_versions()['scikit-learn']}"]
    table = runs.runs_table(runs.list_runs(shop))
    assert table.set_index("run_id").loc[a, "other_versions"] and not table.set_index("run_id").loc[b, "other_versions"]
    # the core Run shares the mark (the Customers tab shows its lines)
    assert shop.load_run(a).version_warnings() == by_id[a].version_warnings()


def test_every_kind_the_code_stores_has_a_label():
    """A new analysis that stores runs gets a label in the run history (not its bare id)."""
    import re
    from pathlib import Path

    import shopinsight
    root = Path(shopinsight.__file__).parent
    found = set()
    for f in root.rglob("*.py"):
        text = f.read_text(encoding="utf-8")
        found |= set(re.findall(r'^\s*(?:SELFTEST_)?KIND\s*=\s*"([\w-]+)"', text, re.M))
        found |= set(re.findall(r'save_run\(\s*"([\w-]+)"', text))
    assert {"forecast", "anomalies", "rules"} <= found
    assert found <= set(runs.KIND_LABELS), found - set(runs.KIND_LABELS)


def test_unknown_kind_is_an_input_error(shop):
    _save(shop, kind="report")                     # a kind stored by a newer analysis is known once stored
    assert [r.kind for r in runs.list_runs(shop, "report")] == ["report"]
    assert runs.kind_label("report") == "report"
    with pytest.raises(InputError, match="no such kind") as e:
        runs.list_runs(shop, "nope")
    assert e.value.column == "kind"


def test_labels_follow_the_language(shop):
    a = _save(shop)
    _age_versions(shop, a, numpy="1.0")
    i18n.set_language("zh_CN")
    try:
        r = runs.list_runs(shop)[0]
        assert r.kind_label == "预测"
        assert runs.key_label("models.linear.mase") == "模型 · 线性回归 · MASE"
        assert runs.format_value(["naive", "seasonal_naive"]) == ", ".join(
            registry("forecast").label(m) for m in ("naive", "seasonal_naive"))
        assert runs.format_value("net_sales") == "净销售额" and runs.format_value("total") == "全店"
        assert runs.format_value("2011-12-09") == "2011-12-09"     # other text as it is
        assert "numpy" in r.version_warnings()[0] and "run made with" not in r.version_warnings()[0]
        assert runs.SECTIONS["metrics"] != "Metrics"
    finally:
        i18n.set_language("en")


# -- CLI ---------------------------------------------------------------------------------------

def _json(capsys) -> dict:
    out = capsys.readouterr().out
    lines = [ln for ln in out.splitlines() if ln.strip()]
    assert len(lines) == 1, out
    return json.loads(lines[0])


def test_cli_list_show_compare_delete_json(tmp_path, capsys):
    path = tmp_path / "cli.shop"
    with Shop(path) as s:
        a, b = _save(s, horizon=7), _save(s, horizon=8)
        c = _save(s, kind="anomalies")
        _age_versions(s, a, pandas="0.1")
    db = ["--db", str(path), "--json"]
    assert main(["runs", *db]) == 0
    listed = _json(capsys)["runs"]
    assert [r["run_id"] for r in listed] == [c, b, a]
    first = listed[-1]
    assert first["kind"] == "forecast" and first["params"]["options"]["horizon"] == 7
    assert first["metrics"]["models"]["linear"]["mase"] == 1.2 and first["data_from"] == "2011-01-01"
    assert first["other_versions"] is True and first["versions"]["pandas"] == "0.1"
    assert listed[1]["other_versions"] is False

    assert main(["runs", "--kind", "anomalies", *db]) == 0
    assert [r["run_id"] for r in _json(capsys)["runs"]] == [c]

    assert main(["runs", "show", str(a), *db]) == 0
    assert _json(capsys)["tables"] == {"forecast": 3, "history": 1}

    assert main(["runs", "compare", str(a), str(b), *db]) == 0
    comp = _json(capsys)
    row = next(r for r in comp["rows"] if r["key"] == "options.horizon")
    assert (row["a"], row["b"], row["differs"]) == (7, 8, True)

    assert main(["runs", "compare", str(a), str(c), *db]) == 2
    assert _json(capsys)["error"]["kind"] == "input"

    assert main(["runs", "delete", str(a), *db]) == 0
    assert _json(capsys)["deleted"] == [a]
    assert main(["runs", "show", str(a), *db]) == 2
    err = _json(capsys)["error"]
    assert err["field"] == "run_id" and str(a) in err["message"]
    assert main(["runs", "show", *db]) == 2                   # an id is needed
    _json(capsys)


def test_cli_human_output(tmp_path, capsys):
    path = tmp_path / "h.shop"
    with Shop(path) as s:
        a, b = _save(s, horizon=7), _save(s, horizon=8)
        _age_versions(s, a, pandas="0.1")
    assert main(["runs", "--db", str(path)]) == 0
    out = capsys.readouterr().out
    assert f"#{a}" in out and "Forecast" in out and "made with other versions" in out and "horizon = 7" in out
    assert main(["runs", "compare", str(a), str(b), "--db", str(path)]) == 0
    out = capsys.readouterr().out
    assert "* options · horizon" in out and "models · Linear regression · MASE" not in out     # only differences
