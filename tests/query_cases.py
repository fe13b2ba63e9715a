"""Queries as people type them, with the tree each must parse to: shared by the parser's tests
and the web app's (every one of them must get a page)."""

from indexer.search.query_syntax import And, MatchAll, Node, Or, Phrase, Prefix, Term


def words(*texts: str) -> tuple[Term, ...]:
    """Bare words as Terms."""
    return tuple(Term(text) for text in texts)


# Syntax with its exact meaning.
PARSES: list[tuple[str, Node]] = [
    ("", MatchAll()),
    ("   ", MatchAll()),
    ("mosul", Term("mosul")),
    ("Москва", Term("Москва")),
    ("???", MatchAll()),
    # Bare words go to `plain`; explicit syntax to `must`.
    ("mosul iraq", And((), plain=words("mosul", "iraq"))),
    # Capitalised words joined by "&" are one name, as "AT&T" is; lower-case ones two words.
    ("Dunmore & Pike", Phrase(("Dunmore", "Pike"))),
    ("Dunmore & Pike shares", And((), plain=(Phrase(("Dunmore", "Pike")), Term("shares")))),
    ("oil & gas", And((), plain=words("oil", "gas"))),
    # A group of bare words alone changes nothing: its words are bare words (pasted questions).
    ("(dock workers) pay deal", And((), plain=words("dock", "workers", "pay", "deal"))),
    ("(dock) workers pay", And((), plain=words("dock", "workers", "pay"))),  # a lone word too
    ('("dock") workers pay', And(words("dock"), plain=words("workers", "pay"))),
    ("+(dock) workers", And(words("dock"), plain=words("workers"))),
    ("+(dock workers) pay", And((And((), plain=words("dock", "workers")),), plain=words("pay"))),
    ('"abu bakr"', Phrase(("abu", "bakr"))),
    ('"abu bakr" mosul', And((Phrase(("abu", "bakr")),), plain=words("mosul"))),
    ('"mosul"', Term("mosul")),
    ('"mosul" iraq', And(words("mosul"), plain=words("iraq"))),
    ('"al-Baghdadi"', Phrase(("al", "Baghdadi"))),
    ("\u201cabu bakr\u201d", Phrase(("abu", "bakr"))),  # curly quotes from a phone
    ("\u201eabu bakr\u201c", Phrase(("abu", "bakr"))),
    ("«Газпром» нефть", And((), plain=words("Газпром", "нефть"))),  # «» are punctuation
    ("bagh*", Prefix("bagh")),
    ("Bagh*", Prefix("bagh")),
    ("нов* мост", And((Prefix("нов"),), plain=words("мост"))),
    ("+mosul iraq", And(words("mosul"), plain=words("iraq"))),
    ("mosul +iraq +syria", And(words("iraq", "syria"), plain=words("mosul"))),
    ("+mosul", Term("mosul")),
    ('+"abu bakr"', Phrase(("abu", "bakr"))),
    # AND joins the operands on both of its sides.
    ("mosul AND iraq", And(words("mosul", "iraq"))),
    ("mosul iraq AND syria raqqa", And(words("iraq", "syria"), plain=words("mosul", "raqqa"))),
    ("a AND b AND c", And(words("a", "b", "c"))),
    ("-a AND b", And(words("b"), words("a"))),
    ("a -b AND c", And(words("c"), words("b"), words("a"))),
    # Exclusion: a leading dash or NOT.
    ("mosul -syria", And((), words("syria"), words("mosul"))),
    ("mosul NOT syria", And((), words("syria"), words("mosul"))),
    ("mosul AND NOT syria", And(words("mosul"), words("syria"))),
    ("-syria", And((MatchAll(),), words("syria"))),
    ("NOT syria", And((MatchAll(),), words("syria"))),
    ('iraq -"islamic state"', And((), (Phrase(("islamic", "state")),), words("iraq"))),
    ("iraq NOT (isis OR daesh)", And((), (Or(words("isis", "daesh")),), words("iraq"))),
    ("iraq -(isis OR daesh)", And((), (Or(words("isis", "daesh")),), words("iraq"))),
    ("-bagh*", And((MatchAll(),), (Prefix("bagh"),))),
    # OR between alternatives, AND binding tighter; parentheses group, nested too.
    ("mosul OR raqqa", Or(words("mosul", "raqqa"))),
    ("a b OR c", Or((And((), plain=words("a", "b")), Term("c")))),
    ("a AND b OR c", Or((And(words("a", "b")), Term("c")))),
    ("(mosul OR raqqa) -syria", And((Or(words("mosul", "raqqa")),), words("syria"))),
    ("(solar OR wind) village", And((Or(words("solar", "wind")),), plain=words("village"))),
    (
        "((a OR b) c) OR d",
        Or((And((Or(words("a", "b")),), plain=words("c")), Term("d"))),
    ),
    ("a OR -b", Or((Term("a"), And((MatchAll(),), words("b"))))),
    # Lower- and mixed-case operators are words.
    ("mosul or raqqa", And((), plain=words("mosul", "or", "raqqa"))),
    ("oil Not crude", And((), plain=words("oil", "Not", "crude"))),
    ("war and peace", And((), plain=words("war", "and", "peace"))),
    # A query typed in capitals is words: its AND, OR and NOT too.
    (
        "THE LABOR PARTY OR THE CONSERVATIVES",
        And((), plain=words("THE", "LABOR", "PARTY", "OR", "THE", "CONSERVATIVES")),
    ),
    ("OIL NOT CRUDE", And((), plain=words("OIL", "NOT", "CRUDE"))),
    ("OIL -CRUDE", And((), words("CRUDE"), words("OIL"))),  # a dash still excludes
    (
        '"WAR AND PEACE" TOLSTOY',
        And((Phrase(("WAR", "AND", "PEACE")),), plain=words("TOLSTOY")),
    ),
    ("ПУТИН OR БАЙДЕН", And((), plain=words("ПУТИН", "OR", "БАЙДЕН"))),
    # ... but operators between figures alone are operators: nothing says caps lock.
    ("2024 OR 2025", Or(words("2024", "2025"))),
    # Cyrillic И, ИЛИ, НЕ are words, as are Russian conjunctions in any case.
    ("Путин ИЛИ Байден", And((), plain=words("Путин", "ИЛИ", "Байден"))),
    ("нефть НЕ газ", And((), plain=words("нефть", "НЕ", "газ"))),
    ("Путин OR Байден", Or(words("Путин", "Байден"))),
    # Dashes inside a word join a compound: not an exclusion.
    ("covid-19", Phrase(("covid", "19"))),
    ("e-mail", Phrase(("e", "mail"))),
    # An English possessive is the word: "Merkel's" finds Меркель too; a quote keeps it.
    ("Merkel's", Term("Merkel")),
    ("Macron’s plan", And((), plain=words("Macron", "plan"))),
    ("O'Brien", Phrase(("O", "Brien"))),
    ('"Merkel\'s plan"', Phrase(("Merkel", "s", "plan"))),
    ("covid-19 vaccine", And((), plain=(Phrase(("covid", "19")), Term("vaccine")))),
    ("al-Baghdadi -isis", And((), words("isis"), (Phrase(("al", "Baghdadi")),))),
    ("oil - gas", And((), plain=words("oil", "gas"))),  # a lone dash is punctuation
    ("-covid-19", And((MatchAll(),), (Phrase(("covid", "19")),))),
    # Operators inside a phrase are words.
    ('"war OR peace"', Phrase(("war", "OR", "peace"))),
    ('"NOT guilty"', Phrase(("NOT", "guilty"))),
]

