"""Every template of ansible/roles, rendered and checked by the tools that read it.

``ansible/tests/render.yml`` renders all the templates of all the roles with
``-c local`` and fake secrets, for one host of each kind in each inventory. The
rendered files are then read by tomllib and Tremplin's own config loader,
``nginx -t``, ``systemd-analyze verify``, ``bash -n`` and ``nft --check``; each of
those checks skips when its tool is missing.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import tomllib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

pytestmark = pytest.mark.any_database  # no database under test: once, on SQLite

ROLES_DIR = Path(__file__).resolve().parents[2] / "ansible" / "roles"
INVENTORIES = ("test", "production")
# Hosts rendered per inventory: one of each kind (web2 is web1's twin).
RENDER_HOSTS = {
    "test": "tremplin-test.francophonie.org",
    "production": "tremplin-web1.francophonie.org:tremplin-worker1.francophonie.org:"
    "tremplin-db1.francophonie.org",
}
STATIC_SUFFIX = ("lib", "python3.11", "site-packages", "tremplin", "core", "static")
# What roles/tremplin_app/templates/config.toml.j2 may write: the keys the
# deployment sets, all declared by the application (which rejects unknown keys).
CONFIG_KEYS = {
    "app": {
        "environment",
        "secret_key",
        "site_name",
        "base_url",
        "instance_path",
        "languages",
        "trusted_proxies",
        "max_upload_mb",
        "debug",
        "web_servers",
    },
    "database": {"url", "echo"},
    "tasks": {"redis_url", "immediate", "workers"},
    "mail": {
        "backend",
        "sender",
        "smtp_host",
        "smtp_port",
        "smtp_username",
        "smtp_password",
        "smtp_starttls",
    },
    "limits": {"enabled", "storage_url", "default"},
    "sessions": {"redis_url"},
    "retention": {"backup_dir", "backups_days", "backups_keep_min"},
    "security": {"https", "hsts_seconds"},
    "logging": {"level", "json"},
    "search": {"backend", "index_path"},
    "storage": {"folder", "max_bytes", "x_accel_prefix", "clamd_socket"},
    "plugins": {"enabled"},
}


class Rendered:
    """The templates rendered for the hosts of one inventory, as files."""

    def __init__(
        self, inventory: str, root: Path, paths: dict[str, str], hosts: dict[str, dict[str, Path]]
    ) -> None:
        self.inventory = inventory
        self.root = root
        self.paths = paths
        self.hosts = hosts

    def files(self, key: str) -> Iterator[tuple[str, Path]]:
        """(host, file) for every host that got ``<role>/<file>``."""
        for host, files in self.hosts.items():
            if key in files:
                yield host, files[key]


def scratch_install(root: Path) -> dict[str, str]:
    """Fake install paths, so that unit files and nginx point at files that exist."""
    venv = root / "venv"
    (venv / "bin").mkdir(parents=True)
    for tool in ("gunicorn", "tremplin"):
        script = venv / "bin" / tool
        script.write_text("#!/bin/sh\nexit 0\n")
        script.chmod(0o755)
    static = venv.joinpath(*STATIC_SUFFIX)
    static.mkdir(parents=True)
    (static / "site.css").write_text("body { margin: 0; }\n")
    for folder in ("tls", "log", "sbin"):
        (root / folder).mkdir()
    return {
        "tremplin_app_venv": str(venv),
        "nginx_tls_dir": str(root / "tls"),
        "nginx_log_dir": str(root / "log"),
        "backup_script": str(root / "sbin" / "tremplin-backup"),
        "postgresql_dump_script": str(root / "sbin" / "tremplin-pg-dump"),
    }


def split_rendered(manifest: Path, folder: Path) -> dict[str, Path]:
    """Write ``{"<role>/<file>": content}`` as files; return them by their key."""
    files = {}
    for key, content in json.loads(manifest.read_text()).items():
        path = folder / key
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(content)
        files[key] = path
    return files


@pytest.fixture(scope="module", params=INVENTORIES)
def rendered(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory, ansible: Any
) -> Rendered:
    inventory = request.param
    root = tmp_path_factory.mktemp(f"render-{inventory}")
    paths = scratch_install(root)
    result = ansible.playbook(
        "tests/render.yml",
        "-c",
        "local",
        "-i",
        "localhost,",
        "-i",
        f"inventories/{inventory}/hosts.yml",
        "-e",
        json.dumps(
            {**paths, "render_dir": str(root / "out"), "render_hosts": RENDER_HOSTS[inventory]}
        ),
    )
    assert result.returncode == 0, ansible.explain(result)
    hosts = {
        manifest.stem: split_rendered(manifest, root / "files" / manifest.stem)
        for manifest in sorted((root / "out").glob("*.json"))
    }
    assert set(hosts) == set(RENDER_HOSTS[inventory].split(":"))
    # The units start the rendered scripts.
    first = next(iter(hosts.values()))
    for key, name in (
        ("backup/tremplin-backup.sh", "backup_script"),
        ("postgresql/tremplin-pg-dump.sh", "postgresql_dump_script"),
    ):
        shutil.copy(first[key], paths[name])
        Path(paths[name]).chmod(0o755)
    return Rendered(inventory, root, paths, hosts)


def find_tool(name: str) -> str | None:
    found = shutil.which(name)
    if found is None and os.access(f"/usr/sbin/{name}", os.X_OK):
        found = f"/usr/sbin/{name}"
    return found


def run_tool(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(args, cwd=cwd, capture_output=True, text=True, timeout=120, check=False)


def explain(result: subprocess.CompletedProcess[str]) -> str:
    return f"exit {result.returncode}\n{result.stdout}\n{result.stderr}"


# --- Every template ---------------------------------------------------------------------


def test_every_template_of_every_role_is_rendered(rendered: Rendered) -> None:
    expected = {
        f"{path.parent.parent.name}/{path.name.removesuffix('.j2')}"
        for path in ROLES_DIR.glob("*/templates/*.j2")
    }
    assert expected
    for host, files in rendered.hosts.items():
        assert set(files) == expected, host


# --- config.toml ------------------------------------------------------------------------------


def test_config_toml_parses_and_has_only_known_keys(rendered: Rendered) -> None:
    for host, path in rendered.files("tremplin_app/config.toml"):
        config = tomllib.loads(path.read_text())
        assert set(config) == set(CONFIG_KEYS), host
        for section, keys in CONFIG_KEYS.items():
            assert set(config[section]) == keys, f"{host} [{section}]"
        assert config["app"]["environment"] == rendered.inventory
        assert config["app"]["trusted_proxies"] == 1
        assert config["security"]["https"] is True
        assert config["app"]["debug"] is False
        assert config["app"]["base_url"].startswith("https://")
        assert config["database"]["url"].startswith("postgresql+psycopg://")
        for url in (
            config["tasks"]["redis_url"],
            config["limits"]["storage_url"],
            config["sessions"]["redis_url"],
        ):
            assert url.startswith("redis://"), host
        assert all(isinstance(name, str) for name in config["plugins"]["enabled"])
        assert all(isinstance(code, str) for code in config["app"]["languages"])


def test_config_toml_is_accepted_by_tremplins_own_loader(rendered: Rendered) -> None:
    config_module = pytest.importorskip("tremplin.core.config")
    for host, path in rendered.files("tremplin_app/config.toml"):
        config = config_module.load_config(path, environ={})
        assert config.environment == rendered.inventory, host


def test_environments_are_told_apart(rendered: Rendered) -> None:
    for host, path in rendered.files("tremplin_app/config.toml"):
        config = tomllib.loads(path.read_text())
        if rendered.inventory == "test":
            assert "test" in config["app"]["site_name"], host
            assert config["mail"]["backend"] == "file", host
        else:
            assert config["mail"]["backend"] == "smtp", host
            assert config["app"]["web_servers"] == 2, host
            assert (
                config["app"]["instance_path"] == config["search"]["index_path"].rsplit("/", 1)[0]
            ), host


# --- nginx ------------------------------------------------------------------------------------


def nginx_check_config(root: Path, site: Path) -> Path:
    """A throw-away nginx.conf that includes the rendered site and writes only under root."""
    temp = root / "nginx-temp"
    temp.mkdir(exist_ok=True)
    conf = root / f"nginx-{site.parent.parent.name}.conf"
    temp_paths = "\n".join(
        f"    {kind}_temp_path {temp}/{kind};"
        for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
    )
    conf.write_text(f"""pid {root}/nginx.pid;
