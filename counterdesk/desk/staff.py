"""The center's staff directory: every account made on any counter PC of the center.

Accounts (with their password hashes) stay on the PC where they were made;
what travels in the journal is who they are: `user_created` (login, name,
role) and `user_activated` / `user_deactivated`. Folding those from every
device gives the directory, so a case can be transferred to a clerk who
works at another counter, and a PC rebuilt from the district's copy knows
its staff again (an admin gives each a new password there: `Desk.add_staff_account`).
"""

from __future__ import annotations

from dataclasses import dataclass

from counterdesk.domain.errors import NotFound
from counterdesk.store import cipher


@dataclass(frozen=True)
class Member:
    login: str
    name: str
    role: str
    active: bool
    device_id: str  # the PC where the account was (last) made
    local: bool  # has an account on this PC

    @property
    def label(self) -> str:
        return f"{self.name}（{self.login}）"


def list_staff(conn: cipher.Connection, *, roles: tuple[str, ...] = ()) -> list[Member]:
    """Everyone in the directory (by name), optionally only some roles."""
    where, params = "", ()
    if roles:
        where, params = f" AND s.role IN ({','.join('?' * len(roles))})", roles
    return _members(conn, where, params)


def get_member(conn: cipher.Connection, login: str) -> Member:
    login = login.strip().lower()
    found = _members(conn, " AND s.login = ?", (login,))
    if not found:
        raise NotFound(f"本中心没有登录名为 {login} 的工作人员")
    return found[0]


def _members(conn: cipher.Connection, where: str, params: tuple) -> list[Member]:
    rows = conn.execute(
        "SELECT s.login, s.name, s.role, s.active, s.device_id, u.login IS NOT NULL "
        "FROM staff s LEFT JOIN users u ON u.login = s.login "
        f"WHERE s.created_key <> ''{where} ORDER BY s.name, s.login",
        params,
    ).fetchall()
    return [Member(r[0], r[1], r[2], bool(r[3]), r[4], bool(r[5])) for r in rows]
