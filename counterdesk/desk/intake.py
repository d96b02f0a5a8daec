"""Intake decisions at the counter (行政许可法 Art. 32): accept, accept with
deficiencies, one-time notice, reject. The first person who received the
citizen is recorded (首问负责)."""

from __future__ import annotations

from typing import Any

from counterdesk.desk.context import DeskContext
from counterdesk.desk.users import CASE_ROLES
from counterdesk.domain.catalog import Matter
from counterdesk.domain.changes import CASES, CITIZENS, NOTICES, Change
from counterdesk.domain.errors import InvalidInput, NotAllowed
from counterdesk.domain.ids import case_number_prefix, new_id
from counterdesk.domain.people import Applicant


def _applicant(value: Applicant | dict[str, Any]) -> Applicant:
    if isinstance(value, dict):
        try:
            value = Applicant(**value)
        except TypeError as exc:
            raise InvalidInput(f"申请人信息字段不对：{exc}") from exc
    return value.validated()


def _materials(
    matter: Matter, given: dict[str, Any] | list[str] | tuple[str, ...]
) -> dict[str, dict]:
    """Normalise the checklist: a list of keys, or key -> {form, count}."""
    items = dict.fromkeys(given, None) if isinstance(given, list | tuple) else dict(given)
    out = {}
    for key, detail in items.items():
        material = matter.material(key)
        detail = detail or {}
        form = detail.get("form", material.form)
        count = detail.get("count", material.count)
        if form not in ("original", "copy", "original_and_copy", "electronic"):
            raise InvalidInput(f"材料“{material.name}”的形式不对：{form}", field="materials")
        if not isinstance(count, int) or isinstance(count, bool) or not 1 <= count <= 99:
            raise InvalidInput(f"材料“{material.name}”的份数应为 1–99", field="materials")
        out[key] = {"form": form, "count": count}
    return out


def _names(matter: Matter, keys) -> str:
    return "、".join(matter.material(k).name for k in keys)


