"""A facade method that hands the call to one of the facade's services.

`accept = delegate("intake", Intake.accept)` makes `desk.accept(...)` call
`desk.intake.accept(...)` with the same signature and docstring (a type checker
sees the service method's parameters through the ParamSpec).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Concatenate, Generic, ParamSpec, TypeVar, overload

P = ParamSpec("P")
R = TypeVar("R")


class delegate(Generic[P, R]):  # noqa: N801 - used like a decorator-style descriptor
    def __init__(self, service: str, method: Callable[Concatenate[Any, P], R]) -> None:
        self.service = service
        self.name = method.__name__
        self.__doc__ = method.__doc__

    @overload
    def __get__(self, owner_self: None, owner: type) -> delegate[P, R]: ...

    @overload
    def __get__(self, owner_self: object, owner: type) -> Callable[P, R]: ...

    def __get__(self, owner_self: object | None, owner: type) -> Any:
        if owner_self is None:
            return self
        return getattr(getattr(owner_self, self.service), self.name)
