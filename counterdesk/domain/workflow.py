"""The 全程代办 workflow: which event may follow which, and what each does to a case.

`check` guards an action before its event is written (illegal → NotAllowed, nothing
changes). `apply` is the fold step: a pure function of (case state, event,
calendar), total for any event order, so merging devices is a set union and a
rebuild from the journal gives identical rows.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import counterdesk.domain.payloads as payloads
from counterdesk.domain.errors import CaseStateRefused, NotAllowed
from counterdesk.domain.events import Event
from counterdesk.domain.hlc import to_date
from counterdesk.domain.payloads import LEVELS as LEVELS
from counterdesk.domain.payloads import OUTCOMES as OUTCOMES
from counterdesk.domain.payloads import VISITS as VISITS
from counterdesk.domain.workdays import WorkCalendar

STATUS_LABELS = {
    "accepted": "已受理（待送件）",
    "sent": "已送部门",
    "at_department": "部门办理中",
    "needs_supplement": "待补正材料",
    "result_ready": "部门已出结果",
    "returned": "结果已返回中心",
    "notified": "已通知领取",
    "completed": "已办结",
    "suspended": "已中止",
    "withdrawn": "已撤回",
    "rejected": "不予受理",
    "terminated": "已终止",
}
EVENT_LABELS = {
    "case_accepted": "受理",
    "case_rejected": "不予受理",
    "notice_issued": "一次性告知",
    "materials_supplemented": "补齐材料",
    "handed_over": "送件至部门",
    "department_received": "部门签收",
    "department_result": "部门出具结果",
    "result_returned": "结果返回中心",
    "citizen_notified": "通知申请人",
    "completed": "办结（领取/送达）",
    "suspended": "中止",
    "resumed": "恢复",
    "transferred": "转交",
    "withdrawn": "申请人撤回",
    "terminated": "终止",
    "note": "备注",
    "evaluated": "好差评",
    "callback_recorded": "整改回访",
    "reprinted": "补打",
}


def destination(rules: dict[str, Any], department: str) -> str:
    """The department a case is carried to: its review step's, else the matter's."""
    for step in rules.get("steps", []):
        if step.get("kind") == "review" and step.get("department"):
            return step["department"]
    return department


def case_destination(state: dict[str, Any]) -> str:
    """Where a case (its folded state) is carried to."""
    return destination(state["rules"], state["department"])


# Statuses in which the promised time is running.
RUNNING = frozenset({"accepted", "sent", "at_department", "result_ready", "returned"})
# Statuses in which the case is still open (clock running or paused).
OPEN = RUNNING | {"needs_supplement", "suspended"}
CLOSED = frozenset({"notified", "completed", "withdrawn", "rejected", "terminated"})
# The tracking-slip step each running status belongs to.
STEP_OF_STATUS = {
    "accepted": "handover",
    "sent": "review",
    "at_department": "review",
    "result_ready": "return",
    "returned": "notify",
}
# Statuses in which the result is back at the center (or handed over): the citizen's
# visit now is the pickup, so a 好差评 rates it; before, it rates the intake.
PICKUP_STATUSES = frozenset({"returned", "notified", "completed"})
BAD_LEVELS = ("不满意", "非常不满意")
# The national 好差评 scores: 5 = 非常满意 … 1 = 非常不满意, the same direction for the
# overall level and each indicator (1–5). Stored events keep the level's name.
LEVEL_SCORES = {level: len(LEVELS) - i for i, level in enumerate(LEVELS)}
RECTIFY_DAYS = 15
# What a 容缺 case's lapse means, said the same way on the commitment letter, the
# receipt and the event the system records: the case is terminated (not withdrawn).
LAPSE_CONSEQUENCE = "本案件终止办理；如需继续办理，须重新提出申请"

# event type -> statuses it may follow (None: any status)
ALLOWED_FROM: dict[str, frozenset[str] | None] = {
    "handed_over": frozenset({"accepted"}),
    "department_received": frozenset({"sent"}),
    "department_result": frozenset({"sent", "at_department"}),
    "materials_supplemented": OPEN,
    "result_returned": frozenset({"result_ready"}),
    "citizen_notified": frozenset({"returned"}),
    "completed": frozenset({"returned", "notified"}),
    "suspended": RUNNING,
    "resumed": frozenset({"suspended"}),
    "transferred": OPEN | {"notified"},
    "withdrawn": OPEN,
    "terminated": OPEN,
    "note": None,
    "reprinted": None,
    "evaluated": None,
    "callback_recorded": None,
}
CASE_COLUMNS = (
    "id", "case_no", "center_id", "device_id", "matter_code", "matter_name", "department",
    "applicant_kind", "id_type", "id_number", "applicant_name", "phone", "address", "status",
    "resume_status", "outcome", "outcome_reason", "first_contact", "clerk", "counter",
    "accept_hlc", "accept_date", "promised_days", "due_date", "due_provisional", "step_kind",
    "step_name", "step_department", "step_start", "step_due", "step_suspended_days",
    "suspended_since", "suspended_days", "owed", "supplement_due", "handover_batch",
    "evaluation", "evaluations", "rectification_state", "rectification_due", "closed_date",
    "late", "anomalies", "rules", "materials", "form", "event_count", "last_hlc",
    "last_device", "last_seq", "supplement_provisional", "evaluated_visits", "identity",
)  # fmt: skip
JSON_COLUMNS = ("owed", "rules", "materials", "form", "evaluated_visits")


def lapse_reason(due: str) -> str:
    """The reason recorded when the system ends a 容缺 case whose deadline passed."""
    return f"容缺材料未在承诺期限 {due} 前补交，按《容缺受理承诺书》{LAPSE_CONSEQUENCE}"


def lapsed(state: dict[str, Any], day: dt.date) -> bool:
    """Materials are still owed under a 容缺 commitment whose deadline is before `day`."""
    due = state["supplement_due"]
    return bool(state["owed"]) and due is not None and due < day.isoformat()


def check(
    state: dict[str, Any], type_: str, payload: dict[str, Any], day: dt.date | None = None
) -> None:
    """Raise CaseStateRefused (a NotAllowed) if `type_` may not follow the case's state on `day`."""
    status = state["status"]
    if type_ == "materials_supplemented" and _supplement_too_late(state, day):
        raise CaseStateRefused(
            f"案件 {state['case_no']} 的容缺材料应于 {state['supplement_due']} 前补交，"
            "已经逾期：按承诺书，本案件终止办理，不能再补交。如需继续办理，"
            "请申请人重新提出申请（材料齐全的当场受理）",
            detail=f"supplement after {state['supplement_due']}",
        )
    allowed = ALLOWED_FROM.get(type_, frozenset())
    if allowed is not None and status not in allowed:
        action = EVENT_LABELS.get(type_, type_)
        raise CaseStateRefused(
            f"案件 {state['case_no']} 当前状态为“{STATUS_LABELS[status]}”，不能{action}",
            detail=f"{type_} from {status}",
        )
    if type_ == "callback_recorded" and state["rectification_state"] != "open":
        raise CaseStateRefused(f"案件 {state['case_no']} 没有待整改的差评，无需回访")
    if type_ == "materials_supplemented" and status != "needs_supplement" and not state["owed"]:
        raise CaseStateRefused(f"案件 {state['case_no']} 没有待补交的材料")
    if type_ == "evaluated" and payload.get("visit", "pickup") in state["evaluated_visits"]:
        raise CaseStateRefused(f"案件 {state['case_no']} 本次办事已评价过（每次办事评价一次）")


