"""The core's one input gate: every public call of the desk checks its arguments here.

A method's type hints are its contract. `@checked` (or `checked_methods` for a
whole class) binds each call's arguments and checks them against the hints
before the method runs, so a number for a name, `None` for a reason or a
string for a list raises the project's `InvalidInput` naming the parameter,
never `AttributeError` or `TypeError` from deep inside. Text declared as
`Annotated[str, Text(...)]` is also cleaned (`domain.text.clean`: control and
bidi characters refused, zero-width characters stripped, blanks trimmed,
length limited) and the method receives the cleaned value. Floats are refused
wherever a hint does not name them: the canonical encoding carries none.
"""

from __future__ import annotations

import functools
import inspect
import types
import typing
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, TypeVar

from counterdesk.domain import text
from counterdesk.domain.errors import InvalidInput

F = TypeVar("F", bound=Callable[..., Any])
C = TypeVar("C", bound=type)


@dataclass(frozen=True)
class Text:
    """Metadata for `Annotated[str, Text(label, limit)]`: clean and limit the text."""

    label: str
    limit: int
    multiline: bool = False


class _Mismatch(Exception):
    """Internal: the value does not fit the hint (turned into InvalidInput)."""

    def __init__(self, where: str, is_float: bool = False) -> None:
        super().__init__(where)
        self.where, self.is_float = where, is_float


_NAMES = {str: "文字", int: "整数", bool: "是/否（布尔值）", dict: "对象", list: "列表"}


def _describe(hint: Any) -> str:
    origin = typing.get_origin(hint)
    if origin is typing.Annotated:
        return _describe(typing.get_args(hint)[0])
    if origin in (types.UnionType, typing.Union):
        return " 或 ".join(_describe(a) for a in typing.get_args(hint) if a is not type(None))
    if origin in (list, tuple, Sequence):
        return "列表"
    if origin in (dict, Mapping):
        return "对象"
    if hint is type(None):
        return "空"
    return _NAMES.get(hint, getattr(hint, "__name__", str(hint)))


def _convert(hint: Any, value: Any, where: str) -> Any:
    """`value` if it fits `hint` (cleaned text for Text), else _Mismatch."""
    if hint is Any or hint is object:
        if isinstance(value, float):
            raise _Mismatch(where, is_float=True)
        return value
    origin = typing.get_origin(hint)
    if origin is typing.Annotated:
        base, *meta = typing.get_args(hint)
        value = _convert(base, value, where)
        for item in meta:
            if isinstance(item, Text) and isinstance(value, str):
                value = text.clean(value, where, item.label, item.limit, multiline=item.multiline)
        return value
    if origin in (types.UnionType, typing.Union):
        misses = []
        for option in typing.get_args(hint):
            try:
                return _convert(option, value, where)
            except _Mismatch as miss:
                misses.append(miss)
        # A float somewhere inside the value says more than "wrong type".
        raise next((m for m in misses if m.is_float), _Mismatch(where))
    if origin is typing.Literal:
        if value in typing.get_args(hint) and not isinstance(value, bool | float):
            return value
        raise _Mismatch(where)
    if origin in (list, tuple, Sequence):
        if not isinstance(value, list | tuple):
            raise _Mismatch(where)
        args = [a for a in typing.get_args(hint) if a is not Ellipsis] or [Any]
        return type(value)(_convert(args[0], item, where) for item in value)
    if origin in (dict, Mapping):
        if not isinstance(value, dict):
            raise _Mismatch(where)
        key_hint, value_hint = typing.get_args(hint) or (Any, Any)
        return {
            _convert(key_hint, k, where): _convert(value_hint, v, f"{where}.{k}")
            for k, v in value.items()
        }
    if hint is type(None):
        if value is None:
            return None
        raise _Mismatch(where)
    if hint is int and (isinstance(value, bool) or not isinstance(value, int)):
        raise _Mismatch(where)
    if isinstance(value, float):
        raise _Mismatch(where, is_float=True)
    if isinstance(hint, type) and not isinstance(value, hint):
        raise _Mismatch(where)
    return value


def check_value(hint: Any, value: Any, name: str) -> Any:
    """Check one value against a hint; InvalidInput names the parameter and the types."""
    try:
        return _convert(hint, value, name)
    except _Mismatch as exc:
        where = exc.where or name
        if exc.is_float:
            raise InvalidInput(
                f"参数 {where} 不能是小数（记录不含小数），请改为整数或文字", field=name
            ) from None
        got = type(value).__name__
        raise InvalidInput(
            f"参数 {where} 的类型不对：应为{_describe(hint)}，收到的是 {got}", field=name
        ) from None


def checked(func: F) -> F:
    """Check every argument of `func` against its type hints before it runs."""
    signature = inspect.signature(func)
    hints: dict[str, Any] | None = None

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        nonlocal hints
        if hints is None:  # resolved at first call: every annotated name is imported by then
            hints = typing.get_type_hints(func, include_extras=True)
        try:
            bound = signature.bind(*args, **kwargs)
        except TypeError as exc:
            raise InvalidInput(f"调用 {func.__name__} 的参数不对：{exc}") from None
        for name, value in list(bound.arguments.items()):
            hint = hints.get(name)
            if hint is None or name == "self":
                continue
            kind = signature.parameters[name].kind
            if kind is inspect.Parameter.VAR_POSITIONAL:
                bound.arguments[name] = tuple(check_value(hint, v, name) for v in value)
            elif kind is inspect.Parameter.VAR_KEYWORD:
                bound.arguments[name] = {k: check_value(hint, v, k) for k, v in value.items()}
            else:
                bound.arguments[name] = check_value(hint, value, name)
        return func(*bound.args, **bound.kwargs)

    return typing.cast(F, wrapper)


def checked_methods(cls: C) -> C:
    """`checked` on every public method a class defines (its facade calls)."""
    for name, member in list(vars(cls).items()):
        if name.startswith("_") or not inspect.isfunction(member):
            continue
        setattr(cls, name, checked(member))
    return cls


# ---- the kinds of text the facade's calls take ----------------------------------------

Key = typing.Annotated[str, Text("案件编号", text.SHORT)]
Code = typing.Annotated[str, Text("编码", text.SHORT)]
Login = typing.Annotated[str, Text("登录名", text.SHORT)]
Short = typing.Annotated[str, Text("内容", text.SHORT)]
Line = typing.Annotated[str, Text("内容", text.LINE)]
Reason = typing.Annotated[str, Text("理由", text.REASON, multiline=True)]
Note = typing.Annotated[str, Text("备注", text.NOTE, multiline=True)]
Long = typing.Annotated[str, Text("内容", text.LONG, multiline=True)]
Name = typing.Annotated[str, Text("姓名", text.NAME)]
