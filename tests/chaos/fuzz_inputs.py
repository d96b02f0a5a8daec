"""Input fuzzing: hypothesis over every parser of data from outside the PC.

Catalog files, holiday calendars, USB bundles, the district's pull answers (and
applying them), center.toml and ID numbers. Proves: each input gives a correct
result or a CounterdeskError with a message — never another exception — and a
refused pull page leaves the store exactly as it was (events, cursor, verify).
"""

from __future__ import annotations

import contextlib
import copy
import json
import random
import tempfile
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import Any

import requests
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from chaos.common import fast_hashing, intake, new_desk
from counterdesk.admin.setup_config import load_config, parse_config
from counterdesk.domain.catalog import catalog_from_json, load_catalog, parse_matter
from counterdesk.domain.errors import CounterdeskError
from counterdesk.domain.people import ID_TYPES, validate_id
from counterdesk.domain.workdays import parse_schedule, schedule_from_json
from counterdesk.store import canonical
from sync import bundle, protocol
from sync.client.transport import _decode

JSON = st.recursive(
    st.none() | st.booleans() | st.integers(-(2**70), 2**70) | st.floats() | st.text(max_size=30),
    lambda inner: (
        st.lists(inner, max_size=5) | st.dictionaries(st.text(max_size=12), inner, max_size=5)
    ),
    max_leaves=25,
)


def _mutate(value: Any, rng: random.Random, junk: Any) -> Any:
    """Replace, delete or retype one randomly chosen node of a JSON document."""
    value = copy.deepcopy(value)
    path: list[Any] = []
    node = value
    for _ in range(rng.randint(1, 6)):
        keys = (
            list(node.keys())
            if isinstance(node, dict)
            else list(range(len(node)))
            if isinstance(node, list)
            else []
        )
        if not keys:
            break
        key = rng.choice(keys)
        if not isinstance(node[key], dict | list) or rng.random() < 0.3:
            path.append(key)
            break
        path.append(key)
        node = node[key]
    if not path:
        return junk
    parent = value
    for key in path[:-1]:
        parent = parent[key]
    if rng.random() < 0.25 and isinstance(parent, dict):
        del parent[path[-1]]
    else:
        parent[path[-1]] = junk
    return value


def _expect_clean(call: Callable[[], Any]) -> None:
    try:
        call()
    except CounterdeskError as exc:
        assert exc.message.strip(), "a CounterdeskError without a message"


class Fuzz:
    def __init__(self, examples: int, workdir: Path) -> None:
        self.examples, self.workdir = examples, workdir
        self.cases = 0
        self.failures: list[str] = []
        self.catalog = json.loads(load_catalog().to_json())
        self.schedule = {
            "year": 2027,
            "holidays": ["2027-01-01", "2027-02-06"],
            "workdays": ["2027-02-14"],
            "source": "国务院办公厅",
        }

    def check(self, name: str, strategy: Any, body: Callable[..., None]) -> None:
        counted = self

        @settings(max_examples=self.examples, deadline=None, database=None, derandomize=True,
                  suppress_health_check=list(HealthCheck))  # fmt: skip
        @given(strategy)
        def prop(value: Any) -> None:
            counted.cases += 1
            body(value)

        try:
            prop()
        except Exception as exc:  # noqa: BLE001 - a finding, recorded with the falsifying input
            self.failures.append(
                f"{name}: {type(exc).__name__}: {exc}\n{traceback.format_exc()[-1500:]}"
            )

    def mutated(self, doc: Any) -> Any:
        return st.tuples(st.integers(0, 2**32), JSON).map(
            lambda t: _mutate(doc, random.Random(t[0]), t[1])
        )


def run(examples: int, workdir: Path | None = None) -> dict[str, Any]:
    fast_hashing()
    workdir = workdir or Path(tempfile.mkdtemp(prefix="cdfuzz-"))
    workdir.mkdir(parents=True, exist_ok=True)
    fz = Fuzz(examples, workdir)
    _catalogs_and_calendars(fz)
    _ids_and_config(fz)
    _bundles(fz)
    _pulled(fz)
    return {
        "fuzz_input_cases": fz.cases,
        "fuzz_input_failures": len(fz.failures),
        "fuzz_input_detail": fz.failures,
    }


def _catalogs_and_calendars(fz: Fuzz) -> None:
    matter = fz.catalog["matters"][0]
    fz.check(
        "catalog text", st.text(max_size=200), lambda t: _expect_clean(lambda: catalog_from_json(t))
    )
    fz.check("catalog mutated", fz.mutated(fz.catalog),
             lambda d: _expect_clean(lambda: catalog_from_json(json.dumps(d))))  # fmt: skip
    fz.check(
        "matter mutated",
        fz.mutated(matter),
        lambda d: _expect_clean(lambda: parse_matter(d, "m.json")),
    )
    fz.check("matter any JSON", JSON, lambda d: _expect_clean(lambda: parse_matter(d, "m.json")))
    fz.check(
        "calendar text",
        st.text(max_size=200),
        lambda t: _expect_clean(lambda: schedule_from_json(t)),
    )
    fz.check(
        "calendar mutated",
        fz.mutated(fz.schedule),
        lambda d: _expect_clean(lambda: parse_schedule(d)),
    )


