"""Which numbers an access entry may not carry in clear, and how a typed reason is masked
(`counterdesk.domain.access.long_number_spans`): a phone or ID however written (digits of
any width or script, groups joined by spaces, dots, slashes, underscores or hyphens), never
a date or a case number; where a date and a number cannot be told apart, masked."""

from __future__ import annotations

import pytest

from counterdesk.domain.access import entry_problem, has_long_number, mask_long_numbers
from district.console.reads import masked_query

# (typed, what the number finder sees: each number it masks shown as <its digits>)
CASES = [
    # one number, however written (the earlier cases)
    ("13800138000", "<13800138000>"),
    ("来电 13800138000 核实", "来电 <13800138000> 核实"),
    ("１３８００１３８０００", "<13800138000>"),  # full width
    ("１３８ ００１３ ８０００", "<13800138000>"),
    ("١٣٨٠٠١٣٨٠٠٠", "<13800138000>"),  # Arabic-Indic
    ("१३८००१३८०००", "<13800138000>"),  # Devanagari
    ("一三八零零一三八零零零", "<13800138000>"),
    ("138 0013 8000", "<13800138000>"),
    ("138.0013.8000", "<13800138000>"),
    ("138/0013/8000", "<13800138000>"),
    ("138_0013_8000", "<13800138000>"),
    ("138_0013/8000", "<13800138000>"),
    ("138  0013\u30008000", "<13800138000>"),  # two spaces, an ideographic space
    ("11010519491231002X", "<11010519491231002X>"),
    ("110105194912310021", "<110105194912310021>"),
    ("110 105 1949 1231 002x", "<11010519491231002x>"),
    ("1234567", "<1234567>"),  # seven digits: the shortest number
    # hyphens join groups now (a hand-typed phone or ID)
    ("138-0013-8000", "<13800138000>"),
    ("电话138－0013－8000", "电话<13800138000>"),  # full-width hyphens
    ("138–0013–8000", "<13800138000>"),  # en dashes
    ("010-80001234", "<01080001234>"),
    ("0591-8765-4321", "<059187654321>"),
    ("110105-19491231-002X", "<11010519491231002X>"),
    # not numbers: short runs, case numbers, dates
    ("123456", "123456"),
    ("123456X", "123456X"),
    ("第 3-5 页，共 12 页", "第 3-5 页，共 12 页"),
    ("DEMO-261206-01-0001", "DEMO-261206-01-0001"),
    ("查 dc03-261206-01-0015 的材料", "查 dc03-261206-01-0015 的材料"),
    ("261206-01-0001", "261206-01-0001"),  # a case number without its center
    ("1234-261206-01-0001", "1234-261206-01-0001"),  # a center code of digits
    ("2026.12.05 来电", "2026.12.05 来电"),
    ("2026.1.5", "2026.1.5"),
    ("２０２６．１２．０５", "２０２６．１２．０５"),
    ("二〇二六.一二.〇五", "二〇二六.一二.〇五"),
    ("2026/12/05", "2026/12/05"),
    ("2026-12-05", "2026-12-05"),
    ("2026_12_05", "2026_12_05"),
    ("05.12.2026", "05.12.2026"),
    ("12/25/2026", "12/25/2026"),
    ("2026.12.05-2026.12.31", "2026.12.05-2026.12.31"),
    ("2026.12.05 – 2027.01.05", "2026.12.05 – 2027.01.05"),
    ("2026.12.05-12.31 期间", "2026.12.05-12.31 期间"),
    ("2026.01-2026.12 的记录", "2026.01-2026.12 的记录"),
    ("12.05-12.31", "12.05-12.31"),
    ("report_daily:2026-12-06", "report_daily:2026-12-06"),
    ("2026.12.05 14:30 回访", "2026.12.05 14:30 回访"),
    # a date beside a number: the number masked, the date kept
    ("2026.12.05 13800138000", "2026.12.05 <13800138000>"),
    ("2026-12-05 来电 138-0013-8000", "2026-12-05 来电 <13800138000>"),
    # ambiguous: masked (personal data wins)
    ("20261205", "<20261205>"),  # a compact date is also an 8-digit number
    ("2026 12 05", "<20261205>"),  # spaces are how phones are grouped
    ("2026.12.05.1234", "<202612051234>"),  # joined to more digits by its own mark
    ("2026-12-05-2026-12-31", "<2026120520261231>"),
    ("2025-2026 年度", "<20252026> 年度"),  # a year range or a landline written 4-4
    ("2026.13.05", "<20261305>"),  # not a date
    ("2026.12.32", "<20261232>"),
    ("110105 1949.12.31 002X", "<11010519491231002X>"),  # an ID around its birth date
    ("110105 1949.12.31 0021", "<110105194912310021>"),  # even with a wrong check digit
]


def _shown(digits: str) -> str:
    return f"<{digits}>"


@pytest.mark.parametrize(("typed", "seen"), CASES)
def test_long_numbers_are_found_however_written_and_dates_are_not(typed, seen):
    assert mask_long_numbers(typed, _shown) == seen
    assert has_long_number(typed) == ("<" in seen)


GOOD = {
    "center_id": "DC03", "device_id": "d", "seq": 1, "hlc": 5, "user": "u", "role": "clerk",
    "action": "open_case", "case_id": None, "subject": "110105********002X", "detail": "",
    "count": 0, "reason": "", "prev_hash": "0" * 64, "hash": "a" * 64,
}  # fmt: skip


@pytest.mark.parametrize(("typed", "seen"), CASES)
def test_an_entry_is_refused_with_a_number_and_kept_with_a_date(typed, seen):
    problem = entry_problem({**GOOD, "reason": typed})
    if "<" in seen:
        assert problem is not None and "7 位以上" in problem
    else:
        assert problem is None


def test_a_reason_typed_at_the_counter_keeps_its_dates_and_masks_its_numbers(desk, accepted):
    from counterdesk.store import accesslog

    desk.reveal(
        accepted.case_id, "phone", reason="2026.12.05 来电 138-0013-8000，核对 DEMO-261206-01-0001"
    )
    desk.reveal(accepted.case_id, "id_number", reason="身份证 110105-19491231-002X，2026/1/5 复核")
    device = desk.info.device_id
    first, second = [e.reason for e in accesslog.unsent(desk.conn, device, 0, 100)][-2:]
    assert first == "2026.12.05 来电 *8000，核对 DEMO-261206-01-0001"
    assert second == "身份证 110105********002X，2026/1/5 复核"


def test_the_consoles_inbox_searches_are_cut_the_same_way():
    assert masked_query("138-0013-8000") == "***8000"
    assert masked_query("2026.12.05") == "2026.12.05"
    assert masked_query("DC07-261206-01-0003") == "DC07-261206-01-0003"
