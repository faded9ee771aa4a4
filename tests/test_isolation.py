"""The test harness itself: cached apps, and what each test gets back unchanged.

The tests of this module run in order in one process (``--dist loadfile``): the
second of each pair sees what the first one left, if anything.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import func, select, text

from tremplin.core.accounts.profile.models import Company
from tremplin.core.extensions import db

SEEN: dict[str, object] = {}


def _companies() -> int:
    return db.session.execute(select(func.count()).select_from(Company)).scalar_one()


def test_a_committed_row_is_written(app):
    SEEN["companies"] = _companies()
    SEEN["app"] = app
    db.session.add(Company(name="Isolation SARL", country="SN"))
    db.session.commit()
    with db.engine.begin() as connection:  # a transaction of the code's own
        connection.execute(text("UPDATE core_company SET city = 'Dakar'"))
    assert _companies() == SEEN["companies"] + 1


def test_and_is_gone_in_the_next_test_of_the_same_app(app):
    assert app is SEEN["app"]  # the same configuration: the same app, built once
    assert _companies() == SEEN["companies"]


def test_a_file_written_in_the_instance_folder(app):
    (Path(app.instance_path) / "isolation-left-over.txt").write_text("x")


def test_is_gone_in_the_next_test(app):
    assert not (Path(app.instance_path) / "isolation-left-over.txt").exists()


def test_disposing_the_engine_of_a_cached_app(app):
    db.session.remove()
    db.engine.dispose()  # as `tremplin restore` and several fixtures do
    assert _companies() == SEEN["companies"]


def test_leaves_the_app_usable_for_the_next_test(app):
    assert _companies() == SEEN["companies"]


@pytest.mark.app_config({"app": {"site_name": "Autre site"}})
def test_another_configuration_gets_another_app(app):
    assert app is not SEEN["app"]
    assert app.extensions["tremplin"].config.get("app", "site_name") == "Autre site"
