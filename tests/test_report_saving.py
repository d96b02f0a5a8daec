"""A report or a list naming citizens saved to a file is an export (tester finding F19):
the chief's role, recorded as 导出; printing it on paper stays as it was."""

from __future__ import annotations

import pytest
from test_ui import ui  # noqa: F401 - fixture

from counterdesk import printing
from counterdesk.domain.errors import NotAllowed
from ui import ops, preview


def month(desk) -> str:
    return desk.today().isoformat()[:7]


def newest(desk, action: str):
    return next(e for e in desk.access.entries(limit=50) if e.action == action)


def test_the_admin_may_print_a_monthly_report_but_not_save_it(desk, accepted, tmp_path):
    desk.login("admin", "admin1234")
    key = month(desk)
    pdf = printing.render("report_monthly", desk, key)
    assert newest(desk, "print_personal").detail == f"report_monthly:{key}"
    assert not printing.may_save(desk, "report_monthly")
    assert printing.may_save(desk, "receipt_a4")  # one citizen's own paper: as before
    out = tmp_path / "admin-monthly.pdf"
    with pytest.raises(NotAllowed, match="需要中心负责人权限"):
        printing.save(desk, "report_monthly", key, pdf, out)
    assert not out.exists()
    assert not any(e.action == "export_personal" for e in desk.access.entries(limit=50))
    with pytest.raises(NotAllowed):  # a hand-over list of names alike
        printing.save(desk, "handover", [accepted.case_id], pdf, out)
    assert not out.exists()


def test_the_chief_saves_a_report_and_it_is_logged_as_an_export(desk, accepted, tmp_path):
    desk.login("chief", "chief1234")
    key = month(desk)
    pdf = printing.render("report_monthly", desk, key)
    out = printing.save(desk, "report_monthly", key, pdf, tmp_path / "monthly.pdf")
    assert (tmp_path / "monthly.pdf").read_bytes() == pdf and out.endswith("monthly.pdf")
    entry = newest(desk, "export_personal")
    assert entry.user == "chief" and entry.detail == f"report_monthly:{key}"
    assert entry.detail_label == f"中心月报：{key}"
    printing.save(desk, "handover", [accepted.case_id], pdf, tmp_path / "handover.pdf")
    entry = newest(desk, "export_personal")
    assert (entry.detail, entry.count) == ("handover", 1)


def test_the_admins_report_preview_offers_no_save(qtbot, ui, desk, accepted, tmp_path):  # noqa: F811
    desk.login("admin", "admin1234")
    ui.user = desk.user
    preview.print_document(None, "report_monthly", month(desk))
    dialog = preview.last_preview
    qtbot.addWidget(dialog)
    assert dialog.kind == "report_monthly" and dialog.save_button.isHidden()
    assert dialog.save_pdf(str(tmp_path / "x.pdf")) == "" and not (tmp_path / "x.pdf").exists()
    assert ops.last_error is None


def test_the_chiefs_report_preview_saves_as_an_export(qtbot, ui, desk, accepted, tmp_path):  # noqa: F811
    desk.login("chief", "chief1234")
    ui.user = desk.user
    preview.print_document(None, "report_monthly", month(desk))
    dialog = preview.last_preview
    qtbot.addWidget(dialog)
    assert not dialog.save_button.isHidden()
    dialog.save_pdf(str(tmp_path / "chief.pdf"))
    assert ops.last_error is None, ops.last_error
    assert (tmp_path / "chief.pdf").read_bytes() == dialog.pdf
    assert "已另存为" in dialog.info.text()
    assert newest(desk, "export_personal").detail == f"report_monthly:{month(desk)}"
