"""The node analyses text into the same terms as tantivy: matching depends on nothing else."""

from __future__ import annotations

import uuid
from collections.abc import Iterator

import pytest

from indexer.search import embedded_schema
from indexer.search.elastic import ElasticBackend
from indexer.search.letters import fold_letters
from tests.contract.corpus import ARTICLES

pytestmark = pytest.mark.elasticsearch

SAMPLES = [
    "Rock'n'roll, U.S.-made e-mail at 10:30 on 2024-03-08; x_y 1,000.5 №7 café Straße ÆØÅ",
    "Ёлки-палки: всё ещё «Газпром» и ООО “Ромашка” — в 2023 году; неудовлетворительный",
    "running runs ran runner easily fairly generously hopeful hopefulness cats ponies",
    "бежать бегу бежал бегущий красивая красивые красивого столы столов столами",
    "a" * 98 + " " + "b" * 99 + " " + "c" * 100,  # around the long-token limit
    *(f"{article.title}. {article.body}" for article in ARTICLES),
]
FIELDS = {"body": None, "body.en": "english", "body.ru": "russian"}


@pytest.fixture(scope="module")
def node(elasticsearch_url: str) -> Iterator[ElasticBackend]:
    backend = ElasticBackend(elasticsearch_url, f"test-analysis-{uuid.uuid4().hex[:12]}")
    backend.create_index()
    yield backend
    backend.drop()
    backend.close()


@pytest.mark.parametrize("field", FIELDS)
@pytest.mark.parametrize("text", SAMPLES, ids=lambda text: text[:24])
def test_same_terms_as_tantivy(node: ElasticBackend, field: str, text: str) -> None:
    # The embedded engine is handed text with ё folded (letters.py); the node folds it itself.
    expected = embedded_schema.text_analyzer(FIELDS[field]).analyze(fold_letters(text))
    assert node.analyze(field, text) == expected
