"""Helpers for the console tests and its benchmark: a district filled from real counter
stores through the real intake path, console accounts, and a logged-in browser-like client."""

from __future__ import annotations

import contextlib
import re
import secrets
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from counterdesk.desk import Desk
from counterdesk.store.journal import device_events
from district.auth import Hasher
from district.console.auth import Accounts
from district.operations import District
from sync import protocol

PUSH_BATCH = 2000


@contextlib.contextmanager
def in_process_district(backend: str, folder: Path) -> Iterator[District]:
    """A district store on SQLite (in `folder`) or on a schema of its own in PostgreSQL's
    database `test` (dropped afterwards), with the catalog published."""
    import pytest
    from chaos.common import pg_schema, postgres_reason

    from counterdesk.domain.catalog import load_catalog
    from district.db import make_engine

    with contextlib.ExitStack() as stack:
        if backend == "sqlite":
            url = f"sqlite:///{folder / 'district.sqlite3'}"
        else:
            reason = postgres_reason()
            if reason:
                pytest.skip(reason)
            url = stack.enter_context(pg_schema())
        engine = make_engine(url)
        stack.callback(engine.dispose)
        district = District(engine, Hasher(secrets.token_bytes(32)))
        district.publish_catalog(load_catalog().to_json())
        yield district


def new_center_store(path: Path, code: str, admin: tuple[str, str]) -> Desk:
    """An empty counter store for center `code`, logged in as its admin."""
    desk = Desk.init(
        path, center_code=code, center_name=f"{code} 街道政务服务中心", device_no=1,
        admin_login=admin[0], admin_password=admin[1], counter="1号窗口", phone="010-80001234",
    )  # fmt: skip
    desk.login(*admin)
    return desk


PASSWORDS = {"admin": "admin-pass-1", "supervisor": "super-pass-1", "department": "dept-pass-1"}


def store_devices(desk: Desk) -> list[str]:
    """Every device whose events a counter store holds (a demo store's history is recorded
    by the center's simulated counter PCs), the store's own device first."""
    ids = [r[0] for r in desk.conn.execute("SELECT DISTINCT device_id FROM events")]
    own = desk.info.device_id
    return [own, *sorted(d for d in ids if d != own)] if own in ids else sorted(ids)


def load_center(district: District, desk: Desk, name: str | None = None) -> dict[str, str]:
    """Create the desk's center and push every device's events through `District.push`
    (each device enrolled with its own one-time code). Returns device id -> token."""
    code = desk.info.center_code
    district.create_center(code, name or desk.info.center_name)
    tokens = {}
    for number, device_id in enumerate(store_devices(desk), start=1):
        issued = district.issue_code(code)
        enrolled = district.enroll(
            protocol.EnrollRequest(
                code=issued.code, center_code=code, device_id=device_id, device_no=number,
                label=f"{number}号窗口",
            )
        )  # fmt: skip
        tokens[device_id] = enrolled.token
        device = district.device_for_token(enrolled.token)
        events = device_events(desk.conn, device_id)
        for i in range(0, len(events), PUSH_BATCH):
            batch = [protocol.WireEvent.of(e) for e in events[i : i + PUSH_BATCH]]
            ack = district.push(device, protocol.PushRequest(events=batch))
            assert not ack.rejected, ack.rejected[:3]
    return tokens


def make_users(district: District, departments: list[str]) -> dict[str, str]:
    """An admin, a supervisor and one department account per department: login -> role."""
    accounts = Accounts(district.engine)
    made = {"admin1": "admin", "super1": "supervisor"}
    accounts.create_user("test", "admin1", "区管理员", "admin", PASSWORDS["admin"])
    accounts.create_user("test", "super1", "督查员", "supervisor", PASSWORDS["supervisor"])
    for i, department in enumerate(departments, start=1):
        login = f"dept{i}"
        accounts.create_user("test", login, f"部门{i}", "department", PASSWORDS["department"],
                             department)  # fmt: skip
        made[login] = "department"
    return made


CSRF = re.compile(r'name="csrf" value="([^"]+)"')


def csrf_of(html: str) -> str:
    found = CSRF.search(html)
    assert found, "the page has no CSRF token"
    return found.group(1)


def login(client: Any, login_name: str, password: str, *, expect: int = 303) -> Any:
    """Log a TestClient (or requests.Session) in through the login form."""
    client.cookies.clear()
    page = client.get("/console/login")
    resp = client.post(
        "/console/login",
        data={"csrf": csrf_of(page.text), "login": login_name, "password": password},
        follow_redirects=False,
    )
    assert resp.status_code == expect, resp.text[:500]
    return resp


def post_form(client: Any, page_path: str, action: str, data: dict[str, Any]) -> Any:
    """Post a form the way the browser does: the CSRF token taken from the page."""
    page = client.get(page_path)
    assert page.status_code == 200, page.text[:500]
    return client.post(action, data={"csrf": csrf_of(page.text), **data}, follow_redirects=False)
