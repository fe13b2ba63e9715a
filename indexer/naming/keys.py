"""Keys that let two spellings of one name meet: inflection, spelling, script, initials.

- `form_key`: the name with each word stemmed and common spelling variants folded ("Рааба",
  "Рааб"; "Дэвис", "Девис"; "Гренелл", "Греннел"): one entity's forms in one language.
- `sound_key`: the name in Latin letters (Cyrillic romanised by iuliia's Wikipedia schema) with
  every run of vowels folded to one and a few English spellings mapped to their sound
  ("Johnson" and "Джонсон", "Biden" and "Байден" both `janson`, `badan`): across scripts.
- `initials`: what an acronym of the name would be ("Российская Федерация" -> "рф").
- `compounds`: the one-word short forms Russian builds from two words ("Евросоюз" from
  "Европейский союз", "Еврокомиссия" from "Европейская комиссия").
- `spelled_acronym`: a Latin acronym written out in Russian letter names ("Би-би-си": BBC).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from functools import lru_cache
from typing import Any

import iuliia
import Stemmer
import wordfreq
from rapidfuzz import fuzz

from indexer.naming.pinyin import palladius

_SPACES = re.compile(r"\s+")
_HYPHEN_LIKE = re.compile(r"[‐‑‒–—-]")
_KEY_DROP = re.compile(r"[^\w\s]")
_LEADING_ARTICLE = re.compile(r"(?i)the\s+")
_STEM = {"ru": Stemmer.Stemmer("russian"), "en": Stemmer.Stemmer("english")}
CYRILLIC = re.compile(r"[а-яё]")
LATIN = re.compile(r"[a-z]")
# Spelling variants one language writes either way: "э"/"е", doubled letters, a final soft sign.
_DOUBLE = re.compile(r"(\w)\1+")
# English spellings of sounds that romanised Russian writes otherwise, applied in order.
_SOUNDS = (
    ("dzh", "j"),
    ("zh", "j"),
    ("shch", "s"),
    ("sch", "s"),
    ("sh", "s"),
    ("ch", "c"),
    ("kh", ""),
    ("ph", "f"),
    ("th", "t"),
    ("ck", "k"),
    ("ts", "c"),
    ("tz", "c"),
    ("h", ""),
    ("w", "v"),
    ("x", "ks"),
    ("q", "k"),
    ("z", "s"),
    ("c", "k"),
    ("g(?=[ei])", "j"),
)
_SOUND_RULES = tuple((re.compile(a), b) for a, b in _SOUNDS)
# Another reading's sound key is kept when at least this long and at most this much shorter than
# the plain one: dropping a silent letter or two, not most of the name.
MIN_READING_SOUND, MAX_READING_LOSS = 3, 3
# Other readings of Latin letters that Russian transcription follows (`english_sound_keys`).
_READINGS = tuple(
    (re.compile(a), b)
    for a, b in (
        # First, so that only a double e as written is read so ("Allegheny" less its gh is no
        # "Alleeny"): English: Lee -> Ли, Greene -> Грин, Reeves -> Ривз.
        (r"ee", "i"),
        (r"(?<=[^aeiouy\s])e\b", ""),  # a silent final e: Gove -> Гоув
        (r"(?<=[^aeiouy\s])es\b", "s"),  # and before an s: Jones -> Джонс, Wales -> Уэльс
        (r"(?<![cstpgkwzr])h", "g"),  # Hitler -> Гитлер, Hamburg -> Гамбург
        (r"\bwr", "r"),  # Wright -> Райт
        (r"gh", ""),  # Wright, Leigh
        (r"w(?=[aeiouy])", "u"),  # Williamson -> Уильямсон, Watson -> Уотсон
        (r"t?z", "c"),  # German: Kurz -> Курц, Schulz -> Шульц
        (r"cz", "ch"),  # Polish: Czaputowicz -> Чапутович
        (r"ch", "kh"),  # German: Buchele -> Бюхеле
        (r"ow(?![aeiouy])", "au"),  # Downing -> Даунинг, Brown -> Браун
        (r"dg(?=[eiy])", "j"),  # English: Bridgen -> Бриджен, Hodges -> Ходжес
        (r"ier\b", "ie"),  # French, a silent final r: Barnier -> Барнье, Didier -> Дидье
    )
)
_VOWELS = re.compile(r"[aeiouy]+")
# Russian devoices a final consonant, and spellings follow the sound now and then.
_DEVOICE = {"d": "t", "b": "p", "g": "k", "v": "f"}
_DEVOICED = re.compile(r"[dbgv]$")
# Shortest stem kept; a word that stems shorter is compared whole.
MIN_STEM_CHARS = 3
# A sound key this long names one thing across scripts; shorter ones ("ma") are too common.
MIN_CROSS_SCRIPT_SOUND = 4
# Shortest sound key that says anything: "mey" (Мэй, May) is as short as a name gets.
MIN_SOUND_CHARS = 2
# Words left out of initials: "Соединённые Штаты Америки" -> "сша", "Bank of England" -> "be".
INITIAL_SKIP = frozenset("of and the for in on at to de des du la le der und и по при".split())
# A transcribed legal term this long is compared by sound ("Компани"); shorter ones ("Б.В.",
# "АГ") only letter for letter, since short sound keys are other words' too.
MIN_SOUNDED_LEGAL_CHARS = 5
# The first part of a Russian compound short form is at least this long ("Евро", "Рос", "Гос").
MIN_COMPOUND_PREFIX = 3
# A syllabic short form takes at most this much of its first word ("Гос", "Каб", "Евро"): longer
# cuts of every length would key a name by dozens of compounds that no one writes.
MAX_SYLLABLE_PREFIX = 4
# The names of the English letters as Russian writes them, for an acronym spelled out letter by
# letter ("Би-би-си" is BBC, "Си-эн-эн" CNN, "Эф-би-ай" FBI): the alphabet, not a list of names.
LETTER_NAMES = {
    "эй": "a", "би": "b", "си": "c", "ди": "d", "эф": "f", "джи": "g", "эйч": "h", "ай": "i",
    "джей": "j", "кей": "k", "эл": "l", "эм": "m", "эн": "n", "оу": "o", "пи": "p", "кью": "q",
    "ар": "r", "эс": "s", "ти": "t", "ю": "u", "ви": "v", "экс": "x", "уай": "y", "зед": "z",
}  # fmt: skip
_LETTER_PARTS = re.compile(r"[‐‑‒–—-]")


@lru_cache(maxsize=65536)
def name_key(name: str) -> str:
    """The comparison key of a name: case, accents, hyphens, dots and quotes folded away."""
    text = unicodedata.normalize("NFKC", name).casefold().replace("ё", "е")
    text = _HYPHEN_LIKE.sub(" ", text)
    text = _KEY_DROP.sub("", text)
    text = _SPACES.sub(" ", text).strip()
    match = _LEADING_ARTICLE.match(text)
    return text[match.end() :] if match else text


def person_form(name: str) -> tuple[str, ...]:
    """What a person's full name keeps in every case: the first name as written, the other
    words' form keys ("Сергей Скрипаль", "Сергей Скрипаля"); () for one word or an initial.
    The first name stays whole: "Александр" and "Александра" share a form key, not a person."""
    words = name_key(name).split()
    if len(words) < 2 or len(words[0]) <= 2:
        return ()
    return (words[0], *(form_key(word) for word in words[1:]))


def script(name: str) -> str:
    """ "Cyrl", "Latn" or "Zyyy" (neither): which alphabet a name is written in."""
    folded = name.casefold()
    if CYRILLIC.search(folded):
        return "Cyrl"
    return "Latn" if LATIN.search(folded) else "Zyyy"


def _word_key(word: str) -> str:
    word = word.replace("э", "е")
    russian = bool(CYRILLIC.search(word))
    stem = _fold(str(_STEM["ru" if russian else "en"].stemWord(word)))
    if len(stem) >= MIN_STEM_CHARS:
        return stem
    # A stem this short is another word's too ("Эссен" -> "ес", the stem of "ЕС"): the word is
    # compared whole, in its dictionary form where Russian's dictionary knows it, since its
    # cases are whole words apart ("Азия", "Азии", "Азией": all "аз" to Snowball).
    if russian:
        parse = morphology().parse(word)[0]
        if parse.is_known:
            return _fold(str(parse.normal_form).replace("э", "е"))
    return _fold(word)


def _fold(word: str) -> str:
    word = word.replace("э", "е").replace("й", "и")
    word = _DOUBLE.sub(r"\1", word)
    return word[:-1] if word.endswith("ь") else word


@lru_cache(maxsize=65536)
def form_key(name: str) -> str:
    """Each word stemmed and spelling-folded: the inflected forms of one name share it."""
    return " ".join(_word_key(word) for word in name_key(name).split())


@lru_cache(maxsize=65536)
def latin(name: str) -> str:
    """The name in Latin letters: Cyrillic romanised, accents dropped."""
    text = iuliia.WIKIPEDIA.translate(name) if CYRILLIC.search(name.casefold()) else name
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


@lru_cache(maxsize=65536)
def sound_key(name: str) -> str:
    """The name as it sounds, in any script: romanised, English spellings mapped, vowels folded."""
    words = []
    for word in name_key(latin(name)).split():
        for pattern, replacement in _SOUND_RULES:
            word = pattern.sub(replacement, word)
        word = _VOWELS.sub("a", _DOUBLE.sub(r"\1", word))
        word = _DEVOICED.sub(lambda m: _DEVOICE[m.group()], word)  # "Дональт" for "Donald"
        words.append(_DOUBLE.sub(r"\1", word))
    key = " ".join(w for w in words if w)
    return key if len(key.replace(" ", "")) >= MIN_SOUND_CHARS else ""


@lru_cache(maxsize=65536)
def spoken_spelling(name: str) -> str:
    """The name romanised through `sound_key`'s sound rules with its vowels kept (y as i):
    "Putin" putin and Питон piton stay apart where their sound keys meet; Hancock ankok
    and Хэнкок enkok, Fox and Фокс foks, stay near."""
    words = []
    for word in name_key(latin(name)).split():
        for pattern, replacement in _SOUND_RULES:
            word = pattern.sub(replacement, word)
        words.append(_DOUBLE.sub(r"\1", word.replace("y", "i")))
    return " ".join(w for w in words if w)


# How near (rapidfuzz's ratio, 0-100) two names that share a sound key must be spelled
# (`spoken_spelling`) to be one name: sound keys keep consonants alone, which join "noted" to
# НАТО (44), "materialy" to Motorola (47), "putin" to Питон and "moscow" to Маск (60), where
# surnames read across scripts stay at 67 or more (May and Мэй, Hunt and Хант, Rudd and Радд;
# most are 80-100). Chosen on these pairs; checked on SlavicNER's tuning topics.
MIN_SOUND_SPELLING = 65


# pymorphy2 tags (OpenCorpora's) that mark a word as a name: first name, surname, patronymic,
# place, organisation, trade mark.
NAME_TAGS = frozenset({"Name", "Surn", "Patr", "Geox", "Orgn", "Trad"})
GIVEN_TAGS = frozenset({"Name", "Patr"})
PERSON_TAGS = GIVEN_TAGS | {"Surn"}


@lru_cache(maxsize=1)
def morphology() -> Any:
    """pymorphy2's Russian dictionary through natasha: loaded once per process (about a quarter
    of a second and 100 MB), shared by the Russian NER's lemmas and these checks."""
    import pymorphy2_dicts_ru
    from natasha import MorphVocab

    class _MorphVocab(MorphVocab):  # type: ignore[misc]
        # Left to itself, pymorphy2 finds its dictionary by scanning every installed
        # package's entry points (0.15 s of each ingest's start); the path is known.
        @classmethod
        def choose_dictionary_path(cls, path: str | None = None, lang: str | None = None) -> str:
            return path or str(pymorphy2_dicts_ru.get_path())

    return _MorphVocab()


