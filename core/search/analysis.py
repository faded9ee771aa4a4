"""Text analysis shared by the backends: French and English, accent-insensitive, stemmed.

Hyphenated compounds are also indexed joined (``agro-alimentaire`` is found by
``agroalimentaire``) by both backends: :func:`searchable` adds the joined forms to
the text before it is analysed.
"""

from __future__ import annotations

import re
from typing import Any

from whoosh.analysis import CharsetFilter, LowercaseFilter, RegexTokenizer, StemFilter, StopFilter
from whoosh.support.charset import accent_map

COMPOUND = re.compile(r"\b\w+(?:-\w+)+\b")


def searchable(text: str) -> str:
    """``text`` followed by its hyphenated compounds written as one word."""
    joined = {m.group(0).replace("-", "") for m in COMPOUND.finditer(text)}
    return f"{text} {' '.join(sorted(joined))}" if joined else text


def analyzer(lang: str) -> Any:
    """The whoosh analyser of ``lang`` (``fr`` or ``en``)."""
    return (
        RegexTokenizer()
        | LowercaseFilter()
        | CharsetFilter(accent_map)
        | StopFilter(lang=lang)
        | StemFilter(lang=lang, cachesize=100_000)
    )


def sort_key(title: str) -> str:
    """What titles sort by: lowercase, without accents."""
    return title.translate(accent_map).casefold()[:80]
