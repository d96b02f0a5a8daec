"""SQLite storage: connection settings and versioned migrations."""
