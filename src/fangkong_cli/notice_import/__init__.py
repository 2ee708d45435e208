"""Draft a checklist from a notice's own text (txt, docx, pdf): read, clean, structure, measures, YAML.

The core has no typer or rich: `draft.build_draft` turns a file into a `Draft`, `output.write_draft`
writes it as a checklist folder, and the `checklist import` command only renders the summary.
"""
