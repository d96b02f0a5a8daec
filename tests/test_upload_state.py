"""What the receipt says about the district: uploaded only when acknowledged and not refused."""

from __future__ import annotations

import pytest

from counterdesk.domain.errors import InvalidInput


def test_case_uploaded_follows_ack_and_quarantine(desk, accepted):
    assert not desk.case_uploaded(accepted.case_id)
    desk.set_meta("sync_acked_seq", str(desk.journal.last_seq))
    assert desk.case_uploaded(accepted.case_id)
    opening = desk.timeline(accepted.case_id)[0]
    with desk.batch():
        desk.conn.execute(
            "INSERT INTO sync_quarantine (event_id, seq, code, reason, refused_at) VALUES (?, ?, ?, ?, 0)",
            (opening.id, opening.seq, "broken_link", "test"),
        )
    assert not desk.case_uploaded(accepted.case_id)


def test_feedback_is_journaled_with_clear_errors(desk):
    with pytest.raises(InvalidInput, match="主题"):
        desk.submit_feedback(" ", "内容")
    change = desk.submit_feedback("目录问题", "低保事项缺少材料说明")
    row = desk.conn.execute(
        "SELECT subject, actor FROM feedback WHERE id = ?", change.events
    ).fetchone()
    assert row == ("目录问题", "clerk")


def test_notice_reprint_is_journaled(desk, matter):
    from counterdesk import printing

    missing = [m.key for m in matter.materials if m.required][:1]
    notice_no = desk.issue_notice(
        {"id_type": "resident_id", "id_number": "11010519491231002X", "name": "王小明"},
        matter.code,
        missing,
    ).notice_no
    pdf = printing.render("notice", desk, notice_no, reprint=True)
    assert pdf.startswith(b"%PDF")
    last = desk.conn.execute(
        "SELECT type, payload FROM events ORDER BY rowid DESC LIMIT 1"
    ).fetchone()
    assert last[0] == "reprinted" and notice_no in last[1]
