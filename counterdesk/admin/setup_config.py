"""First run from a config file, for mass installs: `counterdesk setup --config center.toml`.

One TOML file per counter PC (IT copies it from a template and changes the
device number) sets the center, the first admin, the district server or
offline-only mode, the enrollment code, printers per document kind and the
automatic backup. `load_config` validates it and names every wrong key;
`apply_setup` does the work and returns a report (the setup wizard window calls
the same function).

The admin password comes from a prompt, an environment variable named in the
file (`admin.password_env`) or a one-time `admin.password` value; it is used to
create the account and never written anywhere else. The enrollment itself needs
the sync client, which the core may not import: the launcher that has it
registers an `Enroller` (`register_enroller`); without one the server address
is saved and enrollment is reported as still to do. An offline-only center enrolls
from an enrollment file instead (`district.enrollment_file`, counterdesk.admin.fileenroll),
checked before the store is created or changed.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from counterdesk.admin import fileenroll
from counterdesk.domain.errors import CounterdeskError, InvalidInput
from counterdesk.domain.hlc import CHINA_TZ
from counterdesk.domain.server_url import check_server_url
from counterdesk.printing import KINDS

log = logging.getLogger(__name__)

# (desk, server_url, enrollment code, label) -> a line for the report; raises on failure.
Enroller = Callable[[Any, str, str, str], str]
_enroller: Enroller | None = None
# Checks a CA file as the window and the wizard do (sync.client.cafile, outside the core):
# raises InvalidInput naming what is wrong (DER, a private key, a server certificate…).
CaChecker = Callable[[str], None]
_ca_checker: CaChecker | None = None

_CODE = re.compile(r"^[A-Za-z0-9]{4}$")
_TIME = re.compile(r"^([01]?\d|2[0-3]):([0-5]\d)$")
_SECTIONS = {
    "center": {"code", "name", "device_no", "counter", "phone"},
    "district": {
        "server_url",
        "offline_only",
        "enrollment_code",
        "ca_bundle",
        "enrollment_file",
        "enrollment_passphrase",
    },  # fmt: skip
    "admin": {"login", "name", "password", "password_env"},
    "printers": set(KINDS),
    "backup": {"folder", "time", "keep"},
    "store": {"path"},
}


def register_enroller(enroller: Enroller | None) -> None:
    """Called by the launcher (outside the core) with a function that enrolls through sync."""
    global _enroller
    _enroller = enroller


def register_ca_checker(checker: CaChecker | None) -> None:
    """Called by the launcher with the window's CA file check, for `district.ca_bundle`."""
    global _ca_checker
    _ca_checker = checker


class SetupConfigError(InvalidInput):
    """The config file is wrong; `problems` lists every (key, message)."""

    def __init__(self, source: str, problems: list[tuple[str, str]]) -> None:
        lines = "\n".join(f"  {key}: {message}" for key, message in problems)
        super().__init__(
            f"配置文件 {source} 有 {len(problems)} 处错误：\n{lines}", field=problems[0][0]
        )
        self.problems = problems


@dataclass(frozen=True)
class SetupConfig:
    center_code: str
    center_name: str
    device_no: int
    counter: str = ""
    phone: str = ""
    server_url: str = ""
    offline_only: bool = False
    enrollment_code: str = ""
    ca_bundle: str = ""
    enrollment_file: str = ""  # offline centers: a file from the district (fileenroll)
    enrollment_passphrase: str = field(default="", repr=False)
    admin_login: str = "admin"
    admin_name: str = "系统管理员"
    admin_password: str = field(default="", repr=False)
    admin_password_env: str = ""
    printers: dict[str, str] = field(default_factory=dict)
    backup_folder: str = ""
    backup_time: str = "17:30"
    backup_keep: int = 10
    store: str = ""


@dataclass
class SetupReport:
    store: Path
    steps: list[tuple[str, str, str]] = field(default_factory=list)  # (step, status, message)

    def add(self, step: str, status: str, message: str) -> None:
        self.steps.append((step, status, message))
        log.info("setup %s: %s %s", step, status, message)

    @property
    def ok(self) -> bool:
        return all(status != "failed" for _, status, _ in self.steps)

    def text(self) -> str:
        return "\n".join(f"[{status}] {step}: {message}" for step, status, message in self.steps)


# ---- reading and validating ----------------------------------------------------------


