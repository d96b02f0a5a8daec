"""Sync between counter PCs and the district server: shared protocol, client, reference server."""
