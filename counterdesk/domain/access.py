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
# and 〇/零) and spaces, dots, slashes and underscores between them do not break the run
# ("138 0013 8000", "138.0013.8000"); hyphens do (case numbers are DEMO-261206-01-0001).
LONG_NUMBER = re.compile(r"[0-9](?:[\s./_·]*[0-9]){6,}[Xx]?")
_CHINESE_DIGITS = dict(zip("〇零一二三四五六七八九", "00123456789", strict=True))


def _plain_char(ch: str) -> str:
    if ch.isdecimal():
        return str(unicodedata.decimal(ch))
    if ch in _CHINESE_DIGITS:
        return _CHINESE_DIGITS[ch]
    folded = unicodedata.normalize("NFKC", ch)  # full-width ．／＿ and spaces
    return folded if len(folded) == 1 else ch


def plain_digits(text: str) -> str:
    """`text` with every digit as 0–9 (full-width, Arabic-Indic, Devanagari, 一二三 …),
    character for character (positions match `text`)."""
    return "".join(_plain_char(ch) for ch in text)


def has_long_number(text: str) -> bool:
    """Whether `text` holds a run of 7+ digits, however written (see LONG_NUMBER)."""
    return bool(LONG_NUMBER.search(plain_digits(text)))


def mask_long_numbers(text: str, mask: Callable[[str], str]) -> str:
    """`text` with each long number (LONG_NUMBER, read through `plain_digits`) replaced by
    `mask(its digits)`; everything else as written."""
    plain, out, at = plain_digits(text), [], 0
    for found in LONG_NUMBER.finditer(plain):
        out += [text[at : found.start()], mask(re.sub(r"[^0-9Xx]", "", found.group(0)))]
        at = found.end()
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


def entry_problem(data: dict[str, Any]) -> str | None:
    """Why `data` is not a well-formed access entry (one line, Chinese first), or None.

    The district applies it to every uploaded entry; the counter to what it writes.
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
        if has_long_number(data[name]):
            return f"留痕记录的 {name} 含有 7 位以上的连续数字（完整证件号或电话不得明文记录）"
    return None


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
