"""Generated documentation is committed, complete and up to date.

Regenerate with:
    tremplin plugins docs --output docs/plugins.md
    tremplin -c <migrated config> roles matrix --markdown --output docs/permissions.md
"""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

from tremplin.cli.roles import render_markdown
from tremplin.core import contributions, hookspecs
from tremplin.core.hookdocs import hook_names, render_plugin_guide

ROOT = Path(__file__).resolve().parent.parent
PLUGINS_MD = ROOT / "docs" / "plugins.md"
PERMISSIONS_MD = ROOT / "docs" / "permissions.md"


def declared_hooks() -> set[str]:
    return {
        name
        for name in dir(hookspecs)
        if getattr(getattr(hookspecs, name), "tremplin_spec", None) is not None
    }


def test_every_hook_is_documented_in_plugins_md():
    text = PLUGINS_MD.read_text(encoding="utf-8")
    documented = set(re.findall(r"^### `(\w+)\(", text, re.MULTILINE))
    missing = declared_hooks() - documented
    assert not missing, f"hooks missing from docs/plugins.md: {sorted(missing)}"
    assert set(hook_names()) == declared_hooks()


def test_every_hook_has_a_docstring_and_an_example():
    text = render_plugin_guide()
    for name in declared_hooks():
        assert getattr(hookspecs, name).__doc__, f"{name} has no docstring"
        assert f"@hookimpl\ndef {name}(" in text, f"{name} has no example"


def test_every_contribution_dataclass_is_documented():
    text = PLUGINS_MD.read_text(encoding="utf-8")
    for name in contributions.__all__:
        if dataclasses.is_dataclass(getattr(contributions, name)):
            assert f"### `{name}`" in text, name


def test_the_guide_covers_writing_a_plugin():
    text = PLUGINS_MD.read_text(encoding="utf-8")
    for needle in (
        '[project.entry-points."tremplin.plugins"]',
        "[plugins]",
        "enabled = [",
        "tremplin.core.api",
        "alembic_version_<name>",
        "migrations/versions/",
        "templates/<name>/",
        "static/<name>/",
        "translations/",
        "app_factory",
        "pytest -q plugins/<name>/tests",
    ):
        assert needle in text, needle


def test_committed_plugins_md_is_up_to_date():
    assert PLUGINS_MD.read_text(encoding="utf-8") == render_plugin_guide(), (
        "docs/plugins.md is stale: run `tremplin plugins docs --output docs/plugins.md`"
    )


def test_committed_permissions_md_is_up_to_date(app):
    from tremplin.core.backoffice.roles import role_matrix

    roles, rows = role_matrix(app.appbuilder)
    assert PERMISSIONS_MD.read_text(encoding="utf-8") == render_markdown(roles, rows), (
        "docs/permissions.md is stale: run `tremplin -c <config> roles matrix --markdown "
        "--output docs/permissions.md` on a migrated database"
    )
