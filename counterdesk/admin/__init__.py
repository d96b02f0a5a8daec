"""Keeping a counter PC healthy: scheduled backups, diagnostics, self-test, setup, logs."""
