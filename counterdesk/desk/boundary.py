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


Checker = Callable[[Any, str], Any]


def _convert(hint: Any, value: Any, where: str) -> Any:
    """`value` if it fits `hint` (cleaned text for Text), else _Mismatch."""
    return _checker(hint)(value, where)


@functools.lru_cache(maxsize=256)
def _checker(hint: Any) -> Checker:
    """A function checking values against `hint`, built once per hint (calls are hot)."""
    origin = typing.get_origin(hint)
    args = typing.get_args(hint)
    if hint is Any or hint is object:
        return _any
    if origin is typing.Annotated:
        return _annotated(_checker(args[0]), [m for m in args[1:] if isinstance(m, Text)])
    if origin in (types.UnionType, typing.Union):
        return _union([_checker(a) for a in args])
    if origin is typing.Literal:
        return _literal(args)
    if origin in (list, tuple, Sequence):
        items = [a for a in args if a is not Ellipsis]
        return _sequence(_checker(items[0]) if items else _any)
    if origin in (dict, Mapping):
        key, value = args or (Any, Any)
        return _mapping(_checker(key), _checker(value))
    if hint is type(None):
        return _none
    if hint is int:
        return _int
    if isinstance(hint, type):
        return _instance(hint)
    return _any  # an annotation this gate does not understand: the method checks it


def _any(value: Any, where: str) -> Any:
    if isinstance(value, float):
        raise _Mismatch(where, is_float=True)
    return value


def _none(value: Any, where: str) -> Any:
    if value is None:
        return None
    raise _Mismatch(where)


def _int(value: Any, where: str) -> Any:
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    raise _Mismatch(where, is_float=isinstance(value, float))


def _instance(cls: type) -> Checker:
    def check(value: Any, where: str) -> Any:
        if isinstance(value, cls):
            return value
        raise _Mismatch(where, is_float=isinstance(value, float))

    return check


def _annotated(base: Checker, texts: list[Text]) -> Checker:
    def check(value: Any, where: str) -> Any:
        value = base(value, where)
        for item in texts:
            if isinstance(value, str):
                value = text.clean(value, where, item.label, item.limit, multiline=item.multiline)
        return value

    return check


def _union(options: list[Checker]) -> Checker:
    def check(value: Any, where: str) -> Any:
        misses = []
        for option in options:
            try:
                return option(value, where)
            except _Mismatch as miss:
                misses.append(miss)
        # A float somewhere inside the value says more than "wrong type".
        raise next((m for m in misses if m.is_float), _Mismatch(where))

    return check


def _literal(allowed: tuple) -> Checker:
    def check(value: Any, where: str) -> Any:
        if value in allowed and not isinstance(value, bool | float):
            return value
        raise _Mismatch(where)

    return check


def _sequence(item: Checker) -> Checker:
    def check(value: Any, where: str) -> Any:
        if not isinstance(value, list | tuple):
            raise _Mismatch(where)
        return type(value)(item(v, where) for v in value)

    return check


def _mapping(key: Checker, item: Checker) -> Checker:
    def check(value: Any, where: str) -> Any:
        if not isinstance(value, dict):
            raise _Mismatch(where)
        return {key(k, where): item(v, f"{where}.{k}") for k, v in value.items()}

    return check


def check_value(hint: Any, value: Any, name: str) -> Any:
    """Check one value against a hint; InvalidInput names the parameter and the types."""
    try:
        return _checker(hint)(value, name)
    except _Mismatch as exc:
        raise _refusal(hint, exc, name, value) from None


def checked(func: F) -> F:
    """Check every argument of `func` against its type hints before it runs."""
    signature = inspect.signature(func)
    params = signature.parameters
    simple = all(p.kind in (p.POSITIONAL_OR_KEYWORD, p.KEYWORD_ONLY) for p in params.values())
    positional = [n for n, p in params.items() if p.kind is p.POSITIONAL_OR_KEYWORD]
    required = {n for n, p in params.items() if p.default is p.empty}
    checkers: dict[str, Checker] | None = None
    hints: dict[str, Any] = {}

    def prepare() -> dict[str, Checker]:
        # Resolved at first call: every annotated name is imported by then.
        hints.update(typing.get_type_hints(func, include_extras=True))
        return {n: _checker(hints[n]) for n in params if n in hints and n not in ("self", "cls")}

    def check(name: str, value: Any) -> Any:
        assert checkers is not None
        checker = checkers.get(name)
        if checker is None:
            return value
        try:
            return checker(value, name)
        except _Mismatch as exc:
            raise _refusal(hints[name], exc, name, value) from None

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        nonlocal checkers
        if checkers is None:
            checkers = prepare()
        if not simple:  # *args / **kwargs: the general (slower) binding
            return _bound_call(func, signature, check, args, kwargs)
        if len(args) > len(positional):
            raise InvalidInput(f"调用 {func.__name__} 的参数过多")
        given = dict(zip(positional, args, strict=False))
        for name, value in kwargs.items():
            if name not in params or name in given:
                raise InvalidInput(f"调用 {func.__name__} 的参数 {name} 不对")
            given[name] = value
        missing = required - given.keys()
        if missing:
            raise InvalidInput(f"调用 {func.__name__} 缺少参数：{'、'.join(sorted(missing))}")
        checked_args = [check(n, v) for n, v in zip(positional, args, strict=False)]
        return func(*checked_args, **{n: check(n, v) for n, v in kwargs.items()})

    return typing.cast(F, wrapper)


def _refusal(hint: Any, exc: _Mismatch, name: str, value: Any) -> InvalidInput:
    where = exc.where or name
    if exc.is_float:
        return InvalidInput(
            f"参数 {where} 不能是小数（记录不含小数），请改为整数或文字", field=name
        )
    got = type(value).__name__
    return InvalidInput(
        f"参数 {where} 的类型不对：应为{_describe(hint)}，收到的是 {got}", field=name
    )


def _bound_call(
    func: Callable[..., Any],
    signature: inspect.Signature,
    check: Callable[[str, Any], Any],
    args: tuple,
    kwargs: dict[str, Any],
) -> Any:
    try:
        bound = signature.bind(*args, **kwargs)
    except TypeError as exc:
        raise InvalidInput(f"调用 {func.__name__} 的参数不对：{exc}") from None
    for name, value in list(bound.arguments.items()):
        kind = signature.parameters[name].kind
        if kind is inspect.Parameter.VAR_POSITIONAL:
            bound.arguments[name] = tuple(check(name, v) for v in value)
        elif kind is inspect.Parameter.VAR_KEYWORD:
            bound.arguments[name] = {k: check(name, v) for k, v in value.items()}
        else:
            bound.arguments[name] = check(name, value)
    return func(*bound.args, **bound.kwargs)


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
