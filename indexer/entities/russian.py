"""Russian NER with natasha (models ship in its wheel), names put in the nominative."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace
from functools import lru_cache
from typing import Any

import wordfreq

from indexer.entities.lookalikes import read_as_cyrillic
from indexer.entities.mention import Mention
from indexer.entities.noise import clean_name
from indexer.model import EntityType
from indexer.naming.keys import GIVEN_TAGS, PERSON_TAGS, morphology

LABELS: dict[str, EntityType] = {"PER": "person", "ORG": "organization", "LOC": "location"}
NOUN_TAGS = frozenset({"NOUN", "PROPN"})
# A word opening a model span that natasha's tagger reads as one of these parts of speech
# (Universal Dependencies) and pymorphy2's dictionary as one of the matching OpenCorpora
# classes is a neighbour the span took in, not part of the name: "Вместо Дэвиса", "Также
# Путин". Not in quotes: a quoted name may open with one (движение «За права человека»).
LEADING_POS = frozenset({"ADP", "CCONJ", "SCONJ", "PART", "ADV"})
LEADING_CLASSES = frozenset({"PREP", "CONJ", "PRCL", "ADVB"})
# After a person's name only an adverb is read so ("Джонсон Совсем не согласен"): a particle or
# conjunction there may be a name's own word ("Ли").
TRAILING_POS = frozenset({"ADV"})
TRAILING_CLASSES = frozenset({"ADVB"})
# A one-letter word is an initial as often as a preposition ("В. Путин", "С. Лавров").
MIN_FUNCTION_CHARS = 2
# The dictionary also calls a name's particles PRCL or CONJ ("де", "ван", "фон", "аль", "эль":
# wordfreq's Zipf 4.2-5.0); the function words that open a sentence are more frequent
# ("впрочем" 4.8 is the rarest, "вместо" 5.2, "однако" 5.8). Chosen on these lists and on
# FactRuEval dev ("Эль Сальвадор", "Аль Аин" kept).
MIN_FUNCTION_WORD_ZIPF = 5.0
OPENING_QUOTES = "«„“\"'"
# A surname followed by one to three initials ("Гаврилова А.В", the last dot the sentence's).
INITIALS_AFTER = re.compile(
    r"^(?P<surname>[А-ЯЁ][а-яё-]+) (?P<initials>(?:[А-ЯЁ]\.\s?){0,2}[А-ЯЁ]\.?)$"
)
# Universal Dependencies' cases (natasha's tagger) as OpenCorpora's (pymorphy2's).
OC_CASES = {"Gen": "gent", "Dat": "datv", "Acc": "accs", "Ins": "ablt", "Loc": "loct"}
UD_GENDERS = {"masc": "Masc", "femn": "Fem", "neut": "Neut"}
COMMON_GENDER = "ms-f"  # OpenCorpora's grammeme of a name either gender bears
FIXED = "Fixd"  # OpenCorpora's grammeme of a word that does not change
# OpenCorpora's grammeme of a question word ("почему", "зачем").
QUESTION_TAG = "Ques"
# Parts of speech of a word before a name that only describes the person: adjectives,
# participles, a verb in the infinitive or the indicative (OpenCorpora's tags).
DESCRIBING_POS = frozenset({"ADJF", "PRTF", "INFN"})
INDICATIVE = "indc"
# Words whose readings `_two_people` keeps before starting afresh.
READINGS_KEPT = 65536
# pymorphy2's second genitive, locative and accusative and the vocative are forms of the
# main cases, for telling whether two words may agree.
CASE_FAMILIES = {"gen2": "gent", "loc2": "loct", "acc2": "accs", "voct": "nomn"}
QUOTE_LOOKBACK = 3  # characters: the quote and a space or two
# OpenCorpora classes of a word that names nothing: a verb's forms and function words. A lone
# word the dictionary knows only as these ("Выплатите", "Причём", "Как" opening a sentence) is
# the model's slip; one reading as a noun or a name keeps it.
NOT_A_NAME_CLASSES = frozenset(
    {"VERB", "INFN", "GRND", "PREP", "CONJ", "PRCL", "ADVB", "INTJ", "COMP", "PRED", "NPRO"}
)
# OpenCorpora's place tag; a word with `PERSON_TAGS` too is a person's name ("Вашингтон").
PLACE_TAG = "Geox"
# What stands between two coordinated adjectives of one head ("Курская и Белгородская").
COORDINATING = frozenset({"и", ",", "или"})
# A word in -ьц with a case ending ("Шольца", "Шольцем").
SOFT_TS_IN_CASE = re.compile(r"^(\w+)ьц(?:а|у|ем|ом|е)$")
# Russian inflects an acronym read as a word by adding the case ending in lower case.
ACRONYM_WITH_ENDING = re.compile(r"^([А-ЯЁ]{2,})(?:а|у|е|ом|ой|ы|ов|ам|ами|ах)$")


class _Models:
    """natasha's segmenter, NER and morphology taggers, built once per process."""

    def __init__(self) -> None:
        from natasha import NewsEmbedding, NewsMorphTagger, NewsNERTagger, Segmenter

        embedding = NewsEmbedding()
        self.segmenter = Segmenter()
        self.ner = NewsNERTagger(embedding)
        self.morph = NewsMorphTagger(embedding)
        self.vocab = morphology()


