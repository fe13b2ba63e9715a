"""Run a benchmark script with the project as it was at a git ref, for side-by-side figures."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]


def result_at(ref: str, script: str, args: list[str]) -> Any:
    """What `script` (this checkout's copy) writes as JSON to the file named after `--child`,
    run in a child process with the project's tree at `ref` first on the import path."""
    with tempfile.TemporaryDirectory() as tree:
        archive = subprocess.run(
            ["git", "-C", str(ROOT), "archive", ref], check=True, capture_output=True
        ).stdout
        subprocess.run(["tar", "-x", "-C", tree], input=archive, check=True)
        out = Path(tree) / "result.json"
        command = [sys.executable, script, *args, "--child", str(out)]
        subprocess.run(command, check=True, env={**os.environ, "PYTHONPATH": tree}, cwd=tree)
        return json.loads(out.read_text(encoding="utf-8"))
