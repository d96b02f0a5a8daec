"""The lab's verdict never counts a skipped scenario as passed (issue 12)."""

from __future__ import annotations

from chaos import run


def test_a_skipped_scenario_makes_the_verdict_not_all_run():
    figures = {"lost": 0, "disk_skipped": "no loop device", "load_skipped": "", "net_skipped": ""}
    skipped = run.skipped_parts(figures)
    assert skipped == ["disk: no loop device"]
    assert run.verdict([], skipped) == "NOT ALL RUN (1 skipped)"


def test_all_clear_only_when_everything_ran_and_nothing_failed():
    assert run.verdict([], []) == "ALL CLEAR"
    assert run.verdict(["lost"], ["disk: no loop device"]) == "FAILED: lost"


def test_the_benchmarks_percentile_is_a_measured_sample():
    from figures import percentile, percentile_ms

    samples = [0.005, 0.001, 0.003, 0.002, 0.004]
    assert percentile(samples, 0.5) == 0.003  # nearest rank, never interpolated
    assert percentile(samples, 0.95) == 0.005
    assert percentile_ms(samples, 0.2) == 1.0
