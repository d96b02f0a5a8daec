"""What happens to a case after intake: hand-offs to departments and back,
results, notification, pickup, suspension, transfer, withdrawal, notes,
evaluations (好差评) and reprints. Illegal transitions raise NotAllowed and
write nothing."""

from __future__ import annotations

from typing import Any

from counterdesk.desk import staff, users
from counterdesk.desk.context import DeskContext
from counterdesk.desk.users import CASE_ROLES
from counterdesk.domain.changes import CASES, NOTICES, Change
from counterdesk.domain.errors import InvalidInput, NotAllowed, NotFound
from counterdesk.domain.hlc import to_datetime
from counterdesk.domain.ids import new_id
from counterdesk.domain.workflow import LEVELS, OUTCOMES, case_destination, check
from counterdesk.store import projection

INDICATORS = ("overall", "efficiency", "service", "attitude")
VISITS = ("intake", "pickup", "other")


class CaseWork:
    """A service of the facade: every action on an existing case."""

    def __init__(self, ctx: DeskContext) -> None:
        self.ctx = ctx

    def _state(self, key: str) -> dict[str, Any]:
        return self.ctx.case_state(key)

    def _act(self, key: str, type_: str, payload: dict[str, Any]) -> Change:
        """Check, record and project one event on one case."""
        self.ctx.actor(*CASE_ROLES)
        with self.ctx.write():
            state = self._state(key)
            check(state, type_, payload)
            event, _ = self.ctx.record(state["id"], type_, payload, state)
        return Change(frozenset({CASES}), (state["id"],), state["case_no"], events=(event.id,))

    def _act_many(
        self, keys: list[str], type_: str, payload: dict[str, Any], same_department: bool
    ) -> Change:
        """One event per case, all in one transaction: the batch succeeds or nothing changes."""
        self.ctx.actor(*CASE_ROLES)
        if not keys:
            raise InvalidInput("请至少选择一件案件", field="cases")
        ids, events = [], []
        with self.ctx.write():
            states = [self._state(k) for k in dict.fromkeys(keys)]
            departments = {case_destination(s) for s in states}
            if same_department and len(departments) > 1:
                raise InvalidInput("一张交接单只能对应一个部门，请按部门分批", field="cases")
            for state in states:
                check(state, type_, payload)
            batch = dict(
                payload, batch_id=new_id(), department=departments.pop(), count=len(states)
            )
            for state in states:
                event, _ = self.ctx.record(state["id"], type_, batch, state)
                ids.append(state["id"])
                events.append(event.id)
        return Change(
            frozenset({CASES}),
            tuple(ids),
            events=tuple(events),
            extra={"batch_id": batch["batch_id"]},
        )

    # ---- hand-offs ---------------------------------------------------------------------

    def hand_over(self, keys: list[str], *, carrier: str = "") -> Change:
        """送件: the agent carries a batch of cases to one department (one handover list)."""
        return self._act_many(
            keys, "handed_over", {"carrier": carrier or self.ctx.actor().login}, True
        )

    def department_received(self, key: str, *, receiver: str = "") -> Change:
        return self._act(key, "department_received", {"receiver": receiver.strip()})

    def department_result(
        self, key: str, outcome: str, *, reason: str = "", document_no: str = ""
    ) -> Change:
        if outcome not in OUTCOMES:
            raise InvalidInput("办理结果应为 准予 / 不予 / 需补正", field="outcome")
        if outcome != "approved" and not reason.strip():
            raise InvalidInput("不予办理或需补正时须写明理由", field="reason")
        return self._act(
            key,
            "department_result",
            {"outcome": outcome, "reason": reason.strip(), "document_no": document_no.strip()},
        )

    def supplement(self, key: str, materials: list[str]) -> Change:
        """补交材料: owed 容缺 materials, or what the department asked for."""
        state = self._state(key)
        if not materials:
            raise InvalidInput("请选择补交的材料", field="materials")
        known = {step for step in state["owed"]} | set(self.catalog_keys(state["matter_code"]))
        unknown = [m for m in materials if m not in known]
        if unknown:
            raise InvalidInput(f"不认识的材料：{'、'.join(unknown)}", field="materials")
        return self._act(
            key, "materials_supplemented", {"materials": list(dict.fromkeys(materials))}
        )

    def catalog_keys(self, matter_code: str) -> list[str]:
        try:
            return [m.key for m in self.ctx.catalog.matter(matter_code).materials]
        except NotFound:
            return []

    def return_results(self, keys: list[str], *, carrier: str = "") -> Change:
        """结果返回: the agent brings a batch of results back from one department."""
        return self._act_many(
            keys, "result_returned", {"carrier": carrier or self.ctx.actor().login}, True
        )

    def notify(self, key: str, *, channel: str = "电话") -> Change:
        return self._act(key, "citizen_notified", {"channel": channel})

    def complete(self, key: str, *, how: str = "pickup", receiver: str = "") -> Change:
        """办结: the citizen picked the result up, or it was delivered."""
        if how not in ("pickup", "delivery", "mail"):
            raise InvalidInput("办结方式应为 领取 / 送达 / 邮寄", field="how")
        return self._act(key, "completed", {"how": how, "receiver": receiver.strip()})

    # ---- pauses and people -----------------------------------------------------------

    def suspend(self, key: str, reason: str) -> Change:
        """中止 (hearing, testing, expert review): the time does not count against the limit."""
        if not reason.strip():
            raise InvalidInput("请写明中止原因（如听证、检测、专家评审）", field="reason")
        return self._act(key, "suspended", {"reason": reason.strip()})

    def resume(self, key: str) -> Change:
        return self._act(key, "resumed", {})

    def transfer(self, key: str, to_login: str, *, reason: str = "") -> Change:
        # Anyone of the center's staff directory, on this PC or another counter's.
        target = staff.get_member(self.ctx.conn, to_login)
        if not target.active or target.role not in CASE_ROLES:
            raise InvalidInput(f"{target.name} 不能承办案件（已停用或不是窗口人员）", field="to")
        return self._act(key, "transferred", {"to": target.login, "reason": reason.strip()})

    def withdraw(self, key: str, reason: str = "申请人主动撤回") -> Change:
        return self._act(key, "withdrawn", {"reason": reason.strip() or "申请人主动撤回"})

    def terminate(self, key: str, reason: str) -> Change:
        if not reason.strip():
            raise InvalidInput("请写明终止原因", field="reason")
        return self._act(key, "terminated", {"reason": reason.strip()})

    def note(self, key: str, text: str) -> Change:
        if not text.strip():
            raise InvalidInput("备注不能为空", field="text")
        if len(text) > 2000:
            raise InvalidInput("备注过长（最多 2000 字）", field="text")
        return self._act(key, "note", {"text": text.strip()})

    def expire_deficiencies(self) -> Change:
        """End 容缺 cases whose supplement deadline passed with materials still owed."""
        today = self.ctx.today().isoformat()
        rows = self.ctx.conn.execute(
            "SELECT id FROM cases WHERE supplement_due < ? AND owed != '[]' AND closed_date IS NULL",
            (today,),
        ).fetchall()
        ids = []
        previous, self.ctx.user = self.ctx.user, users.SYSTEM
        try:
            with self.ctx.write():
                for (case_id,) in rows:
                    state = self._state(case_id)
                    reason = f"容缺材料未在承诺期限 {state['supplement_due']} 前补交，自动终止"
                    self.ctx.record(
                        case_id, "terminated", {"reason": reason, "automatic": True}, state
                    )
                    ids.append(case_id)
        finally:
            self.ctx.user = previous
        return Change(frozenset({CASES}) if ids else frozenset(), tuple(ids))

    # ---- evaluation and paper ----------------------------------------------------------

    def evaluate(
        self,
        key: str,
        level: str,
        *,
        indicators: dict[str, int] | None = None,
        visit: str = "pickup",
        comment: str = "",
    ) -> Change:
        """好差评: one rating per visit; a bad one opens a 15-working-day rectification."""
        if level not in LEVELS:
            raise InvalidInput(f"评价等级应为：{' / '.join(LEVELS)}", field="level")
        if visit not in VISITS:
            raise InvalidInput("评价环节应为 受理 / 领取 / 其他", field="visit")
        scores = dict(indicators or {})
        if set(scores) - set(INDICATORS):
            raise InvalidInput(
                "评价指标应为 整体满意度、办事效率、服务水平、服务态度", field="indicators"
            )
        for name, value in scores.items():
            if not isinstance(value, int) or isinstance(value, bool) or not 1 <= value <= 5:
                raise InvalidInput("每项指标为 1–5 分", field=name)
        state = self._state(key)
        if visit != "other":
            done = self.ctx.conn.execute(
                "SELECT 1 FROM events WHERE case_id = ? AND type = 'evaluated' "
                "AND json_extract(payload, '$.visit') = ?",
                (state["id"], visit),
            ).fetchone()
            if done:
                raise NotAllowed("本次办事已评价过（每次办事评价一次）")
        return self._act(
            key,
            "evaluated",
            {"level": level, "indicators": scores, "visit": visit, "comment": comment.strip()},
        )

    def record_callback(self, key: str, note: str, *, satisfied: bool) -> Change:
        """整改回访: the call-back that closes a bad review's rectification."""
        if not note.strip():
            raise InvalidInput("请记录回访情况", field="note")
        return self._act(
            key, "callback_recorded", {"note": note.strip(), "satisfied": bool(satisfied)}
        )

    def record_notice_reprint(self, notice_no: str, document: str = "notice") -> tuple[Change, str]:
        """补打 of a one-time notice: journaled like a case reprint (a notice opens no case)."""
        self.ctx.actor(*CASE_ROLES)
        notice = projection.load_notice(self.ctx.conn, notice_no)
        with self.ctx.write():
            event, _ = self.ctx.record(
                None, "reprinted", {"document": document, "notice_no": notice["notice_no"]}
            )
        return Change(
            frozenset({NOTICES}), notice_no=notice["notice_no"], events=(event.id,)
        ), to_datetime(event.hlc).strftime("%Y-%m-%d %H:%M")

    def record_reprint(self, key: str, document: str) -> tuple[Change, str]:
        """补打: recorded in the journal; returns the time to print on the copy."""
        change = self._act(key, "reprinted", {"document": document})
        hlc = self.ctx.conn.execute(
            "SELECT hlc FROM events WHERE id = ?", (change.events[0],)
        ).fetchone()[0]
        return change, to_datetime(hlc).strftime("%Y-%m-%d %H:%M")
