"""Chinese working days: weekends, public holidays and make-up working days (调休).

The built-in rules come from `chinesecalendar`; the district ships a year's
schedule as data (an override) before the library knows it. A year known to
neither is counted on weekdays only and every date computed over it is flagged
provisional, never a crash.
"""

from __future__ import annotations

import bisect
import datetime as dt
import json
from dataclasses import dataclass, field

import chinese_calendar

from counterdesk.domain.errors import CatalogError


@dataclass(frozen=True)
class YearSchedule:
    """The State Council's schedule for one year: days off on weekdays, working weekend days."""

    year: int
    holidays: frozenset[dt.date] = field(default_factory=frozenset)
    workdays: frozenset[dt.date] = field(default_factory=frozenset)
    source: str = ""

    def to_json(self) -> dict:
        return {
            "year": self.year,
            "holidays": sorted(d.isoformat() for d in self.holidays),
            "workdays": sorted(d.isoformat() for d in self.workdays),
            "source": self.source,
        }


def parse_schedule(data: object, source: str = "calendar") -> YearSchedule:
    """Validate a year's schedule shipped by the district; errors name the field."""
    if not isinstance(data, dict):
        raise CatalogError(f"节假日文件 {source} 应为 JSON 对象")
    year = data.get("year")
    if not isinstance(year, int) or isinstance(year, bool) or not 2000 <= year <= 2100:
        raise CatalogError(f"节假日文件 {source} 的年份无效 (field year)")
    days: dict[str, set[dt.date]] = {}
    for name in ("holidays", "workdays"):
        items = data.get(name, [])
        if not isinstance(items, list):
            raise CatalogError(f"节假日文件 {source} 的 {name} 应为日期列表 (field {name})")
        days[name] = set()
        for item in items:
            try:
                day = dt.date.fromisoformat(item) if isinstance(item, str) else None
            except ValueError:
                day = None
            if day is None or day.year != year:
                raise CatalogError(
                    f"节假日文件 {source} 中日期 {item!r} 无效或不属于 {year} 年 (field {name})"
                )
            days[name].add(day)
    both = days["holidays"] & days["workdays"]
    if both:
        first = min(both).isoformat()
        raise CatalogError(f"节假日文件 {source} 中 {first} 同时是假日和工作日 (field workdays)")
    return YearSchedule(
        year, frozenset(days["holidays"]), frozenset(days["workdays"]), str(data.get("source", ""))
    )


WEEKDAY_NAMES = "一二三四五六日"


def _days(days: list[dt.date]) -> str:
    shown = "、".join(f"{d.isoformat()}（星期{WEEKDAY_NAMES[d.weekday()]}）" for d in days[:5])
    return shown + (f" 等 {len(days)} 天" if len(days) > 5 else "")


def check_meaning(schedule: YearSchedule, source: str = "calendar") -> None:
    """Refuse a schedule whose dates contradict what the lists mean (a file with the two
    lists swapped or mistyped would silently shift every deadline across it).

    A 调休 workday is a weekend day worked: one on a weekday is wrong. A holiday on a
    weekend is normal (real schedules list whole spans, and a festival falling on a
    Sunday), but holidays none of which falls on a weekday give no day off at all.
    Checked where a file comes in (the CLI's import, the district's publishing), not
    when a stored or pulled schedule is read.
    """
    problems = []
    weekday_work = sorted(d for d in schedule.workdays if d.weekday() < 5)
    if weekday_work:
        problems.append(f"调休上班日 {_days(weekday_work)} 本来就是工作日（调休上班日应是周末）")
    if schedule.holidays and all(d.weekday() >= 5 for d in schedule.holidays):
        problems.append(
            f"假日 {_days(sorted(schedule.holidays))} 都在周末，本来就休息"
            "（假日应包括落在工作日的放假日期）"
        )
    if problems:
        raise CatalogError(
            f"节假日文件 {source} 的日期与含义不符：{'；'.join(problems)}。"
            "是否把 holidays 和 workdays 填反了？请向区级平台核对后再导入",
            detail=f"weekday workdays {weekday_work}",
        )


