"""Secrets in this process's memory: benchmarks and chaos runs that must leave nothing
on the machine, and the demo when not even its own folder can be written. Never for a
counter PC (a restart forgets the device token)."""

from __future__ import annotations


class MemorySecretStore:
    def __init__(self) -> None:
        self.items: dict[str, str] = {}

    def get(self, name: str) -> str | None:
        return self.items.get(name)

    def set(self, name: str, value: str) -> None:
        self.items[name] = value

    def delete(self, name: str) -> None:
        self.items.pop(name, None)

    def describe(self) -> str:
        return "in memory (this process only)"
