"""The frame of a 公文 around its body: title, document number, issuer, addressees; signature and date."""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date
from typing import NamedTuple

from .patterns import (
    CLOSING,
    DATE_LINE,
    DOC_KINDS,
    DOC_NUMBER,
    END_MATTER,
    ends_final,
    heading_style,
    parse_date_line,
)

ORG_SUFFIX = (
    "办公室",
    "办公厅",
    "总工会",
    "工会",
    "人民政府",
    "政府",
    "委员会",
    "指挥部",
    "领导小组",
    "工作组",
    "专班",
    "中心",
    "厅",
    "局",
    "处",
    "科",
    "室",
    "部",
    "办",
    "院",
    "会",
    "所",
    "站",
    "公司",
    "集团",
    "党委",
    "党组",
    "支部",
)
_NOT_ADDRESSEES = re.compile(r"如下|通知|特此|现将|现就|具体|要求|签发人")
_SCAN = 30  # the frame sits in the first and last lines; never scan deeper for it


class Frame(NamedTuple):
    title: str | None
    doc_number: str | None
    year: int | None  # from the document number, when there is one
    issuer: str | None
    addressees: tuple[str, ...]
    date: date | None
    body: tuple[str, ...]  # the lines between the frame's head and its foot
    head: tuple[str, ...]
    foot: tuple[str, ...]


def _nonempty(lines: Sequence[str], limit: int) -> list[int]:
    return [i for i, line in enumerate(lines) if line][:limit]


def addressee_index(lines: Sequence[str]) -> int | None:
    """The line "各市（州）总工会，省级产业工会：" that ends the head of the notice."""
    for i in _nonempty(lines, _SCAN):
        line = lines[i]
        if heading_style(line):
            return None
        if line[-1] in "：:" and "。" not in line and len(line) <= 200 and not _NOT_ADDRESSEES.search(line):
            return i
    return None


def _is_title_start(line: str) -> bool:
    if DOC_NUMBER.search(line) or DATE_LINE.match(line) or len(line) > 120:
        return False
    return "关于" in line or line.endswith(DOC_KINDS)


def title_lines(lines: Sequence[str], stop: int) -> tuple[int, int] | None:
    """[first, last] line of the title: it starts with 关于 (or names the kind) and ends with the kind."""
    candidates = [i for i in _nonempty(lines, _SCAN) if i < stop]
    for n, i in enumerate(candidates):
        if not _is_title_start(lines[i]):
            continue
        last = i
        text = lines[i]
        for j in candidates[n + 1 : n + 4]:
            nxt = lines[j]
            if (
                text.endswith(DOC_KINDS)
                or heading_style(nxt)
                or DOC_NUMBER.search(nxt)
                or ends_final(nxt)
                or "。" in nxt
            ):
                break
            text += lines[j]
            last = j
        return i, last
    return None


def split_issuer(title: str) -> tuple[str | None, str]:
    """ "青海省总工会办公室关于…的通知" -> ("青海省总工会办公室", "关于…的通知")."""
    at = title.find("关于")
    relay = title.find("转发")  # "××办公室转发××关于…的通知": the issuer is the one who relays
    if 1 < relay and (at < 0 or relay < at) and title[:relay].endswith(ORG_SUFFIX):
        return title[:relay], title[relay:]
    if at > 1 and title[:at].endswith(ORG_SUFFIX):
        return title[:at], title[at:]
    return None, title


def _signature(lines: Sequence[str], date_at: int) -> tuple[str | None, int]:
    """The issuer signed just above the date, and the line where the body's foot starts."""
    before = [i for i in range(date_at - 1, max(-1, date_at - 4), -1) if lines[i]]
    start = date_at
    name = None
    for i in before:
        line = lines[i]
        if ends_final(line) or heading_style(line) or len(line) > 40 or CLOSING.match(line):
            break
        name = line if name is None else name
        start = i
    return name, start


def _foot(lines: Sequence[str], begin: int) -> tuple[int, date | None, str | None]:
    """Where the body ends: at the attachments list, 特此通知, or the signature and date."""
    for i in range(begin, len(lines)):
        line = lines[i]
        if not line:
            continue
        if CLOSING.match(line) or (END_MATTER.match(line) and line.startswith(("附件", "抄送", "抄报", "印发"))):
            when, issuer, _ = _date_after(lines, i)
            return i, when, issuer
        if DATE_LINE.match(line):
            issuer, start = _signature(lines, i)
            return start, parse_date_line(line), issuer
    return len(lines), None, None


def _date_after(lines: Sequence[str], begin: int) -> tuple[date | None, str | None, int]:
    for i in range(begin, len(lines)):
        if lines[i] and DATE_LINE.match(lines[i]):
            issuer, start = _signature(lines, i)
            return parse_date_line(lines[i]), issuer, start
    return None, None, len(lines)


def _header_issuer(lines: Sequence[str], stop: int) -> str | None:
    """The 发文机关标志 at the top ("××市总工会文件"), when the title does not name the issuer."""
    for i in _nonempty(lines, 5):
        if i >= stop:
            break
        line = re.sub(r"文件$", "", lines[i])
        if line.endswith(ORG_SUFFIX) and len(line) <= 30 and not DOC_NUMBER.search(line):
            return line
    return None


def read_frame(lines: Sequence[str]) -> Frame:
    """Split the notice into its head, body and foot, and read the head's and foot's fields."""
    addr = addressee_index(lines)
    stop = addr if addr is not None else len(lines)
    span = title_lines(lines, stop)
    head_end = addr + 1 if addr is not None else (span[1] + 1 if span is not None else 0)
    title = "".join(lines[span[0] : span[1] + 1]) if span is not None else None
    head = [line for line in lines[:head_end] if line]
    number_match = next((m for m in map(DOC_NUMBER.search, head) if m), None)
    doc_number = re.sub(r"\s+", "", number_match.group(0)) if number_match else None
    year = int(number_match.group(1)) if number_match else None
    issuer = None
    if title is not None:
        issuer, title = split_issuer(title)
    foot, when, signed = _foot(lines, head_end)
    issuer = issuer or signed or _header_issuer(lines, head_end)
    addressees: tuple[str, ...] = ()
    if addr is not None:
        text = lines[addr]
        before = [i for i in range(addr) if lines[i]]
        if before and lines[before[-1]].endswith(("，", "、", ",")) and (span is None or before[-1] > span[1]):
            text = lines[before[-1]] + text  # the addressees wrapped onto a second line
        addressees = tuple(a.strip() for a in re.split(r"[，、,；;]", text.rstrip("：:")) if a.strip())
    body = tuple(lines[head_end:foot])
    return Frame(
        title, doc_number, year, issuer, addressees, when, body, tuple(head), tuple(x for x in lines[foot:] if x)
    )
