"""The command-line layer: typer commands, consoles and renderers."""
