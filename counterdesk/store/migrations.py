"""Versioned schema migrations, recorded in the database; they never drop data.

Each migration is a (version, name, SQL) triple applied in one transaction.
Add new ones at the end; never edit one that has shipped.
"""

from __future__ import annotations

import sqlite3
import time

from counterdesk.store import cipher

MIGRATIONS: list[tuple[int, str, str]] = [
    (
        1,
        "journal, projections, people, users",
        """
        CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);

        CREATE TABLE events (
            id TEXT PRIMARY KEY,
            center_id TEXT NOT NULL,
            device_id TEXT NOT NULL,
            seq INTEGER NOT NULL,
            hlc INTEGER NOT NULL,
            case_id TEXT,
            type TEXT NOT NULL,
            actor TEXT NOT NULL,
            payload TEXT NOT NULL,
            prev_hash TEXT NOT NULL,
            hash TEXT NOT NULL,
            UNIQUE (device_id, seq)
        );
        CREATE INDEX events_case ON events (case_id, hlc, device_id, seq);
        CREATE TRIGGER events_append_only_update BEFORE UPDATE ON events
            BEGIN SELECT RAISE(ABORT, 'the journal is append-only'); END;
        CREATE TRIGGER events_append_only_delete BEFORE DELETE ON events
            BEGIN SELECT RAISE(ABORT, 'the journal is append-only'); END;

        CREATE TABLE cases (
            id TEXT PRIMARY KEY,
            case_no TEXT NOT NULL UNIQUE,
            center_id TEXT NOT NULL,
            device_id TEXT NOT NULL,
            matter_code TEXT NOT NULL,
            matter_name TEXT NOT NULL,
            department TEXT NOT NULL,
            applicant_kind TEXT NOT NULL,
            id_type TEXT NOT NULL,
            id_number TEXT NOT NULL,
            applicant_name TEXT NOT NULL,
            phone TEXT NOT NULL,
            address TEXT NOT NULL,
            status TEXT NOT NULL,
            resume_status TEXT,
            outcome TEXT,
            outcome_reason TEXT,
            first_contact TEXT NOT NULL,
            clerk TEXT NOT NULL,
            counter TEXT NOT NULL,
            accept_hlc INTEGER NOT NULL,
            accept_date TEXT NOT NULL,
            promised_days INTEGER NOT NULL,
            due_date TEXT,
            due_provisional INTEGER NOT NULL,
            step_kind TEXT,
            step_name TEXT,
            step_department TEXT,
            step_start TEXT,
            step_due TEXT,
            step_suspended_days INTEGER NOT NULL,
            suspended_since TEXT,
            suspended_days INTEGER NOT NULL,
            owed TEXT NOT NULL,
            supplement_due TEXT,
            handover_batch TEXT,
            evaluation TEXT,
            evaluations INTEGER NOT NULL,
            rectification_state TEXT,
            rectification_due TEXT,
            closed_date TEXT,
            late INTEGER NOT NULL,
            anomalies INTEGER NOT NULL,
            rules TEXT NOT NULL,
            materials TEXT NOT NULL,
            form TEXT NOT NULL,
            event_count INTEGER NOT NULL,
            last_hlc INTEGER NOT NULL,
            last_device TEXT NOT NULL,
            last_seq INTEGER NOT NULL
        );
        CREATE INDEX cases_id_number ON cases (id_number);
        CREATE INDEX cases_clerk_status ON cases (clerk, status);

        CREATE TABLE notices (
            id TEXT PRIMARY KEY,
            notice_no TEXT NOT NULL UNIQUE,
            center_id TEXT NOT NULL,
            issue_date TEXT NOT NULL,
            matter_code TEXT NOT NULL,
            matter_name TEXT NOT NULL,
            id_type TEXT NOT NULL,
            id_number TEXT NOT NULL,
            applicant_name TEXT NOT NULL,
            missing TEXT NOT NULL,
            clerk TEXT NOT NULL,
            event_id TEXT NOT NULL
        );

        CREATE TABLE citizens (
            id_type TEXT NOT NULL,
            id_number TEXT NOT NULL,
            kind TEXT NOT NULL,
            name TEXT NOT NULL,
            phone TEXT NOT NULL,
            address TEXT NOT NULL,
            last_key TEXT NOT NULL,
            PRIMARY KEY (id_type, id_number)
        );

        CREATE TABLE calendar_years (
            year INTEGER PRIMARY KEY,
            schedule TEXT NOT NULL,
            hlc INTEGER NOT NULL
        );

        CREATE TABLE users (
            login TEXT PRIMARY KEY,
            name TEXT NOT NULL,
            role TEXT NOT NULL CHECK (role IN ('clerk', 'chief', 'admin')),
            password_hash TEXT NOT NULL,
            active INTEGER NOT NULL DEFAULT 1,
            failed_logins INTEGER NOT NULL DEFAULT 0,
            locked_until INTEGER NOT NULL DEFAULT 0
        );

        CREATE TABLE catalog_versions (
            version TEXT PRIMARY KEY,
            body TEXT NOT NULL,
            installed_hlc INTEGER NOT NULL
        );
        """,
    ),
    (
        2,
        "search index (two FTS tables, reversed tails, pinyin) and summary indexes",
        # Generated column expressions are spelled out (no SQL functions need
        # registering): reversing up to 20 characters for tail lookups, and
        # splitting a name into single characters for the 1-2 character index.
        """
        CREATE TABLE case_search (
            sid INTEGER PRIMARY KEY,
            case_id TEXT NOT NULL UNIQUE,
            name TEXT NOT NULL,
            id_number TEXT NOT NULL,
            phone TEXT NOT NULL,
            case_no TEXT NOT NULL,
            matter TEXT NOT NULL,
            name_chars TEXT GENERATED ALWAYS AS (rtrim(
                substr(name, 1, 1) || ' ' || substr(name, 2, 1) || ' ' || substr(name, 3, 1) || ' ' ||
                substr(name, 4, 1) || ' ' || substr(name, 5, 1) || ' ' || substr(name, 6, 1) || ' ' ||
                substr(name, 7, 1) || ' ' || substr(name, 8, 1) || ' ' || substr(name, 9, 1) || ' ' ||
                substr(name, 10, 1) || ' ' || substr(name, 11, 1) || ' ' || substr(name, 12, 1) || ' ' ||
                substr(name, 13, 1) || ' ' || substr(name, 14, 1) || ' ' || substr(name, 15, 1) || ' ' ||
                substr(name, 16, 1) || ' ' || substr(name, 17, 1) || ' ' || substr(name, 18, 1) || ' ' ||
                substr(name, 19, 1) || ' ' || substr(name, 20, 1) || ' ' || substr(name, 21, 1) || ' ' ||
                substr(name, 22, 1) || ' ' || substr(name, 23, 1) || ' ' || substr(name, 24, 1) || ' ' ||
                substr(name, 25, 1) || ' ' || substr(name, 26, 1) || ' ' || substr(name, 27, 1) || ' ' ||
                substr(name, 28, 1) || ' ' || substr(name, 29, 1) || ' ' || substr(name, 30, 1) || ' ' ||
                substr(name, 31, 1) || ' ' || substr(name, 32, 1) || ' ' || substr(name, 33, 1) || ' ' ||
                substr(name, 34, 1) || ' ' || substr(name, 35, 1) || ' ' || substr(name, 36, 1) || ' ' ||
                substr(name, 37, 1) || ' ' || substr(name, 38, 1) || ' ' || substr(name, 39, 1) || ' ' ||
                substr(name, 40, 1)
            )) VIRTUAL,
            id_rev TEXT GENERATED ALWAYS AS (
                substr(id_number, 20, 1) || substr(id_number, 19, 1) || substr(id_number, 18, 1) ||
                substr(id_number, 17, 1) || substr(id_number, 16, 1) || substr(id_number, 15, 1) ||
                substr(id_number, 14, 1) || substr(id_number, 13, 1) || substr(id_number, 12, 1) ||
                substr(id_number, 11, 1) || substr(id_number, 10, 1) || substr(id_number, 9, 1) ||
                substr(id_number, 8, 1) || substr(id_number, 7, 1) || substr(id_number, 6, 1) ||
                substr(id_number, 5, 1) || substr(id_number, 4, 1) || substr(id_number, 3, 1) ||
                substr(id_number, 2, 1) || substr(id_number, 1, 1)
            ) VIRTUAL,
            phone_rev TEXT GENERATED ALWAYS AS (
                substr(phone, 20, 1) || substr(phone, 19, 1) || substr(phone, 18, 1) ||
                substr(phone, 17, 1) || substr(phone, 16, 1) || substr(phone, 15, 1) ||
                substr(phone, 14, 1) || substr(phone, 13, 1) || substr(phone, 12, 1) ||
                substr(phone, 11, 1) || substr(phone, 10, 1) || substr(phone, 9, 1) ||
                substr(phone, 8, 1) || substr(phone, 7, 1) || substr(phone, 6, 1) ||
                substr(phone, 5, 1) || substr(phone, 4, 1) || substr(phone, 3, 1) ||
                substr(phone, 2, 1) || substr(phone, 1, 1)
            ) VIRTUAL,
            no_rev TEXT GENERATED ALWAYS AS (
                substr(case_no, 20, 1) || substr(case_no, 19, 1) || substr(case_no, 18, 1) ||
                substr(case_no, 17, 1) || substr(case_no, 16, 1) || substr(case_no, 15, 1) ||
                substr(case_no, 14, 1) || substr(case_no, 13, 1) || substr(case_no, 12, 1) ||
                substr(case_no, 11, 1) || substr(case_no, 10, 1) || substr(case_no, 9, 1) ||
                substr(case_no, 8, 1) || substr(case_no, 7, 1) || substr(case_no, 6, 1) ||
                substr(case_no, 5, 1) || substr(case_no, 4, 1) || substr(case_no, 3, 1) ||
                substr(case_no, 2, 1) || substr(case_no, 1, 1)
            ) VIRTUAL
        );
        CREATE INDEX case_search_name ON case_search (name);
        CREATE INDEX case_search_matter ON case_search (matter);
        CREATE INDEX case_search_id_rev ON case_search (id_rev);
        CREATE INDEX case_search_phone_rev ON case_search (phone_rev);
        CREATE INDEX case_search_no_rev ON case_search (no_rev);

        CREATE VIRTUAL TABLE case_search_chars USING fts5 (
            name_chars, content='case_search', content_rowid='sid', tokenize='unicode61'
        );
        CREATE VIRTUAL TABLE case_search_tri USING fts5 (
            name, content='case_search', content_rowid='sid', tokenize='trigram'
        );

        CREATE TABLE name_pinyin (
            name TEXT NOT NULL,
            py TEXT NOT NULL,
            initials TEXT NOT NULL,
            PRIMARY KEY (name, py)
        ) WITHOUT ROWID;
        CREATE INDEX name_pinyin_py ON name_pinyin (py);
        CREATE INDEX name_pinyin_initials ON name_pinyin (initials);
        CREATE TABLE pinyin_pending (name TEXT PRIMARY KEY) WITHOUT ROWID;

        CREATE TRIGGER case_search_fts_insert AFTER INSERT ON case_search BEGIN
            INSERT INTO case_search_chars (rowid, name_chars) VALUES (new.sid, new.name_chars);
            INSERT INTO case_search_tri (rowid, name) VALUES (new.sid, new.name);
            INSERT OR IGNORE INTO pinyin_pending (name) SELECT new.name
                WHERE NOT EXISTS (SELECT 1 FROM name_pinyin WHERE name = new.name);
        END;
        CREATE TRIGGER case_search_fts_delete AFTER DELETE ON case_search BEGIN
            INSERT INTO case_search_chars (case_search_chars, rowid, name_chars)
                VALUES ('delete', old.sid, old.name_chars);
            INSERT INTO case_search_tri (case_search_tri, rowid, name)
                VALUES ('delete', old.sid, old.name);
        END;
        CREATE TRIGGER case_search_fts_update AFTER UPDATE OF name ON case_search
        WHEN old.name IS NOT new.name BEGIN
            INSERT INTO case_search_chars (case_search_chars, rowid, name_chars)
                VALUES ('delete', old.sid, old.name_chars);
            INSERT INTO case_search_tri (case_search_tri, rowid, name)
                VALUES ('delete', old.sid, old.name);
            INSERT INTO case_search_chars (rowid, name_chars) VALUES (new.sid, new.name_chars);
            INSERT INTO case_search_tri (rowid, name) VALUES (new.sid, new.name);
            INSERT OR IGNORE INTO pinyin_pending (name) SELECT new.name
                WHERE NOT EXISTS (SELECT 1 FROM name_pinyin WHERE name = new.name);
        END;

        -- The case projection is written with an upsert that sets every column, so
        -- the update trigger compares values and does nothing for most events.
        CREATE TRIGGER cases_search_insert AFTER INSERT ON cases BEGIN
            INSERT INTO case_search (case_id, name, id_number, phone, case_no, matter)
            VALUES (new.id, new.applicant_name, new.id_number, new.phone, new.case_no,
                    new.matter_name);
        END;
        CREATE TRIGGER cases_search_update
        AFTER UPDATE OF applicant_name, id_number, phone, case_no, matter_name ON cases
        WHEN old.applicant_name IS NOT new.applicant_name OR old.id_number IS NOT new.id_number
            OR old.phone IS NOT new.phone OR old.case_no IS NOT new.case_no
            OR old.matter_name IS NOT new.matter_name
        BEGIN
            UPDATE case_search SET name = new.applicant_name, id_number = new.id_number,
                phone = new.phone, case_no = new.case_no, matter = new.matter_name
            WHERE case_id = new.id;
        END;
        CREATE TRIGGER cases_search_delete AFTER DELETE ON cases BEGIN
            DELETE FROM case_search WHERE case_id = old.id;
        END;

        INSERT INTO case_search (case_id, name, id_number, phone, case_no, matter)
            SELECT id, applicant_name, id_number, phone, case_no, matter_name
            FROM cases ORDER BY accept_hlc, id;

        -- Summaries: each reads a small covering range instead of the whole table.
        CREATE INDEX cases_intake
            ON cases (accept_date, status, matter_name, department, first_contact);
        CREATE INDEX cases_closed
            ON cases (closed_date, status, matter_name, accept_date, late)
            WHERE closed_date IS NOT NULL;
        CREATE INDEX cases_open ON cases (status, due_date, clerk, step_department)
            WHERE closed_date IS NULL;
        CREATE INDEX cases_supplement_open ON cases (supplement_due)
            WHERE closed_date IS NULL AND supplement_due IS NOT NULL;
        CREATE INDEX cases_rectification_open ON cases (rectification_due)
            WHERE rectification_state = 'open';
        CREATE INDEX events_evaluated ON events (hlc) WHERE type = 'evaluated';
        CREATE INDEX notices_issue_date ON notices (issue_date);
        """,
    ),
    (
        3,
        "sync client: state, quarantine of refused events, feedback projection",
        """
        CREATE TABLE sync_state (key TEXT PRIMARY KEY, value TEXT NOT NULL);

        CREATE TABLE sync_quarantine (
            event_id TEXT PRIMARY KEY,
            seq INTEGER NOT NULL,
            code TEXT NOT NULL,
            reason TEXT NOT NULL,
            refused_at INTEGER NOT NULL
        );

        CREATE TABLE feedback (
            id TEXT PRIMARY KEY,
            center_id TEXT NOT NULL,
            device_id TEXT NOT NULL,
            actor TEXT NOT NULL,
            subject TEXT NOT NULL,
            text TEXT NOT NULL,
            submitted_hlc INTEGER NOT NULL,
            answer TEXT,
            answered_by TEXT,
            answered_hlc INTEGER,
            answer_event TEXT
        );
        CREATE INDEX feedback_submitted ON feedback (submitted_hlc);
        """,
    ),
    (
        4,
        "search index maintained from a queue, off the intake's transaction",
        """
        -- The triggers of migration 2 rewrote the search index (its tail indexes and
        -- both FTS tables) inside every intake; now an intake queues the case id
        -- and the index is brought up to date before a search (search.refresh_index).
        DROP TRIGGER cases_search_insert;
        DROP TRIGGER cases_search_update;
        DROP TRIGGER cases_search_delete;
        CREATE TABLE search_pending (case_id TEXT PRIMARY KEY) WITHOUT ROWID;
        CREATE TRIGGER cases_search_insert AFTER INSERT ON cases BEGIN
            INSERT OR IGNORE INTO search_pending (case_id) VALUES (new.id);
        END;
        CREATE TRIGGER cases_search_update
        AFTER UPDATE OF applicant_name, id_number, phone, case_no, matter_name ON cases
        WHEN old.applicant_name IS NOT new.applicant_name OR old.id_number IS NOT new.id_number
            OR old.phone IS NOT new.phone OR old.case_no IS NOT new.case_no
            OR old.matter_name IS NOT new.matter_name
        BEGIN
            INSERT OR IGNORE INTO search_pending (case_id) VALUES (new.id);
        END;
        CREATE TRIGGER cases_search_delete AFTER DELETE ON cases BEGIN
            DELETE FROM case_search WHERE case_id = old.id;
            DELETE FROM search_pending WHERE case_id = old.id;
        END;
        """,
    ),
    (
        5,
        "fewer pages written per intake: new cases found by rowid, no unread index",
        """
        -- Nothing reads cases by ID number (search goes through case_search, a
        -- returning citizen through citizens): the index only cost every intake a page.
        DROP INDEX cases_id_number;
        -- A new case needs no queue row: the index takes every case above the rowid
        -- mark 'search_rowid' (search.refresh_index). Changed cases still queue.
        DROP TRIGGER cases_search_insert;
        INSERT OR REPLACE INTO meta (key, value)
            SELECT 'search_rowid', COALESCE(MAX(rowid), 0) FROM cases;
        DROP TRIGGER cases_search_delete;
        CREATE TRIGGER cases_search_delete AFTER DELETE ON cases BEGIN
            DELETE FROM case_search WHERE case_id = old.id;
            DELETE FROM search_pending WHERE case_id = old.id;
            -- rowids may be reused after a delete (a rebuild): index from the start.
            UPDATE meta SET value = '0' WHERE key = 'search_rowid' AND value <> '0';
        END;
        """,
    ),
    (
        6,
        "the center's staff directory, folded from every PC's user events",
        """
        CREATE TABLE staff (
            login TEXT PRIMARY KEY,
            name TEXT NOT NULL,
            role TEXT NOT NULL,
            device_id TEXT NOT NULL,
            created_key TEXT NOT NULL,
            active INTEGER NOT NULL,
            active_key TEXT NOT NULL
        );
        -- The same fold as counterdesk.store.projection.project_staff, over the events already
        -- here (user events have no case: the events_case index finds them).
        INSERT INTO staff (login, name, role, device_id, created_key, active, active_key)
            SELECT login, name, role, device_id, key, 1, key FROM (
                SELECT json_extract(payload, '$.login') AS login,
                       json_extract(payload, '$.name') AS name,
                       json_extract(payload, '$.role') AS role, device_id,
                       printf('%020d|%s|%012d', hlc, device_id, seq) AS key,
                       ROW_NUMBER() OVER (PARTITION BY json_extract(payload, '$.login')
                                          ORDER BY hlc DESC, device_id DESC, seq DESC) AS rn
                FROM events WHERE case_id IS NULL AND type = 'user_created')
            WHERE rn = 1 AND login <> '';
        INSERT INTO staff (login, name, role, device_id, created_key, active, active_key)
            SELECT login, '', '', device_id, '', active, key FROM (
                SELECT json_extract(payload, '$.login') AS login, device_id,
                       type = 'user_activated' AS active,
                       printf('%020d|%s|%012d', hlc, device_id, seq) AS key,
                       ROW_NUMBER() OVER (PARTITION BY json_extract(payload, '$.login')
                                          ORDER BY hlc DESC, device_id DESC, seq DESC) AS rn
                FROM events WHERE case_id IS NULL
                    AND type IN ('user_activated', 'user_deactivated')) AS a
            WHERE rn = 1 AND login <> ''
            ON CONFLICT (login) DO UPDATE SET active = excluded.active,
                active_key = excluded.active_key WHERE excluded.active_key > staff.active_key;
        """,
    ),
    (
        7,
        "'mine' reads the open-cases index; the clerk index only cost intakes a page",
        """
        -- cases_clerk_status (clerk, status) led the planner to walk every case a
        -- clerk ever had (~170,000 on a 1,000,000-case store, 250 ms warm, 1.4 s
        -- cold) and read each row for closed_date; the partial index cases_open
        -- (WHERE closed_date IS NULL) answers 'mine' in ~1 ms and the per-clerk
        -- workload summary as well.
        DROP INDEX cases_clerk_status;
        """,
    ),
    (
        8,
        "容缺 deadlines folded (预计 flag), visits evaluated per case",
        """
        -- supplement_provisional: the 容缺 deadline runs over a year whose holidays are
        -- not yet published (printed 预计, recomputed when the schedule arrives).
        -- evaluated_visits: the visit kinds already rated, so the fold refuses a
        -- second rating of the same visit. The cases these change are refolded right
        -- after the migration (counterdesk.store.refold.REFOLD_AFTER).
        ALTER TABLE cases ADD COLUMN supplement_provisional INTEGER NOT NULL DEFAULT 0;
        ALTER TABLE cases ADD COLUMN evaluated_visits TEXT NOT NULL DEFAULT '[]';
        """,
    ),
    (
        9,
        "refusals of other PCs' events, so verify knows a refused sequence from a deleted one",
        """
        -- The district refused these sequence numbers of the center's other PCs
        -- (docs/sync-protocol.md §8, kind "refusal"): the events never reach this
        -- store, and verify continues those PCs' chains from the claimed hash.
        CREATE TABLE peer_refusals (
            device_id TEXT NOT NULL,
            seq INTEGER NOT NULL,
            event_id TEXT NOT NULL,
            prev_hash TEXT NOT NULL,
            claimed_hash TEXT NOT NULL,
            code TEXT NOT NULL,
            reason TEXT NOT NULL,
            received_at INTEGER NOT NULL,
            PRIMARY KEY (device_id, seq)
        ) WITHOUT ROWID;
        """,
    ),
    (
        10,
        "access log (查询留痕): who read which citizen, hash-chained, kept 183 days",
        # docs/access-log.md. Separate from the journal: reading never changes a case.
        # No update ever; a delete only of an entry at least 183 days old (by its own
        # stamp and by the PC's clock) that the district has acknowledged.
        """
        CREATE TABLE access_log (
            center_id TEXT NOT NULL,
            device_id TEXT NOT NULL,
            seq INTEGER NOT NULL,
            hlc INTEGER NOT NULL,
            user TEXT NOT NULL,
            role TEXT NOT NULL,
            action TEXT NOT NULL,
            case_id TEXT,
            subject TEXT NOT NULL,
            detail TEXT NOT NULL,
            count INTEGER NOT NULL,
            reason TEXT NOT NULL,
            prev_hash TEXT NOT NULL,
            hash TEXT NOT NULL,
            PRIMARY KEY (device_id, seq)
        ) WITHOUT ROWID;
        CREATE INDEX access_log_hlc ON access_log (hlc);
        CREATE TRIGGER access_log_append_only_update BEFORE UPDATE ON access_log
            BEGIN SELECT RAISE(ABORT, 'the access log is append-only'); END;
        CREATE TRIGGER access_log_keep_delete BEFORE DELETE ON access_log
        WHEN old.seq > COALESCE((SELECT CAST(value AS INTEGER) FROM meta
                                 WHERE key = 'access_acked_seq:' || old.device_id), 0)
            OR (old.hlc >> 16) > (CAST(strftime('%s', 'now') AS INTEGER) - 183 * 86400) * 1000
        BEGIN SELECT RAISE(ABORT, 'access log entries are kept 183 days and until synced'); END;
        """,
    ),
    (
        12,
        "how each intake's ID was taken (card read, keyboard-wedge reader, typed)",
        """
        -- identity: the opening event's "identity" (issue 16); an intake from before card
        -- readers has none and was typed. Cases whose opening event carries one are
        -- refolded right after (counterdesk.store.refold.REFOLD_AFTER). The summaries'
        -- covering index gains the column, so the card-read share reads no case row.
        ALTER TABLE cases ADD COLUMN identity TEXT NOT NULL DEFAULT 'typed';
        DROP INDEX cases_intake;
        CREATE INDEX cases_intake
            ON cases (accept_date, status, matter_name, department, first_contact, identity);
        """,
    ),
]


