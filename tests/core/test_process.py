"""Core calls in a child process: results, progress and errors come back as from a thread."""
from __future__ import annotations

from pathlib import Path

import pytest

from shopinsight.core.errors import InputError
from shopinsight.core.process import import_into, run_in_process
from shopinsight.core.store import Shop

ORDERS = Path(__file__).resolve().parents[1] / "data" / "gui_orders.csv"


def test_import_in_a_child_process(tmp_path):
    shop = tmp_path / "p.shop"
    seen = []
    [res] = run_in_process(import_into, shop, [ORDERS], None, progress=lambda f, m: seen.append(f))
    assert (res["imported"], res["rejected"]) == (40, 1)
    assert seen and seen[-1] == 1.0 and seen == sorted(seen)
    with Shop(shop) as s:
        assert s.line_count() == 40
    bad = tmp_path / "empty.csv"
    bad.write_text("")
    with pytest.raises(InputError):
        run_in_process(import_into, shop, [bad], None)
    with Shop(shop) as s:
        assert s.line_count() == 40 and len(s.imports()) == 1


def _pid_and_time(progress=None, should_stop=None) -> tuple[int, float]:
    import os
    import time
    return os.getpid(), time.time()


def test_a_job_never_waits_for_a_pool_child_still_importing():
    """A child started ahead that is still importing its modules is not handed a job (it would read
    the job only after its last import): the job gets a new child, at fresh-spawn speed, and the
    next child is started ahead when the job ends."""
    import time

    from proc_helpers import alive

    from shopinsight.core.process import ChildPool

    import_seconds = 30.0                     # tests/slow_warm_helper.py's IMPORT_SECONDS (not imported here)

    pool = ChildPool(warm=("slow_warm_helper",))
    try:
        pool.prepare()
        ahead = pool.ready_pid
        time.sleep(0.2)
        assert ahead is not None and not pool.warmed
        t0 = time.time()
        pid, ran_at = pool.run(_pid_and_time)
        assert pid != ahead
        assert ran_at - t0 < import_seconds / 2          # a new interpreter: ~1 s, not the 30 s import
        # the importing child was ended (no CPU taken from the job's start-up); the next one is started
        assert pool.ready_pid not in (None, ahead) and not alive(ahead) and pool.take() is None
    finally:
        pool.close()
    assert pool.ready_pid is None
