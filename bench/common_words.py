"""Common words read as names: how many of a language's commonest words bring entity names
into a search.

    python -m bench.common_words --store STORE [--baseline REF]

For each of wordfreq's 1,000 commonest alphabetic words of three letters or more in English and
in Russian, typed alone in lower case, the entity store at STORE is asked for the names the
search would add (`EntityLookup.variants`). A word that brings in names matches articles that
only name someone whose name sounds or stems alike ("will": Ваал). Prints the count per
language and some words that still do. With `--baseline`, the project at that git ref is run
the same way in a child process on the same store, and both lines are printed.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import wordfreq

WORDS_PER_LANGUAGE = 1_000
SHOWN = 12


def common_words(language: str) -> list[str]:
    """wordfreq's commonest alphabetic words of three letters or more."""
    words = [w for w in wordfreq.top_n_list(language, 5 * WORDS_PER_LANGUAGE) if w.isalpha()]
    return [w for w in words if len(w) > 2][:WORDS_PER_LANGUAGE]


def measure(store: Path) -> dict[str, dict[str, list[str]]]:
    """Per language, each common word that brings names in, with those names."""
    from indexer.search.entity_lookup import EntityLookup

    lookup = EntityLookup(store)
    found = {}
    for language in ("en", "ru"):
        variants = {word: lookup.variants(word).get(word, ()) for word in common_words(language)}
        found[language] = {word: list(names) for word, names in variants.items() if names}
    lookup.close()
    return found


def measure_at(ref: str, store: Path) -> dict[str, dict[str, list[str]]]:
    """The same with the project as it was at git `ref`, in a child process."""
    from bench.at_ref import result_at  # not at the top: the older tree may lack it

    return result_at(ref, __file__, ["--store", str(store)])  # type: ignore[no-any-return]


def main(argv: list[str] | None = None) -> int:
    """Command line: measure, print one line per language and version."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--store", type=Path, required=True, help="an entity-store.sqlite")
    parser.add_argument("--baseline", help="git ref to measure beside this checkout")
    parser.add_argument("--child", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        args.child.write_text(json.dumps(measure(args.store), ensure_ascii=False), "utf-8")
        return 0
    versions = {"this checkout": measure(args.store)}
    if args.baseline:
        versions[args.baseline] = measure_at(args.baseline, args.store)
    for version, found in versions.items():
        for language, words in found.items():
            sample = ", ".join(f"{w} ({names[0]})" for w, names in list(words.items())[:SHOWN])
            print(f"{version:<16} {language}: {len(words):4d} of {WORDS_PER_LANGUAGE}  {sample}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
