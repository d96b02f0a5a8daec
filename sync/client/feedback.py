"""Feedback from the counter to the district, and the district's answers.

A clerk's report is a `feedback_submitted` event (case_id None) that travels
with the next push; the district answers with a `feedback_answered` event on
its own chain that comes back in a pull. The `feedback` table is their projection.
"""

from __future__ import annotations

from dataclasses import dataclass

from counterdesk.desk import Desk


@dataclass(frozen=True)
class FeedbackRow:
    id: str
    actor: str
    subject: str
    text: str
    submitted_hlc: int
    answer: str | None
    answered_by: str | None
    answered_hlc: int | None


def submit_feedback(desk: Desk, subject: str, text: str) -> str:
    """Record a report to the district as the logged-in user; returns its id (the event id)."""
    return desk.submit_feedback(subject, text).events[0]


def list_feedback(desk: Desk) -> list[FeedbackRow]:
    rows = desk.conn.execute(
        "SELECT id, actor, subject, text, submitted_hlc, answer, answered_by, answered_hlc "
        "FROM feedback ORDER BY submitted_hlc DESC"
    ).fetchall()
    return [FeedbackRow(*row) for row in rows]
