"""Demo and test data: a realistic center generated through the real workflow calls."""

from counterdesk.demo.generator import COUNTERS, DEMO_PASSWORD, STAFF, DemoStats, generate

__all__ = ["COUNTERS", "DEMO_PASSWORD", "STAFF", "DemoStats", "generate"]