def _nominative(models: _Models, tokens: list[Any], type_: EntityType) -> str:
    """Put a name in the nominative: every word of a person's name, and of an organisation
    or place only the words up to the head noun ("Тверской площади" -> "Тверская площадь",
    but "Союза журналистов" -> "Союз журналистов")."""
    from natasha.norm import recover_shapes, recover_spaces

    head = len(tokens)
    if type_ != "person":
        head = next((i + 1 for i, t in enumerate(tokens) if t.pos in NOUN_TAGS), len(tokens))
    words = [
        _inflected(models, token, any_gender=type_ != "person") if i < head else token.text
        for i, token in enumerate(tokens)
    ]
    if type_ == "person" and len(tokens) >= 2:
        words[-1] = _surname_of_gender(words[0], tokens[-1], words[-1])
    if type_ == "person" and len(tokens) == 1:
        # A name of more words has more genders to agree: "Илону Маску" is no Илона.
        words[0] = _name_in_its_case(tokens[0], words[0])
    if type_ == "person":
        words = [
            _without_fleeting_vowel(token.text, word)
            for token, word in zip(tokens, words, strict=True)
        ]
    shaped = [
        _acronym_shape(word, token.text)
        for word, token in zip(recover_shapes(words, tokens), tokens, strict=True)
    ]
    return str(recover_spaces(shaped, tokens))


def _without_fleeting_vowel(written: str, word: str) -> str:
    """A surname in -ьц put in the nominative as written ("Шольца": Шольц): the dictionary
    reads such a form as a noun's whose nominative has a fleeting vowel ("пальца", "палец")
    and natasha gave "Шолец", which no article writes."""
    soft = SOFT_TS_IN_CASE.match(written.casefold())
    if soft and word.casefold() == soft[1] + "ец":
        return written[: len(soft[1]) + 2]
    return word


def _acronym_shape(word: str, written: str) -> str:
    """An acronym written with a case ending ("ГУМе", "МИДа", "СИБУРа") in capitals, as the
    name is: the dictionary form natasha gives it is in lower case ("гум")."""
    acronym = ACRONYM_WITH_ENDING.match(written)
    if acronym and word == acronym[1].casefold():
        return acronym[1]
    return word


def _left_in_case(token: Any, word: str) -> str | None:
    """The tagger's case of a word natasha left as written in an oblique case (its form
    match missed), or None: a word natasha inflected, or one in the nominative."""
    case = token.feats.get("Case")
    if word != token.text.casefold() or case in (None, "Nom"):
        return None
    return str(case)


def _name_in_its_case(token: Any, word: str) -> str:
    """A word of a person's name natasha left in an oblique case, put in the nominative when
    all the dictionary's readings of it as one person's name give one ("Терезу" -> "Тереза",
    "Путиным" -> "Путин"): the tagger had given it a gender or number its readings lack, and
    natasha's form match missed. Not where they give two, whatever case the tagger says
    ("Зарипову": Зарипов's dative, Зарипова's accusative; "Кая": Kaja, or Kai's genitive)."""
    if _left_in_case(token, word) is None or token.text.isupper():
        return word
    forms = set()
    for parse in _readings(word):
        if parse.is_known and _person_word(parse) and parse.tag.number != "plur":
            nominative = parse.inflect({"Nom"})
            forms.add(nominative.word if nominative is not None else word)
    return forms.pop() if len(forms) == 1 else word


