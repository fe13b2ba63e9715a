"""`kill -9` at a random moment of a 10,000-story ingest, then a re-run: what survives.

First one uninterrupted run of this checkout gives the reference: the articles a whole run
indexes (stories the pipeline skips and repeated URLs left out) and how long it takes. Each
trial then runs `newsdesk ingest` on the same JSON Lines file of real stories (Reuters-21578,
Telegram and Lenta.ru, interleaved: `bench.corpus.raw_corpus`) in its own session, kills the
main process with SIGKILL at a seeded random share of the reference run's duration, and
checks: processes of the run still alive after it; whether the index opens and how many
articles it holds beside the count of new articles the last progress line said were
committed (and how many seconds before the kill that line came); then a re-run of the same
command, and whether the index ends with exactly the reference articles, each once.

With `--compare-with CHECKOUT` the same trials run with another checkout's code (on this
environment's packages) in the same run, side by side:
`python -m bench.kill_bench --trials 3 --ner 0 --compare-with ../main`.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from pathlib import Path
from typing import Any

from bench.corpus import DEFAULT_CACHE, raw_corpus
from indexer.ids import article_id
from indexer.search.base import SearchRequest
from indexer.search.embedded import EmbeddedBackend

STORIES = 10_000
SEED = 20261206
RUN_TIMEOUT_S = 1800.0  # a whole 10k ingest with NER on two busy cores
GONE_WITHIN_S = 5.0  # how long the run's processes get to die after the kill
_TAKEN = re.compile(r"(\d+) articles")
_COMMITTED = re.compile(r"committed \d+ \((\d+) new\)")
_HERE = Path(__file__).resolve().parents[1]


def expected_ids(corpus: Path) -> set[str]:
    """The ids the stories of `corpus` are indexed under."""
    ids = set()
    with open(corpus, encoding="utf-8") as lines:
        for line in lines:
            record = json.loads(line)
            ids.add(article_id(record.get("url"), record.get("html") or record.get("text") or ""))
    return ids


def _session(sid: int) -> list[int]:
    """Live (not zombie) processes of session `sid`."""
    alive = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            text = stat.read_text()
        except OSError:
            continue
        fields = text[text.rindex(")") + 2 :].split()
        if int(fields[3]) == sid and fields[0] != "Z":
            alive.append(int(stat.parent.name))
    return alive


def _start(python: str, cwd: Path, corpus: Path, data: Path, ner: bool) -> subprocess.Popen[str]:
    env = {
        **os.environ,
        "NEWSDESK_DATA_DIR": str(data),
        "NEWSDESK_WORKERS": "2",
        "NEWSDESK_NER": "1" if ner else "0",
        "PYTHONPATH": str(cwd),
    }
    env.pop("NEWSDESK_INDEX_PATH", None)
    env.pop("NEWSDESK_BACKEND", None)
    return subprocess.Popen(
        [python, "-m", "newsdesk", "ingest", str(corpus)],
        cwd=cwd,
        env=env,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )


class _Lines:
    """A process's stderr lines, each with the time it arrived."""

    def __init__(self, process: subprocess.Popen[str]) -> None:
        self.lines: list[tuple[float, str]] = []
        self._thread = threading.Thread(target=self._read, args=(process,), daemon=True)
        self._thread.start()

    def _read(self, process: subprocess.Popen[str]) -> None:
        assert process.stderr is not None
        for line in process.stderr:
            self.lines.append((time.monotonic(), line.rstrip("\n")))

    def last(self, pattern: re.Pattern[str]) -> tuple[float, int] | None:
        """When the last line matching `pattern` came, and its number."""
        for at, line in reversed(self.lines):
            if found := pattern.search(line):
                return at, int(found.group(1))
        return None

    def join(self) -> None:
        """Wait for the end of the stream."""
        self._thread.join(timeout=30)


def _ids(data: Path) -> list[str] | None:
    try:
        backend = EmbeddedBackend(data / "index")
        try:
            return [article.id for article in backend.scan(SearchRequest())]
        finally:
            backend.close()
    except Exception as error:  # noqa: BLE001 - an index that does not open is a result
        print(f"  index does not open: {type(error).__name__}: {error}", file=sys.stderr)
        return None


def reference(corpus: Path, ner: bool) -> tuple[set[str], float]:
    """The articles one uninterrupted run of this checkout indexes, and its seconds."""
    data = Path(tempfile.mkdtemp(prefix="newsdesk-kill-"))
    started = time.monotonic()
    run = _start(sys.executable, _HERE, corpus, data, ner)
    lines = _Lines(run)
    run.wait(RUN_TIMEOUT_S)
    lines.join()
    elapsed = time.monotonic() - started
    ids = set(_ids(data) or [])
    print(next((t for _, t in lines.lines if t.startswith("read ")), "no report"))
    subprocess.run(["rm", "-rf", str(data)], check=False)
    return ids, elapsed


