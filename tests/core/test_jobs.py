"""The GUI's long analysis jobs as picklable specs (core/jobs.py) run in a child process
(core/process.py ``run_in_process``) with the job contract: progress, Cancel leaves the shop
byte-identical, a job that committed reports done, an InputError keeps its wording and fields, a
bug comes back with the child's traceback, partial results are forwarded, no child is left."""
from __future__ import annotations

import pickle
import time

import pytest

from shopinsight.core.errors import InputError
from shopinsight.core.jobs import JOBS, Job, run_job
from shopinsight.core.process import RemoteTraceback, run_in_process
from shopinsight.core.tasks import Cancelled, Reporter


def _rows(days: int = 250) -> list[dict]:
    import pandas as pd

    start = pd.Timestamp("2024-01-01")
    rows = []
    for d in range(days):
        day = (start + pd.Timedelta(days=d)).date().isoformat()
        for o in range(3):
            rows.append(dict(order_id=f"O{d}-{o}", ordered_at=f"{day} 1{o}:00:00", customer_id=f"C{(d + o) % 17}",
                             product_id=f"P{(d * 3 + o) % 7}", product_name=f"MUG {(d * 3 + o) % 7}",
                             quantity=1 + (d + o) % 4, unit_price=2.5, country="UK"))
    return rows


@pytest.fixture
def shop_path(lines_shop):
    return lines_shop(_rows())


def _runs(path) -> list[int]:
    from shopinsight.core.store import Shop
    with Shop(path, readonly=True) as shop:
        return [int(r) for r in shop.list_runs()["run_id"]]


def _forecast_job():
    from shopinsight.core.forecast import ForecastOptions, SeriesSpec
    return Job("forecast", SeriesSpec(freq="W"), ForecastOptions(horizon=4, models=("seasonal_naive", "moving_average"),
                                                                windows=1))


def test_a_job_spec_pickles_and_names_a_known_job():
    job = _forecast_job()
    again = pickle.loads(pickle.dumps(job))
    assert again == job and again.name == "forecast" and not again.readonly
    assert {"forecast", "customers", "recommend", "recommend.evaluate", "rules.export", "anomalies",
            "anomalies.selftest", "overview", "report"} <= set(JOBS)
    with pytest.raises(KeyError):
        Job("no such job")


def test_a_job_in_a_child_reports_progress_and_stores_its_run(shop_path):
    seen = []
    res = run_in_process(run_job, str(shop_path), _forecast_job(), progress=lambda f, m: seen.append((f, m)))
    assert res.run_id is not None and _runs(shop_path) == [res.run_id]
    assert len(seen) >= 2 and seen[-1][0] == 1.0
    assert [f for f, _m in seen] == sorted(f for f, _m in seen)


def test_cancel_leaves_the_shop_byte_identical(shop_path):
    before = shop_path.read_bytes()
    seen = []
    with pytest.raises(Cancelled):
        run_in_process(run_job, str(shop_path), _forecast_job(), progress=lambda f, m: seen.append(f),
                       should_stop=lambda: bool(seen))          # Cancel once the first progress arrived
    assert seen and shop_path.read_bytes() == before
    assert _runs(shop_path) == []


def test_a_job_that_committed_reports_done_despite_a_later_cancel(shop_path):
    rep = Reporter(None, lambda: rep.committed)      # Cancel is pressed the moment the run is committed
    res = run_in_process(run_job, str(shop_path), _forecast_job(), progress=rep)
    assert rep.committed and res.run_id in _runs(shop_path)


def test_an_input_error_from_the_child_keeps_its_wording_and_fields(shop_path):
    from shopinsight.core.analytics import OverviewOptions

    with pytest.raises(InputError) as caught:
        run_in_process(run_job, str(shop_path), Job("overview", OverviewOptions(period="bogus")))
    exc = caught.value
    assert (exc.column, exc.value) == ("period", "bogus")
    assert str(exc).startswith("column 'period', value 'bogus': choose one of")


def test_a_bug_in_the_child_comes_back_with_the_childs_traceback(shop_path):
    with pytest.raises(Exception) as caught:
        run_in_process(run_job, str(shop_path), Job("forecast", "not a spec", None))
    assert not isinstance(caught.value, (InputError, Cancelled))
    cause = caught.value.__cause__
    assert isinstance(cause, RemoteTraceback) and "jobs.py" in cause.tb and "_forecast" in cause.tb


def test_partial_results_are_forwarded_in_order(shop_path):
    from shopinsight.core.analytics import OverviewOptions

    parts = []
    res = run_in_process(run_job, str(shop_path), Job("overview", OverviewOptions(period="all")),
                         on_partial=parts.append)
    keys = [k for k, _v in parts]
    assert keys and len(keys) == len(set(keys)) and res.run_id is None
    # the same partials as the call on this thread
    here = []
    run_job(str(shop_path), Job("overview", OverviewOptions(period="all")), partial=here.append)
    assert keys == [k for k, _v in here]


def _whoami(progress=None, should_stop=None) -> int:
    import os
    return os.getpid()


def test_the_pool_runs_a_job_in_the_child_started_ahead_then_starts_the_next(shop_path):
    from proc_helpers import alive

    from shopinsight.core.process import ChildPool

    pool = ChildPool(warm=("shopinsight.core.jobs",))
    try:
        assert pool.ready_pid is None and isinstance(pool.run(_whoami), int)   # not prepared: a child per job
        assert pool.ready_pid is None
        pool.prepare()
        ahead = pool.ready_pid
        deadline = time.monotonic() + 60
        while not pool.warmed and time.monotonic() < deadline:                 # its modules imported
            time.sleep(0.05)
        child = pool.take()
        assert ahead is not None and child is not None and pool.ready_pid is None
        assert pool.run(_whoami, child=child) == ahead                       # the job ran in the waiting child
        following = pool.ready_pid
        assert following not in (None, ahead) and not alive(ahead)           # which ended with its job
        before = shop_path.read_bytes()
        with pytest.raises(Cancelled):                                       # Cancel in a child started ahead
            pool.run(run_job, str(shop_path), _forecast_job(), should_stop=lambda: True)
        assert shop_path.read_bytes() == before and not alive(following)
    finally:
        pool.close()
    assert pool.ready_pid is None

