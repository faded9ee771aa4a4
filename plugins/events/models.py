"""The events plugin's tables, all named ``events_...``.

Instants are stored in UTC (``DateTime(timezone=True)``) with the event's IANA zone
in ``Event.timezone``. Member ids are plain integers (``ab_user.id``): the plugin
erases its own rows when an account is erased.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import (
    Boolean,
    DateTime,
    ForeignKey,
    Integer,
    String,
    Text,
    UniqueConstraint,
    func,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from tremplin.core.api import Model

KINDS = ("economic_mission", "trade_mission", "webinar", "workshop", "partner_event")
MISSION_KINDS = ("economic_mission", "trade_mission")
REGISTRATION_STATES = ("confirmed", "waiting", "pending", "cancelled", "refused")
MEETING_STATES = ("requested", "accepted", "declined", "cancelled")
OUTCOMES = ("none", "discussion", "agreement")
OUTCOME_STAGES = ("end", "followup")


class Event(Model):  # type: ignore[misc, valid-type]
    """An event or a mission; missions add a programme, a delegation and B2B meetings."""

    __tablename__ = "events_event"

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(32))
    title: Mapped[str] = mapped_column(String(200))
    description: Mapped[str] = mapped_column(Text, default="")
    starts_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), index=True)
    ends_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    timezone: Mapped[str] = mapped_column(String(64), default="UTC")
    online: Mapped[bool] = mapped_column(Boolean, default=False)
    place: Mapped[str] = mapped_column(String(300), default="")
    countries: Mapped[str] = mapped_column(String(300), default="")  # "SN CI", ISO 3166
    sectors: Mapped[str] = mapped_column(String(300), default="")  # "C10 A", ISIC Rev. 4
    capacity: Mapped[int | None] = mapped_column(Integer, nullable=True)
    language: Mapped[str] = mapped_column(String(8), default="fr")
    organiser: Mapped[str] = mapped_column(String(200), default="OIF")
    requires_approval: Mapped[bool] = mapped_column(Boolean, default=False)
    questions: Mapped[str] = mapped_column(Text, default="")  # one question a line
    reminder_text: Mapped[str] = mapped_column(Text, default="")
    published: Mapped[bool] = mapped_column(Boolean, default=True)
    sequence: Mapped[int] = mapped_column(Integer, default=0)  # RFC 5545 SEQUENCE
    access_days: Mapped[int] = mapped_column(Integer, default=30)
    meeting_tables: Mapped[int] = mapped_column(Integer, default=0)
    webinar_provider: Mapped[str] = mapped_column(String(32), default="")
    webinar_room: Mapped[str] = mapped_column(String(200), default="")
    recording_url: Mapped[str] = mapped_column(String(500), default="")
    ended_announced: Mapped[bool] = mapped_column(Boolean, default=False)
    created_by_id: Mapped[int | None] = mapped_column(Integer, nullable=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
    updated_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), server_default=func.now(), onupdate=func.now()
    )

    sessions: Mapped[list[ProgrammeItem]] = relationship(
        back_populates="event", cascade="all, delete-orphan", order_by="ProgrammeItem.starts_at"
    )
    slots: Mapped[list[MeetingSlot]] = relationship(
        back_populates="event", cascade="all, delete-orphan", order_by="MeetingSlot.starts_at"
    )

    @property
    def is_mission(self) -> bool:
        return self.kind in MISSION_KINDS

    @property
    def country_codes(self) -> list[str]:
        return self.countries.split()

    @property
    def sector_codes(self) -> list[str]:
        return self.sectors.split()

    @property
    def question_list(self) -> list[str]:
        return [q.strip() for q in self.questions.splitlines() if q.strip()]

    def __repr__(self) -> str:
        return self.title


class ProgrammeItem(Model):  # type: ignore[misc, valid-type]
    """One session or visit of a mission's programme."""

    __tablename__ = "events_programme_item"

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("events_event.id", ondelete="CASCADE"))
    title: Mapped[str] = mapped_column(String(200))
    starts_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    ends_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    place: Mapped[str] = mapped_column(String(300), default="")
    event: Mapped[Event] = relationship(back_populates="sessions")


