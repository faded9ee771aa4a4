"""Portal pages of the directory: ``/<lang>/directory/`` (search), company and expert
profiles (``company_views``, ``expert_views``, ``media_views``)."""

from __future__ import annotations

from pathlib import Path

from flask import Blueprint, abort, render_template, request
from flask_babel import get_locale

from tremplin.core import api
from tremplin.core.api import SearchError

from . import search_page, tags, visibility
from .forms import STAGE_LABELS
from .indexing import COMPANY

blueprint = Blueprint(
    "directory",
    __name__,
    url_prefix="/directory",
    template_folder=str(Path(__file__).resolve().parent / "templates"),
)
static = Blueprint(
    "directory_static",
    __name__,
    static_folder=str(Path(__file__).resolve().parent / "static"),
    static_url_path="/static/directory-plugin",
)


@blueprint.get("/")
def index() -> tuple[str, int] | str:
    member = api.current_member()
    state = search_page.DirectoryState.from_args(request.args)
    lang = str(get_locale() or "fr")
    if member is None and not visibility.public_directory():
        return render_template("directory/closed.html"), 200
    try:
        found = search_page.run(state, member)
    except SearchError:
        abort(400)
    counts = found.facet_counts
    return render_template(
        "directory/index.html",
        state=state,
        found=found,
        cards=search_page.cards(state, found),
        counts=counts,
        tag_labels=tags.labels_of(counts.get("tags", {}), lang) if state.kind == COMPANY else {},
        countries=api.country_choices(lang),
        sectors=api.sector_choices(lang),
        stage_labels=STAGE_LABELS,
        lang=lang,
    )


from . import company_views, expert_views, media_views  # noqa: E402,F401  (routes)
