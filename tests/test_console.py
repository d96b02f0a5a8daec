"""The console in a client that behaves like a browser (cookies, forms, CSRF tokens):
accounts and sessions, token separation, department scope, receipts and results through
the district's own operations, administration, the spreadsheet and the translations."""

from __future__ import annotations

import contextlib
import io
import re
import uuid
from pathlib import Path

import pytest
from conftest import ADMIN, APPLICANT, required_keys
from console_support import (
    PASSWORDS,
    csrf_of,
    in_process_district,
    load_center,
    login,
    make_users,
    new_center_store,
    post_form,
)
from fastapi.testclient import TestClient
from openpyxl import load_workbook
from sqlalchemy import select

from counterdesk.domain.catalog import load_catalog
from counterdesk.domain.errors import NotAllowed
from counterdesk.domain.workflow import case_destination as destination
from district import schema as s
from district.app import create_app
from district.console import i18n
from district.console import tables as t
from district.operations import District
from sync import protocol

ADMIN_TOKEN = "console-test-admin-token"
TEMPLATES = Path(__file__).resolve().parents[1] / "district" / "console" / "templates"


def _matters_by_department(desk) -> dict[str, object]:
    out = {}
    for matter in desk.catalog.matters:
        out.setdefault(destination({"rules": matter.snapshot(), "department": matter.department}),
                       matter)  # fmt: skip
    return out


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def world(request, tmp_path):
    """A district with one center whose counter handed cases to two departments."""
    with contextlib.ExitStack() as stack:
        district = stack.enter_context(in_process_district(request.param, tmp_path))
        desk = new_center_store(tmp_path / "center.db", "DC07", ADMIN)
        stack.callback(desk.close)
        desk.create_user("clerk", "张窗口", "clerk", "clerk1234")
        desk.login("clerk", "clerk1234")
        matters = _matters_by_department(desk)
        depts = sorted(matters)[:2]
        cases: dict[str, list[str]] = {}
        for dept in depts:
            matter = matters[dept]
            ids = [desk.accept(APPLICANT, matter.code, required_keys(matter)).case_id
                   for _ in range(3)]  # fmt: skip
            desk.hand_over(ids)
            cases[dept] = ids
        desk.note(cases[depts[0]][0], "申请人行动不便，请优先办理")
        tokens = load_center(district, desk)
        logins = make_users(district, depts)
        client = TestClient(create_app(district, district.hasher.digest(ADMIN_TOKEN, "admin")))
        stack.callback(client.close)
        yield {"district": district, "desk": desk, "depts": depts, "cases": cases,
               "client": client, "logins": logins, "tokens": tokens}  # fmt: skip


def _events(district: District, case_id: str) -> list:
    with district.engine.connect() as conn:
        return conn.execute(
            select(s.events).where(s.events.c.case_id == case_id).order_by(s.events.c.hlc)
        ).all()


# ---- accounts and sessions -----------------------------------------------------------------


def test_passwords_are_argon2id_and_five_failures_lock_the_account(world) -> None:
    client, district = world["client"], world["district"]
    with district.engine.connect() as conn:
        hashes = [r[0] for r in conn.execute(select(t.users.c.password_hash))]
    assert hashes and all(h.startswith("$argon2id$") for h in hashes)
    for attempt in range(4):
        resp = login(client, "dept1", "wrong-pass-1", expect=401)
        assert f"还可尝试 {4 - attempt} 次" in resp.text
    resp = login(client, "dept1", "wrong-pass-1", expect=401)
    assert "已锁定 15 分钟" in resp.text
    resp = login(client, "dept1", PASSWORDS["department"], expect=401)
    assert "账户已锁定" in resp.text
    login(client, "admin1", PASSWORDS["admin"])
    post_form(client, "/console/admin/users", "/console/admin/users/dept1/unlock", {})
    login(client, "dept1", PASSWORDS["department"])


