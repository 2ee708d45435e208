"""Schedule arithmetic: which slots a measure has, and which slot a day falls in."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from fangkong_cli.models import Frequency, Measure
from fangkong_cli.schedule import Campaign, next_slot, slot_by_key, slot_for_date, slots_between
from fangkong_cli.schemas import MeasureModel
from fangkong_cli.workdays import calendar_covers, is_workday


def measure(freq: str, **extra: object) -> Measure:
    return MeasureModel.model_validate(
        {"id": "1.1", "title": "t", "source": "s", "frequency": freq, "evidence": "e", **extra}
    ).to_domain()


def test_daily_has_one_slot_per_calendar_day() -> None:
    slots = slots_between(measure("daily"), Campaign(date(2021, 1, 30)), date(2021, 1, 30), date(2021, 2, 2))
    assert [s.key for s in slots] == ["2021-01-30", "2021-01-31", "2021-02-01", "2021-02-02"]


def test_workday_follows_the_statutory_calendar_with_make_up_days() -> None:
    # Spring Festival 2021: 2021-02-07 (Sunday) and 2021-02-20 (Saturday) were make-up working
    # days; 2021-02-11 to 2021-02-17 were holidays.
    slots = slots_between(measure("workday"), Campaign(date(2021, 2, 5)), date(2021, 2, 5), date(2021, 2, 22))
    keys = [s.key for s in slots]
    assert keys == [
        "2021-02-05",
        "2021-02-07",
        "2021-02-08",
        "2021-02-09",
        "2021-02-10",
        "2021-02-18",
        "2021-02-19",
        "2021-02-20",
        "2021-02-22",
    ]
    assert slot_for_date(measure("workday"), Campaign(date(2021, 1, 1)), date(2021, 2, 13)) is None


def test_workday_falls_back_to_weekends_past_the_calendar() -> None:
    assert not calendar_covers(2099)
    assert is_workday(date(2099, 1, 2)) and not is_workday(date(2099, 1, 3))  # Fri / Sat


def test_iso_week_across_the_year_boundary() -> None:
    slots = slots_between(measure("weekly"), Campaign(date(2020, 12, 30)), date(2020, 12, 30), date(2021, 1, 5))
    assert [(s.key, s.start, s.end) for s in slots] == [
        ("2020-W53", date(2020, 12, 28), date(2021, 1, 3)),
        ("2021-W01", date(2021, 1, 4), date(2021, 1, 10)),
    ]


def test_monthly_and_quarterly() -> None:
    months = slots_between(measure("monthly"), Campaign(date(2021, 1, 15)), date(2021, 1, 15), date(2021, 3, 1))
    assert [s.key for s in months] == ["2021-01", "2021-02", "2021-03"]
    assert months[1].end == date(2021, 2, 28)
    quarters = slots_between(measure("quarterly"), Campaign(date(2021, 2, 1)), date(2021, 2, 1), date(2021, 7, 1))
    assert [(s.key, s.end) for s in quarters] == [
        ("2021-Q1", date(2021, 3, 31)),
        ("2021-Q2", date(2021, 6, 30)),
        ("2021-Q3", date(2021, 9, 30)),
    ]


def test_window_only_inside_its_dates_and_the_campaign() -> None:
    m = measure("window", start="2021-01-01", end="2021-02-26")
    assert slots_between(m, Campaign(date(2021, 1, 15)), date(2021, 1, 15), date(2021, 1, 20))[0].key == "window"
    assert slots_between(m, Campaign(date(2021, 3, 1)), date(2021, 3, 1), date(2021, 3, 5)) == []
    assert slot_for_date(m, Campaign(date(2021, 1, 1)), date(2021, 3, 1)) is None


def test_once_runs_from_campaign_start_to_due() -> None:
    m = measure("once", due="2021-01-31")
    slot = slots_between(m, Campaign(date(2021, 1, 4)), date(2021, 1, 4), date(2021, 1, 4))[0]
    assert (slot.key, slot.start, slot.end) == ("once", date(2021, 1, 4), date(2021, 1, 31))
    never_due = slots_between(measure("once"), Campaign(date(2021, 1, 4)), date(2021, 1, 4), date(2021, 6, 1))[0]
    assert never_due.end == date.max


def test_campaign_end_stops_the_slots() -> None:
    campaign = Campaign(date(2021, 1, 4), date(2021, 1, 6))
    assert len(slots_between(measure("daily"), campaign, date(2021, 1, 1), date(2021, 2, 1))) == 3
    assert slot_for_date(measure("daily"), campaign, date(2021, 1, 7)) is None
    assert next_slot(measure("daily"), campaign, date(2021, 1, 6)) is None


def test_as_needed_has_no_scheduled_slots() -> None:
    m = measure("as_needed")
    assert slots_between(m, Campaign(date(2021, 1, 1)), date(2021, 1, 1), date(2021, 12, 31)) == []
    assert slot_for_date(m, Campaign(date(2021, 1, 1)), date(2021, 3, 3)) is not None


PERIODIC = st.sampled_from(["daily", "workday", "weekly", "monthly", "quarterly"])
DAYS = st.dates(min_value=date(2019, 1, 1), max_value=date(2026, 12, 31))


@given(PERIODIC, DAYS, st.integers(min_value=0, max_value=400))
def test_slots_are_ordered_disjoint_and_agree_with_slot_for_date(freq: str, start: date, length: int) -> None:
    m = measure(freq)
    campaign = Campaign(start)
    end = start + timedelta(days=length)
    slots = slots_between(m, campaign, start, end)
    for a, b in zip(slots, slots[1:], strict=False):
        assert a.end < b.start
    for s in slots:
        assert slot_for_date(m, campaign, max(s.start, start)) == s
        assert slot_by_key(m, campaign, s.key) == s
    if freq == "daily":
        assert len(slots) == length + 1
    if freq in ("weekly", "monthly", "quarterly"):
        # contiguous periods cover every day of the range, none merged away or duplicated
        for a, b in zip(slots, slots[1:], strict=False):
            assert a.end + timedelta(days=1) == b.start
        assert slots[0].contains(start) and slots[-1].contains(end)


@given(PERIODIC, DAYS)
def test_next_slot_starts_after_the_day(freq: str, day: date) -> None:
    m = measure(freq)
    nxt = next_slot(m, Campaign(date(2019, 1, 1)), day)
    assert nxt is not None and nxt.start > day
    assert Frequency(freq) is not Frequency.DAILY or nxt.start == day + timedelta(days=1)


# --- dates relative to the campaign, a measure's own range, yearly, a unit calendar ---------


def test_a_one_off_duty_within_days_of_any_start_falls_inside_its_campaign() -> None:
    duty = measure("once", to_day=14)
    for start in (date(2021, 1, 10), date(2026, 11, 29), date(2031, 6, 2)):
        [slot] = slots_between(duty, Campaign(start), start, start + timedelta(days=400))
        assert (slot.key, slot.start, slot.end) == ("once", start, start + timedelta(days=13))
        assert slot_for_date(duty, Campaign(start), start + timedelta(days=3)) == slot
        assert slot_for_date(duty, Campaign(start), start + timedelta(days=14)) is None


def test_a_window_of_the_first_days_and_a_window_that_would_outlast_the_campaign() -> None:
    first_month = measure("window", from_day=1, to_day=30)
    start = date(2027, 3, 5)
    [slot] = slots_between(first_month, Campaign(start), start, date(2027, 12, 31))
    assert (slot.key, slot.start, slot.end) == ("window", start, date(2027, 4, 3))
    [short] = slots_between(first_month, Campaign(start, date(2027, 3, 20)), start, date(2027, 12, 31))
    assert short.end == date(2027, 3, 20)


def test_a_measure_added_mid_campaign_is_not_due_before_its_start() -> None:
    local = measure("daily", start="2021-01-20")
    slots = slots_between(local, Campaign(date(2021, 1, 4)), date(2021, 1, 4), date(2021, 1, 22))
    assert [s.key for s in slots] == ["2021-01-20", "2021-01-21", "2021-01-22"]
    assert slot_for_date(local, Campaign(date(2021, 1, 4)), date(2021, 1, 19)) is None
    assert slot_by_key(local, Campaign(date(2021, 1, 4)), "2021-01-19") is None


def test_a_weekly_measure_ends_with_its_own_last_day() -> None:
    weekly = measure("weekly", to_day=10)  # campaign day 10 is a Wednesday
    slots = slots_between(weekly, Campaign(date(2021, 1, 4)), date(2021, 1, 4), date(2021, 3, 1))
    assert [(s.key, s.end) for s in slots] == [("2021-W01", date(2021, 1, 10)), ("2021-W02", date(2021, 1, 13))]


def test_yearly_slots_are_keyed_by_the_year() -> None:
    yearly = measure("yearly")
    slots = slots_between(yearly, Campaign(date(2026, 11, 1)), date(2026, 11, 1), date(2028, 2, 1))
    assert [(s.key, s.start, s.end) for s in slots] == [
        ("2026", date(2026, 1, 1), date(2026, 12, 31)),
        ("2027", date(2027, 1, 1), date(2027, 12, 31)),
        ("2028", date(2028, 1, 1), date(2028, 12, 31)),
    ]
    assert slot_by_key(yearly, Campaign(date(2026, 11, 1)), "2027") == slots[1]
    assert slot_by_key(yearly, Campaign(date(2026, 11, 1)), "2025") is None
    assert slot_by_key(yearly, Campaign(date(2026, 11, 1)), "27") is None


def test_a_unit_calendar_comes_before_the_built_in_tables() -> None:
    from fangkong_cli.workdays import WorkCalendar

    own = WorkCalendar(
        years=frozenset({2099}),
        holidays=frozenset({date(2099, 1, 1)}),  # a Thursday off
        workdays=frozenset({date(2099, 1, 3)}),  # a Saturday worked
    )
    campaign = Campaign(date(2099, 1, 1), calendar=own)
    days = [s.key for s in slots_between(measure("workday"), campaign, date(2099, 1, 1), date(2099, 1, 4))]
    assert days == ["2099-01-02", "2099-01-03"]  # Thu off, Fri, Sat worked, Sun off
    assert calendar_covers(2099, own) and not calendar_covers(2099)
    assert is_workday(date(2099, 1, 1)) and not is_workday(date(2099, 1, 1), own)


def test_records_for_days_no_slot_counts_are_no_slot() -> None:
    """A weekend day of a working-day measure, or a day before the campaign, names no slot."""
    campaign = Campaign(date(2021, 1, 4))
    assert slot_by_key(measure("workday"), campaign, "2021-01-09") is None  # a Saturday
    assert slot_by_key(measure("workday"), campaign, "2021-01-08") is not None
    assert slot_by_key(measure("daily"), campaign, "2021-01-03") is None  # before the start
    assert slot_by_key(measure("monthly"), campaign, "2020-12") is None


@pytest.mark.parametrize("year", [2020, 2021, 2024, 2026])
def test_the_working_day_tables_agree_with_the_statutory_calendar_day_by_day(year: int) -> None:
    import chinese_calendar

    day = date(year, 1, 1)
    assert calendar_covers(year)
    while day.year == year:  # holidays, 调休 make-up Saturdays and ordinary weekends alike
        assert is_workday(day) == chinese_calendar.is_workday(day), day
        day += timedelta(days=1)


def test_a_year_the_statutory_calendar_does_not_know_falls_back_to_weekends() -> None:
    assert not calendar_covers(2099)
    assert is_workday(date(2099, 1, 1)) and not is_workday(date(2099, 1, 3))  # a Thursday; a Saturday
