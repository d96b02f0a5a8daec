"""A realistic demo center: years of cases made through the real workflow calls.

`generate` replays a center's history in global time order. The history is
recorded by the center's other counter PCs (simulated devices with their own
journals and hash chains, as if pulled from the district), so this PC's own
journal and clock are never moved backwards. Each simulated working day is one
transaction; a priority queue holds every case's next action.
"""

from __future__ import annotations

import bisect
import dataclasses
import datetime as dt
import heapq
import itertools
import math
import random
import time
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from stdnum.cn import ric

import counterdesk.demo.names as names
from counterdesk.desk import Desk, users
from counterdesk.domain.catalog import Matter
from counterdesk.domain.errors import InvalidInput, NotAllowed
from counterdesk.domain.hlc import CHINA_TZ, HybridClock
from counterdesk.domain.ids import new_id
from counterdesk.queries import search
from counterdesk.store.journal import Journal

DEMO_PASSWORD = "demo-pass-1"
STAFF = (
    ("clerk01", "张丽", "clerk"), ("clerk02", "王建国", "clerk"), ("clerk03", "李晓燕", "clerk"),
    ("clerk04", "刘洋", "clerk"), ("clerk05", "陈静", "clerk"), ("clerk06", "杨帆", "clerk"),
    ("chief01", "赵主任", "chief"),
)  # fmt: skip
COUNTERS = 4
INDICATORS = ("overall", "efficiency", "service", "attitude")
LEVEL_WEIGHTS = (("非常满意", 72), ("满意", 19), ("基本满意", 6), ("不满意", 2), ("非常不满意", 1))
WEEKDAY_LOAD = (1.25, 1.1, 1.0, 1.0, 0.85, 0.5, 0.5)
# Shares of intake whose ID a card reader took, and a keyboard-wedge reader; the rest typed.
IDENTITY_SHARES = (0.68, 0.06)
MONTH_LOAD = (1.1, 0.8, 1.15, 1.05, 1.0, 1.0, 1.05, 1.0, 1.1, 0.9, 1.05, 1.05)


@dataclass
class DemoStats:
    """What a generation produced (printed by the CLI)."""

    cases: int = 0
    accepted: int = 0
    deficient: int = 0
    rejected: int = 0
    notices: int = 0
    events: int = 0
    staff: int = 0
    citizens: int = 0
    first_day: dt.date | None = None
    last_day: dt.date | None = None
    seconds: float = 0.0
    refused: int = 0

    @property
    def rate(self) -> float:
        """Cases per second."""
        return self.cases / self.seconds if self.seconds else 0.0

    def __str__(self) -> str:
        return (
            f"演示数据：{self.cases} 件案件（受理 {self.accepted}，其中容缺 {self.deficient}；"
            f"不予受理 {self.rejected}），一次性告知 {self.notices} 份，事件 {self.events} 条，"
            f"{self.citizens} 位办事人，{self.first_day} 至 {self.last_day}"
        )


@dataclass(slots=True)
class _Case:
    """What the simulation remembers of one case (the store holds the truth)."""

    id: str
    clerk: users.User
    matter: Matter
    dept: str
    stage: str = "accepted"
    supplemented: bool = False


def generate(
    desk: Desk,
    cases: int = 300,
    seed: int = 0,
    progress: Callable[[int, int], None] | None = None,
    *,
    end: dt.datetime | None = None,
) -> DemoStats:
    """Generate `cases` case openings over the years up to `end` (default: now).

    Needs an administrator logged in and a store with no cases yet. Staff
    accounts clerk01..clerk06 and chief01 are created with password DEMO_PASSWORD.
    """
    if cases < 1:
        raise InvalidInput("演示案件数至少为 1", field="cases")
    if desk.user is None or desk.user.role != "admin":
        raise NotAllowed("生成演示数据需要系统管理员登录")
    if desk.conn.execute("SELECT 1 FROM cases LIMIT 1").fetchone():
        raise NotAllowed("此数据文件已有案件；演示数据只能生成在新建的数据文件上")
    sim = _Simulation(desk, random.Random(seed), end or dt.datetime.now(CHINA_TZ))
    # How each ID was taken, drawn apart so the rest of the history stays what `seed` made.
    sim.reads = random.Random(f"identity-{seed}")
    started = time.perf_counter()
    saved = desk.ctx.journal, desk.ctx.info, desk.ctx.user
    cache = desk.conn.execute("PRAGMA cache_size").fetchone()[0]
    desk.conn.execute("PRAGMA cache_size = -262144")  # 256 MB while millions of rows go in
    try:
        sim.run(cases, progress)
    finally:
        desk.ctx.journal, desk.ctx.info, desk.ctx.user = saved
        desk.journal.reload()
        desk.conn.execute(f"PRAGMA cache_size = {int(cache)}")
    search.refresh_index(desk)
    search.refresh_pinyin(desk)
    sim.stats.seconds = time.perf_counter() - started
    sim.stats.events = desk.event_count()
    return sim.stats


