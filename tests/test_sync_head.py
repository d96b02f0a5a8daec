"""A store behind its own acknowledged head is damaged: the district's record shows it."""

from __future__ import annotations

import pytest
from test_sync_support import *  # noqa: F403
from test_sync_support import intake

from counterdesk.domain.errors import IntegrityError
from counterdesk.store.triggers import restore_triggers


def drop_last_events(desk, count: int) -> None:
    """What a tamperer does: drop the append-only triggers, delete, put them back."""
    conn = desk.conn
    conn.execute("DROP TRIGGER events_append_only_delete")
    conn.execute(
        "DELETE FROM events WHERE device_id = ? AND seq > "
        "(SELECT MAX(seq) FROM events WHERE device_id = ?) - ?",
        (desk.info.device_id, desk.info.device_id, count),
    )
    restore_triggers(conn)
    desk.journal.reload()


def test_deleted_tail_is_caught_by_the_store_s_own_acknowledged_sequence(district, counter):
    desk, client = counter(district.new_center())
    intake(desk, 3)
    client.sync()
    drop_last_events(desk, 2)
    assert desk.verify().broken  # offline, from the sequence this store remembers
    with pytest.raises(IntegrityError, match="最后 2 条记录不见了") as info:
        client.sync()
    assert "counterdesk restore" in info.value.message
    assert client.status().last_error == info.value.message


def test_deleted_tail_is_caught_by_the_district_even_if_the_store_forgot(district, counter):
    desk, client = counter(district.new_center())
    intake(desk, 3)
    client.sync()
    drop_last_events(desk, 1)
    desk.set_meta("sync_acked_seq", "0")  # the tamperer also reset what the store remembers
    assert desk.verify().ok
    with pytest.raises(IntegrityError, match="区级平台已确认收到本机第"):
        client.sync()


def test_a_rewritten_tail_is_caught_by_the_acknowledged_hash(district, counter):
    desk, client = counter(district.new_center())
    case_id = intake(desk, 2)[0]
    client.sync()
    drop_last_events(desk, 1)
    desk.set_meta("sync_acked_seq", "0")
    desk.note(case_id, "删除后补写的一条记录")  # takes the deleted event's sequence number
    assert desk.verify().ok  # the chain is whole again
    with pytest.raises(IntegrityError, match="不一致"):
        client.sync()


def test_an_honest_store_syncs_on(district, counter):
    desk, client = counter(district.new_center())
    intake(desk, 2)
    client.sync()
    intake(desk, 1)
    report = client.sync()
    assert report.pushed == 1 and desk.verify().ok


def test_an_acknowledgement_file_for_more_than_the_store_holds_is_refused(desk, tmp_path):
    from sync import protocol
    from sync.client.bundles import apply_ack_file

    head = desk.conn.execute(
        "SELECT MAX(seq) FROM events WHERE device_id = ?", (desk.info.device_id,)
    ).fetchone()[0]
    ack = protocol.AckFile(
        device_id=desk.info.device_id,
        center_code=desk.info.center_code,
        acked_seq=head + 5,
        rejected=[],
        issued_ms=0,
    )
    path = tmp_path / "ack.json"
    path.write_text(ack.model_dump_json())
    with pytest.raises(IntegrityError, match="回执文件"):
        apply_ack_file(desk, path)
    assert desk.uploaded_through() == 0