error_log {root}/nginx-error.log;
events {{ worker_connections 64; }}
http {{
    include /etc/nginx/mime.types;
{temp_paths}
    include {site};
}}
""")
    return conf


def self_signed_certificate(tls: Path) -> None:
    openssl = shutil.which("openssl")
    if openssl is None:
        pytest.skip("openssl is not installed")
    if not (tls / "fullchain.pem").exists():
        result = run_tool(
            openssl,
            "req",
            "-x509",
            "-newkey",
            "rsa:2048",
            "-nodes",
            "-days",
            "2",
            "-subj",
            "/CN=tremplin.test",
            "-keyout",
            str(tls / "privkey.pem"),
            "-out",
            str(tls / "fullchain.pem"),
        )
        assert result.returncode == 0, explain(result)


def test_nginx_site_passes_nginx_t(rendered: Rendered) -> None:
    nginx = find_tool("nginx")
    if nginx is None or not Path("/etc/nginx/mime.types").is_file():
        pytest.skip("nginx is not installed (apt-get install nginx-light)")
    self_signed_certificate(Path(rendered.paths["nginx_tls_dir"]))
    sites = list(rendered.files("nginx/tremplin.conf"))
    assert sites
    for host, site in sites:
        conf = nginx_check_config(rendered.root, site)
        result = run_tool(
            nginx,
            "-t",
            "-q",
            "-p",
            str(rendered.root),
            "-c",
            str(conf),
            "-e",
            str(rendered.root / "nginx-error.log"),
        )
        assert result.returncode == 0, f"{host}:\n{explain(result)}"


def test_nginx_site_follows_the_deployment_rules(rendered: Rendered) -> None:
    static = Path(rendered.paths["tremplin_app_venv"]).joinpath(*STATIC_SUFFIX)
    for host, site in rendered.files("nginx/tremplin.conf"):
        text = site.read_text()
        config = tomllib.loads(rendered.hosts[host]["tremplin_app/config.toml"].read_text())
        assert "ssl_protocols TLSv1.2 TLSv1.3;" in text, host
        assert "return 301 https://" in text, host
        assert "Strict-Transport-Security" in text, host
        assert f"client_max_body_size {config['app']['max_upload_mb']}m;" in text, host
        assert f"alias {static}/;" in text, host
        for header in ("X-Forwarded-For", "X-Forwarded-Proto", "X-Forwarded-Host"):
            assert f"proxy_set_header {header} " in text, host
        assert "location = /readyz" in text and "location = /lb-health" in text, host


def test_nginx_serves_the_storage_folder_internally(rendered: Rendered) -> None:
    for host, site in rendered.files("nginx/tremplin.conf"):
        text = site.read_text()
        storage = tomllib.loads(rendered.hosts[host]["tremplin_app/config.toml"].read_text())[
            "storage"
        ]
        location = f"location {storage['x_accel_prefix']} {{\n        internal;\n"
        assert location in text, host
        assert f"alias {storage['folder'].rstrip('/')}/;" in text, host
        assert storage["folder"].endswith("/uploads"), host


# --- systemd units, scripts, firewall --------------------------------------------------------


def test_systemd_units_pass_systemd_analyze_verify(rendered: Rendered) -> None:
    analyze = find_tool("systemd-analyze")
    if analyze is None:
        pytest.skip("systemd-analyze is not installed")
    for host, files in rendered.hosts.items():
        units = rendered.root / "units" / host
        units.mkdir(parents=True)
        for path in files.values():
            if path.suffix in {".service", ".socket", ".timer"}:
                shutil.copy(path, units / path.name)
        names = sorted(p.name for p in units.iterdir())
        assert names
        result = run_tool(analyze, "verify", "--man=no", *names, cwd=units)
        assert result.returncode == 0 and not result.stderr.strip(), f"{host}:\n{explain(result)}"


def test_units_reload_with_hup_and_stop_gracefully(rendered: Rendered) -> None:
    for host, path in rendered.files("tremplin_app/tremplin.service"):
        text = path.read_text()
        assert "ExecReload=/bin/kill -HUP $MAINPID" in text, host
        assert (
            "--no-control-socket -c python:tremplin.core.gunicorn_conf tremplin.core.wsgi:app"
        ) in text, host
        assert "Environment=TREMPLIN_CONFIG=/etc/tremplin/config.toml" in text, host
        assert "Requires=tremplin.socket" in text, host
    for host, path in rendered.files("tremplin_app/tremplin-worker.service"):
        assert "KillSignal=SIGINT" in path.read_text(), host


def test_shell_scripts_parse(rendered: Rendered) -> None:
    bash = find_tool("bash")
    if bash is None:
        pytest.skip("bash is not installed")
    for host, files in rendered.hosts.items():
        for key, path in files.items():
            if path.suffix == ".sh":
                result = run_tool(bash, "-n", str(path))
                assert result.returncode == 0, f"{host} {key}:\n{explain(result)}"


def test_nftables_ruleset_parses(rendered: Rendered) -> None:
    nft = find_tool("nft")
    if nft is None:
        pytest.skip("nft is not installed (apt-get install nftables)")
    for host, path in rendered.files("base/nftables.conf"):
        result = run_tool(nft, "--check", "--file", str(path))
        if result.returncode != 0 and "Operation not permitted" in result.stderr:
            pytest.skip("nft --check needs CAP_NET_ADMIN here")
        assert result.returncode == 0, f"{host}:\n{explain(result)}"
