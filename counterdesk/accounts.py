"""Accounts on this PC and the center's staff directory: login, users, roles.

Passwords (argon2id hashes) stay in this PC's `users` table; the journal records
who the account is and what was done to it, never a hash (see counterdesk.staff).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from counterdesk import users
from counterdesk.errors import InvalidInput, NotAllowed
from counterdesk.staff import Member, get_member, list_staff

if TYPE_CHECKING:
    from counterdesk.desk import Change, Desk


class Accounts:
    """Mixin of `Desk`: logging in and the admin's user management."""

    def login(self: Desk, login: str, password: str) -> users.User:
        with self._write():
            user, problem = users.authenticate(self.conn, login, password)
            if problem and users.is_locked(self.conn, login.strip().lower()):
                with self.acting_as(users.SYSTEM):
                    self._record(None, "user_locked", {"login": login.strip().lower()})
        if user is None:
            raise NotAllowed(problem or "登录失败")
        self.user = user
        return user

    def logout(self: Desk) -> None:
        self.user = None

    def create_user(self: Desk, login: str, name: str, role: str, password: str) -> Change:
        self._actor("admin")
        with self._write():
            user = users.insert_user(self.conn, login, name, role, password)
            event, _ = self._record(
                None, "user_created", {"login": user.login, "name": user.name, "role": role}
            )
        return _users_change(event.id)

    def reset_password(self: Desk, login: str, password: str) -> Change:
        actor = self._actor()
        if actor.login != login.strip().lower():
            actor.require("admin")
        users.get_user(self.conn, login)
        with self._write():
            users.set_password(self.conn, login.strip().lower(), password)
            event, _ = self._record(None, "user_password_set", {"login": login.strip().lower()})
        return _users_change(event.id)

    def unlock_user(self: Desk, login: str) -> Change:
        self._actor("admin")
        user = users.get_user(self.conn, login)
        with self._write():
            self.conn.execute(
                "UPDATE users SET failed_logins = 0, locked_until = 0 WHERE login = ?",
                (user.login,),
            )
            event, _ = self._record(None, "user_unlocked", {"login": user.login})
        return _users_change(event.id)

    def set_user_active(self: Desk, login: str, active: bool) -> Change:
        admin = self._actor("admin")
        user = users.get_user(self.conn, login)
        if user.login == admin.login and not active:
            raise NotAllowed("不能停用自己的账户")
        with self._write():
            self.conn.execute(
                "UPDATE users SET active = ? WHERE login = ?", (int(active), user.login)
            )
            event, _ = self._record(
                None, "user_activated" if active else "user_deactivated", {"login": user.login}
            )
        return _users_change(event.id)

    def users(self: Desk) -> list[users.User]:
        return users.list_users(self.conn)

    def staff(self: Desk, *roles: str) -> list[Member]:
        """The center's staff on every counter PC (from the journal), optionally some roles."""
        return list_staff(self.conn, roles=roles)

    def add_staff_account(self: Desk, login: str, password: str) -> Change:
        """Give a member of the center's staff an account on this PC (a PC rebuilt from
        the district's copy, or a clerk moving to this counter): name and role as known."""
        member = get_member(self.conn, login)
        if member.local:
            raise InvalidInput(f"{member.label} 在本机已有账户", field="login")
        if not member.active:
            raise InvalidInput(f"{member.label} 已被停用，请先确认其仍在岗", field="login")
        return self.create_user(member.login, member.name, member.role, password)


def _users_change(event_id: str) -> Change:
    from counterdesk.desk import USERS, Change

    return Change(frozenset({USERS}), events=(event_id,))
