"""Stage: named entities with canonical names, per segment in the segment's language."""

from __future__ import annotations

import dataclasses
from collections import defaultdict
from collections.abc import Mapping, Sequence

from indexer.config import Settings
from indexer.context import Context
from indexer.entities.article import SegmentRules, article_entities, segment_mentions
from indexer.entities.english import EnglishNer
from indexer.entities.english_rules import english_rules
from indexer.entities.known import KnownNames, known_mentions
from indexer.entities.mention import Mention
from indexer.entities.russian import RussianNer
from indexer.entities.russian_rules import russian_rules
from indexer.entities.table import EntityTable
from indexer.model import Article, Segment
from indexer.naming import places

# Languages we have a model for; text in any other language gets no entities.
SUPPORTED = ("en", "ru")
RULES: dict[str, SegmentRules | None] = {"en": english_rules, "ru": russian_rules}


def _english(settings: Settings) -> EnglishNer:
    return EnglishNer(settings.spacy_model)


def _russian(settings: Settings) -> RussianNer:
    return RussianNer()


def _ner(ctx: Context, language: str) -> EnglishNer | RussianNer:
    """This process's model for a SUPPORTED language, loaded on first use."""
    if language == "en":
        return ctx.resource("ner_english", _english)
    return ctx.resource("ner_russian", _russian)


def warm_up(ctx: Context, texts: Mapping[str, str]) -> None:
    """Load the NER models (when NER is on) on a text in each one's language; nothing is learned."""
    if ctx.settings.ner:
        for language in SUPPORTED:
            _ner(ctx, language).mentions([texts[language]])
        places.load(ctx.settings.cache_dir)  # the entity table names places from it


def extract_entities(article: Article, ctx: Context) -> Article:
    """Set `entities`: mentions in `body` with type and canonical name."""
    return extract_entities_batch([article], ctx)[0]


def extract_entities_batch(articles: Sequence[Article], ctx: Context) -> list[Article]:
    """`extract_entities` for many articles at once: the models see one batch per language."""
    if not ctx.settings.ner:
        return [dataclasses.replace(a, entities=()) for a in articles]
    # (article index, offset in body, text) per stretch of one supported language.
    jobs: dict[str, list[tuple[int, int, str]]] = defaultdict(list)
    regions: list[dict[str, list[tuple[int, int]]]] = [defaultdict(list) for _ in articles]
    for index, article in enumerate(articles):
        for language, start, end in language_runs(article):
            if language in SUPPORTED:
                jobs[language].append((index, start, article.body[start:end]))
                regions[index][language].append((start, end))
    found: list[list[Mention]] = [[] for _ in articles]
    known = ctx.resource("known_names", KnownNames.for_settings).names()
    for language, stretches in jobs.items():
        raw = _ner(ctx, language).mentions([text for _, _, text in stretches])
        for (index, offset, text), mentions in zip(stretches, raw, strict=True):
            clean = segment_mentions(text, mentions, language, RULES[language])
            clean += known_mentions(text, language, clean, known)
            found[index].extend(m.shifted(offset) for m in clean)
    table = ctx.resource("entity_table", EntityTable.for_settings)
    return [
        dataclasses.replace(
            a, entities=article_entities(a.body, found[i], table, regions[i]) if found[i] else ()
        )
        for i, a in enumerate(articles)
    ]


def language_runs(article: Article) -> list[tuple[str, int, int]]:
    """(language, start, end) stretches of the body, adjacent segments of one language merged.

    Without segments the whole body is one stretch in the article's language.
    """
    segments = article.segments or (Segment(0, len(article.body), article.language, 1.0),)
    runs: list[tuple[str, int, int]] = []
    for segment in sorted(segments, key=lambda s: s.start):
        start, end = max(0, segment.start), min(len(article.body), segment.end)
        if start >= end:
            continue
        gap = article.body[runs[-1][2] : start] if runs else "x"
        if runs[-1:] and runs[-1][0] == segment.language and not gap.strip():
            runs[-1] = (segment.language, runs[-1][1], end)
        else:
            runs.append((segment.language, start, end))
    return runs
