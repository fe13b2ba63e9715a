"""Patterns that name a line as page furniture: share bars, bylines, datelines, prompts.

Shared by the HTML extractor (per block) and the text-page classifier (per line).
Each pattern only fires on short lines, so a sentence that merely mentions
"share" or "cookies" stays article text.
"""

from __future__ import annotations

import re

# Furniture lines are short; a long line that matches a pattern is a sentence.
MAX_FURNITURE_CHARS = 160
# Share bars and datelines, judged word by word, are shorter still.
MAX_WORD_RULE_CHARS = 100
# Cookie and login notices run longer than buttons but stay under a paragraph.
MAX_NOTICE_CHARS = 400

# A menu or breadcrumb has at least this many items of at most this many words.
MIN_MENU_ITEMS = 3
MAX_MENU_ITEM_WORDS = 3
_MENU_SEPARATOR = re.compile(r"\s+[|·•»›/>]\s+|\s*[|·•»›]\s*")
# A dateline has at least one word per this many numbers ("Tue, Nov 19, 2019 10:48"
# has 2 words to 4 numbers); result lines and bare numbers have fewer.
MAX_NUMBERS_PER_DATE_WORD = 3
MAX_DATELINE_MONTHS = 2
# An author credit after a dateline is a name or two.
MAX_AUTHOR_WORDS = 5

_WORD = re.compile(r"[^\W\d_]+|\d+", re.UNICODE)

# Words of share bars and social buttons; a line made only of these is a share bar.
_SHARE_WORDS = frozenset(
    "share shares sharing tweet tweets email e-mail mail print facebook twitter x linkedin "
    "whatsapp pinterest reddit telegram vk vkontakte ok odnoklassniki viber messenger copy "
    "link url save comment comments this article story page post via on to with friends "
    "flipboard pocket tumblr instagram youtube google plus sms "
    "поделиться поделитесь твитнуть отправить скопировать ссылку ссылка комментарии "
    "комментарий в с друзьями одноклассники вконтакте телеграм "
    "teilen drucken partager imprimer compartir imprimir condividi".split()
)
_SHARE_TRIGGERS = frozenset(
    "share sharing tweet facebook twitter linkedin whatsapp pinterest reddit telegram vk "
    "поделиться поделитесь teilen partager compartir condividi".split()
)

