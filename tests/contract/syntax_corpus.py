"""A small corpus written for the query syntax: each article tells one reading from another."""

from __future__ import annotations

from indexer.model import Article


def _article(key: str, title: str, body: str, language: str = "en") -> Article:
    return Article(
        id=f"syn-{key}",
        path=f"syntax/{key}.txt",
        url=f"https://syntax.example/{key}",
        source="Syntax Desk",
        title=title,
        body=body,
        language=language,
        language_confidence=0.99,
        published_at="2024-01-15T12:00:00+00:00",
        published_at_source="fixture",
    )


SYNTAX_ARTICLES: tuple[Article, ...] = (
    _article(
        "crude",
        "Crude oil prices climb",
        "Crude oil climbed after producers cut output, traders said.",
    ),
    _article(
        "olive",
        "Olive oil harvest disappoints",
        "Growers in Spain said the olive oil harvest was the worst in a decade.",
    ),
    _article(
        "pipeline",
        "Gas pipeline reopens after repairs",
        "The gas pipeline reopened on Monday, and oil traders welcomed the news.",
    ),
    _article(
        "labor",
        "Labor Party wins council vote",
        "The Labor Party won the council vote, and its leader thanked the voters.",
    ),
    _article(
        "tories",
        "The Conservatives lose seats",
        "The Conservatives lost four seats to independents in the county.",
    ),
    _article(
        "either",
        "Labor or the Conservatives? Voters undecided",
        "Polls say the Labor Party or the Conservatives could lead after the election.",
    ),
    _article(
        "court",
        "Jury finds banker not guilty",
        "The jury found the banker not guilty of fraud after a two-week trial.",
    ),
    _article(
        "covid",
        "Covid-19 cases fall again",
        "New Covid-19 cases fell for a third week in the region.",
    ),
    _article(
        "rules",
        "Covid rules end in 19 states",
        "Covid rules ended in 19 states, officials said.",
    ),
    _article(
        "email",
        "Council moves to a new e-mail system",
        "Staff get new e-mail addresses next month; paper mail stays as it is.",
    ),
    _article(
        "ru-oil",
        "Нефть дорожает",
        "Цены на нефть выросли, а газ не подешевел.",
        "ru",
    ),
    _article(
        "ru-gas",
        "Газ или уголь",
        "Города выбирают газ или уголь для отопления зимой.",
        "ru",
    ),
)

SYNTAX_IDS = frozenset(article.id for article in SYNTAX_ARTICLES)
