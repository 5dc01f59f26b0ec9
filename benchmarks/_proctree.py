"""Run one command as a whole process and watch its process tree: wall time, peak RSS, CPU.

The command starts in its own session (so its process group is its pid). A thread samples
`/proc` every `interval` seconds: RSS summed over the group and all descendants (shared pages
count once per process, so an upper bound), and each process's CPU time as last seen. Each
process's own peak (VmHWM) is read too, which no sampling interval can miss. The
tree's total CPU time is the larger of `getrusage(RUSAGE_CHILDREN)` before and after (exact for
every descendant that was waited for, blind to those that were not, e.g. a forkserver's pool)
and the sum of the sampled times (which misses each process's last < `interval` seconds).
"""

from __future__ import annotations

import os
import resource
import subprocess
import threading
import time
from dataclasses import dataclass
from pathlib import Path

PAGE_SIZE = os.sysconf("SC_PAGE_SIZE")
CLOCK_TICKS = os.sysconf("SC_CLK_TCK")


@dataclass(frozen=True, slots=True)
class ProcInfo:
    ppid: int
    pgrp: int
    rss: int  # bytes
    cpu: float  # user + system seconds of the process itself


def high_water_mark(pid: int) -> int:
    """The process's peak RSS so far (VmHWM, kept by the kernel: no spike between samples is missed)."""
    try:
        with open(f"/proc/{pid}/status", "rb") as f:
            for line in f:
                if line.startswith(b"VmHWM:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    return 0


def proc_table() -> dict[int, ProcInfo]:
    """Every readable process."""
    table = {}
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            with open(f"/proc/{entry.name}/stat", "rb") as f:
                stat = f.read()
        except OSError:
            continue
        fields = stat[stat.rfind(b")") + 2 :].split()  # the command name may hold spaces
        cpu = (int(fields[11]) + int(fields[12])) / CLOCK_TICKS
        table[int(entry.name)] = ProcInfo(int(fields[1]), int(fields[2]), int(fields[21]) * PAGE_SIZE, cpu)
    return table


def tree_of(root: int, table: dict[int, ProcInfo]) -> set[int]:
    """`root`'s process group plus all its descendants (a daemon may leave the group)."""
    members = {pid for pid, info in table.items() if info.pgrp == root} | {root}
    grew = True
    while grew:
        before = len(members)
        members |= {pid for pid, info in table.items() if info.ppid in members}
        grew = len(members) > before
    return {pid for pid in members if pid in table}


@dataclass
class ProcessRun:
    seconds: float  # wall, start to exit
    returncode: int
    peak_rss: int  # largest RSS sum over the tree
    peak_parent_rss: int  # the command's own process
    peak_others_rss: int  # all its descendants together
    peak_procs: int
    # each process's own peak (VmHWM, last read before it ended), summed over the processes: exact
    # for every process, where the sampled sums above may miss a short spike, but an upper bound of
    # the tree's peak (the processes need not peak at the same moment)
    hwm_sum: int
    cpu_seconds: float  # user + system of the whole tree (exact, from rusage)
    parent_cpu: float  # the command's own process, as last sampled
    others_cpu: float  # its descendants, each as last sampled
    stderr_tail: str


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def run_process(
    command: list[str],
    cwd: Path,
    log: Path,
    env: dict[str, str] | None = None,
    interval: float = 0.2,
) -> ProcessRun:
    """Run `command` to its end (stdout and stderr to `log`) while sampling its tree."""
    peaks = {"rss": 0, "parent": 0, "others": 0, "procs": 0}
    last_cpu: dict[int, float] = {}
    hwm: dict[int, int] = {}
    stop = threading.Event()
    cpu_before = _children_cpu()
    with open(log, "wb") as out:
        started = time.perf_counter()
        proc = subprocess.Popen(
            command, stdout=out, stderr=subprocess.STDOUT, start_new_session=True, cwd=cwd, env=env
        )

        def sample() -> None:
            while not stop.wait(interval):
                table = proc_table()
                members = tree_of(proc.pid, table)
                own = table[proc.pid].rss if proc.pid in table else 0
                total = sum(table[pid].rss for pid in members)
                peaks["rss"] = max(peaks["rss"], total)
                peaks["parent"] = max(peaks["parent"], own)
                peaks["others"] = max(peaks["others"], total - own)
                peaks["procs"] = max(peaks["procs"], len(members))
                for pid in members:
                    last_cpu[pid] = table[pid].cpu
                    hwm[pid] = max(hwm.get(pid, 0), high_water_mark(pid))

        sampler = threading.Thread(target=sample, daemon=True)
        sampler.start()
        returncode = proc.wait()
        seconds = time.perf_counter() - started
        stop.set()
        sampler.join()
    parent_cpu = last_cpu.pop(proc.pid, 0.0)
    others_cpu = sum(last_cpu.values())
    tail = log.read_bytes()[-3000:].decode(errors="replace")
    return ProcessRun(
        seconds=seconds,
        returncode=returncode,
        peak_rss=peaks["rss"],
        peak_parent_rss=peaks["parent"],
        peak_others_rss=peaks["others"],
        peak_procs=peaks["procs"],
        hwm_sum=sum(hwm.values()),
        cpu_seconds=max(_children_cpu() - cpu_before, parent_cpu + others_cpu),
        parent_cpu=parent_cpu,
        others_cpu=others_cpu,
        stderr_tail=tail,
    )
