"""Surveys and impact follow-up: a back-office builder, distribution to an event's
participants or a segment (once or on a schedule), personal single-use links,
anonymous or identified answers, and results with charts, CSV and a Word report."""