def visit_now(status: str) -> str:
    """The visit a 好差评 given in this status rates (one rating per visit)."""
    return "pickup" if status in PICKUP_STATUSES else "intake"


def _supplement_too_late(state: dict[str, Any], day: dt.date | None) -> bool:
    """A supplement of owed 容缺 materials after their deadline (or after the lapse ended the case)."""
    if not state["owed"] or state["supplement_due"] is None:
        return False
    if day is not None and lapsed(state, day):
        return True
    closed = state["closed_date"]
    return (
        state["status"] == "terminated" and closed is not None and closed > state["supplement_due"]
    )


def new_case(event: Event, cal: WorkCalendar) -> dict[str, Any]:
    """The state a case_accepted or case_rejected event opens."""
    p = event.payload
    day = to_date(event.hlc)
    applicant, rules = p["applicant"], p["matter"]
    state: dict[str, Any] = dict.fromkeys(CASE_COLUMNS)
    state.update(
        id=event.case_id,
        case_no=p["case_no"],
        center_id=event.center_id,
        device_id=event.device_id,
        matter_code=rules["code"],
        matter_name=rules["name"],
        department=rules["department"],
        applicant_kind=applicant["kind"],
        id_type=applicant["id_type"],
        id_number=applicant["id_number"],
        applicant_name=applicant["name"],
        phone=applicant.get("phone", ""),
        address=applicant.get("address", ""),
        first_contact=p.get("first_contact") or event.actor,
        # How the ID was taken (card / wedge / typed); intakes before readers: typed.
        identity=p.get("identity") or "typed",
        clerk=event.actor,
        counter=p.get("counter", ""),
        accept_hlc=event.hlc,
        accept_date=day.isoformat(),
        due_provisional=0,
        step_suspended_days=0,
        suspended_days=0,
        owed=list(p.get("owed", [])),
        supplement_due=p.get("supplement_due"),
        supplement_provisional=0,
        evaluations=0,
        evaluated_visits=[],
        late=0,
        anomalies=0,
        rules=rules,
        materials=p.get("materials", {}),
        form=p.get("form", {}),
        event_count=0,
    )
    if event.type == "case_rejected":
        state.update(status="rejected", promised_days=0, closed_date=day.isoformat())
        state["outcome_reason"] = p.get("reason", "")
    else:
        state.update(status="accepted", promised_days=rules["promised_days"])
        _recompute_due(state, cal)
        if state["owed"] and isinstance(p.get("supplement_days"), int):
            # Counted in the fold, so a year's schedule published later moves it (预计 until then).
            due, provisional = cal.add_workdays(day, p["supplement_days"])
            state["supplement_due"], state["supplement_provisional"] = (
                due.isoformat(),
                int(provisional),
            )
        _enter_step(state, "handover", day, cal)
    return state


