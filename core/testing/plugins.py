"""Load a plugin package that is not installed (a test plugin kept in ``tests/``)."""

from __future__ import annotations

import importlib
import importlib.util
import sys
from pathlib import Path
from types import ModuleType


def load_uninstalled(folder: Path, package: str, module: str = "plugin") -> ModuleType:
    """Import ``folder`` as the package ``package`` (once per process), then return
    its ``module``: ``load_uninstalled(TESTS / "testplugin", "tremplin_testplugin")``."""
    if package not in sys.modules:
        spec = importlib.util.spec_from_file_location(
            package, folder / "__init__.py", submodule_search_locations=[str(folder)]
        )
        if spec is None or spec.loader is None:
            raise ImportError(f"no package in {folder}")
        loaded = importlib.util.module_from_spec(spec)
        sys.modules[package] = loaded
        spec.loader.exec_module(loaded)
    return importlib.import_module(f"{package}.{module}")
