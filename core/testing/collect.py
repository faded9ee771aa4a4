"""Collecting a plugin's own tests from ``plugins/<name>/tests/``.

pytest names a test module after its path from the rootdir, so
``plugins/pages/tests/test_cache.py`` would become ``plugins.pages.tests.test_cache``
and bring a top-level ``plugins`` module into ``sys.modules`` (which
``tests/test_packaging.py`` forbids: everything lives under ``tremplin.*``). This
pytest plugin imports such modules as ``tremplin.plugins.<name>.tests.<module>``
instead, so that they can import their plugin as installed and each other with
relative imports (``from .helpers import ...``), with pytest's assertion rewriting.

Shared fixtures of a plugin's tests go in ``plugins/<name>/tests/fixtures.py``
(registered as a pytest plugin when the first of its test modules is collected);
a ``conftest.py`` there would be imported by pytest under the bare name, so it is
refused with a message that says what to do.
"""

from __future__ import annotations

import importlib
import importlib.util
import sys
import types
from pathlib import Path
from typing import Any

import pytest

PACKAGE = "tremplin.plugins"


def plugin_test_package(path: Path) -> tuple[str, Path] | None:
    """``("tremplin.plugins.<name>.tests", tests folder)`` for a file below a
    ``plugins/<name>/tests/`` folder of an importable Tremplin plugin, else ``None``."""
    parts = path.parts
    for index in range(len(parts) - 3, -1, -1):
        if parts[index] == "plugins" and parts[index + 2] == "tests":
            name = parts[index + 1]
            if importlib.util.find_spec(f"{PACKAGE}.{name}") is not None:
                return f"{PACKAGE}.{name}.tests", Path(*parts[: index + 3])
    return None


def _tests_package(name: str, folder: Path) -> types.ModuleType:
    """The plugin's ``tests`` package, created from its folder on first use."""
    found = sys.modules.get(name)
    if found is not None:
        return found
    init = folder / "__init__.py"
    if init.exists():
        spec = importlib.util.spec_from_file_location(
            name, init, submodule_search_locations=[str(folder)]
        )
        assert spec is not None and spec.loader is not None
        module = importlib.util.module_from_spec(spec)
        sys.modules[name] = module
        spec.loader.exec_module(module)
    else:
        module = types.ModuleType(name)
        module.__path__ = [str(folder)]
        sys.modules[name] = module
    parent, _, leaf = name.rpartition(".")
    setattr(importlib.import_module(parent), leaf, module)
    return module


def import_plugin_test_module(path: Path) -> types.ModuleType | None:
    """Import a plugin's test module under its ``tremplin.plugins...`` name."""
    found = plugin_test_package(path)
    if found is None:
        return None
    package, folder = found
    _tests_package(package, folder)
    relative = path.relative_to(folder).with_suffix("").parts
    for depth in range(1, len(relative)):  # sub-folders of tests/
        _tests_package(".".join((package, *relative[:depth])), folder.joinpath(*relative[:depth]))
    return importlib.import_module(".".join((package, *relative)))


class PluginTestModule(pytest.Module):
    def _getobj(self) -> Any:
        module = import_plugin_test_module(self.path)
        _register_fixtures(self.config, self.path)
        return module


def _register_fixtures(config: pytest.Config, path: Path) -> None:
    found = plugin_test_package(path)
    if found is None or not (found[1] / "fixtures.py").exists():
        return
    name = f"{found[0]}.fixtures"
    if not config.pluginmanager.has_plugin(name):
        config.pluginmanager.register(importlib.import_module(name), name)


def pytest_pycollect_makemodule(module_path: Path, parent: Any) -> pytest.Module | None:
    if plugin_test_package(module_path) is None:
        return None
    return PluginTestModule.from_parent(parent, path=module_path)


def pytest_collect_directory(path: Path, parent: Any) -> pytest.Dir | None:
    """Plain folders for ``plugins/`` and below: a ``Package`` node would import
    their ``__init__.py`` under the bare name (to look for ``setUpModule``)."""
    if (
        (path.name == "plugins" and (path / "__init__.py").exists())
        or plugin_test_package(path / "tests" / "x.py") is not None
        or plugin_test_package(path / "x.py") is not None
    ):
        return pytest.Dir.from_parent(parent, path=path)
    return None


def pytest_sessionstart(session: pytest.Session) -> None:
    """A ``conftest.py`` in a plugin's tests would be imported under the bare name."""
    for path in sorted(Path(session.config.rootpath).glob("plugins/*/tests/**/conftest.py")):
        raise pytest.UsageError(
            f"{path}: pytest would import it as a top-level 'plugins' module; "
            "put the plugin's shared fixtures in tests/fixtures.py instead"
        )