def _surname_of_gender(first: str, token: Any, word: str) -> str:
    """A surname natasha left in its case, put in the nominative of its first name's gender
    ("Анастасию Светлову" -> "Анастасия Светлова", "Алексея Соколовского" -> "Алексей
    Соколовский"): the tagger gave the surname another gender than the first name's, and
    natasha's form match missed. Only a first name of one gender, and only where the
    dictionary's readings of the surname in the tagger's case give one nominative."""
    case = _left_in_case(token, word)
    if case is None:
        return word
    genders = {
        p.tag.gender
        for p in _readings(first.casefold())
        if p.is_known and "Name" in p.tag and p.tag.case == "nomn"
    }
    if len(genders) != 1:
        return word
    (gender,) = genders
    wanted = OC_CASES.get(case)
    forms = set()
    for parse in _readings(word):
        if parse.tag.case != wanted or parse.tag.number == "plur":
            continue
        if "Surn" not in parse.tag and parse.tag.POS != "ADJF":  # Соколовского: an adjective's
            continue
        common = COMMON_GENDER in parse.tag  # Шойгу, Миллер: either gender's
        if not common and parse.tag.gender not in (gender, None):
            continue
        # natasha's readings inflect by Universal Dependencies' names of grammemes
        nominative = parse.inflect({"Nom"} if common else {"Nom", UD_GENDERS[gender]})
        if nominative is not None:
            forms.add(nominative.word)
    return forms.pop() if len(forms) == 1 else word


def _inflected(models: _Models, token: Any, any_gender: bool) -> str:
    """A word in the nominative, as natasha puts it there; with `any_gender`, a word it
    leaves as it was that the dictionary reads in the tagger's case as one noun only (a
    place's name, when some readings are places), whatever the gender and number the tagger
    gave it: a plural-only name has no gender ("Балканах", "Карпат", "Мальдивах" ->
    "Балканы", "Карпаты", "Мальдивы"), which natasha's form match asked for and missed."""
    from natasha.norm import inflect_word

    word = str(inflect_word(models.vocab, token))
    case = _left_in_case(token, word)
    if not any_gender or case is None:
        return word
    if token.text.isupper():  # an acronym ("МУС", "ЕР"), read by the dictionary as a word
        return word
    readings = [
        form
        for form in models.vocab(word)
        if form.is_known and form.feats.get("Case") == case and form.pos in NOUN_TAGS
    ]
    readings = [form for form in readings if PLACE_TAG in form.tag] or readings
    if len({form.normal for form in readings}) != 1:
        return word
    nominative = readings[0].inflect({"Nom"})
    return str(nominative.word) if nominative is not None else word


class RussianNer:
    """Finds Russian mentions; natasha's models load on first use."""

    def __init__(self) -> None:
        self._models: _Models | None = None

    def __getstate__(self) -> dict[str, Any]:
        # Worker processes rebuild the models rather than pickling them.
        return {"_models": None}

    @property
    def models(self) -> _Models:
        """The loaded natasha models."""
        if self._models is None:
            self._models = _Models()
        return self._models

    def mentions(self, texts: Sequence[str]) -> list[list[Mention]]:
        """Mentions per text, offsets relative to that text, names in the nominative."""
        from natasha import Doc

        models = self.models
        docs = [Doc(read_as_cyrillic(text)) for text in texts]
        for doc in docs:
            doc.segment(models.segmenter)
        _tag_names(models, docs)
        _tag_morphology(models, docs)
        return [_doc_mentions(models, doc) for doc in docs]


def _tag_names(models: _Models, docs: list[Any]) -> None:
    """NER over every text in one pass, in length order so that each padded batch is even."""
    from natasha.doc import adapt_spans

    for doc in docs:
        doc.spans = []
    live = [i for i, doc in enumerate(docs) if doc.text.strip()]
    # natasha pads each batch of 8 texts to its longest: neighbours in length waste least.
    live.sort(key=lambda i: len(docs[i].tokens))
    markups = models.ner.map([docs[i].text for i in live])
    for i, markup in zip(live, markups, strict=True):
        doc = docs[i]
        doc.spans = list(adapt_spans(doc, markup.spans))
        doc.envelop_span_tokens()
        doc.envelop_sent_spans()


