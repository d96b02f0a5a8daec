"""Console accounts and sessions: argon2id passwords, lockout, roles, audit of writes.

People log in with their own accounts; a session is a random token in an
HttpOnly cookie whose SHA-256 is stored with the session's CSRF token. Device
tokens are a different kind of credential and are never accepted here.
"""

from __future__ import annotations

import hmac
import re
import secrets
from dataclasses import dataclass
from typing import Any

from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import Connection, Engine, delete, select, update

from counterdesk.desk import users as desk_users
from counterdesk.domain.errors import InvalidInput, NotFound, Unauthorized
from district.auth import Hasher
from district.console import tables as t
from district.store import now_ms

ROLES = {"department": "部门人员", "supervisor": "督查人员", "admin": "区级管理员"}
MAX_FAILURES = 5
LOCK_MS = 15 * 60 * 1000
IDLE_MS = 30 * 60 * 1000  # a session unused this long ends
MAX_SESSION_MS = 12 * 3600 * 1000  # and none lives longer than a working day
_LOGIN = re.compile(r"^[a-z0-9_.-]{2,32}$")


@dataclass(frozen=True)
class ConsoleUser:
    login: str
    name: str
    role: str
    department: str = ""

    @property
    def role_label(self) -> str:
        return ROLES[self.role]

    def sees_department(self, department: str) -> bool:
        """A department's staff see only their own department's cases."""
        return self.role != "department" or department == self.department


@dataclass(frozen=True)
class Session:
    user: ConsoleUser
    csrf: str
    token_hash: str
    flash: str = ""  # "ok|…" or "error|…", shown once

    def csrf_ok(self, sent: str) -> bool:
        return bool(sent) and hmac.compare_digest(sent, self.csrf)


def _user(row: Any) -> ConsoleUser:
    return ConsoleUser(row.login, row.name, row.role, row.department or "")


def _hasher() -> Any:
    # Looked up at call time: the counter's argon2id costs (tests swap in cheap ones).
    return desk_users._hasher


def record(conn: Connection, login: str, action: str, target: str = "", *,
           center: str = "", detail: str = "") -> None:  # fmt: skip
    """One row of the console's audit: who wrote what, when."""
    conn.execute(
        t.audit.insert().values(
            at_ms=now_ms(), login=login, action=action, center_code=center,
            target=target[:128], detail=detail[:4000],
        )
    )  # fmt: skip


