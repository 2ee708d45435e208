"""Chinese dates and periods, as every human-readable report writes them."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

import pytest
from hypothesis import given
from hypothesis import strategies as st

from fangkong_cli import cn_dates as cn


def test_days_months_weeks_quarters() -> None:
    assert cn.cn_date(date(2021, 1, 29)) == "2021年1月29日"
    assert cn.cn_month(2021, 1) == "2021年1月"
    assert cn.cn_week(2021, 3) == "2021年第3周（1月18日—1月24日）"
    assert cn.cn_week(2020, 53) == "2020年第53周（2020年12月28日—2021年1月3日）"  # across the new year
    assert cn.cn_quarter(2021, 4) == "2021年第四季度"
    assert cn.cn_datetime(datetime(2021, 1, 18, 9, 5, tzinfo=timezone(timedelta(hours=8)))) == "2021年1月18日 09:05"


@pytest.mark.parametrize(
    ("key", "text"),
    [
        ("2021-01-18", "2021年1月18日"),
        ("2021-W03", "2021年第3周（1月18日—1月24日）"),
        ("2021-01", "2021年1月"),
        ("2021-Q1", "2021年第一季度"),
        ("once", "一次性"),
        ("window", "时段内"),
        ("2021-02-30", "2021-02-30"),  # no such day: shown as it is
        ("2021-W60", "2021-W60"),
        ("2021-13", "2021-13"),
        ("later", "later"),
    ],
)
def test_slot_keys(key: str, text: str) -> None:
    assert cn.cn_slot(key) == text


def test_periods_and_runs() -> None:
    assert cn.cn_period(date(2021, 1, 1), date(2021, 1, 31), "2021-01") == "2021年1月"
    assert cn.cn_period(date(2021, 1, 18), date(2021, 1, 24), "2021-W03") == "2021年第3周（1月18日—1月24日）"
    assert cn.cn_period(date(2021, 1, 15), date(2021, 3, 31), "2021-01-15_2021-03-31") == "2021年1月15日—3月31日"
    assert cn.cn_period(date(2020, 12, 15), date(2021, 1, 5), "x") == "2020年12月15日—2021年1月5日"
    assert cn.cn_run("2021-01-04", "2021-01-08") == "2021年1月4日—1月8日"
    assert cn.cn_run("2021-W01", "2021-W03") == "2021年第1周—第3周"
    assert cn.cn_run("2021-01", "2021-03") == "2021年1月—3月"
    assert cn.cn_bar("W03", date(2021, 1, 18), date(2021, 1, 24)) == "第3周"
    assert cn.cn_bar("01-18", date(2021, 1, 18), date(2021, 1, 18)) == "1月18日"


@given(st.dates(min_value=date(1900, 1, 1), max_value=date(2999, 12, 31)))
def test_every_day_reads_back(day: date) -> None:
    text = cn.cn_slot(day.isoformat())
    year, rest = text.split("年")
    month, rest = rest.split("月")
    assert date(int(year), int(month), int(rest.rstrip("日"))) == day
    iso_year, week, _ = day.isocalendar()
    assert cn.cn_slot(f"{iso_year}-W{week:02d}").startswith(f"{iso_year}年第{week}周（")
