"""What happens to a case after intake: hand-offs to departments and back,
results, notification, pickup, suspension, transfer, withdrawal, notes,
evaluations (好差评) and reprints. Illegal transitions raise NotAllowed and
write nothing.

Every rule that depends on the case's current state is checked inside the
write transaction that records the action (and again by the fold), so two
windows on one PC cannot both pass a check and both act. A 容缺 case whose
deadline passed is ended by the system before any action on it.
"""

from __future__ import annotations

from typing import Any

import counterdesk.desk.expiry as expiry
import counterdesk.desk.staff as staff
from counterdesk.desk.boundary import Key, Line, Note, Reason, Short, checked_methods
from counterdesk.desk.context import DeskContext
from counterdesk.desk.users import CALLBACK_ROLES, CASE_ROLES
from counterdesk.domain.changes import CASES, NOTICES, Change
from counterdesk.domain.errors import InvalidInput, NotAllowed, NotFound
from counterdesk.domain.hlc import to_datetime
from counterdesk.domain.ids import new_id
from counterdesk.domain.workflow import (
    BAD_LEVELS,
    LEVELS,
    OUTCOMES,
    VISITS,
    case_destination,
    check,
)
from counterdesk.store import projection

INDICATORS = ("overall", "efficiency", "service", "attitude")


