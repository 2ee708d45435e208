"""Guess a measure's frequency from the words of its sentence (每天 → daily, 3月31日前 → once, due).

Every guess carries the reason, as a catalog key and its parameters, so the draft can say why.
"""

from __future__ import annotations

import calendar
import re
from datetime import date, timedelta
from typing import Any, NamedTuple

from ..models import Frequency

_D = r"[0-9０-９]{1,2}"
_YEAR = r"(?:((?:19|20)[0-9]{2})年)?"
_WINDOW = re.compile(rf"{_YEAR}({_D})月({_D})日?\s*(?:至|到|—|－|-|～|~)\s*{_YEAR}(?:({_D})月)?({_D})日")
_DEADLINE = re.compile(rf"{_YEAR}({_D})月({_D})日\s*(前|之前|以前|止|24时前|下班前)?")
_MONTH_PART = re.compile(rf"{_YEAR}({_D})月(底|末|上旬|中旬|下旬)")
_YEAR_END = re.compile(r"(年底|年末|年内)前?")
_EVENT = re.compile(
    r"一旦|一经发现|如遇|如有|遇有|遇到|遇突发|如发现|如发生|若发生|发现.{0,12}(?:立即|及时|第一时间|要|须|必须)|出现.{0,16}(?:时|后)|发生.{0,16}(?:时|后)|随时|第一时间"
)

# (pattern, frequency, the word shown in the reason, needs review)
_EVERY: tuple[tuple[re.Pattern[str], Frequency, bool], ...] = (
    (re.compile(r"每个工作日|每工作日|工作日每天|工作日期间每天"), Frequency.WORKDAY, False),
    (re.compile(r"每天|每日|每晚|每早|天天|逐日|日报告?|一日一报|日清|每班"), Frequency.DAILY, False),
    (re.compile(r"每两周|每半月|半月报|双周"), Frequency.WEEKLY, True),
    (re.compile(r"每周|每星期|每个星期|周报|一周一|每礼拜|按周"), Frequency.WEEKLY, False),
    (re.compile(r"每季度?|每个季度|季报|按季|季度末"), Frequency.QUARTERLY, False),
    (re.compile(r"每月|每个月|月报|一月一|按月|月底前报|逐月"), Frequency.MONTHLY, False),
    (re.compile(r"定期"), Frequency.MONTHLY, True),
)
_ONGOING = re.compile(r"持续|常态化|长期|经常性?|始终|坚持不懈")
_NO_PERIOD = re.compile(r"每半年|每年|年报|按年|适时|不定期|择机")


class Cadence(NamedTuple):
    frequency: Frequency
    reason: str  # catalog key
    params: dict[str, Any]
    due: date | None = None
    start: date | None = None
    end: date | None = None
    review: str | None = None  # catalog key of the doubt, when the guess needs a person


def _int(text: str) -> int:
    return int(text.translate(str.maketrans("０１２３４５６７８９", "0123456789")))


def _date(year: int | None, month: int, day: int, base: date | None) -> date | None:
    if year is None:
        return None
    try:
        found = date(year, month, day)
    except ValueError:
        return None
    if base is not None and found < base - timedelta(days=31):  # "1月10日前" in a December notice
        found = found.replace(year=year + 1)
    return found


def _reference_year(year_text: str | None, year: int | None) -> int | None:
    return int(year_text) if year_text else year


def _window(text: str, year: int | None, base: date | None) -> Cadence | None:
    match = _WINDOW.search(text)
    if not match:
        return None
    y1 = _reference_year(match.group(1), year)
    y2 = _reference_year(match.group(4), y1)
    start = _date(y1, _int(match.group(2)), _int(match.group(3)), base)
    month2 = _int(match.group(5)) if match.group(5) else _int(match.group(2))
    end = _date(y2, month2, _int(match.group(6)), base)
    if start is None or end is None or end < start:
        return Cadence(Frequency.ONCE, "imp.why.window_no_year", {"text": match.group(0)}, review="imp.review.no_year")
    return Cadence(Frequency.WINDOW, "imp.why.window", {"text": match.group(0)}, start=start, end=end)


def _deadline(text: str, year: int | None, base: date | None) -> Cadence | None:
    part = _MONTH_PART.search(text)
    match = _DEADLINE.search(text)
    if match:
        before = bool(match.group(4))
        y = _reference_year(match.group(1), year)
        due = _date(y, _int(match.group(2)), _int(match.group(3)), base if before else None)
        key = "imp.why.deadline" if before else "imp.why.dated"
        if due is not None and base is not None and not before and due < base:
            return None  # "1月20日会议精神": a day already past when the notice was written
    elif part:
        y = _reference_year(part.group(1), year)
        month = _int(part.group(2))
        last = calendar.monthrange(y, month)[1] if y is not None and 1 <= month <= 12 else 28
        day = {"上旬": 10, "中旬": 20}.get(part.group(3), last)
        due = _date(y, month, day, base)
        match, key = part, "imp.why.deadline"
    else:
        end = _YEAR_END.search(text)
        if not end:
            return None
        due = date(year, 12, 31) if year is not None else None
        match, key = end, "imp.why.deadline"
    if due is None:
        return Cadence(
            Frequency.ONCE, "imp.why.deadline_no_year", {"text": match.group(0)}, review="imp.review.no_year"
        )
    return Cadence(Frequency.ONCE, key, {"text": match.group(0), "date": due.isoformat()}, due=due)


def guess(text: str, year: int | None, base: date | None, context: str = "") -> Cadence:
    """The frequency of one measure from its own words (then from its list's lead-in, `context`)."""
    found = _guess(text, year, base)
    if found is None and context:
        found = _guess(context, year, base)
        if found is not None:
            found = found._replace(params={**found.params, "text": found.params.get("text", "") + "（总起句）"})
    return found or Cadence(Frequency.ONCE, "imp.why.default", {})


def _guess(text: str, year: int | None, base: date | None) -> Cadence | None:
    every = [(m, f, r) for p, f, r in _EVERY if (m := p.search(text))]
    if every:
        match, frequency, doubtful = min(every, key=lambda e: e[0].start())
        review = "imp.review.vague" if doubtful else None
        if len({f for _, f, _ in every}) > 1:
            review = "imp.review.several"
        return Cadence(frequency, "imp.why.every", {"text": match.group(0)}, review=review)
    for finder in (_window, _deadline):
        found = finder(text, year, base)
        if found is not None:
            return found
    event = _EVENT.search(text)
    if event:
        return Cadence(Frequency.AS_NEEDED, "imp.why.event", {"text": event.group(0)})
    no_period = _NO_PERIOD.search(text)
    if no_period:
        return Cadence(Frequency.ONCE, "imp.why.no_period", {"text": no_period.group(0)}, review="imp.review.vague")
    ongoing = _ONGOING.search(text)
    if ongoing:
        return Cadence(Frequency.MONTHLY, "imp.why.ongoing", {"text": ongoing.group(0)})
    return None