def load_config(path: Path | str) -> SetupConfig:
    """Read and validate a center.toml; raises SetupConfigError naming every bad key."""
    from counterdesk.admin.textfiles import load_toml  # Notepad's encodings, plain-word errors

    path = Path(path)
    return parse_config(load_toml(path), path.name)


def parse_config(data: dict[str, Any], source: str = "center.toml") -> SetupConfig:
    problems: list[tuple[str, str]] = []
    for section, value in data.items():
        if section not in _SECTIONS:
            problems.append((section, f"不认识的配置节（可用：{', '.join(_SECTIONS)}）"))
        elif not isinstance(value, dict):
            problems.append((section, "应为一个配置节 [section]"))
        else:
            problems += [
                (f"{section}.{key}", "不认识的配置项")
                for key in value
                if key not in _SECTIONS[section]
            ]
    get = _Getter(data, problems)
    values = {
        "center_code": get.text("center.code", required=True).upper(),
        "center_name": get.text("center.name", required=True),
        "device_no": get.integer("center.device_no", required=True, low=1, high=99),
        "counter": get.text("center.counter"),
        "phone": get.text("center.phone"),
        "server_url": get.text("district.server_url").rstrip("/"),
        "offline_only": get.boolean("district.offline_only"),
        "enrollment_code": get.text("district.enrollment_code"),
        "ca_bundle": get.text("district.ca_bundle"),
        "enrollment_file": get.text("district.enrollment_file"),
        "enrollment_passphrase": get.text("district.enrollment_passphrase"),
        "admin_login": get.text("admin.login") or "admin",
        "admin_name": get.text("admin.name") or "系统管理员",
        "admin_password": get.text("admin.password"),
        "admin_password_env": get.text("admin.password_env"),
        "printers": {k: get.text(f"printers.{k}") for k in data.get("printers", {}) if k in KINDS},
        "backup_folder": get.text("backup.folder"),
        "backup_time": get.text("backup.time") or "17:30",
        "backup_keep": get.integer("backup.keep", low=1, high=365) or 10,
        "store": get.text("store.path"),
    }
    problems += _cross_checks(values)
    if problems:
        raise SetupConfigError(source, problems)
    return SetupConfig(**values)


def _cross_checks(v: dict[str, Any]) -> list[tuple[str, str]]:
    out = []
    if v["center_code"] and not _CODE.match(v["center_code"]):
        out.append(("center.code", "应为 4 位字母或数字（由区级平台分配），如 DC03"))
    if v["phone"]:
        from counterdesk.domain.people import validate_phone

        try:
            validate_phone(v["phone"])
        except InvalidInput as exc:
            out.append(("center.phone", exc.message))
    if v["offline_only"] and (v["server_url"] or v["enrollment_code"]):
        out.append(("district.offline_only", "与 server_url / enrollment_code 不能同时设置"))
    if v["enrollment_file"] and not v["offline_only"]:
        out.append(("district.enrollment_file", "用于 offline_only = true 的中心；"
                    "能连上区级平台的电脑请用 enrollment_code"))  # fmt: skip
    if v["enrollment_passphrase"] and not v["enrollment_file"]:
        out.append(("district.enrollment_passphrase", "只和 enrollment_file 一起使用"))
    if not v["offline_only"] and not v["server_url"]:
        out.append(("district.server_url", "请填写区级平台地址，或设置 offline_only = true"))
    if v["server_url"]:
        try:
            check_server_url(v["server_url"])
        except InvalidInput as exc:
            out.append(("district.server_url", exc.message))
    if v["admin_password"] and v["admin_password_env"]:
        out.append(("admin.password", "与 admin.password_env 只能设置一个"))
    if v["backup_time"] and not _TIME.match(v["backup_time"]):
        out.append(("backup.time", "应为 24 小时制的 时:分，如 17:30"))
    from counterdesk.admin.textfiles import path_problem

    for key, name in (("backup.folder", "backup_folder"), ("district.ca_bundle", "ca_bundle"),
                      ("store.path", "store"), ("district.enrollment_file", "enrollment_file")):  # fmt: skip
        problem = path_problem(v[name])
        if problem:
            out.append((key, problem))
    return out


