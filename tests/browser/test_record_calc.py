"""The limit calculations of My record (docs/assets/js/record-calc.js), on cases worked by hand.

The module is plain JavaScript with no DOM, so it runs here in real Chromium, the engine the page uses,
with the clock zone fixed to America/New_York: the 2026 clock changes there are Sunday 8 March (02:00
becomes 03:00) and Sunday 1 November (02:00 happens twice). Limits are the guide's (data/record.yaml).
Each case says how its expected figures were worked out.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]
CALC = ROOT / "docs" / "assets" / "js" / "record-calc.js"
LIMITS = yaml.safe_load((ROOT / "data" / "record.yaml").read_text(encoding="utf-8"))["limits"]
NOW = "2027-01-01T00:00-05:00"  # after every case: every block is complete


@pytest.fixture(scope="module")
def calc(browser):
    context = browser.new_context(timezone_id="America/New_York")
    page = context.new_page()
    page.set_content("<!doctype html><title>calc</title>")
    page.add_script_tag(content=CALC.read_text(encoding="utf-8"))

    def run(expression: str, periods=(), now: str = NOW):
        return page.evaluate(
            "([expr, periods, limits, now]) => { const C = window.RecordCalc;"
            " const analyse = () => C.analyse(periods, limits, C.parse(now)); return eval(expr); }",
            [expression, list(periods), LIMITS, now],
        )

    yield run
    context.close()


def shift(
    day: str, start: str, end: str, end_day: str | None = None, offset: str = "-05:00", end_offset=None, **kw
):
    return {
        "start": f"{day}T{start}{offset}",
        "end": f"{end_day or day}T{end}{end_offset or offset}",
        "place": kw.get("place", "site"),
        "kind": kw.get("kind", "clinical"),
    }


def days(first: str, count: int):
    """`count` consecutive ISO dates from `first` (no zone arithmetic needed for labels)."""
    import datetime

    d = datetime.date.fromisoformat(first)
    return [(d + datetime.timedelta(days=i)).isoformat() for i in range(count)]


def test_parse_keeps_the_offset_and_refuses_impossible_dates(calc):
    assert calc("C.parse('2026-03-08T06:00-04:00') - C.parse('2026-03-07T22:00-05:00')") == 7 * 3600000
    assert calc("Number.isNaN(C.parse('2026-02-30T06:00-05:00'))") is True
    assert calc("Number.isNaN(C.parse('2026-03-08 06:00'))") is True
    # The stored form of local wall-clock times, with the offset in force at that moment.
    assert calc("C.localIso(2026, 3, 8, 1, 30)") == "2026-03-08T01:30-05:00"
    assert calc("C.localIso(2026, 3, 8, 3, 30)") == "2026-03-08T03:30-04:00"


def test_a_week_exactly_at_the_limit_is_within_it(calc):
    # Four weeks, Monday 2 Nov 2026 onwards (after the clock change), 5 shifts of 16 h = 80 h each week:
    # the four-week total is 320 h, exactly 4 x 80, so the average is 80 and within the limit.
    periods = [shift(d, "06:00", "22:00") for i, d in enumerate(days("2026-11-02", 28)) if i % 7 < 5]
    weeks = calc("analyse().weeks.map(w => [w.label, w.hours, w.overWeekly])", periods)
    assert weeks == [[w, 80, False] for w in ("2026-11-02", "2026-11-09", "2026-11-16", "2026-11-23")]
    block = calc("analyse().blocks[3]", periods)
    assert block["hours"] == 320 and block["average"] == 80 and block["complete"]
    assert block["status"]["hours"] == "within"
    # One more minute anywhere in the block: over.
    periods[0] = shift("2026-11-02", "05:59", "22:00")
    assert calc("analyse().blocks[3].status.hours", periods) == "over"


def test_rolling_blocks_across_a_month_end(calc):
    # Weeks starting Mon 21 Sep, 28 Sep (into October), 5 Oct, 12 Oct, 19 Oct 2026 (EDT, -04:00).
    # Hours a week: 90, 90, 70, 70, 90. Block of weeks 1-4: 320 h -> 80 average, within.
    # Block of weeks 2-5 (28 Sep - 25 Oct): 90+70+70+90 = 320, within. Make week 5 91 h: 321, over.
    weekly = [90, 90, 70, 70, 91]
    periods = []
    for monday, total in zip(
        ["2026-09-21", "2026-09-28", "2026-10-05", "2026-10-12", "2026-10-19"], weekly, strict=True
    ):
        d = days(monday, 7)
        full, rest = divmod(total, 15)  # 15-hour shifts from 06:00, then the remainder on the next day
        for i in range(full):
            periods.append(shift(d[i], "06:00", "21:00", offset="-04:00"))
        if rest:
            periods.append(shift(d[full], "06:00", f"{6 + rest:02d}:00", offset="-04:00"))
    result = calc(
        "(() => { const a = analyse(); return {w: a.weeks.map(w => w.hours),"
        " b: a.blocks.map(b => [b.weeks, b.hours, b.status.hours])}; })()",
        periods,
    )
    assert result["w"] == weekly
    assert result["b"] == [
        [1, 90, "open"],
        [2, 180, "open"],
        [3, 250, "open"],
        [4, 320, "within"],  # 21 Sep - 18 Oct, across the month end
        [4, 321, "over"],  # 28 Sep - 25 Oct
    ]


def test_a_period_past_midnight_counts_in_each_week_it_touches(calc):
    # Sunday 15 Nov 2026 20:00 to Monday 16 Nov 08:00 (EST): 4 h in the week of 9 Nov, 8 h in the week of 16 Nov.
    periods = [shift("2026-11-15", "20:00", "08:00", end_day="2026-11-16")]
    assert calc("analyse().weeks.map(w => [w.label, w.hours])", periods) == [
        ["2026-11-09", 4],
        ["2026-11-16", 8],
    ]


def test_daylight_saving_changes_give_real_lengths(calc):
    # Spring: Sat 7 Mar 22:00 EST to Sun 8 Mar 06:00 EDT is 7 hours, not 8 (02:00 becomes 03:00).
    spring = [
        shift("2026-03-07", "22:00", "06:00", end_day="2026-03-08", offset="-05:00", end_offset="-04:00")
    ]
    assert calc("analyse().weeks.map(w => w.hours)", spring) == [7]
    # The week of Mon 2 Mar to Mon 9 Mar 2026 is 167 hours long.
    assert (
        calc("(() => { const w = analyse().weeks[0]; return (w.end - w.start) / C.HOUR; })()", spring) == 167
    )
    # Autumn: Sat 31 Oct 22:00 EDT to Sun 1 Nov 06:00 EST is 9 hours (01:00-02:00 happens twice).
    autumn = [
        shift("2026-10-31", "22:00", "06:00", end_day="2026-11-01", offset="-04:00", end_offset="-05:00")
    ]
    assert calc("analyse().weeks.map(w => w.hours)", autumn) == [9]
    assert (
        calc("(() => { const w = analyse().weeks[0]; return (w.end - w.start) / C.HOUR; })()", autumn) == 169
    )


def test_overlapping_periods_are_counted_once(calc):
    # Clinical 08:00-18:00 and IT support 16:00-20:00 the same day: 12 hours worked, not 14.
    periods = [shift("2026-11-17", "08:00", "18:00"), shift("2026-11-17", "16:00", "20:00", kind="it")]
    assert calc("analyse().weeks[0].hours", periods) == 12
    assert calc("analyse().runs.length", periods) == 1


def test_days_free_are_whole_24_hour_breaks(calc):
    # Four weeks from Mon 2 Nov 2026, one 12-hour shift (07:00-19:00) every day except Sundays 8, 15, 22 Nov
    # and Sunday 29 Nov. Each Saturday 19:00 -> Monday 07:00 break is 36 h = 1 free day: 4 in the block.
    periods = [
        shift(d, "07:00", "19:00")
        for d in days("2026-11-02", 28)
        if d not in ("2026-11-08", "2026-11-15", "2026-11-22", "2026-11-29")
    ]
    # The last week ends Sunday 29 Nov: the break from Sat 19:00 runs to the block end, Mon 00:00 (29 h): 1 day.
    block = calc("analyse().blocks[3]", periods)
    assert block["daysFree"] == 4 and block["status"]["daysFree"] == "within"
    # Work on Sunday 22 Nov too: three free days in four weeks, under the four the rule asks for.
    periods.append(shift("2026-11-22", "07:00", "19:00"))
    block = calc("analyse().blocks[3]", periods)
    assert block["daysFree"] == 3 and block["status"]["daysFree"] == "over"


def test_free_days_in_a_block_not_yet_over_are_open(calc):
    periods = [shift(d, "07:00", "19:00") for d in days("2026-11-02", 6)]
    assert calc("analyse().blocks[0].status.daysFree", periods, now="2026-11-08T12:00-05:00") == "open"


def test_continuous_periods_and_rest_between_them(calc):
    # Tue 3 Nov 07:00 -> Wed 4 Nov 07:00: 24 h, within. Then back at 19:00 the same day: 12 h off < 14: over.
    periods = [
        shift("2026-11-03", "07:00", "07:00", end_day="2026-11-04"),
        shift("2026-11-04", "19:00", "23:00"),
        # Thu 5 Nov 05:00 -> 11:00: 6 h after a 4-hour period, under the 8 h the ACGME says "should": check.
        shift("2026-11-05", "05:00", "11:00"),
        # Fri 6 Nov 06:00 -> Sat 7 Nov 09:00 (27 h): over 24 but within 24 + 4 for handing over: check.
        shift("2026-11-06", "06:00", "09:00", end_day="2026-11-07"),
        # Sun 8 Nov 00:00 -> Mon 9 Nov 05:00 (29 h): over 28, over the limit.
        shift("2026-11-08", "00:00", "05:00", end_day="2026-11-09"),
    ]
    result = calc(
        "(() => { const a = analyse(); return {runs: a.runs.map(r => [r.hours, r.status]),"
        " rests: a.rests.map(x => [x.hours, x.need, x.status])}; })()",
        periods,
    )
    assert result["runs"] == [[24, "within"], [4, "within"], [6, "within"], [27, "check"], [29, "over"]]
    assert result["rests"] == [[12, 14, "over"], [6, 8, "check"], [19, 8, "within"], [15, 14, "within"]]
    # Back-to-back periods (one ends as the next starts) are one continuous period: 20 + 10 = 30 h, over.
    joined = [
        shift("2026-11-10", "06:00", "02:00", end_day="2026-11-11"),
        shift("2026-11-11", "02:00", "12:00"),
    ]
    assert calc("analyse().runs.map(r => [r.hours, r.status])", joined) == [[30, "over"]]


def test_work_from_home_and_moonlighting_count(calc):
    periods = [
        shift("2026-11-16", "08:00", "16:00"),
        shift("2026-11-16", "20:00", "22:00", place="home", kind="home-call"),
        shift("2026-11-17", "18:00", "23:00", kind="moonlighting"),
    ]
    week = calc("analyse().weeks[0]", periods)
    assert (week["hours"], week["homeHours"], week["moonlightingHours"]) == (15, 2, 5)


def test_nothing_logged_gives_nothing(calc):
    assert calc("analyse()") == {"weeks": [], "blocks": [], "runs": [], "rests": []}
