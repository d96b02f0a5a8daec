"""`counterdesk-server console-user …` and `console-refresh`: the console from a shell.

The first district administrator is created here (whoever can run the server's
CLI is district IT); every other account can then be made in the browser.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable
from typing import Any

from counterdesk.admin.console import ask_password
from counterdesk.domain.errors import InvalidInput
from district.console import index
from district.console.auth import ROLES, Accounts

ENV_PASSWORD = "COUNTERDESK_CONSOLE_PASSWORD"


def _password(args: argparse.Namespace) -> str:
    if os.environ.get(ENV_PASSWORD):
        return os.environ[ENV_PASSWORD]
    if not sys.stdin.isatty():
        line = sys.stdin.readline().rstrip("\n")
        if not line:
            raise InvalidInput(f"请在标准输入或环境变量 {ENV_PASSWORD} 中提供密码")
        return line
    first = ask_password("密码 / password: ")
    if first != ask_password("再输一次 / again: "):
        raise InvalidInput("两次输入的密码不一致")
    return first


def add_parsers(sub: Any, district_of: Callable[[argparse.Namespace], Any]) -> None:
    def user(args: argparse.Namespace) -> None:
        district = district_of(args)
        accounts = Accounts(district.engine, district.hasher)
        if args.reset_password:
            accounts.set_password("cli", args.login, _password(args))
            print(f"已重设 {args.login} 的密码 / password reset")
            return
        made = accounts.create_user("cli", args.login, args.name or args.login, args.role,
                                    _password(args), args.department)  # fmt: skip
        print(f"已创建工作台账户 {made.login}（{made.role}）/ console user created")

    def refresh(args: argparse.Namespace) -> None:
        print(
            f"工作台案件索引已更新 {index.refresh(district_of(args))} 件 / cases folded into the console index"
        )

    p = sub.add_parser("console-user", help="create a console account (or reset its password)")
    p.add_argument("login")
    p.add_argument("--name", default="")
    p.add_argument("--role", choices=sorted(ROLES), default="admin")
    p.add_argument("--department", default="")
    p.add_argument("--reset-password", action="store_true")
    p.set_defaults(func=user)

    p = sub.add_parser("console-refresh", help="catch the console's case index up with the events")
    p.set_defaults(func=refresh)
