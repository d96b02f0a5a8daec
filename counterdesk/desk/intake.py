"""Intake decisions at the counter (行政许可法 Art. 32): accept, accept with
deficiencies, one-time notice, reject. The first person who received the
citizen is recorded (首问负责)."""

from __future__ import annotations

from typing import Any, Literal

from counterdesk.desk.boundary import Code, Line, Login, Note, Reason, checked_methods
from counterdesk.desk.context import DeskContext
from counterdesk.desk.users import CASE_ROLES
from counterdesk.domain import text
from counterdesk.domain.catalog import Matter
from counterdesk.domain.changes import CASES, CITIZENS, NOTICES, Change
from counterdesk.domain.errors import InvalidInput, NotAllowed
from counterdesk.domain.ids import case_number_prefix, new_id
from counterdesk.domain.payloads import MATERIAL_FORMS
from counterdesk.domain.people import Applicant

# How the identity was taken (domain.people.IDENTITY_SOURCES); old events carry none: typed.
Identity = Literal["card", "wedge", "typed"]


def _applicant(value: Applicant | dict[str, Any]) -> Applicant:
    if isinstance(value, dict):
        try:
            value = Applicant(**value)
        except TypeError as exc:
            raise InvalidInput(f"申请人信息字段不对：{exc}", field="applicant") from exc
    return value.validated()


def _materials(
    matter: Matter, given: dict[str, Any] | list[str] | tuple[str, ...]
) -> dict[str, dict]:
    """Normalise the checklist: a list of keys, or key -> {form, count}."""
    items = dict.fromkeys(given, None) if isinstance(given, list | tuple) else dict(given)
    out = {}
    for key, detail in items.items():
        material = matter.material(key)
        if detail is not None and not isinstance(detail, dict):
            raise InvalidInput(f"材料“{material.name}”的收取情况应为对象", field="materials")
        detail = detail or {}
        if set(detail) - {"form", "count"}:
            raise InvalidInput(f"材料“{material.name}”只能写明形式和份数", field="materials")
        form = detail.get("form", material.form)
        count = detail.get("count", material.count)
        if form not in MATERIAL_FORMS:
            raise InvalidInput(f"材料“{material.name}”的形式不对：{form}", field="materials")
        if not isinstance(count, int) or isinstance(count, bool) or not 1 <= count <= 99:
            raise InvalidInput(f"材料“{material.name}”的份数应为 1–99", field="materials")
        out[key] = {"form": form, "count": count}
    return out


def _form(matter: Matter, given: dict[str, Any] | None) -> dict[str, Any]:
    """Values typed into the application form: known fields only, clean text or whole numbers."""
    fields = {f.key: f for f in matter.form_fields}
    out: dict[str, Any] = {}
    for key, value in (given or {}).items():
        field = fields.get(key)
        if field is None:
            raise InvalidInput(f"事项“{matter.name}”的申请表没有字段 {key}", field="form")
        if value is None:
            continue
        if isinstance(value, int) and not isinstance(value, bool):
            out[key] = value
            continue
        out[key] = text.clean(
            value, f"form.{key}", field.label, text.FORM_VALUE, multiline=field.kind == "multiline"
        )
    return out


def _names(matter: Matter, keys) -> str:
    return "、".join(matter.material(k).name for k in keys)