# A common word is at least this frequent (wordfreq's Zipf scale: 4 is once in a million
# words): "курс" 4.96, "мир" 5.38; institutions that the dictionary lists as plain nouns are
# rarer ("бундестаг" 2.78, "кнессет" 2.44) and stay names.
MIN_COMMON_WORD_ZIPF = 4.0


@lru_cache(maxsize=16384)
def common_russian_word(name: str) -> bool:
    """Whether a one-word Cyrillic name is a frequent word that Russian's dictionary
    (OpenCorpora, through pymorphy2) knows and never as a name: "Курс" (a course, a rate),
    "Мир"; not "Путин", "Хант" (also a surname), "Курц" or "Мэй" (unknown), "Бундестаг"."""
    if " " in name.strip() or not CYRILLIC.search(name.casefold()):
        return False
    if wordfreq.zipf_frequency(name.casefold(), "ru") < MIN_COMMON_WORD_ZIPF:
        return False
    parses = morphology().parse(name.casefold())
    return bool(parses) and all(parse.is_known and not NAME_TAGS & _tags(parse) for parse in parses)


@lru_cache(maxsize=16384)
def read_as_word(name: str) -> bool:
    """Whether a one-word Cyrillic name is read first as a word, not a name, by Russian's
    dictionary: "Хан" (a khan), "Ли" (a particle); not "Хант", "Джонсон", or "Мэй" and "Фокс"
    (which it does not know)."""
    tags = _likeliest_tags(name)
    return tags is not None and not NAME_TAGS & tags