def schedule_from_json(text: str, source: str = "calendar") -> YearSchedule:
    """A schedule file as it comes in: valid JSON and dates, and dates that fit their lists."""
    try:
        schedule = parse_schedule(json.loads(text), source)
    except json.JSONDecodeError as exc:
        raise CatalogError(f"节假日文件 {source} 不是有效的 JSON：第 {exc.lineno} 行") from exc
    check_meaning(schedule, source)
    return schedule


class WorkCalendar:
    """Answers working-day questions; results are cached per date."""

    def __init__(self, schedules: dict[int, YearSchedule] | None = None) -> None:
        self.schedules = dict(schedules or {})
        self._cache: dict[dt.date, tuple[bool, bool]] = {}
        self._known_years: dict[int, bool] = {}
        self._year_days: dict[int, list[int]] = {}

    def set_schedule(self, schedule: YearSchedule) -> None:
        self.schedules[schedule.year] = schedule
        self._cache.clear()
        self._year_days.clear()
        self._known_years.pop(schedule.year, None)

    def _workdays_of(self, year: int) -> list[int]:
        """Ordinals of the working days of `year`, sorted (for O(log n) counting)."""
        days = self._year_days.get(year)
        if days is None:
            first = dt.date(year, 1, 1).toordinal()
            last = dt.date(year, 12, 31).toordinal()
            days = [o for o in range(first, last + 1) if self._lookup(dt.date.fromordinal(o))[0]]
            self._year_days[year] = days
        return days

    def _guessed(self, year: int) -> bool:
        return year not in self.schedules and not self.knows(year)

    def knows(self, year: int) -> bool:
        if year in self.schedules:
            return True
        known = self._known_years.get(year)
        if known is None:
            try:
                chinese_calendar.is_workday(dt.date(year, 6, 1))
                known = True
            except NotImplementedError:
                known = False
            self._known_years[year] = known
        return known

    def _lookup(self, day: dt.date) -> tuple[bool, bool]:
        """(is working day, provisional) for one date."""
        hit = self._cache.get(day)
        if hit is not None:
            return hit
        schedule = self.schedules.get(day.year)
        if schedule is not None:
            if day in schedule.workdays:
                hit = (True, False)
            elif day in schedule.holidays:
                hit = (False, False)
            else:
                hit = (day.weekday() < 5, False)
        elif self.knows(day.year):
            hit = (chinese_calendar.is_workday(day), False)
        else:
            hit = (day.weekday() < 5, True)
        self._cache[day] = hit
        return hit

    def is_workday(self, day: dt.date) -> bool:
        return self._lookup(day)[0]

    def add_workdays(self, start: dt.date, n: int) -> tuple[dt.date, bool]:
        """The n-th working day after `start` (counting starts the next working day).

        Returns the date and whether any day on the way was guessed (provisional).
        """
        if n <= 0:
            return start, False
        after, left, year, provisional = start.toordinal(), n, start.year, False
        while True:
            days = self._workdays_of(year)
            year_end = dt.date(year, 12, 31).toordinal()
            if after < year_end:  # some day of this year is on the way
                provisional = provisional or self._guessed(year)
            i = bisect.bisect_right(days, after)
            if len(days) - i >= left:
                return dt.date.fromordinal(days[i + left - 1]), provisional
            left -= len(days) - i
            year, after = year + 1, year_end

    def workdays_between(self, start: dt.date, end: dt.date) -> int:
        """Working days d with start < d <= end (0 if end is not after start)."""
        if end <= start:
            return 0
        a, b, count = start.toordinal(), end.toordinal(), 0
        for year in range(start.year, end.year + 1):
            days = self._workdays_of(year)
            count += bisect.bisect_right(days, b) - bisect.bisect_right(days, a)
        return count

    def remaining(self, today: dt.date, due: dt.date) -> int:
        """Working days left until `due` (negative when overdue)."""
        if due >= today:
            return self.workdays_between(today, due)
        return -self.workdays_between(due, today)
