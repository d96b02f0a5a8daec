"""The access-log entry (查询留痕): one reading of citizens' personal data by a person.

Pure data and its rules, shared by the counter (which writes entries,
`counterdesk.store.accesslog`) and the district (which checks and keeps them).
An entry never carries a full ID number or phone in clear: `subject` is the
masked ID (first 6 and last 4 characters) or a typed tail; names are masked
to their first character. See docs/access-log.md.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

ACCESS_COLUMNS = (
    "center_id",
    "device_id",
    "seq",
    "hlc",
    "user",
    "role",
    "action",
    "case_id",
    "subject",
    "detail",
    "count",
    "reason",
    "prev_hash",
    "hash",
)
# The fields covered by an entry's hash (everything but the hash itself).
ACCESS_HASHED = ACCESS_COLUMNS[:-1]

# action -> what a supervisor reads (Chinese first).
ACTIONS = {
    "open_case": "打开案件",
    "reveal_id": "显示完整证件号",
    "reveal_phone": "显示完整电话",
    "search_id": "按证件号/号码查询",
    "search_name": "按姓名查询",
    "lookup_citizen": "按证件号调取老用户信息",
    "print_personal": "打印含个人信息的清单",
    "export_personal": "导出含个人信息的清单",
}
# Actions that read one citizen (counted per citizen by the district's flags);
# the bulk ones carry how many rows they held in `count`.
CITIZEN_ACTIONS = frozenset(
    {"open_case", "reveal_id", "reveal_phone", "search_id", "lookup_citizen"}
)
BULK_ACTIONS = frozenset({"print_personal", "export_personal"})
# detail -> what a supervisor reads, by action (the counter writes the internal names):
# a search's kind (a "+" after it: more than one page was there), a returning citizen's
# look-up, the paper printed or the file exported ("kind:key" carries a date or a title).
SEARCH_DETAILS = {
    "number": "按号码", "name": "按姓名", "pinyin": "按拼音", "text": "按文字",
    "case_no": "按案件编号",
}  # fmt: skip
MORE_PAGES = "（不止一页）"
LOOKUP_DETAILS = {"found": "老用户", "new": "新申请人"}
LIST_DETAILS = {
    "handover": "送件交接单", "return_list": "结果返回清单", "report_daily": "中心日报",
    "report_monthly": "中心月报", "dashboard": "统计报表", "cases": "案件清单",
}  # fmt: skip

MAX_USER = 64
MAX_SUBJECT = 64
MAX_DETAIL = 128
MAX_REASON = 200
MAX_COUNT = 10_000_000
_UUID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")
_HEX64 = re.compile(r"^[0-9a-f]{64}$")
_CENTER = re.compile(r"^[A-Z0-9]{4}$")
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
# A long run of digits is an ID or phone number in clear: never in an entry. Digits are
# read as digits however written (`plain_digits`: full-width, any script's digits, 一二三
# and 〇/零), and spaces, dots, slashes, underscores and hyphens between digit groups do
# not break the number ("138 0013 8000", "138.0013.8000", "138-0013-8000"). Not numbers:
# a case number (DEMO-261206-01-0001, or its 261206-01-0001), and a date whose groups are
# joined by one dot, slash, hyphen or underscore (2026.12.05, 2026/1/5, 05.12.2026,
# 2026.12, 12.05) unless a neighbouring group is joined to it by that same mark (then
# it may be part of a number: personal data wins). See `long_number_spans`.
LONG_DIGITS = 7
_HYPHENS = "\\-‐‑‒–—―−"
_CHUNK = re.compile(f"[0-9]+(?:[\\s./_·{_HYPHENS}]+[0-9]+)*[Xx]?")
# Before hyphens joined groups (what an older PC left in clear: the district takes it and
# masks it itself, `district.access_store`).
_CHUNK_NO_HYPHEN = re.compile(r"[0-9]+(?:[\s./_·]+[0-9]+)*[Xx]?")
_GROUP = re.compile(r"[0-9]+[Xx]?")
_CASE_NUMBER = re.compile(
    r"(?<![A-Za-z0-9])(?:[A-Za-z0-9]{4}-)?[0-9]{6}-[0-9]{2}-[0-9]{4}(?![0-9])"
)
_DATE_MARKS = frozenset("./_-‐‑‒–—―−")
_CHINESE_DIGITS = dict(zip("〇零一二三四五六七八九", "00123456789", strict=True))


def _plain_char(ch: str) -> str:
    if ch.isdecimal():
        return str(unicodedata.decimal(ch))
    if ch in _CHINESE_DIGITS:
        return _CHINESE_DIGITS[ch]
    folded = unicodedata.normalize("NFKC", ch)  # full-width ．／＿－ and spaces
    return folded if len(folded) == 1 else ch


def plain_digits(text: str) -> str:
    """`text` with every digit as 0–9 (full-width, Arabic-Indic, Devanagari, 一二三 …),
    character for character (positions match `text`)."""
    return "".join(_plain_char(ch) for ch in text)


def _is_date(groups: list[str]) -> bool:
    """Whether digit groups read as a date: Y-M-D, D-M-Y or M-D-Y (a 4-digit year first or
    last), Y-M, or M-D."""
    if not all(g.isdigit() for g in groups):
        return False
    n = [int(g) for g in groups]

    def year(k: int) -> bool:
        return len(groups[k]) == 4 and 1900 <= n[k] <= 2099

    def small(k: int, top: int) -> bool:
        return len(groups[k]) <= 2 and 1 <= n[k] <= top

    if len(groups) == 3:
        if year(0):
            return small(1, 12) and small(2, 31)  # 2026.12.05
        if year(2):  # 05.12.2026, 12/05/2026
            return small(0, 31) and small(1, 31) and (n[0] <= 12 or n[1] <= 12)
        return False
    if year(0):
        return small(1, 12)  # 2026.12
    return small(0, 12) and small(1, 31)  # 12.05


def _dates(groups: list[str], marks: list[str]) -> set[int]:
    """The groups that belong to a date standing on its own: its groups joined by one date
    mark, and not joined to a neighbouring group by that same mark."""
    found: set[int] = set()
    i = 0
    while i < len(groups):
        for size in (3, 2):
            span = range(i, i + size)
            joins = marks[i : i + size - 1]
            if i + size > len(groups) or len(set(joins)) != 1 or joins[0] not in _DATE_MARKS:
                continue
            before = marks[i - 1] if i > 0 else None
            after = marks[i + size - 1] if i + size - 1 < len(marks) else None
            if joins[0] not in (before, after) and _is_date([groups[k] for k in span]):
                found.update(span)
                i += size - 1
                break
        i += 1
    return found


_ID_SHAPE = re.compile(
    r"[0-9]{6}(?:19|20)[0-9]{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12][0-9]|3[01])[0-9]{3}[0-9Xx]"
)


def _id_number(digits: str) -> bool:
    """Whether `digits` has a resident ID's shape (18 characters, a birth date at 7–14),
    its check character right or mistyped."""
    return bool(_ID_SHAPE.fullmatch(digits))


def long_number_spans(text: str, *, hyphens: bool = True) -> list[tuple[int, int, str]]:
    """(start, end, digits) of each long number in `text`: 7+ digits however written (see
    LONG_DIGITS), dates and case numbers left out. Where a date and a number cannot be
    told apart, it is a number (an ID written around its birth date, 110105 1949.12.31
    002X, is one number whatever marks join it). `hyphens=False`: hyphens end a number,
    as they did before (an older PC's entries)."""
    plain = _CASE_NUMBER.sub(lambda m: "#" * len(m.group()), plain_digits(text))
    spans: list[tuple[int, int, str]] = []
    for chunk in (_CHUNK if hyphens else _CHUNK_NO_HYPHEN).finditer(plain):
        parts = list(_GROUP.finditer(chunk.group()))
        groups = [p.group() for p in parts]
        marks = [chunk.group()[a.end() : b.start()] for a, b in zip(parts, parts[1:], strict=False)]
        dates = _dates(groups, marks)
        if dates and _id_number("".join(groups)):
            dates = set()
        run: list[int] = []
        for k in [*range(len(groups)), None]:
            if k is not None and k not in dates:
                run.append(k)
                continue
            digits = "".join(groups[j] for j in run)
            if len(re.sub("[Xx]", "", digits)) >= LONG_DIGITS:
                start, end = parts[run[0]].start(), parts[run[-1]].end()
                spans.append((chunk.start() + start, chunk.start() + end, digits))
            run = []
    return spans


def has_long_number(text: str, *, hyphens: bool = True) -> bool:
    """Whether `text` holds a long number, however written (see `long_number_spans`)."""
    return bool(long_number_spans(text, hyphens=hyphens))


def mask_long_numbers(text: str, mask: Callable[[str], str]) -> str:
    """`text` with each long number (`long_number_spans`) replaced by `mask(its digits)`;
    everything else (dates, case numbers, words) as written."""
    out, at = [], 0
    for start, end, digits in long_number_spans(text):
        out += [text[at:start], mask(digits)]
        at = end
    return "".join([*out, text[at:]])


@dataclass
class AccessEntry:
    center_id: str
    device_id: str
    seq: int
    hlc: int
    user: str
    role: str
    action: str
    case_id: str | None
    subject: str
    detail: str
    count: int
    reason: str
    prev_hash: str
    hash: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {name: getattr(self, name) for name in ACCESS_COLUMNS}

    @property
    def action_label(self) -> str:
        return ACTIONS.get(self.action, self.action)

    @property
    def detail_label(self) -> str:
        return detail_label(self.action, self.detail)


def detail_label(action: str, detail: str, tr: Callable[[str], str] = str) -> str:
    """An entry's detail as a person reads it ("number+" → 按号码（不止一页）, "handover" →
    送件交接单, "report_daily:2026-12-06" → 中心日报：2026-12-06); `tr` translates the fixed
    words. A case number, or anything not known, is shown as written."""
    if action in ("search_id", "search_name"):
        label = SEARCH_DETAILS.get(detail.removesuffix("+"))
        if label:
            return tr(label) + (tr(MORE_PAGES) if detail.endswith("+") else "")
    elif action == "lookup_citizen" and detail in LOOKUP_DETAILS:
        return tr(LOOKUP_DETAILS[detail])
    elif action in BULK_ACTIONS:
        kind, colon, rest = detail.partition(":")
        if kind in LIST_DETAILS:
            return tr(LIST_DETAILS[kind]) + (tr("：") + rest if colon else "")
    return detail


def entry_problem(data: dict[str, Any], *, hyphens: bool = True) -> str | None:
    """Why `data` is not a well-formed access entry (one line, Chinese first), or None.

    The district applies it to every uploaded entry; the counter to what it writes.
    `hyphens=False` (the district): a number joined by hyphens is not refused, since PCs
    before this release did not mask one (the district masks it when it stores the entry).
    """
    if set(data) != set(ACCESS_COLUMNS):
        extra = sorted(set(data) ^ set(ACCESS_COLUMNS))
        return f"留痕记录的字段应恰为 {', '.join(ACCESS_COLUMNS)}（多出或缺少：{', '.join(extra)}）"
    for name in ("seq", "hlc", "count"):
        value = data[name]
        if not isinstance(value, int) or isinstance(value, bool) or value < 0 or value >= 2**63:
            return f"留痕记录的 {name} 应为 0 … 2^63−1 的整数"
    if data["seq"] < 1:
        return "留痕记录的 seq 从 1 开始"
    if data["count"] > MAX_COUNT:
        return f"留痕记录的 count 超过 {MAX_COUNT}"
    texts = {
        "center_id": 4, "device_id": 64, "user": MAX_USER, "role": 16, "action": 32,
        "subject": MAX_SUBJECT, "detail": MAX_DETAIL, "reason": MAX_REASON,
        "prev_hash": 64, "hash": 64,
    }  # fmt: skip
    for name, limit in texts.items():
        value = data[name]
        if not isinstance(value, str) or len(value) > limit or _CONTROL.search(value):
            return f"留痕记录的 {name} 应为不超过 {limit} 个字符的单行文字"
    if not _CENTER.match(data["center_id"]):
        return "留痕记录的 center_id 应为 4 位大写字母或数字"
    if not data["user"]:
        return "留痕记录缺少操作人 user"
    if data["action"] not in ACTIONS:
        return f"不认识的留痕动作：{data['action'][:32]}"
    case_id = data["case_id"]
    if case_id is not None and not (isinstance(case_id, str) and _UUID.match(case_id)):
        return "留痕记录的 case_id 应为小写 UUID 或 null"
    for name in ("prev_hash", "hash"):
        if not _HEX64.match(data[name]):
            return f"留痕记录的 {name} 应为 64 位小写十六进制"
    for name in ("subject", "detail", "reason"):
        if has_long_number(data[name], hyphens=hyphens):
            return f"留痕记录的 {name} 含有 7 位以上的连续数字（完整证件号或电话不得明文记录）"
    return None


def masked_number(digits: str) -> str:
    """A number in an entry's text: an ID number as on paper (first 6 and last 4
    characters), anything shorter (a phone) its last 4."""
    return masked_subject(digits) if len(digits) >= 15 else mask_tail(digits)


def mask_tail(text: str, keep: int = 4) -> str:
    """A typed number as the log keeps it: its last `keep` characters after a star."""
    text = text.strip()
    return "*" + text[-keep:] if text else ""


def mask_name(name: str) -> str:
    """A name as the log keeps it: the first character, a star for each of the others."""
    name = name.strip()
    return name[:1] + "*" * (len(name) - 1) if name else ""


def masked_subject(id_number: str) -> str:
    """A citizen as the log names them: first 6 and last 4 characters of the ID (as on paper)."""
    number = id_number.strip()
    if len(number) <= 10:
        return mask_tail(number)
    return number[:6] + "*" * (len(number) - 10) + number[-4:]


def tail_of(subject: str, keep: int = 4) -> str:
    """The last `keep` characters of a subject: what a supervisor searches by."""
    return subject[-keep:] if subject and subject[-1] != "*" else ""
