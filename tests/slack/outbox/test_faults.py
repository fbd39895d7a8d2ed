"""A fault every delivery meets is logged once a minute with a count, not once per delivery."""

import logging

from evalbot.slack.transport.outbox.faults import FaultLog


def test_the_first_fault_is_logged_then_one_line_a_minute_with_the_count(caplog):
    now = [100.0]
    faults = FaultLog(logging.getLogger("evalbot.test.faults"), "cannot keep answers", clock=lambda: now[0])
    with caplog.at_level(logging.ERROR, logger="evalbot.test.faults"):
        for _ in range(50):
            faults.report(OSError("database or disk is full"), event_id="Ev1")
            now[0] += 1.0  # 50 deliveries over 50 seconds
        assert len(caplog.records) == 1
        now[0] += 10.0
        faults.report(OSError("database or disk is full"))
    first, second = caplog.records
    assert first.occurrences == 1 and first.event_id == "Ev1" and "disk is full" in first.getMessage()
    assert second.occurrences == 50 and "50 times" in second.getMessage()
