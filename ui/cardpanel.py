"""What the card said, beside the applicant while the citizen is at the counter: the photo,
sex, nation, birth date, issuing authority, validity, and the warnings (expired card,
characters of the card system's own). The photo lives only in this widget: it is never
passed on, and `clear()` drops it when the intake ends."""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import QGridLayout, QGroupBox, QLabel, QWidget

PHOTO_W, PHOTO_H = 68, 84  # the card's 102x126 photo at two thirds


def _day(value: dt.date | None) -> str:
    return value.strftime("%Y.%m.%d") if value else ""


class CardPanel(QGroupBox):
    """Hidden until a card is read; one card at a time."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("card_panel")
        self.setTitle(self.tr("证件信息"))
        self.record: Any = None
        self.photo = QLabel()
        self.photo.setObjectName("card_photo")
        self.photo.setFixedSize(PHOTO_W, PHOTO_H)
        self.photo.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.photo.setStyleSheet("border: 1px solid #999; background: #f4f4f4")
        self.details = QLabel()
        self.details.setObjectName("card_details")
        self.details.setWordWrap(True)
        self.details.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
        self.warnings = QLabel()
        self.warnings.setObjectName("card_warnings")
        self.warnings.setWordWrap(True)
        self.warnings.setStyleSheet("color: #b00020; font-weight: bold")
        grid = QGridLayout(self)
        grid.setContentsMargins(6, 4, 6, 4)
        grid.addWidget(self.photo, 0, 0, 2, 1, Qt.AlignmentFlag.AlignTop)
        grid.addWidget(self.details, 0, 1)
        grid.addWidget(self.warnings, 1, 1)
        grid.setColumnStretch(1, 1)
        self.hide()

    def show_record(self, record: Any, today: dt.date | None = None) -> list[str]:
        """Show a card read; returns its warnings (already shown in red)."""
        self.record = record
        pixmap = QPixmap()
        if record.photo and pixmap.loadFromData(record.photo):
            self.photo.setPixmap(
                pixmap.scaled(
                    PHOTO_W - 2, PHOTO_H - 2, Qt.AspectRatioMode.KeepAspectRatio,
                    Qt.TransformationMode.SmoothTransformation,
                )
            )  # fmt: skip
        else:
            self.photo.clear()
            self.photo.setText(self.tr("无照片"))
        until = _day(record.valid_to) or self.tr("长期")
        label = QCoreApplication.translate("CardPanel", record.label)
        sex = QCoreApplication.translate("CardPanel", record.sex)
        nation = record.nation
        lines = [
            self.tr("{0} · {1} · {2}{3} · 出生 {4}").format(
                label, sex,
                self.tr("民族 ") if record.card_type == "resident" else "",
                nation, _day(record.birth_date),
            ),
            self.tr("签发机关 {0} · 有效期 {1}–{2}").format(
                record.authority, _day(record.valid_from), until
            ),
        ]  # fmt: skip
        if record.english_name:
            lines.append(self.tr("英文姓名 {0}").format(record.english_name))
        if record.pass_number:
            lines.append(self.tr("通行证号码 {0}").format(record.pass_number))
        self.details.setText("\n".join(lines))
        found = self.warning_lines(record, today)
        self.warnings.setText("\n".join(found))
        self.warnings.setVisible(bool(found))
        self.show()
        return found

    def warning_lines(self, record: Any, today: dt.date | None = None) -> list[str]:
        """`CardRecord.warnings`, in the interface's language (the same Chinese lines)."""
        lines = []
        if record.expired(today):
            lines.append(
                self.tr("证件已过期（有效期至 {0}），请核实后办理").format(
                    f"{record.valid_to:%Y-%m-%d}"
                )
            )
        if record.pua:
            codes = "、".join(f"U+{ord(ch):04X}" for ch in record.pua)
            lines.append(self.tr("姓名或住址含证件系统自造字（{0}），请与证件核对").format(codes))
        if record.lossy:
            lines.append(self.tr("读卡器驱动未能传回部分汉字（显示为 ?），请与证件核对并手工补正"))
        return lines

    def clear(self) -> None:
        """The citizen has gone: nothing of the card stays, the photo least of all."""
        self.record = None
        self.photo.clear()
        self.details.clear()
        self.warnings.clear()
        self.hide()

    @property
    def has_photo(self) -> bool:
        pixmap = self.photo.pixmap()
        return pixmap is not None and not pixmap.isNull()