@lru_cache(maxsize=16384)
def russian_homograph(name: str) -> bool:
    """Whether a one-word Cyrillic place name is read first as something else in Russian's
    dictionary ("Кампания" a campaign, "Марке" a case of "марка", "Виктория" a first name);
    not "Бавария" or "Калифорния"."""
    # The likeliest reading decides: "калифорния" is also a case of the element californium.
    tags = _likeliest_tags(name) if "-" not in name else None
    return tags is not None and "Geox" not in tags


@lru_cache(maxsize=16384)
def adjective(word: str) -> bool:
    """Whether Russian's dictionary reads a Cyrillic word first as an adjective ("Южная",
    "Саудовская"); False for other letters or a word it does not know."""
    tags = _likeliest_tags(word)
    return tags is not None and "ADJF" in tags


def place_word(word: str) -> str:
    """The dictionary form of a one-word Cyrillic name Russian's dictionary reads first as a
    place (OpenCorpora's Geox) and never as a person's: "Подмосковьем" -> "подмосковье"; ""
    for anything else, and for "Ростов" (also a surname)."""
    word = word.strip().casefold()
    if " " in word or not CYRILLIC.search(word):
        return ""
    parses = [parse for parse in morphology().parse(word) if parse.is_known]
    if not parses or "Geox" not in _tags(parses[0]):
        return ""
    return "" if _personal(parses) else str(parses[0].normal_form)


