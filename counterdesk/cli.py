"""`counterdesk` console script: headless work for IT staff and scripts.

With no subcommand it starts the app on the embedded demo center.
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
import time
from pathlib import Path

from counterdesk import datadirs
from counterdesk.admin import logs
from counterdesk.admin.console import ask_password
from counterdesk.domain.errors import CounterdeskError
from counterdesk.store import backup

log = logging.getLogger("counterdesk.cli")


def data_dir() -> Path:
    """The machine-wide data folder, shared by every account on this PC (datadirs)."""
    return datadirs.data_dir()


def default_store() -> Path:
    return datadirs.default_store()


def progress(label: str):
    """A progress line on stderr: rewritten in place on a terminal, one line per report
    in a log file; always ended by a newline so the next message starts on its own line."""
    last = [0.0]
    live = sys.stderr.isatty()

    def report(done: int, total: int | None = None) -> None:
        now = time.monotonic()
        finished = bool(total) and done >= (total or 0)
        if now - last[0] >= 1 or finished:
            last[0] = now
            text = f"{label} {done}/{total}" if total else f"{label} {done}"
            if live:
                print(f"\r{text}", end="\n" if finished else "", file=sys.stderr, flush=True)
            else:
                print(text, file=sys.stderr, flush=True)

    return report


def cmd_init(args: argparse.Namespace) -> int:
    from counterdesk.desk import Desk

    password = args.admin_password or ask_password("管理员密码 / admin password: ")
    desk = Desk.init(
        args.store,
        center_code=args.center_code,
        center_name=args.center_name,
        device_no=args.device_no,
        admin_login=args.admin_login,
        admin_password=password,
        counter=args.counter,
        phone=args.phone,
    )
    print(
        f"已创建数据文件 {args.store}（中心 {desk.info.center_code}，窗口电脑 {desk.info.device_no} 号）"
    )
    desk.close()
    return 0


def cmd_demo_data(args: argparse.Namespace) -> int:
    from counterdesk.demo import center

    started = time.perf_counter()
    stats = center.add_history(args.store, args.cases, args.seed, args.login, args.password,
                               progress=progress("生成演示数据"))  # fmt: skip
    seconds = time.perf_counter() - started
    size = Path(args.store).stat().st_size / 1e6
    print(f"{stats}；用时 {seconds:.1f} 秒；数据文件 {size:.1f} MB")
    return 0


def cmd_access_log(args: argparse.Namespace) -> int:
    """This PC's access log (查询留痕) for the chief: who read which citizen, newest first."""
    import datetime as dt

    from counterdesk.desk import Desk
    from counterdesk.domain.access import detail_label
    from counterdesk.domain.hlc import CHINA_TZ, to_datetime

    password = args.password or ask_password(f"{args.login} 的密码：")
    with Desk(args.store) as desk:
        desk.login(args.login, password)
        since = dt.datetime.now(CHINA_TZ) - dt.timedelta(days=args.days)
        rows = desk.access_entries(user=args.user, tail=args.tail, since=since, limit=args.limit)
        integrity = [b for b in desk.verify().broken if b.event_id.startswith("access:")]
    print(f"{'时间':16} {'用户':12} {'操作':18} {'公民（证件号）':20} {'对象':28} 件数  事由")
    for e in rows:
        when = to_datetime(e.hlc).strftime("%Y-%m-%d %H:%M")
        detail = detail_label(e.action, e.detail)  # in words: 按姓名, 送件交接单：日期
        print(f"{when:16} {e.user:12} {e.action_label:18} {e.subject:20} {detail[:28]:28} "
              f"{e.count or '':4}  {e.reason}")  # fmt: skip
    print(f"共 {len(rows)} 条（近 {args.days} 天）")
    for link in integrity:
        print(f"留痕链断开：{link}")
    return 1 if integrity else 0


def cmd_verify(args: argparse.Namespace) -> int:
    from counterdesk.desk import Desk

    with Desk(args.store) as desk:
        report = desk.verify(deep=args.deep)
    print(f"数据库完整性：{report.integrity}")
    print(f"日志事件数：{report.events}")
    if report.broken:
        for link in report.broken:
            print(f"日志链断开：{link}")
    else:
        print("日志链：全部设备校验通过")
    if report.projections_match is not None:
        print(
            "案件视图与日志重建一致"
            if report.projections_match
            else "案件视图与日志重建不一致：请运行 counterdesk rebuild"
        )
    return 0 if report.ok else 1


def cmd_backup(args: argparse.Namespace) -> int:
    result = backup.make_backup(args.store, args.to, keep=args.keep, progress=progress("备份页"))
    print(
        f"\n已备份到 {result.path}（{result.size / 1e6:.1f} MB，{result.seconds:.1f} 秒，已校验）"
    )
    for old in result.removed:
        print(f"按保留份数删除旧备份 {old.name}")
    return 0


def cmd_restore(args: argparse.Namespace) -> int:
    info = backup.verify_backup(args.file)
    print(
        f"备份：中心 {info.center_code} {info.center_name}，{info.cases} 件案件，{info.events} 个事件，校验通过"
    )
    kept = backup.restore(args.file, args.store, allow_other_center=args.other_center)
    if kept:
        print(f"原数据已保留在 {kept}")
    print(f"已恢复到 {args.store}。本机将作为新的日志设备继续工作；联网后请先同步。")
    return 0


