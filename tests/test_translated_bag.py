"""An English body's name matched word for word against Russian names the store knows."""

from __future__ import annotations

from pathlib import Path

import pytest

from indexer.entities.aliases import Cluster
from indexer.entities.table import EntityTable
from indexer.naming import dictionary
from indexer.naming.store import FILENAME
from indexer.search.translated_bag import reads_as
from tests.shared_data import missing


@pytest.fixture(autouse=True)
def installed() -> None:
    if not dictionary.available():
        missing(f"no English-Russian dictionary in {dictionary.DICTIONARY_DIR} (mueller7-dict)")


@pytest.mark.parametrize(
    ("english", "russian"),
    [
        # "health" is здоровье first; здравоохранение only in the entry's "public health".
        ("World Health Organization", "Всемирная организация здравоохранения"),
        ("Supreme Court", "Верховный суд"),  # either order, and a sense's derivative
        ("Visegrad Group", "Вышеградская группа"),  # a name heard in an adjective
        ("British Chambers of Commerce", "Торговая палата Великобритании"),  # a country
        ("Gulf of Finland", "Финский залив"),  # a country's adjective, a sense's word
        ("Russian Academy of Sciences", "Российская академия наук"),  # русский, российский
    ],
)
def test_a_name_translated_word_for_word_reads_as_the_russian(english: str, russian: str) -> None:
    assert reads_as(english, russian)


@pytest.mark.parametrize(
    ("english", "russian"),
    [
        ("National Bank", "Национальное собрание"),  # "собрание" only in an example of "bank"
        ("Supreme Court", "Верховный суд Украины"),  # a word more: another body
        ("World Health Organization", "Всемирная организация"),  # a word less
        ("British Chambers of Commerce", "Торговая палата Германии"),  # another country
        ("Baltic Morena", "Балтийское море"),  # море in lower case is no place (Морена)
    ],
)
def test_a_name_with_a_word_unmatched_is_another(english: str, russian: str) -> None:
    assert not reads_as(english, russian)


def test_a_body_the_reading_misses_is_found_by_its_words(tmp_path: Path) -> None:
    from indexer.search.entity_lookup import EntityLookup

    table = EntityTable(tmp_path / FILENAME)
    who = "Всемирная организация здравоохранения"
    table.resolve([Cluster([], "organization", who, [who, "ВОЗ"])])
    table.resolve([Cluster([], "organization", "Всемирный банк", ["Всемирный банк"])])
    table.close()
    lookup = EntityLookup(tmp_path / FILENAME)
    assert who in lookup.variants("World Health Organization")["world health organization"]
    lookup.close()
