"""CounterDesk's Qt desktop app (presentation only; the core lives in `counterdesk/`)."""

from ui.runtime import freeze_heap

# What is alive when the UI package loads (the core's modules, pypinyin's dictionaries)
# lives as long as the app: frozen now, it is out of the reach of the full collection
# that the imports which follow (Qt, the login, the window) would otherwise trigger, a
# walk of every object that took ~45 ms before the login and collected nothing.
freeze_heap()
