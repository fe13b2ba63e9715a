"""Letters of the other alphabet inside a word, read as the word's own by the NER."""

from __future__ import annotations

import pytest

from indexer.config import Settings
from indexer.entities.english import EnglishNer
from indexer.entities.lookalikes import read_as_cyrillic, read_as_latin


@pytest.fixture(scope="module")
def english() -> EnglishNer:
    return EnglishNer(Settings().spacy_model)


@pytest.mark.parametrize(
    ("written", "read"),
    [
        ("Talks in Mоscow ended.", "Talks in Moscow ended."),  # Cyrillic о
        ("Сhevron and Техасо merged.", "Chevron and Техасо merged."),  # mostly Cyrillic: left
        ("The ВBC said so.", "The BBC said so."),  # Cyrillic В
        ("Kiеv, not Kiеvж.", "Kiev, not Kiеvж."),  # ж looks like no Latin letter
        ("Plain English stays as it is.", "Plain English stays as it is."),
    ],
)  # fmt: skip
def test_cyrillic_lookalikes_in_a_latin_word_are_read_as_latin(written: str, read: str) -> None:
    assert read_as_latin(written) == read
    assert len(read_as_latin(written)) == len(written)


def test_each_direction_leaves_the_other_alphabets_words_alone() -> None:
    text = "Борис Джoнсон met the ВBC in Mоscow."
    assert read_as_cyrillic(text) == "Борис Джонсон met the ВBC in Mоscow."
    assert read_as_latin(text) == "Борис Джoнсон met the BBC in Moscow."


def test_a_place_typed_with_a_cyrillic_lookalike_is_found_by_its_latin_name(
    english: EnglishNer,
) -> None:
    text = "The minister flew to Mоscow on Tuesday for talks with his counterpart."
    (place,) = [m for m in english.mentions([text])[0] if m.type == "location"]
    assert text[place.start : place.end] == "Mоscow"  # offsets into the text as written
    assert place.normal == "Moscow"