@checked_methods
class CaseWork:
    """A service of the facade: every action on an existing case."""

    def __init__(self, ctx: DeskContext) -> None:
        self.ctx = ctx

    def _state(self, key: str) -> dict[str, Any]:
        return self.ctx.case_state(key)

    def _current(self, key: str) -> tuple[dict[str, Any], bool]:
        """The case inside the write transaction, ended first if its 容缺 deadline passed."""
        return expiry.end_if_lapsed(self.ctx, self._state(key))

    def _act(self, key: str, type_: str, payload: dict[str, Any], guard: Any = None) -> Change:
        """Check, record and project one event on one case, in one write transaction.

        `guard(state)` checks what depends on the case beyond the workflow table. If
        the case lapsed, its termination is kept even when the action is then refused.
        """
        self.ctx.actor(*CASE_ROLES)
        refused: NotAllowed | InvalidInput | None = None
        with self.ctx.write():
            state, ended = self._current(key)
            try:
                if guard:
                    guard(state)
                check(state, type_, payload, self.ctx.today())
            except (NotAllowed, InvalidInput) as exc:
                if not ended:
                    raise
                refused = exc  # raised after the termination is committed
            else:
                event, _ = self.ctx.record(state["id"], type_, payload, state)
        if refused is not None:
            raise refused
        return Change(frozenset({CASES}), (state["id"],), state["case_no"], events=(event.id,))

    def _act_many(
        self, keys: list[str], type_: str, payload: dict[str, Any], same_department: bool
    ) -> Change:
        """One event per case, all in one transaction: the batch succeeds or nothing changes
        (except that lapsed 容缺 cases in it are ended, and then refuse the batch)."""
        self.ctx.actor(*CASE_ROLES)
        if not keys:
            raise InvalidInput("请至少选择一件案件", field="cases")
        ids, events = [], []
        refused: NotAllowed | None = None
        with self.ctx.write():
            current = [self._current(k) for k in dict.fromkeys(keys)]
            states = [state for state, _ in current]
            departments = {case_destination(s) for s in states}
            if same_department and len(departments) > 1:
                raise InvalidInput("一张交接单只能对应一个部门，请按部门分批", field="cases")
            try:
                for state in states:
                    check(state, type_, payload, self.ctx.today())
            except NotAllowed as exc:
                if not any(ended for _, ended in current):
                    raise
                refused = exc
            else:
                batch = dict(
                    payload, batch_id=new_id(), department=departments.pop(), count=len(states)
                )
                for state in states:
                    event, _ = self.ctx.record(state["id"], type_, batch, state)
                    ids.append(state["id"])
                    events.append(event.id)
        if refused is not None:
            raise refused
        return Change(
            frozenset({CASES}),
            tuple(ids),
            events=tuple(events),
            extra={"batch_id": batch["batch_id"]},
        )

    # ---- hand-offs ---------------------------------------------------------------------

    def hand_over(self, keys: list[Key], *, carrier: Short = "") -> Change:
        """送件: the agent carries a batch of cases to one department (one handover list)."""
        return self._act_many(
            keys, "handed_over", {"carrier": carrier or self.ctx.actor().login}, True
        )

    def department_received(self, key: Key, *, receiver: Line = "") -> Change:
        """部门签收: who signed for the materials at the department is part of the record."""
        if not receiver.strip():
            raise InvalidInput("请填写部门签收人的姓名（谁在部门签收了材料）", field="receiver")
        return self._act(key, "department_received", {"receiver": receiver})

    def department_result(
        self, key: Key, outcome: str, *, reason: Reason = "", document_no: Short = ""
    ) -> Change:
        if outcome not in OUTCOMES:
            raise InvalidInput("办理结果应为 准予 / 不予 / 需补正", field="outcome")
        if outcome != "approved" and not reason:
            raise InvalidInput("不予办理或需补正时须写明理由", field="reason")
        return self._act(
            key,
            "department_result",
            {"outcome": outcome, "reason": reason, "document_no": document_no},
        )

    def supplement(self, key: Key, materials: list[Key]) -> Change:
        """补交材料: owed 容缺 materials, or what the department asked for."""
        if not materials:
            raise InvalidInput("请选择补交的材料", field="materials")
        brought = list(dict.fromkeys(materials))

        def known(state: dict[str, Any]) -> None:
            names = set(state["owed"]) | set(self.catalog_keys(state["matter_code"]))
            unknown = [m for m in brought if m not in names]
            if unknown:
                raise InvalidInput(f"不认识的材料：{'、'.join(unknown)}", field="materials")

        return self._act(key, "materials_supplemented", {"materials": brought}, known)

    def catalog_keys(self, matter_code: Key) -> list[str]:
        try:
            return [m.key for m in self.ctx.catalog.matter(matter_code).materials]
        except NotFound:
            return []

    def return_results(self, keys: list[Key], *, carrier: Short = "") -> Change:
        """结果返回: the agent brings a batch of results back from one department."""
        return self._act_many(
            keys, "result_returned", {"carrier": carrier or self.ctx.actor().login}, True
        )

    def notify(self, key: Key, *, channel: Short = "电话") -> Change:
        return self._act(key, "citizen_notified", {"channel": channel or "电话"})

    def complete(self, key: Key, *, how: str = "pickup", receiver: Line = "") -> Change:
        """办结: the citizen picked the result up, or it was delivered."""
        if how not in ("pickup", "delivery", "mail"):
            raise InvalidInput("办结方式应为 领取 / 送达 / 邮寄", field="how")
        return self._act(key, "completed", {"how": how, "receiver": receiver})

    # ---- pauses and people -----------------------------------------------------------

    def suspend(self, key: Key, reason: Reason) -> Change:
        """中止 (hearing, testing, expert review): the time does not count against the limit."""
        if not reason:
            raise InvalidInput("请写明中止原因（如听证、检测、专家评审）", field="reason")
        return self._act(key, "suspended", {"reason": reason})

    def resume(self, key: Key) -> Change:
        return self._act(key, "resumed", {})

    def transfer(self, key: Key, to_login: Key, *, reason: Reason = "") -> Change:
        def eligible(state: dict[str, Any]) -> None:
            # Anyone of the center's staff directory, on this PC or another counter's;
            # read inside the transaction, so a deactivation just synced is seen.
            target = staff.get_member(self.ctx.conn, to_login)
            if not target.active or target.role not in CASE_ROLES:
                raise InvalidInput(
                    f"{target.name} 不能承办案件（已停用或不是窗口人员）", field="to"
                )

        login = to_login.strip().lower()
        return self._act(key, "transferred", {"to": login, "reason": reason}, eligible)

    def withdraw(self, key: Key, reason: Reason = "申请人主动撤回") -> Change:
        return self._act(key, "withdrawn", {"reason": reason or "申请人主动撤回"})

    def terminate(self, key: Key, reason: Reason) -> Change:
        if not reason:
            raise InvalidInput("请写明终止原因", field="reason")
        return self._act(key, "terminated", {"reason": reason})

    def note(self, key: Key, text: Note) -> Change:
        if not text:
            raise InvalidInput("备注不能为空", field="text")
        return self._act(key, "note", {"text": text})

    def expire_deficiencies(self) -> Change:
        """End 容缺 cases whose supplement deadline passed with materials still owed.

        Selection and termination happen in one write transaction. The store also
        does this by itself (see counterdesk.desk.expiry); the app calls it on a timer.
        """
        with self.ctx.write(sweep=False):
            ids = expiry.sweep(self.ctx)
        return Change(frozenset({CASES}) if ids else frozenset(), tuple(ids))

    # ---- evaluation and paper ----------------------------------------------------------

    def evaluate(
        self,
        key: Key,
        level: str,
        *,
        indicators: dict[str, int] | None = None,
        visit: str = "pickup",
        comment: Reason = "",
    ) -> Change:
        """好差评: one rating per visit kind; a bad one opens a 15-working-day rectification."""
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
            if not 1 <= value <= 5:
                raise InvalidInput("每项指标为 1–5 分", field=name)
        # One rating per visit kind: `check` refuses it inside the transaction, the fold too.
        return self._act(
            key,
            "evaluated",
            {"level": level, "indicators": scores, "visit": visit, "comment": comment},
        )

    def record_callback(self, key: Key, note: Reason, *, satisfied: bool) -> Change:
        """整改回访: a satisfied call-back closes a bad review's rectification; otherwise it
        stays open (and overdue once its 15 working days pass).

        The call-back verifies someone's work, so it is the chief's (CALLBACK_ROLES), and
        never by whom the review rated: who served the rated visit or holds the case."""
        user = self.ctx.actor(*CASE_ROLES)
        if user.role not in CALLBACK_ROLES:
            raise NotAllowed(
                "整改回访须由中心负责人登记：差评是对窗口服务的评价，"
                f"不能由窗口人员自己确认已整改（当前用户 {user.login} 是窗口人员）"
            )
        if not note:
            raise InvalidInput("请记录回访情况", field="note")

        def not_rated(state: dict[str, Any]) -> None:
            if user.login in self.rated(state):
                raise NotAllowed(
                    f"案件 {state['case_no']} 的差评评价的是 {user.login} 的服务，"
                    "本人不能登记整改回访；请由另一位中心负责人登记"
                )

        return self._act(
            key, "callback_recorded", {"note": note, "satisfied": satisfied}, not_rated
        )

    def rated(self, state: dict[str, Any]) -> set[str]:
        """Whom a case's bad reviews rate: who recorded each one at the counter (served
        that visit) and who holds the case now."""
        rows = self.ctx.conn.execute(
            "SELECT actor FROM events WHERE case_id = ? AND type = 'evaluated' "
            "AND json_extract(payload, '$.level') IN (?, ?)",
            (state["id"], *BAD_LEVELS),
        ).fetchall()
        return {row[0] for row in rows} | ({state["clerk"]} if state["clerk"] else set())

    def may_record_callback(self, key: Key) -> bool:
        """Whether the logged-in user may record this case's 整改回访 now (the case page
        shows the action only then; `record_callback` refuses the same cases)."""
        user = self.ctx.user
        if user is None or user.role not in CALLBACK_ROLES:
            return False
        state = self._state(key)
        return state["rectification_state"] == "open" and user.login not in self.rated(state)

    def record_notice_reprint(
        self, notice_no: Key, document: Short = "notice"
    ) -> tuple[Change, str]:
        """补打 of a one-time notice: journaled like a case reprint (a notice opens no case)."""
        self.ctx.actor(*CASE_ROLES)
        with self.ctx.write():
            notice = projection.load_notice(self.ctx.conn, notice_no)
            event, _ = self.ctx.record(
                None, "reprinted", {"document": document, "notice_no": notice["notice_no"]}
            )
        return Change(
            frozenset({NOTICES}), notice_no=notice["notice_no"], events=(event.id,)
        ), to_datetime(event.hlc).strftime("%Y-%m-%d %H:%M")

    def record_reprint(self, key: Key, document: Short) -> tuple[Change, str]:
        """补打: recorded in the journal; returns the time to print on the copy."""
        change = self._act(key, "reprinted", {"document": document})
        hlc = self.ctx.conn.execute(
            "SELECT hlc FROM events WHERE id = ?", (change.events[0],)
        ).fetchone()[0]
        return change, to_datetime(hlc).strftime("%Y-%m-%d %H:%M")
