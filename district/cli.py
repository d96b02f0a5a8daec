"""`counterdesk-server`: run the district server and do its operations from a shell.

Operations run directly against the store named by --db / COUNTERDESK_SERVER_DB
(whoever can run them on the server machine is the district's IT); the same
operations are offered over HTTP with the admin token.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import sys
import threading
from pathlib import Path
from typing import Any

from counterdesk.admin.console import ensure_stdin, no_terminal
from counterdesk.domain.access import detail_label
from counterdesk.domain.catalog import load_catalog
from counterdesk.domain.errors import CounterdeskError, InvalidInput
from district.config import ServerConfig, admin_token_hash, open_district, rotate_admin_token
from district.console.i18n import format_ms
from district.db import make_engine
from district.operations import District
from sync import protocol


def _district(args: argparse.Namespace) -> District:
    config = ServerConfig.from_env(args.data_dir, args.db)
    _say_if_new(config)
    return open_district(config, make_engine(config.db_url))


def _say_if_new(config: ServerConfig) -> None:
    """An admin command run without the server's database setting would quietly make a new,
    empty SQLite database (found by trying it: "no PC enrolled" while PostgreSQL held
    them): say which database this is when it does not exist yet."""
    if not config.db_url.startswith("sqlite:///"):
        return
    path = Path(config.db_url.removeprefix("sqlite:///"))
    if path.exists():
        return
    print(
        f"注意：区级数据库 {path} 尚不存在，将新建一个空的数据库。若区级平台使用 PostgreSQL 或"
        "其他数据文件夹，请先设置与服务相同的 COUNTERDESK_SERVER_DB / COUNTERDESK_SERVER_DATA"
        "（或 --db / --data-dir）/ note: creating a new, empty district database here",
        file=sys.stderr,
    )


def _print(value: Any) -> None:
    if hasattr(value, "model_dump"):
        value = value.model_dump()
    print(json.dumps(_readable(value), ensure_ascii=False, indent=2))


def _readable(value: Any) -> Any:
    """Beside each `…_ms` moment, the same moment as China time (`expires_at`: "2026-12-08
    17:00"): IT reads the date, scripts keep the number."""
    if isinstance(value, list):
        return [_readable(v) for v in value]
    if not isinstance(value, dict):
        return value
    out: dict[str, Any] = {}
    for key, item in value.items():
        out[key] = _readable(item)
        moment = key.removesuffix("_ms")
        if moment != key and type(item) is int and item > 10**11 and moment not in value:
            out[moment] = format_ms(item)
    return out


ENV_FORWARDED = "COUNTERDESK_SERVER_FORWARDED_ALLOW_IPS"


def cmd_serve(args: argparse.Namespace) -> None:
    import uvicorn

    from district.app import create_app

    district = _district(args)
    app = create_app(district, admin_token_hash(district))
    config = uvicorn.Config(
        app,
        host=args.host,
        port=args.port,
        ssl_certfile=args.ssl_certfile,
        ssl_keyfile=args.ssl_keyfile,
        log_level=args.log_level,
        # The device token travels in a header, never in the URL, so access logs hold no secret.
        access_log=args.access_log,
        # X-Forwarded-For is believed only from a proxy named here: uvicorn's default trusts
        # 127.0.0.1, so any local process could pick its address for the rate limits
        # (found by trying it: a rotating header escaped the enrollment limit).
        proxy_headers=bool(args.forwarded_allow_ips),
        forwarded_allow_ips=args.forwarded_allow_ips or None,
    )
    server = uvicorn.Server(config)
    if args.exit_with_stdin:
        threading.Thread(target=_stop_at_eof, args=(server,), daemon=True).start()
    server.run()


def _stop_at_eof(server: Any) -> None:
    """Stop the server once standard input closes: its owner (the demo app) has ended,
    however it ended (quit, crash, killed), since the pipe's write end closes with it."""
    with contextlib.suppress(OSError, ValueError):
        while sys.stdin.buffer.read(4096):
            pass
    server.should_exit = True


def cmd_create_center(args: argparse.Namespace) -> None:
    _print(_district(args).create_center(args.code, args.name))


def cmd_issue_code(args: argparse.Namespace) -> None:
    _print(_district(args).issue_code(args.code.upper(), args.ttl_hours))


def _read_json(path: Path) -> Any:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise InvalidInput(f"无法读取 JSON 文件 {path}：{exc}") from exc


def cmd_publish_catalog(args: argparse.Namespace) -> None:
    path = Path(args.path)
    text = load_catalog(path).to_json() if path.is_dir() else path.read_text(encoding="utf-8")
    _print({"version": _district(args).publish_catalog(text)})


def cmd_publish_calendar(args: argparse.Namespace) -> None:
    _print({"year": _district(args).publish_calendar(_read_json(Path(args.path)))})


def cmd_record_result(args: argparse.Namespace) -> None:
    rec = protocol.ResultRecord(
        case=args.case,
        kind="received" if args.received else "result",
        outcome=args.outcome,
        reason=args.reason,
        document_no=args.document_no,
        receiver=args.receiver,
        operator=args.operator,
    )
    _print(_district(args).record_result(rec))


def cmd_import_bundle(args: argparse.Namespace) -> None:
    district = _district(args)
    for name in args.files:
        try:
            data = Path(name).read_bytes()
        except OSError as exc:
            raise InvalidInput(f"无法读取数据包 {name}：{exc}") from exc
        _print(district.import_bundle(data))


def cmd_export_ack(args: argparse.Namespace) -> None:
    ack = _district(args).ack_file(args.device_id)
    Path(args.out).write_text(ack.model_dump_json(indent=2), encoding="utf-8")
    print(
        f"已写出设备 {args.device_id} 的回执（确认到第 {ack.acked_seq} 号）：{args.out} / "
        f"acknowledgement written to {args.out}"
    )


def cmd_summary(args: argparse.Namespace) -> None:
    from district.summary import summary

    result = summary(_district(args))
    if args.json:
        _print(result)
        return
    print(
        f"{'center':6} {'name':20} {'intake30d':>9} {'open':>6} {'overdue':>7} {'bad':>4} {'pending':>8}"
    )
    for c in result.centers:
        print(
            f"{c.code:6} {c.name[:20]:20} {c.intake_30d:9d} {c.open_cases:6d} {c.overdue:7d} "
            f"{c.bad_evaluations:4d} {c.pending_events:8d}"
        )


# The flags in words, as the console's 查询留痕 page names them (the JSON keeps the kinds).
FLAG_WORDS = {"volume": "查阅量异常", "off_hours": "非工作时间查阅", "chain": "留痕链断开",
              "refused": "拒收的留痕"}  # fmt: skip


def cmd_access(args: argparse.Namespace) -> None:
    """Who read which citizens: entries and flags, as the console's 查询留痕 page."""
    from district import access_report
    from district.console import reads

    q = access_report.query(args.center or "", args.user or "", args.tail or "",
                            args.since or "", args.until or "", args.limit)  # fmt: skip
    district = _district(args)
    result = access_report.report(district, q)
    if args.json:
        _print(result)
        return
    print(f"异常 / flags（每小时超过 {result.per_hour} 人次；{result.work_hours} 以外或非工作日；"
          "留痕链断开；拒收的留痕）：")  # fmt: skip
    for f in result.flags:
        where = f.center if f.source == "counter" else "区级"
        kind = FLAG_WORDS.get(f.kind, f.kind)
        print(f"  {kind:10} {where:5} {f.user:16} {format_ms(f.at_ms)}  {f.detail}")
    if not result.flags:
        print("  （没有 / none）")
    print("窗口电脑的查阅 / counters' readings：")
    print(f"{'时间':16} {'中心':6} {'用户':16} {'操作':16} {'公民':20} {'对象':24} 事由")
    for e in result.entries:
        chain = "" if e.link == "ok" else f" [{e.link}]"
        print(f"{format_ms(e.at_ms):16} {e.center:6} {e.user[:16]:16} {e.action_label:16} "
              f"{e.subject:20} {detail_label(e.action, e.detail)[:24]:24} {e.reason}{chain}")  # fmt: skip
    seen = reads.listing(district.engine, q)
    print(f"区级工作台的查阅 / readings at the district console（{len(seen)} 条）：")
    for r in seen:
        shown = f"{r.count} 件" if r.count else ""
        print(f"{format_ms(r.at_ms):16} {r.center:6} {r.login[:16]:16} {r.label:16} "
              f"{r.tail:6} {r.target[:30]:30} {shown}")  # fmt: skip


def cmd_access_settings(args: argparse.Namespace) -> None:
    from district import access_report

    limits = access_report.set_thresholds(_district(args), per_hour=args.per_hour, hours=args.hours)
    print(f"per_hour {limits.per_hour}; work hours {limits.hours_text}")


def cmd_feedback(args: argparse.Namespace) -> None:
    _print([item.model_dump() for item in _district(args).feedback(args.center, args.unanswered)])


def cmd_answer_feedback(args: argparse.Namespace) -> None:
    answer = protocol.FeedbackAnswer(text=args.text, operator=args.operator)
    _print(_district(args).answer_feedback(args.feedback_id, answer))


def cmd_list_devices(args: argparse.Namespace) -> None:
    from district.listing import list_devices, table

    rows = list_devices(_district(args).engine, args.center)
    if args.json:
        _print([row.as_dict() for row in rows])
    else:
        print(table(rows))


def cmd_revoke_device(args: argparse.Namespace) -> None:
    _district(args).revoke_device(args.device_id, args.operator)
    print(f"设备 {args.device_id} 已注销，其令牌不再有效 / device revoked")


def cmd_reenroll_device(args: argparse.Namespace) -> None:
    req = protocol.ReenrollRequest(
        ttl_hours=args.ttl_hours, operator=args.operator, reason=args.reason
    )
    _print(_district(args).open_reenrollment(args.device_id, req))


def cmd_device(args: argparse.Namespace) -> None:
    _print(_district(args).device_info(args.device_id))


def cmd_admin_token(args: argparse.Namespace) -> None:
    district = _district(args)
    if args.rotate:
        print(rotate_admin_token(district))
    else:
        admin_token_hash(district)
        print("管理令牌已设置（只保存其哈希；用 --rotate 更换）/ admin token is set")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="counterdesk-server", description=__doc__)
    parser.add_argument("--db", help="database URL (postgresql+psycopg://… or sqlite:///…)")
    parser.add_argument("--data-dir", help="data folder (default SQLite store lives here)")
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("serve", help="run the HTTP API")
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--port", type=int, default=8760)
    p.add_argument("--ssl-certfile")
    p.add_argument("--ssl-keyfile")
    p.add_argument("--log-level", default="info")
    p.add_argument("--access-log", action="store_true")
    p.add_argument(
        "--forwarded-allow-ips",
        default=os.environ.get(ENV_FORWARDED, ""),
        help="addresses of a reverse proxy whose X-Forwarded-For is believed (e.g. 127.0.0.1 "
        f"behind nginx on the same host; env {ENV_FORWARDED}); default: none",
    )
    p.add_argument(
        "--exit-with-stdin",
        action="store_true",
        help="stop when standard input closes (a server owned by another program)",
    )
    p.set_defaults(func=cmd_serve)

    p = sub.add_parser("create-center", help="register a center (4-character code)")
    p.add_argument("code")
    p.add_argument("name")
    p.set_defaults(func=cmd_create_center)

    p = sub.add_parser("issue-code", help="issue a one-time enrollment code for a center")
    p.add_argument("code", help="center code")
    p.add_argument("--ttl-hours", type=float, default=72)
    p.set_defaults(func=cmd_issue_code)

    p = sub.add_parser("publish-catalog", help="publish a catalog (JSON file or catalog folder)")
    p.add_argument("path")
    p.set_defaults(func=cmd_publish_catalog)

    p = sub.add_parser("publish-calendar", help="publish a year's holiday schedule (JSON file)")
    p.add_argument("path")
    p.set_defaults(func=cmd_publish_calendar)

    _case_parsers(sub)
    _device_parsers(sub)
    from district.console import cli as console_cli

    console_cli.add_parsers(sub, _district)
    from district import enrollfile_cli

    enrollfile_cli.add_parsers(sub, _district, _print)
    return parser


