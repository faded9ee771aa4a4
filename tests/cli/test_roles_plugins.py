"""``tremplin roles matrix`` and ``tremplin plugins list``."""

from __future__ import annotations

from tremplin.core import __version__


def test_roles_matrix_table(invoke):
    result = invoke("roles", "matrix")
    assert result.exit_code == 0, result.output
    for name in ("Admin", "Moderator", "Company", "Expert", "Guest", "Dashboard", "can_view"):
        assert name in result.output


def test_roles_matrix_markdown(invoke, tmp_path):
    result = invoke("roles", "matrix", "--markdown")
    assert result.exit_code == 0
    assert result.output.startswith("# Matrice des rôles et permissions")
    assert "| Dashboard | can_view | ✔ | ✔ | ✔ | ✔ | ✔ |" in result.output
    assert "| BackOffice | can_access | ✔ | ✔ |  |  |  |" in result.output
    target = tmp_path / "permissions.md"
    written = invoke("roles", "matrix", "--markdown", "--output", str(target))
    assert written.exit_code == 0
    assert target.read_text(encoding="utf-8") == result.output


def test_plugins_list_shows_pages_with_version_origin_and_hooks(invoke):
    result = invoke("plugins", "list")
    assert result.exit_code == 0, result.output
    row = next(line for line in result.output.splitlines() if "│ pages" in line)
    assert __version__ in row
    assert "tremplin (entry point tremplin.plugins.pages.plugin)" in row
    assert "oui" in row
    for hook in (
        "register_models",
        "register_blueprints",
        "register_admin_views",
        "register_search_types",
        "footer_links",
    ):
        assert hook in result.output
    assert "tremplin (built in)" in result.output


def test_plugins_docs_prints_the_guide(invoke):
    from tremplin.core.hookdocs import render_plugin_guide

    result = invoke("plugins", "docs")
    assert result.exit_code == 0
    assert result.output == render_plugin_guide()
