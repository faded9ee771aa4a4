"""Map the repository folders into the ``tremplin`` namespace.

``core/`` -> ``tremplin.core``, ``plugins/<name>/`` -> ``tremplin.plugins.<name>``,
``cli/`` -> ``tremplin.cli``. ``tremplin`` itself is a namespace package, so the
wheel installs nothing under a generic top-level name. Metadata: pyproject.toml.
"""

from setuptools import find_packages, setup

MAPPING = {"tremplin.core": "core", "tremplin.plugins": "plugins", "tremplin.cli": "cli"}


def mapped_packages() -> list[str]:
    packages = []
    for name, folder in MAPPING.items():
        packages.append(name)
        packages += [f"{name}.{sub}" for sub in find_packages(folder, exclude=["*tests*"])]
    return packages


setup(packages=mapped_packages(), package_dir=MAPPING)