# Link labels that are furniture even when a headline follows ("Read more: …").
_READ_MORE = re.compile(
    r"^\W*(read more|read next|read also|read the full|continue reading|keep reading"
    r"|see also|related (articles?|stories|coverage|content|news|links|reading)|more on this"
    r"|all news|more news|latest news|more stories|top stories|most read|most popular"
    r"|show more|load more|view all|see all|see more|click here|next article|previous article"
    r"|next story|back to top|back to gallery|back to home|scroll to top|don'?t miss|must read"
    r"|post (a )?comment"
    r"|leave a (comment|reply)|add (a )?comment|write a comment|view comments|show comments"
    r"|читать далее|читать также|читайте также|читать полностью|все новости|подробнее:"
    r"|другие новости|последние новости|новости по теме|смотрите также|смотреть все"
    r"|показать ещё|показать еще|загрузить ещё|загрузить еще"
    r"|weiterlesen|mehr zum thema|lesen sie auch|lire la suite|lire aussi|leer más|lea también"
    r"|seguir leyendo|leia também|leggi anche|citește și|czytaj także|прочетете още)\b",
    re.IGNORECASE,
)
# Words that are furniture only when they are the whole line ("Related:", "Далее →").
_LABEL_ONLY = re.compile(
    r"^\W*(related|more|recommended|trending|watch|listen|video|photos|gallery|comments?"
    r"|подробнее|далее|ещё|еще|по теме|комментарии|реклама|mehr|plus|más)\W*$",
    re.IGNORECASE,
)
# Log-in and subscription prompts: the verb starts the line, or a "please" asks for it.
_LOGIN = re.compile(
    r"^\W*(log ?in|sign ?in|sign ?up|register|subscribe|create an account|already a subscriber"
    r"|subscribers only|авторизуйтесь|авторизоваться|войдите|войти|зарегистрируйтесь"
    r"|регистрация|подпишитесь|anmelden|se connecter|iniciar sesión)\b"
    r"|\b(please|to comment|to continue|чтобы|пожалуйста)\b.*\b(log ?in|sign ?in|register"
    r"|subscribe|авториз\w*|войдите|зарегистр\w*)"
    r"|\b(авториз\w*|log ?in|sign ?in)\b.*\b(please|пожалуйста)\b",
    re.IGNORECASE,
)
_COOKIE = re.compile(r"\b(cookies?|куки|файлы cookie|cookie-файлы)\b", re.IGNORECASE)
_COOKIE_CONTEXT = re.compile(
    r"\b(accept|agree|consent|policy|use|using|privacy|settings|continu|browsing"
    r"|использу|соглас|политик|принять|продолжая)",
    re.IGNORECASE,
)
_ADVERT = re.compile(
    r"^\W*(advertisement|advertising|advert|sponsored( content)?|ad|ads|promoted|partner content"
    r"|реклама|на правах рекламы|anzeige|werbung|publicité|publicidad|pubblicità)\W*$",
    re.IGNORECASE,
)
# Captions: "(Image: Getty)" at the end, "Photo: …" at the start, or an agency credit.
_CAPTION_TAIL = re.compile(
    r"\((image|photo|picture|pic|credit|video|source|фото|изображение)s?\s*:[^)]*\)\s*$",
    re.IGNORECASE,
)
_CAPTION_HEAD = re.compile(
    r"^\W*(photo|image|picture|credit|photograph|фото|иллюстрация)s?\s*(:|\||/|by\b)",
    re.IGNORECASE,
)
_CAPTION_CREDITS = (
    "getty images", "ap photo", "afp photo", "shutterstock", "istock", "photo credit",
)  # fmt: skip
# Cheap substring tests that gate the slower notice regexes.
_LOGIN_HINTS = (
    "log", "sign", "regist", "subscri", "account", "авториз", "войд", "войти", "регистр",
    "подпиш", "anmeld", "connecter", "sesión",
)  # fmt: skip
_COOKIE_HINTS = ("cookie", "куки")
_BYLINE = re.compile(
    r"^\W*(?i:by|written by|reporting by|posted by|автор:?|текст:|фото:)\s+"
    r"[A-ZА-ЯЁ][\w.'’-]*(\s+(and|и|&|,)?\s*[A-ZА-ЯЁ@][\w.'’-]*){0,5}"
    r"(\s*[,|•·-]\s*.{0,60})?$",
    re.UNICODE,
)
# A date (and time) written in figures alone: "27.04.2020 10:15", "2019-11-19".
_NUMERIC_DATE = re.compile(
    r"^\W*\d{1,4}([./-])\d{1,2}\1\d{1,4}(,?\s*[T\s]?\d{1,2}:\d{2}(:\d{2})?)?\W*$"
)
_COPYRIGHT = re.compile(
    r"^\W*(©|\(c\)|copyright\b|all rights reserved|все права защищены)", re.IGNORECASE
)
# Words that make up a dateline ("Published 10:48, Tue, Nov 19, 2019 | Updated ...").
_DATE_WORDS = frozenset(
    "published updated posted modified first last update date at on am pm a m p m "
    "gmt utc est edt pst pdt cet cest bst msk ist et pt ct mt z t "
    "jan feb mar apr may jun jul aug sep sept oct nov dec january february march april june "
    "july august september october november december mon tue tues wed thu thur thurs fri sat "
    "sun monday tuesday wednesday thursday friday saturday sunday today yesterday ago min mins "
    "minute minutes hour hours day days week weeks read reading time "
    "опубликовано обновлено обновлено: сегодня вчера в г года год назад минут минуты час часа "
    "часов мин янв фев мар апр мая июн июл авг сен окт ноя дек января февраля марта апреля "
    "июня июля августа сентября октября ноября декабря понедельник вторник среда четверг "
    "пятница суббота воскресенье время чтения "
    # Months elsewhere in Europe and in Indonesia, whose dates share the pattern.
    "januar februar märz mai juni juli oktober dezember janvier février mars avril juin juillet "
    "août septembre octobre novembre décembre enero febrero marzo abril mayo junio julio agosto "
    "septiembre octubre noviembre diciembre gennaio febbraio aprile maggio giugno luglio "
    "settembre ottobre dicembre januari februari maret mei agustus desember janeiro fevereiro "
    "março maio junho julho setembro outubro novembro dezembro".split()
)


_MONTHS = frozenset(
    "jan feb mar apr may jun jul aug sep sept oct nov dec january february march april june "
    "july august september october november december янв фев мар апр мая июн июл авг сен окт "
    "ноя дек января февраля марта апреля июня июля августа сентября октября ноября декабря".split()
)


