"""A report and a roll-up built by hand, without a workspace, for the writers' whole-output tests."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

from fangkong_cli.aggregate import Duplicate, Rollup, TopMeasure
from fangkong_cli.completeness import Completeness, NodeRollup
from fangkong_cli.evaluation import Figures
from fangkong_cli.models import Evidence
from fangkong_cli.report import (
    Bar,
    MeasureLine,
    NotApplicable,
    Period,
    Report,
    Run,
    SectionPart,
    SignOff,
    SlotLine,
)
from fangkong_cli.unit_reports import SectionHead, UnitReport

TZ = timezone(timedelta(hours=8))
WEEK = Period(date(2021, 1, 18), date(2021, 1, 24), "2021-W03")


def _at(day: int, hour: int = 9) -> datetime:
    return datetime(2021, 1, day, hour, 30, tzinfo=TZ)


def _day(day: int, state: str, **extra: object) -> SlotLine:
    d = date(2021, 1, day)
    return SlotLine(d.isoformat(), d, d, state, **extra)  # type: ignore[arg-type]


DAILY = MeasureLine(
    id="7.10",
    title="门岗测温登记",
    frequency="daily",
    state="overdue",
    detail=None,
    figures=Figures(due=7, answered=5, done=4, partial=1, not_done=0, na=0, overdue=2, late=1),
    slots=(
        _day(18, "done", by="李梅", at=_at(18), note="来访 12 人，体温正常"),
        _day(19, "done", by="李梅", at=_at(19)),
        _day(20, "overdue"),
        _day(21, "overdue"),
        _day(
            22,
            "partial",
            by="王强",
            at=_at(22),
            note="=SUM(A1:A3)",
            evidence=(Evidence("url", "https://example.org/p/22"),),
        ),
        _day(23, "done", late=True, by="王强", at=_at(25)),
        _day(24, "done", by="李梅", at=_at(24)),
    ),
    events=(),
    overdue=(Run("2021-01-20", "2021-01-21", 2),),
)
ONCE = MeasureLine(
    id="7.2",
    title="修订应急预案",
    frequency="once",
    state="done",
    detail=None,
    figures=Figures(due=1, answered=1, done=1),
    slots=(
        SlotLine(
            "once",
            date(2021, 1, 4),
            date(2021, 1, 31),
            "done",
            by="李梅",
            at=_at(20, 15),
            evidence=(Evidence("file", "evidence/预案.pdf", "ab" * 32),),
        ),
    ),
    events=(),
    overdue=(),
)
WEEKLY = MeasureLine(
    id="8.1",
    title="社区宣传 <海报> & 推送",
    frequency="weekly",
    state="na",
    detail=None,
    figures=Figures(due=1, answered=1, na=1),
    slots=(
        SlotLine(
            "2021-W03", date(2021, 1, 18), date(2021, 1, 24), "na", by="王强", at=_at(22), reason="本周无集中活动"
        ),
    ),
    events=(),
    overdue=(),
)
TAILORED = MeasureLine(
    id="8.2",
    title="文化宫场馆消杀",
    frequency="workday",
    state="na",
    detail=None,
    figures=Figures(due=5, answered=5, na=5),
    slots=tuple(_day(d, "na", reason="本单位无场馆", tailored=True) for d in range(18, 23)),
    events=(),
    overdue=(),
)
AS_NEEDED = MeasureLine(
    id="8.3",
    title="发现病例后四早处置",
    frequency="as_needed",
    state="na",
    detail="as_needed",
    figures=Figures(),
    slots=(),
    events=(
        SlotLine(
            "2021-01-21", date(2021, 1, 21), date(2021, 1, 21), "done", by="李梅", at=_at(21, 20), note="演练一次"
        ),
    ),
    overdue=(),
)


def _bars(due: list[int], answered: list[int]) -> tuple[Bar, ...]:
    days = [date(2021, 1, 18) + timedelta(days=i) for i in range(7)]
    return tuple(Bar(d.strftime("%m-%d"), d, d, u, a) for d, u, a in zip(days, due, answered, strict=True))


def _sum(*lines: MeasureLine) -> Figures:
    total = Figures()
    for line in lines:
        total.merge(line.figures)
    return total


SECTIONS = (
    SectionPart(
        "7", "七", "值班与测温", _sum(DAILY, ONCE), (ONCE, DAILY), _bars([1, 1, 1, 1, 1, 1, 2], [1, 1, 0, 0, 1, 1, 2])
    ),
    SectionPart(
        "8",
        "八",
        "宣传与场馆",
        _sum(WEEKLY, TAILORED, AS_NEEDED),
        (WEEKLY, TAILORED, AS_NEEDED),
        _bars([1, 1, 1, 1, 1, 0, 1], [1, 1, 1, 1, 1, 0, 1]),
    ),
)


def hand_report() -> Report:
    return Report(
        checklist="demo-notice",
        notice_title="关于做好冬春季值守工作的通知",
        doc_number="示例办〔2021〕9号",
        issuer="示例总工会办公室",
        report_to="示例总工会办公室",
        unit_id="hd-01",
        unit_name="河东区总工会",
        period=WEEK,
        as_of=date(2021, 1, 24),
        figures=_sum(DAILY, ONCE, WEEKLY, TAILORED, AS_NEEDED),
        sections=SECTIONS,
        not_applicable=(
            NotApplicable("8.1", WEEKLY.title, "本周无集中活动", False, ("2021-W03",)),
            NotApplicable("8.2", TAILORED.title, "本单位无场馆", True, tuple(s.key for s in TAILORED.slots)),
        ),
        signoff=SignOff("李梅", "0000-1234567", "", "2021-01-24"),
    )


def hand_rollup() -> Rollup:
    heads = (SectionHead("7", "七", "值班与测温"), SectionHead("8", "八", "宣传与场馆"))
    units = (
        UnitReport(
            "hd-01",
            "河东区总工会",
            "demo-notice",
            "关于做好冬春季值守工作的通知",
            "示例办〔2021〕9号",
            WEEK,
            date(2021, 1, 24),
            "hd-01.json",
            0.0,
            _sum(DAILY, ONCE, WEEKLY),
            ((heads[0], _sum(DAILY, ONCE)), (heads[1], _sum(WEEKLY))),
            (),
        ),
        UnitReport(
            "3005",
            "西川镇工会",
            "demo-notice",
            None,
            None,
            WEEK,
            date(2021, 1, 23),
            "3005.json",
            0.0,
            _sum(ONCE),
            ((heads[0], _sum(ONCE)),),
            (),
            lights=(1, 2, 0),
        ),
    )
    levels = (  # the union tree: the city above, a district below it
        NodeRollup("city", "示例市总工会", None, 1, Completeness(3, 2, 1), _sum(DAILY, ONCE, WEEKLY, ONCE)),
        NodeRollup("hd", "河东区总工会", "city", 2, Completeness(2, 2, 1), _sum(DAILY, ONCE, WEEKLY, ONCE)),
    )
    return Rollup(
        checklist="demo-notice",
        notice_title="关于做好冬春季值守工作的通知",
        doc_number="示例办〔2021〕9号",
        period=WEEK,
        sections=heads,
        units=units,
        expected=("hd-01", "3005", "nb-7"),
        missing=("nb-7",),
        unexpected=(),
        top=(TopMeasure("7", "7.10", "门岗测温登记", 1, 2),),
        figures=_sum(DAILY, ONCE, WEEKLY, ONCE),
        rejected=(),
        duplicates=(Duplicate("hd-01", "hd-01.json", date(2021, 1, 24), ("old/hd-01.json",)),),
        nodes=levels,
        completeness=Completeness(3, 2, 1),
        late=("3005",),
        timely_days=5,
    )
