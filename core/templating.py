"""What every portal template can use: navigation, footer, languages, environment,
the page's contextual help link."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from flask import Flask, current_app, g, has_request_context, request, url_for
from flask_babel import get_locale
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from markupsafe import Markup

from . import reference
from .caches import app_cache
from .i18n import LANGUAGE_NAMES, alternate_urls, languages, select_locale
from .plugins import flatten

BANNER_NAMES = {"development": _l("développement"), "test": _l("test")}


def _visible(item: Any) -> bool:
    return not getattr(item, "login_required", False) or current_user.is_authenticated


PORTAL_URLS = app_cache("tremplin.templating.urls")
PORTAL_URLS_MAX = 2_000


def portal_url(endpoint: str, values: dict[str, Any]) -> str:
    """``url_for(endpoint, **values)`` remembered per language and mount point: the
    menu and footer rebuild the same dozen links on every page."""
    if not has_request_context():
        return url_for(endpoint, **values)
    try:
        key = (endpoint, tuple(sorted(values.items())), select_locale(), request.script_root)
        hash(key)
    except TypeError:  # unhashable values: build it every time
        return url_for(endpoint, **values)
    urls: dict[Any, str] = current_app.extensions.setdefault(PORTAL_URLS, {})
    href = urls.get(key)
    if href is None:
        if len(urls) >= PORTAL_URLS_MAX:
            urls.clear()
        href = urls[key] = url_for(endpoint, **values)
    return href


def navigation() -> list[dict[str, Any]]:
    pm = current_app.extensions["tremplin"].pm
    items = sorted(flatten(pm.hook.menu_items(user=current_user)), key=lambda i: i.order)
    here = request.path
    result = []
    for item in items:
        if not _visible(item):
            continue
        href = portal_url(item.endpoint, item.values)
        current = here == href or (href.count("/") > 2 and here.startswith(href))
        result.append({"label": item.label, "href": href, "current": current})
    return result


def footer() -> list[dict[str, Any]]:
    pm = current_app.extensions["tremplin"].pm
    links = sorted(flatten(pm.hook.footer_links()), key=lambda i: i.order)
    return [{"label": link.label, "href": portal_url(link.endpoint, link.values)} for link in links]


def contextual_help(title: Any = "") -> Any:
    """The page's help link (a ``HelpLink``) from the ``contextual_help`` hook, or
    ``None``; ``title`` is the page's rendered title block."""
    endpoint = request.endpoint if has_request_context() else None
    if not endpoint:
        return None
    pm = current_app.extensions["tremplin"].pm
    text = " ".join(Markup(str(title)).striptags().split())[:120]
    lang = str(get_locale() or languages()[0])
    return pm.hook.contextual_help(endpoint=endpoint, lang=lang, title=text)


def once_per_request(func: Callable[[], Any]) -> Callable[[], Any]:
    """Compute ``func()`` once per request (templates call ``alternates()`` twice).

    Kept in the WSGI environ, not on ``g``, which tests share between requests.
    """
    key = f"tremplin.templating.{func.__name__}"

    def cached() -> Any:
        if not has_request_context():
            return func()
        if key not in request.environ:
            request.environ[key] = func()
        return request.environ[key]

    cached.__name__ = func.__name__
    return cached


_alternates = once_per_request(alternate_urls)
_navigation = once_per_request(navigation)
_footer = once_per_request(footer)


def install(app: Flask) -> None:
    app.jinja_env.globals.setdefault("get_locale", get_locale)  # <html lang> of FAB pages
    # Reference data for every template: {{ country_name("SN", lang) }},
    # {{ sector_label("C10", lang) }}
    app.jinja_env.globals.update(
        country_name=reference.country_name, sector_label=reference.sector_label
    )
    # {{ portal_link("portal.home") }}: url_for remembered per language (the layout's links)
    app.jinja_env.globals["portal_link"] = lambda endpoint, **values: portal_url(endpoint, values)

    @app.context_processor
    def portal_context() -> dict[str, Any]:
        environment = app.config["TREMPLIN_ENVIRONMENT"]
        return {
            "site_name": app.config["TREMPLIN_SITE_NAME"],
            "environment": environment,
            "environment_banner": BANNER_NAMES.get(environment),
            "lang": str(get_locale() or languages()[0]),
            "language_names": LANGUAGE_NAMES,
            "alternates": _alternates,
            "navigation": _navigation,
            "footer_links": _footer,
            "contextual_help": contextual_help,
            "request_id": g.get("request_id", ""),
            "base_url": app.config["TREMPLIN_BASE_URL"],
        }
