"""CounterDesk's Qt desktop app (presentation only; the core lives in `counterdesk/`)."""
