"""The fields a finding's event may carry, in the order they are written (one list, for the
event log and its schema alike)."""

FIELD_ORDER = ("measure", "slot", "shortfall", "found", "rectification", "responsible", "deadline", "reason", "note")
