"""Who read what (查询留痕): the facade's service that records each reading of
citizens' personal data in the access log, and the readings that must be recorded.

Every path that shows a person's data to a person goes through here (opening a
case, revealing a full ID number or phone, a search by number or name, a
returning citizen looked up by ID, a printed or exported list), so the UI has
no way around it. An entry is its own small durable transaction (or joins the
caller's); it never touches the journal, so reading never changes a case.
"""

from __future__ import annotations

import datetime as dt
import logging
import time

import counterdesk.desk.users as users
from counterdesk.desk.boundary import Key, Line, Login, Short, checked_methods
from counterdesk.desk.context import DeskContext
from counterdesk.domain.access import (
    ACTIONS,
    AccessEntry,
    mask_long_numbers,
    masked_number,
    masked_subject,
)
from counterdesk.domain.case import Case
from counterdesk.domain.errors import InvalidInput, NotAllowed, StorageError
from counterdesk.domain.hlc import from_datetime
from counterdesk.store import accesslog
from counterdesk.store.accesslog import AccessWriter

log = logging.getLogger(__name__)

# Reopening the case one just read (the page refreshes after every action) is the
# same reading: one entry per user and case within this window.
REOPEN_WINDOW_S = 600
MAX_REASON = 200
REVEAL_FIELDS = {"id_number": "reveal_id", "phone": "reveal_phone"}


@checked_methods
class AccessLog:
    """The access log of one open store, as the facade's services see it."""

    def __init__(self, ctx: DeskContext) -> None:
        self.ctx = ctx
        self.writer = AccessWriter(
            ctx.conn, ctx.info.center_id, ctx.info.device_id, ctx.journal.clock
        )
        self._opened: dict[tuple[str, str], float] = {}
        self.monotonic = time.monotonic

    def record(
        self,
        action: str,
        *,
        case_id: str | None = None,
        subject: str = "",
        detail: str = "",
        count: int = 0,
        reason: str = "",
        fsync: bool = True,
    ) -> AccessEntry | None:
        """Append one entry as the current user (SYSTEM when nobody is logged in).

        The entry is on disk before the caller shows what was read (`fsync`), except
        the returning-citizen lookup at intake (`looked_up`): the citizen stands at the
        counter with the card, the intake's own commit follows within seconds and
        syncs the entry with it, and the counter's busiest path saves one fsync. Even
        then a killed process loses nothing (the entry is in the WAL); only a power
        cut before the next synced commit could.

        A store that cannot be written (a read-only copy opened for inspection)
        logs the failure and returns None: the reading itself is not refused.
        """
        if action not in ACTIONS:
            raise InvalidInput(f"不认识的留痕动作：{action}", field="action")
        user = self.ctx.user or users.SYSTEM
        try:
            with self.ctx.write(sweep=False, fsync=fsync):
                return self.writer.append(
                    user.login,
                    user.role,
                    action,
                    case_id=case_id,
                    subject=subject,
                    detail=detail,
                    count=count,
                    reason=_reason(reason),
                )
        except StorageError as exc:
            if "不可写" not in exc.message:
                raise
            log.error("access log entry %s by %s not written (read-only store)", action, user.login)
            return None

    # ---- the readings ---------------------------------------------------------------

    def open_case(self, key: Key, *, reason: Line = "") -> Case:
        """A case as the case page shows it (ID and phone masked there), recorded."""
        case = Case.from_state(self.ctx.case_state(key))
        who = self.ctx.user.login if self.ctx.user else users.SYSTEM.login
        now = self.monotonic()
        last = self._opened.get((who, case.id))
        if last is None or now - last > REOPEN_WINDOW_S or reason:
            self.record(
                "open_case",
                case_id=case.id,
                subject=masked_subject(case.id_number),
                detail=case.case_no,
                reason=reason,
            )
            self._opened[(who, case.id)] = now
            if len(self._opened) > 1000:  # a long day: forget the oldest half
                for old in sorted(self._opened, key=self._opened.__getitem__)[:500]:
                    del self._opened[old]
        return case

    def reveal(self, key: Key, field: Short, *, reason: Line = "") -> str:
        """The full ID number or phone of a case's applicant (a deliberate key press), recorded."""
        action = REVEAL_FIELDS.get(field)
        if action is None:
            raise InvalidInput("只能显示完整的证件号码或联系电话", field="field")
        self.ctx.actor()  # a person, logged in
        case = Case.from_state(self.ctx.case_state(key))
        self.record(
            action,
            case_id=case.id,
            subject=masked_subject(case.id_number),
            detail=case.case_no,
            reason=reason,
        )
        return case.id_number if field == "id_number" else case.phone

    def searched(self, kind: str, subject: str, found: int, *, more: bool = False) -> None:
        """A search for a person (by number or by name), with how many cases it showed
        (`more`: the first page was full and more were there)."""
        action = "search_id" if kind == "number" else "search_name"
        self.record(action, subject=subject, detail=kind + ("+" if more else ""), count=found)

    def looked_up(self, id_number: str, found: bool) -> None:
        """A returning citizen looked up by a full ID number on the intake form."""
        self.record(
            "lookup_citizen",
            subject=masked_subject(id_number),
            detail="found" if found else "new",
            fsync=False,
        )

    def listed(self, action: str, what: str, count: int, *, reason: str = "") -> None:
        """A printed or exported list holding people's data (`what`: the paper or file kind)."""
        if action not in ("print_personal", "export_personal"):
            raise InvalidInput(f"不是清单类留痕动作：{action}", field="action")
        self.record(action, detail=what, count=count, reason=reason)

    def may_export(self) -> bool:
        """Whether the logged-in user may export personal data (see `require_export`)."""
        user = self.ctx.user
        return user is not None and user.role == "chief"

    def require_export(self) -> users.User:
        """Exports of personal data need the chief's role (an admin keeps the PC, not cases)."""
        user = self.ctx.actor()
        if user.role != "chief":
            raise NotAllowed(
                f"导出含个人信息的清单需要中心负责人权限，当前用户 {user.login} 是"
                f"{users.ROLES.get(user.role, user.role)}；请由中心负责人登录后导出"
            )
        return user

    # ---- what the chief reads --------------------------------------------------------

    def entries(
        self,
        *,
        user: Login | None = None,
        since: dt.datetime | None = None,
        until: dt.datetime | None = None,
        tail: Short | None = None,
        limit: int = 500,
    ) -> list[AccessEntry]:
        """Entries newest first (by user, from/until a datetime, by ID tail): chief or admin."""
        self.ctx.actor("chief", "admin")
        if not 1 <= limit <= 10_000:
            raise InvalidInput("条数应在 1–10000 之间", field="limit")
        return accesslog.entries(
            self.ctx.conn,
            user=user,
            since_hlc=from_datetime(since) if since is not None else 0,
            until_hlc=from_datetime(until) if until is not None else None,
            tail=tail,
            limit=limit,
        )


def _reason(reason: str) -> str:
    text = " ".join(str(reason or "").split())
    # A number typed into the reason (a phone, an ID, full-width or spaced) is kept masked
    # like the subject.
    text = mask_long_numbers(text, masked_number)
    if len(text) > MAX_REASON:
        raise InvalidInput(f"查询事由不超过 {MAX_REASON} 个字", field="reason")
    return text