def test_session_cookie_is_httponly_samesite_and_secure_behind_tls(world) -> None:
    district = world["district"]
    with TestClient(create_app(district, "x"), base_url="https://district.example") as tls:
        resp = login(tls, "super1", PASSWORDS["supervisor"])
    cookie = resp.headers["set-cookie"]
    assert "cd_console=" in cookie and "HttpOnly" in cookie and "Secure" in cookie
    assert "SameSite=strict" in cookie and "Path=/console" in cookie
    plain = login(world["client"], "super1", PASSWORDS["supervisor"]).headers["set-cookie"]
    assert "HttpOnly" in plain and "Secure" not in plain  # plain HTTP on loopback only


def test_idle_and_logged_out_sessions_end(world) -> None:
    client, district = world["client"], world["district"]
    login(client, "super1", PASSWORDS["supervisor"])
    assert client.get("/console/overview").status_code == 200
    with district.engine.begin() as conn:
        conn.execute(t.sessions.update().values(seen_ms=0))
    resp = client.get("/console/overview", follow_redirects=False)
    assert resp.status_code == 303 and resp.headers["location"].startswith("/console/login")
    login(client, "super1", PASSWORDS["supervisor"])
    post_form(client, "/console/overview", "/console/logout", {})
    assert client.get("/console/overview", follow_redirects=False).status_code == 303


def test_every_form_needs_its_csrf_token(world) -> None:
    client = world["client"]
    login(client, "admin1", PASSWORDS["admin"])
    for bad in ({}, {"csrf": "forged"}):
        resp = client.post("/console/admin/centers", data={"code": "ZZ99", "name": "x", **bad})
        assert resp.status_code == 403 and "CSRF" in resp.text
    page = client.get("/console/login")
    client.cookies.clear()  # the login form's token no longer matches any cookie
    resp = client.post("/console/login", data={"csrf": csrf_of(page.text), "login": "admin1",
                                                "password": PASSWORDS["admin"]})  # fmt: skip
    assert resp.status_code == 403
    with world["district"].engine.connect() as conn:
        assert (
            conn.execute(select(s.centers.c.code).where(s.centers.c.code == "ZZ99")).first() is None
        )


def test_device_tokens_never_reach_the_console_and_sessions_never_reach_the_api(world) -> None:
    client = world["client"]
    token = world["district"].enroll(protocol.EnrollRequest(
        code=world["district"].issue_code("DC07").code, center_code="DC07",
        device_id=str(uuid.uuid4()), device_no=9,
    )).token  # fmt: skip
    for credential in (token, ADMIN_TOKEN):
        bearer = {"Authorization": f"Bearer {credential}"}
        for path in ("/console/", "/console/inbox", "/console/overview", "/console/login"):
            resp = client.get(path, headers=bearer, follow_redirects=False)
            assert resp.status_code == 403 and "设备凭据" in resp.text, path
    login(client, "admin1", PASSWORDS["admin"])
    # Even with a live session, a request that also carries a token is refused.
    resp = client.get("/console/admin/devices", headers={"Authorization": f"Bearer {token}"})
    assert resp.status_code == 403
    assert client.get("/console/admin/devices").status_code == 200
    # The session cookie opens nothing on the sync or admin API.
    cookie = client.cookies.get("cd_console")
    api = TestClient(client.app)
    api.cookies.set("cd_console", cookie)
    assert api.get("/v1/device").status_code == 401
    assert api.post("/v1/pull", json={"cursor": 0}).status_code == 401
    assert api.get("/v1/admin/summary").status_code == 401
    assert api.post("/v1/admin/results", json={"case": "x", "kind": "received"}).status_code == 401