def personal(word: str) -> bool:
    """Whether Russian's dictionary knows a word as a first name, patronymic or surname."""
    return _personal(p for p in morphology().parse(word.strip().casefold()) if p.is_known)


def _personal(parses: Iterable[Any]) -> bool:
    return any(PERSON_TAGS & _tags(parse) for parse in parses)


def nominative(word: str) -> bool:
    """Whether Russian's dictionary reads a Cyrillic word first in the nominative
    ("Королевство", not "Королевства"); False for other letters or a word it does not know."""
    tags = _likeliest_tags(word)
    return tags is not None and "nomn" in tags


def _likeliest_tags(name: str) -> set[str] | None:
    """The grammemes of the likeliest reading Russian's dictionary knows of a one-word
    Cyrillic name; None for more words, other letters or a word it does not know."""
    word = name.strip().casefold()
    if " " in word or not CYRILLIC.search(word):
        return None
    likeliest = next((parse for parse in morphology().parse(word) if parse.is_known), None)
    return _tags(likeliest) if likeliest is not None else None


# A name's readings as one gender: OpenCorpora's common gender ("ms-f": Шойгу, Миллер) is both;
# an adjective's neuter is a masculine surname's ("Зеленскому").
GENDERS = {"masc": frozenset({"masc"}), "femn": frozenset({"femn"}), "neut": frozenset({"masc"})}
BOTH_GENDERS = frozenset({"masc", "femn"})


