"""Translation catalogues: extract, update, compile and check (``make translations``).

Usage::

    python -m tremplin.core.i18n_tools update   # extract, merge into fr/en .po, compile .mo
    python -m tremplin.core.i18n_tools check    # fail on missing or untranslated strings

Each component keeps its own catalogue: core (with the CLI) in ``core/translations``,
every plugin in ``plugins/<name>/translations``. Message ids are French, so the
French catalogue simply repeats them; the English catalogue holds real
translations, written by hand in ``en/LC_MESSAGES/messages.po``. ``update`` is
safe to re-run: existing translations are kept, new strings are added empty
(English) or filled with the French source, and unchanged files are not rewritten.
"""

from __future__ import annotations

import argparse
import copy
import importlib
import io
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from babel.messages.catalog import Catalog, Message
from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

SOURCE_LANGUAGE = "fr"
LANGUAGES = ("fr", "en")
DOMAIN = "messages"
KEYWORDS = {
    **DEFAULT_KEYWORDS,
    "_l": None,
    "lazy_gettext": None,
    "lazy_ngettext": (1, 2),
    "lazy_pgettext": ((1, "c"), 2),
}
TEMPLATE_OPTIONS = {"extensions": "jinja2.ext.i18n", "silent": "false"}
METHOD_MAP = [
    ("**/templates/**.html", "jinja2"),
    ("**/templates/**.xml", "jinja2"),
    ("**/templates/**.txt", "jinja2"),
    ("**.py", "python"),
]
OPTIONS_MAP = {pattern: TEMPLATE_OPTIONS for pattern, method in METHOD_MAP if method == "jinja2"}
SKIPPED_DIRS = {
    "__pycache__",
    "migrations",
    "static",
    "translations",
    "tests",
    "testing",
    "node_modules",
}
FIXED_DATE = datetime(2026, 1, 1, tzinfo=UTC)


@dataclass
class Component:
    """One catalogue: the source folders it is extracted from and its translations folder."""

    name: str
    sources: list[Path]
    translations: Path
    skipped: set[Path] = field(default_factory=set)

    def po_path(self, lang: str) -> Path:
        return self.translations / lang / "LC_MESSAGES" / f"{DOMAIN}.po"

    def mo_path(self, lang: str) -> Path:
        return self.po_path(lang).with_suffix(".mo")


def _package_dir(name: str) -> Path | None:
    try:
        module = importlib.import_module(name)
    except ImportError:
        return None
    init = getattr(module, "__file__", None)  # the file, as editable installs link files
    return Path(init).resolve().parent if init else None


def components() -> list[Component]:
    """Core (with the CLI) and every bundled plugin that has strings or a catalogue."""
    core = Path(__file__).resolve().parent
    cli = _package_dir("tremplin.cli")
    found = [Component("core", [core] + ([cli] if cli else []), core / "translations")]
    plugins = _package_dir("tremplin.plugins")
    if plugins is None:
        return found
    for init in sorted(plugins.glob("*/__init__.py")):
        folder = init.resolve().parent
        component = Component(folder.name, [folder], folder / "translations")
        if component.translations.is_dir() or len(extract(component)):
            found.append(component)
    return found


def _directory_filter(path: str) -> bool:
    return Path(path).name not in SKIPPED_DIRS and not Path(path).name.startswith(".")


def _extracted(
    component: Component,
) -> Iterator[tuple[str, int, str | tuple[str, ...], list[str], str | None]]:
    for source in component.sources:
        for filename, lineno, message, comments, context in extract_from_dir(
            str(source),
            METHOD_MAP,
            OPTIONS_MAP,
            KEYWORDS,
            comment_tags=("TRANSLATORS:",),
            strip_comment_tags=True,
            directory_filter=_directory_filter,
        ):
            yield f"{source.name}/{filename}", lineno, message, comments, context


def extract(component: Component) -> Catalog:
    """Every translatable string of the component's Python files and templates."""
    catalog = Catalog(
        project="Tremplin", domain=DOMAIN, creation_date=FIXED_DATE, charset="utf-8", fuzzy=False
    )
    for location, lineno, message, comments, context in _extracted(component):
        catalog.add(
            message,
            None,
            [(location, lineno)],
            auto_comments=comments,
            context=context,
        )
    return catalog


