"""Stored files are part of ``tremplin backup`` and ``tremplin restore``, wherever
``[storage] folder`` points (a shared mount with several web servers)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from flask import Flask

from tremplin.core.api import db, storage
from tremplin.core.app import create_app
from tremplin.core.ops.backup import create_backup
from tremplin.core.ops.local_server import write_config
from tremplin.core.ops.restore import _replace_contents, restore_archive
from tremplin.core.storage import services
from tremplin.core.testing import databases
from tremplin.core.testing import storage as samples

SECRET_KEY = "storage-backup-secret-" + "Rt5Yu8" * 8


@pytest.fixture
def instance(tmp_path: Path, template_database: str) -> Iterator[Flask]:
    url = databases.new_database_url(tmp_path, template_database)
    config = write_config(
        tmp_path / "tremplin.toml",
        tmp_path / "instance",
        url,
        SECRET_KEY,
        {
            "storage": {"folder": str(tmp_path / "shared-files")},
            "retention": {"backup_dir": str(tmp_path / "backups")},
        },
    )
    app = create_app(config)
    yield app
    with app.app_context():
        db.session.remove()
        db.engine.dispose()
    databases.drop_database(url)


def test_backup_then_restore_gives_back_the_stored_files(instance: Flask) -> None:
    with instance.app_context():
        stored = storage.save(samples.pdf(), filename="cv.pdf", owner=None, purpose="x.cv")
        photo = storage.save(samples.jpeg_with_exif(), filename="p.jpg", owner=None, purpose="x.p")
        db.session.commit()
        original = services.path_of(stored).read_bytes()
        key, photo_key = stored.key, photo.key
        folder = services.folder(instance.extensions["tremplin"].config)
    assert folder.name == "shared-files"
    archive = create_backup(instance)
    with instance.app_context():
        storage.delete(storage.get(key))
        db.session.commit()
    assert not (folder / key[:2] / key).exists()
    report = restore_archive(instance, archive)
    assert report.files == 2
    with instance.app_context():
        back = storage.get(key)
        assert back is not None and back.filename == "cv.pdf"
        with storage.open(back) as handle:
            assert handle.read() == original
        assert storage.get(photo_key) is not None


def test_restore_into_a_mount_point_swaps_its_contents(tmp_path: Path) -> None:
    incoming, mount = tmp_path / "incoming", tmp_path / "mount"
    (incoming / "ab").mkdir(parents=True)
    (incoming / "ab" / "abcdef").write_bytes(b"archived")
    (mount / "zz").mkdir(parents=True)
    (mount / "zz" / "zzzz").write_bytes(b"current")
    (mount / "loose").write_bytes(b"x")
    assert _replace_contents(incoming, mount, 1) == 1
    assert samples.files_under(mount) == {mount / "ab" / "abcdef"}
    assert mount.is_dir()
