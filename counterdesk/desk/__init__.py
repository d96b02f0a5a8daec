"""The facade a clerk, a chief or an admin acts through, and the services it holds."""

from counterdesk.desk.facade import CenterInfo, Desk, VerifyReport

__all__ = ["CenterInfo", "Desk", "VerifyReport"]
