"""The reference district server: HTTP API, storage (PostgreSQL or SQLite), operations, CLI."""