def _case_parsers(sub: Any) -> None:
    p = sub.add_parser("record-result", help="record a department's receipt or result for a case")
    p.add_argument("case", help="case id or case number")
    p.add_argument("--received", action="store_true", help="record the receipt, not a result")
    p.add_argument("--outcome", choices=["approved", "denied", "needs_supplement"])
    p.add_argument("--reason", default="")
    p.add_argument("--document-no", default="")
    p.add_argument("--receiver", default="")
    p.add_argument("--operator", default="district")
    p.set_defaults(func=cmd_record_result)

    p = sub.add_parser("import-bundle", help="import USB bundle files (re-importing is harmless)")
    p.add_argument("files", nargs="+")
    p.set_defaults(func=cmd_import_bundle)

    p = sub.add_parser("export-ack", help="write an acknowledgement file for a device")
    p.add_argument("device_id")
    p.add_argument("--out", required=True)
    p.set_defaults(func=cmd_export_ack)

    p = sub.add_parser("summary", help="supervision summary across centers")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_summary)

    p = sub.add_parser("access", help="access logs: who read which citizen, and the flags")
    p.add_argument("--center", help="only this center")
    p.add_argument("--user", help="only this counter login")
    p.add_argument("--tail", help="the citizen's ID number, last 4 characters")
    p.add_argument("--since", help="first day (YYYY-MM-DD, China time)")
    p.add_argument("--until", help="last day, inclusive")
    p.add_argument("--limit", type=int, default=200)
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_access)

    p = sub.add_parser("access-settings", help="thresholds of the access flags")
    p.add_argument("--per-hour", type=int, help="citizens one user may read in an hour (100)")
    p.add_argument("--hours", help="working hours, e.g. 08:30-17:30")
    p.set_defaults(func=cmd_access_settings)

    p = sub.add_parser("feedback", help="list feedback from centers")
    p.add_argument("--center")
    p.add_argument("--unanswered", action="store_true")
    p.set_defaults(func=cmd_feedback)

    p = sub.add_parser("answer-feedback", help="answer a clerk's feedback")
    p.add_argument("feedback_id")
    p.add_argument("text")
    p.add_argument("--operator", default="district")
    p.set_defaults(func=cmd_answer_feedback)

    p = sub.add_parser("list-devices", help="list centers and their PCs (device ids)")
    p.add_argument("--center", help="only this center")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_list_devices)

    p = sub.add_parser("admin-token", help="make sure an admin token exists, or rotate it")
    p.add_argument("--rotate", action="store_true")
    p.set_defaults(func=cmd_admin_token)


