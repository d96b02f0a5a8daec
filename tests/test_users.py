"""Accounts: argon2id, lockout, roles, attribution."""

from __future__ import annotations

import pytest
from argon2 import PasswordHasher
from conftest import ADMIN, CLERK

from counterdesk.desk import users
from counterdesk.domain.errors import InvalidInput, NotAllowed


def test_production_hasher_is_argon2id_at_owasp_costs():
    production = PasswordHasher(**users.HASH_COSTS)
    stamp = production.hash("x1234567")
    assert stamp.startswith("$argon2id$v=19$m=19456,t=2,p=1$")


def test_a_hash_made_with_other_costs_is_upgraded_at_login(desk, monkeypatch):
    old = PasswordHasher(time_cost=3, memory_cost=2048, parallelism=2)
    desk.conn.execute(
        "UPDATE users SET password_hash = ? WHERE login = ?", (old.hash(CLERK[1]), CLERK[0])
    )
    monkeypatch.setattr(users, "_hasher", PasswordHasher(time_cost=1, memory_cost=1024))
    desk.login(*CLERK)
    stored = desk.conn.execute(
        "SELECT password_hash FROM users WHERE login = ?", (CLERK[0],)
    ).fetchone()[0]
    assert "$m=1024,t=1,p=" in stored  # re-hashed with the current costs
    desk.login(*CLERK)  # and it still verifies


def test_lockout_after_repeated_failures_and_admin_unlock(desk):
    for _ in range(users.MAX_FAILURES - 1):
        with pytest.raises(NotAllowed, match="还可尝试"):
            desk.login(CLERK[0], "wrong-pass1")
    with pytest.raises(NotAllowed, match="已锁定"):
        desk.login(CLERK[0], "wrong-pass1")
    with pytest.raises(NotAllowed, match="已锁定"):
        desk.login(*CLERK)  # even the right password waits
    assert desk.timeline  # journal records the lock
    assert desk.conn.execute("SELECT actor FROM events WHERE type = 'user_locked'").fetchone() == (
        "system",
    )
    desk.login(*ADMIN)
    desk.unlock_user(CLERK[0])
    assert desk.login(*CLERK).role == "clerk"


def test_unknown_user_and_inactive_user_look_the_same(desk):
    with pytest.raises(NotAllowed, match="用户名或密码错误"):
        desk.login("nobody", "whatever1")
    desk.login(*ADMIN)
    desk.set_user_active(CLERK[0], False)
    with pytest.raises(NotAllowed, match="用户名或密码错误"):
        desk.login(*CLERK)


def test_only_admin_manages_users_and_weak_passwords_refused(desk):
    with pytest.raises(NotAllowed, match="系统管理员"):
        desk.create_user("li", "李四", "clerk", "pass12345")
    desk.login(*ADMIN)
    with pytest.raises(InvalidInput, match="8 位"):
        desk.create_user("li", "李四", "clerk", "a1")
    with pytest.raises(InvalidInput, match="角色"):
        desk.create_user("li", "李四", "boss", "pass12345")
    desk.create_user("li", "李四", "clerk", "pass12345")
    admin_events = desk.conn.execute(
        "SELECT actor FROM events WHERE type = 'user_created' AND payload LIKE '%\"li\"%'"
    ).fetchall()
    assert admin_events == [("admin",)]
    assert "pass12345" not in desk.path.read_bytes().decode("latin-1")