def _tag_morphology(models: _Models, docs: list[Any]) -> None:
    """Part of speech and case for the sentences that hold a name (it costs more than NER)."""
    sents = [
        sent
        for doc in docs
        for sent in doc.sents
        if any(sent.start <= span.start < sent.stop for span in doc.spans)
    ]
    sents.sort(key=lambda sent: len(sent.tokens))
    tagged = models.morph.map([[token.text for token in sent.tokens] for sent in sents])
    for sent, markup in zip(sents, tagged, strict=True):
        for token, tag in zip(sent.tokens, markup.tokens, strict=True):
            token.pos, token.feats = tag.pos, tag.feats


def _doc_mentions(models: _Models, doc: Any) -> list[Mention]:
    found = []
    for span in doc.spans:
        type_ = LABELS.get(span.type)
        tokens = span.tokens if _quoted(doc.text, span.start) else _name_tokens(models, span.tokens)
        if type_ is None or not tokens or _never_a_name(models, tokens):
            continue
        if type_ == "person":
            tokens = _without_descriptor(_without_trailing_adverbs(models, tokens))
        if type_ == "person" and (place := _place_before_person(models, tokens)):
            found.append(Mention(tokens[0].start, tokens[0].stop, "location", place, "ru"))
            tokens = tokens[1:]
        if type_ == "person" and _two_people(tokens):
            found.append(_mention(models, tokens[:1], type_))
            tokens = tokens[1:]
        found.append(_mention(models, tokens, type_))
    return _coordinated_places(doc.text, found)


def _coordinated_places(text: str, mentions: list[Mention]) -> list[Mention]:
    """Places named by two adjectives and one plural head ("Курская и Белгородская области",
    "Краснодарский и Ставропольский края"): the model gives "Курская" and "Белгородская
    области"; each is its adjective and the head in the singular ("Курская область")."""
    result = list(mentions)
    for i, mention in enumerate(result):
        words = mention.normal.split()
        if mention.type != "location" or len(words) != 2:
            continue
        head = _plural_head(words[1])
        if head is None or not _agrees(words[0], head):
            continue
        singular = str(head.normal_form)
        singular = singular[:1].upper() + singular[1:] if words[1][:1].isupper() else singular
        result[i] = replace(mention, normal=f"{words[0]} {singular}")
        before = result[i - 1] if i else None
        if (
            before is not None
            and before.type == "location"
            and " " not in before.normal
            and _agrees(before.normal, head)
            and text[before.end : mention.start].strip() in COORDINATING
        ):
            result[i - 1] = replace(before, normal=f"{before.normal} {singular}")
    return result


def _plural_head(word: str) -> Any:
    """A noun's reading as written in the nominative or accusative plural ("области",
    "края"), or None: not a word that does not change ("шоссе"), nor a genitive plural
    another noun's ("округ" of "округа")."""
    for parse in _readings(word.casefold()):
        tag = parse.tag
        if parse.is_known and tag.POS == "NOUN" and tag.number == "plur" and FIXED not in tag:
            if tag.case in ("nomn", "accs"):
                return parse
    return None


def _agrees(adjective: str, head: Any) -> bool:
    """Whether a word is an adjective in the nominative singular of the head's gender."""
    gender = head.normalized.tag.gender
    return any(
        p.tag.POS == "ADJF"
        and p.tag.number == "sing"
        and p.tag.case == "nomn"
        and p.tag.gender == gender
        for p in _readings(adjective.casefold())
    )


def _quoted(text: str, start: int) -> bool:
    """Whether an opening quote comes right before `start` (spaces aside)."""
    before = text[max(0, start - QUOTE_LOOKBACK) : start].rstrip()
    return bool(before) and before[-1] in OPENING_QUOTES


def _mention(models: _Models, tokens: list[Any], type_: EntityType) -> Mention:
    normal = clean_name(_nominative(models, tokens, type_))
    if type_ == "person" and (initials_last := INITIALS_AFTER.match(normal)):
        # "Гаврилова А.В.", as official lists write it, is "А. В. Гаврилова": one person's
        # initials and surname in the order every other rule reads.
        letters = re.findall(r"[А-ЯЁ]", initials_last["initials"])
        normal = " ".join([*(f"{letter}." for letter in letters), initials_last["surname"]])
    return Mention(tokens[0].start, tokens[-1].stop, type_, normal, "ru")


