"""The documentation builds with ``mkdocs build --strict`` and loads nothing from outside."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
EXTERNAL_ASSET = re.compile(r"<(?:script|link|img)\b[^>]*\b(?:src|href)=\"(?:https?:)?//", re.I)

pytest.importorskip("mkdocs", reason="mkdocs is not installed (pip install -e '.[docs]')")


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("site")
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "mkdocs",
            "build",
            "--strict",
            "--config-file",
            str(ROOT / "mkdocs.yml"),
            "--site-dir",
            str(folder),
        ],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=300,
        check=False,
    )
    if result.returncode != 0:
        pytest.fail("mkdocs build --strict failed:\n" + result.stderr[-4000:], pytrace=False)
    return folder


@pytest.mark.slow
def test_every_page_loads_only_local_assets(site: Path) -> None:
    pages = list(site.rglob("*.html"))
    assert len(pages) > 10
    offenders = [
        str(p.relative_to(site))
        for p in pages
        if EXTERNAL_ASSET.search(p.read_text(encoding="utf-8"))
    ]
    assert offenders == [], "pages loading scripts, styles or images from another site"


@pytest.mark.slow
def test_data_model_page_ships_its_diagram_renderer(site: Path) -> None:
    page = (site / "reference" / "modele-de-donnees" / "index.html").read_text(encoding="utf-8")
    assert "erDiagram" in page
    assert (site / "assets" / "mermaid.min.js").stat().st_size > 100_000
    # the loader fetches mermaid.min.js from its own folder, only where a diagram is
    assert re.search(r'<script src="[./]*assets/mermaid-init\.js"', page)
    assert 'class="language-mermaid"' in page


@pytest.mark.slow
def test_home_links_the_main_guides(site: Path) -> None:
    home = (site / "index.html").read_text(encoding="utf-8")
    for target in ("architecture/", "deploiement/", "reference/configuration/"):
        assert f'href="{target}"' in home or f'href="./{target}"' in home, target
