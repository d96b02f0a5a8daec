"""District operations on top of the store: push and bundle intake, the district's own
events (department receipts and results, feedback answers), and acknowledgement files."""

from __future__ import annotations

import json
import logging
from typing import Any

from pydantic import ValidationError
from sqlalchemy import Connection, func, select, update
from sqlalchemy.exc import IntegrityError

from counterdesk.domain.errors import Conflict, Forbidden, InvalidInput, NotAllowed, NotFound
from counterdesk.domain.events import Event
from counterdesk.domain.hlc import HybridClock
from counterdesk.domain.ids import CASE_NO_RE, new_id
from counterdesk.domain.workdays import WorkCalendar, parse_schedule
from counterdesk.domain.workflow import OUTCOMES, check, fold_opened
from counterdesk.store import canonical
from district import access_store, enrollfile, ingest
from district import schema as s
from district.enrollment import Enrollment
from district.store import district_device_id, now_ms, row_event
from district.validate import check_actors, is_center_code, is_device_id, is_uuid
from sync import bundle, protocol

log = logging.getLogger("counterdesk.district")


def fold_case(events: list[Event], cal: WorkCalendar) -> dict[str, Any] | None:
    """The core's fold of a case's events from its opening, or None while the opening has
    not arrived, or (logged) when the events hold content the fold cannot read: the
    district refuses such payloads since `bad_payload`, but may have stored some before,
    and one PC's odd case must not stop the console, the summary or a department's result."""
    try:
        return fold_opened(events, cal)
    except (KeyError, TypeError, ValueError, AttributeError, IndexError) as exc:
        case = events[0].case_id if events else None
        log.warning("case %s cannot be folded: %s: %s", case, type(exc).__name__, exc)
        return None


