"""Commands for live news: `follow add|list|remove|run`, `watch DIR`, `alerts list|run`."""

from __future__ import annotations

import argparse
import signal
import sys
import threading
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from indexer.alerts.deliver import senders
from indexer.alerts.run import AlertRun
from indexer.alerts.store import AlertStore
from indexer.config import Settings
from indexer.errors import NewsdeskError
from indexer.follow.discover import discover
from indexer.follow.fetch import Fetcher, FetchError
from indexer.follow.poll import PollResult
from indexer.follow.session import FollowSession, PollLockedError, follow_dir
from indexer.follow.store import DEFAULT_INTERVAL_S, KINDS, FollowStore
from indexer.ingest import ingest, open_runner
from indexer.model import IndexReport
from indexer.search import open_backend
from indexer.watch import QUIET_S, FolderWatch

PrintReport = Callable[[IndexReport], None]
_UNITS = {"s": 1, "m": 60, "h": 3600, "d": 86400}


def interval(text: str) -> int:
    """`90`, `90s`, `15m`, `2h`, `1d` -> seconds."""
    text = text.strip().lower()
    unit = _UNITS.get(text[-1:], None)
    number = text[:-1] if unit else text
    if not number.isdigit():
        raise argparse.ArgumentTypeError(f"not an interval: {text!r} (try 15m, 2h)")
    return int(number) * (unit or 1)


def _stop_on_signals() -> threading.Event:
    """An event set by SIGINT or SIGTERM, so a long run finishes its step and exits cleanly."""
    stop = threading.Event()
    for number in (signal.SIGINT, signal.SIGTERM):
        signal.signal(number, lambda *_: stop.set())
    return stop


def _when(moment: float | None) -> str:
    if moment is None:
        return "-"
    return datetime.fromtimestamp(moment, UTC).strftime("%Y-%m-%d %H:%M UTC")


def cmd_follow_add(args: argparse.Namespace, settings: Settings) -> int:
    """Follow a feed, sitemap or page (its kind found by fetching it once)."""
    fetcher = Fetcher()
    try:
        found = discover(fetcher, args.url, args.kind)
    except (FetchError, ValueError) as error:
        print(f"newsdesk: cannot follow {args.url}: {error}", file=sys.stderr)
        return 2
    finally:
        fetcher.close()
    store = FollowStore(follow_dir(settings))
    try:
        source = store.add(found.url, found.kind, args.every, found.title)
    finally:
        store.close()
    print(f"following {source.kind} #{source.id} {source.url} every {source.interval_s} s")
    for feed in found.feeds:
        print(f"  this page advertises a feed: newsdesk follow add {feed}")
    return 0


def cmd_follow_list(args: argparse.Namespace, settings: Settings) -> int:
    """List followed sources and how their last poll went."""
    store = FollowStore(follow_dir(settings))
    try:
        for s in store.sources():
            print(f"#{s.id} {s.kind} {s.url}  every {s.interval_s} s  {s.title or ''}".rstrip())
            print(
                f"    last {_when(s.last_polled_at)}: {s.last_status or 'never polled'}"
                f" · next {_when(s.next_poll_at)} · {s.articles} articles"
            )
    finally:
        store.close()
    return 0


def cmd_follow_remove(args: argparse.Namespace, settings: Settings) -> int:
    """Stop following a source (by its number or URL)."""
    store = FollowStore(follow_dir(settings))
    try:
        removed = store.remove(args.source)
    finally:
        store.close()
    if not removed:
        print(f"newsdesk: not following {args.source}", file=sys.stderr)
        return 1
    print(f"no longer following {args.source}")
    return 0


def _print_poll(result: PollResult, print_report: PrintReport) -> None:
    line = f"{result.source.url}: {result.status}"
    if result.postponed:
        line += f" ({result.postponed} to retry)"
    print(line, file=sys.stderr)
    if result.report.read or result.report.failed:
        print_report(result.report)


def cmd_follow_run(args: argparse.Namespace, settings: Settings, print_report: PrintReport) -> int:
    """Poll due sources once, or keep polling with --forever."""
    try:
        session = FollowSession(settings)
    except PollLockedError as error:
        print(f"newsdesk: {error}", file=sys.stderr)
        return 2
    with session:
        if not args.forever:
            for result in session.run_once(force=args.all):
                _print_poll(result, print_report)
            return 0
        for result in session.run_forever(_stop_on_signals()):
            _print_poll(result, print_report)
    return 0