def _ids_and_config(fz: Fuzz) -> None:
    digits = st.text(alphabet="0123456789Xx -", min_size=0, max_size=22)
    fz.check("id numbers", st.tuples(st.sampled_from(sorted(ID_TYPES)), digits | st.text(max_size=25)),
             lambda t: _expect_clean(lambda: validate_id(*t)))  # fmt: skip
    config = {"center": {"code": "DC03", "name": "某中心", "device_no": 1},
              "district": {"server_url": "https://district.example/", "enrollment_code": "ABCD-EFGH-JKLM"},
              "backup": {"folder": "D:/backup", "time": "17:30", "keep": 10}}  # fmt: skip
    fz.check(
        "config mutated",
        fz.mutated(config),
        lambda d: _expect_clean(lambda: parse_config(d) if isinstance(d, dict) else None),
    )
    path = fz.workdir / "center.toml"

    def toml_text(text: str) -> None:
        path.write_text(text, encoding="utf-8")
        _expect_clean(lambda: load_config(path))

    fz.check("config TOML text", st.text(max_size=200), toml_text)


def _bundles(fz: Fuzz) -> None:
    desk = new_desk(fz.workdir / "bundle-src.db")
    intake(desk, 2)
    from counterdesk.store.journal import device_events

    events = device_events(desk.conn, desk.info.device_id)
    token = "fuzz-token"
    district = bundle.new_district_key()
    good = bundle.write_bundle(events, center_id="DC03", device_id=desk.info.device_id, token=token,
                               district_key=bundle.district_public_key(district))  # fmt: skip
    key = bundle.public_key_hex(token)
    desk.close()

    def damaged(t: tuple[int, int, int]) -> None:
        seed, cut, flips = t
        rng = random.Random(seed)
        data = bytearray(good[: max(0, len(good) - cut)])
        for _ in range(flips):
            if data:
                data[rng.randrange(len(data))] ^= 1 << rng.randrange(8)
        _expect_clean(lambda: bundle.verify_bundle(bytes(data), key, district))

    fz.check(
        "bundle damaged",
        st.tuples(st.integers(0, 2**32), st.integers(0, 64), st.integers(0, 4)),
        damaged,
    )
    fz.check("bundle any bytes", st.binary(max_size=300).map(lambda b: bundle.MAGIC + b),
             lambda b: _expect_clean(lambda: bundle.verify_bundle(b, key, district)))  # fmt: skip


def _pulled(fz: Fuzz) -> None:
    from sync.client import SyncClient

    other = new_desk(fz.workdir / "other.db", device_no=2)
    intake(other, 2)
    from counterdesk.store.journal import device_events

    foreign = [e.to_dict() for e in device_events(other.conn, other.info.device_id)]
    other.close()
    desk = new_desk(fz.workdir / "pull-target.db", device_no=1)
    client = SyncClient(desk, "http://127.0.0.1:9")
    page = {"changes": [{"seq": i + 1, "kind": "event", "event": e} for i, e in enumerate(foreign)]
            + [{"seq": 90, "kind": "catalog", "catalog": fz.catalog},
               {"seq": 91, "kind": "calendar", "calendar": fz.schedule}],
            "cursor": 91, "head": 91, "more": False}  # fmt: skip

    def answer(doc: Any) -> None:
        resp = requests.Response()
        resp.status_code, resp._content = 200, json.dumps(doc).encode()
        before = (desk.event_count(), client.state.cursor)
        try:
            parsed = _decode(resp, protocol.PullResponse)
            client.apply_changes(parsed.changes, parsed.cursor)
        except CounterdeskError as exc:
            assert exc.message.strip()
            assert (desk.event_count(), client.state.cursor) == before, "half-applied page"

    def rehashed(t: tuple[int, Any]) -> None:
        """Events whose hash is right but whose payload is nonsense (a buggy or hostile PC)."""
        rng = random.Random(t[0])
        event = copy.deepcopy(rng.choice(foreign))
        event["payload"] = _mutate(event["payload"], rng, t[1])
        if not isinstance(event["payload"], dict):
            event["payload"] = {"value": event["payload"]}
        with contextlib.suppress(CounterdeskError):  # not encodable: must be refused cleanly
            event["hash"] = canonical.event_hash(event)
        answer(
            {
                "changes": [{"seq": 1, "kind": "event", "event": event}],
                "cursor": 1,
                "head": 1,
                "more": False,
            }
        )

    fz.check("pull page mutated", fz.mutated(page), answer)
    fz.check("pull event rehashed", st.tuples(st.integers(0, 2**32), JSON), rehashed)
    report = desk.verify(deep=True)
    if report.integrity != "ok":
        fz.failures.append(f"pull target store damaged: {report}")
    client.close()
    desk.close()
