"""Errors are one clear line and a non-zero exit, never a traceback (real console script)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

TREMPLIN = Path(sys.executable).parent / "tremplin"


def run(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(TREMPLIN), *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=180,
        env={"PATH": "/usr/bin:/bin", "HOME": str(cwd)},
    )


@pytest.mark.parametrize(
    ("content", "command", "expected"),
    [
        ("[app\n", ["check"], "not valid TOML"),
        ("[app]\nenvironment = 'staging'\n", ["users", "list"], "[app] environment must be one of"),
        ("[plugins]\nenabled = ['nope']\n", ["db", "upgrade"], "'nope'"),
        (
            "[app]\nsecret_key = 'short'\nenvironment = 'production'\n",
            ["check"],
            "[app] secret_key is too short",
        ),
    ],
)
def test_broken_config_is_one_line_without_traceback(tmp_path, content, command, expected):
    config = tmp_path / "broken.toml"
    config.write_text(content, encoding="utf-8")
    result = run("--config", str(config), *command, cwd=tmp_path)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr + result.stdout
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, result.stderr
    assert expected in lines[0]


def test_missing_config_file_is_one_line(tmp_path):
    result = run("--config", str(tmp_path / "absent.toml"), "check", cwd=tmp_path)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert "configuration file not found" in result.stderr


def test_unexpected_error_is_one_line(tmp_path):
    """``users list`` on a database never migrated: an SQL error, reported in one line."""
    config = tmp_path / "empty.toml"
    config.write_text(f"[app]\ninstance_path = '{tmp_path / 'instance'}'\n", encoding="utf-8")
    result = run("--config", str(config), "users", "list", cwd=tmp_path)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    errors = [line for line in result.stderr.splitlines() if line.startswith("Erreur")]
    assert len(errors) == 1, result.stderr
    assert "TREMPLIN_TRACEBACK=1" in errors[0]
