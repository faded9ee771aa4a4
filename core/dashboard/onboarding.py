"""A new member's checklist, assembled from every plugin's ``onboarding_steps``."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from flask import current_app

from ..contributions import OnboardingStep
from ..plugins import flatten


@dataclass(frozen=True)
class Checklist:
    steps: list[OnboardingStep]

    @property
    def done(self) -> int:
        return sum(1 for step in self.steps if step.done)

    @property
    def total(self) -> int:
        return len(self.steps)

    @property
    def complete(self) -> bool:
        return self.done == self.total

    @property
    def percent(self) -> int:
        return round(100 * self.done / self.total) if self.steps else 100


def checklist(member: Any) -> Checklist:
    pm = current_app.extensions["tremplin"].pm
    steps = flatten(pm.hook.onboarding_steps(member=member))
    return Checklist(sorted(steps, key=lambda s: (s.order, s.key)))