class District(Enrollment):
    """Everything the district server does; the HTTP app and the CLI are thin layers over it."""

    # ---- intake ----------------------------------------------------------------------

    def push(self, device: Any, req: protocol.PushRequest) -> protocol.PushAck:
        # WireEvent has no nested models: its validated fields are the canonical dict
        # (a copy of __dict__ is ~20x cheaper than model_dump on the ingest hot path).
        events = [dict(e.__dict__) for e in req.events]
        check_actors(events)
        out = self._ingest(device, events)
        return protocol.PushAck(
            acked_seq=out.acked_seq,
            stored=out.stored,
            duplicates=out.duplicates,
            rejected=out.rejected,
            parked=out.parked,
        )

    def import_bundle(self, data: bytes) -> protocol.ImportResult:
        """Take in a USB bundle: signature checked against the device's enrolled key."""
        header = bundle.read_header(data)
        named = str(header["device_id"])
        device = None
        if is_device_id(named):
            with self.engine.connect() as conn:
                device = conn.execute(
                    select(s.devices).where(s.devices.c.device_id == named)
                ).first()
        if device is None and header.get("enrollment") is not None:
            # The first bundle of a PC enrolled from a file names the file: it binds it.
            device = enrollfile.bind(self, data, header)
        if device is None or device.kind != "counter":
            raise NotFound(f"数据包来自未注册的设备 {named[:64]}")
        if device.revoked_ms is not None:
            raise Forbidden(f"数据包来自已注销的设备 {device.device_id}，不予导入")
        if not device.public_key:
            raise Conflict(
                f"设备 {device.device_id} 正在重新注册：旧的签名密钥已作废，"
                "请在本机重新注册后再导出数据包"
            )
        if header.get("center_id") != device.center_code:
            raise InvalidInput(
                f"数据包声称属于中心 {str(header.get('center_id'))[:8]}，"
                f"设备 {device.device_id} 属于中心 {device.center_code}"
            )
        parsed = bundle.verify_bundle(data, device.public_key, self.bundle_private_key())
        events = [_wire(item, i) for i, item in enumerate(parsed.events)]
        check_actors(events)
        out = self._ingest(device, events) if events else ingest.Outcome(acked_seq=device.acked_seq)
        access = access_store.ingest_bundled(self, device, parsed.access) if parsed.access else None
        return protocol.ImportResult(
            device_id=device.device_id,
            events=len(events),
            stored=out.stored,
            duplicates=out.duplicates,
            parked=out.parked,
            rejected=out.rejected,
            acked_seq=out.acked_seq,
            access=len(parsed.access),
            access_stored=access.stored if access else 0,
            access_acked_seq=access.acked_seq if access else 0,
            access_breaks=access.breaks if access else [],
        )

    def _ingest(self, device: Any, events: list[dict[str, Any]]) -> ingest.Outcome:
        try:
            with self.engine.begin() as conn:
                return ingest.ingest(self, conn, device, events)
        except IntegrityError as exc:
            # A key clash that slipped past the checks (two pushes racing with one id).
            raise Conflict(
                "本批事件与区级平台已有的记录冲突（事件编号重复），整批拒收",
                detail=str(exc).splitlines()[0][:300],
            ) from exc

    def ack_file(self, device_id: str) -> protocol.AckFile:
        """What the district holds for a device, for the center to load from a USB stick."""
        with self.engine.connect() as conn:
            device = conn.execute(
                select(s.devices).where(s.devices.c.device_id == device_id)
            ).first()
            if device is None or device.kind != "counter":
                raise NotFound(f"没有设备 {device_id}")
            r = s.refused.c
            refusals = conn.execute(
                select(s.refused)
                .where(r.center_code == device.center_code, r.device_id == device_id)
                .order_by(r.seq)
            ).all()
            h = access_store.access_heads.c
            access = conn.execute(
                select(h.acked_seq, h.head_hash).where(
                    h.center_code == device.center_code, h.device_id == device_id
                )
            ).first()
        return protocol.AckFile(
            device_id=device_id,
            center_code=device.center_code,
            acked_seq=int(device.acked_seq),
            acked_hash=device.head_hash if int(device.acked_seq) else None,
            rejected=[
                protocol.Rejected(event_id=r.event_id, seq=int(r.seq), code=r.code, reason=r.reason)
                for r in refusals
            ],
            issued_ms=now_ms(),
            access_acked_seq=int(access.acked_seq) if access else 0,
            access_acked_hash=access.head_hash if access and int(access.acked_seq) else None,
        )

    # ---- the district's own chain -----------------------------------------------------

    def _calendar(self, conn: Connection) -> WorkCalendar:
        cal = WorkCalendar()
        for (body,) in conn.execute(select(s.calendars.c.body)):
            cal.set_schedule(parse_schedule(json.loads(body)))
        return cal

    def _case_events(
        self, conn: Connection, key: str, center: str | None
    ) -> tuple[str, list[Event]]:
        """A case's center and events, by case number (whose prefix names the center) or
        case id; always read within that one center."""
        c = s.server_cases.c
        number = CASE_NO_RE.match(key.strip().upper())
        if number is not None:
            if center is not None and number.group(1) != center:
                raise NotFound(f"案件编号 {key} 不属于中心 {center}")
            query = select(c.center_code, c.case_id).where(
                c.center_code == number.group(1), c.case_no == number.group(0)
            )
        elif is_uuid(key):
            query = select(c.center_code, c.case_id).where(c.case_id == key)
            if center is not None:
                query = query.where(c.center_code == center)
        else:
            raise NotFound(f"区级平台没有案件 {key[:64]}（应为案件编号或案件 ID）")
        rows = conn.execute(query.limit(2)).all()
        if not rows:
            raise NotFound(f"区级平台没有案件 {key}（中心尚未上传，或编号有误）")
        if len(rows) > 1:
            raise Conflict(f"{key} 对应多个案件：请同时指明中心（center）或改用案件 ID")
        code, case_id = rows[0]
        e = s.events.c
        found = conn.execute(
            select(s.events).where(e.center_code == code, e.case_id == case_id)
        ).all()
        return code, [Event.from_dict(row_event(r)) for r in found]

    def _append(
        self, conn: Connection, center: str, case_id: str | None, type_: str, actor: str,
        payload: dict[str, Any], after_hlc: int = 0,
    ) -> Event:  # fmt: skip
        """Append one event to the district's chain for `center` (rows locked, in `conn`)."""
        self.center(conn, center, lock=True)
        dev_id = district_device_id(center)
        dev = conn.execute(
            select(s.devices).where(s.devices.c.device_id == dev_id).with_for_update()
        ).one()
        clock = HybridClock()
        clock.observe(max(int(dev.head_hlc), after_hlc))
        event = Event(
            id=new_id(), center_id=center, device_id=dev_id, seq=int(dev.acked_seq) + 1,
            hlc=clock.now(), case_id=case_id, type=type_, actor=actor, payload=payload,
            prev_hash=dev.head_hash,
        )  # fmt: skip
        event.hash = canonical.event_hash(event.to_dict())
        change = self.next_change(conn, center, 1)
        data = event.to_dict()
        conn.execute(s.events.insert().values(**ingest._row(data, change, now_ms())))
        conn.execute(
            update(s.devices)
            .where(s.devices.c.device_id == dev_id)
            .values(acked_seq=event.seq, head_hash=event.hash, head_hlc=event.hlc)
        )
        return event

    def record_result(self, rec: protocol.ResultRecord) -> protocol.EventReceipt:
        """A department's receipt or result for a case, as a district event that flows back."""
        if rec.kind == "result":
            if rec.outcome not in OUTCOMES:
                raise InvalidInput(
                    "办理结果应为 approved / denied / needs_supplement", field="outcome"
                )
            if rec.outcome != "approved" and not rec.reason.strip():
                raise InvalidInput("不予办理或需补正时须写明理由", field="reason")
            type_ = "department_result"
            payload = {
                "outcome": rec.outcome,
                "reason": rec.reason.strip(),
                "document_no": rec.document_no.strip(),
            }
        else:
            type_, payload = "department_received", {"receiver": rec.receiver.strip()}
        with self.engine.begin() as conn:
            center, events = self._case_events(conn, rec.case, rec.center)
            state = fold_case(events, self._calendar(conn))
            if state is None:
                raise Conflict(
                    f"案件 {rec.case} 的记录不完整，区级平台无法确定其状态，不能记录结果"
                )
            try:
                check(state, type_, payload)
            except NotAllowed as exc:
                raise Conflict(exc.message, detail=exc.detail) from exc
            last = max(e.hlc for e in events)
            event = self._append(conn, center, state["id"], type_, rec.operator, payload, last)
        return protocol.EventReceipt(event=protocol.WireEvent.of(event))

    def answer_feedback(
        self, feedback_id: str, answer: protocol.FeedbackAnswer, center: str | None = None
    ) -> protocol.EventReceipt:
        """Answer a clerk's report on the district's chain of the report's own center."""
        if not is_uuid(feedback_id):
            raise NotFound(f"没有反馈 {feedback_id[:64]}")
        e = s.events.c
        with self.engine.begin() as conn:
            query = select(s.events).where(e.id == feedback_id, e.type == "feedback_submitted")
            if center is not None:
                query = query.where(e.center_code == center)
            rows = conn.execute(query.limit(2)).all()
            if not rows:
                raise NotFound(f"没有反馈 {feedback_id}")
            if len(rows) > 1:
                raise Conflict(f"反馈编号 {feedback_id} 在多个中心出现：请指明中心（center）")
            row = rows[0]
            payload = {"feedback_id": feedback_id, "text": answer.text.strip()}
            event = self._append(
                conn, row.center_code, None, "feedback_answered", answer.operator, payload, row.hlc
            )
        return protocol.EventReceipt(event=protocol.WireEvent.of(event))

    def feedback(
        self, center_code: str | None = None, unanswered: bool = False
    ) -> list[protocol.FeedbackItem]:
        e = s.events.c
        if center_code and not is_center_code(center_code):
            raise NotFound(f"没有中心 {center_code[:16]!r}（中心编码为 4 位大写字母或数字）")
        with self.engine.connect() as conn:
            query = select(s.events).where(e.type.in_(("feedback_submitted", "feedback_answered")))
            if center_code:
                query = query.where(e.center_code == center_code)
            rows = conn.execute(query.order_by(e.hlc)).all()
        items: dict[str, protocol.FeedbackItem] = {}
        for r in rows:
            p = json.loads(r.payload)
            if r.type == "feedback_submitted":
                items[r.id] = protocol.FeedbackItem(
                    feedback_id=r.id, center_code=r.center_code, device_id=r.device_id,
                    actor=r.actor, subject=str(p.get("subject", "")), text=str(p.get("text", "")),
                    submitted_hlc=int(r.hlc),
                )  # fmt: skip
            elif p.get("feedback_id") in items:
                items[p["feedback_id"]].answer = str(p.get("text", ""))
                items[p["feedback_id"]].answered_by = r.actor
        return [i for i in items.values() if not (unanswered and i.answer is not None)]

    def refused_count(self, conn: Connection, center_code: str, code: str | None = None) -> int:
        r = s.refused.c
        query = select(func.count()).where(r.center_code == center_code)
        if code is not None:
            query = query.where(r.code == code)
        return int(conn.execute(query).scalar_one())


def _wire(item: Any, index: int) -> dict[str, Any]:
    """Validate one bundled event's shape; the message names its position and field."""
    try:
        return protocol.WireEvent.model_validate(item).model_dump()
    except ValidationError as exc:
        first = exc.errors()[0] if exc.errors() else {"loc": (), "msg": str(exc)}
        loc = ".".join(str(p) for p in first["loc"])
        why = str(first["msg"]).removeprefix("Value error, ")
        raise InvalidInput(f"数据包第 {index + 1} 个事件格式不对：{loc} {why}") from exc
