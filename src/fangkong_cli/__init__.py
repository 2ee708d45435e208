"""fangkong: turn a notice into checklists, track a unit's compliance, report upward."""

__version__ = "0.2.0"