def _device_parsers(sub: Any) -> None:
    p = sub.add_parser("revoke-device", help="revoke a device (it can no longer sync)")
    p.add_argument("device_id")
    p.add_argument("--operator", default="cli")
    p.set_defaults(func=cmd_revoke_device)

    p = sub.add_parser(
        "reenroll-device",
        help="let an existing PC enroll again (lost token): revokes its token, prints a code",
    )
    p.add_argument("device_id")
    p.add_argument("--ttl-hours", type=float, default=72)
    p.add_argument("--operator", default="cli")
    p.add_argument("--reason", default="")
    p.set_defaults(func=cmd_reenroll_device)

    p = sub.add_parser("device", help="a device's state and everything done to it")
    p.add_argument("device_id")
    p.set_defaults(func=cmd_device)


def main(argv: list[str] | None = None) -> int:
    ensure_stdin()
    args = build_parser().parse_args(argv)
    try:
        args.func(args)
    except CounterdeskError as exc:
        print(f"错误 / error: {exc.message}", file=sys.stderr)
        return 2
    except ValueError as exc:  # pydantic validation of command-line values
        print(f"错误 / error: {exc}", file=sys.stderr)
        return 2
    except EOFError:  # a password asked with no one to type it (a script, closed input)
        print("\n" + no_terminal(), file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("\n已取消 / cancelled", file=sys.stderr)
        return 130
    return 0


if __name__ == "__main__":
    sys.exit(main())
