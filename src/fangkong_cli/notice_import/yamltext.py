"""Write a draft as checklist YAML text by hand, so each guess can carry its reason as a comment.

Every free-text value is written as a double-quoted scalar with YAML escapes: quotes, colons, `#`,
newlines, a leading `-`, `08:30` or `no` all read back as exactly the text they were.
"""

from __future__ import annotations

from pathlib import Path

from ..messages import Lang, t
from .draft import Draft, DraftMeasure, DraftSection

_ESCAPES = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\t": "\\t", "\r": "\\r", "\x00": "\\0"}


def _zh(key: str, **params: object) -> str:
    """Comments are in Chinese whatever --lang says: the checklist is a Chinese document."""
    lang: Lang = "zh"
    return t(lang, key, **params)


def quote(text: str) -> str:
    """A YAML double-quoted scalar holding exactly `text`."""
    out = []
    for ch in text:
        code = ord(ch)
        if ch in _ESCAPES:
            out.append(_ESCAPES[ch])
        elif (
            code < 0x20
            or 0x7F <= code <= 0x9F
            or code in (0x2028, 0x2029, 0xFEFF)
            or 0xD800 <= code <= 0xDFFF
            or code in (0xFFFE, 0xFFFF)
        ):
            out.append(f"\\x{code:02x}" if code <= 0xFF else f"\\u{code:04x}")
        else:
            out.append(ch)
    return '"' + "".join(out) + '"'


def comment(text: str) -> str:
    """One comment line's text: no line breaks, no control characters."""
    kept = []
    for c in text:
        code = ord(c)
        if c in "\t\r\n\x85\u2028\u2029":
            kept.append(" ")
        elif (
            code >= 0x20
            and not 0x7F <= code <= 0x9F
            and code not in (0xFEFF, 0xFFFE, 0xFFFF)
            and not 0xD800 <= code <= 0xDFFF
        ):
            kept.append(c)
    return "".join(kept).strip()


def _why(measure: DraftMeasure) -> str:
    return _zh(measure.cadence.reason, **measure.cadence.params)


def _measure_lines(m: DraftMeasure) -> list[str]:
    c = m.cadence
    lines = [
        f"  - id: {quote(m.id)}",
        f"    title: {quote(m.title)}",
        f"    source: {quote(m.source)}",
        f"    frequency: {c.frequency.value}  # {comment(_zh('imp.yaml.guess', reason=_why(m)))}",
    ]
    if c.due is not None:
        lines.append(f"    due: {quote(c.due.isoformat())}")
    if c.start is not None and c.end is not None:
        lines += [f"    start: {quote(c.start.isoformat())}", f"    end: {quote(c.end.isoformat())}"]
    lines.append(f"    evidence: {quote(m.evidence)}  # {comment(_zh('imp.yaml.evidence'))}")
    for review in m.review:
        lines.append(f"    # {comment(_zh('imp.yaml.review', text=_zh(review.key, **review.params)))}")
    return lines


def render_section(draft: Draft, section: DraftSection) -> str:
    lines = [
        f"# {comment(_zh('imp.yaml.header', file=Path(draft.source_file).name))}",
        "section:",
        f"  id: {quote(section.id)}",
        f"  number: {quote(section.number)}",
        f"  title: {quote(section.title)}",
    ]
    if section.source:
        lines.append(f"  source: {quote(section.source)}")
    lines.append("measures:")
    path: tuple[str, ...] = ()
    for measure in section.measures:
        if measure.path and measure.path != path:
            lines.append(f"  # {comment(' / '.join(measure.path))}")
        path = measure.path
        lines += _measure_lines(measure)
    if section.skipped:
        lines.append(f"# {comment(_zh('imp.yaml.skipped'))}")
        lines += [f"# - {comment(s)}" for s in section.skipped]
    return "\n".join(lines) + "\n"


def render_notice(draft: Draft) -> str:
    lines = [f"# {comment(_zh('imp.yaml.header', file=Path(draft.source_file).name))}"]
    if draft.date is not None:
        lines.append(f"# {comment(_zh('imp.yaml.date', date=draft.date.isoformat()))}")
    lines += [
        "notice:",
        f"  id: {quote(draft.notice_id)}",
        f"  title: {quote(draft.title)}",
        f"  doc_number: {quote(draft.doc_number)}",
        f"  issuer: {quote(draft.issuer)}",
    ]
    if draft.addressees:
        lines.append("  addressees:")
        lines += [f"    - {quote(a)}" for a in draft.addressees]
    else:
        lines.append("  addressees: []")
    if draft.preamble:
        lines.append(f"  preamble: {quote(draft.preamble)}")
    if draft.reporting is not None:
        lines += [
            "  reporting:",
            f"    to: {quote(draft.reporting.to)}",
            f"    source: {quote(draft.reporting.source)}",
        ]
    for review in draft.review:
        lines.append(f"# {comment(_zh('imp.yaml.review', text=_zh(review.key, **review.params)))}")
    return "\n".join(lines) + "\n"


def render_files(draft: Draft) -> dict[str, str]:
    """File name -> text: notice.yaml, one N.yaml per top-level section, and the cleaned notice."""
    files = {"notice.yaml": render_notice(draft)}
    width = len(str(len(draft.sections)))  # 01.yaml … 12.yaml: files are read in name order
    for section in draft.sections:
        files[f"{section.id.zfill(width)}.yaml"] = render_section(draft, section)
    files["notice.txt"] = draft.text
    return files
