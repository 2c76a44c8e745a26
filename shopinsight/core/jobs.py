"""Long analysis jobs as picklable specs, so the GUI can run them in a child process.

A worker *thread* running pandas / NumPy / scikit-learn / SQLite shares the interpreter lock with
the GUI thread, and the window stalls for tens to hundreds of milliseconds at a time while a model
trains.  A child process has its own interpreter (:func:`~shopinsight.core.process.run_in_process`);
but what it runs must pickle, and a lambda does not.  A :class:`Job` names one of :data:`JOBS` and
carries its (picklable) arguments; :func:`run_job` opens the shop, runs it with the caller's
reporter (progress, cancel, committed) and returns what the job returns — the same value the GUI
got when it ran the call on a thread (the run is saved by the job itself, in the child, as on a
thread; a cancelled job rolled back and the shop is unchanged).

One place for every tab: a tab builds ``Job("forecast", spec, options)`` instead of a lambda, and
the tab base runs it (:meth:`~shopinsight.gui.widgets.job_tab.AnalysisTab.start_job`).  A job that
sends partial results (the Overview's charts as they are ready) gets ``partial=``; in a child they
travel through the same queue as the progress.  The CLI calls the core functions directly.

No Qt here.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Optional

from .tasks import as_reporter

__all__ = ["Job", "JOBS", "JOB_MODULES", "PROCESS_JOB_BYTES", "run_job", "job", "resolve", "load_stored_run"]

#: the GUI runs a job on a shop smaller than this on a thread when no child process is waiting
#: for it (see :class:`~shopinsight.core.process.ChildPool`): a few thousand lines are done before a
#: new interpreter would have started (1–2 s) — as imports of small files stay in the process
PROCESS_JOB_BYTES = 4 << 20

#: what a child started ahead of its job imports while it waits (the jobs' own modules; never
#: TensorFlow, which only the deep models import when they train)
JOB_MODULES: tuple[str, ...] = (
    "pandas", "shopinsight.core.store", "shopinsight.core.jobs", "shopinsight.core.analytics",
    "shopinsight.core.forecast", "shopinsight.core.customers", "shopinsight.core.recommend.pipeline",
    "shopinsight.core.anomalies")


@dataclass(frozen=True, init=False)
class Job:
    """``JOBS[name](shop, reporter, *args)`` on the shop the job is run on; ``readonly`` opens the
    shop read-only (a job that only reads, such as the report)."""

    name: str
    args: tuple
    readonly: bool

    def __init__(self, name: str, *args: Any, readonly: bool = False):
        if name not in JOBS:
            raise KeyError(f"no job named {name!r}; known: {', '.join(sorted(JOBS))}")
        object.__setattr__(self, "name", name)
        object.__setattr__(self, "args", tuple(args))
        object.__setattr__(self, "readonly", bool(readonly))


JOBS: dict[str, Callable[..., Any]] = {}


def job(name: str) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """Register ``fn(shop, reporter, *args)`` (``partial=`` too, if it sends partial results) as job ``name``."""
    def register(fn: Callable[..., Any]) -> Callable[..., Any]:
        JOBS[name] = fn
        return fn
    return register


def run_job(shop_path: str | Path, spec: Job, progress=None, should_stop=None,
            partial: Optional[Callable[[Any], None]] = None) -> Any:
    """Open the shop at ``shop_path`` and run ``spec`` with a reporter made of ``progress`` and
    ``should_stop`` (module level, for :func:`~shopinsight.core.process.run_in_process`)."""
    from .store import Shop

    rep = as_reporter(progress, should_stop)
    fn = JOBS[spec.name]
    extra = {"partial": partial} if partial is not None else {}
    with Shop(shop_path, readonly=spec.readonly) as shop:
        return fn(shop, rep, *spec.args, **extra)


def resolve(ref: str) -> Any:
    """The object a ``"package.module:name.attr"`` reference names (a function, a class's load)."""
    import importlib

    module, _sep, name = ref.partition(":")
    obj: Any = importlib.import_module(module)
    for part in name.split("."):
        obj = getattr(obj, part)
    return obj


def load_stored_run(shop, loader: str, run_id: Optional[int], reporter=None) -> Any:
    """``loader(shop, run_id)`` — given the reporter too when it takes one (a stored
    recommendation run refits its model) — for a ``"module:Result.load"`` reference."""
    import inspect

    fn = resolve(loader)
    params = inspect.signature(fn).parameters
    if "reporter" in params or "progress" in params:
        return fn(shop, run_id, reporter)
    return fn(shop, run_id)


# -- the jobs the GUI runs ---------------------------------------------------------------------
@job("load")
def _load(shop, rep, setup: str, loader: str, run_id: Optional[int]):
    """A tab's setup (``setup(shop, reporter)``; none when "") and its stored run (``loader``, see
    :func:`load_stored_run`; none when ""): ``(setup, run)``."""
    got = resolve(setup)(shop, rep) if setup else None
    return got, (load_stored_run(shop, loader, run_id, rep) if loader else None)


def anomalies_setup(shop, reporter=None):
    """The Anomalies tab's form: the stored self-test and the shop's date range."""
    from .anomalies import load_self_test
    return load_self_test(shop), shop.date_range()


def customers_setup(shop, reporter=None) -> dict:
    """The Customers tab's overview: segments and cohorts of the shop as it is now."""
    from .customers import cohort_matrix, cohort_table, load_history, segments
    from .store import interruptible

    rep = as_reporter(reporter)
    with interruptible(shop, rep):   # Cancel stops the history scan mid-query
        h = load_history(shop)
    seg = segments(h, progress=rep.sub(0.0, 0.8))
    coh = cohort_table(h)
    return {"segments": seg, "cohorts": coh, "retention": cohort_matrix(coh, "retention"),
            "revenue": cohort_matrix(coh, "net_sales")}


def forecast_setup(shop, reporter=None):
    """The Forecast tab's form (products, events, ...)."""
    from .forecast.setup import forecast_setup as setup
    return setup(shop)


def recommend_setup(shop, reporter=None):
    """The Recommendations tab's newest stored model comparison."""
    from .recommend.pipeline import load_evaluation
    return load_evaluation(shop)


@job("overview")
def _overview(shop, rep, options, other_label: str = "Other", unknown_label: str = "Unknown", *,
              partial=None):
    from .analytics import run_overview
    send = None if partial is None else (lambda key, value: partial((key, value)))
    return run_overview(shop, options, rep, partial=send, other_label=other_label, unknown_label=unknown_label)


@job("forecast")
def _forecast(shop, rep, spec, options):
    from .forecast import run_forecast
    return run_forecast(shop, spec, options, progress=rep)


@job("customers")
def _customers(shop, rep, options):
    from .customers import run_customers
    return run_customers(shop, options, rep)


@job("recommend")
def _recommend(shop, rep, options):
    from .recommend.pipeline import run_recommend
    return run_recommend(shop, options, rep)


@job("recommend.evaluate")
def _recommend_evaluate(shop, rep, models, k: int, tune: bool):
    """The model comparison (stored); returns its table."""
    from .recommend.pipeline import run_evaluation
    return run_evaluation(shop, list(models), k=k, tune=tune, progress=rep).table


@job("rules.export")
def _rules_export(shop, rep, path, options=None):
    """Mine the bought-together rules (stored as a run of kind rules, as ``shopinsight rules``) and
    write them to ``path`` (CSV or Excel); returns the run's info."""
    from .export import write_table
    from .recommend.rules import RulesOptions, run_rules
    res = run_rules(shop, options or RulesOptions(), rep)
    write_table(res.rules, path, "rules")
    return res.info


@job("anomalies")
def _anomalies(shop, rep, options):
    from .anomalies import run_anomalies
    return run_anomalies(shop, options, progress=rep)


@job("anomalies.selftest")
def _anomalies_selftest(shop, rep):
    from .anomalies import run_self_test
    return run_self_test(shop, progress=rep)


@job("report")
def _report(shop, rep, options):
    from .report import build_report
    return build_report(shop, options, rep)