class _Simulation:
    """The center's history, replayed in global time order."""

    def __init__(self, desk: Desk, rng: random.Random, end: dt.datetime) -> None:
        self.desk, self.rng, self.end = desk, rng, end.astimezone(CHINA_TZ)
        self.cal = desk.calendar
        self.now_ms = 0
        self.clock = HybridClock(wall=lambda: self.now_ms)
        self.stats = DemoStats()
        self.queue: list[tuple[int, int, Callable[..., None], tuple]] = []
        self.tick = itertools.count()
        self.to_hand: dict[str, list[_Case]] = defaultdict(list)
        self.to_return: dict[str, list[_Case]] = defaultdict(list)
        self.owing: dict[str, _Case] = {}
        self.people: list[dict[str, str]] = []
        self.used_ids: set[str] = set()
        matters = list(desk.catalog.matters)
        self.matters = matters
        weights = list(itertools.accumulate(names.MATTER_WEIGHTS.get(m.code, 1.0) for m in matters))
        self.matter_cum = weights
        surnames = names.SURNAMES + names.COMPOUND_SURNAMES
        self.surnames = [s for s, _ in surnames]
        self.surname_cum = list(itertools.accumulate(w for _, w in surnames))
        self.male = list(dict.fromkeys(names.GIVEN_MALE))
        self.female = list(dict.fromkeys(names.GIVEN_FEMALE))
        self.devices: list[tuple[Journal, Any]] = []
        self.device_of: dict[str, int] = {}
        self.clerks: list[users.User] = []
        self.chief: users.User = users.SYSTEM
        self.reads = random.Random(0)

    # ---- time and the queue ----------------------------------------------------------

    def at(self, day: dt.date, minute: int) -> int:
        moment = dt.datetime.combine(day, dt.time(), CHINA_TZ) + dt.timedelta(minutes=minute)
        return int(moment.timestamp() * 1000)

    def later(self, day: dt.date, workdays: int, first: int = 540, last: int = 1020) -> int:
        """A random moment of the working day `workdays` after `day` (0: today)."""
        target = self.cal.add_workdays(day, workdays)[0] if workdays else day
        return self.at(target, self.rng.randint(first, last))

    def push(self, ms: int, action: Callable[..., None], *args: Any) -> None:
        heapq.heappush(self.queue, (ms, next(self.tick), action, args))

    def day_of(self, ms: int) -> dt.date:
        return dt.datetime.fromtimestamp(ms / 1000, CHINA_TZ).date()

    # ---- running ---------------------------------------------------------------------

    def run(self, total: int, progress: Callable[[int, int], None] | None) -> None:
        days = self.plan_days(total)
        self.stats.first_day, self.stats.last_day = days[0][0], days[-1][0]
        self.setup(days[0][0])
        cutoff = int(self.end.timestamp() * 1000)
        for day, arrivals in days:
            with self.desk.batch():
                self.now_ms = self.at(day, 500)
                self.expire()
                for minute in (630, 930):
                    self.push(self.at(day, minute), self.hand_over_all)
                for minute in (690, 990):
                    self.push(self.at(day, minute), self.return_all)
                last = 1019
                if day == self.end.date():
                    last = min(last, self.end.hour * 60 + self.end.minute - 5)
                for _ in range(arrivals):
                    self.push(self.at(day, self.arrival_minute(last)), self.arrive)
                limit = min(self.at(day, 1440), cutoff)
                while self.queue and self.queue[0][0] < limit:
                    ms, _, action, args = heapq.heappop(self.queue)
                    self.now_ms = max(self.now_ms, ms)
                    action(*args)
                search.refresh_pinyin(self.desk)  # names findable by pinyin as they come
            if progress:
                progress(self.stats.cases, total)

    def plan_days(self, total: int) -> list[tuple[dt.date, int]]:
        """Working days ending today, each with its share of the arrivals."""
        per_day = max(40.0, total / 1250)
        wanted = max(1, math.ceil(total / per_day))
        day = self.end.date()
        if self.end.hour < 10:  # too early for anyone to have come today
            day -= dt.timedelta(days=1)
        days: list[dt.date] = []
        while len(days) < wanted:
            if self.cal.is_workday(day):
                days.append(day)
            day -= dt.timedelta(days=1)
        days.reverse()
        load = [
            WEEKDAY_LOAD[d.weekday()] * MONTH_LOAD[d.month - 1] * self.rng.uniform(0.85, 1.15)
            for d in days
        ]
        scale = total / sum(load)
        counts = [int(w * scale) for w in load]
        order = sorted(range(len(days)), key=lambda i: load[i] * scale - counts[i], reverse=True)
        for i in order[: total - sum(counts)]:
            counts[i] += 1
        return list(zip(days, counts, strict=True))

    def setup(self, first_day: dt.date) -> None:
        """Counter PCs and staff, the day before the history starts."""
        desk = self.desk
        self.now_ms = self.at(self.cal.add_workdays(first_day, -1)[0], 480)
        taken = {desk.info.device_no}
        numbers = [n for n in range(2, 99) if n not in taken][:COUNTERS]
        for n in numbers:
            journal = Journal(desk.conn, desk.info.center_id, new_id(), self.clock)
            info = dataclasses.replace(
                desk.info, device_id=journal.device_id, device_no=n, counter=f"{n}号窗口"
            )
            self.devices.append((journal, info))
        existing = {u.login for u in desk.users()}
        self.use_device(0)
        with desk.batch():
            for i, (login, name, role) in enumerate(STAFF):
                if login not in existing:
                    desk.create_user(login, name, role, DEMO_PASSWORD)
                    self.stats.staff += 1
                user = users.User(login, name, role)
                self.device_of[login] = i % len(self.devices)
                if role == "clerk":
                    self.clerks.append(user)
                else:
                    self.chief = user

    def expire(self) -> None:
        """容缺 cases whose owed materials never came are ended by the system."""
        change = self.act(users.SYSTEM, self.desk.expire_deficiencies)
        for case_id in change.case_ids if change else ():
            case = self.owing.pop(case_id, None)
            if case is not None:
                case.stage = "closed"

    def use_device(self, index: int) -> None:
        self.desk.ctx.journal, self.desk.ctx.info = self.devices[index]

    def act(self, user: users.User, action: Callable[..., Any], *args: Any, **kw: Any) -> Any:
        """Run one real desk call as `user`, recorded on that person's counter PC."""
        self.use_device(self.device_of.get(user.login, 0))
        self.desk.user = user
        try:
            return action(*args, **kw)
        except NotAllowed:
            # The workflow refused (checked before anything is written): the history
            # simply goes on without that step; counted so tests can insist on none.
            self.stats.refused += 1
            return None

    def arrival_minute(self, last: int) -> int:
        """Citizens come 9:00-12:00 and 13:30-17:00, busier in the morning."""
        if self.rng.random() < 0.58 or last < 810:
            return self.rng.randint(540, min(719, last))
        return self.rng.randint(810, last)

    def pick(self, items: list, cumulative: list[float]) -> Any:
        return items[bisect.bisect(cumulative, self.rng.random() * cumulative[-1])]

    # ---- people ----------------------------------------------------------------------

    def applicant(self, matter: Matter, today: dt.date) -> dict[str, str]:
        """A returning citizen (about a quarter of visits) or a new one, of a plausible age."""
        low, high = names.AGES.get(matter.code, (18, 75))
        if self.people and self.rng.random() < 0.27:
            for _ in range(3):
                person = self.rng.choice(self.people)
                age = today.year - int(person["id_number"][6:10])
                if low <= age <= high:
                    return person
        person = self.new_person(matter, today, low, high)
        self.people.append(person)
        self.stats.citizens += 1
        return person

    def new_person(self, matter: Matter, today: dt.date, low: int, high: int) -> dict[str, str]:
        rng = self.rng
        migrant = matter.code == "BJ-JD-001" or rng.random() < 0.08
        areas = names.MIGRANT_AREAS if migrant else names.BEIJING_AREAS
        while True:
            age_days = rng.randint(low * 365 + 1, high * 365 + 300)
            birth = today - dt.timedelta(days=age_days)
            body = f"{rng.choice(areas)}{birth:%Y%m%d}{rng.randint(1, 999):03d}"
            number = body + ric.calc_check_digit(body + "0")
            if number not in self.used_ids:
                self.used_ids.add(number)
                break
        male = int(number[16]) % 2 == 1
        phone = rng.choice(names.MOBILE_PREFIXES) + f"{rng.randint(0, 99_999_999):08d}"
        street = rng.choice(names.STREETS)
        return {
            "id_type": "resident_id",
            "id_number": number,
            "name": self.person_name(male),
            "phone": phone,
            "address": f"北京市西城区{street}{rng.randint(1, 220)}号",
        }

    def person_name(self, male: bool) -> str:
        rng = self.rng
        surname = self.pick(self.surnames, self.surname_cum)
        chars = self.male if male else self.female
        # Zipf-like: the first characters of the list are the common ones.
        given = chars[min(int(rng.paretovariate(1.1)) - 1, len(chars) - 1)]
        if rng.random() >= names.SINGLE_GIVEN_SHARE:
            given = (
                rng.choice(chars[:12]) + given if rng.random() < 0.3 else given + rng.choice(chars)
            )
        return surname + given

    # ---- intake ----------------------------------------------------------------------

    def identity(self, person: dict[str, str]) -> str:
        """How the counter took the ID: most citizens' cards are read, some typed (a card
        left at home, a copy brought), an enterprise's code is always typed."""
        if person["id_type"] == "uscc":
            return "typed"
        draw, (card, wedge) = self.reads.random(), IDENTITY_SHARES
        if draw < card:
            return "card"
        return "wedge" if draw < card + wedge else "typed"

    def arrive(self) -> None:
        """A citizen at the counter: notice, rejection, or a case opened."""
        rng = self.rng
        matter = self.pick(self.matters, self.matter_cum)
        today = self.day_of(self.now_ms)
        person = self.applicant(matter, today)
        clerk = rng.choice(self.clerks)
        draw = rng.random()
        if draw < 0.03:
            self.act(
                clerk,
                self.desk.reject,
                person,
                matter.code,
                "申请人户籍或居住地不在本街道，本中心无权受理",
                "户籍所在地（或居住地）街道政务服务中心",
                identity=self.identity(person),
            )
            self.stats.rejected += 1
            self.stats.cases += 1
            return
        if draw < 0.08:
            required = [m.key for m in matter.materials if m.required]
            missing = rng.sample(required, min(len(required), rng.randint(1, 2)))
            self.act(
                clerk, self.desk.issue_notice, person, matter.code, missing,
                identity=self.identity(person),
            )  # fmt: skip
            self.stats.notices += 1
            back = self.later(today, rng.randint(1, 5))
            if back >= int(self.end.timestamp() * 1000):
                back = self.now_ms + 90 * 60_000
            self.push(back, self.accept, person, matter, clerk)
            return
        self.accept(person, matter, clerk)

    def accept(self, person: dict[str, str], matter: Matter, clerk: users.User) -> None:
        rng = self.rng
        required = [m.key for m in matter.materials if m.required]
        optional = [m.key for m in matter.materials if not m.required and rng.random() < 0.3]
        owed: list[str] = []
        if matter.deficiency_allowed and rng.random() < 0.35:
            can_owe = [m.key for m in matter.materials if m.required and m.deficiency_ok]
            owed = rng.sample(can_owe, min(len(can_owe), rng.randint(1, 2)))
        given = [k for k in required if k not in owed] + optional
        if owed:
            change = self.act(
                clerk,
                self.desk.accept_with_deficiencies,
                person,
                matter.code,
                given,
                owed,
                commitment_signed=True,
                identity=self.identity(person),
            )
        else:
            change = self.act(
                clerk, self.desk.accept, person, matter.code, given, identity=self.identity(person)
            )
        if change is None:
            return
        self.stats.deficient += bool(owed)
        self.stats.accepted += 1
        self.stats.cases += 1
        case = _Case(change.case_id, clerk, matter, _destination(matter))
        today = self.day_of(self.now_ms)
        if owed:
            self.owing[case.id] = case
        if owed and rng.random() < 0.8:
            days = rng.randint(1, max(1, matter.supplement_days - 1))
            self.push(self.later(today, days), self.supplement_owed, case, owed)
        if rng.random() < 0.08:
            self.evaluate(case, "intake")
        if rng.random() < 0.01:
            self.push(self.later(today, rng.randint(1, 4)), self.withdraw, case)
        self.to_hand[case.dept].append(case)

    def supplement_owed(self, case: _Case, owed: list[str]) -> None:
        if case.stage in ("closed", "completed", "notified"):
            return
        self.act(case.clerk, self.desk.supplement, case.id, owed)
        self.owing.pop(case.id, None)
        if case.stage == "needs_supplement":  # this also answers the department's request
            case.stage = "accepted"
            self.to_hand[case.dept].append(case)

    def withdraw(self, case: _Case) -> None:
        if case.stage in ("accepted", "sent", "at_department", "needs_supplement"):
            self.act(case.clerk, self.desk.withdraw, case.id)
            case.stage = "closed"

    # ---- the department round trip ---------------------------------------------------

    def hand_over_all(self) -> None:
        """The agent carries each department's waiting cases over on one handover list."""
        for waiting in self.to_hand.values():
            ready = [c for c in waiting if c.stage == "accepted"]
            waiting.clear()
            for start in range(0, len(ready), 40):
                batch = ready[start : start + 40]
                self.act(self.rng.choice(self.clerks), self.desk.hand_over, [c.id for c in batch])
                today = self.day_of(self.now_ms)
                for case in batch:
                    case.stage = "sent"
                    when = self.now_ms + self.rng.randint(30, 150) * 60_000
                    if when > self.at(today, 1050):
                        when = self.later(today, 1, 540, 600)
                    self.push(when, self.received, case)

    def received(self, case: _Case) -> None:
        if case.stage != "sent":
            return
        self.act(case.clerk, self.desk.department_received, case.id, receiver="部门收件人")
        case.stage = "at_department"
        rng = self.rng
        today = self.day_of(self.now_ms)
        review = next(s.days for s in case.matter.steps if s.kind == "review")
        days = rng.randint(1, max(1, review))
        if rng.random() < 0.12:  # the department runs late
            days = review + rng.randint(1, max(2, review // 2 + 2))
        if rng.random() < 0.02:
            pause = rng.randint(3, 10)
            self.push(self.later(today, 1), self.suspend, case, pause)
            days += pause + 1
        if rng.random() < 0.01:
            self.push(self.later(today, 1), self.transfer, case)
        self.push(self.later(today, days), self.result, case)

    def suspend(self, case: _Case, pause: int) -> None:
        if case.stage == "at_department":
            reason = self.rng.choice(("组织听证", "现场核查", "专家评审"))
            self.act(case.clerk, self.desk.suspend, case.id, reason)
            case.stage = "suspended"
            self.push(self.later(self.day_of(self.now_ms), pause), self.resume, case)

    def resume(self, case: _Case) -> None:
        if case.stage == "suspended":
            self.act(case.clerk, self.desk.resume, case.id)
            case.stage = "at_department"

    def transfer(self, case: _Case) -> None:
        if case.stage in ("sent", "at_department", "suspended"):
            others = [c for c in self.clerks if c.login != case.clerk.login]
            target = self.rng.choice(others)
            self.act(case.clerk, self.desk.transfer, case.id, target.login, reason="工作调整")
            case.clerk = target

    def result(self, case: _Case) -> None:
        if case.stage == "suspended":
            self.push(self.later(self.day_of(self.now_ms), 2), self.result, case)
            return
        if case.stage != "at_department":
            return
        draw = self.rng.random()
        if draw < 0.06 and not case.supplemented:
            self.act(
                case.clerk,
                self.desk.department_result,
                case.id,
                "needs_supplement",
                reason="材料复印件不清晰，请补交",
            )
            case.stage, case.supplemented = "needs_supplement", True
            if self.rng.random() < 0.9:
                back = self.later(self.day_of(self.now_ms), self.rng.randint(1, 5))
                self.push(back, self.supplement_asked, case)
            return
        outcome = "denied" if draw < 0.10 else "approved"
        reason = "不符合申请条件" if outcome == "denied" else ""
        number = f"{case.matter.code[-3:]}-{self.rng.randint(1, 999_999):06d}"
        self.act(
            case.clerk, self.desk.department_result, case.id, outcome, reason=reason,
            document_no=number,
        )  # fmt: skip
        case.stage = "result"
        self.to_return[case.dept].append(case)

    def supplement_asked(self, case: _Case) -> None:
        if case.stage == "needs_supplement":
            required = [m.key for m in case.matter.materials if m.required]
            self.act(case.clerk, self.desk.supplement, case.id, required[:1])
            case.stage = "accepted"
            self.to_hand[case.dept].append(case)

    def return_all(self) -> None:
        """Results come back from each department in batches."""
        for waiting in self.to_return.values():
            ready = [c for c in waiting if c.stage == "result"]
            waiting.clear()
            for start in range(0, len(ready), 40):
                batch = ready[start : start + 40]
                self.act(
                    self.rng.choice(self.clerks), self.desk.return_results, [c.id for c in batch]
                )
                for case in batch:
                    case.stage = "returned"
                    self.push(self.now_ms + self.rng.randint(10, 90) * 60_000, self.notify, case)

    def notify(self, case: _Case) -> None:
        if case.stage != "returned":
            return
        channel = self.rng.choice(("电话", "电话", "短信"))
        self.act(case.clerk, self.desk.notify, case.id, channel=channel)
        case.stage = "notified"
        if self.rng.random() < 0.88:
            when = self.later(self.day_of(self.now_ms), self.rng.randint(0, 8))
            self.push(max(when, self.now_ms + 60_000), self.complete, case)

    def complete(self, case: _Case) -> None:
        if case.stage != "notified":
            return
        how = self.rng.choices(("pickup", "delivery", "mail"), (80, 10, 10))[0]
        self.act(case.clerk, self.desk.complete, case.id, how=how, receiver="申请人本人")
        case.stage = "completed"
        if how == "pickup" and self.rng.random() < 0.55:
            self.evaluate(case, "pickup")

    # ---- 好差评 ------------------------------------------------------------------------

    def evaluate(self, case: _Case, visit: str) -> None:
        levels, weights = zip(*LEVEL_WEIGHTS, strict=True)
        level = self.rng.choices(levels, weights)[0]
        score = {"非常满意": 5, "满意": 4, "基本满意": 3, "不满意": 2, "非常不满意": 1}[level]
        scores = {k: max(1, min(5, score + self.rng.choice((-1, 0, 0, 0)))) for k in INDICATORS}
        comment = "等候时间太长，材料要求没有一次说清" if score <= 2 else ""
        self.act(
            case.clerk, self.desk.evaluate, case.id, level, indicators=scores, visit=visit,
            comment=comment,
        )  # fmt: skip
        if score <= 2 and self.rng.random() < 0.85:
            when = self.later(self.day_of(self.now_ms), self.rng.randint(1, 14))
            self.push(when, self.callback, case)

    def callback(self, case: _Case) -> None:
        row = self.desk.conn.execute(
            "SELECT rectification_state FROM cases WHERE id = ?", (case.id,)
        ).fetchone()
        if row[0] != "open":  # one call-back already answered both bad reviews
            return
        note = "已电话回访，说明情况并致歉，办事人表示理解"
        self.act(self.chief, self.desk.record_callback, case.id, note, satisfied=True)


def _destination(matter: Matter) -> str:
    for step in matter.steps:
        if step.kind == "review" and step.department:
            return step.department
    return matter.department
