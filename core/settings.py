"""Declared settings: every configuration key, once, with its type, default and meaning.

The loader (:mod:`tremplin.core.config`) validates a TOML file against these
declarations, and ``tremplin config example`` writes ``config.example.toml`` from
them, so the example and the documentation never drift from the code.
Plugins declare their own section through the ``register_settings`` hook.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

ENVIRONMENTS = ("development", "test", "production")


@dataclass(frozen=True)
class Setting:
    """One configuration key.

    ``type`` is one of ``str``, ``int``, ``bool``, ``float``, ``list`` (of strings).
    ``secret`` keys are never printed and must be strong in production.
    ``choices`` restricts a string to a set of values.
    ``check`` is an optional validator returning an error message or ``None``.
    """

    key: str
    type: type
    default: Any
    description: str
    example: Any = None
    secret: bool = False
    choices: tuple[str, ...] = ()
    check: Callable[[Any], str | None] | None = None


@dataclass(frozen=True)
class SettingsSection:
    """A ``[section]`` of the TOML file and the keys it accepts."""

    name: str
    description: str
    settings: tuple[Setting, ...] = field(default_factory=tuple)

    def get(self, key: str) -> Setting | None:
        return next((s for s in self.settings if s.key == key), None)


def positive(value: int) -> str | None:
    """``Setting(check=positive)``: the number must be greater than 0."""
    return None if value > 0 else "must be greater than 0"


def not_negative(value: int) -> str | None:
    """``Setting(check=not_negative)``: 0 or more."""
    return None if value >= 0 else "must be 0 or more"


def _url_scheme(*schemes: str) -> Callable[[Any], str | None]:
    def check(value: str) -> str | None:
        if value and value.split(":", 1)[0] not in schemes:
            return "must start with one of: " + ", ".join(f"{s}:" for s in schemes)
        return None

    return check


#: The feature plugins shipped with Tremplin, loaded unless ``[plugins] enabled`` says
#: otherwise.
BUNDLED_PLUGINS = (
    "pages",
    "directory",
    "verification",
    "assessment",
    "messaging",
    "events",
    "resources",
    "surveys",
    "kpis",
    "support",
)

CORE_SECTIONS: tuple[SettingsSection, ...] = (
    SettingsSection(
        "app",
        "General settings of the instance.",
        (
            Setting(
                "environment",
                str,
                "development",
                "Which environment this instance is. Non-production instances show a "
                "banner on every page naming the environment.",
                choices=ENVIRONMENTS,
                example="production",
            ),
            Setting(
                "secret_key",
                str,
                "",
                "Secret used to sign sessions, links and tokens. At least 32 random "
                "characters; required in production (`tremplin init` writes one).",
                secret=True,
                example="change-me-to-64-random-characters",
            ),
            Setting(
                "site_name", str, "Tremplin", "Name shown in page titles, e-mails and the header."
            ),
            Setting(
                "base_url",
                str,
                "http://127.0.0.1:5000",
                "Public address of the portal, used in e-mailed links and the sitemap.",
                check=_url_scheme("http", "https"),
                example="https://tremplin.francophonie.org",
            ),
            Setting(
                "instance_path",
                str,
                "",
                "Folder holding the SQLite database, uploads, task queue, search index "
                "and development outbox. Empty: the `instance/` folder next to the "
                "configuration file.",
            ),
            Setting(
                "languages",
                list,
                ["fr", "en"],
                "Languages offered, the first being the default.",
                example=["fr", "en"],
            ),
            Setting(
                "trusted_proxies",
                int,
                0,
                "How many reverse proxies (nginx) stand in front of the application. "
                "X-Forwarded-* headers are honoured only for that many hops; 0 ignores "
                "them.",
            ),
            Setting(
                "max_upload_mb",
                int,
                20,
                "Largest request body accepted, in megabytes.",
                check=positive,
            ),
            Setting("debug", bool, False, "Flask debug mode. Never in production."),
            Setting(
                "web_servers",
                int,
                1,
                "How many web servers share this configuration. Above 1, `tremplin check "
                "--production` requires PostgreSQL and Redis.",
                check=positive,
            ),
        ),
    ),
    SettingsSection(
        "database",
        "Where the data lives.",
        (
            Setting(
                "url",
                str,
                "",
                "SQLAlchemy URL. Empty: SQLite file `tremplin.db` in the instance folder. "
                "PostgreSQL: `postgresql+psycopg://user:password@host:5432/tremplin`.",
                check=_url_scheme("sqlite", "postgresql", "postgresql+psycopg"),
                example="postgresql+psycopg://tremplin@127.0.0.1:5432/tremplin",
            ),
            Setting("echo", bool, False, "Log every SQL statement (debugging only)."),
        ),
    ),
    SettingsSection(
        "tasks",
        "Background tasks (Huey).",
        (
            Setting(
                "redis_url",
                str,
                "",
                "Redis URL for the task queue. Empty: an SQLite queue in the instance "
                "folder (one machine only).",
                check=_url_scheme("redis", "rediss"),
                example="redis://127.0.0.1:6379/0",
            ),
            Setting(
                "immediate",
                bool,
                False,
                "Run tasks in the calling process instead of a worker (tests, demos).",
            ),
            Setting("workers", int, 2, "Threads run by `tremplin worker`.", check=positive),
        ),
    ),
    SettingsSection(
        "mail",
        "Outgoing e-mail.",
        (
            Setting(
                "backend",
                str,
                "file",
                "`file` writes each message as an .eml file under `outbox/` in the "
                "instance folder (development); `smtp` sends through the SMTP server.",
                choices=("file", "smtp"),
            ),
            Setting(
                "sender", str, "Tremplin <no-reply@localhost>", "From address of every message."
            ),
            Setting("smtp_host", str, "localhost", "SMTP server."),
            Setting("smtp_port", int, 587, "SMTP port.", check=positive),
            Setting("smtp_username", str, "", "SMTP user name, if the server asks for one."),
            Setting("smtp_password", str, "", "SMTP password.", secret=True),
            Setting("smtp_starttls", bool, True, "Upgrade the connection with STARTTLS."),
        ),
    ),
    SettingsSection(
        "limits",
        "Rate limits (Flask-Limiter).",
        (
            Setting("enabled", bool, True, "Apply rate limits."),
            Setting(
                "storage_url",
                str,
                "memory://",
                "Where counters live. Use Redis as soon as there is more than one web "
                "server, so that limits hold across them.",
                check=_url_scheme("memory", "redis", "rediss"),
                example="redis://127.0.0.1:6379/1",
            ),
            Setting("default", str, "300 per minute", "Limit applied to every page, per IP."),
            Setting(
                "account_failures",
                str,
                "10 per 15 minutes",
                "Failed sign-ins or code entries allowed per account before it answers "
                "429 (Too Many Requests) and asks for a CAPTCHA.",
            ),
            Setting(
                "ip_failures",
                str,
                "30 per hour",
                "Failed sign-ins or code entries allowed per IP address.",
            ),
            Setting(
                "captcha_after",
                int,
                3,
                "Failures (per account or per IP) after which the sign-in form "
                "asks for the CAPTCHA.",
                check=positive,
            ),
            Setting(
                "form_posts",
                str,
                "20 per hour",
                "Submissions per IP of the sign-in, sign-up, reset and code forms.",
            ),
            Setting(
                "resend_per_account",
                str,
                "3 per hour",
                "Confirmation e-mails that can be re-sent per account.",
            ),
            Setting(
                "resend_per_ip",
                str,
                "10 per hour",
                "Confirmation e-mails that can be re-sent per IP address.",
            ),
        ),
    ),
    SettingsSection(
        "accounts",
        "Accounts: passwords, multi-factor authentication, sign-in.",
        (
            Setting(
                "breach_check_online",
                bool,
                False,
                "Also check new passwords against Have I Been Pwned's range API "
                "(k-anonymity: only the first 5 characters of the SHA-1 leave the "
                "server). The list shipped with Tremplin is always checked.",
            ),
            Setting(
                "encryption_key",
                str,
                "",
                "Key that encrypts stored TOTP secrets (Fernet). Empty: derived from "
                "`[app] secret_key` with HKDF (changing that key then disables every "
                "authenticator app). Any long random string.",
                secret=True,
            ),
            Setting(
                "mfa_required_roles",
                list,
                ["Admin", "Moderator"],
                "Roles whose members must set up multi-factor authentication before anything else.",
                example=["Admin", "Moderator"],
            ),
            Setting(
                "password_hash_time_cost",
                int,
                3,
                "Argon2id passes; hashes made with other parameters are upgraded at the "
                "next sign-in.",
                check=positive,
            ),
            Setting(
                "password_hash_memory_kib",
                int,
                65536,
                "Argon2id memory per hash, in KiB.",
                check=positive,
            ),
            Setting(
                "open_registration",
                bool,
                False,
                "Open sign-up to everyone. False (invite-only): an account is created "
                "only from an invitation or for an imported mission participant.",
            ),
            Setting(
                "invitation_days",
                int,
                14,
                "How long an invitation link stays valid.",
                check=positive,
            ),
            Setting(
                "confirmation_hours",
                int,
                48,
                "How long an e-mail confirmation link stays valid.",
                check=positive,
            ),
            Setting(
                "privacy_policy_version",
                str,
                "2026-11",
                "Version of the privacy policy in force. When it changes, every member "
                "is asked to accept it again at their next visit.",
            ),
            Setting(
                "captcha_max_number",
                int,
                50000,
                "Difficulty of the proof-of-work CAPTCHA (largest number tried).",
                check=positive,
            ),
        ),
    ),
    SettingsSection(
        "security",
        "HTTP security settings.",
        (
            Setting(
                "https",
                bool,
                False,
                "The site is served over HTTPS: secure cookies and HSTS. Required in production.",
            ),
            Setting(
                "hsts_seconds",
                int,
                31536000,
                "Strict-Transport-Security max-age when `https` is true.",
            ),
        ),
    ),
    SettingsSection(
        "sessions",
        "Server-side sessions: the cookie carries only a random id; the data lives in the "
        "database (default) or Redis, so sessions can be listed, revoked and shared by "
        "several web servers.",
        (
            Setting(
                "idle_minutes",
                int,
                30,
                "A session unused for this long ends (automatic sign-out).",
                check=positive,
            ),
            Setting(
                "absolute_hours",
                int,
                12,
                "A session ends this long after sign-in, even when in use.",
                check=positive,
            ),
            Setting(
                "redis_url",
                str,
                "",
                "Keep sessions in Redis instead of the database table `core_session`.",
                check=_url_scheme("redis", "rediss"),
                example="redis://127.0.0.1:6379/2",
            ),
        ),
    ),
    SettingsSection(
        "audit",
        "Audit trail of security events (append-only table `core_audit_event`).",
        (
            Setting(
                "retention_days",
                int,
                365 * 3,
                "Audit events older than this are purged by the daily retention task.",
                check=positive,
            ),
            Setting(
                "report_recipients",
                list,
                [],
                "Addresses of the monthly report on privileged-role use. Empty: every "
                "active administrator.",
                example=["securite@francophonie.org"],
            ),
        ),
    ),
    SettingsSection(
        "gdpr",
        "Members' rights (GDPR): data export and account deletion.",
        (
            Setting(
                "export_days",
                int,
                7,
                "How long a personal-data export can be downloaded before it is deleted "
                "(`[retention] exports_days` wins when that section exists).",
                check=positive,
            ),
            Setting(
                "deletion_grace_days",
                int,
                14,
                "Days between a deletion request and the erasure; signing in during "
                "that time cancels the request.",
                check=positive,
            ),
        ),
    ),
    SettingsSection(
        "analytics",
        "Audience measurement. Off: visitors get no cookie beyond the strictly necessary.",
        (
            Setting(
                "enabled",
                bool,
                False,
                "Ask visitors for their consent to audience-measurement cookies (a "
                "banner on every portal page until they choose).",
            ),
        ),
    ),
    SettingsSection(
        "logging",
        "Logs.",
        (
            Setting(
                "level",
                str,
                "INFO",
                "Minimum level written.",
                choices=("DEBUG", "INFO", "WARNING", "ERROR"),
            ),
            Setting(
                "json",
                bool,
                True,
                "Write logs as JSON lines (one object a line, with the request id).",
            ),
        ),
    ),
    SettingsSection(
        "search",
        "Full-text search.",
        (
            Setting(
                "index_path",
                str,
                "",
                "Folder of the whoosh index. Empty: `search-index/` in the instance "
                "folder (whoosh serves one server; several use `postgresql`).",
            ),
            Setting(
                "backend",
                str,
                "whoosh",
                "Where the index lives: `whoosh` (a folder, single server) or "
                "`postgresql` (a table of the PostgreSQL database, several web servers).",
                choices=("whoosh", "postgresql"),
            ),
            Setting(
                "write_timeout",
                float,
                30.0,
                "Seconds an index write waits for the whoosh index lock (held by "
                "another writer) before it fails.",
                check=positive,
            ),
            Setting(
                "build_procs",
                int,
                1,
                "Processes that build the whoosh index on `tremplin search reindex`.",
                check=positive,
            ),
        ),
    ),
    SettingsSection(
        "plugins",
        "Feature plugins.",
        (
            Setting(
                "enabled",
                list,
                list(BUNDLED_PLUGINS),
                "Plugins to load, by entry-point name (`tremplin plugins list` shows "
                "the installed ones).",
                example=list(BUNDLED_PLUGINS),
            ),
        ),
    ),
    SettingsSection(
        "retention",
        "How long `tremplin purge` keeps backups, exports, development e-mails and logs "
        "(0 days: never removed).",
        (
            Setting(
                "backups_days",
                int,
                30,
                "Backups older than this many days are removed.",
                check=not_negative,
            ),
            Setting(
                "backups_keep_min",
                int,
                7,
                "The newest backups always kept, however old they are.",
                check=not_negative,
            ),
            Setting(
                "exports_days",
                int,
                7,
                "Export files (`exports/` in the instance folder).",
                check=not_negative,
            ),
            Setting(
                "outbox_days",
                int,
                30,
                "Development e-mails (`outbox/` in the instance folder).",
                check=not_negative,
            ),
            Setting(
                "logs_days",
                int,
                90,
                "Log files (`logs/*.log*` in the instance folder).",
                check=not_negative,
            ),
            Setting(
                "backup_dir",
                str,
                "",
                "Where `tremplin backup` writes archives. Empty: `backups/` in the "
                "instance folder. Copy them to another machine as well.",
                example="/var/backups/tremplin",
            ),
        ),
    ),
    SettingsSection(
        "activity",
        "Activity events for the indicators (table `core_activity`, `api.record`).",
        (
            Setting(
                "retention_days",
                int,
                730,
                "Activity older than this is purged by the daily retention task.",
                check=positive,
            ),
        ),
    ),
    SettingsSection(
        "dashboard",
        "The members' dashboard.",
        (
            Setting(
                "cache_seconds",
                float,
                30.0,
                "Each worker keeps a member's rendered widgets this long, unless the member "
                "(or anything in that worker) writes in the meantime; other members' "
                "actions (a new message, an accepted meeting) show within this delay. "
                "0: rebuilt on every view.",
                check=not_negative,
            ),
        ),
    ),
    SettingsSection(
        "storage",
        "Uploaded files (`api.storage`): where they live, how big, how they are served.",
        (
            Setting(
                "folder",
                str,
                "",
                "Folder of the stored files. Empty: `uploads/` in the instance folder. "
                "With several web servers, the same folder on a shared mount (NFS...).",
                example="/srv/tremplin/files",
            ),
            Setting(
                "max_bytes",
                int,
                10 * 1024 * 1024,
                "Largest file accepted, in bytes (also bounded by `[app] max_upload_mb`).",
                check=positive,
            ),
            Setting(
                "url_seconds",
                int,
                300,
                "How long a signed download link (`api.storage.url_for_download`) is valid.",
                check=positive,
            ),
            Setting(
                "x_accel_prefix",
                str,
                "",
                "nginx `internal` location serving the folder (X-Accel-Redirect). Empty: "
                "the application sends the files itself (development).",
                example="/_files/",
            ),
            Setting(
                "clamd_socket",
                str,
                "",
                "Unix socket of a ClamAV daemon (Debian: `/run/clamav/clamd.ctl`); when "
                "set, every upload is scanned and refused if infected or if the daemon "
                "does not answer.",
            ),
            Setting(
                "clamd_timeout",
                int,
                30,
                "Seconds to wait for the ClamAV daemon's answer.",
                check=positive,
            ),
        ),
    ),
    SettingsSection(
        "notifications",
        "Notifications (`api.notify`): e-mails are kept in the database until sent.",
        (
            Setting(
                "max_attempts",
                int,
                8,
                "Attempts to send one notification e-mail before it is marked failed.",
                check=positive,
            ),
            Setting(
                "retry_seconds",
                int,
                60,
                "Wait after a first failed attempt; doubled after each further failure.",
                check=positive,
            ),
            Setting(
                "claim_timeout_seconds",
                int,
                600,
                "An e-mail claimed by a worker that died is retried after this long.",
                check=positive,
            ),
        ),
    ),
)