@lru_cache(maxsize=16384)
def name_genders(word: str, case: str = "") -> frozenset[str]:
    """The genders a one-word Cyrillic name may be of by its form, read as a first name,
    surname or a surname shaped like an adjective: "Зеленская" femn, "Зеленскому" masc,
    "Колесникова" both (a woman, or a man in the genitive), and both for a name that does not
    change; empty where the form says nothing (other letters, a plural only). With `case`,
    only the readings in that case ("Юлия" in the nominative is no man's genitive)."""
    word = word.strip().casefold()
    if " " in word or not CYRILLIC.search(word):
        return frozenset()
    parses = [p for p in morphology().parse(word) if not case or p.tag.case in (case, None)]
    readings = [p for p in parses if p.is_known and (PERSON_TAGS & _tags(p) or p.tag.POS == "ADJF")]
    if not any(p.is_known for p in parses):
        # Of a guessed word only its reading as an adjective ("Зеленская") says a gender: a
        # foreign name's guessed endings do not ("Рютте" as a woman's dative).
        readings = [p for p in parses if p.tag.POS == "ADJF"]
    genders: set[str] = set()
    for parse in readings:
        tags = _tags(parse)
        if "ms-f" in tags or "Fixd" in tags:
            return BOTH_GENDERS
        genders |= next((GENDERS[g] for g in GENDERS if g in tags), frozenset())
    if genders == {"masc"} and not case and word.endswith(("а", "я")):
        # A woman's name the dictionary lacks reads as a man's genitive ("Пескова", "Кая").
        return BOTH_GENDERS
    return frozenset(genders)


@lru_cache(maxsize=16384)
def first_name(word: str) -> bool:
    """Whether Russian's dictionary knows a one-word Cyrillic name as one person's first name
    ("Григорий", "Лев"): not "Лавров", which it reads as a plural of Лавр."""
    if " " in word.strip() or not CYRILLIC.search(word.casefold()):
        return False
    parses = morphology().parse(word.casefold())
    return any(p.is_known and "Name" in _tags(p) and p.tag.number == "sing" for p in parses)


@lru_cache(maxsize=16384)
def given_name(name: str) -> bool:
    """Whether a one-word Cyrillic name is a first name or patronymic in Russian's dictionary
    (OpenCorpora's Name and Patr tags, through pymorphy2): "Тереза", "Николаевич"; not "Мэй"."""
    if " " in name.strip() or not CYRILLIC.search(name.casefold()):
        return False
    parses = morphology().parse(name.casefold())
    return any(parse.is_known and GIVEN_TAGS & _tags(parse) for parse in parses)


@lru_cache(maxsize=16384)
def patronymic(word: str) -> bool:
    """Whether Russian's dictionary (OpenCorpora's Patr tag, through pymorphy2) knows a
    Cyrillic word as a patronymic: "Николаевна", "Юрьевич"."""
    folded = word.casefold()
    if not CYRILLIC.search(folded):
        return False
    return any(p.is_known and "Patr" in p.tag for p in morphology().parse(folded))


# Endings of a man's surname in the genitive, dative and instrumental (Скрипаля, Скрипалю,
# Скрипалем of Скрипаль); not "е", "и" or "о", which foreign surnames that Russian leaves
# undeclined end in (Бюхеле). A Russian woman's surname ends in "а" or "я" in the nominative
# (Ананьева; Ананьевой, Ананьеву are other cases).
OBLIQUE_MASCULINE_ENDINGS = ("а", "я", "у", "ю", "ом", "ем")
NOMINATIVE_FEMININE_ENDINGS = ("а", "я")


@lru_cache(maxsize=16384)
def first_name_only(name: str) -> bool:
    """Whether a one-word Cyrillic name is a first name and never a surname in Russian's
    dictionary: "Тереза", "Юлия"; not "Марков" (a surname, and Марк's plural genitive) or
    "Ким"."""
    if " " in name.strip() or not CYRILLIC.search(name.casefold()):
        return False
    parses = [parse for parse in morphology().parse(name.casefold()) if parse.is_known]
    first = any(GIVEN_TAGS & _tags(p) and {"nomn", "sing"} <= _tags(p) for p in parses)
    return first and not any("Surn" in _tags(p) for p in parses)


@lru_cache(maxsize=16384)
def nominative_surname(name: str) -> bool:
    """Whether a Russian full name's last word ends as a surname does in the nominative of
    the gender its first name has in Russian's dictionary (OpenCorpora's Name, through
    pymorphy2): "Сергей Скрипаль", not "Сергей Скрипаля"; False when the first name is
    unknown or the name one word."""
    words = name.casefold().split()
    if len(words) < 2 or not CYRILLIC.search(words[0]):
        return False
    genders = {
        parse.tag.gender
        for parse in morphology().parse(words[0])
        if "Name" in _tags(parse) and parse.tag.case == "nomn"
    }
    last = words[-1]
    if genders == {"masc"}:
        return not last.endswith(OBLIQUE_MASCULINE_ENDINGS)
    if genders == {"femn"}:
        return last.endswith(NOMINATIVE_FEMININE_ENDINGS)
    return False


