"""Fixtures of the Ansible deployment tests: the ansible tools, run offline on ansible/.

The tools come from the Python environment running pytest (the project's virtualenv)
or from PATH. Tests that need them skip with a reason when they are missing
(``pip install -r tests/ansible/requirements.txt``).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ANSIBLE_DIR = Path(__file__).resolve().parents[2] / "ansible"
# Collections that ansible/requirements.yml declares, and the modules the roles use.
COLLECTION_MODULES = {"community.postgresql": ("postgresql_db", "postgresql_user")}


def find_tool(name: str) -> str | None:
    """The tool next to this Python (the project's virtualenv) first, else on PATH."""
    beside = Path(sys.executable).parent / name
    if beside.is_file() and os.access(beside, os.X_OK):
        return str(beside)
    return shutil.which(name)


def write_stub_collections(root: Path) -> Path:
    """Empty stand-ins for the modules of collections that are not installed.

    The syntax check only needs module names to resolve. The stubs come last in the
    collections path, so an installed collection (ansible/collections, ~/.ansible)
    always wins.
    """
    for collection, modules in COLLECTION_MODULES.items():
        namespace, name = collection.split(".")
        folder = root / "ansible_collections" / namespace / name / "plugins" / "modules"
        folder.mkdir(parents=True, exist_ok=True)
        for module in modules:
            (folder / f"{module}.py").write_text(
                '"""Stand-in for the syntax check of Tremplin\'s playbooks."""\n'
            )
    return root


class Ansible:
    """ansible-playbook and ansible-lint, run from ansible/ with its ansible.cfg."""

    def __init__(self, scratch: Path) -> None:
        playbook = find_tool("ansible-playbook")
        if playbook is None:
            pytest.skip(
                "ansible-playbook is not installed (pip install -r tests/ansible/requirements.txt)"
            )
        self.playbook_command = playbook
        self.lint_command = find_tool("ansible-lint")
        self.env = self._environment(scratch)

    @staticmethod
    def _environment(scratch: Path) -> dict[str, str]:
        env = {key: value for key, value in os.environ.items() if not key.startswith("ANSIBLE_")}
        stubs = write_stub_collections(scratch / "stub-collections")
        env.update(
            {
                "ANSIBLE_CONFIG": str(ANSIBLE_DIR / "ansible.cfg"),
                "ANSIBLE_COLLECTIONS_PATH": os.pathsep.join(
                    [
                        str(ANSIBLE_DIR / "collections"),
                        str(Path.home() / ".ansible" / "collections"),
                        "/usr/share/ansible/collections",
                        str(stubs),
                    ]
                ),
                "ANSIBLE_LOCAL_TEMP": str(scratch / "tmp"),
                "ANSIBLE_NOCOLOR": "1",
                "ANSIBLE_LINT_SKIP_SCHEMA_UPDATE": "1",
                "NO_COLOR": "1",
                "PATH": os.pathsep.join([str(Path(sys.executable).parent), env.get("PATH", "")]),
            }
        )
        return env

    @staticmethod
    def explain(result: subprocess.CompletedProcess[str]) -> str:
        """A command's exit code and output, for assertion messages."""
        return f"exit {result.returncode}\n--- stdout\n{result.stdout}\n--- stderr\n{result.stderr}"

    def run(self, args: list[str], timeout: int = 300) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            args,
            cwd=ANSIBLE_DIR,
            env=self.env,
            capture_output=True,
            text=True,
            timeout=timeout,
            stdin=subprocess.DEVNULL,
            check=False,
        )

    def playbook(self, *args: str) -> subprocess.CompletedProcess[str]:
        """ansible-playbook with this machine's Python as the interpreter of local hosts."""
        return self.run(
            [
                self.playbook_command,
                *args,
                "-e",
                "ansible_python_interpreter={{ ansible_playbook_python }}",
            ]
        )

    def lint(self) -> subprocess.CompletedProcess[str]:
        if self.lint_command is None:
            pytest.skip("ansible-lint is not installed")
        return self.run([self.lint_command, "--nocolor"], timeout=600)


@pytest.fixture(scope="session")
def ansible(tmp_path_factory: pytest.TempPathFactory) -> Ansible:
    return Ansible(tmp_path_factory.mktemp("ansible"))