class Accounts:
    """Console users and their sessions over the district's engine."""

    def __init__(self, engine: Engine, hasher: Hasher | None = None) -> None:
        self.engine = engine
        self.hasher = hasher  # sessions need it (the server's key); managing users does not

    def _digest(self, token: str) -> str:
        """A session cookie as stored: its HMAC under the server key, never the cookie."""
        if self.hasher is None:
            raise RuntimeError("console sessions need the server's key (Accounts(engine, hasher))")
        return self.hasher.digest(token, "console")

    # ---- users -----------------------------------------------------------------------

    def create_user(
        self, by: str, login: str, name: str, role: str, password: str, department: str = ""
    ) -> ConsoleUser:
        login = login.strip().lower()
        if not _LOGIN.match(login):
            raise InvalidInput("登录名为 2–32 位小写字母、数字或 _ . -", field="login")
        if role not in ROLES:
            raise InvalidInput(f"角色应为：{'、'.join(ROLES.values())}", field="role")
        if not name.strip() or len(name.strip()) > 64:
            raise InvalidInput("请填写姓名（最多 64 字）", field="name")
        department = department.strip()
        if role == "department" and not department:
            raise InvalidInput("部门人员须选择所属部门", field="department")
        desk_users.check_password_strength(password)
        with self.engine.begin() as conn:
            if conn.execute(select(t.users.c.login).where(t.users.c.login == login)).first():
                raise InvalidInput(f"登录名 {login} 已存在", field="login")
            conn.execute(
                t.users.insert().values(
                    login=login, name=name.strip(), role=role,
                    department=department if role == "department" else "",
                    password_hash=_hasher().hash(password), failed_logins=0, locked_until_ms=0,
                    active=1, created_ms=now_ms(), created_by=by,
                )
            )  # fmt: skip
            record(conn, by, "user_create", login, detail=f"{role} {department}".strip())
        return ConsoleUser(login, name.strip(), role, department if role == "department" else "")

    def users(self) -> list[dict[str, Any]]:
        with self.engine.connect() as conn:
            rows = conn.execute(select(t.users).order_by(t.users.c.role, t.users.c.login)).all()
        now = now_ms()
        return [
            {
                "user": _user(r),
                "active": bool(r.active),
                "locked": int(r.locked_until_ms) > now,
                "last_login_ms": r.last_login_ms,
            }
            for r in rows
        ]

    def get(self, login: str) -> ConsoleUser:
        with self.engine.connect() as conn:
            row = conn.execute(select(t.users).where(t.users.c.login == login)).first()
        if row is None:
            raise NotFound(f"没有用户 {login}")
        return _user(row)

    def count(self) -> int:
        with self.engine.connect() as conn:
            return len(conn.execute(select(t.users.c.login)).all())

    def set_password(self, by: str, login: str, password: str) -> None:
        desk_users.check_password_strength(password)
        self._update(by, login, "user_password", password_hash=_hasher().hash(password),
                     failed_logins=0, locked_until_ms=0)  # fmt: skip
        self._end_sessions(login)

    def set_active(self, by: str, login: str, active: bool) -> None:
        if login == by and not active:
            raise InvalidInput("不能停用自己的账户", field="login")
        self._update(by, login, "user_enable" if active else "user_disable", active=int(active))
        if not active:
            self._end_sessions(login)

    def unlock(self, by: str, login: str) -> None:
        self._update(by, login, "user_unlock", failed_logins=0, locked_until_ms=0)

    def _update(self, by: str, login: str, action: str, **values: Any) -> None:
        with self.engine.begin() as conn:
            done = conn.execute(update(t.users).where(t.users.c.login == login).values(**values))
            if done.rowcount == 0:
                raise NotFound(f"没有用户 {login}")
            record(conn, by, action, login)

    def _end_sessions(self, login: str) -> None:
        with self.engine.begin() as conn:
            conn.execute(delete(t.sessions).where(t.sessions.c.login == login))

    # ---- logging in --------------------------------------------------------------------

    def authenticate(self, login: str, password: str) -> ConsoleUser:
        """The user for a correct password; Unauthorized with a clear message otherwise.

        A locked, disabled or unknown account answers without revealing which it is."""
        login = login.strip().lower()
        wrong = "用户名或密码错误"
        now = now_ms()
        with self.engine.begin() as conn:
            row = conn.execute(
                select(t.users).where(t.users.c.login == login).with_for_update()
            ).first()
            if row is None or not row.active:
                raise Unauthorized(wrong)
            if int(row.locked_until_ms) > now:
                minutes = (int(row.locked_until_ms) - now) // 60000 + 1
                raise Unauthorized(f"账户已锁定，请 {minutes} 分钟后再试或请区级管理员解锁")
            try:
                _hasher().verify(row.password_hash, password)
            except (VerificationError, InvalidHashError):
                failures = int(row.failed_logins) + 1
                locked = now + LOCK_MS if failures >= MAX_FAILURES else 0
                conn.execute(
                    update(t.users)
                    .where(t.users.c.login == login)
                    .values(failed_logins=0 if locked else failures, locked_until_ms=locked)
                )
                record(conn, login, "login_failed", login, detail="locked" if locked else "")
                message = f"{wrong}（还可尝试 {MAX_FAILURES - failures} 次）"
                if locked:
                    message = f"密码连续错误 {MAX_FAILURES} 次，账户已锁定 {LOCK_MS // 60000} 分钟"
                failure = Unauthorized(message)
            else:
                values: dict[str, Any] = {"failed_logins": 0, "locked_until_ms": 0,
                                          "last_login_ms": now}  # fmt: skip
                if _hasher().check_needs_rehash(row.password_hash):
                    values["password_hash"] = _hasher().hash(password)
                conn.execute(update(t.users).where(t.users.c.login == login).values(**values))
                record(conn, login, "login", login)
                return _user(row)
        raise failure

    def open_session(self, user: ConsoleUser) -> tuple[str, Session]:
        """A new session: returns the cookie value (shown once) and the session."""
        token = secrets.token_urlsafe(32)
        csrf = secrets.token_urlsafe(24)
        now = now_ms()
        with self.engine.begin() as conn:
            conn.execute(delete(t.sessions).where(t.sessions.c.expires_ms < now))
            conn.execute(
                t.sessions.insert().values(
                    token_hash=self._digest(token), login=user.login, csrf=csrf, created_ms=now,
                    seen_ms=now, expires_ms=now + MAX_SESSION_MS, flash="",
                )
            )  # fmt: skip
        return token, Session(user, csrf, self._digest(token))

    def session(self, token: str) -> Session | None:
        """The live session of a cookie value (idle and absolute limits), or None."""
        if not token or len(token) > 128:
            return None
        key = self._digest(token)
        now = now_ms()
        with self.engine.begin() as conn:
            row = conn.execute(
                select(t.sessions, t.users.c.name, t.users.c.role, t.users.c.department,
                       t.users.c.active)
                .join(t.users, t.users.c.login == t.sessions.c.login)
                .where(t.sessions.c.token_hash == key)
            ).first()  # fmt: skip
            if row is None:
                return None
            if not row.active or row.expires_ms < now or row.seen_ms + IDLE_MS < now:
                conn.execute(delete(t.sessions).where(t.sessions.c.token_hash == key))
                return None
            values: dict[str, Any] = {}
            if now - int(row.seen_ms) > 60_000:  # one write a minute at most per session
                values["seen_ms"] = now
            if row.flash:
                values["flash"] = ""
            if values:
                conn.execute(
                    update(t.sessions).where(t.sessions.c.token_hash == key).values(**values)
                )
        user = ConsoleUser(row.login, row.name, row.role, row.department or "")
        return Session(user, row.csrf, key, row.flash or "")

    def set_flash(self, session: Session, message: str, *, error: bool = False) -> None:
        with self.engine.begin() as conn:
            conn.execute(
                update(t.sessions)
                .where(t.sessions.c.token_hash == session.token_hash)
                .values(flash=("error|" if error else "ok|") + message[:2000])
            )

    def close_session(self, session: Session) -> None:
        with self.engine.begin() as conn:
            conn.execute(delete(t.sessions).where(t.sessions.c.token_hash == session.token_hash))
            record(conn, session.user.login, "logout", session.user.login)
