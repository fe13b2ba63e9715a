"""The did-you-mean benchmark's own parts: its typos are one edit, its scores count right."""

from __future__ import annotations

import random

import pytest
from rapidfuzz.distance import OSA

from bench.suggest_bench import Case, Score, _typo, baseline
from indexer.search.spelling import WordCounts


@pytest.mark.parametrize("word", ["government", "approval", "правительство", "суток"])
def test_a_typo_is_one_edit_in_the_same_script(word: str) -> None:
    rng = random.Random(1)
    for _ in range(200):
        typo = _typo(word, rng)
        assert typo != word and OSA.distance(word, typo) == 1
        assert typo.isascii() == word.isascii()


def test_scores_count_fixes_other_readings_wrong_answers_and_false_alarms() -> None:
    typo = Case("tune", "en", "Goverment", "goverment", "government")
    clean = Case("tune", "en", "Government", None, None)
    score = Score()
    score.add(typo, [{"goverment": "government"}])
    score.add(typo, [{"goverment": "governments"}, {"goverment": "government"}])
    score.add(typo, [])
    score.add(clean, [{"government": "governments"}])
    score.add(clean, [])
    assert (score.typos, score.fixed, score.offered, score.wrong) == (3, 1, 2, 1)
    assert (score.clean, score.false_alarms) == (2, 1)


def test_the_baseline_takes_the_most_common_neighbour_of_an_unknown_word() -> None:
    counted = {
        "goverment": WordCounts(0, 0, {"government": 900, "governments": 300}),
        "bank": WordCounts(50, 50, {"bans": 900}),  # held by the index: kept
    }
    assert baseline(counted) == [{"goverment": "government"}]