def words(line: str) -> list[str]:
    """Lower-cased words and numbers of a line."""
    return _WORD.findall(line.lower())


def _all_share_words(tokens: list[str]) -> bool:
    return all(token in _SHARE_WORDS or token.isdigit() for token in tokens) and any(
        token in _SHARE_TRIGGERS for token in tokens
    )


def _all_date_words(tokens: list[str]) -> bool:
    numbers = sum(1 for token in tokens if token.isdigit())
    if not numbers or not all(token.isdigit() or token in _DATE_WORDS for token in tokens):
        return False
    # "6-2 6-3" or "Reading 4 1 1 2 5 10 4" is a score or a table row, not a date:
    # a dateline names its numbers ("Updated 14 March 2024, 09:30") with real words
    # ("665M 840M" has only the letter m), and names at most two dates (published,
    # updated): "July 96 June 96 July 95" heads a table.
    named = sum(1 for token in tokens if len(token) > 1 and not token.isdigit())
    months = sum(1 for token in tokens if token in _MONTHS)
    return named * MAX_NUMBERS_PER_DATE_WORD >= numbers and months <= MAX_DATELINE_MONTHS


def is_dateline(line: str) -> bool:
    """A line that holds only a date, a time and words like "Published" or "Updated"."""
    tokens = words(line)
    return bool(tokens) and len(line) <= MAX_FURNITURE_CHARS and _all_date_words(tokens)


def _is_dated_byline(line: str) -> bool:
    """A dateline with a short credit: "27 Apr 2020 by Jane Doe", "Delhi, Bureau | Updated 9:01"."""
    head, separator, author = line.rpartition(" by ")
    if separator:
        return len(author.split()) <= MAX_AUTHOR_WORDS and is_dateline(head)
    if "|" not in line:
        return False
    parts = [part for part in line.split("|") if part.strip()]
    if len(parts) < 2 or not any(is_dateline(part) for part in parts):
        return False
    return all(is_dateline(part) or len(part.split()) <= MAX_AUTHOR_WORDS for part in parts)


def _is_place_dateline(line: str) -> bool:
    """ "BAAR, SWITZERLAND": a capitalised place name alone on its line, before the story."""
    return (
        "," in line
        and line.isupper()
        and len(line.split()) <= MAX_AUTHOR_WORDS
        and not any(char.isdigit() for char in line)
    )


def _is_caption(text: str, lowered: str) -> bool:
    if "(" in text and _CAPTION_TAIL.search(text):
        return True
    return bool(_CAPTION_HEAD.match(text)) or any(credit in lowered for credit in _CAPTION_CREDITS)


def is_menu(line: str) -> bool:
    """ "Home | News | Sport | Weather": short items between separators."""
    items = [item.strip() for item in _MENU_SEPARATOR.split(line)]
    # Each item is a label with a real word in it: "N / A N / A" is a table cell.
    return len(items) >= MIN_MENU_ITEMS and all(
        item
        and len(item.split()) <= MAX_MENU_ITEM_WORDS
        and any(len(word) > 1 for word in words(item))
        for item in items
    )


def furniture_reason(line: str) -> str | None:
    """Why a line is page furniture ("share", "byline", …), or None if it may be article text."""
    text = line.strip()
    if not text:
        return None
    lowered = text.lower()
    if len(text) <= MAX_WORD_RULE_CHARS:
        tokens = _WORD.findall(lowered)
        if tokens and _all_share_words(tokens):
            return "share"
        if tokens and (_all_date_words(tokens) or _NUMERIC_DATE.match(text)):
            return "dateline"
    if len(text) <= MAX_FURNITURE_CHARS:
        if _READ_MORE.match(text) or _LABEL_ONLY.match(text):
            return "read-more"
        if is_menu(text):
            return "menu"
        if _ADVERT.match(text):
            return "advert"
        if _BYLINE.match(text) or _is_dated_byline(text):
            return "byline"
        if _is_place_dateline(text):
            return "dateline"
        if _is_caption(text, lowered):
            return "caption"
        if _COPYRIGHT.match(text):
            return "copyright"
    if len(text) <= MAX_NOTICE_CHARS:
        if any(hint in lowered for hint in _COOKIE_HINTS):
            if _COOKIE.search(text) and _COOKIE_CONTEXT.search(text):
                return "cookie"
        if any(hint in lowered for hint in _LOGIN_HINTS) and _LOGIN.search(text):
            return "login"
    return None
