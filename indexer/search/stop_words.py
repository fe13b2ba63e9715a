"""Function words of English and Russian: left out of the words a long query ranks by.

A question typed in full ("what are the effects of ...") carries words nearly every article
has; counted as ranked words they add noise to the score and to the coordination bonus. Which
list applies is read off a word's letters (Latin: English, Cyrillic: Russian), as the stemmed
fields are chosen (fields.STEMMED_SCRIPTS). Strict searches, phrases and signed words keep
every word as typed.
"""

from __future__ import annotations

from indexer.search.fields import STEMMED_SCRIPTS

ENGLISH = frozenset(
    """
    a about above after again against all am an and any are as at be because been before
    being below between both but by can could did do does doing down during each few for
    from further had has have having he her here hers herself him himself his how i if in
    into is it its itself just me more most my myself no nor not now of off on once only or
    other our ours ourselves out over own same she should so some such than that the their
    theirs them themselves then there these they this those through to too under until up
    very was we were what when where which while who whom why will with would you your
    yours yourself yourselves also may might must shall upon whether within without
    """.split()
)

RUSSIAN = frozenset(
    """
    и в во не что он на я с со как а то все она так его но да ты к у же вы за бы по только
    ее её мне было вот от меня еще ещё нет о из ему теперь когда даже ну вдруг ли если уже
    или ни быть был него до вас нибудь опять уж вам ведь там потом себя ничего ей может
    они тут где есть надо ней для мы тебя их чем была сам чтоб без будто чего раз тоже
    себе под будет ж тогда кто этот того потому этого какой совсем ним здесь этом один
    почти мой тем чтобы нее неё сейчас были куда зачем всех никогда можно при наконец два об
    другой хоть после над больше тот через эти нас про всего них какая много разве три
    эту моя впрочем хорошо свою этой перед иногда лучше чуть том нельзя такой им более
    всегда конечно всю между это также
    """.split()
)

_LISTS = {"en": ENGLISH, "ru": RUSSIAN}


def is_stop_word(word: str) -> bool:
    """Whether `word` is a function word of the language its letters are written in."""
    folded = word.casefold()
    return any(
        folded in _LISTS[language]
        for language, letters in STEMMED_SCRIPTS.items()
        if letters.search(folded)
    )
