"""Supervising the access logs at the district: listing by user, by citizen (ID tail) and
by time, and flagging unusual patterns (docs/access-log.md).

Flags, each with its threshold in the district's settings (CLI `access-settings`):

- `volume`: one user read more than `per_hour` citizens (default 100) in one clock
  hour: distinct citizens opened, revealed or looked up, plus the rows of printed
  and exported lists;
- `off_hours`: a user read citizens' data outside working hours (default 08:30–17:30)
  or on a day that is not a working day in the district's calendar (the counter's
  own `WorkCalendar`, holidays and make-up workdays included);
- `chain`: an uploaded entry that did not continue its PC's chain (deleted, inserted
  or altered on the PC);
- `refused`: an uploaded entry the district refused as a reading (it names another
  center's case, `access_store.REFUSED_LINKS`): kept as evidence of the PC, left out of
  the listing and of the other flags.

Reads at the district console itself (a case, a handover list or an inbox search
opened by district staff, recorded by `district.console.reads`) are flagged by the
same two rules, per console login (`source` = `console`): the hour's volume counts
each case opened once, and each list or search once at the number of cases it showed.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from collections import defaultdict
from typing import Any

from sqlalchemy import Connection, and_, func, or_, select

from counterdesk.domain.access import ACTIONS, BULK_ACTIONS, CITIZEN_ACTIONS
from counterdesk.domain.errors import InvalidInput
from counterdesk.domain.hlc import CHINA_TZ
from counterdesk.domain.workdays import WorkCalendar
from district.access_store import REFUSED_LINKS, access_log
from district.console import tables as console_tables
from sync import protocol

HOUR_MS = 3_600_000
SLOT_MS = 15 * 60_000  # off-hours are counted in quarter hours (work hours on 15-minute marks)
MAX_ROWS = 2000
MAX_FLAGS = 500
SETTING_PER_HOUR = "access_flag_per_hour"
SETTING_HOURS = "access_work_hours"
MAX_CONSOLE_ROWS = 100_000  # console reads scanned for flags in one report
# Reads at the district console (district.console.reads records them): action -> label.
CONSOLE_READS = {
    "case_open": "打开案件",
    "batch_open": "打开送件单",
    "inbox_search": "收件箱查询",
}
_HOURS = re.compile(r"^([01][0-9]|2[0-3]):([0-5][0-9])-([01][0-9]|2[0-3]):([0-5][0-9])$")


@dataclasses.dataclass(frozen=True)
class Thresholds:
    per_hour: int = 100
    day_start: dt.time = dt.time(8, 30)
    day_end: dt.time = dt.time(17, 30)

    @property
    def hours_text(self) -> str:
        return f"{self.day_start:%H:%M}-{self.day_end:%H:%M}"


def parse_hours(text: str) -> tuple[dt.time, dt.time]:
    """'08:30-17:30' -> (08:30, 17:30); quarter hours, start before end."""
    match = _HOURS.match(text.strip())
    if not match:
        raise InvalidInput("工作时间格式应为 HH:MM-HH:MM，如 08:30-17:30", field="hours")
    h1, m1, h2, m2 = (int(g) for g in match.groups())
    start, end = dt.time(h1, m1), dt.time(h2, m2)
    if m1 % 15 or m2 % 15 or start >= end:
        raise InvalidInput("工作时间以 15 分钟为单位，且开始早于结束", field="hours")
    return start, end


def thresholds(store: Any) -> Thresholds:
    """The district's thresholds (settings), or the documented defaults."""
    per_hour = store.setting(SETTING_PER_HOUR)
    hours = store.setting(SETTING_HOURS)
    start, end = parse_hours(hours) if hours else (Thresholds.day_start, Thresholds.day_end)
    return Thresholds(int(per_hour) if per_hour else Thresholds.per_hour, start, end)


def set_thresholds(
    store: Any, *, per_hour: int | None = None, hours: str | None = None
) -> Thresholds:
    if per_hour is not None:
        if not 1 <= per_hour <= 100_000:
            raise InvalidInput("每小时查阅人数阈值应在 1–100000 之间", field="per_hour")
        store.set_setting(SETTING_PER_HOUR, str(per_hour))
    if hours is not None:
        parse_hours(hours)
        store.set_setting(SETTING_HOURS, hours.strip())
    return thresholds(store)


@dataclasses.dataclass(frozen=True)
class AccessQuery:
    center: str = ""
    user: str = ""
    tail: str = ""
    since_ms: int = 0
    until_ms: int | None = None
    limit: int = 500

    def where(self, *, readings: bool = True) -> Any:
        """The filters over `access_log`; `readings`: only entries that are readings (not
        those the district refused, which supervision sees as `refused` flags)."""
        a = access_log.c
        terms = self.common_terms(a.at_ms, a.center_code, a.user)
        if readings:
            terms.append(a.link.not_in(REFUSED_LINKS))
        if self.tail:
            terms.append(a.tail == self.tail.strip().upper()[-4:])
        return and_(*terms)

    def common_terms(self, at_ms: Any, center_code: Any, user: Any) -> list[Any]:
        """The range, center and user filters over any table's columns of those."""
        terms = [at_ms >= self.since_ms]
        if self.until_ms is not None:
            terms.append(at_ms < self.until_ms)
        if self.center:
            terms.append(center_code == self.center.upper())
        if self.user:
            terms.append(user == self.user)
        return terms


