"""`counterdesk-server issue-enrollment-file`, `list-enrollment-files` and
`revoke-enrollment-file`: enrolling the PCs of a center without a network (USB stick)."""

from __future__ import annotations

import argparse
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

from counterdesk.domain.errors import InvalidInput
from district import enrollfile as files
from district.console.i18n import format_ms
from sync import enrollfile


def _write(path: Path, data: bytes) -> None:
    """Atomically, never over a file that is not an older enrollment file."""
    if path.exists():
        try:
            with open(path, "rb") as fh:
                older = fh.read(len(enrollfile.MAGIC)) == enrollfile.MAGIC
        except OSError:
            older = False
        if not older:
            raise InvalidInput(f"{path} 已存在且不是注册文件：不会覆盖它，请换一个文件名")
    tmp = path.with_name(path.name + ".part")
    try:
        with open(tmp, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
        Path(str(path) + ".used").unlink(missing_ok=True)  # a note left by the older file
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise InvalidInput(
            f"无法写出注册文件 {path}：{exc.strerror or exc}（U 盘已拔出或已满？）"
        ) from exc


def _issue(args: argparse.Namespace, district: Any, show: Callable[[Any], None]) -> None:
    out = Path(args.out)
    issued = files.issue_file(district, args.center, args.device_no, days=args.days,
                              operator=args.operator, label=args.label)  # fmt: skip
    try:
        _write(out, issued.data)
    except InvalidInput:
        files.revoke_file(district, issued.file_id, args.operator, "file not written")
        raise
    if args.json:
        show(issued.summary() | {"path": str(out)})
        return
    print(
        f"已写出注册文件 {out}：中心 {issued.center_code} {issued.center_name} 的 "
        f"{issued.device_no} 号窗口电脑，编号 {issued.file_id}，有效期至 {format_ms(issued.expires_ms)}"
        f" / enrollment file written\n"
    )
    print(f"    口令 / passphrase:  {issued.passphrase}\n")
    print(
        "口令只显示这一次，不在文件里、也不在数据库里：请记下或电话告诉中心，不要和 U 盘放在一起。\n"
        "在窗口电脑上：center.toml 的 [district] 写 offline_only = true 和 enrollment_file，运行 "
        "counterdesk-cli setup --config …；已设置好的电脑运行 counterdesk-cli enroll-file 文件。\n"
        "区级导入这台电脑的第一个数据包时确认它：第一个数据包须在有效期内带回。"
    )
    if issued.superseded:
        print(f"同一电脑编号之前签发、尚未使用的注册文件已作废：{', '.join(issued.superseded)}")


def add_parsers(
    sub: Any, district_of: Callable[[argparse.Namespace], Any], show: Callable[[Any], None]
) -> None:
    def issue(args: argparse.Namespace) -> None:
        _issue(args, district_of(args), show)

    def listing(args: argparse.Namespace) -> None:
        rows = files.list_files(district_of(args), args.center)
        if args.json:
            show(rows)
            return
        print(
            f"{'编号 file':18} {'中心':6} {'电脑':4} {'状态 state':10} {'有效期至 expires':17} 设备 device"
        )
        for r in rows:
            print(f"{r['file_id']:18} {r['center_code']:6} {r['device_no']:4} {r['state']:10} "
                  f"{format_ms(r['expires_ms']):17} {r['used_by'] or ''}")  # fmt: skip
        if not rows:
            print("（没有注册文件 / none）")

    def revoke(args: argparse.Namespace) -> None:
        row = files.revoke_file(district_of(args), args.file_id, args.operator, args.reason)
        print(f"注册文件 {row['file_id']} 已作废：用它注册的电脑的数据包不再被接受 / revoked")

    p = sub.add_parser(
        "issue-enrollment-file",
        help="enroll a PC of an offline center: write an enrollment file (USB stick), print "
        "its one-time passphrase",
    )
    p.add_argument("center", help="center code")
    p.add_argument("--device-no", type=int, required=True, help="the PC's number (1–99)")
    p.add_argument("--out", required=True, help="e.g. E:\\DC03-03.enroll")
    p.add_argument("--days", type=float, default=files.DEFAULT_DAYS,
                   help=f"valid for (default {files.DEFAULT_DAYS}): the first bundle must come "
                   "back within it")  # fmt: skip
    p.add_argument("--label", default="", help="the PC's name at the district (N号窗口)")
    p.add_argument("--operator", default="cli")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=issue)

    p = sub.add_parser("list-enrollment-files", help="enrollment files and their state")
    p.add_argument("--center")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=listing)

    p = sub.add_parser(
        "revoke-enrollment-file", help="an enrollment file not yet used stops working (lost stick)"
    )
    p.add_argument("file_id")
    p.add_argument("--operator", default="cli")
    p.add_argument("--reason", default="")
    p.set_defaults(func=revoke)
