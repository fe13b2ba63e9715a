"""The Snowball stemmers of the two languages the index stems (PyStemmer), built once."""

from __future__ import annotations

import Stemmer

STEMMERS = {"en": Stemmer.Stemmer("english"), "ru": Stemmer.Stemmer("russian")}
