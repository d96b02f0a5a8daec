"""Finding any case in a million from one search box.

One query string is classified (case number, number tail, ID, phone, name,
pinyin, matter) and answered from the index that migration 2 keeps by
triggers on `cases`:

- `case_search` holds each case's searched fields once, with reversed copies
  of ID number, phone and case number: a tail ("0015", last 4-6 of an ID) is a
  prefix of the reversed text, i.e. a B-tree range.
- `case_search_chars` (FTS5, one token per character) answers 1-2 character
  names as phrase queries; a trigram table cannot, it matches nothing under
  three characters. `case_search_tri` (FTS5 trigram) answers 3+ characters.
- `name_pinyin` maps each distinct name to its full pinyin and initials; it is
  filled in Python from a queue the triggers write.

Results come in tiers, exact first (exact name, then names that start with the
query, then names that contain it), newest case first inside a tier, in pages.
"""

from __future__ import annotations

import contextlib
import heapq
import logging
import re
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from pypinyin import lazy_pinyin

from counterdesk.domain.access import mask_name, mask_tail
from counterdesk.domain.errors import InvalidInput, StorageError
from counterdesk.domain.ids import CASE_NO_RE
from counterdesk.domain.people import mask_id
from counterdesk.domain.workflow import STATUS_LABELS
from counterdesk.store import cipher
from counterdesk.store.connection import write_transaction

log = logging.getLogger(__name__)

KIND_LABELS = {
    "case_no": "案件编号",
    "number": "号码（证件号、电话或编号尾号）",
    "name": "姓名或事项",
    "pinyin": "拼音",
    "text": "文字",
}
MIN_DIGITS = 4
# Surnames whose reading differs from the character's everyday reading.
SURNAME_READINGS = {
    "曾": "zeng", "单": "shan", "解": "xie", "仇": "qiu", "朴": "piao", "查": "zha",
    "乐": "yue", "盖": "ge", "区": "ou", "覃": "qin", "翟": "zhai", "尉": "yu",
    "缪": "miao", "召": "shao", "员": "yun", "繁": "po", "种": "chong", "秘": "bi",
}  # fmt: skip
_WORD = re.compile(r"[a-z0-9]+")
_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
_NUMBER = re.compile(r"^[0-9]+[0-9X]?$|^[A-Z][0-9]{4,17}$")


@dataclass(frozen=True)
class SearchRow:
    case_id: str
    case_no: str
    name: str
    id_number: str
    phone: str
    matter: str
    status: str
    accept_date: str
    due_date: str | None
    match: str

    @property
    def status_label(self) -> str:
        return STATUS_LABELS.get(self.status, self.status)

    @property
    def masked_id(self) -> str:
        return mask_id(self.id_number)


@dataclass(frozen=True)
class SearchPage:
    query: str
    kind: str
    rows: tuple[SearchRow, ...]
    page: int
    page_size: int
    has_more: bool

    @property
    def kind_label(self) -> str:
        return KIND_LABELS[self.kind]

    @property
    def case_ids(self) -> list[str]:
        return [row.case_id for row in self.rows]


@dataclass(frozen=True)
class _Tier:
    """One rank of results: SQL giving case_search.sid newest first, with its parameters."""

    label: str
    sql: str
    params: tuple = ()
    merge: Callable[[cipher.Connection, int], list[int]] | None = None

    def fetch(self, conn: cipher.Connection, limit: int, offset: int) -> list[int]:
        if self.merge is not None:
            return self.merge(conn, limit + offset)[offset:]
        sql = f"{self.sql} ORDER BY sid DESC LIMIT ? OFFSET ?"
        return [r[0] for r in conn.execute(sql, (*self.params, limit, offset))]

    def count(self, conn: cipher.Connection) -> int:
        if self.merge is not None:
            return len(self.merge(conn, -1))
        return conn.execute(f"SELECT COUNT(*) FROM ({self.sql})", self.params).fetchone()[0]


