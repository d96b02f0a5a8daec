"""District administration through the console: centers, PCs, enrollment codes,
catalog and calendar publishing (with a preview of what changes), feedback answers.

Each write goes through the district's own operations and is recorded with its user.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select

from counterdesk.domain.catalog import Catalog, Matter, catalog_from_json
from counterdesk.domain.errors import InvalidInput
from counterdesk.domain.workdays import YearSchedule, parse_schedule
from district.console import auth, sources
from district.console import tables as t
from district.console.auth import ConsoleUser
from district.enrollment import normalize_code
from district.operations import District
from district.store import now_ms
from sync import protocol

MAX_UPLOAD = 4 * 1024 * 1024


def _audit(district: District, user: ConsoleUser, action: str, target: str, *,
           center: str = "", detail: str = "") -> None:  # fmt: skip
    with district.engine.begin() as conn:
        auth.record(conn, user.login, action, target, center=center, detail=detail)


def create_center(district: District, user: ConsoleUser, code: str, name: str) -> str:
    try:
        info = district.create_center(code, name)
    except ValueError as exc:  # pydantic: the code's shape or a blank name
        raise InvalidInput("中心代码为 4 位大写字母或数字，名称不能为空", field="code") from exc
    _audit(district, user, "center_create", info.code, center=info.code, detail=info.name)
    return info.code


def issue_code(district: District, user: ConsoleUser, center: str, for_pc: str,
               ttl_hours: float) -> protocol.EnrollmentCode:  # fmt: skip
    """One code per PC: what it is for is noted, so IT sees which PC used which code."""
    for_pc = for_pc.strip()
    if not for_pc:
        raise InvalidInput("请写明注册码给哪台电脑（如“3号窗口”）", field="for_pc")
    if len(for_pc) > 128:
        raise InvalidInput("电脑说明最多 128 字", field="for_pc")
    try:
        issued = district.issue_code(center, ttl_hours)
    except ValueError as exc:
        raise InvalidInput("有效期应为 1–720 小时", field="ttl_hours") from exc
    with district.engine.begin() as conn:
        conn.execute(
            t.codes.insert().values(
                code_hash=district.hasher.digest(normalize_code(issued.code), "enroll"),
                center_code=center,
                for_pc=for_pc, issued_by=user.login,
            )
        )  # fmt: skip
        auth.record(conn, user.login, "code_issue", for_pc, center=center)
    return issued


def code_rows(district: District, center: str | None = None) -> list[dict[str, Any]]:
    """Enrollment codes, newest first: for which PC, by whom, used by which device, or open."""
    now = now_ms()
    with district.engine.connect() as conn:
        codes = sources.enrollment_codes(conn, center)
        notes = {r.code_hash: r for r in conn.execute(select(t.codes))}
        labels = {d.device_id: d.label for d in sources.devices(conn, center)}
    out = []
    for c in codes:
        note = notes.get(c.code_hash)
        state = "used" if c.used_ms else ("expired" if c.expires_ms < now else "open")
        out.append({
            "center_code": c.center_code, "created_ms": c.created_ms, "expires_ms": c.expires_ms,
            "used_ms": c.used_ms, "used_by": c.used_by or "",
            "used_label": labels.get(c.used_by or "", ""), "state": state,
            "for_pc": note.for_pc if note else "", "issued_by": note.issued_by if note else "",
        })  # fmt: skip
    return out


def revoke(district: District, user: ConsoleUser, device_id: str) -> None:
    with district.engine.connect() as conn:
        row = sources.device_row(conn, device_id)
    district.revoke_device(device_id, f"console:{user.login}")
    _audit(district, user, "device_revoke", device_id,
           center=row.center_code if row else "", detail=row.label if row else "")  # fmt: skip


def answer_feedback(district: District, user: ConsoleUser, feedback_id: str, text: str) -> None:
    text = text.strip()
    if not text:
        raise InvalidInput("请填写答复内容", field="text")
    if len(text) > 4000:
        raise InvalidInput("答复最多 4000 字", field="text")
    with district.engine.connect() as conn:
        row = sources.feedback_event(conn, feedback_id)
    receipt = district.answer_feedback(
        feedback_id,
        protocol.FeedbackAnswer(text=text, operator=user.login),
        center=row.center_code if row else None,
    )
    _audit(district, user, "feedback_answer", feedback_id,
           center=row.center_code if row else "", detail=receipt.event.id)  # fmt: skip


# ---- publishing with a preview -----------------------------------------------------------


@dataclass
class CatalogPreview:
    version: str
    previous: str | None
    added: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    changed: list[tuple[str, list[str]]] = field(default_factory=list)
    text: str = ""
    error: str = ""

    @property
    def publishable(self) -> bool:
        return not self.error


def _upload_text(data: bytes) -> str:
    if len(data) > MAX_UPLOAD:
        raise InvalidInput(f"文件超过 {MAX_UPLOAD // 2**20} MiB", field="file")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InvalidInput("文件不是 UTF-8 编码的 JSON", field="file") from exc


def preview_catalog(district: District, data: bytes) -> CatalogPreview:
    """What publishing this catalog would change against the one in force."""
    text = _upload_text(data)
    catalog = catalog_from_json(text, "上传的目录")
    with district.engine.connect() as conn:
        old = sources.latest_catalog(conn)
        versions = {v for v, _ in sources.catalogs(conn)}
    preview = CatalogPreview(catalog.version, old.version if old else None, text=catalog.to_json())
    if catalog.version in versions:
        preview.error = f"目录版本 {catalog.version} 已发布过；新目录请使用新的版本号"
    _diff_catalogs(old, catalog, preview)
    return preview


def _diff_catalogs(old: Catalog | None, new: Catalog, preview: CatalogPreview) -> None:
    before = {m.code: m for m in old.matters} if old else {}
    after = {m.code: m for m in new.matters}
    preview.added = [f"{c} {after[c].name}" for c in sorted(after.keys() - before.keys())]
    preview.removed = [f"{c} {before[c].name}" for c in sorted(before.keys() - after.keys())]
    for code in sorted(after.keys() & before.keys()):
        changes = matter_changes(before[code], after[code])
        if changes:
            preview.changed.append((f"{code} {after[code].name}", changes))


def matter_changes(old: Matter, new: Matter) -> list[str]:
    """The differences a district officer checks before publishing, in words."""
    out = []
    labels = {"name": "名称", "department": "主管部门", "promised_days": "承诺时限（工作日）",
              "statutory_days": "法定时限（工作日）", "fee": "收费", "legal_basis": "办理依据",
              "deficiency_allowed": "容缺受理", "supplement_days": "补交期限"}  # fmt: skip
    for name, label in labels.items():
        a, b = getattr(old, name), getattr(new, name)
        if a != b:
            out.append(f"{label}：{a} → {b}")
    steps_a = [(s.name, s.days, s.department) for s in old.steps]
    steps_b = [(s.name, s.days, s.department) for s in new.steps]
    if steps_a != steps_b:
        out.append("环节：" + "、".join(f"{n}{d}天" for n, d, _ in steps_b))
    mats_a = {m.key: m for m in old.materials}
    mats_b = {m.key: m for m in new.materials}
    for key in sorted(mats_b.keys() - mats_a.keys()):
        out.append(f"新增材料：{mats_b[key].name}")
    for key in sorted(mats_a.keys() - mats_b.keys()):
        out.append(f"删除材料：{mats_a[key].name}")
    for key in sorted(mats_a.keys() & mats_b.keys()):
        if mats_a[key] != mats_b[key]:
            out.append(f"材料要求变更：{mats_b[key].name}")
    return out


def publish_catalog(district: District, user: ConsoleUser, text: str) -> str:
    version = district.publish_catalog(text)
    _audit(district, user, "catalog_publish", version)
    return version


@dataclass
class CalendarPreview:
    year: int
    replaces: bool
    holidays_added: list[str]
    holidays_removed: list[str]
    workdays_added: list[str]
    workdays_removed: list[str]
    text: str
    source: str = ""


def preview_calendar(district: District, data: bytes) -> CalendarPreview:
    """A year's schedule against what is in force for that year (published, or built in)."""
    text = _upload_text(data)
    try:
        raw = json.loads(text)
    except json.JSONDecodeError as exc:
        raise InvalidInput(f"节假日安排不是有效的 JSON：第 {exc.lineno} 行", field="file") from exc
    schedule = parse_schedule(raw, "上传的节假日安排")
    with district.engine.connect() as conn:
        published = sources.calendars(conn).get(schedule.year)
    old = parse_schedule(published, "published") if published else None
    return _calendar_diff(schedule, old, json.dumps(schedule.to_json(), ensure_ascii=False))


