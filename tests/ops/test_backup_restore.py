"""Backup then restore gives back every table row and every uploaded file; damaged,
tampered or malicious archives are refused; no secret is ever written to an archive.

Runs on SQLite, or on PostgreSQL when TREMPLIN_TEST_DATABASE_URL is set.
"""

from __future__ import annotations

import gzip
import io
import json
import tarfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa
from flask import Flask
from typer.testing import CliRunner

from tremplin.cli.main import app as cli_app
from tremplin.core.app import create_app
from tremplin.core.extensions import db
from tremplin.core.ops.archive import MANIFEST, ArchiveError
from tremplin.core.ops.backup import create_backup
from tremplin.core.ops.local_server import write_config
from tremplin.core.ops.restore import restore_archive
from tremplin.core.testing import databases
from tremplin.core.testing.fixtures import TEST_PASSWORD

SECRET_KEY = "backup-test-secret-" + "Qz7Wx3" * 8
SMTP_PASSWORD = "smtp-pw-Kv81Lq0Zr4"
UPLOADS = {
    "companies/1/logo.png": bytes(range(256)) * 4,
    "companies/2/plaquette.pdf": b"%PDF-1.7 \x00\xff fake",
    "notes/réunion.txt": "Compte rendu : « export » vers Dakar\n".encode(),
}


@pytest.fixture
def instance(tmp_path: Path, template_database: str) -> Iterator[tuple[Flask, Path]]:
    """A migrated instance with a configuration file, demo data and uploaded files."""
    url = databases.new_database_url(tmp_path, template_database)
    config = write_config(
        tmp_path / "tremplin.toml",
        tmp_path / "instance",
        url,
        SECRET_KEY,
        {
            "mail": {"smtp_password": SMTP_PASSWORD},
            "retention": {"backup_dir": str(tmp_path / "backups")},
        },
    )
    app = create_app(config)
    _add_data(app, tmp_path / "instance" / "uploads")
    yield app, config
    with app.app_context():
        db.session.remove()
        db.engine.dispose()
    databases.drop_database(url)


def _add_data(app: Flask, uploads: Path) -> None:
    from tremplin.core.accounts.shared.services import create_user
    from tremplin.core.demo import load_demo

    with app.app_context():
        load_demo(password=TEST_PASSWORD)
        create_user("moussa", "moussa@example.org", "Moussa", "Diop", TEST_PASSWORD, ["Expert"])
        db.session.execute(
            sa.text("UPDATE pages_page SET title_fr = :t WHERE slug = 'about'"),
            {"t": "À propos — édité <script>alert(1)</script>'; DROP TABLE x;--"},
        )
        db.session.commit()
    for name, content in UPLOADS.items():
        (uploads / name).parent.mkdir(parents=True, exist_ok=True)
        (uploads / name).write_bytes(content)


def table_rows(app: Flask) -> dict[str, list[str]]:
    with app.app_context():
        db.session.remove()
        with db.engine.connect() as conn:
            names = sorted(sa.inspect(conn).get_table_names())
            return {
                name: sorted(
                    repr(tuple(row)) for row in conn.execute(sa.text(f'SELECT * FROM "{name}"'))
                )
                for name in names
            }


