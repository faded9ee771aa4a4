"""The wheel holds everything the app needs, under the ``tremplin`` namespace only,
and the installed package works from outside the repository."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

pytestmark = pytest.mark.any_database  # no database under test: once, on SQLite

ROOT = Path(__file__).resolve().parent.parent
PASSWORD = "Lac-Rose-Tremplin-9f3k2-mangrove"
NOT_SOURCE = (
    "*.git",
    ".venv",
    "build",
    "*.egg-info",
    "__pycache__",
    ".local",
    "instance",
    "node_modules",
    ".pytest_cache",
    "dist",
    "tests",
    "ansible",
    "bench",
    ".ci",
)


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Build the wheel from a copy of the sources (the repository's build/ is left alone)."""
    folder = tmp_path_factory.mktemp("wheel")
    source = folder / "src"
    shutil.copytree(ROOT, source, ignore=shutil.ignore_patterns(*NOT_SOURCE))
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "--quiet",
            "--wheel-dir",
            str(folder / "dist"),
            str(source),
        ],
        check=True,
        capture_output=True,
        timeout=600,
    )
    return next((folder / "dist").glob("tremplin-*.whl"))


def names(wheel: Path) -> list[str]:
    with zipfile.ZipFile(wheel) as archive:
        return archive.namelist()


@pytest.mark.slow
def test_wheel_contains_the_app_files(wheel):
    files = set(names(wheel))
    for expected in (
        "tremplin/core/templates/portal/base.html",
        "tremplin/core/static/css/tremplin.css",
        "tremplin/core/static/img/logo.svg",
        "tremplin/core/translations/en/LC_MESSAGES/messages.mo",
        "tremplin/core/migrations/env.py",
        "tremplin/core/migrations/script.py.mako",
        "tremplin/core/migrations/versions/6289e2bede4d_core_initial_schema.py",
        "tremplin/core/data/demo.json",
        "tremplin/plugins/pages/templates/pages/page.html",
        "tremplin/plugins/pages/translations/en/LC_MESSAGES/messages.mo",
        "tremplin/plugins/pages/migrations/versions/5e142b064367_pages_table.py",
        "tremplin/cli/main.py",
    ):
        assert expected in files, expected
    assert not any(name.endswith((".po~", ".pyc")) or "__pycache__" in name for name in files)


@pytest.mark.slow
def test_wheel_has_only_the_tremplin_namespace(wheel):
    files = names(wheel)
    tops = {name.split("/")[0] for name in files}
    assert {t for t in tops if not t.endswith(".dist-info")} == {"tremplin"}
    assert "tremplin/__init__.py" not in files
    assert not any("/tests/" in name for name in files)
    with zipfile.ZipFile(wheel) as archive:
        info = next(n for n in files if n.endswith(".dist-info/entry_points.txt"))
        entry_points = archive.read(info).decode()
    plugins = entry_points.split("[tremplin.plugins]\n", 1)[1].split("\n\n", 1)[0]
    assert "pages = tremplin.plugins.pages.plugin" in plugins.splitlines()
    assert "events = tremplin.plugins.events.plugin" in plugins.splitlines()
    assert "directory = tremplin.plugins.directory.plugin" in plugins.splitlines()
    assert "tremplin = tremplin.cli.main:main" in entry_points


SMOKE = """
import sys
import tremplin.core
from tremplin.core.app import create_app

assert "site-packages" in tremplin.core.__file__, tremplin.core.__file__
app = create_app(sys.argv[1])
client = app.test_client()
fr, en = client.get("/fr/"), client.get("/en/")
assert fr.status_code == 200 and '<html lang="fr"' in fr.text, fr.status_code
assert en.status_code == 200 and "Sign in" in en.text, "English catalogue not found"
assert client.get("/static/css/tremplin.css").status_code == 200
page = client.get("/fr/pages/about")
assert page.status_code == 200, "pages plugin: template or migration missing"
assert client.get("/en/pages/about").status_code == 200
print("installed package OK")
"""


@pytest.mark.slow
def test_installed_wheel_works_outside_the_repository(wheel, tmp_path):
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True, timeout=300)
    python, tremplin = venv / "bin" / "python", venv / "bin" / "tremplin"
    subprocess.run(
        [str(python), "-m", "pip", "install", "--quiet", str(wheel)],
        check=True,
        capture_output=True,
        timeout=1200,
    )
    site = tmp_path / "site"
    site.mkdir()
    config = site / "tremplin.toml"
    config.write_text(
        '[app]\nenvironment = "development"\n\n[tasks]\nimmediate = true\n', encoding="utf-8"
    )
    env = {"PATH": f"{venv / 'bin'}:/usr/bin:/bin", "HOME": str(tmp_path)}
    env.update({k: v for k, v in os.environ.items() if k.startswith("LC_") or k == "LANG"})

    def run(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            args, cwd=site, env=env, input=stdin, capture_output=True, text=True, timeout=600
        )

    init = run(
        str(tremplin), "--config", str(config), "init", "--password-stdin", stdin=PASSWORD + "\n"
    )
    assert init.returncode == 0, init.stderr[-2000:]
    assert "Administrateur admin créé" in init.stdout
    listed = run(str(tremplin), "--config", str(config), "plugins", "list")
    assert listed.returncode == 0, listed.stderr[-2000:]
    assert "pages" in listed.stdout and "register_models" in listed.stdout
    smoke = run(str(python), "-c", SMOKE, str(config))
    assert smoke.returncode == 0, smoke.stderr[-3000:]
    assert "installed package OK" in smoke.stdout


def test_no_generic_top_level_modules_are_imported(client):
    """Everything lives under ``tremplin.*``: never ``import core`` / ``plugins`` / ``cli``."""
    assert client.get("/fr/").status_code == 200
    assert client.get("/fr/search?q=export").status_code == 200
    import tremplin.cli.main  # noqa: F401

    for name in ("core", "plugins", "cli"):
        assert name not in sys.modules, f"top-level module {name!r} was imported"
    assert "tremplin.core.app" in sys.modules
