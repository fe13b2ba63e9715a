"""Language identification for short lines and long articles alike.

`LanguageIdentifier().identify(text)` names the language of one text (ISO 639-1
or "und") with a calibrated confidence; `segment_languages(body, identifier)`
splits a body into single-language segments and names its dominant language.
"""

from indexer.langid.combine import UNKNOWN, Guess, LanguageIdentifier
from indexer.langid.segments import segment_languages

__all__ = ["UNKNOWN", "Guess", "LanguageIdentifier", "segment_languages"]