def test_roles_see_only_their_pages(world) -> None:
    client = world["client"]
    login(client, "dept1", PASSWORDS["department"])
    for path in ("/console/overview", "/console/admin/devices", "/console/admin/users"):
        assert client.get(path).status_code == 403
    login(client, "super1", PASSWORDS["supervisor"])
    assert client.get("/console/admin/users").status_code == 403
    assert client.get("/console/overview").status_code == 200
    assert client.get("/console/inbox").status_code == 200


# ---- the department's work ---------------------------------------------------------------


def test_inbox_shows_the_departments_own_cases_only(world) -> None:
    client, (own, other) = world["client"], world["depts"]
    login(client, "dept1", PASSWORDS["department"])
    page = client.get("/console/inbox").text
    numbers = set(re.findall(r"DC07-\d{6}-\d{2}-\d{4}", page))
    desk = world["desk"]
    expect = {desk.get_case(i).case_no for i in world["cases"][own]}
    assert expect <= numbers and not numbers & {
        desk.get_case(i).case_no for i in world["cases"][other]
    }
    assert "11010519491231002X" not in page  # the ID shows as its last four only
    # Search by case number, by the ID's last four characters, by name.
    first = desk.get_case(world["cases"][own][0])
    for query in (first.case_no, first.id_number[-4:], first.applicant_name):
        found = client.get("/console/inbox", params={"q": query}).text
        assert first.case_no in found
    hidden = desk.get_case(world["cases"][other][0])
    found = client.get("/console/inbox", params={"q": hidden.case_no}).text
    assert f">{hidden.case_no}</a>" not in found and "：0 件" in found


def test_another_departments_case_cannot_be_opened_or_acted_on(world) -> None:
    client, district = world["client"], world["district"]
    login(client, "dept1", PASSWORDS["department"])
    theirs = world["cases"][world["depts"][1]][0]
    resp = client.get(f"/console/cases/DC07/{theirs}")
    assert resp.status_code == 404 and "不属于您的部门" in resp.text
    mine = world["cases"][world["depts"][0]][0]
    page = client.get(f"/console/cases/DC07/{mine}")
    assert page.status_code == 200
    csrf = csrf_of(page.text)
    client.post("/console/inbox/sign", data={"csrf": csrf, "case": f"DC07/{theirs}"})
    client.post(f"/console/cases/DC07/{theirs}/result",
                data={"csrf": csrf, "outcome": "approved", "document_no": "X-1"})  # fmt: skip
    assert [r.type for r in _events(district, theirs)] == ["case_accepted", "handed_over"]


def test_sign_for_a_batch_then_record_results_as_workflow_events(world) -> None:
    client, district, desk = world["client"], world["district"], world["desk"]
    dept = world["depts"][0]
    ids = world["cases"][dept]
    login(client, "dept1", PASSWORDS["department"])
    page = client.get("/console/inbox")
    resp = client.post("/console/inbox/sign", data={
        "csrf": csrf_of(page.text), "case": [f"DC07/{i}" for i in ids[:2]], "back": "/inbox",
    }, follow_redirects=True)  # fmt: skip
    assert "已签收 2 件" in resp.text
    for case_id in ids[:2]:
        received = _events(district, case_id)[-1]
        assert (received.type, received.actor) == ("department_received", "dept1")
        assert received.device_id == "district-DC07"
    # The case page shows the applicant masked, the materials, the center's notes.
    page = client.get(f"/console/cases/DC07/{ids[0]}").text
    assert "110105********002X" in page and "11010519491231002X" not in page
    assert "申请人行动不便，请优先办理" in page and "已收材料" in page
    # Approved needs the document number; then it is recorded.
    resp = post_form(client, f"/console/cases/DC07/{ids[0]}", f"/console/cases/DC07/{ids[0]}/result",
                     {"outcome": "approved"})  # fmt: skip
    assert "须填写批准文号" in client.get(resp.headers["location"]).text
    post_form(client, f"/console/cases/DC07/{ids[0]}", f"/console/cases/DC07/{ids[0]}/result",
              {"outcome": "approved", "document_no": "民政准字〔2026〕001号"})  # fmt: skip
    result = _events(district, ids[0])[-1]
    assert (
        result.type == "department_result"
        and '"document_no":"民政准字〔2026〕001号"' in result.payload
    )
    # Needs supplement names the materials; a case not signed for yet can get a result too.
    matter = desk.catalog.matter(desk.get_case(ids[2]).matter_code)
    key = matter.materials[0].key
    post_form(client, f"/console/cases/DC07/{ids[2]}", f"/console/cases/DC07/{ids[2]}/result",
              {"outcome": "needs_supplement", "material": [key], "reason": "复印件不清晰"})  # fmt: skip
    last = _events(district, ids[2])[-1]
    assert f"请补交：{matter.materials[0].name}；复印件不清晰" in last.payload
    with district.engine.connect() as conn:
        actions = [
            r[0] for r in conn.execute(select(t.audit.c.action).where(t.audit.c.login == "dept1"))
        ]
    assert actions.count("department_received") == 2 and actions.count("department_result") == 2