class Intake:
    """A service of the facade: the four intake decisions."""

    def __init__(self, ctx: DeskContext) -> None:
        self.ctx = ctx

    def _intake_payload(
        self, applicant: Applicant, matter: Matter, first_contact: str | None
    ) -> dict:
        return {
            "applicant": applicant.to_dict(),
            "matter": matter.snapshot(),
            "catalog_version": self.ctx.catalog.version,
            "counter": self.ctx.info.counter,
            "first_contact": (first_contact or self.ctx.user.login)
            if self.ctx.user
            else first_contact,
        }

    def _next_number(self, table: str, column: str, marker: str, width: int) -> str:
        """Next free number of this device for today: center, date, device, sequence."""
        prefix = (
            case_number_prefix(self.ctx.info.center_code, self.ctx.today(), self.ctx.info.device_no)
            + marker
        )
        # One statement: the highest number used today, and the floor a restore set.
        last, floor_mark = self.ctx.conn.execute(
            f"SELECT (SELECT {column} FROM {table} WHERE {column} >= ?1 AND {column} < ?2 "
            f"ORDER BY {column} DESC LIMIT 1), "
            "(SELECT value FROM meta WHERE key = 'number_floor')",
            (prefix, prefix + "~"),
        ).fetchone()
        seq = int(last[len(prefix) :]) + 1 if last else 1
        floor_day, _, floor = (floor_mark or ":0").partition(":")
        if not marker and floor_day == self.ctx.today().isoformat():
            seq = max(seq, int(floor) + 1)
        if seq >= 10**width:
            raise NotAllowed(f"本机今日编号已用完（{10**width - 1} 个），请换一台窗口电脑受理")
        return f"{prefix}{seq:0{width}d}"

    def accept(
        self,
        applicant: Applicant | dict[str, Any],
        matter_code: str,
        materials: dict[str, Any] | list[str],
        *,
        form: dict[str, Any] | None = None,
        first_contact: str | None = None,
    ) -> Change:
        """受理: every required material is here; the case opens and its clock starts."""
        return self._open_case(applicant, matter_code, materials, [], form, first_contact)

    def accept_with_deficiencies(
        self,
        applicant: Applicant | dict[str, Any],
        matter_code: str,
        materials: dict[str, Any] | list[str],
        owed: list[str],
        *,
        commitment_signed: bool,
        form: dict[str, Any] | None = None,
        first_contact: str | None = None,
    ) -> Change:
        """容缺受理: secondary materials owed under a signed commitment, with a supplement deadline."""
        if not owed:
            raise InvalidInput("容缺受理需要列出待补交的材料；材料齐全请直接受理", field="owed")
        if not commitment_signed:
            raise InvalidInput("容缺受理须由申请人签署《容缺受理承诺书》", field="commitment")
        return self._open_case(applicant, matter_code, materials, owed, form, first_contact)

    def _open_case(self, applicant, matter_code, materials, owed, form, first_contact) -> Change:
        self.ctx.actor(*CASE_ROLES)
        person = _applicant(applicant)
        matter = self.ctx.catalog.matter(matter_code)
        received = _materials(matter, materials)
        owed = list(dict.fromkeys(owed))
        for key in owed:
            item = matter.material(key)
            if not matter.deficiency_allowed:
                raise NotAllowed(f"事项“{matter.name}”不适用容缺受理")
            if not item.deficiency_ok:
                raise InvalidInput(f"材料“{item.name}”是主要材料，不能容缺", field="owed")
            if key in received:
                raise InvalidInput(f"材料“{item.name}”已收取，不必列为待补交", field="owed")
        missing = [
            m.key
            for m in matter.materials
            if m.required and m.key not in received and m.key not in owed
        ]
        if missing:
            raise InvalidInput(
                f"缺少必需材料：{_names(matter, missing)}。请出具一次性告知书，或按容缺受理办理",
                field="materials",
            )
        with self.ctx.write():
            payload = self._intake_payload(person, matter, first_contact)
            payload.update(case_no=self._next_number("cases", "case_no", "", 4), materials=received)
            payload["form"] = dict(form or {})
            if owed:
                due, _ = self.ctx.calendar.add_workdays(self.ctx.today(), matter.supplement_days)
                # owed materials are only accepted under a signed commitment (checked above)
                payload.update(owed=owed, supplement_due=due.isoformat(), commitment_signed=True)
            case_id = new_id()
            event, _ = self.ctx.record(case_id, "case_accepted", payload, fresh=True)
        return Change(
            frozenset({CASES, CITIZENS}), (case_id,), payload["case_no"], events=(event.id,)
        )

    def issue_notice(
        self,
        applicant: Applicant | dict[str, Any],
        matter_code: str,
        missing: list[str],
        *,
        note: str = "",
    ) -> Change:
        """一次性告知: everything missing, on one paper; no case is opened."""
        self.ctx.actor(*CASE_ROLES)
        person = _applicant(applicant)
        matter = self.ctx.catalog.matter(matter_code)
        if not missing:
            raise InvalidInput("一次性告知书须列出缺少的材料", field="missing")
        items = []
        for key in dict.fromkeys(missing):
            m = matter.material(key)
            items.append(
                {"key": key, "name": m.name, "form": m.form, "count": m.count, "issuer": m.issuer}
            )
        with self.ctx.write():
            payload = self._intake_payload(person, matter, None)
            notice_no = self._next_number("notices", "notice_no", "G", 3)
            payload.update(
                notice_id=new_id(), notice_no=notice_no, missing=items, note=note.strip()
            )
            event, _ = self.ctx.record(None, "notice_issued", payload)
        return Change(frozenset({NOTICES, CITIZENS}), notice_no=notice_no, events=(event.id,))

    def reject(
        self,
        applicant: Applicant | dict[str, Any],
        matter_code: str,
        reason: str,
        redirect: str,
        *,
        first_contact: str | None = None,
    ) -> Change:
        """不予受理: outside this office's remit; the paper names the office to go to."""
        self.ctx.actor(*CASE_ROLES)
        person = _applicant(applicant)
        matter = self.ctx.catalog.matter(matter_code)
        if not reason.strip():
            raise InvalidInput("请填写不予受理的理由", field="reason")
        if not redirect.strip():
            raise InvalidInput("请写明应向哪个机关申请（告知申请人去向）", field="redirect")
        with self.ctx.write():
            payload = self._intake_payload(person, matter, first_contact)
            payload.update(
                case_no=self._next_number("cases", "case_no", "", 4),
                reason=reason.strip(),
                redirect=redirect.strip(),
            )
            case_id = new_id()
            event, _ = self.ctx.record(case_id, "case_rejected", payload, fresh=True)
        return Change(
            frozenset({CASES, CITIZENS}), (case_id,), payload["case_no"], events=(event.id,)
        )
