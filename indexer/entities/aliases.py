"""Group one article's mentions into entities: aliases, surnames, acronyms, type voting."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field

from indexer.entities.genders import may_shorten
from indexer.entities.links import find_links, is_acronym_of, looks_like_acronym
from indexer.entities.mention import Mention
from indexer.entities.noise import display_case, name_key
from indexer.entities.particles import particle_words
from indexer.entities.patronymics import link_patronymics
from indexer.model import EntityType
from indexer.naming.cases import word_stems
from indexer.naming.keys import (
    common_russian_word,
    english_sound_keys,
    form_key,
    nominative_surname,
    person_form,
    script,
    sound_key,
    spelled_near,
    without_kind,
    without_legal_form,
)
from indexer.naming.places import capitalised_place, place_of

# When votes tie, the more specific type wins; misc only when nothing else was said.
TYPE_PRIORITY: dict[EntityType, int] = {
    "person": 3,
    "organization": 2,
    "location": 1,
    "misc": 0,
}
# Russian news calls people by a lone first name where English news would not: linking a lone
# "Paul" to the "Paul Smith" of the article lowered CoNLL eng.testa F1, "Борис" to "Борис
# Джонсон" raised SlavicNER unity (brexit, nord_stream).
FIRST_NAME_LANGUAGE = "ru"
# Russian surnames' masculine and feminine endings (Иванов, Иванова; Ильин, Ильина; Толстой,
# Толстая): the grammar's own pairs.
SURNAME_GENDERS = (("ов", "ова"), ("ев", "ева"), ("ин", "ина"), ("ой", "ая"))
# Letters of a lone surname's sound key for a spelling slip of an article's full name to be
# read as that person's ("Кунссберг", "Кюнсберг": 8); chosen, not tuned, to keep out short
# names, whose near spellings are other names ("Мэй", "Мэн").
MIN_NEAR_SURNAME_SOUND = 6
# Russian transcribes a foreign surname several ways in one article; English spells one way,
# and two near surnames there are two people ("Smith", "Smyth").
NEAR_SURNAME_LANGUAGES = frozenset({"ru"})
# Name particles that a surname-only mention leaves out or keeps ("al-Baghdadi" / "Baghdadi").
PARTICLES = frozenset("al el ad ar as ash at az bin ibn abu de da di del van von der le la".split())


@dataclass
class Cluster:
    """One entity of an article: its mentions, voted type and canonical name."""

    mentions: list[Mention]
    type: EntityType
    canonical: str
    names: list[str] = field(default_factory=list)  # every surface name, canonical first
    short_names: set[str] = field(default_factory=set)  # surname-only: ambiguous elsewhere
    type_fixed: bool = False  # a gazetteer or strong rule set the type, not the model alone


class _UnionFind:
    def __init__(self, size: int) -> None:
        self.parent = list(range(size))

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def union(self, a: int, b: int) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


def _tokens(name: str) -> list[str]:
    return name_key(name).split()


def _core_tokens(name: str) -> list[str]:
    dropped = PARTICLES | particle_words(name)
    return [t for t in _tokens(name) if t not in dropped]


def resolve(body: str, mentions: list[Mention]) -> list[Cluster]:
    """Cluster the mentions of one article (sorted, non-overlapping) into entities."""
    new, pairs = find_links(body, mentions)
    everything = sorted(mentions + new, key=lambda m: m.start)
    position = {id(m): i for i, m in enumerate(everything)}
    ordered = mentions + new
    groups = _UnionFind(len(everything))
    for a, b in pairs:
        groups.union(position[id(ordered[a])], position[id(ordered[b])])
    _link_same_names(everything, groups)
    _link_own_names(everything, groups)
    _link_acronyms(everything, groups)
    short = _link_surnames(everything, groups)
    short |= _link_initials(everything, groups)
    short |= _link_heads(everything, groups)
    short |= _link_spans(everything, groups)
    short |= _link_common_words(everything, groups)
    first_names = _link_first_names(everything, groups)
    first_names |= link_patronymics(everything, groups)
    members: dict[int, list[int]] = defaultdict(list)
    for i in range(len(everything)):
        members[groups.find(i)].append(i)
    clusters = []
    for root in sorted(members):
        cluster_mentions = [everything[i] for i in members[root]]
        type_ = _vote(cluster_mentions)
        # A lone first name stays with its person in this article but names no one elsewhere.
        full = [everything[i] for i in members[root] if i not in short | first_names]
        names = _names_by_preference(full or cluster_mentions, type_)
        short_names = {display_case(everything[i].normal) for i in members[root] if i in short}
        for mention in cluster_mentions:
            mention.type = type_
        fixed = any(m.forced and m.type == type_ for m in cluster_mentions)
        clusters.append(
            Cluster(cluster_mentions, type_, names[0], names, short_names - set(names), fixed)
        )
    return clusters


def _link_same_names(mentions: list[Mention], groups: _UnionFind) -> None:
    """Same name, same entity; "George W. Bush" with "George Bush" (same first and last); and
    one person's name in two cases ("Сергей Скрипаль", "Сергей Скрипаля", which the model left
    in the genitive), by `person_form`."""
    first_by_key: dict[str, int] = {}
    first_by_ends: dict[tuple[str, str], int] = {}
    first_by_form: dict[tuple[str, ...], int] = {}
    for i, mention in enumerate(mentions):
        key = name_key(mention.normal)
        groups.union(first_by_key.setdefault(key, i), i)
        tokens = _tokens(mention.normal)
        if mention.type == "person" and len(tokens) >= 2:
            groups.union(first_by_ends.setdefault((tokens[0], tokens[-1]), i), i)
            if form := person_form(mention.normal):
                groups.union(first_by_form.setdefault(form, i), i)


def own_name(name: str) -> str:
    """An organisation's name without the words for its kind (`keys.without_kind`), unless
    what is left is a place's name ("Телеканал Россия" is no country)."""
    own = without_kind(name)
    return own if own != name and place_of(own) is None else name