def test_illegal_steps_are_refused_with_the_counters_message(world, tmp_path) -> None:
    client, district, desk = world["client"], world["district"], world["desk"]
    case_id = world["cases"][world["depts"][0]][0]
    login(client, "dept1", PASSWORDS["department"])
    for _ in range(2):
        post_form(client, f"/console/cases/DC07/{case_id}", "/console/inbox/sign",
                  {"case": f"DC07/{case_id}", "back": f"/cases/DC07/{case_id}"})  # fmt: skip
    shown = client.get(f"/console/cases/DC07/{case_id}").text
    # The counter refuses the same step with the same words.
    desk.department_received(case_id, receiver="刘科员")
    with pytest.raises(NotAllowed) as refused:
        desk.department_received(case_id, receiver="刘科员")
    assert refused.value.message in shown
    assert [r.type for r in _events(district, case_id)].count("department_received") == 1


def test_supervisors_and_admins_read_cases_but_cannot_write(world) -> None:
    client, district = world["client"], world["district"]
    case_id = world["cases"][world["depts"][1]][0]
    login(client, "super1", PASSWORDS["supervisor"])
    page = client.get(f"/console/cases/DC07/{case_id}")
    assert page.status_code == 200 and "全程记录" in page.text and "出具办理结果" not in page.text
    resp = client.post(
        f"/console/cases/DC07/{case_id}/result",
        data={"csrf": csrf_of(page.text), "outcome": "approved", "document_no": "1"},
    )
    assert resp.status_code == 403
    assert len(_events(district, case_id)) == 2


# ---- administration ----------------------------------------------------------------------


def test_codes_are_issued_per_pc_and_show_which_device_used_them(world) -> None:
    client, district = world["client"], world["district"]
    login(client, "admin1", PASSWORDS["admin"])
    resp = post_form(client, "/console/admin/codes", "/console/admin/codes",
                     {"center": "DC07", "for_pc": "5号窗口", "ttl_hours": "24"})  # fmt: skip
    code = re.search(r'id="issued-code">([A-Z0-9-]{14})<', resp.text).group(1)
    assert client.get("/console/admin/codes").text.count(code) == 0  # shown once only
    five = str(uuid.uuid4())
    district.enroll(protocol.EnrollRequest(code=code, center_code="DC07", device_id=five,
                                           device_no=5, label="5号窗口"))  # fmt: skip
    rows = client.get("/console/admin/codes").text
    assert "5号窗口" in rows and five[-12:] in rows and "已使用" in rows


