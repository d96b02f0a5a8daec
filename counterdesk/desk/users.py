"""Staff accounts: roles, argon2id password hashes, lockout after repeated failures."""

from __future__ import annotations

import re
import time
from dataclasses import dataclass

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from counterdesk.domain.errors import InvalidInput, NotAllowed, NotFound
from counterdesk.store import cipher

ROLES = {"clerk": "窗口人员", "chief": "中心负责人", "admin": "系统管理员"}
# The roles that work cases (accept, carry, close); an admin keeps the PC, not cases.
CASE_ROLES = ("clerk", "chief")
# 整改回访 verifies that a bad review (好差评 差评) was rectified: the chief's, never the
# rated clerk's own (CaseWork.record_callback also refuses whom the review rated).
CALLBACK_ROLES = ("chief",)
MAX_FAILURES = 5
LOCK_SECONDS = 15 * 60
_LOGIN = re.compile(r"^[a-z0-9_.-]{2,32}$")
PasswordHasher = PasswordHasher
# argon2id at the OWASP Password Storage Cheat Sheet's first recommendation
# (19 MiB, 2 passes, 1 lane). The library's default (64 MiB, 3 passes, 4 lanes)
# takes 83 ms per check on this 2-core machine and several times that on an old
# counter PC, where the clerk types the password after every idle lock; this
# takes 18 ms. Hashes made with other costs still verify and are re-hashed to
# these at the next successful login (check_needs_rehash).
HASH_COSTS = {"time_cost": 2, "memory_cost": 19 * 1024, "parallelism": 1}
_hasher = PasswordHasher(**HASH_COSTS)


@dataclass(frozen=True)
class User:
    login: str
    name: str
    role: str
    active: bool = True
    locked_until: float = 0  # epoch seconds; an account locked after failed logins (listings)

    def locked(self, now: float | None = None) -> bool:
        """Locked now by failed logins (the admin's 用户与角色 says until when)."""
        return self.locked_until > (time.time() if now is None else now)

    def require(self, *roles: str) -> None:
        if self.role not in roles:
            wanted = "、".join(ROLES[r] for r in roles)
            raise NotAllowed(f"此操作需要{wanted}权限，当前用户 {self.login} 是{ROLES[self.role]}")


SYSTEM = User("system", "系统", "admin")


def check_password_strength(password: str) -> None:
    if len(password) < 8:
        raise InvalidInput("密码至少 8 位", field="password")
    if password.isdigit() or password.isalpha():
        raise InvalidInput("密码需同时包含字母和数字", field="password")


def insert_user(conn: cipher.Connection, login: str, name: str, role: str, password: str) -> User:
    login = login.strip().lower()
    if not _LOGIN.match(login):
        raise InvalidInput("登录名为 2–32 位小写字母、数字或 _ . -", field="login")
    if role not in ROLES:
        raise InvalidInput(f"不认识的角色：{role}", field="role")
    if not name.strip():
        raise InvalidInput("请填写姓名", field="name")
    check_password_strength(password)
    if conn.execute("SELECT 1 FROM users WHERE login = ?", (login,)).fetchone():
        raise InvalidInput(f"登录名 {login} 已存在", field="login")
    conn.execute(
        "INSERT INTO users (login, name, role, password_hash) VALUES (?, ?, ?, ?)",
        (login, name.strip(), role, _hasher.hash(password)),
    )
    return User(login, name.strip(), role)


def get_user(conn: cipher.Connection, login: str) -> User:
    row = conn.execute(
        "SELECT login, name, role, active FROM users WHERE login = ?", (login.strip().lower(),)
    ).fetchone()
    if not row:
        raise NotFound(f"没有用户 {login}")
    return User(row[0], row[1], row[2], bool(row[3]))


def list_users(conn: cipher.Connection) -> list[User]:
    """This PC's accounts, each with its lock (a lapsed lock reads as not locked)."""
    rows = conn.execute(
        "SELECT login, name, role, active, locked_until FROM users ORDER BY login"
    ).fetchall()
    return [User(r[0], r[1], r[2], bool(r[3]), r[4] or 0) for r in rows]


def authenticate(
    conn: cipher.Connection, login: str, password: str, now: float | None = None
) -> tuple[User | None, str | None]:
    """Check a password. Returns (user, None) or (None, message); the caller commits the counters.

    A locked or unknown account answers without revealing which it is.
    """
    now = time.time() if now is None else now
    row = conn.execute(
        "SELECT login, name, role, active, password_hash, failed_logins, locked_until "
        "FROM users WHERE login = ?",
        (login.strip().lower(),),
    ).fetchone()
    wrong = "用户名或密码错误"
    if not row or not row[3]:
        return None, wrong
    login, name, role, _, pw_hash, failures, locked_until = row
    if locked_until > now:
        minutes = int((locked_until - now) // 60) + 1
        return None, f"账户已锁定，请 {minutes} 分钟后再试或请管理员解锁"
    try:
        _hasher.verify(pw_hash, password)
    except (VerificationError, InvalidHashError):
        failures += 1
        locked = now + LOCK_SECONDS if failures >= MAX_FAILURES else 0
        conn.execute(
            "UPDATE users SET failed_logins = ?, locked_until = ? WHERE login = ?",
            (0 if locked else failures, locked, login),
        )
        if locked:
            return None, f"密码连续错误 {MAX_FAILURES} 次，账户已锁定 {LOCK_SECONDS // 60} 分钟"
        return None, f"{wrong}（还可尝试 {MAX_FAILURES - failures} 次）"
    if _hasher.check_needs_rehash(pw_hash):
        conn.execute(
            "UPDATE users SET password_hash = ? WHERE login = ?", (_hasher.hash(password), login)
        )
    conn.execute("UPDATE users SET failed_logins = 0, locked_until = 0 WHERE login = ?", (login,))
    return User(login, name, role), None


def set_password(conn: cipher.Connection, login: str, password: str) -> None:
    check_password_strength(password)
    conn.execute(
        "UPDATE users SET password_hash = ?, failed_logins = 0, locked_until = 0 WHERE login = ?",
        (_hasher.hash(password), login),
    )


def is_locked(conn: cipher.Connection, login: str) -> bool:
    row = conn.execute("SELECT locked_until FROM users WHERE login = ?", (login,)).fetchone()
    return bool(row and row[0] > time.time())
