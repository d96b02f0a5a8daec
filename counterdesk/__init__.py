"""CounterDesk core: domain, storage and printing. No Qt, no network, no server."""

__version__ = "0.1.0"