@checked_methods
class Intake:
    """A service of the facade: the four intake decisions."""

    def __init__(self, ctx: DeskContext) -> None:
        self.ctx = ctx

    def _intake_payload(
        self, applicant: Applicant, matter: Matter, first_contact: str | None, identity: str
    ) -> dict:
        return {
            "identity": identity,
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
        matter_code: Code,
        materials: dict[str, dict[str, Any] | None] | list[Code],
        *,
        form: dict[str, Any] | None = None,
        first_contact: Login | None = None,
        identity: Identity = "typed",
    ) -> Change:
        """受理: every required material is here; the case opens and its clock starts.
        `identity` says how the applicant's ID was taken: card, wedge or typed."""
        return self._open_case(applicant, matter_code, materials, [], form, first_contact, identity)

    def accept_with_deficiencies(
        self,
        applicant: Applicant | dict[str, Any],
        matter_code: Code,
        materials: dict[str, dict[str, Any] | None] | list[Code],
        owed: list[Code],
        *,
        commitment_signed: bool,
        form: dict[str, Any] | None = None,
        first_contact: Login | None = None,
        identity: Identity = "typed",
    ) -> Change:
        """容缺受理: secondary materials owed under a signed commitment, with a supplement deadline."""
        if not owed:
            raise InvalidInput("容缺受理需要列出待补交的材料；材料齐全请直接受理", field="owed")
        if commitment_signed is not True:
            raise InvalidInput("容缺受理须由申请人签署《容缺受理承诺书》", field="commitment")
        return self._open_case(
            applicant, matter_code, materials, owed, form, first_contact, identity
        )

    def _checked_owed(self, matter: Matter, received: dict, owed: list[str]) -> list[str]:
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
        return owed

    def _open_case(
        self, applicant, matter_code, materials, owed, form, first_contact, identity
    ) -> Change:
        self.ctx.actor(*CASE_ROLES)
        person = _applicant(applicant)
        # Inside the transaction: the catalog in force is the one a sync just installed.
        with self.ctx.write():
            matter = self.ctx.catalog.matter(matter_code)
            received = _materials(matter, materials)
            owed = self._checked_owed(matter, received, owed)
            payload = self._intake_payload(person, matter, first_contact, identity)
            payload.update(case_no=self._next_number("cases", "case_no", "", 4), materials=received)
            payload["form"] = _form(matter, form)
            if owed:
                due, _ = self.ctx.calendar.add_workdays(self.ctx.today(), matter.supplement_days)
                # The fold counts the deadline from supplement_days (so a schedule published
                # later moves it); supplement_due is what the counter printed at intake.
                payload.update(
                    owed=owed,
                    supplement_days=matter.supplement_days,
                    supplement_due=due.isoformat(),
                    commitment_signed=True,
                )
            case_id = new_id()
            event, _ = self.ctx.record(case_id, "case_accepted", payload, fresh=True)
        return Change(
            frozenset({CASES, CITIZENS}), (case_id,), payload["case_no"], events=(event.id,)
        )

    def issue_notice(
        self,
        applicant: Applicant | dict[str, Any],
        matter_code: Code,
        missing: list[Code],
        *,
        note: Note = "",
        identity: Identity = "typed",
    ) -> Change:
        """一次性告知: every missing *required* material, on one paper; no case is opened.

        Optional materials (非必需) are never 需要补正: they are left off the notice.
        """
        self.ctx.actor(*CASE_ROLES)
        person = _applicant(applicant)
        if not missing:
            raise InvalidInput("一次性告知书须列出缺少的材料", field="missing")
        with self.ctx.write():
            matter = self.ctx.catalog.matter(matter_code)
            wanted = [matter.material(key) for key in dict.fromkeys(missing)]
            required = [m for m in wanted if m.required]
            if not required:
                raise InvalidInput(
                    "所列材料都不是必需材料，无需补正：必需材料齐全的请直接受理", field="missing"
                )
            items = [
                {
                    "key": m.key,
                    "name": m.display_name(person.id_type),
                    "form": m.form,
                    "count": m.count,
                    "issuer": m.issuer,
                }
                for m in required
            ]
            payload = self._intake_payload(person, matter, None, identity)
            notice_no = self._next_number("notices", "notice_no", "G", 3)
            payload.update(
                notice_id=new_id(),
                notice_no=notice_no,
                missing=items,
                note=note,
                basis=matter.notice_basis_text(),
            )
            event, _ = self.ctx.record(None, "notice_issued", payload)
        return Change(frozenset({NOTICES, CITIZENS}), notice_no=notice_no, events=(event.id,))

    def reject(
        self,
        applicant: Applicant | dict[str, Any],
        matter_code: Code,
        reason: Reason,
        redirect: Line,
        *,
        first_contact: Login | None = None,
        identity: Identity = "typed",
    ) -> Change:
        """不予受理: outside this office's remit; the paper names the office to go to."""
        self.ctx.actor(*CASE_ROLES)
        person = _applicant(applicant)
        if not reason:
            raise InvalidInput("请填写不予受理的理由", field="reason")
        if not redirect:
            raise InvalidInput("请写明应向哪个机关申请（告知申请人去向）", field="redirect")
        with self.ctx.write():
            matter = self.ctx.catalog.matter(matter_code)
            payload = self._intake_payload(person, matter, first_contact, identity)
            payload.update(
                case_no=self._next_number("cases", "case_no", "", 4),
                reason=reason,
                redirect=redirect,
                basis=matter.rejection_basis_text(),
            )
            case_id = new_id()
            event, _ = self.ctx.record(case_id, "case_rejected", payload, fresh=True)
        return Change(
            frozenset({CASES, CITIZENS}), (case_id,), payload["case_no"], events=(event.id,)
        )
