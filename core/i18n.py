"""Languages: ``/<lang>/`` URL prefixes, the locale selector and hreflang links.

French is the default language; the language of a portal page is the first
segment of its URL. Back-office pages (no prefix) follow the language chosen in
Flask-AppBuilder's switcher, else the browser's ``Accept-Language``.
"""

from __future__ import annotations

import re
from typing import Any

from flask import Flask, current_app, g, has_request_context, request, session, url_for
from werkzeug.routing import BaseConverter, ValidationError

LANGUAGE_NAMES = {"fr": "Français", "en": "English"}


class LanguageConverter(BaseConverter):
    """Matches only the configured language codes, so ``/de/`` is a plain 404 (and
    ``/anything`` is not redirected to ``/anything/`` first)."""

    def __init__(self, url_map: Any, *args: Any, **kwargs: Any) -> None:
        super().__init__(url_map, *args, **kwargs)
        codes = getattr(url_map, "tremplin_languages", ())
        if codes:
            self.regex = "(?:" + "|".join(re.escape(code) for code in codes) + ")"

    def to_python(self, value: str) -> str:
        if value not in self.map.tremplin_languages:  # type: ignore[attr-defined]
            raise ValidationError()
        return value


def languages() -> list[str]:
    return list(current_app.config["TREMPLIN_LANGUAGES"])


def default_language() -> str:
    return languages()[0]


def select_locale() -> str:
    """Flask-Babel's locale selector."""
    if not has_request_context():
        return default_language()
    lang = g.get("lang_code")
    if lang:
        return str(lang)
    chosen = session.get("locale") if session else None
    if chosen in languages():
        return str(chosen)
    return best_accept_language()


def best_accept_language() -> str:
    return request.accept_languages.best_match(languages()) or default_language()


def install(app: Flask) -> None:
    """Register the converter and the URL hooks that carry ``lang_code``."""
    app.url_map.converters["lang"] = LanguageConverter
    app.url_map.tremplin_languages = tuple(app.config["TREMPLIN_LANGUAGES"])  # type: ignore[attr-defined]

    @app.url_value_preprocessor
    def pull_lang_code(_endpoint: str | None, values: dict[str, Any] | None) -> None:
        # Tests keep one app context (one ``g``) across requests: forget the previous
        # request's language and Flask-Babel's cached locale.
        g.pop("lang_code", None)
        g.pop("_flask_babel", None)
        if values and "lang_code" in values:
            g.lang_code = values.pop("lang_code")

    @app.url_defaults
    def add_lang_code(endpoint: str, values: dict[str, Any]) -> None:
        if "lang_code" in values:
            return
        try:
            if not app.url_map.is_endpoint_expecting(endpoint, "lang_code"):
                return
        except KeyError:  # unknown endpoint: url_for will report it
            return
        values["lang_code"] = g.get("lang_code") or select_locale()


def install_template_gettext(app: Flask) -> None:
    """Give each rendered template gettext functions bound to the translations of
    the moment. Flask-Babel's own (installed as Jinja globals) look the locale and
    the catalogue up again for every string, a few dozen times per page; these look
    them up once per ``render_template``, in the locale in force then
    (``force_locale`` included). Same newstyle semantics: autoescaping and
    ``%(name)s`` formatting."""
    from flask_babel import get_translations
    from jinja2.ext import (
        _make_new_gettext,
        _make_new_ngettext,
        _make_new_npgettext,
        _make_new_pgettext,
    )

    @app.context_processor
    def bound_gettext() -> dict[str, Any]:
        found = get_translations()
        return {
            "gettext": _make_new_gettext(found.ugettext),
            "ngettext": _make_new_ngettext(found.ungettext),
            "pgettext": _make_new_pgettext(found.upgettext),
            "npgettext": _make_new_npgettext(found.unpgettext),
        }


def alternate_urls() -> dict[str, str]:
    """The current page in every language (for hreflang links and the switcher)."""
    if not request.endpoint or request.url_rule is None:
        return {}
    if "lang_code" not in request.url_rule.arguments:
        return {}
    args = dict(request.view_args or {})
    return {
        lang: url_for(request.endpoint, **args, lang_code=lang, _external=False)
        for lang in languages()
    }