def test_devices_are_listed_and_a_revoked_pc_cannot_sync(world) -> None:
    client, district = world["client"], world["district"]
    old = str(uuid.uuid4())
    enrolled = district.enroll(protocol.EnrollRequest(
        code=district.issue_code("DC07").code, center_code="DC07", device_id=old, device_no=8,
    ))  # fmt: skip
    login(client, "admin1", PASSWORDS["admin"])
    page = client.get("/console/admin/devices").text
    assert old[-12:] in page and world["desk"].info.device_id[-12:] in page
    post_form(client, "/console/admin/devices", f"/console/admin/devices/{old}/revoke", {})
    assert "已注销" in client.get("/console/admin/devices").text
    api = TestClient(client.app)
    resp = api.get("/v1/device", headers={"Authorization": f"Bearer {enrolled.token}"})
    assert resp.status_code == 403


def test_accounts_are_made_in_the_browser_and_work(world) -> None:
    client = world["client"]
    login(client, "admin1", PASSWORDS["admin"])
    resp = post_form(client, "/console/admin/users", "/console/admin/users", {
        "login": "rsj1", "name": "人社王", "role": "department",
        "department": world["depts"][1], "password": "short",
    })  # fmt: skip
    assert "密码至少 8 位" in client.get(resp.headers["location"]).text
    post_form(client, "/console/admin/users", "/console/admin/users", {
        "login": "rsj1", "name": "人社王", "role": "department",
        "department": world["depts"][1], "password": "rsj-pass-1",
    })  # fmt: skip
    login(client, "rsj1", "rsj-pass-1")
    theirs = world["desk"].get_case(world["cases"][world["depts"][1]][0]).case_no
    assert theirs in client.get("/console/inbox").text


def test_catalog_publishing_previews_what_changes(world) -> None:
    client, district = world["client"], world["district"]
    data = load_catalog().model_dump(mode="json")
    shipped = data["version"]
    data["version"] = "2027.01-1"
    data["matters"][0]["fee"] = "工本费 20 元"
    removed = data["matters"].pop()
    login(client, "admin1", PASSWORDS["admin"])
    page = client.get("/console/admin/publish")
    files = {
        "file": (
            "catalog.json",
            io.BytesIO(__import__("json").dumps(data).encode()),
            "application/json",
        )
    }
    preview = client.post("/console/admin/publish/preview",
                          data={"csrf": csrf_of(page.text), "kind": "catalog"}, files=files).text  # fmt: skip
    assert "收费：不收费 → 工本费 20 元" in preview and removed["name"] in preview
    assert f"{shipped} → 2027.01-1" in preview
    text = re.search(r'<textarea name="text" hidden>(.*?)</textarea>', preview, re.S).group(1)
    import html

    client.post("/console/admin/publish", data={"csrf": csrf_of(preview), "kind": "catalog",
                                                "text": html.unescape(text)})  # fmt: skip
    with district.engine.connect() as conn:
        versions = [r[0] for r in conn.execute(select(s.catalogs.c.version))]
    assert "2027.01-1" in versions


def test_calendar_publishing_previews_the_changed_days(world) -> None:
    client = world["client"]
    login(client, "admin1", PASSWORDS["admin"])
    schedule = {"year": 2027, "holidays": ["2027-01-01", "2027-02-08"], "workdays": ["2027-02-06"],
                "source": "国务院办公厅通知（测试）"}  # fmt: skip
    page = client.get("/console/admin/publish")
    files = {
        "file": (
            "2027.json",
            io.BytesIO(__import__("json").dumps(schedule).encode()),
            "application/json",
        )
    }
    preview = client.post("/console/admin/publish/preview",
                          data={"csrf": csrf_of(page.text), "kind": "calendar"}, files=files).text  # fmt: skip
    assert "2027-02-08" in preview and "2027-02-06" in preview and "国务院办公厅通知" in preview
    bad = {
        "file": (
            "x.json",
            io.BytesIO(b'{"year": 2027, "holidays": ["2028-01-01"]}'),
            "application/json",
        )
    }
    resp = client.post("/console/admin/publish/preview", data={"csrf": csrf_of(page.text),
                                                               "kind": "calendar"}, files=bad)  # fmt: skip
    assert "不属于 2027 年" in resp.text  # back on the publishing page, the reason shown


