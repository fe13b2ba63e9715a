"""A folder like issue 10's through the real `newsdesk ingest`: wall time, peak memory, and
every file accounted for.

`python -m bench.fault_folder [--out DIR] [--workers 2] [--ner 1]` builds (once, into the
cache) 255 files: 194 bad ones of every kind `devtools.bad_inputs` writes (13 copies of each,
in folders bad-01 … bad-13: deep JSON, truncated, corrupt and garbled gzip, a WARC record
without its URI, a 200 KB gzip bomb of 200 MiB, 50,000 bad lines, 50,000 bad SGML stories,
bad UTF-8, binary, empty, FIFO, socket, a link out of the folder), one 48 MB JSON line, one
1 GiB JSON line (written lazily on the first run), unsupported types; and 61 good real news
pages from ../shared/data (30 tgnews pages, 31 of the extraction benchmark). Then it runs
`newsdesk ingest` on them under /usr/bin/time -v, samples the resident memory of the whole
process tree every 0.2 s, and checks: exit status, no traceback, every bad file named in the
report, every good article (read from the good files, and the good records inside bad
ones) in the index. No threshold of the readers was tuned on this data: their defaults come
from the sizes of real inputs (indexer/config.py).
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.process_tree import descendants, tree_pss_bytes, tree_rss_bytes
from devtools.bad_inputs import BAD_KINDS, MB, Bad, long_line, record
from indexer.config import Settings
from indexer.errors import NotFound
from indexer.model import Article
from indexer.readers import read_paths
from indexer.search import SearchRequest, open_backend

SHARED_DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data"
DEFAULT_OUT = Path.home() / ".cache" / "newsdesk" / "fault-folder"
COPIES = 13  # copies of each bad kind: 13 x 14 kinds + 2 long lines + 10 unsupported = 194
UNSUPPORTED = 10
TGNEWS_PAGES, EXTRACTION_PAGES = 30, 31
HUGE_LINE_BYTES = 1024 * MB
SAMPLE_EVERY_S = 0.2
RUN_TIMEOUT_S = 1800


def _huge_line(folder: Path) -> Bad:
    """One good line, a 1 GiB JSON line, one good line: written in 8 MB pieces."""
    path = folder / "oneline.jsonl"
    if not path.exists():
        partial = path.with_suffix(".part")
        with open(partial, "w", encoding="utf-8") as out:
            out.write(record("hugebefore") + '{"text": "')
            piece = "y" * (8 * MB)
            for _ in range(HUGE_LINE_BYTES // len(piece)):
                out.write(piece)
            out.write('"}\n' + record("hugeafter"))
        partial.rename(path)
    return Bad("oneline.jsonl", "NEWSDESK_MAX_RECORD_MB", ("hugebefore", "hugeafter"))


def build(root: Path) -> tuple[list[Path], list[Bad], list[Path]]:
    """The input folders, the bad files (with their expected reasons) and the good files."""
    huge = root / "huge"
    huge.mkdir(parents=True, exist_ok=True)
    bad: list[Bad] = [_huge_line(huge)]
    folders = [root / f"bad-{n:02}" for n in range(1, COPIES + 1)]
    done = root / "built"
    if not done.exists():
        for folder in [*folders, root / "good", root / "other"]:
            shutil.rmtree(folder, ignore_errors=True)
            shutil.rmtree(folder.parent / f"{folder.name}-outside", ignore_errors=True)
    kinds = [make for make in BAD_KINDS if make is not long_line]
    for folder in folders:
        folder.mkdir(exist_ok=True)
        bad += [_exists_or(make, folder) for make in kinds]
    other = root / "other"
    other.mkdir(exist_ok=True)
    bad.append(_exists_or(long_line, other))
    for n in range(UNSUPPORTED):
        (other / f"notes-{n}.docx").write_bytes(b"PK\x03\x04")
        bad.append(Bad(f"notes-{n}.docx", "unsupported file type", skip=True))
    good = root / "good"
    good.mkdir(exist_ok=True)
    pages = sorted((SHARED_DATA / "html-multilingual" / "tgnews").glob("*.html"))[:TGNEWS_PAGES]
    pages += sorted((SHARED_DATA / "extraction" / "html").glob("*.html.gz"))[:EXTRACTION_PAGES]
    for page in pages:
        if not (good / page.name).exists():
            shutil.copyfile(page, good / page.name)
    done.touch()
    return [huge, *folders, other, good], bad, sorted(good.iterdir())


def _exists_or(make: object, folder: Path) -> Bad:
    """Write a bad file unless an earlier build did (a FIFO or socket cannot be rewritten)."""
    marker = folder / f".{make.__name__}"  # type: ignore[attr-defined]
    if marker.exists():
        name, reason, good, skip = marker.read_text(encoding="utf-8").split("\t")
        return Bad(name, reason, tuple(filter(None, good.split(","))), skip == "1")
    bad: Bad = make(folder)  # type: ignore[operator]
    fields = (bad.name, bad.reason, ",".join(bad.good), "1" if bad.skip else "0")
    marker.write_text("\t".join(fields), encoding="utf-8")
    return bad


def _stat_fields(pid: int) -> list[str]:
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except (OSError, IndexError):
        return []


def _started(pid: int) -> str:
    """The process's start time in clock ticks since boot ("" when it is gone)."""
    fields = _stat_fields(pid)
    return fields[19] if len(fields) > 19 else ""


