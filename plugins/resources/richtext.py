"""Editorial rich text: Markdown rendered to HTML, then cleaned by nh3.

Editors write Markdown; raw HTML in it is not rendered (markdown-it's ``html``
option is off, so ``<script>`` shows as text) and the HTML produced is cleaned again
by nh3 with a short list of tags, so no script, handler or style reaches a reader.
Images are allowed only from the platform's own ``/files/`` links (storage).
"""

from __future__ import annotations

import html
import re

import nh3
from markdown_it import MarkdownIt
from markupsafe import Markup

TAGS = {
    "p", "h2", "h3", "h4", "ul", "ol", "li", "a", "strong", "em", "br", "hr",
    "table", "thead", "tbody", "tr", "th", "td", "blockquote", "code", "pre", "img",
}  # fmt: skip
ATTRIBUTES = {"a": {"href", "title"}, "img": {"src", "alt", "title"}, "th": {"scope"}}
_md = MarkdownIt("commonmark", {"html": False, "linkify": False}).enable("table")
LOCAL_FILE = re.compile(r"^/files/[A-Za-z0-9_-]{16,64}$")


def _attribute_filter(tag: str, attribute: str, value: str) -> str | None:
    if tag == "img" and attribute == "src" and not LOCAL_FILE.match(value):
        return None  # images only from the platform's storage
    return value


def render(markdown: str) -> Markup:
    """Safe HTML for a Markdown text (headings start at h2: the page has the h1)."""
    html = _md.render(_shift_headings(markdown or ""))
    cleaned = nh3.clean(
        html,
        tags=TAGS,
        attributes=ATTRIBUTES,
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener noreferrer",
        attribute_filter=_attribute_filter,
    )
    return Markup(cleaned)


def _shift_headings(markdown: str) -> str:
    return re.sub(r"^# ", "## ", markdown, flags=re.MULTILINE)


def plain(markdown: str) -> str:
    """The text of a Markdown document, for the index and excerpts."""
    text = html.unescape(nh3.clean(_md.render(markdown or ""), tags=set()))
    return re.sub(r"\s+", " ", text).strip()