# Slips a person makes: mended, never refused.
SLIPS: list[tuple[str, Node]] = [
    # Dangling operators are dropped: leading, trailing, doubled.
    ("mosul OR", Term("mosul")),
    ("OR mosul", Term("mosul")),
    ("mosul OR OR raqqa", Or(words("mosul", "raqqa"))),
    ("mosul AND", Term("mosul")),
    ("AND mosul", Term("mosul")),
    ("mosul AND AND iraq", And(words("mosul", "iraq"))),
    ("mosul AND OR raqqa", Or(words("mosul", "raqqa"))),
    ("oil NOT", Term("oil")),
    ("NOT NOT crude", And((MatchAll(),), words("crude"))),
    ("(mosul OR) iraq", And((Term("mosul"),), plain=words("iraq"))),
    # A query of operators only means the words.
    ("OR", Term("OR")),
    ("AND", Term("AND")),
    ("NOT", Term("NOT")),
    ("AND OR", And((), plain=words("AND", "OR"))),
    # Unbalanced parentheses: a missing ")" closes at the end, a stray ")" is dropped.
    ("(mosul OR raqqa", Or(words("mosul", "raqqa"))),
    ("mosul)", Term("mosul")),
    ("iraq (mosul OR raqqa", And((Or(words("mosul", "raqqa")),), plain=words("iraq"))),
    ("mosul OR raqqa) iraq", Or((Term("mosul"), And((), plain=words("raqqa", "iraq"))))),
    ("1) bile duct 2) atresia", And((), plain=words("1", "bile", "duct", "2", "atresia"))),
    ("great news :)", And((), plain=words("great", "news"))),
    ("a) OR (b", Or(words("a", "b"))),
    ("((a", Term("a")),
    ("()", MatchAll()),
    (")(", MatchAll()),
    # An unpaired quotation mark is dropped: its words are words.
    ('"unclosed phrase', And((), plain=words("unclosed", "phrase"))),
    ('"abu bakr" "mosul', And((Phrase(("abu", "bakr")),), plain=words("mosul"))),
    ('mosul -"raqqa', And((), words("raqqa"), words("mosul"))),
    ('O"Brien', And((), plain=words("O", "Brien"))),
    ('""', MatchAll()),
    ('"', MatchAll()),
    # Too short a prefix is the word itself; a lone sign or star is punctuation.
    ("a*", Term("a")),
    ("*", MatchAll()),
    ("-", MatchAll()),
    ("+", MatchAll()),
    ("covid-*", Term("covid")),
    ("infla** rates", And((Prefix("infla"),), plain=words("rates"))),
    ("--crude oil", And((), words("crude"), words("oil"))),
]