def _state(pid: int) -> str:
    fields = _stat_fields(pid)
    return fields[0] if fields else ""


def _cmdline(pid: int) -> str:
    try:
        raw = Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return f"{pid} (gone)"
    words = raw.replace(b"\0", b" ").decode(errors="replace")
    return f"{pid} {words[:200]}"


def read_only(roots: list[Path]) -> tuple[float, int]:
    """Seconds and items of reading alone (what the ingest's main process does), here."""
    started = time.perf_counter()
    items = sum(1 for _ in read_paths(roots))
    return time.perf_counter() - started, items


def _time_field(stderr: str, name: str) -> str:
    match = re.search(rf"{re.escape(name)}: (.+)", stderr)
    return match.group(1).strip() if match else "?"


def run(roots: list[Path], data_dir: Path, workers: int, ner: bool) -> dict[str, object]:
    """`newsdesk ingest` under /usr/bin/time -v, the tree's resident memory sampled."""
    env = {
        **os.environ,
        "NEWSDESK_DATA_DIR": str(data_dir),
        "NEWSDESK_WORKERS": str(workers),
        "NEWSDESK_NER": "1" if ner else "0",
    }
    command = [sys.executable, "-m", "newsdesk", "ingest", "--quiet", *map(str, roots)]
    timer = ["/usr/bin/time", "-v"] if Path("/usr/bin/time").exists() else []
    peak = peak_pss = 0
    started = time.perf_counter()
    with subprocess.Popen(
        [*timer, *command], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    ) as process:
        seen: dict[int, str] = {}  # pid -> its start time: a pid reused later is not ours
        main_peak = 0  # the ingest's main process: it reads every file
        while process.poll() is None:
            for pid in descendants(process.pid):
                seen.setdefault(pid, _started(pid))
                fields = _stat_fields(pid)
                if len(fields) > 21 and fields[1] == str(process.pid):
                    main_peak = max(main_peak, int(fields[21]) * os.sysconf("SC_PAGE_SIZE"))
            peak = max(peak, tree_rss_bytes(process.pid))
            peak_pss = max(peak_pss, tree_pss_bytes(process.pid))
            time.sleep(SAMPLE_EVERY_S)
            if time.perf_counter() - started > RUN_TIMEOUT_S:
                process.kill()
        _, stderr = process.communicate()
    wall = time.perf_counter() - started
    time.sleep(1.0)  # a process still there a second after the run ended was left behind
    left = [
        _cmdline(pid)
        for pid, start in seen.items()
        if pid != process.pid and _started(pid) == start and _state(pid) != "Z"
    ]
    return {
        "exit": process.returncode,
        "wall_s": wall,
        "peak_tree_bytes": peak,
        "peak_tree_pss_bytes": peak_pss,
        "peak_main_bytes": main_peak,
        "time_wall": _time_field(stderr, "Elapsed (wall clock) time (h:mm:ss or m:ss)"),
        "time_max_rss_kb": _time_field(stderr, "Maximum resident set size (kbytes)"),
        "leftover_processes": left,
        "stderr": stderr,
    }