def cmd_rebuild(args: argparse.Namespace) -> int:
    from counterdesk.desk import Desk

    with Desk(args.store) as desk:
        desk.rebuild(progress=progress("重建案件视图"))
    print("\n已从日志重建全部视图")
    return 0


def cmd_info(args: argparse.Namespace) -> int:
    from counterdesk.desk import Desk

    with Desk(args.store) as desk:
        info = desk.info
        cases = desk.conn.execute("SELECT COUNT(*) FROM cases").fetchone()[0]
        print(
            f"中心 {info.center_code} {info.center_name}；窗口电脑 {info.device_no} 号（设备 {info.device_id}）"
        )
        print(f"案件 {cases} 件；日志事件 {desk.event_count()} 个；目录版本 {desk.catalog.version}")
        print(f"已上传至序号 {desk.uploaded_through()}，本机最新序号 {desk.journal.last_seq}")
    return 0


def cmd_calendar(args: argparse.Namespace) -> int:
    """Put a year's holiday schedule (JSON file shipped by the district) in force."""
    from counterdesk.desk import Desk
    from counterdesk.domain.workdays import schedule_from_json

    path = Path(args.file)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise CounterdeskError(f"读不了节假日文件 {path}：{exc}") from exc
    schedule = schedule_from_json(text, path.name)
    with Desk(args.store) as desk:
        desk.login(args.login, args.password or ask_password("管理员密码 / admin password: "))
        change = desk.publish_calendar(schedule)
    print(
        f"{schedule.year} 年节假日安排已生效（{len(schedule.holidays)} 个假日，{len(schedule.workdays)} 个调休工作日），已重算 {change.extra['refolded']} 件案件的期限"
    )
    return 0


def cmd_setup(args: argparse.Namespace) -> int:
    """First run from a center.toml (mass installs); see docs/operators-guide.md."""
    from counterdesk.admin import setup_config

    config = setup_config.load_config(args.config)
    # Never prompt without a console: a silent install has none and a prompt would hang.
    interactive = not args.no_prompt and sys.stdin is not None and sys.stdin.isatty()
    prompt = ask_password if interactive else None
    report = setup_config.apply_setup(config, store=args.store, prompt=prompt)
    print(report.text())
    return 0 if report.ok else 1


def cmd_enroll_file(args: argparse.Namespace) -> int:
    """Enroll a PC already set up (wizard, init, or setup without the file) from an
    enrollment file; setup with `district.enrollment_file` does the same on a new PC."""
    from counterdesk.admin import fileenroll
    from counterdesk.desk import Desk

    enroller = fileenroll.registered()
    if enroller is None:
        raise CounterdeskError(fileenroll.CANNOT)
    given = os.environ.get(args.passphrase_env, "") if args.passphrase_env else ""
    if args.passphrase_env and not given:
        raise CounterdeskError(f"环境变量 {args.passphrase_env} 未设置（--passphrase-env）")
    interactive = sys.stdin is not None and sys.stdin.isatty()
    ask = fileenroll.passphrase_source(
        given, ask_password if interactive else None, "--passphrase-env 环境变量名"
    )
    with Desk(args.store) as desk:
        prepared = fileenroll.prepare(enroller, args.file, ask, center_code=desk.info.center_code,
                                      device_no=desk.info.device_no, desk=desk)  # fmt: skip
        status, message = fileenroll.finish(enroller, desk, prepared)
    print(f"[{status}] enroll: {message}")
    return 0


def cmd_diagnostics(args: argparse.Namespace) -> int:
    """Zip versions, settings, checks, sync state and masked logs for remote help."""
    from counterdesk.admin import diagnostics

    out = diagnostics.make_bundle(args.store, args.out)
    print(f"诊断包已生成 / diagnostics bundle written: {out}（个人信息与密钥已遮蔽）")
    return 0


def cmd_selftest(args: argparse.Namespace) -> int:
    from counterdesk.admin import selftest

    return selftest.main()


def relocate_legacy_store(store: Path) -> None:
    """First start after 0.2: this account's old per-user store moves machine-wide.

    Only for the machine's own default store: not with --store, $COUNTERDESK_STORE or
    $COUNTERDESK_HOME (tests, portable installs), which have no per-user past.
    """
    from counterdesk.admin import relocate

    if os.environ.get("COUNTERDESK_HOME") or datadirs.store_is_overridden():
        return
    if store != datadirs.machine_data_dir() / datadirs.STORE_NAME:
        return
    moved = relocate.migrate_legacy_store(target=store)
    if moved.message:
        print(moved.message, file=sys.stderr)


