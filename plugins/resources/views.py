"""Portal pages: the library ``/<lang>/resources/``, an item, its files."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from flask import Blueprint, abort, redirect, render_template, request
from flask_babel import get_locale
from werkzeug.wrappers import Response

from tremplin.core.api import current_member, db, require, storage

from . import files as resource_files
from . import library
from .access import is_editor, may_download
from .models import Resource, ResourceFile
from .services import get_by_slug, related

HERE = Path(__file__).resolve().parent
blueprint = Blueprint(
    "resources", __name__, url_prefix="/resources", template_folder=str(HERE / "templates")
)
assets = Blueprint(
    "resources_assets",
    __name__,
    url_prefix="/plugins/resources",
    static_folder=str(HERE / "static"),
    static_url_path="/static",
)


def load_item(slug: str, **_: Any) -> Resource | None:
    return get_by_slug(slug)


def _item(slug: str) -> Resource:
    """The item ``require`` already loaded and allowed (404 if it vanished since)."""
    item = get_by_slug(slug)
    if item is None:
        abort(404)
    return item


def _query() -> library.Query:
    filters = {name: request.args.getlist(name)[:20] for name in library.FACETS}
    page = request.args.get("page", "1")
    return library.Query(
        text=request.args.get("q", "")[:200].strip(),
        filters={k: [v[:20] for v in vs] for k, vs in filters.items() if vs},
        period=request.args.get("period", "")
        if request.args.get("period") in library.PERIODS
        else "",
        sort="title" if request.args.get("sort") == "title" else "recent",
        page=int(page) if page.isdigit() and len(page) < 6 else 1,
    )


@blueprint.get("/")
def index() -> str:
    lang = str(get_locale())
    member = current_member()
    query = _query()
    found = library.find(query, member, lang)
    return render_template(
        "resources/library.html",
        query=query,
        found=found,
        recent=library.recently_updated(member) if not query.text and not query.filters else [],
        lang=lang,
    )


@blueprint.get("/<slug>")
@require("read", "Resource", load=load_item)
def show(slug: str) -> str:
    item = _item(slug)
    member = current_member()
    lang = str(get_locale())
    if item.state == "published":
        resource_files.count_view(item)
        db.session.commit()
    return render_template(
        "resources/item.html",
        item=item,
        lang=lang,
        can_download=may_download(member, item),
        editor=is_editor(member),
        related=related(item, library.visible(member)),
        member=member,
    )


def _file_of(item: Resource, file_id: int) -> ResourceFile:
    row = db.session.get(ResourceFile, file_id)
    if row is None or row.resource_id != item.id:
        abort(404)
    return row


@blueprint.get("/<slug>/files/<int:file_id>")
@require("download", "Resource", load=load_item)
def download(slug: str, file_id: int) -> Response:
    """Authorised (``require``), counted, then served by storage's ``/files/<key>``,
    which asks this plugin's ``file_access`` again."""
    item = _item(slug)
    row = _file_of(item, file_id)
    stored = storage.get(row.file_key)
    if stored is None:
        abort(404)
    resource_files.count_download(row)
    db.session.commit()
    return redirect(storage.url_for_file(stored), code=303)


@blueprint.get("/<slug>/files/<int:file_id>/preview")
@require("read", "Resource", load=load_item)
def preview(slug: str, file_id: int) -> Response:
    """The first pages of a document (members may open it even when they may not
    download the whole study)."""
    item = _item(slug)
    row = _file_of(item, file_id)
    stored = storage.get(row.preview_key) if row.preview_key else None
    if stored is None:
        abort(404)
    return redirect(storage.url_for_file(stored), code=303)


@blueprint.context_processor
def _helpers() -> dict[str, Any]:
    from flask_babel import get_locale as locale

    from .labels import (
        ACCESS_LABELS,
        FACET_LABELS,
        KIND_LABELS,
        REQUEST_STATE_LABELS,
        SECTION_LABELS,
        STATE_LABELS,
        facet_value_label,
    )
    from .richtext import render

    def value_labels(name: str, values: list[str]) -> str:
        return ", ".join(facet_value_label(name, v, str(locale())) for v in values)

    return {
        "kind_label": lambda v: KIND_LABELS.get(v, v),
        "access_label": lambda v: ACCESS_LABELS.get(v, v),
        "state_label": lambda v: STATE_LABELS.get(v, v),
        "section_label": lambda v: SECTION_LABELS.get(v, v),
        "request_state_label": lambda v: REQUEST_STATE_LABELS.get(v, v),
        "facet_label": lambda v: FACET_LABELS.get(v, v),
        "value_label": lambda name, v: facet_value_label(name, v, str(locale())),
        "value_labels": value_labels,
        "markdown": render,
    }