def search(source: Any, query: str, page: int = 0, page_size: int = 50) -> SearchPage:
    """One page of cases matching what the clerk typed, best matches first."""
    conn: cipher.Connection = getattr(source, "conn", source)
    text = normalize(query)
    if not text:
        raise InvalidInput("请输入案件编号、姓名、证件号、拼音或电话", field="query")
    if page < 0 or not 1 <= page_size <= 500:
        raise InvalidInput("页码或每页条数不对", field="page")
    try:
        refresh_index(source)
    except (*cipher.OperationalError, StorageError) as exc:  # read-only: search what is there
        log.warning("search index not brought up to date (%s); searching what is indexed", exc)
    kind, tiers = plan(conn, text)
    if kind == "pinyin":
        try:
            refresh_pinyin(source)
        except cipher.OperationalError as exc:  # read-only: search what is there
            log.warning("pinyin index not brought up to date (%s); searching what is indexed", exc)
    labelled = _page(conn, tiers, page * page_size, page_size + 1)
    rows = _rows(conn, labelled[:page_size])
    result = SearchPage(query, kind, tuple(rows), page, page_size, len(labelled) > page_size)
    _record(source, result, text)
    return result


def _record(source: Any, result: SearchPage, text: str) -> None:
    """A search for a person (by number, name or pinyin) goes in the access log, once per
    query (its first page); case-number and matter searches name nobody."""
    access = getattr(source, "access", None)
    if access is None or result.page or result.kind == "case_no":
        return
    subject = mask_tail(text) if result.kind == "number" else mask_name(text)
    access.searched(result.kind, subject, len(result.rows), more=result.has_more)


def normalize(query: str) -> str:
    """Full-width to half-width, no spaces, upper-case Latin (IDs and case numbers)."""
    text = unicodedata.normalize("NFKC", query or "")
    return re.sub(r"\s+", "", text).upper()


def plan(conn: cipher.Connection, text: str) -> tuple[str, list[_Tier]]:
    """What kind of query this is, and its tiers in rank order."""
    if CASE_NO_RE.match(text):
        return "case_no", [_exact("no_rev", text, "案件编号")]
    if "-" in text and re.fullmatch(r"[A-Z0-9-]+", text):
        return "case_no", _case_no_part(text)
    if _NUMBER.match(text):
        if len(text) < MIN_DIGITS:
            raise InvalidInput(
                f"号码请至少输入后 {MIN_DIGITS} 位（证件号、电话或案件编号尾号）", field="query"
            )
        return "number", _number(text)
    if re.fullmatch(r"[A-Z]+", text):
        return "pinyin", _pinyin(text.lower())
    if _CJK.search(text):
        return "name", _name(text) + _matter(conn, text)
    return "text", _contains(text, "名称包含")


def _exact(column: str, text: str, label: str) -> _Tier:
    return _Tier(label, f"SELECT sid FROM case_search WHERE {column} = ?", (text[::-1],))


def _tail(column: str, text: str, label: str) -> _Tier:
    low = text[::-1]
    sql = f"SELECT sid FROM case_search WHERE {column} >= ? AND {column} < ? AND {column} != ?"
    return _Tier(label, sql, (low, low + "~", low))


def _case_no_part(text: str) -> list[_Tier]:
    head = _Tier(
        "案件编号开头",
        "SELECT s.sid FROM cases c JOIN case_search s ON s.case_id = c.id "
        "WHERE c.case_no >= ? AND c.case_no < ? AND substr(c.case_no, -length(?)) != ?",
        (text, text + "~", text, text),
    )
    return [_tail("no_rev", text, "案件编号尾号"), head, _exact("phone_rev", text, "电话")]


def _number(text: str) -> list[_Tier]:
    tiers = [_exact("id_rev", text, "证件号码"), _exact("phone_rev", text, "电话")]
    tiers += [_tail("id_rev", text, "证件号尾号"), _tail("phone_rev", text, "电话尾号")]
    if text.isdigit():
        tiers.append(_tail("no_rev", text, "案件编号尾号"))
    return tiers