def query(
    center: str = "", user: str = "", tail: str = "", since: str = "", until: str = "",
    limit: int = 500,
) -> AccessQuery:  # fmt: skip
    """Build a query from plain text (dates YYYY-MM-DD, China time; `until` inclusive)."""
    if tail and not re.fullmatch(r"[0-9Xx]{4}", tail.strip()):
        raise InvalidInput("证件号后四位应为 4 位数字（最后一位可为 X）", field="tail")
    if center and not re.fullmatch(r"[A-Za-z0-9]{4}", center.strip()):
        raise InvalidInput("中心编码应为 4 位字母或数字", field="center")
    if len(user) > 64:
        raise InvalidInput("登录名过长", field="user")
    if not 1 <= limit <= MAX_ROWS:
        raise InvalidInput(f"条数应在 1–{MAX_ROWS} 之间", field="limit")
    return AccessQuery(
        center.strip(), user.strip(), tail.strip(), _day_ms(since, "since") if since else 0,
        _day_ms(until, "until") + 86_400_000 if until else None, limit,
    )  # fmt: skip


def _day_ms(text: str, field: str) -> int:
    try:
        day = dt.date.fromisoformat(text.strip())
    except ValueError as exc:
        raise InvalidInput("日期格式应为 YYYY-MM-DD", field=field) from exc
    return int(dt.datetime.combine(day, dt.time(), CHINA_TZ).timestamp() * 1000)


def entries(conn: Connection, q: AccessQuery) -> list[protocol.AccessRecord]:
    """Entries newest first."""
    a = access_log.c
    rows = conn.execute(
        select(access_log).where(q.where()).order_by(a.at_ms.desc(), a.seq.desc()).limit(q.limit)
    ).all()
    return [
        protocol.AccessRecord(
            center=r.center_code,
            device_id=r.device_id,
            seq=int(r.seq),
            at_ms=int(r.at_ms),
            user=r.user,
            role=r.role,
            action=r.action,
            action_label=ACTIONS.get(r.action, r.action),
            case_id=r.case_id,
            subject=r.subject,
            detail=r.detail,
            count=int(r.count),
            reason=r.reason,
            link=r.link,
        )  # fmt: skip
        for r in rows
    ]


def flags(
    conn: Connection, q: AccessQuery, limits: Thresholds, cal: WorkCalendar
) -> list[protocol.AccessFlag]:
    """Unusual patterns in the query's range (its user/center/tail filters apply too)."""
    out = _volume(conn, q, limits) + _off_hours(conn, q, limits, cal) + _breaks(conn, q)
    out += _console_flags(conn, q, limits, cal)
    out.sort(key=lambda f: (-f.at_ms, f.kind))
    return out[:MAX_FLAGS]


