"""Each work list's query returns the right cases, through the index meant for it."""

from __future__ import annotations

from conftest import ADMIN, APPLICANT, CHIEF, CLERK, required_keys

from ui.listmodel import list_specs, load_ids


def _ids(desk, key: str, me: str) -> set[str]:
    spec = list_specs()[key]
    rowids = list(load_ids(desk, spec.where, spec.params(desk, me), spec.order))
    marks = ",".join("?" * len(rowids)) or "NULL"
    return {
        r[0] for r in desk.conn.execute(f"SELECT id FROM cases WHERE rowid IN ({marks})", rowids)
    }


def test_mine_lists_my_open_cases_only(desk, matter):
    keys = required_keys(matter)
    open_mine = desk.accept(APPLICANT, matter.code, keys).case_id
    closed_mine = desk.accept(APPLICANT, matter.code, keys).case_id
    desk.withdraw(closed_mine)
    desk.login(*CHIEF)
    theirs = desk.accept(APPLICANT, matter.code, keys).case_id
    desk.login(*CLERK)
    assert _ids(desk, "mine", CLERK[0]) == {open_mine}
    assert _ids(desk, "mine", CHIEF[0]) == {theirs}
    assert _ids(desk, "mine", ADMIN[0]) == set()
    plan = " ".join(
        str(row)
        for row in desk.conn.execute(
            "EXPLAIN QUERY PLAN SELECT rowid FROM cases WHERE "
            + list_specs()["mine"].where
            + " ORDER BY rowid DESC",
            (CLERK[0],),
        )
    )
    assert "cases_open" in plan  # not a walk over every case the clerk ever had