def _place_before_person(models: _Models, tokens: list[Any]) -> str:
    """The place a person span opens with, in the nominative, or "" when it opens with none.

    The place is a word the dictionary knows as a place and never as a name, in no case the
    next word can be in ("Чехословакию Гитлеру" in "отдать Чехословакию Гитлеру"): two names
    side by side, not a first name and a surname, which agree in case. The dictionary's
    cases, not the tagger's: in context the tagger gives both words one case.
    """
    from natasha.norm import recover_shapes

    if len(tokens) < 2:
        return ""
    first = models.vocab.parse(tokens[0].text.casefold())
    places = [p for p in first if PLACE_TAG in p.tag]
    if not places or any(_person_word(p) for p in first):
        return ""
    second = models.vocab.parse(tokens[1].text.casefold())
    # Of a guessed word's readings ("Сьюарду": a name's dative, a place's accusative) only
    # its readings as a name say what case the name is in.
    second = [p for p in second if _person_word(p)] or second
    if {p.tag.case for p in first} & {p.tag.case for p in second}:
        return ""
    return str(next(recover_shapes([places[0].normal_form], tokens[:1])))


def _two_people(tokens: list[Any]) -> bool:
    """Whether a two-word person span is two people side by side: a word the dictionary
    knows as a surname in an oblique case, never as a first name or in the nominative (a
    nominative may be a first name, "Андерсон Силва"), then a name in a form it cannot share
    ("с Лавровым Карлсон": a man's instrumental, then a nominative, or a woman's surname
    that does not change). A pair agrees in case (any, for a word that does not change) and
    in gender (a common-gender reading has none to disagree with); plurals are no one
    person's name. Only a known surname first: the readings the dictionary guesses for a
    foreign first name ("Маргрете") say nothing."""
    if len(tokens) != 2 or not all(t.text[:1].isupper() and t.text.isalpha() for t in tokens):
        return False
    first, second = (
        [p for p in _readings(t.text.casefold()) if p.tag.number != "plur"] for t in tokens
    )
    first = [p for p in first if p.is_known]
    surname = any("Surn" in p.tag for p in first)
    if not surname or any(GIVEN_TAGS & set(p.tag.grammemes) or p.tag.case == "nomn" for p in first):
        return False
    first = [p for p in first if _person_word(p)]
    named = [p for p in second if _person_word(p)]
    # A word read only as a common noun ("Силву", guessed a feminine thing) says its case,
    # not the person's gender.
    gendered = bool(named)
    second = named or second
    return bool(second) and not any(_agree(a.tag, b.tag, gendered) for a in first for b in second)


@lru_cache(maxsize=READINGS_KEPT)
def _readings(word: str) -> tuple[Any, ...]:
    """The dictionary's readings of a word, kept: names recur from article to article."""
    return tuple(morphology().parse(word))


def _agree(first: Any, second: Any, gendered: bool) -> bool:
    fixed = "Fixd" in first or "Fixd" in second
    case = CASE_FAMILIES.get(first.case, first.case) == CASE_FAMILIES.get(second.case, second.case)
    genders = {first.gender, second.gender if gendered else None} - {None, "ms-f"}
    return (fixed or case) and len(genders) < 2


def _person_word(parse: Any) -> bool:
    return any(tag in parse.tag for tag in PERSON_TAGS)


def _name_tokens(models: _Models, tokens: list[Any]) -> list[Any]:
    """A span's tokens without the function words taken in before the name.

    Only before it (a word at the end is the name's, "Цензор.нет"), and only frequent words:
    a name's own particles are rarer ("Де Голль", "Ван Гог").
    """
    start = 0
    while start < len(tokens) - 1 and _function_word(models, tokens[start]):
        start += 1
    return tokens[start:]


