"""The built-in notice as a provincial reviewer reads it: whole sentences, rhythms the notice
gives, one-off duties inside any campaign, a short daily walk, the closing report demand."""

from __future__ import annotations

import re
from datetime import date, timedelta
from pathlib import Path

import pytest

from conftest import invoke, make_workspace
from fangkong_cli.checklist import Checklist, load_checklist, resolve_sources
from fangkong_cli.models import Frequency
from fangkong_cli.schedule import Campaign, slots_between

NOTICE = Path(__file__).resolve().parents[1] / "checklists" / "qzbt-2021-4" / "notice.txt"
SENTENCES = re.findall(r"[^。]*。", NOTICE.read_text(encoding="utf-8").replace("\n", ""))
REPEATING = (
    Frequency.DAILY,
    Frequency.WORKDAY,
    Frequency.WEEKLY,
    Frequency.MONTHLY,
    Frequency.QUARTERLY,
    Frequency.YEARLY,
)


@pytest.fixture(scope="module")
def notice() -> Checklist:
    return load_checklist(resolve_sources("qzbt-2021-4"))


def test_every_source_is_one_whole_sentence_of_the_notice(notice: Checklist) -> None:
    cut = [m.id for m in notice.measures if m.source not in SENTENCES]
    assert cut == []


def test_titles_keep_the_names_the_notice_writes(notice: Checklist) -> None:
    for m in notice.measures:
        if "总书记" in m.title:
            assert "习近平总书记" in m.title, m.id
        if "党委政府" in m.source and "党委政府" in m.title:
            assert "各级党委政府" in m.title, m.id
        assert "明确" not in m.title or "明确" in m.source, m.id


def test_only_the_rhythms_the_notice_gives(notice: Checklist) -> None:
    repeating = {m.id: m.frequency for m in notice.measures if m.frequency in REPEATING}
    # 每天 (4.16), the duty watch (2.18), the routine checks at the door and of the premises,
    # collective bargaining's yearly round, and the monthly report to the provincial office.
    assert set(repeating) == {"2.10", "2.11", "2.12", "2.13", "2.14", "2.18", "4.16", "3.14", "4.19"}
    assert repeating["4.16"] is Frequency.DAILY and repeating["3.14"] is Frequency.YEARLY
    for m in notice.measures:
        if "适时" in m.title:
            assert m.frequency in (Frequency.ONCE, Frequency.AS_NEEDED), m.id


def test_the_daily_walk_stays_short(notice: Checklist) -> None:
    daily = [m.id for m in notice.measures if m.frequency in (Frequency.DAILY, Frequency.WORKDAY)]
    assert len(daily) <= 7


@pytest.mark.parametrize("start", [date(2021, 1, 4), date(2026, 11, 29), date(2029, 7, 16), date(2033, 2, 28)])
def test_one_off_duties_fall_inside_a_campaign_started_in_any_year(notice: Checklist, start: date) -> None:
    campaign = Campaign(start, start + timedelta(days=180))
    for m in notice.measures:
        assert m.due is None and m.start is None and m.end is None, m.id  # no date of 2021 left
        if m.frequency in (Frequency.ONCE, Frequency.WINDOW):
            [slot] = slots_between(m, campaign, start, campaign.end or start)
            assert start <= slot.start and slot.end <= (campaign.end or slot.end), m.id
    day_one = [m.id for m in notice.measures if slots_between(m, campaign, start, start)]
    assert len(day_one) <= 25  # the most `check` asks on any day


def test_the_closing_demand_is_a_measure_answered_by_the_report(notice: Checklist) -> None:
    assert notice.notice is not None and notice.notice.reporting is not None
    [report] = [m for m in notice.measures if m.source == notice.notice.reporting.source]
    assert report.id == "4.19" and report.frequency is Frequency.MONTHLY
    assert report.evidence == "报送的工作情况报告" and report.guidance is not None and "报告送出" in report.guidance


def test_the_notice_states_its_winter_and_spring(notice: Checklist) -> None:
    assert notice.notice is not None and notice.notice.period is not None
    period = notice.notice.period
    assert (period.start, period.end) == (date(2020, 11, 1), date(2021, 4, 30))
    assert "冬春季" in period.name


def test_a_campaign_begun_this_year_offers_and_records_the_first_fortnights_duties(tmp_path: Path) -> None:
    ws = make_workspace(tmp_path / "ws", start="2026-11-29")
    now = "2026-12-01T10:00:00+08:00"
    status = invoke(["status", "--format", "tsv"], cwd=ws, now=now)
    assert status.exit_code == 0, status.stderr
    rows = {line.split("\t")[0]: line for line in status.stdout.splitlines()}
    assert "2026-12-12" in rows["1.1"]  # within the campaign's first 14 days
    assert invoke(["mark", "1.1", "-s", "done", "--by", "甲"], cwd=ws, now=now).exit_code == 0
    late = invoke(["status", "--format", "tsv"], cwd=ws, now="2026-12-20T10:00:00+08:00")
    rows = {line.split("\t")[0]: line for line in late.stdout.splitlines()}
    assert "overdue" in rows["1.2"] and "overdue" not in rows["1.1"]