def _link_own_names(mentions: list[Mention], groups: _UnionFind) -> None:
    """An organisation with the word for its kind and without ("ИА Regnum", "Regnum";
    "Bloomberg News", "Bloomberg") is one: their own names (`own_name`) are the same."""
    first_by_own: dict[str, int] = {}
    for i, mention in enumerate(mentions):
        if mention.type == "organization":
            key = form_key(own_name(mention.normal))
            groups.union(first_by_own.setdefault(key, i), i)


def _link_acronyms(mentions: list[Mention], groups: _UnionFind) -> None:
    """ISIL with Islamic State of Iraq and the Levant, when only one entity fits."""
    long_names = [(i, m) for i, m in enumerate(mentions) if len(_tokens(m.normal)) >= 2]
    for i, mention in enumerate(mentions):
        if not looks_like_acronym(mention.normal):
            continue
        roots = {
            groups.find(j) for j, other in long_names if is_acronym_of(mention.normal, other.normal)
        }
        if len(roots) == 1:
            groups.union(roots.pop(), i)


def _link_surnames(mentions: list[Mention], groups: _UnionFind) -> set[int]:
    """Link "Baghdadi" to the one person "Abu Bakr al-Baghdadi" it can shorten; return them."""
    # By form keys, a case the model left ("Скрипаля") is the surname still.
    full_names = [
        (i, [form_key(t) for t in _core_tokens(m.normal)])
        for i, m in enumerate(mentions)
        if m.type == "person" and len(_core_tokens(m.normal)) >= 2
    ]
    short = set()
    for i, mention in enumerate(mentions):
        core = _core_tokens(mention.normal)
        if not core or len(core) > 2 or mention.forced or looks_like_acronym(mention.normal):
            continue
        tokens = [form_key(t) for t in core]
        lasts = {tokens[-1], *_other_gender(core[-1])}
        roots = {
            groups.find(j)
            for j, full in full_names
            if len(full) > len(tokens)
            and full[-len(tokens) : -1] == tokens[:-1]
            and full[-1] in lasts
        }
        near = mention.type == "person" and mention.language in NEAR_SURNAME_LANGUAGES
        if not roots and len(core) == 1 and near:
            roots = _declined_surnames(mentions, groups, full_names, core[0])
        if not roots and len(core) == 1 and near:
            roots = _near_surnames(mentions, groups, full_names, core[0])
        # Зеленская, not the article's Владимир Зеленский, whichever way she was found.
        if roots:
            roots -= {
                groups.find(j)
                for j, _ in full_names
                if not may_shorten(mention.normal, mentions[j].normal)
            }
        if len(roots) == 1:
            root = roots.pop()
            if groups.find(i) != root:
                groups.union(root, i)
                short.add(i)
    return short


