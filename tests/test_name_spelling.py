"""Did you mean from the names the entity store knows: which typed names are corrected."""

from __future__ import annotations

from indexer.search.name_spelling import name_suggestions

KNOWN = {"brussels": 66, "брюссель": 66, "angela": 12, "merkel": 30, "bruges": 1}


def known() -> dict[str, int]:
    return KNOWN


def unread() -> dict[str, int]:
    raise AssertionError("a query with no capitalised word reads no names")


def test_a_capitalised_name_no_known_name_holds_is_corrected() -> None:
    (suggestion,) = name_suggestions("Brussles summit", known)
    assert suggestion.query == "Brussels summit"
    assert suggestion.corrections == (("brussles", "brussels"),)


def test_every_misspelt_name_of_the_query_is_corrected_in_one_suggestion() -> None:
    (suggestion,) = name_suggestions("Angla Merkell", known)
    assert suggestion.query == "Angela Merkel"


def test_names_known_words_in_lower_case_and_far_words_are_left_alone() -> None:
    assert name_suggestions("Merkel Brussels", known) == []  # known as typed
    assert name_suggestions("brussles", unread) == []  # a word, not a name
    assert name_suggestions("Budapest", known) == []  # no known name near it
    assert (
        name_suggestions("Bruges", lambda: {"bruges": 1}) == []
    )  # named once: maybe a typo itself


def test_a_name_is_corrected_only_in_its_own_script() -> None:
    assert name_suggestions("Брюсель", known)[0].query == "Брюссель"
    assert name_suggestions("Brusel", lambda: {"брюссель": 66}) == []
