"""Copy the database out (backup) and back in (restore), SQLite or PostgreSQL."""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
from pathlib import Path

from sqlalchemy import create_engine, text
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.pool import NullPool

from .archive import ArchiveError


def backend(url: str) -> str:
    name = make_url(url).get_backend_name()
    if name not in ("sqlite", "postgresql"):
        raise ArchiveError(f"moteur de base non pris en charge : {name}")
    return name


def sqlite_path(url: str) -> Path:
    database = make_url(url).database
    if not database or database == ":memory:":
        raise ArchiveError("base SQLite en mémoire : rien à sauvegarder")
    return Path(database)


def sqlite_backup(url: str, target: Path) -> None:
    """A consistent copy of a live SQLite database (online backup API)."""
    source_path = sqlite_path(url)
    if not source_path.is_file():
        raise ArchiveError(f"base SQLite introuvable : {source_path}")
    source = sqlite3.connect(str(source_path))
    destination = sqlite3.connect(str(target))
    try:
        source.backup(destination)
    finally:
        destination.close()
        source.close()


def sqlite_restore(url: str, dump: Path) -> None:
    """Check the archived file, then replace the database file with it atomically."""
    check = sqlite3.connect(str(dump))
    try:
        result = check.execute("PRAGMA integrity_check").fetchone()
    except sqlite3.DatabaseError as exc:
        raise ArchiveError(f"base SQLite de l'archive illisible ({exc})") from None
    finally:
        check.close()
    if not result or result[0] != "ok":
        raise ArchiveError("base SQLite de l'archive endommagée (integrity_check)")
    target = sqlite_path(url)
    target.parent.mkdir(parents=True, exist_ok=True)
    staged = target.with_name(target.name + ".restoring")
    shutil.copyfile(dump, staged)
    for suffix in ("-wal", "-shm"):
        Path(f"{target}{suffix}").unlink(missing_ok=True)
    os.replace(staged, target)


def libpq_env(url: str) -> dict[str, str]:
    """Connection settings as libpq variables (the password never on a command line)."""
    parsed: URL = make_url(url)
    env = dict(os.environ)
    pairs = {
        "PGHOST": parsed.host,
        "PGPORT": parsed.port,
        "PGUSER": parsed.username,
        "PGPASSWORD": parsed.password,
        "PGDATABASE": parsed.database,
    }
    for name, value in pairs.items():
        if value is not None:
            env[name] = str(value)
    for key, name in (("sslmode", "PGSSLMODE"), ("sslrootcert", "PGSSLROOTCERT")):
        if key in parsed.query:
            env[name] = str(parsed.query[key])
    return env


def _tool(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        raise ArchiveError(
            f"{name} introuvable : installez le client PostgreSQL "
            f"(paquet postgresql-client) de la même version que le serveur"
        )
    return path


def _run(command: list[str], url: str) -> None:
    done = subprocess.run(command, env=libpq_env(url), capture_output=True, text=True, check=False)
    if done.returncode != 0:
        lines = [line for line in done.stderr.strip().splitlines() if line.strip()]
        detail = lines[-1] if lines else f"code {done.returncode}"
        raise ArchiveError(f"{Path(command[0]).name} a échoué : {detail}")


def pg_dump(url: str, target: Path) -> None:
    _run([_tool("pg_dump"), "--format=custom", "--no-owner", "--no-acl", f"--file={target}"], url)


def pg_restore(url: str, dump: Path) -> None:
    """Make the configured database hold exactly the dump's tables and rows.

    The dump is read once (``--list``) before anything is dropped. Tables that are
    not in the dump (created by a newer migration, for instance) are dropped too,
    so that ``tremplin db upgrade`` starts from the archived state.
    """
    tool = _tool("pg_restore")
    _run([tool, "--list", str(dump)], url)
    drop_all_tables(url)
    database = make_url(url).database or ""
    _run(
        [
            tool,
            "--clean",
            "--if-exists",
            "--no-owner",
            "--no-acl",
            "--single-transaction",
            "--exit-on-error",
            f"--dbname={database}",
            str(dump),
        ],
        url,
    )


def drop_all_tables(url: str) -> None:
    """Drop every table and view of the connection's current schema, in one transaction."""
    engine = create_engine(url, poolclass=NullPool)
    try:
        with engine.begin() as conn:
            names = conn.execute(
                text(
                    "SELECT quote_ident(table_name), table_type FROM information_schema.tables "
                    "WHERE table_schema = current_schema()"
                )
            ).all()
            views = [name for name, kind in names if kind == "VIEW"]
            tables = [name for name, kind in names if kind != "VIEW"]
            if views:
                conn.execute(text(f"DROP VIEW IF EXISTS {', '.join(views)} CASCADE"))
            if tables:
                conn.execute(text(f"DROP TABLE IF EXISTS {', '.join(tables)} CASCADE"))
    except SQLAlchemyError as exc:
        raise ArchiveError(f"nettoyage de la base avant restauration impossible ({exc})") from None
    finally:
        engine.dispose()
