"""A real `kill -9` in the middle of an ingest: nothing left running, nothing lost but seconds."""

from __future__ import annotations

import re
import signal
from collections import Counter
from pathlib import Path

from tests.faults.ingest_process import (
    IngestProcess,
    indexed_ids,
    wait_until_gone,
    write_feeds,
)

# Long enough to be killed in the middle: on a quiet machine 2,400 articles were all indexed
# before the first commit line (3 s of writing), so the kill came too late.
FILES, PER_FILE = 60, 200


def test_kill_9_leaves_no_process_and_a_rerun_completes_the_index(tmp_path: Path) -> None:
    expected = write_feeds(tmp_path / "in", FILES, PER_FILE)
    data = tmp_path / "data"
    run = IngestProcess(tmp_path / "in", data)
    run.wait_for(re.compile(r"loading models"), timeout=60)
    run.wait_for(re.compile(r"committed [1-9]"), timeout=240)
    run.process.send_signal(signal.SIGKILL)
    assert run.finish() == -signal.SIGKILL
    assert not any("Traceback" in line for line in run.lines), run.lines

    assert wait_until_gone(run.process.pid) == []  # the workers died with their parent
    present = indexed_ids(data)
    assert len(present) >= run.last_committed > 0  # the index opens; commits survived
    assert len(present) < len(expected), "the run ended before the kill: make it longer"
    assert set(present) <= expected

    again = IngestProcess(tmp_path / "in", data)
    assert again.finish(timeout=300) == 0, again.lines
    assert re.search(r"unchanged files [1-9]", again.lines[-1] + "\n".join(again.lines))
    after = indexed_ids(data)
    assert Counter(after).most_common(1)[0][1] == 1  # no duplicates
    assert set(after) == expected