class _Getter:
    """Typed reads of dotted keys that collect problems instead of stopping at the first."""

    def __init__(self, data: dict[str, Any], problems: list[tuple[str, str]]) -> None:
        self.data, self.problems = data, problems

    def _raw(self, key: str) -> Any:
        section, name = key.split(".")
        block = self.data.get(section, {})
        return block.get(name) if isinstance(block, dict) else None

    def text(self, key: str, *, required: bool = False) -> str:
        value = self._raw(key)
        if value is None or (isinstance(value, str) and not value.strip()):
            if required:
                self.problems.append((key, "必须填写"))
            return ""
        if not isinstance(value, str):
            self.problems.append((key, f"应为文字（加引号），现在是 {value!r}"))
            return ""
        return value.strip()

    def integer(self, key: str, *, required: bool = False, low: int, high: int) -> int:
        value = self._raw(key)
        if value is None:
            if required:
                self.problems.append((key, "必须填写"))
            return 0
        if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
            self.problems.append((key, f"应为 {low}–{high} 之间的整数，现在是 {value!r}"))
            return 0
        return value

    def boolean(self, key: str) -> bool:
        value = self._raw(key)
        if value is None:
            return False
        if not isinstance(value, bool):
            self.problems.append((key, f"应为 true 或 false，现在是 {value!r}"))
            return False
        return value


# ---- applying ------------------------------------------------------------------------


def admin_password(config: SetupConfig, prompt: Callable[[str], str] | None = None) -> str:
    """The first admin's password: one-time value, the named env variable, or a prompt."""
    if config.admin_password:
        return config.admin_password
    if config.admin_password_env:
        value = os.environ.get(config.admin_password_env, "")
        if not value:
            raise InvalidInput(
                f"环境变量 {config.admin_password_env} 未设置（admin.password_env）",
                field="admin.password_env",
            )
        return value
    if prompt is None:
        raise InvalidInput("请提供首个管理员密码（admin.password_env 或交互输入）", field="admin")
    return prompt("首个管理员密码 / first admin password: ")


def apply_setup(
    config: SetupConfig,
    *,
    store: Path | str,
    password: str | None = None,
    prompt: Callable[[str], str] | None = None,
    enroller: Enroller | None = None,
    file_enroller: fileenroll.FileEnroller | None = None,
) -> SetupReport:
    """Create (or reuse) this PC's store and apply the config; safe to run twice."""

    path = Path(config.store or store)
    report = SetupReport(path)
    files = file_enroller or fileenroll.registered()
    existed = path.exists() and path.stat().st_size > 0
    # The enrollment file is checked before anything is created or changed.
    prepared = _enrollment_file(config, None, prompt, files) if not existed else None
    desk = _open_or_init(config, path, report, password, prompt)
    with desk:
        if existed:
            prepared = _enrollment_file(config, desk, prompt, files)
        _settings(desk, config, report)
        _backup_folder(config, report)
        _district(desk, config, report, enroller or _enroller)
        if config.enrollment_file:
            if files is None or prepared is None:
                report.add("enroll", "todo", fileenroll.CANNOT)
            else:
                report.add("enroll", *fileenroll.finish(files, desk, prepared))
    return report


def _enrollment_file(
    config: SetupConfig, desk: Any, prompt: Callable[[str], str] | None,
    files: fileenroll.FileEnroller | None,
) -> fileenroll.Prepared | None:  # fmt: skip
    if not config.enrollment_file or files is None:
        return None
    ask = fileenroll.passphrase_source(
        config.enrollment_passphrase, prompt, "district.enrollment_passphrase"
    )
    return fileenroll.prepare(files, config.enrollment_file, ask,
                              center_code=config.center_code, device_no=config.device_no,
                              desk=desk)  # fmt: skip


def _open_or_init(
    config: SetupConfig,
    path: Path,
    report: SetupReport,
    password: str | None,
    prompt: Callable[[str], str] | None,
) -> Any:
    from counterdesk.desk import Desk

    if path.exists() and path.stat().st_size > 0:
        desk = Desk(path)
        if desk.info.center_code != config.center_code or desk.info.device_no != config.device_no:
            desk.close()
            raise InvalidInput(
                f"{path} 已属于中心 {desk.info.center_code} 的 {desk.info.device_no} 号窗口电脑，"
                f"与配置（{config.center_code} / {config.device_no}）不符；不会覆盖现有数据",
                field="center.code",
            )
        report.add("store", "kept", f"数据文件已存在，保持不变：{path}")
        return desk
    desk = Desk.init(
        path,
        center_code=config.center_code,
        center_name=config.center_name,
        device_no=config.device_no,
        admin_login=config.admin_login,
        admin_password=password or admin_password(config, prompt),
        admin_name=config.admin_name,
        counter=config.counter,
        phone=config.phone,
    )
    report.add("store", "created", f"已创建数据文件 {path}（管理员 {config.admin_login}）")
    return desk


