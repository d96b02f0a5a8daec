"""Pure rules of a case's life: records, workflow fold, catalog, working days, people and
their IDs, the hybrid clock, errors and change types. No SQL, no I/O beyond reading shipped data."""
