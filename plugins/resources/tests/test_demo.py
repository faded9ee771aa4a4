"""``tremplin demo`` (core's ``load_demo`` and the ``demo_data`` hook) seeds the
resource centre: the personas' country sheets, guides and the study, once."""

from __future__ import annotations

from sqlalchemy import func, select
from typer.testing import CliRunner

from tremplin.core.api import db
from tremplin.plugins.resources.commands import app as resources_cli
from tremplin.plugins.resources.demo import CUSTOMS_GUIDE, STUDY
from tremplin.plugins.resources.models import Resource, ResourceFile

from . import verified
from .fixtures import ENABLED

CONFIG_OVERRIDES = ENABLED
EXTRA_PLUGINS = [verified]  # one cached app for all the plugin's test modules
MARKETS = {"SN", "MA", "CI", "FR", "CA-QC", "BE"}


def _counts() -> tuple[int, int]:
    items = db.session.scalar(select(func.count(Resource.id)))
    files = db.session.scalar(select(func.count(ResourceFile.id)))
    return int(items or 0), int(files or 0)


def test_tremplin_demo_seeds_the_resource_centre_once(app, client, storage_folder):
    from tremplin.core.demo import load_demo

    assert _counts() == (0, 0)
    load_demo(None)
    sheets = db.session.scalars(select(Resource).where(Resource.kind == "country_sheet")).all()
    countries = {c for sheet in sheets for c in sheet.listed("countries")}
    assert countries >= MARKETS and all(s.state == "published" for s in sheets)
    assert all(len(sheet.sections) == 6 for sheet in sheets)  # economy ... financing aids
    for slug in (CUSTOMS_GUIDE, STUDY):
        item = db.session.scalar(select(Resource).where(Resource.slug == slug))
        assert item is not None and item.state == "published" and item.files
    seeded = _counts()
    assert load_demo(None) >= 0 and _counts() == seeded  # twice: no duplicate
    assert client.get("/fr/resources/fiche-pays-senegal").status_code == 200


def test_the_resources_demo_command_still_works_alone(app, storage_folder):
    first = CliRunner().invoke(resources_cli, ["demo"])
    assert first.exit_code == 0, first.output
    seeded = _counts()
    assert seeded[0] >= 10
    again = CliRunner().invoke(resources_cli, ["demo"])
    assert again.exit_code == 0 and "0 ressource(s)" in again.output
    assert _counts() == seeded