def _tags(parse: Any) -> set[str]:
    """The grammemes of one pymorphy2 parse ("NOUN,anim,masc,Name sing,nomn")."""
    return set(str(parse.tag).replace(" ", ",").split(","))


def spelled_near(typed: str, name: str) -> bool:
    """Whether `typed` (or one of its English readings) is spelled near `name`, vowels and
    all; one word typed is also compared with each word of the name (a surname)."""
    return spelling_nearness(typed, name) >= MIN_SOUND_SPELLING


def spelling_nearness(typed: str, name: str) -> float:
    """How near `typed` (or one of its English readings) is spelled to `name` or, for one word
    typed, to a word of it: rapidfuzz's ratio, 100 for a name spelled as it reads."""
    ours = {spoken_spelling(reading) for reading in english_readings(typed)}
    theirs = spoken_spelling(name)
    candidates = [theirs, *theirs.split()] if " " not in typed.strip() else [theirs]
    return max((fuzz.ratio(one, other) for one in ours for other in candidates), default=0.0)


@lru_cache(maxsize=65536)
def english_readings(name: str) -> frozenset[str]:
    """The name in lower-case Latin letters as written and as each reading of
    `english_sound_keys` (all combined too) respells it: "kurz" and "kurc"; a pinyin name also
    as its Palladius transcription ("jinping" and "tszinpin")."""
    spellings = {name_key(latin(name))}
    if not CYRILLIC.search(name.casefold()):
        for pattern, replacement in _READINGS:
            spellings |= {pattern.sub(replacement, spelling) for spelling in spellings}
        # A Chinese name in pinyin, as Russian transcribes it (Jinping: Цзиньпин).
        words = name_key(name).split()
        chinese = [latin(cyrillic) if (cyrillic := palladius(w)) else w for w in words]
        if chinese != words:
            spellings.add(name_key(" ".join(chinese)))
    return frozenset(spellings)


def english_sound_keys(name: str) -> list[str]:
    """Sound keys of a Latin name read as Russian news transcribes English, German and Polish
    names: a silent final "e" (Gove, Гоув), "h" as "г" (Hitler, Гитлер), "w" as "у"
    (Williamson, Уильямсон), "z" as "ц" (Kurz, Курц), ... Each reading alone and all combined;
    the plain `sound_key` first. Empty for a name with Cyrillic letters."""
    if CYRILLIC.search(name.casefold()):
        return []
    spellings = english_readings(name)
    plain = sound_key(name)
    shortest = max(MIN_READING_SOUND, len(plain) - MAX_READING_LOSS)
    others = sorted(k for k in map(sound_key, spellings) if len(k.replace(" ", "")) >= shortest)
    return list(dict.fromkeys(k for k in [plain, *others] if k))


def word_sound_keys(name: str) -> list[str]:
    """The sound key of each word of the name (a surname typed alone meets its word)."""
    return [key for word in name.split() if (key := sound_key(word))]


def initials(name: str) -> str:
    """The acronym a multi-word name would have, lower-case; "" for one word. An acronym
    among the words keeps all its letters: "ЦГБ Бердска" is no "ЦБ"."""
    letters = []
    for written in _HYPHEN_LIKE.sub(" ", name).split():
        acronym = written.isupper() and sum(c.isalpha() for c in written) >= 2
        for word in name_key(written).split():
            if word not in INITIAL_SKIP:
                letters.append(word if acronym else word[0])
    return "".join(letters) if len(letters) >= 2 else ""


@lru_cache(maxsize=65536)
def acronym_key(name: str) -> str:
    """The letters of an acronym as written ("РФ", "U.S.", "TfL" -> "рф", "us", "tfl"); "" if it
    is none: one word of two to six letters, all capitals or at least two and the first."""
    letters = "".join(c for c in name if c.isalpha())
    capitals = sum(c.isupper() for c in letters)
    if not 2 <= len(letters) <= 6 or " " in name.strip() or not letters[:1].isupper():
        return ""
    if not letters.isupper() and (capitals < 2 or len(letters) < 3):
        return ""
    return letters.casefold().replace("ё", "е")