def test_feedback_is_answered_in_the_browser(world) -> None:
    from sync.client.feedback import submit_feedback

    client, district, desk = world["client"], world["district"], world["desk"]
    submit_feedback(desk, "打印问题", "补打回执时二维码不清楚")
    token = world["tokens"][desk.info.device_id]  # enrolled when the center was loaded
    from counterdesk.store.journal import device_events

    device = district.device_for_token(token)
    mine = device_events(desk.conn, desk.info.device_id)
    district.push(device, protocol.PushRequest(events=[protocol.WireEvent.of(e) for e in mine]))
    login(client, "admin1", PASSWORDS["admin"])
    page = client.get("/console/admin/feedback?unanswered=1").text
    assert "补打回执时二维码不清楚" in page
    feedback_id = re.search(r"/console/admin/feedback/([^/]+)/answer", page).group(1)
    post_form(client, "/console/admin/feedback", f"/console/admin/feedback/{feedback_id}/answer",
              {"text": "已在 1.2 版修复，请更新"})  # fmt: skip
    assert district.feedback(None, False)[-1].answer == "已在 1.2 版修复，请更新"


def test_overview_exports_a_spreadsheet_with_chinese_headers(world) -> None:
    client = world["client"]
    login(client, "super1", PASSWORDS["supervisor"])
    resp = client.get("/console/overview.xlsx", params={"period": "year"})
    assert resp.status_code == 200
    book = load_workbook(io.BytesIO(resp.content))
    assert book.sheetnames[:3] == ["说明", "中心", "部门"]
    centers = book["中心"]
    assert [c.value for c in centers[1]][:4] == ["中心代码", "中心名称", "受理", "不予受理"]
    assert centers["A2"].value == "DC07" and centers["C2"].value == 6
    assert "设备同步" in book.sheetnames


# ---- languages ---------------------------------------------------------------------------


def template_strings() -> set[str]:
    found = set()
    for path in TEMPLATES.glob("*.html"):
        text = path.read_text(encoding="utf-8")
        found |= set(re.findall(r'_\(\s*"([^"]+)"\s*\)', text))
        found |= set(re.findall(r"_\(\s*'([^']+)'\s*\)", text))
        for literal in re.findall(r"_\(\{([^}]*)\}", text):
            found |= set(re.findall(r"'([^']+)'", literal)[1::2])
        found |= {label for _, label in re.findall(r'\("(\w+)", "([^"]+)"\)', text)}
    return {text for text in found if any(ord(ch) > 127 for ch in text)}


def test_every_console_string_has_its_english() -> None:
    from counterdesk.domain.people import ID_TYPES
    from counterdesk.domain.workflow import EVENT_LABELS, LEVELS, STATUS_LABELS
    from district.console.auth import ROLES
    from district.console.cases import MATERIAL_FORMS, TABS
    from district.console.overview import STEP_NAMES

    dynamic = {*STATUS_LABELS.values(), *EVENT_LABELS.values(), *ROLES.values(),
               *MATERIAL_FORMS.values(), *(label for label, _ in TABS.values()),
               *STEP_NAMES.values(), *ID_TYPES.values(), *LEVELS, "区级平台", "中心"}  # fmt: skip
    strings = template_strings() | dynamic
    assert len(strings) > 200
    assert sorted(x for x in strings if x not in i18n.EN) == []


def test_english_pages(world) -> None:
    client = world["client"]
    login(client, "super1", PASSWORDS["supervisor"])
    client.get("/console/lang", params={"to": "en", "next": "/console/overview"})
    page = client.get("/console/overview").text
    assert "Supervision" in page and "Intake by center" in page and "督查总览" not in page
    assert client.get("/console/lang", params={"to": "zh", "next": "https://evil.example/"},
                      follow_redirects=False).headers["location"] == "/console/"  # fmt: skip