def _calendar_diff(new: YearSchedule, old: YearSchedule | None, text: str) -> CalendarPreview:
    def days(values: Any) -> set[str]:
        return {d.isoformat() for d in values}

    before_h, before_w = (days(old.holidays), days(old.workdays)) if old else (set(), set())
    after_h, after_w = days(new.holidays), days(new.workdays)
    return CalendarPreview(
        year=new.year, replaces=old is not None,
        holidays_added=sorted(after_h - before_h), holidays_removed=sorted(before_h - after_h),
        workdays_added=sorted(after_w - before_w), workdays_removed=sorted(before_w - after_w),
        text=text, source=getattr(new, "source", ""),
    )  # fmt: skip


def publish_calendar(district: District, user: ConsoleUser, text: str) -> int:
    year = district.publish_calendar(json.loads(text))
    _audit(district, user, "calendar_publish", str(year))
    return year


def departments(district: District) -> list[str]:
    """The departments cases are carried to: from the catalog in force and from the cases."""
    from counterdesk.domain.workflow import case_destination as destination

    with district.engine.connect() as conn:
        catalog = sources.latest_catalog(conn)
        seen = {r[0] for r in conn.execute(select(t.cases.c.department).distinct())}
    if catalog is not None:
        seen |= {destination({"rules": m.snapshot(), "department": m.department})
                 for m in catalog.matters}  # fmt: skip
    return sorted(seen)