def check(
    stderr: str, bad: list[Bad], good_files: list[Path], data_dir: Path
) -> dict[str, list[str]]:
    """Bad files the report does not name; good articles the index lacks (with the reason)."""
    report = [line for line in stderr.splitlines() if line.startswith("  ")]
    unnamed = sorted({b.name for b in bad if not any(f"/{b.name}: " in ln for ln in report)})
    wrong = sorted(
        {b.name for b in bad if not any(f"/{b.name}: " in ln and b.reason in ln for ln in report)}
        - set(unnamed)
    )
    expected = [item for item in read_paths(good_files) if isinstance(item, Article)]
    settings = Settings(data_dir=data_dir, ner=False, workers=1)
    backend = open_backend(settings)
    lost: list[str] = []
    try:
        for article in expected:
            try:
                backend.get(article.id)
            except NotFound:
                why = [ln.strip() for ln in report if f"{Path(article.path).name}: " in ln]
                lost.append(f"{Path(article.path).name} ({why[0] if why else 'no report line'})")
        for tag in sorted({tag for b in bad for tag in b.good}):
            if backend.search(SearchRequest(query=tag)).total == 0:
                lost.append(f"good record {tag} inside a bad file")
    finally:
        backend.close()
    return {
        "unnamed": unnamed,
        "wrong_reason": wrong,
        "lost": lost,
        "expected": [str(len(expected))],
    }


def main() -> None:
    """Build the folder, run the ingest, print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="where the folder is built")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--ner", type=int, default=1, help="1: entities on (as by default)")
    args = parser.parse_args()
    roots, bad, good_files = build(args.out)
    files = sum(1 for root in roots for _ in root.iterdir() if not _.name.startswith("."))
    print(f"folder {args.out}: {files} files, {len(bad)} bad, {len(good_files)} good pages")
    reading_s, items = read_only(roots)
    data_dir = Path(tempfile.mkdtemp(prefix="newsdesk-faults-"))
    try:
        result = run(roots, data_dir, args.workers, bool(args.ner))
        stderr = str(result["stderr"])
        found = check(stderr, bad, good_files, data_dir)
    finally:
        shutil.rmtree(data_dir, ignore_errors=True)
    summary = next((ln for ln in stderr.splitlines() if ln.startswith("read ")), "?")
    report_lines = sum(1 for ln in stderr.splitlines() if ln.startswith("  "))
    peak = int(str(result["peak_tree_bytes"])) / MB
    peak_pss = int(str(result["peak_tree_pss_bytes"])) / MB
    rows = [
        ("workers, NER", f"{args.workers}, {'on' if args.ner else 'off'}"),
        ("exit status", str(result["exit"])),
        ("traceback in output", "yes" if "Traceback" in stderr else "no"),
        ("wall time (target < 120 s)", f"{float(str(result['wall_s'])):.1f} s"),
        ("/usr/bin/time wall", str(result["time_wall"])),
        ("of which reading alone (this process, no pipeline)", f"{reading_s:.1f} s, {items} items"),
        ("peak PSS, whole tree (target < 2048 MB)", f"{peak_pss:.0f} MB"),
        ("peak RSS summed over the tree (shared pages counted per process)", f"{peak:.0f} MB"),
        ("/usr/bin/time max RSS (largest process)", f"{result['time_max_rss_kb']} KB"),
        (
            "peak RSS, main process (reads every file)",
            f"{int(str(result['peak_main_bytes'])) / MB:.0f} MB",
        ),
        ("processes left after exit", str(len(result["leftover_processes"]))),  # type: ignore[arg-type]
        ("report summary", summary),
        ("report lines", str(report_lines)),
        ("bad files not named", str(len(found["unnamed"]))),
        ("bad files named with another reason", str(len(found["wrong_reason"]))),
        ("good articles expected (from good pages)", found["expected"][0]),
        ("good articles not in the index", str(len(found["lost"]))),
    ]
    width = max(len(name) for name, _ in rows)
    for name, value in rows:
        print(f"{name:<{width}}  {value}")
    for left in result["leftover_processes"]:  # type: ignore[attr-defined]
        print(f"  left: {left}")
    for label in ("unnamed", "wrong_reason", "lost"):
        for item in found[label]:
            print(f"  {label}: {item}")
    if result["exit"] != 0 or "Traceback" in stderr:
        print(stderr[-5000:])


if __name__ == "__main__":
    main()
