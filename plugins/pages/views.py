"""Portal pages: ``/<lang>/pages/<slug>``."""

from __future__ import annotations

from pathlib import Path

from flask import Blueprint, abort, render_template
from flask_babel import get_locale

from .services import clean_html, get_published

blueprint = Blueprint(
    "pages",
    __name__,
    url_prefix="/pages",
    template_folder=str(Path(__file__).resolve().parent / "templates"),
)


@blueprint.get("/<slug>")
def show(slug: str) -> str:
    page = get_published(slug)
    if page is None:
        abort(404)
    lang = str(get_locale())
    return render_template(
        "pages/page.html",
        page=page,
        lang=lang,
        title=page.title(lang),
        summary=page.summary(lang),
        body=clean_html(page.body(lang)),
    )
