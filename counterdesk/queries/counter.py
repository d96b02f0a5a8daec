"""What the counter asks while a citizen waits: who is this returning citizen, does
he already have this matter open, which matters does this clerk accept most, and
has each event of a case reached the district.

All reads; the search index is brought up to date first (as `search.search` does),
so a case accepted a moment ago is found.
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass
from typing import Any

from counterdesk.domain.errors import InvalidInput, NotFound, StorageError
from counterdesk.domain.people import Applicant, mask_id
from counterdesk.domain.workflow import OPEN, STATUS_LABELS
from counterdesk.queries import search
from counterdesk.store import cipher

log = logging.getLogger(__name__)

# Search tiers that say something about the person (not a case number or a matter).
PERSON_TIERS = frozenset({
    "证件号码", "证件号尾号", "电话", "电话尾号", "姓名", "姓名开头", "姓名包含",
    "拼音全拼", "拼音首字母", "拼音开头",
})  # fmt: skip
FREQUENT_DAYS = 90


@dataclass(frozen=True)
class CitizenMatch:
    """A returning citizen found from a few typed characters, shown masked in the picker."""

    applicant: Applicant
    matched_by: str

    @property
    def masked_id(self) -> str:
        return mask_id(self.applicant.id_number)

    @property
    def masked_phone(self) -> str:
        phone = self.applicant.phone
        return phone[:3] + "****" + phone[-4:] if len(phone) >= 11 else phone


@dataclass(frozen=True)
class OpenCase:
    case_id: str
    case_no: str
    status: str
    accept_date: str

    @property
    def status_label(self) -> str:
        return STATUS_LABELS.get(self.status, self.status)


@dataclass(frozen=True)
class CaseUpload:
    """How much of one case this PC still owes the district."""

    pending: int  # this PC's events of the case not yet acknowledged
    refused: int  # this PC's events of the case the district quarantined

    @property
    def uploaded(self) -> bool:
        return self.pending == 0 and self.refused == 0


def _fresh_index(desk: Any) -> None:
    try:
        search.refresh_index(desk)
    except (*cipher.OperationalError, StorageError) as exc:  # read-only: use what is there
        log.warning("search index not brought up to date (%s); using what is indexed", exc)


def find_citizens(desk: Any, text: str, limit: int = 8) -> list[CitizenMatch]:
    """Returning citizens by the last digits of the ID (or phone), the name, or its pinyin.

    A full, valid ID number is not a search: the caller looks it up with
    `Desk.find_citizen`. Raises InvalidInput for too few digits, like the search box.
    """
    page = search.search(desk, text, 0, max(limit * 6, 30))
    order: list[tuple[str, str]] = []
    seen: set[str] = set()
    for row in page.rows:
        if row.match in PERSON_TIERS and row.id_number not in seen:
            seen.add(row.id_number)
            order.append((row.id_number, row.match))
    if not order:
        return []
    marks = ", ".join("?" * len(order))
    found = {
        r[1]: Applicant(*r)
        for r in desk.conn.execute(
            "SELECT id_type, id_number, name, phone, address, kind FROM citizens "
            f"WHERE id_number IN ({marks})",
            [number for number, _ in order],
        )
    }
    out = [CitizenMatch(found[n], how) for n, how in order if n in found]
    return out[:limit]


def open_cases(desk: Any, id_type: str, id_number: str, matter_code: str) -> list[OpenCase]:
    """This citizen's cases of this matter that are still open (warned before a second)."""
    number = (id_number or "").strip().upper()
    if not number:
        raise InvalidInput("请先输入证件号码", field="id_number")
    _fresh_index(desk)
    statuses = ", ".join(f"'{s}'" for s in sorted(OPEN))
    rows = desk.conn.execute(
        "SELECT c.id, c.case_no, c.status, c.accept_date FROM case_search s "
        "JOIN cases c ON c.id = s.case_id WHERE s.id_rev = ? AND c.id_type = ? "
        f"AND c.matter_code = ? AND c.status IN ({statuses}) ORDER BY c.accept_hlc DESC",
        (number[::-1], id_type, matter_code),
    ).fetchall()
    return [OpenCase(*row) for row in rows]


def frequent_matters(desk: Any, login: str, limit: int = 9) -> list[str]:
    """Matter codes for the number keys: this clerk's most frequent of the last 90 days,
    then the ones used most recently, then the center's most frequent; catalog order last."""
    since = (desk.today() - dt.timedelta(days=FREQUENT_DAYS)).isoformat()
    codes = {m.name: m.code for m in desk.catalog.matters}
    picked: list[str] = []

    def take(names: Any) -> None:
        for name in names:
            code = codes.get(name)
            if code and code not in picked and len(picked) < limit:
                picked.append(code)

    by_count = (
        "SELECT matter_name FROM cases WHERE accept_date >= ? {} "
        "GROUP BY matter_name ORDER BY COUNT(*) DESC, matter_name"
    )
    take(r[0] for r in desk.conn.execute(by_count.format("AND first_contact = ?"), (since, login)))
    recent = desk.conn.execute(
        "SELECT matter_name FROM cases WHERE first_contact = ? ORDER BY rowid DESC LIMIT 50",
        (login,),
    )
    take(r[0] for r in recent)
    take(r[0] for r in desk.conn.execute(by_count.format(""), (since,)))
    take(m.name for m in desk.catalog.matters)
    return picked


def case_upload(desk: Any, case_id: str) -> CaseUpload:
    """This PC's events of the case not yet acknowledged by the district, and those refused."""
    found = desk.conn.execute("SELECT 1 FROM cases WHERE id = ?", (case_id,)).fetchone()
    if found is None:
        raise NotFound(f"没有找到案件 {case_id}")
    acked = desk.uploaded_through()
    pending, refused = desk.conn.execute(
        "SELECT COALESCE(SUM(e.seq > ? AND q.event_id IS NULL), 0), COUNT(q.event_id) "
        "FROM events e LEFT JOIN sync_quarantine q ON q.event_id = e.id "
        "WHERE e.case_id = ? AND e.device_id = ?",
        (acked, case_id, desk.info.device_id),
    ).fetchone()
    return CaseUpload(int(pending), int(refused))
