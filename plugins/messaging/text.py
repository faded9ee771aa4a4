"""Message text: stored as typed (plain text), shown escaped with safe links.

No HTML from members ever reaches a page: the text is escaped, web addresses
become links, and nh3 keeps only ``<a href>`` (http, https, mailto) and ``<br>``.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import datetime

import nh3
from markupsafe import Markup, escape

MAX_BODY = 10_000
URL = re.compile(r"\b(https?://[^\s<>\"']+[^\s<>\"'.,;:!?)\]])", re.IGNORECASE)


def clean_body(text: str | None) -> str:
    """What is stored: control characters out (tabs and newlines kept), trimmed."""
    text = (text or "").replace("\r\n", "\n").replace("\r", "\n")
    kept = "".join(c for c in text if c in "\n\t" or unicodedata.category(c)[0] != "C")
    return kept.strip()


def render(text: str) -> Markup:
    """Safe HTML for a message: escaped, links made clickable, line breaks kept."""
    escaped = str(escape(text))
    linked = URL.sub(lambda m: f'<a href="{m.group(1)}">{m.group(1)}</a>', escaped)
    html = linked.replace("\n", "<br>")
    cleaned = nh3.clean(
        html,
        tags={"a", "br"},
        attributes={"a": {"href"}},
        url_schemes={"http", "https", "mailto"},
        link_rel="nofollow noopener noreferrer",
    )
    return Markup(cleaned)


DATE_FORMATS = {"fr": "%d/%m/%Y %H:%M", "en": "%d %b %Y %H:%M"}


def when(moment: datetime, lang: str) -> str:
    """A message's time, cheap to format 50 times a page (Babel is not)."""
    return moment.strftime(DATE_FORMATS.get(lang, DATE_FORMATS["fr"]))


def excerpt(text: str, length: int = 140) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= length else flat[: length - 1].rstrip() + "…"
