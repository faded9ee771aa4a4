"""The Ansible deployment (ansible/): syntax, lint, topology checks and layout.

Everything runs offline and touches nothing outside pytest's scratch folders:
playbooks are only syntax-checked, the topology checks run against made-up
inventories. The rendered templates are checked in test_ansible_templates.py;
what needs real servers is listed in docs/ops/ansible-tests.md.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

pytestmark = pytest.mark.any_database  # no database under test: once, on SQLite

REPO = Path(__file__).resolve().parents[2]
ANSIBLE_DIR = REPO / "ansible"
ROLES_DIR = ANSIBLE_DIR / "roles"
INVENTORIES = ("test", "production")
PLAYBOOKS = ("site.yml", "deploy.yml", "backup.yml")


# --- Syntax and lint ---------------------------------------------------------------


@pytest.mark.parametrize("inventory", INVENTORIES)
def test_playbooks_pass_the_syntax_check(inventory: str, ansible: Any) -> None:
    for playbook in PLAYBOOKS:
        result = ansible.run(
            [
                ansible.playbook_command,
                "--syntax-check",
                "-i",
                f"inventories/{inventory}/hosts.yml",
                playbook,
            ]
        )
        assert result.returncode == 0, f"{playbook} with {inventory}:\n{ansible.explain(result)}"


def test_ansible_lint_production_profile_is_clean(ansible: Any) -> None:
    result = ansible.lint()
    assert result.returncode == 0, ansible.explain(result)
    assert "Profile 'production' was required, and it passed" in result.stdout + result.stderr


# --- Topology checks (several web hosts) -------------------------------------------------

SHARED = {
    "tremplin_app_database_url": "postgresql+psycopg://tremplin:secret@10.0.0.5:5432/tremplin",
    "tremplin_app_tasks_redis_url": "redis://:secret@10.0.0.6:6379/0",
    "tremplin_app_limits_storage_url": "redis://:secret@10.0.0.6:6379/1",
    "tremplin_app_shared_dir": "/srv/tremplin-partage",
}


def check_topology(
    ansible: Any, inventory: str, extra_vars: dict[str, str]
) -> subprocess.CompletedProcess[str]:
    """Run roles/tremplin_app/tasks/assert_topology.yml against a made-up inventory."""
    return ansible.playbook(
        "tests/topology.yml", "-i", f"tests/{inventory}", "-e", json.dumps(extra_vars)
    )


def test_two_web_hosts_with_sqlite_are_refused(ansible: Any) -> None:
    result = check_topology(
        ansible,
        "inventory-two-web.yml",
        {**SHARED, "tremplin_app_database_url": "sqlite:////var/lib/t.db"},
    )
    assert result.returncode != 0, ansible.explain(result)
    assert "SQLite" in result.stdout, ansible.explain(result)


def test_two_web_hosts_without_a_shared_folder_are_refused(ansible: Any) -> None:
    result = check_topology(
        ansible, "inventory-two-web.yml", {**SHARED, "tremplin_app_shared_dir": ""}
    )
    assert result.returncode != 0, ansible.explain(result)
    assert "tremplin_app_shared_dir" in result.stdout, ansible.explain(result)


def test_two_web_hosts_with_postgresql_and_redis_pass(ansible: Any) -> None:
    result = check_topology(ansible, "inventory-two-web.yml", SHARED)
    assert result.returncode == 0, ansible.explain(result)


def test_one_host_may_keep_sqlite(ansible: Any) -> None:
    result = check_topology(ansible, "inventory-one-host.yml", {"tremplin_app_database_url": ""})
    assert result.returncode == 0, ansible.explain(result)


# --- Layout (no tool needed) ------------------------------------------------------------


def test_inventories_share_the_same_topology_file() -> None:
    texts = {
        (ANSIBLE_DIR / "inventories" / name / "group_vars" / "all" / "topology.yml").read_text()
        for name in INVENTORIES
    }
    assert len(texts) == 1, "topology.yml differs between the inventories"


def test_render_role_sees_the_defaults_of_every_role() -> None:
    linked = {
        p.stem
        for p in (ANSIBLE_DIR / "tests" / "roles" / "render_templates" / "defaults" / "main").glob(
            "*.yml"
        )
    }
    assert linked == {p.name for p in ROLES_DIR.iterdir() if p.is_dir()}


def test_every_role_has_the_expected_shape_and_documents_its_defaults() -> None:
    yaml = pytest.importorskip("yaml")
    for role in sorted(p for p in ROLES_DIR.iterdir() if p.is_dir()):
        for part in ("defaults/main.yml", "tasks/main.yml", "handlers/main.yml", "README.md"):
            assert (role / part).is_file(), f"{role.name}: {part} is missing"
        defaults = yaml.safe_load((role / "defaults" / "main.yml").read_text()) or {}
        readme = (role / "README.md").read_text()
        for name in defaults:
            assert name.startswith(f"{role.name}_"), f"{role.name}: {name} lacks the prefix"
            assert f"`{name}`" in readme, f"{role.name}: {name} is not in README.md"


def test_no_secret_file_is_committed_and_every_secret_has_an_example() -> None:
    git = shutil.which("git")
    if git is None or not (REPO / ".git").exists():
        pytest.skip("not a git checkout")
    tracked = subprocess.run(
        [git, "ls-files", "ansible"], cwd=REPO, capture_output=True, text=True, check=True
    ).stdout.split()
    assert not [path for path in tracked if path.endswith("/vault.yml")]
    example = (ANSIBLE_DIR / "vault.example.yml").read_text()
    for name in INVENTORIES:
        topology = (
            ANSIBLE_DIR / "inventories" / name / "group_vars" / "all" / "topology.yml"
        ).read_text()
        for secret in set(re.findall(r"\bvault_[a-z0-9_]+", topology)):
            assert f"\n{secret}:" in example, f"{secret} is missing from vault.example.yml"
