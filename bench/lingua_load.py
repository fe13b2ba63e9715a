"""lingua's full models for the warm-up's short lines: loaded on first use, or preloaded.

`python -m bench.lingua_load [--rounds 2]` loads the models `pipeline.warm_up` needs for its
short lines (the detailed languages of the Latin and the Cyrillic script), each way in a fresh
process, rounds alternated, and prints wall time, CPU time per thread and peak RSS. CPU per
thread shows what free cores would give: the preloading builder spreads the work over its
threads, loading on first use runs it on one.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import time

from indexer.langid import detectors
from indexer.langid.combine import _prepare, _Text
from indexer.pipeline import WARM_UP_SHORT_LINES

MODES = ("first-use", "preloaded")


def _thread_cpu_s() -> list[float]:
    """User + system CPU seconds of each thread of this process that used any."""
    tick = os.sysconf("SC_CLK_TCK")
    out = []
    for task in os.listdir("/proc/self/task"):
        with open(f"/proc/self/task/{task}/stat", encoding="ascii") as stat:
            fields = stat.read().rsplit(")", 1)[1].split()
        seconds = (int(fields[11]) + int(fields[12])) / tick
        if seconds >= 0.05:
            out.append(seconds)
    return sorted(out, reverse=True)


def run_one(mode: str) -> dict[str, object]:
    """Load the detailed models for the warm-up lines one way; figures of this process."""
    sets = []
    for line in WARM_UP_SHORT_LINES:
        prepared = _prepare(line)
        assert isinstance(prepared, _Text)
        codes = prepared.candidates & detectors.DETAILED_LANGUAGES
        sets.append((codes, prepared.sample))
    before = _thread_cpu_s()
    start = time.perf_counter()
    for codes, sample in sets:
        if mode == "preloaded":
            detectors.preload_lingua(codes)
        else:
            detectors.lingua_probabilities(sample, codes)
    wall = time.perf_counter() - start
    return {
        "mode": mode,
        "languages": sum(len(codes) for codes, _ in sets),
        "wall_s": round(wall, 2),
        "cpu_s_per_thread": [round(s, 2) for s in _thread_cpu_s()],
        "cpu_s_before": round(sum(before), 2),
        "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024,
        "load_average": os.getloadavg()[0],
    }


def main() -> None:
    """Command line: rounds of both modes, alternated, one JSON line each."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--one", choices=MODES, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        print(json.dumps(run_one(args.one)))
        return
    for _ in range(args.rounds):
        for mode in MODES:
            command = [sys.executable, "-m", "bench.lingua_load", "--one", mode]
            done = subprocess.run(command, capture_output=True, text=True, check=True)
            print(done.stdout.strip().splitlines()[-1], flush=True)


if __name__ == "__main__":
    main()
