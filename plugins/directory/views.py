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
from .indexing import COMPANY, url_maker

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
    countries = api.country_choices(lang)
    sections = [(c, label) for c, label in api.sector_choices(lang) if len(c) == 1]
    chosen_sectors = state.filters.get("section", []) + state.filters.get("sector", [])
    sectors = [(c, label) for c, label in api.sector_choices(lang) if c in chosen_sectors]
    return render_template(
        "directory/index.html",
        state=state,
        found=found,
        cards=search_page.cards(state, found),
        company_url=url_maker("directory.company", "company_id", lang),
        expert_url=url_maker("directory.expert", "user_id", lang),
        counts=counts,
        tag_labels=tags.labels_of(counts.get("tags", {}), lang) if state.kind == COMPANY else {},
        country_options=search_page.options(
            countries, counts.get("country", {}), state.filters.get("country", [])
        ),
        market_options=search_page.options(
            countries, counts.get("markets", {}), state.filters.get("market", [])
        ),
        sector_options=search_page.options(
            sections + [s for s in sectors if len(s[0]) > 1],
            counts.get("section", {}),
            chosen_sectors,
        ),
        stage_labels=STAGE_LABELS,
        lang=lang,
    )


from . import company_views, expert_views, media_views, report_views  # noqa: E402,F401  (routes)
