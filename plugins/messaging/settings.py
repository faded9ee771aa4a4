"""The ``[messaging]`` configuration section."""

from __future__ import annotations

from tremplin.core.api import Setting, SettingsSection, not_negative, positive


def section() -> SettingsSection:
    return SettingsSection(
        "messaging",
        "Secure messaging between members (plugins/messaging).",
        (
            Setting(
                "keys",
                list,
                [],
                "Encryption keys of message bodies and attachments (AES-256-GCM, 32 random "
                "bytes in URL-safe base64, from "
                "`tremplin keys generate`). The first seals; all of them read, so keep the "
                "old key after the new one until `tremplin keys rotate` has finished.",
                secret=True,
            ),
            Setting(
                "key_file",
                str,
                "",
                "A file holding the keys instead, one a line, first is current.",
            ),
            Setting(
                "daily_new_conversations",
                int,
                5,
                "New conversations a day for accounts that are recent or unverified.",
                check=positive,
            ),
            Setting(
                "new_account_days",
                int,
                14,
                "How many days an account counts as new.",
                check=not_negative,
            ),
            Setting(
                "send_rate",
                str,
                "20 per minute",
                "Messages a member may send (Flask-Limiter syntax).",
            ),
            Setting(
                "max_participants",
                int,
                8,
                "Members in one conversation, the writer included.",
                check=positive,
            ),
            Setting(
                "alert_after_minutes",
                int,
                10,
                "Minutes unread before the one e-mail alert for a conversation's new messages.",
                check=not_negative,
            ),
            Setting(
                "poll_seconds",
                int,
                15,
                "How often an open conversation asks for new messages (JS).",
                check=positive,
            ),
        ),
    )