def _declined_surnames(
    mentions: list[Mention], groups: _UnionFind, full_names: list[tuple[int, list[str]]], lone: str
) -> set[int]:
    """The people of the article whose surname as written a lone word is in another case the
    model left ("фон Боленом" beside "Фридрих фон Болен"), which Snowball stems otherwise."""
    stems = word_stems(lone)
    return {groups.find(j) for j, _ in full_names if _core_tokens(mentions[j].normal)[-1] in stems}


def _near_surnames(
    mentions: list[Mention], groups: _UnionFind, full_names: list[tuple[int, list[str]]], lone: str
) -> set[int]:
    """The people of the article whose surname a lone word spells otherwise, in one script
    ("Кунссберг" beside "Лора Кюнсберг"): the same sound key, spelled near, long enough for a
    slip rather than another name ("Мэй", "Мэн")."""
    sound = sound_key(lone)
    if len(sound) < MIN_NEAR_SURNAME_SOUND:
        return set()
    roots = set()
    for j, _ in full_names:
        surname = _core_tokens(mentions[j].normal)[-1]
        if script(surname) != script(lone) or sound_key(surname) != sound:
            continue
        if spelled_near(lone, surname):
            roots.add(groups.find(j))
    return roots


def _other_gender(surname: str) -> set[str]:
    """Form keys of a Russian surname's other gender ("ананьев" -> "ананьева"): the model
    puts a lone woman's surname in a man's nominative as often as not ("Ананьева" read as
    "Ананьев"), and the stemmer keys the two apart."""
    for male, female in SURNAME_GENDERS:
        if surname.endswith(male):
            return {form_key(surname + female[len(male) :])}
        if surname.endswith(female):
            return {form_key(surname[: len(surname) - len(female)] + male)}
    return set()


def _is_initial(token: str) -> bool:
    return len(token) <= 2 and token.isalpha()


def _abbreviates(initial: str, word: str) -> bool:
    return initial != word and word.startswith(initial)


def _link_initials(mentions: list[Mention], groups: _UnionFind) -> set[int]:
    """Link "Б. Джонсон" to the one person "Борис Джонсон" it abbreviates; return them."""
    full_names = [
        (i, [form_key(t) for t in _core_tokens(m.normal)])
        for i, m in enumerate(mentions)
        if m.type == "person" and len(_core_tokens(m.normal)) >= 2
    ]
    short = set()
    for i, mention in enumerate(mentions):
        tokens = _core_tokens(mention.normal)
        if len(tokens) < 2 or not all(_is_initial(t) for t in tokens[:-1]):
            continue
        last = form_key(tokens[-1])
        roots = {
            groups.find(j)
            for j, full in full_names
            if j != i
            and full[-1] == last
            and full[0].startswith(tokens[0])
            and full[0] != tokens[0]
        }
        if len(roots) == 1:
            groups.union(roots.pop(), i)
            short.add(i)
    return short


def _link_heads(mentions: list[Mention], groups: _UnionFind) -> set[int]:
    """Link a bare "МИД" or "Нафтогаз" to the one "МИД Великобритании" of the article.

    The longer name is the bare one qualified by a place ("of the UK"); the bare one is
    kept as a short name, since elsewhere it may be another country's.
    """
    qualified: dict[str, set[int]] = defaultdict(set)
    for i, mention in enumerate(mentions):
        words = mention.normal.split()
        if mention.type == "organization" and len(words) >= 2 and capitalised_place(words[-1]):
            qualified[form_key(" ".join(words[:-1]))].add(groups.find(i))
    linked = set()
    for i, mention in enumerate(mentions):
        roots = qualified.get(form_key(mention.normal), set())
        if mention.type == "organization" and len(roots) == 1:
            root = next(iter(roots))
            if groups.find(i) != groups.find(root):
                groups.union(root, i)
                linked.add(i)
    return linked


