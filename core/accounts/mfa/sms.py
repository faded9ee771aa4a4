"""Core's development SMS gateway (used when no plugin delivers SMS).

The message goes to ``<instance>/outbox/<time>-<id>.sms.txt`` (like e-mails in
development) and the log says only that an SMS left, to a masked number: the
text carries one-time codes, which never appear in logs.
"""

from __future__ import annotations

import logging
import uuid
from pathlib import Path

from flask import current_app

from ...mail import outbox_stamp

log = logging.getLogger("tremplin.sms")


def mask_number(number: str) -> str:
    """``+221…12``: enough to recognise, too little to use."""
    return f"{number[:4]}…{number[-2:]}" if len(number) > 6 else "…"


def dev_gateway(number: str, text: str) -> bool | None:
    """Write the SMS to the development outbox; ``None`` in production (not sent)."""
    if current_app.extensions["tremplin"].config.is_production:
        return None
    folder = Path(current_app.instance_path) / "outbox"
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{outbox_stamp()}-{uuid.uuid4().hex[:8]}.sms.txt"
    path.write_text(f"To: {number}\n\n{text}\n", encoding="utf-8")
    log.info("SMS sent to %s", mask_number(number), extra={"event": "sms.dev_gateway"})
    return True