# An acronym in capitals of this many letters, whose sound key is this long, names one body in
# either script ("WTO" and ВТО, "FSB" and ФСБ: "vta", "fsp"); a word's sound key must be
# longer (MIN_CROSS_SCRIPT_SOUND), and "CNN" ("kn") or "UNN" ("an") say too little.
MIN_ACRONYM_LETTERS, MIN_ACRONYM_SOUND = 3, 3


def acronym_sound(name: str) -> str:
    """The sound key of an acronym written in capitals ("WTO", "ВТО": "vta"); "" for anything
    else."""
    letters = acronym_key(name)
    if len(letters) < MIN_ACRONYM_LETTERS or not name.strip().isupper():
        return ""
    sound = sound_key(name)
    return sound if len(sound) >= MIN_ACRONYM_SOUND and " " not in sound else ""


@lru_cache(maxsize=1)
def _cyrillic_capitals() -> dict[str, str]:
    """Latin capitals that iuliia's Wikipedia schema writes for one Cyrillic capital and no
    other (N for Н; not Y, which is Й and Ы, nor the letters it writes as two)."""
    readings: dict[str, list[str]] = {}
    for letter in map(chr, range(ord("А"), ord("Я") + 1)):
        written = iuliia.WIKIPEDIA.translate(letter)
        if len(written) == 1:
            readings.setdefault(written.upper(), []).append(letter)
    return {latin_letter: found[0] for latin_letter, found in readings.items() if len(found) == 1}


def acronym_in_cyrillic(name: str) -> str:
    """A Latin acronym in capitals letter for letter in Cyrillic ("UNN": УНН, "RBK": РБК),
    when every letter has one Cyrillic counterpart; "" otherwise. Its sound key says too
    little when vowels make most of it (`acronym_sound`)."""
    letters = name.strip()
    if len(letters) < MIN_ACRONYM_LETTERS or not (letters.isupper() and letters.isalpha()):
        return ""
    capitals = _cyrillic_capitals()
    if CYRILLIC.search(letters.casefold()) or any(letter not in capitals for letter in letters):
        return ""
    return "".join(capitals[letter] for letter in letters)


@lru_cache(maxsize=16384)
def without_legal_form(name: str) -> str:
    """An organisation's name without its legal form ("ПАО Газпром", "OMV AG" -> "Газпром",
    "OMV"), by cleanco's list of legal terms; "" when nothing would be left."""
    from cleanco.clean import custom_basename

    name = _without_transcribed_legal_form(name)
    if not legal_words() & set(name.casefold().replace(".", "").split()):
        return name  # no word of it is a legal term: the common case, without cleanco's parse
    return str(custom_basename(name, _legal_terms(), prefix=True, suffix=True, middle=False))


# Words for the kind of organisation that news writes before or after its name ("ИА Regnum",
# "Bloomberg News", "Allseas Group", "телекомпания НТВ"): the name is the organisation's all the
# same. ИА and МИА are "(международное) информационное агентство". Kept short: a word of a name's
# own (Газпром нефть, Shell Exploration) names another body, and no package lists the kinds.
ORG_KIND_WORDS = frozenset(
    "group holding holdings news agency"
    " иа миа агентство информагентство телекомпания телеканал группа холдинг".split()
)


@lru_cache(maxsize=16384)
def without_kind(name: str) -> str:
    """An organisation's own name without its legal form and the words for its kind at either
    end ("Allseas Group S.A.", "ИА Regnum" -> "Allseas", "Regnum"); the name itself when the
    rest would not be a proper name (every word capitalised) or nothing is taken away."""
    words = (without_legal_form(name) or name).split()
    while len(words) > 1 and _KEY_DROP.sub("", words[0].casefold()) in ORG_KIND_WORDS:
        words.pop(0)
    while len(words) > 1 and _KEY_DROP.sub("", words[-1].casefold()) in ORG_KIND_WORDS:
        words.pop()
    letters = [_KEY_DROP.sub("", word)[:1] for word in words]  # «Кестрел»: from its К
    if not all(first.isupper() or first.isdigit() for first in letters):
        return name
    return " ".join(words)


