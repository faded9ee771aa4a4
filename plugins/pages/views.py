"""Portal pages: ``/<lang>/pages/<slug>``."""

from __future__ import annotations

from pathlib import Path

from flask import Blueprint, abort, render_template
from flask_babel import get_locale

from tremplin.core.api import current_member

from .services import STATE_LABELS, clean_html, get_page, get_published

EDITORS = ("Admin", "Moderator", "ContentManager")
blueprint = Blueprint(
    "pages",
    __name__,
    url_prefix="/pages",
    template_folder=str(Path(__file__).resolve().parent / "templates"),
)


def is_editor() -> bool:
    member = current_member()
    return member is not None and member.has_role(*EDITORS)


@blueprint.get("/<slug>")
def show(slug: str) -> str:
    """The page for readers once it is live; editors also preview drafts and scheduled
    pages, marked as such (readers get 404)."""
    page = get_published(slug)
    preview = False
    if page is None and is_editor():
        page, preview = get_page(slug), True
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
        preview=preview,
        editor=is_editor(),
        state_label=lambda state: STATE_LABELS.get(state, state),
    )