def _volume(conn: Connection, q: AccessQuery, limits: Thresholds) -> list[protocol.AccessFlag]:
    a = access_log.c
    hour = (a.at_ms // HOUR_MS).label("hour")
    citizens = conn.execute(
        select(a.center_code, a.user, hour, func.count(func.distinct(a.subject)))
        .where(q.where(), a.action.in_(CITIZEN_ACTIONS), a.subject != "")
        .group_by(a.center_code, a.user, hour)
    ).all()
    rows = conn.execute(
        select(a.center_code, a.user, hour, func.sum(a.count))
        .where(q.where(), a.action.in_(BULK_ACTIONS))
        .group_by(a.center_code, a.user, hour)
    ).all()
    read: dict[tuple[str, str, int], int] = defaultdict(int)
    for center, user, h, n in [*citizens, *rows]:
        read[(center, user, int(h))] += int(n or 0)
    return [
        protocol.AccessFlag(
            kind="volume",
            center=center,
            user=user,
            at_ms=h * HOUR_MS,
            count=n,
            detail=f"{n} 人次/小时（阈值 {limits.per_hour}）",
        )  # fmt: skip
        for (center, user, h), n in read.items()
        if n > limits.per_hour
    ]


def _outside_hours(at_ms: int, limits: Thresholds, cal: WorkCalendar) -> tuple[dt.date, int] | None:
    """The China-time day of a reading outside working hours and 1 if that day is not a
    working day (else 0); None for a reading within working hours."""
    moment = dt.datetime.fromtimestamp(at_ms / 1000, CHINA_TZ)
    working = cal.is_workday(moment.date())
    if working and limits.day_start <= moment.time() < limits.day_end:
        return None
    return moment.date(), 0 if working else 1


def _why(holiday: int, limits: Thresholds) -> str:
    return "非工作日" if holiday else f"工作时间（{limits.hours_text}）以外"


def _off_hours(
    conn: Connection, q: AccessQuery, limits: Thresholds, cal: WorkCalendar
) -> list[protocol.AccessFlag]:
    a = access_log.c
    slot = (a.at_ms // SLOT_MS).label("slot")
    rows = conn.execute(
        select(a.center_code, a.user, slot, func.count(), func.min(a.at_ms))
        .where(q.where())
        .group_by(a.center_code, a.user, slot)
    ).all()
    days: dict[tuple[str, str, dt.date], list[int]] = {}
    for center, user, s, n, first in rows:
        outside = _outside_hours(int(s) * SLOT_MS, limits, cal)
        if outside is None:
            continue
        day, holiday = outside
        held = days.setdefault((center, user, day), [0, int(first), holiday])
        held[0] += int(n)
        held[1] = min(held[1], int(first))
    out = []
    for (center, user, day), (n, first, holiday) in days.items():
        why = _why(holiday, limits)
        out.append(
            protocol.AccessFlag(
                kind="off_hours",
                center=center,
                user=user,
                at_ms=first,
                count=n,
                detail=f"{day.isoformat()} {why}查阅 {n} 次",
            )  # fmt: skip
        )
    return out


def _breaks(conn: Connection, q: AccessQuery) -> list[protocol.AccessFlag]:
    a = access_log.c
    rows = conn.execute(
        select(a.center_code, a.user, a.at_ms, a.device_id, a.seq, a.link)
        .where(q.where(readings=False), a.link != "ok")
        .order_by(a.at_ms.desc())
        .limit(MAX_FLAGS)
    ).all()
    labels = {"gap": "缺少前面的留痕（在电脑上被删除）", "broken_link": "链接断开",
              "hash_mismatch": "内容被改动",
              "wrong_center": "涉及其他中心的案件，已拒收，不计为查阅"}  # fmt: skip
    return [
        protocol.AccessFlag(
            kind="refused" if r.link in REFUSED_LINKS else "chain",
            center=r.center_code,
            user=r.user,
            at_ms=int(r.at_ms),
            count=1,
            detail=f"电脑 {r.device_id[-4:]} 第 {r.seq} 条：{labels.get(r.link, r.link)}",
        )  # fmt: skip
        for r in rows
    ]


def console_where(q: AccessQuery) -> Any:
    """The query's filters over the console's reads (`user` is the console login)."""
    a = console_tables.audit.c
    terms = [a.action.in_(tuple(CONSOLE_READS)), *q.common_terms(a.at_ms, a.center_code, a.login)]
    if q.tail:
        tail = q.tail.strip().upper()[-4:]
        terms.append(or_(a.detail == f"tail={tail}", a.detail.like(f"tail={tail} %")))
    return and_(*terms)


def read_detail(detail: str) -> tuple[str, int]:
    """A console read's detail (`tail=XXXX`, `count=N`) as (tail, count)."""
    fields = dict(part.split("=", 1) for part in detail.split() if "=" in part)
    count = fields.get("count", "0")
    return fields.get("tail", ""), int(count) if count.isdigit() else 0


def _console_flags(
    conn: Connection, q: AccessQuery, limits: Thresholds, cal: WorkCalendar
) -> list[protocol.AccessFlag]:
    a = console_tables.audit.c
    rows = conn.execute(
        select(a.at_ms, a.login, a.action, a.center_code, a.target, a.detail)
        .where(console_where(q))
        .order_by(a.at_ms)
        .limit(MAX_CONSOLE_ROWS)
    ).all()
    hours: dict[tuple[str, int], dict[tuple[str, str, str], int]] = defaultdict(dict)
    outside: dict[tuple[str, dt.date], list[int]] = {}
    for at_ms, login, action, center, target, detail in rows:
        shown = 1 if action == "case_open" else read_detail(detail)[1]
        seen = hours[(login, int(at_ms) // HOUR_MS)]
        seen[(action, center, target)] = max(seen.get((action, center, target), 0), shown)
        off = _outside_hours(int(at_ms), limits, cal)
        if off is not None:
            outside.setdefault((login, off[0]), [0, int(at_ms), off[1]])[0] += 1
    out = [
        protocol.AccessFlag(
            kind="volume",
            source="console",
            center="",
            user=login,
            at_ms=h * HOUR_MS,
            count=n,
            detail=f"区级工作台 {n} 人次/小时（阈值 {limits.per_hour}）",
        )  # fmt: skip
        for (login, h), seen in hours.items()
        if (n := sum(seen.values())) > limits.per_hour
    ]
    for (login, day), (n, first, holiday) in outside.items():
        why = _why(holiday, limits)
        out.append(
            protocol.AccessFlag(
                kind="off_hours",
                source="console",
                center="",
                user=login,
                at_ms=first,
                count=n,
                detail=f"{day.isoformat()} {why}在区级工作台查阅 {n} 次",
            )  # fmt: skip
        )
    return out


def report(store: Any, q: AccessQuery) -> protocol.AccessReport:
    """Entries and flags for one query, with the thresholds used."""
    limits = thresholds(store)
    with store.engine.connect() as conn:
        cal = store._calendar(conn)
        return protocol.AccessReport(
            entries=entries(conn, q),
            flags=flags(conn, q, limits, cal),
            per_hour=limits.per_hour,
            work_hours=limits.hours_text,
        )