def _load(path: Path, lang: str) -> Catalog:
    if not path.exists():
        return Catalog(
            locale=lang,
            domain=DOMAIN,
            project="Tremplin",
            creation_date=FIXED_DATE,
            revision_date=FIXED_DATE,
            charset="utf-8",
            fuzzy=False,
        )
    with path.open("rb") as handle:
        return read_po(handle, locale=lang, domain=DOMAIN)


def _fill_source(catalog: Catalog) -> None:
    """The French catalogue repeats each French message id (plural forms included)."""
    for message in catalog:
        if not message.id:
            continue
        if isinstance(message.id, (list, tuple)):
            if not all(message.string or ()):
                message.string = (message.id[0],) + (message.id[1],) * (catalog.num_plurals - 1)
        elif not message.string:
            message.string = message.id
        message.flags.discard("fuzzy")


def _po_bytes(catalog: Catalog) -> bytes:
    buffer = io.BytesIO()
    write_po(buffer, catalog, width=100, include_previous=False)
    return buffer.getvalue()


def _mo_bytes(catalog: Catalog) -> bytes:
    buffer = io.BytesIO()
    write_mo(buffer, catalog, use_fuzzy=False)
    return buffer.getvalue()


def _write_if_changed(path: Path, content: bytes) -> bool:
    if path.exists() and path.read_bytes() == content:
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content)
    return True


def update_component(component: Component) -> list[str]:
    """Merge freshly extracted strings into each language's catalogue and compile it."""
    template = extract(component)
    report = []
    for lang in LANGUAGES:
        catalog = _load(component.po_path(lang), lang)
        template.creation_date = catalog.creation_date
        catalog.update(copy.deepcopy(template), no_fuzzy_matching=True, update_header_comment=False)
        catalog.obsolete.clear()
        if lang == SOURCE_LANGUAGE:
            _fill_source(catalog)
        changed = _write_if_changed(component.po_path(lang), _po_bytes(catalog))
        changed |= _write_if_changed(component.mo_path(lang), _mo_bytes(catalog))
        todo = untranslated(catalog)
        state = "mis à jour" if changed else "inchangé"
        report.append(
            f"{component.name} [{lang}] : {len(template)} chaînes, {state}, {len(todo)} à traduire"
        )
        report += [f"    à traduire : {msgid!r}" for msgid in todo]
    return report


def _key(message: Message) -> str:
    return str(message.id[0] if isinstance(message.id, (list, tuple)) else message.id)


def untranslated(catalog: Catalog) -> list[str]:
    """Message ids without a (non-fuzzy) translation."""
    missing = []
    for message in catalog:
        if not message.id:
            continue
        strings = message.string if isinstance(message.string, (list, tuple)) else [message.string]
        if message.fuzzy or not all(strings):
            missing.append(_key(message))
    return missing


def check_component(component: Component) -> list[str]:
    """Problems of one component: strings missing from a catalogue, empty English
    translations, ``.mo`` files older than their ``.po``."""
    template = extract(component)
    problems = []
    for lang in LANGUAGES:
        path = component.po_path(lang)
        if not path.exists():
            problems.append(f"{component.name}: catalogue absent : {path}")
            continue
        catalog = _load(path, lang)
        for message in template:
            if message.id and catalog.get(message.id, message.context) is None:
                where = ", ".join(f"{f}:{n}" for f, n in message.locations[:3])
                problems.append(
                    f"{component.name} [{lang}] : absent du catalogue : {_key(message)!r} ({where})"
                )
        if lang != SOURCE_LANGUAGE:
            problems += [
                f"{component.name} [{lang}] : traduction vide : {msgid!r}"
                for msgid in untranslated(catalog)
            ]
        mo = component.mo_path(lang)
        if not mo.exists() or mo.read_bytes() != _mo_bytes(catalog):
            problems.append(f"{component.name} [{lang}] : {mo.name} à recompiler")
    return problems


def _selected(names: Iterable[str]) -> list[Component]:
    wanted = set(names)
    return [c for c in components() if not wanted or c.name in wanted]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m tremplin.core.i18n_tools",
        description="Catalogues de traduction de Tremplin.",
    )
    parser.add_argument(
        "command",
        choices=("update", "check"),
        help="update : extraire, fusionner, compiler ; check : vérifier",
    )
    parser.add_argument("components", nargs="*", help="core, pages... (tous par défaut)")
    args = parser.parse_args(argv)
    selected = _selected(args.components)
    if args.command == "update":
        for component in selected:
            print("\n".join(update_component(component)))
        return 0
    problems = [p for component in selected for p in check_component(component)]
    print("\n".join(problems) if problems else "Catalogues complets.")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
