"""The ``[events]`` configuration section."""

from __future__ import annotations

from typing import Any

from tremplin.core.api import Setting, SettingsSection, not_negative, positive


def _zone(value: Any) -> str | None:
    from .times import is_zone

    return None if is_zone(str(value)) else f"unknown IANA time zone: {value}"


def _days(value: Any) -> str | None:
    bad = [d for d in value if not str(d).strip().isdigit()]
    return f"not a number of days: {', '.join(map(str, bad))}" if bad else None


def section() -> SettingsSection:
    return SettingsSection(
        "events",
        "Events, missions, B2B meetings and webinars.",
        (
            Setting(
                "default_timezone",
                str,
                "Europe/Paris",
                "Time zone shown to members who have not chosen theirs (IANA name).",
                check=_zone,
            ),
            Setting(
                "reminder_days",
                list,
                ["7", "1"],
                "Days before an event when registered members get a reminder.",
                check=_days,
            ),
            Setting(
                "followup_days",
                int,
                1,
                "Days after an event for the follow-up message (0: none).",
                check=not_negative,
            ),
            Setting(
                "outcome_followup_days",
                int,
                90,
                "Days after a mission when participants are asked to update the "
                "outcome of their meetings (0: never).",
                check=not_negative,
            ),
            Setting(
                "join_minutes_before",
                int,
                15,
                "Minutes before a webinar's start when the join button appears.",
                check=not_negative,
            ),
            Setting(
                "dummy_provider",
                bool,
                False,
                "Offer the demonstration webinar provider (tests, demonstrations).",
            ),
            Setting("jitsi_url", str, "", "Jitsi Meet server, e.g. https://meet.example.org."),
            Setting("jitsi_app_id", str, "", "Jitsi JWT application id (iss)."),
            Setting(
                "jitsi_secret",
                str,
                "",
                "Jitsi JWT key: the HS256 shared secret, or an RS256 private key (PEM).",
                secret=True,
            ),
            Setting(
                "jitsi_algorithm", str, "HS256", "Jitsi JWT algorithm.", choices=("HS256", "RS256")
            ),
            Setting(
                "bbb_url",
                str,
                "",
                "BigBlueButton API base, e.g. https://bbb.example.org/bigbluebutton/.",
            ),
            Setting("bbb_secret", str, "", "BigBlueButton shared secret.", secret=True),
            Setting("page_size", int, 50, "Events per page of the list view.", check=positive),
        ),
    )