def _kept_ca(desk: Any, source: str) -> Path:
    """The CA file copied beside the store (`datadirs.keep_beside_store`): center.toml may
    name it on the USB stick that setup ran from."""
    from counterdesk.datadirs import keep_beside_store

    if _ca_checker is not None:  # a DER file or a server's own certificate, named here
        try:
            _ca_checker(source)
        except InvalidInput as exc:
            raise InvalidInput(
                f"district.ca_bundle：{exc.message}", field="district.ca_bundle"
            ) from exc
    try:
        return keep_beside_store(desk.path, source)
    except OSError as exc:
        raise InvalidInput(
            f"district.ca_bundle：复制 CA 证书 {source} 到数据文件夹失败：{exc.strerror or exc}",
            field="district.ca_bundle",
        ) from exc


def _settings(desk: Any, config: SetupConfig, report: SetupReport) -> None:
    values = {f"printer/{kind}": name for kind, name in config.printers.items()}
    if config.backup_folder:
        values |= {
            "backup_folder": config.backup_folder,
            "backup_time": config.backup_time,
            "backup_keep": str(config.backup_keep),
        }
    values["sync_mode"] = "offline" if config.offline_only else "district"
    for key, value in values.items():
        desk.set_meta(key, value)
    printers = "，".join(f"{k}→{v}" for k, v in config.printers.items()) or "系统默认"
    report.add("settings", "done", f"打印机：{printers}")


def _backup_folder(config: SetupConfig, report: SetupReport) -> None:
    if not config.backup_folder:
        report.add("backup", "skipped", "未配置自动备份（backup.folder）")
        return
    folder = Path(config.backup_folder)
    when = f"每天 {config.backup_time}，保留 {config.backup_keep} 份"
    try:
        folder.mkdir(parents=False, exist_ok=True)
    except OSError:
        report.add(
            "backup", "warning", f"{when}；文件夹 {folder} 暂不可用（U 盘未插入？），届时会重试"
        )
        return
    report.add("backup", "done", f"{when}，到 {folder}")


def _already_enrolled(desk: Any, server_url: str) -> bool:
    """The PC enrolled with this district before (the sync client's record in the store)."""
    rows = dict(
        desk.conn.execute(
            "SELECT key, value FROM sync_state WHERE key IN ('enrolled_ms', 'server_url')"
        ).fetchall()
    )
    return bool(rows.get("enrolled_ms")) and rows.get("server_url") == server_url


def _district(
    desk: Any, config: SetupConfig, report: SetupReport, enroller: Enroller | None
) -> None:
    if config.offline_only:
        report.add("district", "offline", "仅离线使用：不连接区级平台（可用 U 盘同步包）")
        return
    with desk.batch():
        desk.conn.execute(
            "INSERT OR REPLACE INTO sync_state (key, value) VALUES ('server_url', ?)",
            (config.server_url,),
        )
        if config.ca_bundle:
            desk.conn.execute(
                "INSERT OR REPLACE INTO sync_state (key, value) VALUES ('ca_bundle', ?)",
                (str(_kept_ca(desk, config.ca_bundle)),),
            )
    report.add("district", "done", f"区级平台地址：{config.server_url}")
    if not config.enrollment_code and _already_enrolled(desk, config.server_url):
        # Enrolled before (online, or from an enrollment file and now online): no code needed.
        report.add("enroll", "skipped", "本机已注册（联网或用注册文件），无需注册码")
    elif not config.enrollment_code:
        report.add("enroll", "todo", "未提供注册码：请在程序中用区级下发的注册码完成注册")
    elif enroller is None:
        report.add("enroll", "todo", "此版本命令行无法注册：请用安装包中的 counterdesk 完成注册")
    else:
        label = config.counter or f"{config.device_no}号窗口"
        try:
            report.add(
                "enroll", "done", enroller(desk, config.server_url, config.enrollment_code, label)
            )
        except CounterdeskError as exc:
            if _already_enrolled(desk, config.server_url) and getattr(exc, "status", 0) == 410:
                # Setup run again with the code this PC used the first time (found by
                # trying it: it failed with exit code 1 on a PC that was fine).
                report.add(
                    "enroll",
                    "skipped",
                    "本机已注册到该区级平台（配置文件中的注册码已用过，无需再用）",
                )
            else:
                report.add("enroll", "failed", f"注册失败：{exc.message}")
    stamp = dt.datetime.now(CHINA_TZ).isoformat(timespec="seconds")
    desk.set_meta("setup_applied_at", stamp)