def _pinyin(text: str) -> list[_Tier]:
    by = "SELECT sid FROM case_search WHERE name IN (SELECT name FROM name_pinyin WHERE {})"
    tiers = [
        _Tier("拼音全拼", by.format("py = ?"), (text,)),
        _Tier("拼音首字母", by.format("initials = ? AND py != ?"), (text, text)),
    ]
    if len(text) >= 3:
        prefix = by.format("py > ? AND py < ? AND initials != ?")
        tiers.append(_Tier("拼音开头", prefix, (text, text + "{", text)))
        tiers += _contains(text, "名称包含")
    return tiers


def _fts(text: str) -> tuple[str, str]:
    """The FTS table and phrase for a piece of text: characters under 3, trigrams from 3."""
    quoted = text.replace('"', '""')
    if len(text) < 3:
        return "case_search_chars", '"' + " ".join(quoted) + '"'
    return "case_search_tri", f'"{quoted}"'


def _name(text: str) -> list[_Tier]:
    table, phrase = _fts(text)
    joined = f"SELECT f.rowid AS sid FROM {table} f JOIN case_search s ON s.sid = f.rowid "
    return [
        _Tier("姓名", "SELECT sid FROM case_search WHERE name = ?", (text,)),
        _Tier(
            "姓名开头",
            joined + f"WHERE {table} MATCH ? AND s.name != ?",
            (f"^ {phrase}", text),
        ),
        _Tier("姓名包含", f"SELECT rowid AS sid FROM {table} WHERE {table} MATCH ?",
              (f"{phrase} NOT ^ {phrase}",)),
    ]  # fmt: skip


def _contains(text: str, label: str) -> list[_Tier]:
    if len(text) < 3:
        return []
    table, phrase = _fts(text)
    return [_Tier(label, f"SELECT rowid AS sid FROM {table} WHERE {table} MATCH ?", (phrase,))]


def matter_names(conn: cipher.Connection) -> list[str]:
    """Distinct matter names in the index, by skipping along its B-tree (one seek each)."""
    rows = conn.execute(
        "WITH RECURSIVE m(name) AS (SELECT MIN(matter) FROM case_search UNION ALL "
        "SELECT (SELECT MIN(matter) FROM case_search WHERE matter > m.name) FROM m "
        "WHERE m.name IS NOT NULL) SELECT name FROM m WHERE name IS NOT NULL"
    ).fetchall()
    return [r[0] for r in rows]


def _matter(conn: cipher.Connection, text: str) -> list[_Tier]:
    names = [n for n in matter_names(conn) if text in normalize(n)]
    if not names:
        return []

    def merge(conn: cipher.Connection, limit: int) -> list[int]:
        # One index walk per matter, merged newest first (an IN list would sort them all).
        sql = "SELECT sid FROM case_search WHERE matter = ? ORDER BY sid DESC LIMIT ?"
        streams = [[r[0] for r in conn.execute(sql, (name, limit))] for name in names]
        merged = list(heapq.merge(*streams, reverse=True))
        return merged if limit < 0 else merged[:limit]

    return [_Tier("事项", "", merge=merge)]


def _page(conn: cipher.Connection, tiers: Sequence[_Tier], skip: int, need: int) -> list:
    """Walk the tiers in rank order: skip `skip` results, then take `need` (sid, label) pairs."""
    out: list[tuple[int, str]] = []
    seen: set[int] = set()
    for tier in tiers:
        if need <= 0:
            break
        sids = tier.fetch(conn, need, skip)
        if sids:
            skip = 0
            for sid in sids:
                if sid not in seen:
                    seen.add(sid)
                    out.append((sid, tier.label))
            need -= len(sids)
        elif skip:
            skip -= min(skip, tier.count(conn))
    return out


def _rows(conn: cipher.Connection, labelled: list[tuple[int, str]]) -> list[SearchRow]:
    if not labelled:
        return []
    marks = ", ".join("?" * len(labelled))
    found = {
        r[0]: r[1:]
        for r in conn.execute(
            "SELECT s.sid, c.id, c.case_no, c.applicant_name, c.id_number, c.phone, "
            "c.matter_name, c.status, c.accept_date, c.due_date FROM case_search s "
            f"JOIN cases c ON c.id = s.case_id WHERE s.sid IN ({marks})",
            [sid for sid, _ in labelled],
        )
    }
    return [SearchRow(*found[sid], label) for sid, label in labelled if sid in found]