def apply(state: dict[str, Any] | None, event: Event, cal: WorkCalendar) -> dict[str, Any]:
    """Fold one event into a case's state (a new dict; the input is not changed)."""
    malformed = payloads.problem(event.type, event.payload)
    if state is None or event.type in ("case_accepted", "case_rejected"):
        if event.type not in ("case_accepted", "case_rejected"):
            raise ValueError(f"event {event.id} ({event.type}) precedes its case's opening")
        if state is not None:  # a second opening of the same case id: keep the first
            state = dict(state)
            state["anomalies"] += 1
        elif malformed:  # refused at the district and by the PCs: never stored by them
            raise ValueError(f"event {event.id} cannot open a case: {malformed}")
        else:
            state = new_case(event, cal)
    elif malformed:  # a payload the handlers cannot read changes nothing but the count
        state = dict(state)
        state["anomalies"] += 1
    else:
        state = dict(state)
        try:
            check(state, event.type, event.payload, _day(event))
        except NotAllowed:
            # Two counters acted on the same case concurrently: the later one (in fold
            # order) loses, deterministically, and the case records the conflict. Two
            # PCs that both ended the same lapsed 容缺 case did the same thing: no conflict.
            if not (_is_lapse(event) and state["status"] == "terminated"):
                state["anomalies"] += 1
        else:
            _HANDLERS.get(event.type, _noop)(state, event, cal)
    state["event_count"] += 1
    state["last_hlc"], state["last_device"], state["last_seq"] = event.order_key
    return state


def _noop(state: dict, event: Event, cal: WorkCalendar) -> None:
    return None


def _is_lapse(event: Event) -> bool:
    return event.type == "terminated" and event.payload.get("cause") == "deficiency_lapsed"


def _day(event: Event) -> dt.date:
    return to_date(event.hlc)


def _step(rules: dict, kind: str) -> dict:
    for step in rules["steps"]:
        if step["kind"] == kind:
            return step
    return {"kind": kind, "name": kind, "days": 0, "department": ""}


def _enter_step(state: dict, kind: str, day: dt.date, cal: WorkCalendar) -> None:
    step = _step(state["rules"], kind)
    state.update(
        step_kind=kind,
        step_name=step["name"],
        step_department=step.get("department") or state["department"],
        step_start=day.isoformat(),
        step_suspended_days=0,
    )
    _recompute_step_due(state, cal)


def _recompute_step_due(state: dict, cal: WorkCalendar) -> None:
    days = _step(state["rules"], state["step_kind"])["days"] + state["step_suspended_days"]
    due, _ = cal.add_workdays(dt.date.fromisoformat(state["step_start"]), days)
    state["step_due"] = due.isoformat()


def _recompute_due(state: dict, cal: WorkCalendar) -> None:
    start = dt.date.fromisoformat(state["accept_date"])
    due, provisional = cal.add_workdays(start, state["promised_days"] + state["suspended_days"])
    state["due_date"], state["due_provisional"] = due.isoformat(), int(provisional)


def _move(state: dict, status: str, day: dt.date, cal: WorkCalendar) -> None:
    """Change status; enter the status's step, or stop the clock on closing."""
    state["status"] = status
    if status in STEP_OF_STATUS:
        if state["step_kind"] != STEP_OF_STATUS[status]:
            _enter_step(state, STEP_OF_STATUS[status], day, cal)
    elif status in CLOSED:
        if state["closed_date"] is None:
            state["closed_date"] = day.isoformat()
            due = state["due_date"]
            state["late"] = int(due is not None and state["closed_date"] > due)
        state.update(step_kind=None, step_name=None, step_department=None, step_due=None)
        state["step_start"] = None


def _pause(state: dict, day: dt.date) -> None:
    state["resume_status"] = state["status"]
    state["suspended_since"] = day.isoformat()


def _unpause(state: dict, day: dt.date, cal: WorkCalendar) -> None:
    since = dt.date.fromisoformat(state["suspended_since"])
    paused = cal.workdays_between(since, day)
    state["suspended_days"] += paused
    state["step_suspended_days"] += paused
    state["suspended_since"] = None
    _recompute_due(state, cal)
    if state["step_kind"]:
        _recompute_step_due(state, cal)


