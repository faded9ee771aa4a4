"""The Ansible deployment (ansible/): syntax, lint, rendered templates, topology checks.

Everything runs offline on this machine and touches nothing outside pytest's
scratch folders: playbooks are only syntax-checked, templates are rendered by
``ansible/tests/render.yml`` with ``-c local`` and fake secrets, then checked with
the tools that read them (tomllib and Tremplin's own config loader, ``nginx -t``,
``systemd-analyze verify``, ``bash -n``). What needs real servers is listed in
docs/ops/ansible-tests.md.

The tools come from the Python environment running pytest (or PATH); the tests
skip with a reason when ``ansible-playbook`` or ``ansible-lint`` is missing
(``pip install -r tests/ansible/requirements.txt``).
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import tomllib
from collections.abc import Iterator
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
ANSIBLE_DIR = REPO / "ansible"
ROLES_DIR = ANSIBLE_DIR / "roles"
INVENTORIES = ("test", "production")
PLAYBOOKS = ("site.yml", "deploy.yml", "backup.yml")
# Hosts rendered per inventory: one of each kind (web2 is web1's twin).
RENDER_HOSTS = {
    "test": "tremplin-test.francophonie.org",
    "production": "tremplin-web1.francophonie.org:tremplin-worker1.francophonie.org:"
                  "tremplin-db1.francophonie.org",
}
# Collections that requirements.yml declares and the roles use.
COLLECTION_MODULES = {"community.postgresql": ("postgresql_db", "postgresql_user")}

# What ansible/roles/tremplin_app/templates/config.toml.j2 may write: the keys of the
# brief, plus [app] web_servers and [sessions] redis_url that the application
# declares for several web servers.
CONFIG_KEYS = {
    "app": {"environment", "secret_key", "site_name", "base_url", "instance_path",
            "languages", "trusted_proxies", "max_upload_mb", "debug", "web_servers"},
    "database": {"url", "echo"},
    "tasks": {"redis_url", "immediate", "workers"},
    "mail": {"backend", "sender", "smtp_host", "smtp_port", "smtp_username",
             "smtp_password", "smtp_starttls"},
    "limits": {"enabled", "storage_url", "default"},
    "sessions": {"redis_url"},
    "security": {"https", "hsts_seconds"},
    "logging": {"level", "json"},
    "search": {"index_path"},
    "plugins": {"enabled"},
}


def find_tool(name: str) -> str | None:
    """The tool next to this Python (the project's virtualenv) first, else on PATH."""
    beside = Path(sys.executable).parent / name
    if beside.is_file() and os.access(beside, os.X_OK):
        return str(beside)
    return shutil.which(name)


ANSIBLE_PLAYBOOK = find_tool("ansible-playbook")
ANSIBLE_LINT = find_tool("ansible-lint")

pytestmark = pytest.mark.skipif(
    ANSIBLE_PLAYBOOK is None,
    reason="ansible-playbook is not installed (pip install -r tests/ansible/requirements.txt)")


def run(args: list[str], env: dict[str, str], timeout: int = 300) -> subprocess.CompletedProcess[str]:
    return subprocess.run(args, cwd=ANSIBLE_DIR, env=env, capture_output=True, text=True,
                          timeout=timeout, stdin=subprocess.DEVNULL, check=False)


def output_of(result: subprocess.CompletedProcess[str]) -> str:
    return f"exit {result.returncode}\n--- stdout\n{result.stdout}\n--- stderr\n{result.stderr}"


def write_stub_collections(root: Path) -> Path:
    """Empty stand-ins for the modules of uninstalled collections.

    The syntax check only needs module names to resolve. They come last in the
    collections path, so an installed collection (ansible/collections, ~/.ansible)
    always wins.
    """
    for collection, modules in COLLECTION_MODULES.items():
        namespace, name = collection.split(".")
        folder = root / "ansible_collections" / namespace / name / "plugins" / "modules"
        folder.mkdir(parents=True, exist_ok=True)
        for module in modules:
            (folder / f"{module}.py").write_text(
                '"""Stand-in for the syntax check of Tremplin\'s playbooks."""\n')
    return root


@pytest.fixture(scope="module")
def ansible_env(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """Environment of every ansible command: the project's ansible.cfg, no colour, offline."""
    scratch = tmp_path_factory.mktemp("ansible-home")
    stubs = write_stub_collections(scratch / "stub-collections")
    env = {key: value for key, value in os.environ.items()
           if not key.startswith("ANSIBLE_") or key == "ANSIBLE_HOME"}
    env.update({
        "ANSIBLE_CONFIG": str(ANSIBLE_DIR / "ansible.cfg"),
        "ANSIBLE_COLLECTIONS_PATH": os.pathsep.join([
            str(ANSIBLE_DIR / "collections"), str(Path.home() / ".ansible" / "collections"),
            "/usr/share/ansible/collections", str(stubs)]),
        "ANSIBLE_LOCAL_TEMP": str(scratch / "tmp"),
        "ANSIBLE_NOCOLOR": "1",
        "ANSIBLE_FORCE_COLOR": "0",
        "NO_COLOR": "1",
        "PATH": os.pathsep.join([str(Path(sys.executable).parent), env.get("PATH", "")]),
    })
    return env


# --- Syntax and lint ------------------------------------------------------------------

@pytest.mark.parametrize("inventory", INVENTORIES)
def test_playbooks_pass_the_syntax_check(inventory: str, ansible_env: dict[str, str]) -> None:
    assert ANSIBLE_PLAYBOOK
    for playbook in PLAYBOOKS:
        result = run([ANSIBLE_PLAYBOOK, "--syntax-check", "-i",
                      f"inventories/{inventory}/hosts.yml", playbook], ansible_env)
        assert result.returncode == 0, f"{playbook} with {inventory}:\n{output_of(result)}"


@pytest.mark.skipif(ANSIBLE_LINT is None, reason="ansible-lint is not installed")
def test_ansible_lint_production_profile_is_clean(ansible_env: dict[str, str]) -> None:
    assert ANSIBLE_LINT
    result = run([ANSIBLE_LINT, "--nocolor"], ansible_env, timeout=600)
    assert result.returncode == 0, output_of(result)
    assert "Profile 'production' was required, and it passed" in result.stdout + result.stderr


# --- Rendered templates ---------------------------------------------------------------

def make_scratch_install(root: Path) -> dict[str, str]:
    """Fake install paths, so that unit files and nginx point at files that exist."""
    venv = root / "venv"
    (venv / "bin").mkdir(parents=True)
    for tool in ("gunicorn", "tremplin"):
        script = venv / "bin" / tool
        script.write_text("#!/bin/sh\nexit 0\n")
        script.chmod(0o755)
    static = venv / "lib" / "python3.11" / "site-packages" / "tremplin" / "core" / "static"
    static.mkdir(parents=True)
    (static / "site.css").write_text("body { margin: 0; }\n")
    tls = root / "tls"
    tls.mkdir()
    (root / "log").mkdir()
    (root / "sbin").mkdir()
    return {
        "tremplin_app_venv": str(venv),
        "nginx_tls_dir": str(tls),
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


class Rendered:
    """The templates rendered for every host of one inventory."""

    def __init__(self, inventory: str, root: Path, extra_vars: dict[str, str],
                 hosts: dict[str, dict[str, Path]]) -> None:
        self.inventory = inventory
        self.root = root
        self.extra_vars = extra_vars
        self.hosts = hosts

    def files(self, key: str) -> Iterator[tuple[str, Path]]:
        for host, files in self.hosts.items():
            if key in files:
                yield host, files[key]


@pytest.fixture(scope="module", params=INVENTORIES)
def rendered(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory,
             ansible_env: dict[str, str]) -> Rendered:
    assert ANSIBLE_PLAYBOOK
    inventory = request.param
    root = tmp_path_factory.mktemp(f"render-{inventory}")
    extra_vars = make_scratch_install(root)
    result = run([ANSIBLE_PLAYBOOK, "tests/render.yml", "-c", "local",
                  "-i", "localhost,", "-i", f"inventories/{inventory}/hosts.yml",
                  "-e", "ansible_python_interpreter={{ ansible_playbook_python }}",
                  "-e", json.dumps({**extra_vars, "render_dir": str(root / "out"),
                                    "render_hosts": RENDER_HOSTS[inventory]})],
                 ansible_env)
    assert result.returncode == 0, output_of(result)
    hosts = {manifest.stem: split_rendered(manifest, root / "files" / manifest.stem)
             for manifest in sorted((root / "out").glob("*.json"))}
    assert set(hosts) == set(RENDER_HOSTS[inventory].split(":"))
    # The scripts the units start are the rendered ones.
    for key, name in (("backup/tremplin-backup.sh", "backup_script"),
                      ("postgresql/tremplin-pg-dump.sh", "postgresql_dump_script")):
        script = Path(extra_vars[name])
        shutil.copy(next(iter(hosts.values()))[key], script)
        script.chmod(0o755)
    return Rendered(inventory, root, extra_vars, hosts)


def test_every_template_of_every_role_is_rendered(rendered: Rendered) -> None:
    expected = {f"{path.parent.parent.name}/{path.name.removesuffix('.j2')}"
                for path in ROLES_DIR.glob("*/templates/*.j2")}
    assert expected
    for host, files in rendered.hosts.items():
        assert set(files) == expected, host


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
        assert config["tasks"]["redis_url"].startswith("redis://")
        assert config["limits"]["storage_url"].startswith("redis://")
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
            assert config["app"]["instance_path"], host


def nginx_check_config(root: Path, site: Path) -> Path:
    """A throw-away nginx.conf that includes the rendered site, writing only under root."""
    temp = root / "nginx-temp"
    temp.mkdir(exist_ok=True)
    conf = root / f"nginx-{site.parent.parent.name}.conf"
    conf.write_text(f"""
pid {root}/nginx.pid;
error_log {root}/nginx-error.log;
events {{ worker_connections 64; }}
http {{
    include /etc/nginx/mime.types;
    client_body_temp_path {temp}/body;
    proxy_temp_path {temp}/proxy;
    fastcgi_temp_path {temp}/fastcgi;
    uwsgi_temp_path {temp}/uwsgi;
    scgi_temp_path {temp}/scgi;
    include {site};
}}
""")
    return conf


def self_signed_certificate(tls: Path) -> None:
    if (tls / "fullchain.pem").exists():
        return
    openssl = shutil.which("openssl")
    if openssl is None:
        pytest.skip("openssl is not installed")
    subprocess.run([openssl, "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
                    "-subj", "/CN=tremplin.test", "-keyout", str(tls / "privkey.pem"),
                    "-out", str(tls / "fullchain.pem")],
                   check=True, capture_output=True, timeout=60)


def test_nginx_site_passes_nginx_t(rendered: Rendered) -> None:
    nginx = shutil.which("nginx") or next(
        (p for p in ("/usr/sbin/nginx",) if os.access(p, os.X_OK)), None)
    if nginx is None:
        pytest.skip("nginx is not installed (apt-get install nginx-light)")
    if not Path("/etc/nginx/mime.types").is_file():
        pytest.skip("/etc/nginx/mime.types is missing")
    self_signed_certificate(Path(rendered.extra_vars["nginx_tls_dir"]))
    checked = 0
    for host, site in rendered.files("nginx/tremplin.conf"):
        conf = nginx_check_config(rendered.root, site)
        result = subprocess.run([nginx, "-t", "-q", "-p", str(rendered.root), "-c", str(conf),
                                 "-e", str(rendered.root / "nginx-error.log")],
                                capture_output=True, text=True, timeout=60, check=False)
        assert result.returncode == 0, f"{host}:\n{output_of(result)}"
        checked += 1
    assert checked


def test_nginx_site_follows_the_deployment_rules(rendered: Rendered) -> None:
    for host, site in rendered.files("nginx/tremplin.conf"):
        text = site.read_text()
        config = tomllib.loads(rendered.hosts[host]["tremplin_app/config.toml"].read_text())
        assert "ssl_protocols TLSv1.2 TLSv1.3;" in text, host
        assert "return 301 https://" in text, host
        assert "Strict-Transport-Security" in text, host
        assert f"client_max_body_size {config['app']['max_upload_mb']}m;" in text, host
        static = Path(rendered.extra_vars["tremplin_app_venv"], "lib", "python3.11",
                      "site-packages", "tremplin", "core", "static")
        assert f"alias {static}/;" in text, host
        for header in ("X-Forwarded-For", "X-Forwarded-Proto", "X-Forwarded-Host"):
            assert f"proxy_set_header {header} " in text, host
        assert "location = /readyz" in text and "location = /lb-health" in text, host


def test_systemd_units_pass_systemd_analyze_verify(rendered: Rendered) -> None:
    analyze = shutil.which("systemd-analyze")
    if analyze is None:
        pytest.skip("systemd-analyze is not installed")
    for host, files in rendered.hosts.items():
        units = rendered.root / "units" / host
        units.mkdir(parents=True)
        for key, path in files.items():
            if path.suffix in {".service", ".socket", ".timer"}:
                shutil.copy(path, units / path.name)
        names = sorted(p.name for p in units.iterdir())
        assert names
        result = subprocess.run([analyze, "verify", "--man=no", *names], cwd=units,
                                capture_output=True, text=True, timeout=120, check=False)
        assert result.returncode == 0 and not result.stderr.strip(), f"{host}:\n{output_of(result)}"


def test_units_stop_gracefully_and_reload_with_hup(rendered: Rendered) -> None:
    for host, path in rendered.files("tremplin_app/tremplin.service"):
        text = path.read_text()
        assert "ExecReload=/bin/kill -HUP $MAINPID" in text, host
        assert "--no-control-socket -c python:tremplin.core.gunicorn_conf tremplin.core.wsgi:app" \
            in text, host
        assert "Environment=TREMPLIN_CONFIG=/etc/tremplin/config.toml" in text, host
        assert "Requires=tremplin.socket" in text, host
    for host, path in rendered.files("tremplin_app/tremplin-worker.service"):
        assert "KillSignal=SIGINT" in path.read_text(), host


def test_shell_scripts_parse(rendered: Rendered) -> None:
    bash = shutil.which("bash")
    if bash is None:
        pytest.skip("bash is not installed")
    for host, files in rendered.hosts.items():
        for key, path in files.items():
            if path.suffix == ".sh":
                result = subprocess.run([bash, "-n", str(path)], capture_output=True,
                                        text=True, timeout=30, check=False)
                assert result.returncode == 0, f"{host} {key}:\n{output_of(result)}"


def test_nftables_ruleset_parses(rendered: Rendered) -> None:
    nft = shutil.which("nft") or ("/usr/sbin/nft" if os.access("/usr/sbin/nft", os.X_OK) else None)
    if nft is None:
        pytest.skip("nft is not installed")
    for host, path in rendered.files("base/nftables.conf"):
        result = subprocess.run([nft, "--check", "--file", str(path)], capture_output=True,
                                text=True, timeout=30, check=False)
        if result.returncode != 0 and "Operation not permitted" in result.stderr:
            pytest.skip("nft --check needs CAP_NET_ADMIN here")
        assert result.returncode == 0, f"{host}:\n{output_of(result)}"


# --- Topology checks --------------------------------------------------------------------

def run_topology(inventory: str, extra_vars: dict[str, str],
                 env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    assert ANSIBLE_PLAYBOOK
    return run([ANSIBLE_PLAYBOOK, "tests/topology.yml", "-i", f"tests/{inventory}",
                "-e", "ansible_python_interpreter={{ ansible_playbook_python }}",
                "-e", json.dumps(extra_vars)], env)


SHARED = {
    "tremplin_app_database_url": "postgresql+psycopg://tremplin:secret@10.0.0.5:5432/tremplin",
    "tremplin_app_tasks_redis_url": "redis://:secret@10.0.0.6:6379/0",
    "tremplin_app_limits_storage_url": "redis://:secret@10.0.0.6:6379/1",
    "tremplin_app_shared_dir": "/srv/tremplin-partage",
}


def test_two_web_hosts_with_sqlite_are_refused(ansible_env: dict[str, str]) -> None:
    result = run_topology("inventory-two-web.yml",
                          {**SHARED, "tremplin_app_database_url": "sqlite:////var/lib/t.db"},
                          ansible_env)
    assert result.returncode != 0, output_of(result)
    assert "SQLite" in result.stdout, output_of(result)


def test_two_web_hosts_without_a_shared_folder_are_refused(ansible_env: dict[str, str]) -> None:
    result = run_topology("inventory-two-web.yml", {**SHARED, "tremplin_app_shared_dir": ""},
                          ansible_env)
    assert result.returncode != 0, output_of(result)
    assert "tremplin_app_shared_dir" in result.stdout, output_of(result)


def test_two_web_hosts_with_postgresql_and_redis_pass(ansible_env: dict[str, str]) -> None:
    result = run_topology("inventory-two-web.yml", SHARED, ansible_env)
    assert result.returncode == 0, output_of(result)


def test_one_host_may_keep_sqlite(ansible_env: dict[str, str]) -> None:
    result = run_topology("inventory-one-host.yml", {"tremplin_app_database_url": ""},
                          ansible_env)
    assert result.returncode == 0, output_of(result)


# --- Layout --------------------------------------------------------------------------------

def test_inventories_share_the_same_topology_file() -> None:
    texts = {inventory: (ANSIBLE_DIR / "inventories" / inventory / "group_vars" / "all"
                         / "topology.yml").read_text() for inventory in INVENTORIES}
    assert len(set(texts.values())) == 1, "topology.yml differs between inventories"


def test_render_role_sees_the_defaults_of_every_role() -> None:
    linked = {p.stem for p in (ANSIBLE_DIR / "tests" / "roles" / "render_templates" / "defaults"
                               / "main").glob("*.yml")}
    roles = {p.name for p in ROLES_DIR.iterdir() if p.is_dir()}
    assert linked == roles


def test_every_role_has_the_expected_shape_and_documents_its_defaults() -> None:
    yaml = pytest.importorskip("yaml")
    for role in sorted(p for p in ROLES_DIR.iterdir() if p.is_dir()):
        for part in ("defaults/main.yml", "tasks/main.yml", "handlers/main.yml", "README.md"):
            assert (role / part).is_file(), f"{role.name}: {part} is missing"
        defaults = yaml.safe_load((role / "defaults" / "main.yml").read_text()) or {}
        readme = (role / "README.md").read_text()
        for name in defaults:
            assert name.startswith(f"{role.name}_"), f"{role.name}: {name} lacks the prefix"
            assert f"`{name}`" in readme, f"{role.name}: {name} is not in README.md"


def test_no_secret_file_is_committed() -> None:
    git = shutil.which("git")
    if git is None or not (REPO / ".git").exists():
        pytest.skip("not a git checkout")
    tracked = subprocess.run([git, "ls-files", "ansible"], cwd=REPO, capture_output=True,
                             text=True, check=True).stdout.split()
    assert not [path for path in tracked if path.endswith("/vault.yml")]
    example = (ANSIBLE_DIR / "vault.example.yml").read_text()
    for inventory in INVENTORIES:
        topology = (ANSIBLE_DIR / "inventories" / inventory / "group_vars" / "all"
                    / "topology.yml").read_text()
        for name in set(re.findall(r"\bvault_[a-z0-9_]+", topology)):
            assert f"\n{name}:" in example, f"{name} is missing from vault.example.yml"
