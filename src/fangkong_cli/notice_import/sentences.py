"""Cut a paragraph into sentences, clauses and 一是…二是… items, never inside quotes or brackets.

Every piece is a slice of the paragraph, so a measure's source is always the notice's own text.
"""

from __future__ import annotations

import re

_OPEN = "“‘《（(【〔「『［"
_CLOSE = "”’》）)】〕」』］"
SENTENCE_SEPS = "。！？；!?;"
CLAUSE_SEPS = "，,：:"
_ENUMERATOR = re.compile(
    r"(?:[一二三四五六七八九十]{1,2}是|[一二三四五六七八九十]要(?=[^求点])|第[一二三四五六七八九十]{1,2}[，,、]|[（(][0-9]{1,2}[）)]|[①-⑳])"
)
_FIRST = re.compile(r"一是|一要|第一|[（(]1[）)]|①")
_PUNCT_TAIL = "，,。；;：:！!？?. "


def _split(text: str, seps: str) -> list[str]:
    """Pieces of `text`, each ending with its separator, cut only outside quotes and brackets."""
    pieces: list[str] = []
    depth = 0
    straight = False
    start = 0
    for i, ch in enumerate(text):
        if ch in _OPEN:
            depth += 1
        elif ch in _CLOSE:
            depth = max(0, depth - 1)
        elif ch == '"':
            straight = not straight
        elif (ch in seps or (ch == "." and "。" in seps and _full_stop(text, i))) and depth == 0 and not straight:
            pieces.append(text[start : i + 1])
            start = i + 1
    if text[start:].strip():
        pieces.append(text[start:])
    return [p for p in pieces if p.strip(_PUNCT_TAIL)]


def _full_stop(text: str, i: int) -> bool:
    """A half-width "." ending a Chinese sentence (not 1.5, not www.example.org)."""
    before = text[i - 1] if i > 0 else ""
    after = text[i + 1] if i + 1 < len(text) else ""
    return ("\u4e00" <= before <= "\u9fff" or before in "”）)") and not (after.isascii() and after.isalnum())


def sentences(paragraph: str) -> list[str]:
    return _split(paragraph, SENTENCE_SEPS)


def clauses(sentence: str) -> list[str]:
    return _split(sentence, CLAUSE_SEPS)


def core(piece: str) -> str:
    """A piece without its surrounding spaces and trailing punctuation: what a `source` holds."""
    return piece.strip().rstrip(_PUNCT_TAIL).strip()


def enumerator_at_start(piece: str) -> bool:
    return bool(_ENUMERATOR.match(piece.strip()))


def split_enumerated(sentence: str) -> tuple[str, list[str]] | None:
    """("lead-in", [items]) when the sentence lists 一是…，二是… (at its start or after , or :)."""
    starts = []
    for match in _ENUMERATOR.finditer(sentence):
        before = sentence[: match.start()].rstrip()
        if match.start() == 0 or (before and before[-1] in CLAUSE_SEPS + "；;"):
            if not _inside_brackets(sentence, match.start()):
                starts.append(match.start())
    if not starts or (len(starts) == 1 and starts[0] > 0 and not _FIRST.match(sentence, starts[0])):
        return None
    lead = sentence[: starts[0]]
    items = [sentence[a:b] for a, b in zip(starts, [*starts[1:], len(sentence)], strict=True)]
    return lead, items


def _inside_brackets(text: str, at: int) -> bool:
    depth = 0
    for ch in text[:at]:
        if ch in _OPEN:
            depth += 1
        elif ch in _CLOSE:
            depth = max(0, depth - 1)
    return depth > 0