def cmd_watch(args: argparse.Namespace, settings: Settings, print_report: PrintReport) -> int:
    """Index the folder's files now, then each new or changed file once it is quiet."""
    if not args.folder.is_dir():
        print(f"newsdesk: {args.folder} is not a folder", file=sys.stderr)
        return 2
    stop = _stop_on_signals()
    backend = open_backend(settings)
    try:
        with (
            FolderWatch(args.folder, quiet_s=args.quiet_seconds) as watch,
            open_runner(settings) as runner,
        ):
            first = watch.existing()
            if first:
                print_report(ingest(first, settings, backend, runner=runner))
            print(f"watching {args.folder} (Ctrl-C stops)", file=sys.stderr)
            for batch in watch.batches(stop):
                stamp = time.strftime("%H:%M:%S")
                print(f"{stamp} {len(batch)} new or changed file(s)", file=sys.stderr)
                print_report(ingest(batch, settings, backend, runner=runner))
    finally:
        backend.close()
    return 0


def cmd_alerts_run(args: argparse.Namespace, settings: Settings) -> int:
    """Send each saved search's new matches to the configured webhook or e-mail, once."""
    destinations = senders(settings)
    if not destinations:
        raise NewsdeskError(
            "no alert destination: set NEWSDESK_ALERT_WEBHOOK or NEWSDESK_ALERT_EMAIL"
        )
    store = AlertStore(settings.data_dir)
    backend = open_backend(settings)
    try:
        report = AlertRun(backend, store, destinations, settings.public_url).run()
    finally:
        backend.close()
        store.close()
    print(
        f"{report.searches} saved searches · {report.messages} messages · "
        f"{report.articles} articles sent"
        + (f" · {report.resent} re-sent" if report.resent else ""),
        file=sys.stderr,
    )
    for error in report.errors:
        print(f"  not sent (queued for the next run): {error}", file=sys.stderr)
    return 1 if report.errors else 0


def cmd_alerts_list(args: argparse.Namespace, settings: Settings) -> int:
    """List saved searches and how many articles each has sent."""
    store = AlertStore(settings.data_dir)
    try:
        for saved in store.all():
            params = " ".join(f"{k}={v}" for k, values in saved.params.items() for v in values)
            print(f"#{saved.id} {saved.name}  [{params}]  sent {store.sent_count(saved.id)}")
    finally:
        store.close()
    return 0


def add_parsers(commands: Any, print_report: PrintReport) -> None:
    """Add `follow`, `watch` and `alerts` to the command line."""
    follow = commands.add_parser("follow", help="follow feeds, sitemaps and pages")
    actions = follow.add_subparsers(dest="action", required=True)
    sub = actions.add_parser(
        "add", help="follow a URL (feed, sitemap, page or a site's front page)"
    )
    sub.add_argument("url")
    sub.add_argument("--kind", choices=KINDS, help="skip detection")
    sub.add_argument(
        "--every", type=interval, default=DEFAULT_INTERVAL_S, help="poll interval (15m, 2h)"
    )
    sub.set_defaults(run=cmd_follow_add)
    sub = actions.add_parser("list", help="followed sources and their last poll")
    sub.set_defaults(run=cmd_follow_list)
    sub = actions.add_parser("remove", help="stop following a source")
    sub.add_argument("source", help="its number (from `follow list`) or URL")
    sub.set_defaults(run=cmd_follow_remove)
    sub = actions.add_parser("run", help="poll the sources that are due and index what is new")
    sub.add_argument("--forever", action="store_true", help="keep polling as sources come due")
    sub.add_argument("--all", action="store_true", help="poll every source now, due or not")
    sub.set_defaults(run=lambda a, s: cmd_follow_run(a, s, print_report))

    sub = commands.add_parser("watch", help="index files as they appear or change in a folder")
    sub.add_argument("folder", type=Path)
    sub.add_argument("--quiet-seconds", type=float, default=QUIET_S, help="wait for writes to end")
    sub.set_defaults(run=lambda a, s: cmd_watch(a, s, print_report))

    alerts = commands.add_parser("alerts", help="saved-search alerts")
    actions = alerts.add_subparsers(dest="action", required=True)
    sub = actions.add_parser("run", help="send new matches of every saved search, once")
    sub.set_defaults(run=cmd_alerts_run)
    sub = actions.add_parser("list", help="saved searches")
    sub.set_defaults(run=cmd_alerts_list)