def _form_tokens(name: str) -> tuple[str, ...]:
    return tuple(form_key(token) for token in _tokens(name))


def _within(short: tuple[str, ...], long: tuple[str, ...]) -> bool:
    """Whether `short` is a run of consecutive words of the longer `long`."""
    size = len(short)
    return 0 < size < len(long) and any(
        long[i : i + size] == short for i in range(len(long) - size + 1)
    )


def _proper(name: str) -> bool:
    """A name of its own rather than a generic head: every word capitalised ("Газпром",
    "OMV", "Royal Dutch Shell"), where "Окружной суд" or "Восточный комитет" is not."""
    return all(word[:1].isupper() or word[:1].isdigit() for word in name.split())


def _heard_as(name: str, word: str) -> bool:
    """Whether `name` is `word` written in the other script ("Uniper", "Юнипер"; not
    "Интерфакс" and "Inter"): the two sound the same and are spelled near."""
    if script(name) == script(word):
        return False
    latin_side, other = (name, word) if script(name) == "Latn" else (word, name)
    sounds = english_sound_keys(latin_side) or [sound_key(latin_side)]
    return sound_key(other) in sounds and spelled_near(name, word)


def _link_spans(mentions: list[Mention], groups: _UnionFind) -> set[int]:
    """Link organisation names of one article where one holds the other; return the names
    kept short (ambiguous elsewhere).

    - A generic head ("Окружной суд" in "Окружной суд Амстердама", "Восточный комитет")
      joins the one longer name of the article that holds it, and is kept short.
    - A company registered under its parent's name (a legal form at its end: "Газпром Финанс
      Б.В.", "Юнипер Газ Транспортэйшн энд Финанс Б.В." beside "Uniper") joins the one
      parent of the article its first word names, in either script, and is kept short: the
      store finds the entity by the parent's name and never merges two it knows through it.
    - A proper name inside a longer one without a legal form ("Nord Stream" of "Nord Stream
      2", "Газпром" of "Газпром нефть", of "ПРАЙМ Nord Stream" read as one span) may be
      another thing: not linked.
    """
    orgs = [i for i, m in enumerate(mentions) if m.type == "organization"]
    tokens = {i: _form_tokens(mentions[i].normal) for i in orgs}
    kept: set[tuple[str, ...]] = set()
    links: list[tuple[int, int]] = []
    for i in orgs:  # a generic head joins the one name holding it
        if _proper(mentions[i].normal):
            continue
        holders = [j for j in orgs if _within(tokens[i], tokens[j])]
        roots = {groups.find(j) for j in holders}
        if len(roots) == 1 and groups.find(i) not in roots:
            kept.add(tokens[i])
            links.append((i, holders[0]))
    for j in orgs:  # a subsidiary joins the one parent its first word names
        name = mentions[j].normal
        if len(tokens[j]) < 2 or without_legal_form(name) == name:
            continue
        first = name.split()[0]
        parents = [
            i
            for i in orgs
            if len(tokens[i]) == 1
            and _proper(mentions[i].normal)
            and (tokens[i][0] == tokens[j][0] or _heard_as(mentions[i].normal, first))
        ]
        roots = {groups.find(i) for i in parents}
        if len(roots) == 1 and groups.find(j) not in roots:
            kept.add(tokens[j])
            links.append((j, parents[0]))
    for a, b in links:
        groups.union(a, b)
    return {i for i in orgs if tokens[i] in kept}


def _link_common_words(mentions: list[Mention], groups: _UnionFind) -> set[int]:
    """Link a one-word name that is a common word ("Союза", "Штатов") to the one longer name
    of a place or body in the article that has that word ("Европейский союз", "Соединённые
    Штаты"); return them, kept short. A word of its own ("Газпром", "Украины") is another
    entity's name, and a word that two names of the article have names neither."""
    tokens = [_form_tokens(mention.normal) for mention in mentions]
    holders: dict[str, set[int]] = defaultdict(set)
    for i, (mention, words) in enumerate(zip(mentions, tokens, strict=True)):
        if mention.type in ("organization", "location") and len(words) >= 2:
            for word in words:
                holders[word].add(groups.find(i))
    linked = set()
    for i, (mention, words) in enumerate(zip(mentions, tokens, strict=True)):
        if len(words) != 1 or mention.type == "person" or mention.forced:
            continue
        roots = holders.get(words[0], set())
        if len(roots) == 1 and common_russian_word(mention.normal):
            # Every "Совет" of the article is short, the one linked first and its repeats:
            # a repeat kept as a full name would find and join any other body's "Совет".
            groups.union(next(iter(roots)), i)
            linked.add(i)
    return linked


