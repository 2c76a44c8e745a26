"""Child processes of a process, for the leak fixture and the kill tests (psutil if installed,
else Linux's /proc; an empty answer elsewhere)."""
from __future__ import annotations

import os
from pathlib import Path

# long-lived helpers multiprocessing starts once per session by design
_SERVICE_PROCESSES = ("multiprocessing.resource_tracker", "multiprocessing.forkserver")


def child_pids(pid: int | None = None) -> set[int]:
    """Live (non-zombie) direct children of ``pid`` (default: this process)."""
    pid = os.getpid() if pid is None else pid
    try:
        import psutil
    except ImportError:
        psutil = None
    if psutil is not None:
        try:
            return {c.pid for c in psutil.Process(pid).children()
                    if c.status() != psutil.STATUS_ZOMBIE}
        except psutil.Error:
            return set()
    out = set()
    for d in Path("/proc").glob("[0-9]*"):
        try:
            stat = (d / "stat").read_text()
        except OSError:
            continue
        fields = stat[stat.rindex(")") + 2:].split()   # after "pid (comm) "
        if fields[0] != "Z" and int(fields[1]) == pid:
            out.add(int(d.name))
    return out


def alive(pid: int) -> bool:
    """True while ``pid`` runs (a zombie waiting to be reaped counts as gone)."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    return stat[stat.rindex(")") + 2] != "Z"


def cmdline(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
    except OSError:
        return ""


def leaked_children(before: set[int]) -> set[int]:
    """Children started since ``before`` that still run (multiprocessing's helpers excepted)."""
    return {p for p in child_pids() - before
            if not any(s in cmdline(p) for s in _SERVICE_PROCESSES)}