def files(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def _alter(app: Flask, uploads: Path) -> None:
    with app.app_context():
        db.session.execute(
            sa.text(
                "DELETE FROM core_company WHERE id NOT IN "
                "(SELECT company_id FROM core_profile "
                "WHERE company_id IS NOT NULL)"
            )
        )
        db.session.execute(sa.text("UPDATE pages_page SET title_fr = 'vandalisé'"))
        db.session.execute(sa.text("UPDATE ab_user SET email = 'x' || email"))
        # As if a newer migration had run since the backup: the restore removes it.
        db.session.execute(sa.text("CREATE TABLE core_after_backup (id INTEGER PRIMARY KEY)"))
        db.session.execute(sa.text("INSERT INTO core_after_backup (id) VALUES (1)"))
        db.session.commit()
    (uploads / "companies/1/logo.png").write_bytes(b"replaced")
    (uploads / "notes/réunion.txt").unlink()
    (uploads / "intrus.txt").write_text("ajouté après la sauvegarde")


def test_round_trip_restores_every_row_and_file(instance: tuple[Flask, Path]) -> None:
    app, _config = instance
    uploads = app.extensions["tremplin"].config.instance_path / "uploads"
    rows_before, files_before = table_rows(app), files(uploads)
    # The demo data's stored files (the resource centre's documents) and the test's.
    assert len(rows_before["core_company"]) >= 5 and UPLOADS.keys() <= files_before.keys()
    archive = create_backup(app)
    assert archive.parent.name == "backups" and archive.name.startswith("tremplin-backup-")
    _alter(app, uploads)
    assert table_rows(app) != rows_before and files(uploads) != files_before
    report = restore_archive(app, archive)
    assert table_rows(app) == rows_before
    assert files(uploads) == files_before
    assert report.files == len(files_before) and report.pending_migrations == []
    assert report.indexed > 0  # the search index was rebuilt from the restored data


def test_archive_holds_no_secret(instance: tuple[Flask, Path], tmp_path: Path) -> None:
    app, _config = instance
    archive = create_backup(app, tmp_path / "out")
    assert SECRET_KEY.encode() not in gzip.decompress(archive.read_bytes())
    with tarfile.open(archive) as tar:
        names = tar.getnames()
        contents = {m.name: _read(tar, m) for m in tar if m.isfile()}
    assert names[0] == MANIFEST and "config/tremplin.toml" in names
    for content in contents.values():
        assert SECRET_KEY.encode() not in content and SMTP_PASSWORD.encode() not in content
    saved = contents["config/tremplin.toml"].decode()
    assert 'secret_key = ""' in saved and 'smtp_password = ""' in saved
    manifest = json.loads(contents[MANIFEST])
    assert manifest["database_backend"] in ("sqlite", "postgresql")
    assert set(manifest["revisions"]) >= {"core", "pages"} and manifest["revisions"]["core"]
    assert set(manifest["files"]) == set(names) - {MANIFEST}


def _read(tar: tarfile.TarFile, member: tarfile.TarInfo) -> bytes:
    handle = tar.extractfile(member)
    assert handle is not None
    return handle.read()


def rewrite(
    archive: Path,
    target: Path,
    change: Callable[[str, bytes], bytes | None],
    extra: list[tuple[tarfile.TarInfo, bytes]] = (),
) -> Path:  # type: ignore[assignment]
    """A copy of the archive with members changed (``None`` drops one) or added."""
    with tarfile.open(archive) as source, tarfile.open(target, "w:gz") as out:
        for member in source:
            data = change(member.name, _read(source, member))
            if data is not None:
                member.size = len(data)
                out.addfile(member, io.BytesIO(data))
        for info, data in extra:
            info.size = len(data)
            out.addfile(info, io.BytesIO(data))
    return target


def _flip(data: bytes) -> bytes:
    middle = len(data) // 2
    return data[:middle] + bytes([data[middle] ^ 0x01]) + data[middle + 1 :]


def _edit_manifest(data: bytes) -> bytes:
    manifest = json.loads(data)
    name = next(n for n in manifest["files"] if n.startswith("files/"))
    manifest["files"][name]["sha256"] = "0" * 64
    return json.dumps(manifest).encode()


def _member(name: str, kind: bytes = tarfile.REGTYPE, link: str = "") -> tarfile.TarInfo:
    info = tarfile.TarInfo(name)
    info.type, info.linkname = kind, link
    return info


def _on(
    test: Callable[[str], bool], edit: Callable[[bytes], bytes | None]
) -> Callable[[str, bytes], bytes | None]:
    return lambda name, data: edit(data) if test(name) else data


# case: (expected reason, member change, members added)
TAMPERING: dict[str, tuple[str, Callable[[str, bytes], bytes | None], list[Any]]] = {
    "flipped byte in the database": (
        "somme de contrôle incorrecte pour database/",
        _on(lambda n: n.startswith("database/"), _flip),
        [],
    ),
    "flipped byte in an upload": (
        "somme de contrôle incorrecte pour files/uploads/companies/1/logo.png",
        _on(lambda n: n.endswith("logo.png"), _flip),
        [],
    ),
    "edited manifest": (
        "somme de contrôle incorrecte pour files/",
        _on(lambda n: n == MANIFEST, _edit_manifest),
        [],
    ),
    "member dropped": (
        "fichier manquant dans l'archive : files/uploads/companies/2/plaquette.pdf",
        _on(lambda n: n.endswith(".pdf"), lambda d: None),
        [],
    ),
    "manifest dropped": ("MANIFEST.json absent", _on(lambda n: n == MANIFEST, lambda d: None), []),
    "path traversal": (
        "chemin interdit",
        _on(lambda n: False, _flip),
        [(_member("files/uploads/../../../evil.txt"), b"pwned")],
    ),
    "absolute path": (
        "chemin interdit",
        _on(lambda n: False, _flip),
        [(_member("/tmp/evil-tremplin.txt"), b"pwned")],
    ),
    "symbolic link": (
        "membre interdit",
        _on(lambda n: False, _flip),
        [(_member("files/uploads/link", tarfile.SYMTYPE, "/etc/passwd"), b"")],
    ),
    "unlisted member": (
        "fichier absent du manifeste : files/uploads/extra.txt",
        _on(lambda n: False, _flip),
        [(_member("files/uploads/extra.txt"), b"not in manifest")],
    ),
}


@pytest.mark.parametrize("case", sorted(TAMPERING))
def test_tampered_archive_is_refused_and_nothing_changes(
    instance: tuple[Flask, Path], tmp_path: Path, case: str
) -> None:
    app, config = instance
    archive = create_backup(app, tmp_path / "out")
    reason, change, extra = TAMPERING[case]
    bad = rewrite(archive, tmp_path / "bad.tar.gz", change, extra)
    uploads = app.extensions["tremplin"].config.instance_path / "uploads"
    (uploads / "after-backup.txt").write_text("must survive a refused restore")
    rows, uploaded = table_rows(app), files(uploads)
    with pytest.raises(ArchiveError) as refused:
        restore_archive(app, bad)
    assert reason in str(refused.value)
    assert table_rows(app) == rows and files(uploads) == uploaded
    assert not (tmp_path / "evil.txt").exists() and not Path("/tmp/evil-tremplin.txt").exists()
    result = CliRunner().invoke(cli_app, ["--config", str(config), "restore", str(bad), "--yes"])
    assert result.exit_code == 1
    assert "archive refusée" in result.output and "Traceback" not in result.output


def test_truncated_archive_is_refused_by_the_command(
    instance: tuple[Flask, Path], tmp_path: Path
) -> None:
    app, config = instance
    archive = create_backup(app, tmp_path / "out")
    cut = tmp_path / "cut.tar.gz"
    cut.write_bytes(archive.read_bytes()[: archive.stat().st_size // 2])
    result = CliRunner().invoke(cli_app, ["--config", str(config), "restore", str(cut), "--yes"])
    assert result.exit_code == 1 and "archive refusée" in result.output
    assert len(result.output.strip().splitlines()) <= 2  # one message (maybe wrapped)


def test_backup_and_restore_commands(instance: tuple[Flask, Path], tmp_path: Path) -> None:
    _app, config = instance
    runner = CliRunner()
    made = runner.invoke(
        cli_app, ["--config", str(config), "backup", "--output", str(tmp_path / "cli")]
    )
    assert made.exit_code == 0, made.output
    archive = next((tmp_path / "cli").glob("tremplin-backup-*.tar.gz"))
    assert archive.stat().st_mode & 0o077 == 0  # personal data: owner only
    checked = runner.invoke(cli_app, ["restore", str(archive), "--check"])
    assert checked.exit_code == 0 and "Archive intacte" in checked.output
    bad = rewrite(archive, tmp_path / "bad.tar.gz", _on(lambda n: n == MANIFEST, _edit_manifest))
    refused_check = runner.invoke(cli_app, ["restore", str(bad), "--check"])
    assert refused_check.exit_code == 1 and "somme de contrôle incorrecte" in refused_check.output
    refused = runner.invoke(
        cli_app, ["--config", str(config), "restore", str(archive)], input="n\n"
    )
    assert refused.exit_code == 1 and "annulée" in refused.output
    done = runner.invoke(cli_app, ["--config", str(config), "restore", str(archive), "--yes"])
    assert done.exit_code == 0, done.output
    assert "Restauration terminée" in done.output