def current_version(conn: cipher.Connection) -> int:
    exists = conn.execute(
        "SELECT 1 FROM sqlite_master WHERE type='table' AND name='schema_migrations'"
    ).fetchone()
    if not exists:
        return 0
    row = conn.execute("SELECT MAX(version) FROM schema_migrations").fetchone()
    return row[0] or 0


def latest_version() -> int:
    return MIGRATIONS[-1][0]


def pending(conn: cipher.Connection) -> list[tuple[int, str, str]]:
    have = current_version(conn)
    return [m for m in MIGRATIONS if m[0] > have]


def migrate(conn: cipher.Connection, upto: int | None = None) -> list[int]:
    """Apply pending migrations, each in its own transaction; returns the versions applied.

    A failing migration rolls back entirely and the store stays at the previous version.
    """
    conn.execute(
        "CREATE TABLE IF NOT EXISTS schema_migrations ("
        "version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at INTEGER NOT NULL)"
    )
    applied = []
    for version, name, sql in pending(conn):
        if upto is not None and version > upto:
            break
        conn.execute("BEGIN IMMEDIATE")
        try:
            for statement in statements(sql):
                conn.execute(statement)
            conn.execute(
                "INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)",
                (version, name, int(time.time())),
            )
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        applied.append(version)
    return applied


def statements(sql: str) -> list[str]:
    """Split a migration script into complete statements (triggers contain semicolons)."""
    out, buf = [], ""
    for piece in sql.split(";"):
        buf += piece + ";"
        if sqlite3.complete_statement(buf):
            if buf.strip(" \n;"):
                out.append(buf.strip())
            buf = ""
    return out
