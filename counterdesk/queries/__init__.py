"""Read-side of the store: search, the chief's summaries, exports and the work lists."""
