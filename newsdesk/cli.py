"""The `newsdesk` command: ingest, extract, search, serve, demo, reindex, follow, watch, alerts,
entities."""

from __future__ import annotations

import argparse
import html
import json
import re
import sys
from collections.abc import Iterable, Sequence
from dataclasses import replace
from importlib import resources
from pathlib import Path

from indexer.config import Settings
from indexer.errors import NewsdeskError
from indexer.ingest import ingest, processed
from indexer.interrupt import stop_on_signals
from indexer.model import Article, IndexReport, file_of
from indexer.readers.csv_table import CSV_COLUMNS, parse_columns
from indexer.reindex import reindex
from indexer.search import open_backend
from indexer.search.fields import FACETS
from indexer.search.native import choose_path
from indexer.search.params import request_from_params
from newsdesk import entities_cli, live
from newsdesk.progress import IngestProgress
from webapp import create_app

_MARK = re.compile(r"</?mark>")
# Requests served at once: a search takes a few ms of CPU, a page waits on the index.
SERVE_THREADS = 8


def _print_report(report: IndexReport, done: str = "indexed") -> None:
    counts = [f"read {report.read}"]
    if done == "indexed":
        counts += [f"new {report.new}", f"updated {report.updated}"]
    else:
        counts.append(f"{done} {report.read - report.skipped - report.failed}")
    counts += [f"skipped {report.skipped}", f"failed {report.failed}"]
    if report.unchanged:
        counts.append(f"unchanged files {report.unchanged} (passed over; --reread reads them)")
    print(" · ".join(counts), file=sys.stderr)
    for kind, kept, more in (
        ("failed ", report.failures, report.more_failures),
        ("skipped", report.skips, report.more_skips),
    ):
        for number, failure in enumerate(kept):
            print(f"  {kind} {failure.path}: {failure.reason}", file=sys.stderr)
            name = file_of(failure.path)
            last = number + 1 == len(kept) or file_of(kept[number + 1].path) != name
            if last and more.get(name):
                print(f"  {kind} {name}: and {more[name]} more", file=sys.stderr)
    if report.stopped_by:
        print(
            f"stopped by {report.stopped_by}: everything read so far is committed; "
            "the same command goes on from there",
            file=sys.stderr,
        )


def _csv_columns(text: str) -> dict[str, str]:
    try:
        return parse_columns(text)
    except ValueError as error:
        raise argparse.ArgumentTypeError(str(error)) from None


def cmd_ingest(args: argparse.Namespace, settings: Settings) -> int:
    """Index files and folders; exit 1 only when nothing could be indexed and something failed.

    SIGINT and SIGTERM stop the reading; what was read is committed, the report printed,
    and the exit status is 128 + the signal's number.
    """
    if args.follow_symlinks:
        settings = replace(settings, follow_symlinks=True)
    backend = open_backend(settings)
    progress = IngestProgress(sys.stderr, enabled=not args.quiet)
    columns = CSV_COLUMNS.set(args.csv_columns)
    try:
        with stop_on_signals() as stop:
            report = ingest(
                args.paths,
                settings,
                backend,
                mtime_fallback=args.mtime_fallback,
                resume=not args.reread,
                watcher=progress,
                stop=stop,
            )
    finally:
        CSV_COLUMNS.reset(columns)
        progress.close()
        backend.close()
    _print_report(report)
    if report.stopped_by:
        return stop.exit_status
    return 1 if report.failed and not report.indexed else 0


def cmd_extract(args: argparse.Namespace, settings: Settings) -> int:
    """Run the pipeline without indexing; print one record per article."""
    report = IndexReport()
    columns = CSV_COLUMNS.set(args.csv_columns)
    try:
        _print_extracted(processed(args.paths, settings, report, args.mtime_fallback), args.json)
    finally:
        CSV_COLUMNS.reset(columns)
    _print_report(report, done="extracted")
    return 1 if report.failed and not report.read else 0


def _print_extracted(articles: Iterable[Article], as_json: bool) -> None:
    for article in articles:
        record = article.to_json()
        if as_json:
            print(json.dumps(record, ensure_ascii=False))
            continue
        entities = sorted({f"{e.canonical} ({e.type})" for e in article.entities})
        print(f"== {article.title or '(no title)'}  [{article.language}]  {article.path}")
        print(f"   published {article.published_at or '-'} ({article.published_at_source or '-'})")
        print(f"   {len(article.body)} chars of body, {len(article.boilerplate)} of boilerplate")
        print(f"   entities: {', '.join(entities) or '-'}")


def cmd_search(args: argparse.Namespace, settings: Settings) -> int:
    """Search the index from the command line, as the web page does."""
    params: dict[str, list[str]] = {"q": [" ".join(args.query)]}
    for name in FACETS:
        params[name] = getattr(args, name) or []
    for name, value in (("from", args.date_from), ("to", args.date_to), ("sort", args.sort)):
        if value:
            params[name] = [value]
    params["page"], params["page_size"] = [str(args.page)], [str(args.page_size)]
    params["exact"] = ["1" if args.exact else "0"]
    req = request_from_params(params)
    backend = open_backend(settings)
    try:
        result = backend.search(req)
    finally:
        backend.close()
    if args.json:
        print(json.dumps(result.to_json(), ensure_ascii=False, indent=2))
        return 0
    print(f"{result.total} articles")
    for hit in result.hits:
        print(f"\n{hit.title}  [{hit.language}]  {hit.source or ''}  {hit.published_at or ''}")
        print(f"  {html.unescape(_MARK.sub('', hit.snippet))}")
        print(f"  id {hit.id}  {hit.url or ''}")
    for name, values in result.facets.items():
        if values:
            shown = ", ".join(f"{v.shown} ({v.count})" for v in values[:8])
            print(f"\n{name}: {shown}", end="")
    print()
    return 0