def trial(
    python: str, cwd: Path, corpus: Path, kill_at_s: float, ner: bool, wanted: set[str]
) -> dict[str, Any]:
    """One kill `kill_at_s` seconds after the start (a moment commits know nothing of),
    then a re-run."""
    data = Path(tempfile.mkdtemp(prefix="newsdesk-kill-"))
    run = _start(python, cwd, corpus, data, ner)
    lines = _Lines(run)
    started = time.monotonic()
    while run.poll() is None and time.monotonic() - started < kill_at_s:
        time.sleep(0.01)
    finished_first = run.poll() is not None
    killed_at = time.monotonic()
    if not finished_first:
        os.kill(run.pid, signal.SIGKILL)
    run.wait()
    deadline = time.monotonic() + GONE_WITHIN_S
    while (alive := _session(run.pid)) and time.monotonic() < deadline:
        time.sleep(0.1)
    lines.join()
    for pid in alive:  # leave the machine clean for the next trial
        os.kill(pid, signal.SIGKILL)
    committed = lines.last(_COMMITTED)
    taken = lines.last(_TAKEN)
    present = _ids(data)
    result: dict[str, Any] = {
        "kill_after_s": round(killed_at - started, 1),
        "taken_at_kill": taken[1] if taken else 0,
        "ended_before_kill": finished_first,
        "last_line": lines.lines[-1][1][-120:] if finished_first and lines.lines else "",
        "left_running": len(alive),
        "index_opens": present is not None,
        "present": len(present) if present is not None else None,
        "new_in_last_commit_line": committed[1] if committed else None,
        "s_since_that_line": round(killed_at - committed[0], 1) if committed else None,
    }
    again = _start(python, cwd, corpus, data, ner)
    rerun = _Lines(again)
    status = again.wait(RUN_TIMEOUT_S)
    rerun.join()
    final = _ids(data) or []
    counts = Counter(final)
    result.update(
        {
            "rerun_status": status,
            "rerun_report": next((t for _, t in rerun.lines if t.startswith("read ")), ""),
            "final_distinct": len(counts),
            "final_duplicates": sum(n - 1 for n in counts.values()),
            "missing": len(wanted - set(counts)),
            "unexpected": len(set(counts) - wanted),
        }
    )
    subprocess.run(["rm", "-rf", str(data)], check=False)
    return result


def main() -> None:
    """Run the trials for this checkout (and another, when given) and print them side by side."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--trials", type=int, default=3)
    parser.add_argument("--ner", type=int, choices=(0, 1), default=1)
    parser.add_argument("--seed", type=int, default=SEED)
    parser.add_argument("--cache", type=Path, default=DEFAULT_CACHE)
    parser.add_argument("--compare-with", type=Path, help="another checkout (its code)")
    args = parser.parse_args()
    corpus = raw_corpus(args.cache, STORIES)
    shares = [random.Random(args.seed + n).uniform(0.1, 0.95) for n in range(args.trials)]
    print(f"corpus {corpus} ({STORIES} stories, {len(expected_ids(corpus))} distinct ids)")
    wanted, whole_s = reference(corpus, bool(args.ner))
    print(f"reference: an uninterrupted run indexes {len(wanted)} articles in {whole_s:.0f} s")
    kill_times = [share * whole_s for share in shares]
    print(f"NER {'on' if args.ner else 'off'}; kill -9 this many seconds after the start: ", end="")
    print(", ".join(f"{t:.1f}" for t in kill_times))
    checkouts = [("this", sys.executable, _HERE)]
    if args.compare_with:
        other = args.compare_with.resolve()
        # Its code, with this environment's packages (the same dependencies).
        checkouts.append((other.name, sys.executable, other))
    results: dict[str, list[dict[str, Any]]] = {name: [] for name, _, _ in checkouts}
    for number, kill_at in enumerate(kill_times):
        for name, python, cwd in checkouts:
            outcome = trial(python, cwd, corpus, kill_at, bool(args.ner), wanted)
            results[name].append(outcome)
            print(f"trial {number + 1} [{name}] kill at {kill_at:.1f} s: {json.dumps(outcome)}")
            sys.stdout.flush()
    keys = [k for k in results[checkouts[0][0]][0] if k not in ("rerun_report", "last_line")]
    print()
    columns = [f"{name} #{i + 1}" for name, _, _ in checkouts for i in range(len(shares))]
    print(f"{'':24}" + "".join(f"{column:>14}" for column in columns))
    for key in keys:
        row = [str(results[name][i][key]) for name, _, _ in checkouts for i in range(len(shares))]
        print(f"{key:24}" + "".join(f"{value:>14}" for value in row))


if __name__ == "__main__":
    main()
