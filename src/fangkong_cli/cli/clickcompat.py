"""Click's exception classes, wherever this typer keeps them (vendored in new releases)."""

from __future__ import annotations

from types import ModuleType


def click_exceptions() -> ModuleType:
    try:
        from typer._click import exceptions
    except ImportError:  # older typer depends on the click package instead
        import click.exceptions as exceptions  # type: ignore[import-not-found, no-redef]
    return exceptions


def click_core() -> ModuleType:
    try:
        from typer._click import core
    except ImportError:  # older typer depends on the click package instead
        import click.core as core  # type: ignore[import-not-found, no-redef]
    return core