def _handed_over(state: dict, event: Event, cal: WorkCalendar) -> None:
    state["handover_batch"] = event.payload.get("batch_id")
    _move(state, "sent", _day(event), cal)


def _received(state: dict, event: Event, cal: WorkCalendar) -> None:
    state["status"] = "at_department"


def _result(state: dict, event: Event, cal: WorkCalendar) -> None:
    outcome = event.payload.get("outcome")
    state["outcome"], state["outcome_reason"] = outcome, event.payload.get("reason", "")
    if outcome == "needs_supplement":
        # Time waiting for the citizen's supplement does not count against the limit.
        _pause(state, _day(event))
        state["status"] = "needs_supplement"
        state["resume_status"] = None
    else:
        _move(state, "result_ready", _day(event), cal)


def _supplemented(state: dict, event: Event, cal: WorkCalendar) -> None:
    brought = set(event.payload.get("materials", []))
    state["owed"] = [key for key in state["owed"] if key not in brought]
    if not state["owed"]:
        state["supplement_due"], state["supplement_provisional"] = None, 0
    materials = dict(state["materials"])
    for key in sorted(brought):
        materials[key] = event.payload.get("forms", {}).get(key, {"form": "original", "count": 1})
    state["materials"] = materials
    if state["status"] == "needs_supplement":
        day = _day(event)
        _unpause(state, day, cal)
        state["outcome"], state["outcome_reason"] = None, None
        state["step_kind"] = None
        _move(state, "accepted", day, cal)


def _suspended(state: dict, event: Event, cal: WorkCalendar) -> None:
    _pause(state, _day(event))
    state["status"] = "suspended"


def _resumed(state: dict, event: Event, cal: WorkCalendar) -> None:
    _unpause(state, _day(event), cal)
    state["status"], state["resume_status"] = state["resume_status"], None


def _closing(status: str):
    def handler(state: dict, event: Event, cal: WorkCalendar) -> None:
        if state["suspended_since"]:
            _unpause(state, _day(event), cal)
            state["resume_status"] = None
        if status in ("withdrawn", "terminated"):
            state["outcome_reason"] = event.payload.get("reason", "")
        _move(state, status, _day(event), cal)

    return handler


def _status(status: str):
    def handler(state: dict, event: Event, cal: WorkCalendar) -> None:
        _move(state, status, _day(event), cal)

    return handler


def _transferred(state: dict, event: Event, cal: WorkCalendar) -> None:
    state["clerk"] = event.payload["to"]


def _evaluated(state: dict, event: Event, cal: WorkCalendar) -> None:
    level = event.payload["level"]
    state["evaluation"] = level
    state["evaluations"] += 1
    visit = event.payload.get("visit", "pickup")
    state["evaluated_visits"] = sorted({*state["evaluated_visits"], visit})
    if level in BAD_LEVELS:
        due, _ = cal.add_workdays(_day(event), RECTIFY_DAYS)
        state["rectification_state"], state["rectification_due"] = "open", due.isoformat()


def _callback(state: dict, event: Event, cal: WorkCalendar) -> None:
    # A citizen still dissatisfied at the call-back keeps the rectification open (and
    # overdue once its 15 working days pass); only a satisfied call-back closes it.
    if event.payload.get("satisfied", True) is not False:
        state["rectification_state"] = "closed"


_HANDLERS = {
    "handed_over": _handed_over,
    "department_received": _received,
    "department_result": _result,
    "materials_supplemented": _supplemented,
    "result_returned": _status("returned"),
    "citizen_notified": _status("notified"),
    "completed": _closing("completed"),
    "suspended": _suspended,
    "resumed": _resumed,
    "transferred": _transferred,
    "withdrawn": _closing("withdrawn"),
    "terminated": _closing("terminated"),
    "evaluated": _evaluated,
    "callback_recorded": _callback,
}


def fold_opened(events: list[Event], cal: WorkCalendar) -> dict[str, Any] | None:
    """A case's state from its first readable opening on, or None while none has arrived
    (events before the opening, or an opening no fold can read, are not the case's yet)."""
    openings = [
        e.order_key
        for e in events
        if e.type in ("case_accepted", "case_rejected")
        and payloads.problem(e.type, e.payload) is None
    ]
    if not openings:
        return None
    first = min(openings)
    return fold([e for e in events if e.order_key >= first], cal)


def fold(events: list[Event], cal: WorkCalendar) -> dict[str, Any]:
    """A case's state from all its events, in (HLC, device, sequence) order."""
    state = None
    for event in sorted(events, key=lambda e: e.order_key):
        state = apply(state, event, cal)
    if state is None:
        raise ValueError("no events")
    return state