# ---- index upkeep ----------------------------------------------------------------------


def refresh_index(source: Any) -> int:
    """Bring the search index up to date with the cases added or changed since.

    Intakes write nothing for the index: a new case is any case above the rowid
    mark `meta.search_rowid` (migration 5), a changed one is queued in
    `search_pending` by a trigger (migration 4). The index's pages are written
    here in one batch instead of inside every clerk's transaction. New cases are
    inserted oldest first, so `sid` keeps meaning "newer" for ranking.
    """
    conn: cipher.Connection = getattr(source, "conn", source)
    mark, top, queued = conn.execute(
        "SELECT (SELECT CAST(value AS INTEGER) FROM meta WHERE key = 'search_rowid'),"
        " (SELECT MAX(rowid) FROM cases), EXISTS (SELECT 1 FROM search_pending)"
    ).fetchone()
    mark, top = mark or 0, top or 0
    if top == mark and not queued:
        return 0
    if top < mark:  # rows went and rowids may be reused: look at every case again
        mark = 0
    with _write_scope(source, conn):
        conn.execute(
            "UPDATE case_search SET name = c.applicant_name, id_number = c.id_number, "
            "phone = c.phone, case_no = c.case_no, matter = c.matter_name "
            "FROM cases c JOIN search_pending p ON p.case_id = c.id "
            "WHERE case_search.case_id = c.id"
        )
        cur = conn.execute(
            "INSERT INTO case_search (case_id, name, id_number, phone, case_no, matter) "
            "SELECT c.id, c.applicant_name, c.id_number, c.phone, c.case_no, c.matter_name "
            "FROM cases c WHERE c.rowid IN (SELECT rowid FROM cases WHERE rowid > ?1 "
            "  UNION SELECT k.rowid FROM search_pending p JOIN cases k ON k.id = p.case_id) "
            "AND NOT EXISTS (SELECT 1 FROM case_search s WHERE s.case_id = c.id) "
            "ORDER BY c.accept_hlc, c.id",
            (mark,),
        )
        added = cur.rowcount
        conn.execute("DELETE FROM search_pending")
        conn.execute(
            "INSERT OR REPLACE INTO meta (key, value) "
            "SELECT 'search_rowid', COALESCE(MAX(rowid), 0) FROM cases"
        )
    return added


def _write_scope(source: Any, conn: cipher.Connection) -> Any:
    if hasattr(source, "batch"):
        return source.batch()
    if conn.in_transaction:
        return contextlib.nullcontext()
    return write_transaction(conn)


# ---- pinyin ---------------------------------------------------------------------------


def refresh_pinyin(source: Any) -> int:
    """Compute pinyin for the names the triggers queued; returns how many names were added."""
    conn: cipher.Connection = getattr(source, "conn", source)
    names = [r[0] for r in conn.execute("SELECT name FROM pinyin_pending")]
    if not names:
        return 0
    rows = [(n, *variant) for n in names for variant in name_pinyin(n)]
    with _write_scope(source, conn):
        conn.executemany("INSERT OR IGNORE INTO name_pinyin VALUES (?, ?, ?)", rows)
        conn.executemany("DELETE FROM pinyin_pending WHERE name = ?", [(n,) for n in names])
    return len(names)


def name_pinyin(name: str) -> list[tuple[str, str]]:
    """(full pinyin, initials) readings of a name: the everyday one, and the surname one."""
    syllables: list[str] = []
    for piece in lazy_pinyin(name, errors="default"):
        syllables.extend(_WORD.findall(piece.lower()))
    if not syllables:
        return []
    readings = [syllables]
    surname = SURNAME_READINGS.get(name[:1])
    if surname and syllables[0] != surname:
        readings.append([surname, *syllables[1:]])
    return [("".join(s), "".join(p[0] for p in s)) for s in readings]