def _without_transcribed_legal_form(name: str) -> str:
    """A Cyrillic name without the legal terms transcribed at its end ("Блю Стрим Пайплайн
    Компани Б.В." -> "Блю Стрим Пайплайн"): each last word romanised and compared with
    cleanco's terms, by letters or, for longer words, by sound ("Компани", "company")."""
    words = name.split()
    while len(words) > 1 and CYRILLIC.search(words[-1].casefold()):
        letters = latin(words[-1]).casefold().replace(".", "")
        long_enough = len(letters) >= MIN_SOUNDED_LEGAL_CHARS
        if not (letters in legal_words() or long_enough and sound_key(letters) in _legal_sounds()):
            break
        words.pop()
    return " ".join(words)


@lru_cache(maxsize=1)
def _legal_sounds() -> frozenset[str]:
    """Sound keys of cleanco's longer legal words ("company" -> "kampana")."""
    return frozenset(
        sound_key(word) for word in legal_words() if len(word) >= MIN_SOUNDED_LEGAL_CHARS
    )


@lru_cache(maxsize=1)
def legal_words() -> frozenset[str]:
    """Every word of cleanco's legal terms, lower-case without dots ("co", "ltd", "пао")."""
    from cleanco.termdata import terms_by_country, terms_by_type

    terms = [t for group in (terms_by_type, terms_by_country) for ts in group.values() for t in ts]
    return frozenset(w.replace(".", "") for term in terms for w in term.casefold().split())


@lru_cache(maxsize=1)
def _legal_terms() -> object:
    from cleanco import prepare_default_terms

    return prepare_default_terms()


def compounds(name: str) -> list[str]:
    """Form keys of the one-word compounds a two-word Russian name shortens to.

    "Европейский союз" -> "евросоюз", "евросою"...: the first word's beginning (three
    letters or more) glued to the second word; and the first syllables of both words
    ("Кабинет министров" -> "кабмин", "Государственный департамент" -> "госдеп"): the
    first word's first three or four letters glued to the second's beginning, matched as
    `form_key` of the one word.
    """
    words = name_key(name).split()
    if len(words) != 2 or not all(CYRILLIC.search(w) for w in words):
        return []
    first, second = words
    keys = [form_key(first[:cut] + second) for cut in range(MIN_COMPOUND_PREFIX, len(first) - 1)]
    for cut in range(MIN_COMPOUND_PREFIX, min(MAX_SYLLABLE_PREFIX, len(first) - 1) + 1):
        keys.extend(
            form_key(first[:cut] + second[:tail])
            for tail in range(MIN_COMPOUND_PREFIX, len(second) - 1)
        )
    return list(dict.fromkeys(keys))


# A clipped one-word name keeps at least this many letters ("Госдеп" of "Госдепартамент"):
# shorter cuts ("Газ" of "Газпром") are words of their own.
MIN_CLIPPED_CHARS = 6


@lru_cache(maxsize=16384)
def clippings(name: str) -> list[str]:
    """The clipped forms a one-word Cyrillic name is shortened to ("Госдепартамент" ->
    "госдеп", "госдепа", ...): each beginning of six letters or more whose rest is no word of
    Russian's dictionary (pymorphy2). "Газпромбанк" is not clipped to "газпром": "банк" is a
    word, and the longer name another body's."""
    words = name_key(name).split()
    if len(words) != 1 or not CYRILLIC.search(words[0]):
        return []
    word = words[0]
    return [
        word[:cut]
        for cut in range(MIN_CLIPPED_CHARS, len(word) - MIN_COMPOUND_PREFIX + 1)
        if not any(parse.is_known for parse in morphology().parse(word[cut:]))
    ]


@lru_cache(maxsize=16384)
def spelled_acronym(name: str) -> str:
    """The Latin acronym a Cyrillic name spells letter by letter ("Би-би-си" -> "bbc"), or ""."""
    parts = _LETTER_PARTS.split(name.strip().casefold().replace("ё", "е"))
    if len(parts) < 2 or not all(part in LETTER_NAMES for part in parts):
        return ""
    return "".join(LETTER_NAMES[part] for part in parts)
