"""The FactRuEval person-search check reads every article's gold surnames in dictionary form."""

from __future__ import annotations

from bench.person_search_factru import FOLDER, _surname, read_articles
from tests.shared_data import require


def test_every_dev_article_is_read_with_its_persons_surnames() -> None:
    articles = read_articles(require(FOLDER))
    assert len(articles) == len(list(FOLDER.glob("*.txt")))
    surnames = {surname for _, _, names in articles for surname in names}
    assert len(surnames) > 300
    assert all(surname == surname.casefold() for surname in surnames)


def test_a_surname_in_any_case_is_read_in_its_dictionary_form() -> None:
    assert _surname("Медведеву") == _surname("Медведев") == "медведев"
    assert _surname("Путина") == "путин"
