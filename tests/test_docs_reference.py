"""The reference pages under docs/reference/ are generated from the code and committed.

The first test regenerates them in a separate process (so that tables other tests
declare do not leak in) and fails when a committed file differs. The others check the
generators on small, made-up inputs.
"""

from __future__ import annotations

import difflib
import json
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import Column, ForeignKey, Integer, MetaData, String, Table

from tremplin.core.docgen import REFERENCE_FILES, render_erdiagram, render_section, render_table
from tremplin.core.settings import Setting, SettingsSection

ROOT = Path(__file__).resolve().parents[1]
REFERENCE = ROOT / "docs" / "reference"

GENERATE = (
    "import json, sys\n"
    "from tremplin.core.docgen import render_references\n"
    "json.dump(render_references(), sys.stdout)\n"
)


@pytest.fixture(scope="module")
def generated() -> dict[str, str]:
    result = subprocess.run(
        [sys.executable, "-c", GENERATE],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    return dict(json.loads(result.stdout))


@pytest.mark.slow
@pytest.mark.parametrize("name", sorted(REFERENCE_FILES))
def test_committed_reference_is_up_to_date(generated: dict[str, str], name: str) -> None:
    committed = (REFERENCE / name).read_text(encoding="utf-8")
    if committed != generated[name]:
        diff = "".join(
            list(
                difflib.unified_diff(
                    committed.splitlines(keepends=True),
                    generated[name].splitlines(keepends=True),
                    f"docs/reference/{name} (committed)",
                    "generated",
                )
            )[:60]
        )
        pytest.fail(
            f"docs/reference/{name} is out of date: run `tremplin docs all` and commit it.\n{diff}"
        )


@pytest.mark.slow
def test_datamodel_lists_core_tables_and_relations(generated: dict[str, str]) -> None:
    page = generated["modele-de-donnees.md"]
    assert "```mermaid\nerDiagram\n" in page
    assert "### `ab_user`" in page and "### `core_profile`" in page
    assert 'ab_user ||--o| core_profile : "user_id"' in page


@pytest.mark.slow
def test_openapi_has_the_security_login(generated: dict[str, str]) -> None:
    document = json.loads(generated["openapi.json"])
    assert document["openapi"].startswith("3.")
    assert "/api/v1/security/login" in document["paths"]


def _tables() -> list[Table]:
    metadata = MetaData()
    parent = Table(
        "demo_parent",
        metadata,
        Column("id", Integer, primary_key=True),
        Column("name", String(50), nullable=False, default="x"),
    )
    child = Table(
        "demo_child",
        metadata,
        Column("id", Integer, primary_key=True),
        Column("parent_id", ForeignKey("demo_parent.id", ondelete="CASCADE"), nullable=True),
        Column("owner_id", ForeignKey("demo_parent.id"), nullable=False, unique=True),
    )
    return [parent, child]


def test_erdiagram_shows_keys_and_cardinalities() -> None:
    text = render_erdiagram(_tables())
    assert text.startswith("erDiagram\n")
    assert "Integer parent_id FK" in text
    assert "Integer owner_id FK, UK" in text
    assert "String name" not in text  # only key columns in the diagram
    assert 'demo_parent |o--o{ demo_child : "parent_id"' in text
    assert 'demo_parent ||--o| demo_child : "owner_id"' in text


def test_table_lists_every_column_with_reference() -> None:
    lines = render_table(_tables()[1], "Enfants | avec barre")
    text = "\n".join(lines)
    assert "Enfants \\| avec barre" in text  # a pipe would break the Markdown table
    assert "| `parent_id` | INTEGER | oui | FK |  | `demo_parent.id` (CASCADE) |" in text


def test_config_section_names_env_variable_choices_and_hides_secrets() -> None:
    section = SettingsSection(
        "demo",
        "Demo | section.",
        (
            Setting("mode", str, "a", "Which mode.", choices=("a", "b")),
            Setting("token", str, "", "API token.", secret=True, example="s3cr3t"),
            Setting("hosts", list, ["x"], "Hosts.", example=["y", "z"]),
        ),
    )
    text = "\n".join(render_section(section, "demo"))
    assert "## `[demo]`" in text and "plugin `demo`" in text
    assert "`TREMPLIN_DEMO__MODE`" in text
    assert "Valeurs : `a`, `b`." in text
    assert "s3cr3t" not in text
    assert 'Exemple : `["y", "z"]`.' in text
    assert "Demo \\| section." in text
