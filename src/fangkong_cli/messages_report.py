"""Catalog entries of the report and aggregate commands: key -> (zh, en)."""

from __future__ import annotations

REPORT_MESSAGES: dict[str, tuple[str, str]] = {}
