"""Every paper the counter hands out, rendered to PDF with ReportLab (no Qt, no network)."""