def _link_first_names(mentions: list[Mention], groups: _UnionFind) -> set[int]:
    """Link a lone first name ("Борис", "Терезу") to the one person of the article it starts."""
    firsts: dict[str, set[int]] = defaultdict(set)
    for i, mention in enumerate(mentions):
        tokens = _core_tokens(mention.normal)
        if mention.type == "person" and len(tokens) >= 2 and not _is_initial(tokens[0]):
            firsts[form_key(tokens[0])].add(groups.find(i))
    linked = set()
    for i, mention in enumerate(mentions):
        tokens = _tokens(mention.normal)
        if len(tokens) != 1 or mention.forced or looks_like_acronym(mention.normal):
            continue
        if mention.language != FIRST_NAME_LANGUAGE:
            continue
        roots = firsts.get(form_key(tokens[0]), set())
        if len(roots) == 1 and mention.type in ("person", "misc"):
            root = next(iter(roots))
            if groups.find(i) != groups.find(root):
                groups.union(root, i)
                linked.add(i)
    return linked


def _vote(mentions: list[Mention]) -> EntityType:
    """The cluster's type: most vote weight, a forced type beating any number of model votes."""
    votes: dict[EntityType, float] = defaultdict(float)
    for mention in mentions:
        votes[mention.type] += mention.weight
    return max(votes, key=lambda t: (votes[t], TYPE_PRIORITY[t]))


def _names_by_preference(mentions: list[Mention], type_: EntityType) -> list[str]:
    """Distinct names, the canonical one first.

    A person is called by the full name the article uses most (ties: the longer,
    then the earlier); an organisation or place by its longest spelled-out form,
    since acronyms and short forms are the ones that collide. One person's name in
    several cases counts as its shortest (`_nominatives`).
    """
    nominative = _nominatives(mentions) if type_ == "person" else {}
    count: Counter[str] = Counter()
    first: dict[str, int] = {}
    spelling: dict[str, Counter[str]] = defaultdict(Counter)
    for order, mention in enumerate(mentions):
        written = name_key(mention.normal)
        key = nominative.get(written, written)
        count[key] += 1
        first.setdefault(key, order)
        if key == written:
            spelling[key][display_case(mention.normal)] += 1

    def best_spelling(key: str) -> str:
        # Prefer the case most often written, then mixed case over shouting.
        forms = spelling[key]
        return max(forms, key=lambda f: (forms[f], not f.isupper(), f))

    def rank(key: str) -> tuple[bool, int, int, int]:
        acronym = looks_like_acronym(best_spelling(key))
        if type_ == "person":
            return (len(key.split()) < 2, -count[key], -len(key), first[key])
        return (acronym, -len(key), -count[key], first[key])

    return [best_spelling(key) for key in sorted(count, key=rank)]


def _nominatives(mentions: list[Mention]) -> dict[str, str]:
    """Name key -> the name key it is another case of, for a person's names that differ by
    their endings alone ("сергей скрипаля" -> "сергей скрипаль", a case the model left):
    the one ending as a nominative surname does (`nominative_surname`), else the shortest."""
    by_form: dict[tuple[str, ...], set[str]] = defaultdict(set)
    for mention in mentions:
        if form := person_form(mention.normal):
            by_form[form].add(name_key(mention.normal))
    return {
        key: min(keys, key=lambda k: (not nominative_surname(k), len(k), k))
        for keys in by_form.values()
        for key in keys
    }


def canonical_is_better(new: str, current: str, type_: str) -> bool:
    """True when `new` should replace `current` as an entity's canonical name.

    Only a spelled-out name replaces an acronym or a single word, so canonical
    names settle after the first full mention and then stay put.
    """
    if name_key(new) == name_key(current):
        return False

    def weak(name: str) -> bool:
        return looks_like_acronym(name) or len(name_key(name).split()) < 2

    return weak(current) and not weak(new)
