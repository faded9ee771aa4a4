"""Devices a member signs in from, to warn them of a sign-in from a new one.

A device is a keyed hash of the browser family, the OS family and the network
(IPv4 /24, IPv6 /48): a browser update or a new address in the same office is
not "new", another browser or another network is. Nothing readable is stored.
"""

from __future__ import annotations

import ipaddress
import re
from typing import Any

from ...extensions import db
from ..shared import events
from ..shared.codes import utcnow
from ..shared.crypto import keyed_hash
from .models import KnownDevice

BROWSERS = (
    ("Edge", r"Edg(e|A|iOS)?/"),
    ("Opera", r"OPR/|Opera"),
    ("Samsung", r"SamsungBrowser"),
    ("Firefox", r"Firefox/|FxiOS"),
    ("Chrome", r"Chrome/|CriOS|Chromium"),
    ("Safari", r"Safari/"),
)
SYSTEMS = (
    ("Android", r"Android"),
    ("iOS", r"iPhone|iPad|iPod"),
    ("Windows", r"Windows"),
    ("macOS", r"Mac OS X|Macintosh"),
    ("ChromeOS", r"CrOS"),
    ("Linux", r"Linux|X11"),
)


def family(user_agent: str, table: tuple[tuple[str, str], ...]) -> str:
    for name, pattern in table:
        if re.search(pattern, user_agent or ""):
            return name
    return "other"


def network(ip: str | None) -> str:
    try:
        address = ipaddress.ip_address((ip or "").strip())
    except ValueError:
        return "unknown"
    prefix = 24 if address.version == 4 else 48
    return str(ipaddress.ip_network(f"{address}/{prefix}", strict=False))


def fingerprint(user_agent: str, ip: str | None) -> str:
    parts = (family(user_agent, BROWSERS), family(user_agent, SYSTEMS), network(ip))
    return keyed_hash("|".join(parts), "device")


def describe(user_agent: str) -> str:
    """A short readable name for notices ("Firefox, Linux")."""
    return f"{family(user_agent, BROWSERS)}, {family(user_agent, SYSTEMS)}"


def remember_device(user: Any, user_agent: str, ip: str | None) -> bool:
    """Record this sign-in's device; emit ``new_device_login`` when the member
    already had other devices and this one is new. Returns whether it was new.
    The caller commits."""
    user_id = user.id
    digest = fingerprint(user_agent, ip)
    rows = db.session.query(KnownDevice).filter_by(user_id=user_id).all()
    match = next((row for row in rows if row.device_hash == digest), None)
    if match is not None:
        match.last_seen = utcnow()
        return False
    db.session.add(KnownDevice(user_id=user_id, device_hash=digest))
    if rows:
        events.new_device_login.send(
            events.sender(),
            user=user,
            user_agent=describe(user_agent),
            ip=ip or "",
        )
    return True
