"""Portal page ``/<lang>/testplugin/``: the notebook."""

from __future__ import annotations

from pathlib import Path

from flask import Blueprint, render_template

from tremplin.core.api import setting

from .services import all_notes

blueprint = Blueprint(
    "testplugin",
    __name__,
    url_prefix="/testplugin",
    template_folder=str(Path(__file__).resolve().parent / "templates"),
)


@blueprint.get("/")
def index() -> str:
    return render_template(
        "testplugin/index.html", notes=all_notes(), greeting=setting("testplugin", "greeting")
    )