def cmd_serve(args: argparse.Namespace, settings: Settings) -> int:
    """Serve the search page and the JSON API on waitress, a production WSGI server."""
    from waitress import serve

    app = create_app(settings, bind_host=args.host)
    engine: str = settings.backend
    if engine == "embedded":
        engine += f", {choose_path(settings.native)} search"
    print(f"Newsdesk on http://{args.host}:{args.port}/  ({engine})", file=sys.stderr)
    serve(app, host=args.host, port=args.port, threads=SERVE_THREADS, ident="newsdesk")
    return 0


def demo_settings(settings: Settings) -> Settings:
    """The demo keeps its own embedded index, apart from the user's real one.

    One process: forty sample articles do not repay a second worker's model loading.
    """
    demo_dir = settings.data_dir / "demo"
    return replace(settings, backend="embedded", data_dir=demo_dir, index_path=None, workers=1)


def cmd_demo(args: argparse.Namespace, settings: Settings) -> int:
    """Index the bundled sample articles into a demo index and serve it."""
    settings = demo_settings(settings)
    samples = resources.files("indexer") / "samples"
    with resources.as_file(samples) as folder:
        backend = open_backend(settings)
        try:
            report = ingest([Path(folder)], settings, backend)
        finally:
            backend.close()
    _print_report(report)
    if args.no_serve:
        return 0
    return cmd_serve(args, settings)


def cmd_reindex(args: argparse.Namespace, settings: Settings) -> int:
    """Rebuild the index (alias swap on Elasticsearch) from stored articles or source files."""
    report = reindex(settings, [Path(p) for p in args.paths] or None)
    _print_report(report)
    return 1 if report.failed and not report.indexed else 0


def build_parser() -> argparse.ArgumentParser:
    """The argument parser for every subcommand."""
    parser = argparse.ArgumentParser(prog="newsdesk", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)

    sub = commands.add_parser("ingest", help="index files and folders")
    sub.add_argument("paths", nargs="+", type=Path)
    sub.add_argument("--quiet", action="store_true", help="no progress line")
    sub.add_argument(
        "--reread", action="store_true", help="read every file, even those indexed and unchanged"
    )
    sub.add_argument("--mtime-fallback", action="store_true", help="file mtime as a labelled date")
    sub.add_argument(
        "--follow-symlinks",
        action="store_true",
        help="follow symbolic links that lead out of the input folders (default: report them)",
    )
    sub.add_argument(
        "--csv-columns",
        type=_csv_columns,
        help="which CSV column holds what: title=textname,text=full_text (default: guessed)",
    )
    sub.set_defaults(run=cmd_ingest)

    sub = commands.add_parser("extract", help="print cleaned, enriched articles without indexing")
    sub.add_argument("paths", nargs="+", type=Path)
    sub.add_argument("--json", action="store_true", help="one JSON object per line")
    sub.add_argument("--mtime-fallback", action="store_true", help="file mtime as a labelled date")
    sub.add_argument("--csv-columns", type=_csv_columns, help="as for ingest")
    sub.set_defaults(run=cmd_extract)

    sub = commands.add_parser("search", help="search the index")
    sub.add_argument("query", nargs="*")
    for name in FACETS:
        sub.add_argument(f"--{name}", action="append", help=f"filter by {name} (repeatable: OR)")
    sub.add_argument("--from", dest="date_from", help="published on or after (YYYY-MM-DD)")
    sub.add_argument("--to", dest="date_to", help="published on or before (YYYY-MM-DD)")
    sub.add_argument("--sort", choices=("relevance", "newest", "oldest"))
    sub.add_argument("--page", type=int, default=1)
    sub.add_argument("--page-size", type=int, default=10)
    sub.add_argument("--exact", action="store_true", help="only what I typed: no other names")
    sub.add_argument("--json", action="store_true")
    sub.set_defaults(run=cmd_search)

    for name, run, text in (
        ("serve", cmd_serve, "serve the web app"),
        ("demo", cmd_demo, "index the sample articles and serve them"),
    ):
        sub = commands.add_parser(name, help=text)
        sub.add_argument("--host", default="127.0.0.1")
        sub.add_argument("--port", type=int, default=5000)
        if name == "demo":
            sub.add_argument("--no-serve", action="store_true", help="index only")
        sub.set_defaults(run=run)

    sub = commands.add_parser("reindex", help="rebuild the index (zero downtime on Elasticsearch)")
    sub.add_argument("paths", nargs="*", help="source files (default: the stored articles)")
    sub.set_defaults(run=cmd_reindex)
    live.add_parsers(commands, _print_report)

    entities_cli.add_parser(commands)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the `newsdesk` console script."""
    args = build_parser().parse_args(argv)
    try:
        settings = Settings.from_env()
    except ValueError as error:
        print(f"newsdesk: bad setting: {error}", file=sys.stderr)
        return 2
    try:
        return int(args.run(args, settings))
    except NewsdeskError as error:
        print(f"newsdesk: {error.message}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
