"""Wrong types thrown at every public call of the desk raise the project's own errors.

A number for a name, None for a reason, a string for a list, a float anywhere:
each public `Desk` method answers with a `CounterdeskError` (nearly always
`InvalidInput`), never `AttributeError`, `TypeError` or `KeyError`.
"""

from __future__ import annotations

import inspect

import pytest
from conftest import APPLICANT, required_keys
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from counterdesk.desk import Desk
from counterdesk.domain.errors import CounterdeskError

# Calls that end the session or the store, or are not about input.
SKIP = {"close", "logout", "init", "rebuild", "verify", "batch"}

junk = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(2**70), max_value=2**70),
    st.floats(allow_nan=True),
    st.binary(max_size=8),
    st.text(max_size=8),
    st.lists(st.integers(), max_size=3),
    st.dictionaries(st.text(max_size=3), st.floats() | st.integers() | st.none(), max_size=3),
    st.just(object()),
)


def public_methods() -> list[str]:
    names = []
    for name in dir(Desk):
        if name.startswith("_") or name in SKIP:
            continue
        member = inspect.getattr_static(Desk, name)
        if isinstance(member, property):
            continue
        names.append(name)
    return names


def parameters(desk: Desk, name: str) -> list[inspect.Parameter]:
    params = inspect.signature(getattr(desk, name)).parameters.values()
    return [p for p in params if p.kind not in (p.VAR_POSITIONAL, p.VAR_KEYWORD)]


@pytest.fixture
def shared(tmp_path):
    """A store of its own for each method (a call that accepts its junk may change it)."""
    from conftest import new_desk

    desk = new_desk(tmp_path / "t.db")
    matter = next(m for m in desk.catalog.matters if m.deficiency_allowed)
    case = desk.accept(APPLICANT, matter.code, required_keys(matter))
    yield desk, case
    desk.close()


def test_every_public_method_is_covered(shared):
    desk, _ = shared
    names = public_methods()
    assert {"accept", "note", "evaluate", "find_citizen", "submit_feedback"} <= set(names)
    assert all(parameters(desk, n) is not None for n in names)


@pytest.mark.parametrize("name", public_methods())
@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(data=st.data())
def test_wrong_types_raise_the_projects_errors(shared, name, data):
    desk, case = shared
    desk.login("clerk", "clerk1234") if desk.user is None else None
    params = parameters(desk, name)
    if not params:
        return
    args, kwargs = [], {}
    for param in params:
        value = data.draw(junk, label=param.name)
        if param.kind is param.KEYWORD_ONLY:
            kwargs[param.name] = value
        else:
            args.append(value)
    try:
        with desk.batch():  # whatever junk manages to write is rolled back
            getattr(desk, name)(*args, **kwargs)
            raise _Rollback
    except _Rollback:
        pass
    except CounterdeskError:
        pass
    finally:
        if desk.user is None or desk.user.login != "clerk":
            desk.login("clerk", "clerk1234")


class _Rollback(Exception):
    """Undo a call that happened to accept the junk (e.g. text where text is wanted)."""
