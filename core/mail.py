"""E-mail: always sent by a background task with retries.

Backends: ``smtp``, or ``file`` (development), which writes each message as an
``.eml`` file under ``<instance>/outbox/`` so a developer can open it.
"""

from __future__ import annotations

import logging
import smtplib
import time
import uuid
from collections.abc import Mapping, Sequence
from email.message import EmailMessage
from email.utils import formatdate, make_msgid
from pathlib import Path

from flask import current_app

from .tasks import task

log = logging.getLogger(__name__)
OUTBOX_RETENTION_DAYS = 30


def outbox_stamp() -> str:
    """A file-name prefix that sorts in sending order, even within one second."""
    now = time.time_ns()
    return time.strftime("%Y%m%d-%H%M%S", time.gmtime(now // 10**9)) + f"-{now % 10**9:09d}"


def outbox_path() -> Path:
    return Path(current_app.instance_path) / "outbox"


Attachment = tuple[str, str, bytes]  # (file name, MIME type such as "text/calendar", bytes)


def send_mail(
    to: str,
    subject: str,
    text: str,
    html: str | None = None,
    attachments: Sequence[Attachment] = (),
) -> None:
    """Queue one message. Headers are built by the email package, which refuses
    CR/LF in them, so a hostile subject cannot inject headers. ``attachments`` are
    ``(filename, mime_type, content)`` triples (e.g. an event's ``.ics``)."""
    deliver_mail(to, subject, text, html, attachments=tuple(attachments))


def build_message(
    to: str,
    subject: str,
    text: str,
    html: str | None,
    headers: Mapping[str, str] | None = None,
    attachments: Sequence[Attachment] = (),
) -> EmailMessage:
    config = current_app.extensions["tremplin"].config
    message = EmailMessage()
    message["From"] = config.get("mail", "sender")
    message["To"] = to
    message["Subject"] = subject
    message["Date"] = formatdate(localtime=False)
    message["Message-ID"] = make_msgid(domain="tremplin")
    for name, value in (headers or {}).items():
        message[name] = value
    message.set_content(text)
    if html:
        message.add_alternative(html, subtype="html")
    for filename, mime_type, content in attachments:
        maintype, _, subtype = mime_type.partition("/")
        message.add_attachment(content, maintype=maintype, subtype=subtype, filename=filename)
    return message


@task(retries=5, retry_delay=60)
def deliver_mail(
    to: str,
    subject: str,
    text: str,
    html: str | None = None,
    headers: Mapping[str, str] | None = None,
    attachments: Sequence[Attachment] = (),
) -> str:
    """Deliver one message through the configured backend; retried on failure.

    ``headers`` adds headers (``List-Unsubscribe``...); the notification outbox calls
    it in-process (``deliver_mail.call_local``) to know whether the message left."""
    config = current_app.extensions["tremplin"].config
    message = build_message(to, subject, text, html, headers, attachments)
    if config.get("mail", "backend") == "file":
        folder = outbox_path()
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / f"{outbox_stamp()}-{uuid.uuid4().hex[:8]}.eml"
        path.write_bytes(message.as_bytes())
        log.info("mail written to outbox", extra={"event": "mail.file"})
        return str(path)
    with smtplib.SMTP(
        config.get("mail", "smtp_host"), config.get("mail", "smtp_port"), timeout=30
    ) as smtp:
        if config.get("mail", "smtp_starttls"):
            smtp.starttls()
        if config.get("mail", "smtp_username"):
            smtp.login(config.get("mail", "smtp_username"), config.get("mail", "smtp_password"))
        smtp.send_message(message)
    log.info("mail sent", extra={"event": "mail.smtp"})
    return str(message["Message-ID"])


def purge_outbox() -> int:
    """Remove development outbox messages older than the retention period."""
    folder = outbox_path()
    if not folder.is_dir():
        return 0
    limit = time.time() - OUTBOX_RETENTION_DAYS * 86400
    removed = 0
    for path in folder.glob("*.eml"):
        if path.stat().st_mtime < limit:
            path.unlink()
            removed += 1
    return removed
