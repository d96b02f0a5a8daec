"""Accounts on this PC and the center's staff directory: login, users, roles.

Passwords (argon2id hashes) stay in this PC's `users` table; the journal records
who the account is and what was done to it, never a hash (see counterdesk.desk.staff).
"""

from __future__ import annotations

import counterdesk.desk.users as users
from counterdesk.desk.boundary import Login, Name, checked_methods
from counterdesk.desk.context import DeskContext
from counterdesk.desk.staff import Member, get_member, list_staff
from counterdesk.domain.changes import USERS, Change
from counterdesk.domain.errors import InvalidInput, NotAllowed


@checked_methods
class Accounts:
    """A service of the facade: logging in and the admin's user management."""

    def __init__(self, ctx: DeskContext) -> None:
        self.ctx = ctx

    def login(self, login: Login, password: str) -> users.User:
        with self.ctx.write():
            user, problem = users.authenticate(self.ctx.conn, login, password)
            if problem and users.is_locked(self.ctx.conn, login.strip().lower()):
                with self.ctx.acting_as(users.SYSTEM):
                    self.ctx.record(None, "user_locked", {"login": login.strip().lower()})
        if user is None:
            raise NotAllowed(problem or "登录失败")
        self.ctx.user = user
        return user

    def logout(self) -> None:
        self.ctx.user = None

    def create_user(self, login: Login, name: Name, role: str, password: str) -> Change:
        self.ctx.actor("admin")
        with self.ctx.write():
            user = users.insert_user(self.ctx.conn, login, name, role, password)
            event, _ = self.ctx.record(
                None, "user_created", {"login": user.login, "name": user.name, "role": role}
            )
        return _users_change(event.id)

    def reset_password(self, login: Login, password: str) -> Change:
        actor = self.ctx.actor()
        if actor.login != login.strip().lower():
            actor.require("admin")
        with self.ctx.write():
            users.get_user(self.ctx.conn, login)
            users.set_password(self.ctx.conn, login.strip().lower(), password)
            event, _ = self.ctx.record(None, "user_password_set", {"login": login.strip().lower()})
        return _users_change(event.id)

    def unlock_user(self, login: Login) -> Change:
        self.ctx.actor("admin")
        with self.ctx.write():
            user = users.get_user(self.ctx.conn, login)
            self.ctx.conn.execute(
                "UPDATE users SET failed_logins = 0, locked_until = 0 WHERE login = ?",
                (user.login,),
            )
            event, _ = self.ctx.record(None, "user_unlocked", {"login": user.login})
        return _users_change(event.id)

    def set_user_active(self, login: Login, active: bool) -> Change:
        admin = self.ctx.actor("admin")
        with self.ctx.write():
            user = users.get_user(self.ctx.conn, login)
            if user.login == admin.login and not active:
                raise NotAllowed("不能停用自己的账户")
            self.ctx.conn.execute(
                "UPDATE users SET active = ? WHERE login = ?", (int(active), user.login)
            )
            event, _ = self.ctx.record(
                None, "user_activated" if active else "user_deactivated", {"login": user.login}
            )
        return _users_change(event.id)

    def users(self) -> list[users.User]:
        return users.list_users(self.ctx.conn)

    def staff(self, *roles: str) -> list[Member]:
        """The center's staff on every counter PC (from the journal), optionally some roles."""
        return list_staff(self.ctx.conn, roles=roles)

    def add_staff_account(self, login: Login, password: str) -> Change:
        """Give a member of the center's staff an account on this PC (a PC rebuilt from
        the district's copy, or a clerk moving to this counter): name and role as known."""
        self.ctx.actor("admin")
        with self.ctx.write():  # the directory as it stands when the account is made
            member = get_member(self.ctx.conn, login)
            if member.local:
                raise InvalidInput(f"{member.label} 在本机已有账户", field="login")
            if not member.active:
                raise InvalidInput(f"{member.label} 已被停用，请先确认其仍在岗", field="login")
            return self.create_user(member.login, member.name, member.role, password)


def _users_change(event_id: str) -> Change:
    return Change(frozenset({USERS}), events=(event_id,))