class Organiser(Model):  # type: ignore[misc, valid-type]
    """A member of an event's organiser team."""

    __tablename__ = "events_organiser"
    __table_args__ = (UniqueConstraint("event_id", "user_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("events_event.id", ondelete="CASCADE"))
    user_id: Mapped[int] = mapped_column(Integer, index=True)


class Registration(Model):  # type: ignore[misc, valid-type]
    """A member's registration: confirmed, waiting (in ``created_at`` order), pending
    the organiser's approval, cancelled or refused."""

    __tablename__ = "events_registration"
    __table_args__ = (UniqueConstraint("event_id", "user_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(
        ForeignKey("events_event.id", ondelete="CASCADE"), index=True
    )
    user_id: Mapped[int] = mapped_column(Integer, index=True)
    company_id: Mapped[int | None] = mapped_column(Integer, nullable=True, index=True)
    state: Mapped[str] = mapped_column(String(16))
    answers: Mapped[str] = mapped_column(Text, default="")  # JSON list of [question, answer]
    attended: Mapped[bool] = mapped_column(Boolean, default=False)
    offers: Mapped[str] = mapped_column(Text, default="")  # B2B: what the member offers
    needs: Mapped[str] = mapped_column(Text, default="")  # B2B: what the member seeks
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
    updated_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), server_default=func.now(), onupdate=func.now()
    )
    event: Mapped[Event] = relationship()


class MeetingSlot(Model):  # type: ignore[misc, valid-type]
    """A time slot of a mission's meeting grid (the grid is tables × slots)."""

    __tablename__ = "events_meeting_slot"

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("events_event.id", ondelete="CASCADE"))
    starts_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    ends_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    event: Mapped[Event] = relationship(back_populates="slots")


class Meeting(Model):  # type: ignore[misc, valid-type]
    """A 1:1 B2B meeting request; once accepted it holds a table in a slot. The
    unique (slot, table) pair and :class:`MeetingSeat` forbid double booking."""

    __tablename__ = "events_meeting"
    __table_args__ = (UniqueConstraint("slot_id", "table_no"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(
        ForeignKey("events_event.id", ondelete="CASCADE"), index=True
    )
    requester_id: Mapped[int] = mapped_column(Integer, index=True)
    recipient_id: Mapped[int] = mapped_column(Integer, index=True)
    message: Mapped[str] = mapped_column(Text, default="")
    state: Mapped[str] = mapped_column(String(16), default="requested")
    slot_id: Mapped[int | None] = mapped_column(
        ForeignKey("events_meeting_slot.id", ondelete="SET NULL"), nullable=True
    )
    table_no: Mapped[int | None] = mapped_column(Integer, nullable=True)
    sequence: Mapped[int] = mapped_column(Integer, default=0)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
    event: Mapped[Event] = relationship()
    slot: Mapped[MeetingSlot | None] = relationship()

    def other(self, user_id: int) -> int:
        return self.recipient_id if user_id == self.requester_id else self.requester_id


class MeetingSeat(Model):  # type: ignore[misc, valid-type]
    """One participant busy in one slot: unique, so nobody is booked twice at once."""

    __tablename__ = "events_meeting_seat"
    __table_args__ = (UniqueConstraint("slot_id", "user_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("events_meeting.id", ondelete="CASCADE"))
    slot_id: Mapped[int] = mapped_column(ForeignKey("events_meeting_slot.id", ondelete="CASCADE"))
    user_id: Mapped[int] = mapped_column(Integer)


class Outcome(Model):  # type: ignore[misc, valid-type]
    """What one side says came of a meeting, at the end and again months later."""

    __tablename__ = "events_outcome"
    __table_args__ = (UniqueConstraint("meeting_id", "user_id", "stage"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("events_meeting.id", ondelete="CASCADE"))
    user_id: Mapped[int] = mapped_column(Integer, index=True)
    stage: Mapped[str] = mapped_column(String(16), default="end")
    outcome: Mapped[str] = mapped_column(String(16))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())


class MemberSettings(Model):  # type: ignore[misc, valid-type]
    """A member's time zone and the secret token of their calendar feed."""

    __tablename__ = "events_member_settings"

    user_id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    timezone: Mapped[str] = mapped_column(String(64), default="")
    feed_token: Mapped[str] = mapped_column(String(64), unique=True)


class ReminderSent(Model):  # type: ignore[misc, valid-type]
    """A reminder already sent (unique: a reminder goes once per member and offset)."""

    __tablename__ = "events_reminder_sent"
    __table_args__ = (UniqueConstraint("event_id", "user_id", "offset_key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("events_event.id", ondelete="CASCADE"))
    user_id: Mapped[int] = mapped_column(Integer)
    offset_key: Mapped[str] = mapped_column(String(32))
    sent_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())


ALL_MODELS = (
    Event,
    ProgrammeItem,
    Organiser,
    Registration,
    MeetingSlot,
    Meeting,
    MeetingSeat,
    Outcome,
    MemberSettings,
    ReminderSent,
)
