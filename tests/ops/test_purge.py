"""Retention rules of ``tremplin purge`` over backups, exports, outbox and logs."""

from __future__ import annotations

import os
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tremplin.cli.main import app as cli_app
from tremplin.core.config import Config, ConfigError, load_config
from tremplin.core.ops.local_server import write_config
from tremplin.core.ops.purge import plan, purge

NOW = datetime(2026, 11, 28, 12, 0, tzinfo=UTC)


def config_for(instance: Path, **retention: object) -> Config:
    return load_config(overrides={"app": {"instance_path": str(instance)}, "retention": retention})


def touch(path: Path, days_old: float) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b"x" * 10)
    stamp = (NOW - timedelta(days=days_old)).timestamp()
    os.utime(path, (stamp, stamp))
    return path


def backup_name(days_old: float) -> str:
    return f"tremplin-backup-{(NOW - timedelta(days=days_old)):%Y%m%dT%H%M%SZ}.tar.gz"


def test_old_backups_go_but_the_newest_are_always_kept(tmp_path: Path) -> None:
    folder = tmp_path / "instance" / "backups"
    ages = [1, 2, 10, 40, 50, 60, 70]
    for age in ages:
        # The age comes from the name: a fresh mtime must not save an old backup.
        touch(folder / backup_name(age), 0)
    stray = touch(folder / "notes.txt", 400)
    config = config_for(tmp_path / "instance", backups_days=30, backups_keep_min=3)
    removed = {r.path.name for r in purge(config, now=NOW)}
    assert removed == {backup_name(a) for a in (40, 50, 60, 70)}
    assert sorted(p.name for p in folder.iterdir()) == sorted(
        [backup_name(a) for a in (1, 2, 10)] + ["notes.txt"]
    )
    assert stray.exists()


def test_keep_min_protects_old_backups_when_few_remain(tmp_path: Path) -> None:
    folder = tmp_path / "instance" / "backups"
    for age in (100, 200, 300):
        touch(folder / backup_name(age), age)
    config = config_for(tmp_path / "instance", backups_days=30, backups_keep_min=2)
    assert [r.path.name for r in purge(config, now=NOW)] == [backup_name(300)]


def test_backup_dir_setting_is_used(tmp_path: Path) -> None:
    elsewhere = tmp_path / "offsite"
    touch(elsewhere / backup_name(90), 90)
    config = config_for(tmp_path / "instance", backup_dir=str(elsewhere), backups_keep_min=0)
    assert [r.category for r in plan(config, NOW)] == ["sauvegarde"]


def test_exports_outbox_and_logs(tmp_path: Path) -> None:
    instance = tmp_path / "instance"
    old = [
        touch(instance / "exports" / "u1" / "data.zip", 8),
        touch(instance / "outbox" / "a.eml", 31),
        touch(instance / "logs" / "tremplin.log.3", 91),
        touch(instance / "logs" / "tremplin.log.2.gz", 100),
    ]
    kept = [
        touch(instance / "exports" / "u2" / "data.zip", 6),
        touch(instance / "outbox" / "b.eml", 29),
        touch(instance / "logs" / "tremplin.log", 1),
        touch(instance / "logs" / "keep-me.txt", 500),
        touch(instance / "uploads" / "logo.png", 900),
    ]
    config = config_for(instance)
    removals = purge(config, now=NOW)
    assert sorted(r.path for r in removals) == sorted(old)
    assert {r.category for r in removals} == {"export", "courriel de développement", "journal"}
    assert not any(p.exists() for p in old) and all(p.exists() for p in kept)
    assert not (instance / "exports" / "u1").exists()  # emptied folder pruned


def test_dry_run_removes_nothing(tmp_path: Path) -> None:
    instance = tmp_path / "instance"
    path = touch(instance / "outbox" / "old.eml", 45)
    config = config_for(instance)
    assert [r.path for r in purge(config, dry_run=True, now=NOW)] == [path]
    assert path.exists()


def test_zero_days_disables_a_rule(tmp_path: Path) -> None:
    instance = tmp_path / "instance"
    path = touch(instance / "logs" / "ancient.log", 3000)
    assert plan(config_for(instance, logs_days=0), NOW) == []
    assert path.exists()


def test_negative_values_are_refused(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match=r"\[retention\] exports_days must be 0 or more"):
        config_for(tmp_path, exports_days=-1)


def test_purge_command_prints_what_it_removes(tmp_path: Path) -> None:
    instance = tmp_path / "instance"
    config = write_config(
        tmp_path / "t.toml",
        instance,
        f"sqlite:///{tmp_path / 'db.sqlite'}",
        "purge-test-secret-" + "x8y7z6" * 8,
    )
    old = touch(instance / "outbox" / "old.eml", 400)
    runner = CliRunner()
    dry = runner.invoke(cli_app, ["--config", str(config), "purge", "--dry-run"])
    assert dry.exit_code == 0, dry.output
    assert "serait supprimé" in dry.output and "old.eml" in dry.output and old.exists()
    done = runner.invoke(cli_app, ["--config", str(config), "purge"])
    assert done.exit_code == 0 and "1 fichier(s) supprimé(s)" in done.output
    assert not old.exists()