def cmd_start(args: argparse.Namespace) -> int:
    """Headless start on the demo center: create it if needed and print its state.

    The window is opened by the `counterdesk` command's launcher (ui/launcher.py),
    which the core may not import; `counterdesk-cli` with no arguments lands here.
    """
    from counterdesk.demo import center

    store = center.ensure_demo(center.demo_store(), progress=progress("生成演示数据"))
    args.store = str(store)
    print(f"演示中心数据：{store}")
    print(f"登录：{center.demo_logins()}")
    cmd_info(args)
    return cmd_verify(argparse.Namespace(store=str(store), deep=False))


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="counterdesk", description="CounterDesk 政务服务中心全程代办系统"
    )
    parser.add_argument("--store", default=str(default_store()), help="数据文件路径")
    parser.add_argument(
        "--self-test", action="store_true", help="自检：数据库、打印字体、本机凭据存储、窗口"
    )
    sub = parser.add_subparsers(dest="command")

    p = sub.add_parser("init", help="创建本机数据文件（中心、窗口电脑编号、首个管理员）")
    p.add_argument("--center-code", required=True)
    p.add_argument("--center-name", required=True)
    p.add_argument("--device-no", type=int, required=True)
    p.add_argument("--admin-login", default="admin")
    p.add_argument("--admin-password")
    p.add_argument("--counter", default="")
    p.add_argument("--phone", default="")
    p.set_defaults(func=cmd_init)

    p = sub.add_parser("demo-data", help="生成演示数据（真实业务流程）")
    p.add_argument("--cases", type=int, default=1000)
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--login")
    p.add_argument("--password")
    p.set_defaults(func=cmd_demo_data)

    p = sub.add_parser("access-log", help="查看本机查询留痕（中心负责人）")
    p.add_argument("--login", required=True, help="中心负责人的登录名")
    p.add_argument("--password", help="不填则提示输入")
    p.add_argument("--user", help="只看这位窗口人员")
    p.add_argument("--tail", help="证件号后四位")
    p.add_argument("--days", type=int, default=7)
    p.add_argument("--limit", type=int, default=200)
    p.set_defaults(func=cmd_access_log)

    p = sub.add_parser("verify", help="校验数据库完整性与日志哈希链")
    p.add_argument("--deep", action="store_true", help="同时用日志重建视图并比对")
    p.set_defaults(func=cmd_verify)

    p = sub.add_parser("backup", help="在线备份到指定文件夹（如U盘）")
    p.add_argument("--to", required=True)
    p.add_argument("--keep", type=int, default=10)
    p.set_defaults(func=cmd_backup)

    p = sub.add_parser("restore", help="从备份恢复（原数据先另存）")
    p.add_argument("file")
    p.add_argument("--other-center", action="store_true", help="允许恢复其他中心的备份（迁移时用）")
    p.set_defaults(func=cmd_restore)

    p = sub.add_parser("calendar", help="导入某一年的节假日安排（区级下发的 JSON 文件）")
    p.add_argument("file")
    p.add_argument("--login", default="admin")
    p.add_argument("--password")
    p.set_defaults(func=cmd_calendar)

    p = sub.add_parser("rebuild", help="从日志重建全部视图")
    p.set_defaults(func=cmd_rebuild)

    p = sub.add_parser("info", help="显示本机中心与同步信息")
    p.set_defaults(func=cmd_info)

    p = sub.add_parser("setup", help="按配置文件完成首次设置（批量安装）")
    p.add_argument("--config", required=True, help="center.toml")
    p.add_argument("--no-prompt", action="store_true", help="从不提问（静默安装时用）")
    p.set_defaults(func=cmd_setup)

    p = sub.add_parser("enroll-file", help="用区级签发的注册文件注册本机（离线中心，无需联网）")
    p.add_argument("file", help="如 E:\\DC03-03.enroll")
    p.add_argument("--passphrase-env", help="存放口令的环境变量名（不填则提示输入）")
    p.set_defaults(func=cmd_enroll_file)

    p = sub.add_parser("diagnostics", help="生成诊断包（个人信息已遮蔽），供远程支持")
    p.add_argument("--out", required=True, help="如 D:\\counterdesk-diagnostics.zip")
    p.set_defaults(func=cmd_diagnostics)
    return parser


def main(argv: list[str] | None = None) -> int:
    from counterdesk.admin.console import ensure_stdin, no_terminal, safe_streams

    safe_streams()
    ensure_stdin()
    datadirs.share_with_group()
    args = build_parser().parse_args(argv)
    if not args.self_test:  # the self-test reports on the log folder itself
        # What IT runs here is in the same log as the window's work.
        logs.start_logging(make_data_dir=False)
        log.info("counterdesk-cli %s", getattr(args, "command", None) or "start")
    func = cmd_selftest if args.self_test else getattr(args, "func", cmd_start)
    try:
        if func is not cmd_selftest and func is not cmd_start:
            relocate_legacy_store(Path(args.store))
        return func(args)
    except CounterdeskError as exc:
        print(f"错误：{exc.message}", file=sys.stderr)
        log.warning("counterdesk-cli %s refused: %s", getattr(args, "command", None), exc.message)
        return 2
    except KeyboardInterrupt:
        print("\n已取消", file=sys.stderr)
        return 130
    except EOFError:  # a password asked with no one to type it (a script, closed input)
        print("\n" + no_terminal("，或用 --password 等参数提供"), file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