def _without_descriptor(tokens: list[Any]) -> list[Any]:
    """A person's tokens without a word before the name that is no one's name: a question
    word opening the sentence ("Почему Байден ..."; not every function word: "Ле Пен", "Чо
    Гук", "Лечи Алханов" are names), or a common noun before a first name
    and a surname ("Пчеловод Иван Бортников", "Актер Александр Панкратов-Черный": a trade,
    a title, where it opens a sentence and takes a capital), or before one word that is
    nothing but a name ("Панда Катюша"). Before a word that is also a common noun the noun
    stays, as a name may be made so ("Дед Мороз")."""
    if len(tokens) < 2 or not tokens[0].text.isalpha():
        return tokens
    readings = [p for p in _readings(tokens[0].text.casefold()) if p.is_known]
    if not readings or any(_person_word(p) or PLACE_TAG in p.tag for p in readings):
        return tokens
    if all(p.tag.POS == "ADVB" and QUESTION_TAG in p.tag for p in readings):
        return tokens[1:]
    # No one's first name is an adjective or a participle ("Счастливый Гуф", "Девятилетний
    # Сережа"; the dictionary reads an adjectival surname, Толстой, as one) nor a verb said
    # of them ("Помянем Никиту"; not an imperative: "Лечи Алханов" is a Chechen name), when
    # the next word can be nothing but a name: before a noun the two are a place the model
    # took for a person ("Кривой Рог", "Великая Новоселка").
    if all(_describing(p) for p in readings) and _only_a_name(tokens[1].text):
        return tokens[1:]
    # A trade or title stands beside the name in the nominative, or does not change ("Фото
    # Густаво Зырянова"), or is someone in the name's own case ("Президенту Трампу");
    # "Роб", "Камала", read as other cases of things, are first names.
    name = [p for p in _readings(tokens[1].text.casefold()) if p.is_known]
    cases = {p.tag.case for p in name if _person_word(p)}
    if not all(
        p.tag.POS == "NOUN"
        and (p.tag.case == "nomn" or FIXED in p.tag or ("anim" in p.tag and p.tag.case in cases))
        for p in readings
    ):
        return tokens
    if len(tokens) >= 3 and any(GIVEN_TAGS & set(p.tag.grammemes) for p in name):
        return tokens[1:]
    # Before one word, only a word that reads as nothing but a name: "Панда Катюша",
    # "Евродипломатии Каллас", not "Дед Мороз" (мороз is frost too).
    if len(tokens) == 2 and name and all(_person_word(p) for p in name):
        return tokens[1:]
    return tokens


def _describing(parse: Any) -> bool:
    return parse.tag.POS in DESCRIBING_POS or (parse.tag.POS == "VERB" and INDICATIVE in parse.tag)


def _only_a_name(word: str) -> bool:
    """Whether a word has no reading as a common word: every reading the dictionary knows is
    a name's or a place's, and a word it does not know is not guessed an adjective ("Гуф",
    "Хатико"; not "Рог", "Поречное")."""
    readings = _readings(word.casefold())
    known = [p for p in readings if p.is_known]
    if known:
        return all(_person_word(p) or PLACE_TAG in p.tag for p in known)
    return bool(readings) and readings[0].tag.POS not in DESCRIBING_POS


def _without_trailing_adverbs(models: _Models, tokens: list[Any]) -> list[Any]:
    """A person's tokens without the adverbs the span took in after the name ("Джонсон
    Совсем"): no one's name ends in one. Other names may ("Россия Сегодня")."""
    end = len(tokens)
    while end > 1 and _function_word(models, tokens[end - 1], TRAILING_POS, TRAILING_CLASSES):
        end -= 1
    return tokens[:end]


def _never_a_name(models: _Models, tokens: list[Any]) -> bool:
    """Whether a one-word span is a word Russian's dictionary knows only as a verb or a
    function word (`NOT_A_NAME_CLASSES`)."""
    if len(tokens) != 1:
        return False
    parses = models.vocab.parse(tokens[0].text.casefold())
    return all(p.is_known and p.tag.POS in NOT_A_NAME_CLASSES for p in parses)


def _function_word(
    models: _Models,
    token: Any,
    pos: frozenset[str] = LEADING_POS,
    classes: frozenset[str] = LEADING_CLASSES,
) -> bool:
    """Whether both the tagger (in context) and the dictionary read the word as a
    preposition, conjunction, particle or adverb (or as one of `pos`, `classes`)."""
    if getattr(token, "pos", None) not in pos or len(token.text) < MIN_FUNCTION_CHARS:
        return False
    if wordfreq.zipf_frequency(token.text.casefold(), "ru") < MIN_FUNCTION_WORD_ZIPF:
        return False
    parses = models.vocab.parse(token.text.casefold())
    return any(parse.tag.POS in classes for parse in parses)
