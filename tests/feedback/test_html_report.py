"""`evalbot report --html FILE`: one offline page, checked as text and opened in headless Chromium."""

import os
import re
import shutil
import struct
import subprocess
import sys
import time
from html.parser import HTMLParser

import pytest

from evalbot.core.reply import Choice, Reply, ReplyKind
from evalbot.feedback.recording import QuestionLog
from evalbot.feedback.retention import DAY
from evalbot.feedback.votes import Reason, Vote, VoteBook

GAPS = ["which eval vendors do we already have a contract with",
        "do we have a contract with any eval vendor already?",
        "who signs off on a new <eval> vendor & its purchase here"]
CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync",
                  "--enable-logging=stderr", "--v=0", "--virtual-time-budget=5000", "--hide-scrollbars"]
# An address that leaves the page: http(s): or protocol-relative //, in src/href or CSS url().
REMOTE = re.compile(r"""(?:\b(?:src|href)\s*=\s*["']?|url\(\s*["']?)\s*(?:https?:|//)""", re.IGNORECASE)


def reply(intent: str, confidence: float, kind=ReplyKind.TOPIC, near=()) -> Reply:
    return Reply(intent=intent, kind=kind, confidence=confidence, title="t",
                 did_you_mean=[Choice(intent=i, label=i) for i in near])


@pytest.fixture()
def page(tmp_path, store):
    """Ten days of traffic written through the real question log and votes, then `report --html` run as a user would."""
    now = time.time()
    asked = [(GAPS[0], reply("out-of-scope", 0.8, ReplyKind.OUT_OF_SCOPE)),
             (GAPS[1], reply("out-of-scope", 0.7, ReplyKind.OUT_OF_SCOPE)),
             (GAPS[2], reply("vp-role", 0.3, near=["vp-role", "budget"])),
             ("how do i pitch the budget to the board", reply("board-pitch", 0.92)),
             ("roi cost=2M benefit=10M", reply("roi", 0.99, ReplyKind.CALCULATOR))]
    for day in range(10):
        clock = lambda day=day: now - day * DAY  # noqa: E731 - a clock per day of traffic
        log = QuestionLog(engine=store.engine, retention_days=90, clock=clock)
        for n, (text, answer) in enumerate(asked[: 2 + day % 4]):
            log.record(answer, question=text, user=f"U{n}", team="T1", reply_ref=f"r{day}-{n}")
    votes = VoteBook(engine=store.engine)
    votes.record(reply_ref="r0-3", user_hash="a", team_id="T1", vote=Vote.DOWN, intent="board-pitch", confidence=0.9)
    votes.give_reason(reply_ref="r0-3", user_hash="a", reason=Reason.NOT_SPECIFIC, comment="numbers for a Series B")
    votes.record(reply_ref="r1-4", user_hash="b", team_id="T1", vote=Vote.UP, intent="roi", confidence=0.99)
    target = tmp_path / "gaps.html"
    env = {"PATH": os.environ["PATH"], "EVALBOT_DATA_DIR": str(tmp_path / "var")}
    done = subprocess.run([sys.executable, "-m", "evalbot", "report", "--html", str(target), "--days", "14"],
                          env=env, cwd=tmp_path, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert f"wrote {target}" in done.stdout
    return target


class _Text(HTMLParser):
    """The page's visible text (scripts and styles left out)."""

    def __init__(self):
        super().__init__()
        self.parts, self._skip = [], 0

    def handle_starttag(self, tag, attrs):
        self._skip += tag in ("script", "style")

    def handle_endtag(self, tag):
        self._skip -= tag in ("script", "style")

    def handle_data(self, data):
        if not self._skip:
            self.parts.append(data)


def visible_text(html: str) -> str:
    parser = _Text()
    parser.feed(html)
    return " ".join(" ".join(parser.parts).split())


def test_the_page_loads_nothing_from_anywhere(page):
    """No remote script, stylesheet, image or CSS url(); no http(s) address at all; a CSP that forbids loading."""
    html = page.read_text()
    assert REMOTE.search(html) is None
    assert re.search(r"https?:", html) is None
    assert "<link" not in html and not re.search(r"<script[^>]*\bsrc=", html) and not re.search(r"<img[^>]*\bsrc=", html)
    assert "default-src 'none'" in html


def test_charts_are_2d_canvas_not_webgl(page):
    """Four canvases drawn through a 2D context; nothing asks for WebGL."""
    html = page.read_text()
    assert html.count("<canvas") == 4 and 'getContext("2d")' in html
    assert "webgl" not in html.split("<script>", 2)[2].lower()  # our own script (Chart.js itself only uses 2D)


def test_unanswered_questions_and_their_phrasings_are_in_the_page_text(page):
    """Every unanswered phrasing is readable in the page, escaped (a `<eval>` typed is shown, not parsed)."""
    text = visible_text(page.read_text())
    for gap in GAPS:
        assert gap in text
    assert "numbers for a Series B" in text and "board-pitch" in text
    assert "<eval>" not in page.read_text().split("<script", 1)[0]


def chromium() -> str:
    found = shutil.which("chromium") or shutil.which("chromium-browser")
    if found is None:
        if os.environ.get("CI") == "true":
            pytest.fail("chromium is missing (CI=true): `apt-get install -y chromium`")
        pytest.skip("chromium is not installed (`apt-get install -y chromium`)")
    return found


def png_size(path) -> tuple[int, int]:
    head = path.read_bytes()[:24]
    assert head[:8] == b"\x89PNG\r\n\x1a\n"
    return struct.unpack(">II", head[16:24])


def test_in_headless_chromium_every_chart_is_drawn_without_console_errors(page, tmp_path):
    """The page's own marker says four canvases hold drawings; the console is silent; the screenshot is the page."""
    browser = chromium()
    profile = tmp_path / "profile"
    dom = subprocess.run([browser, *CHROMIUM_FLAGS, f"--user-data-dir={profile}", "--dump-dom", page.as_uri()],
                         capture_output=True, text=True, timeout=120)
    body = re.search(r"<body[^>]*>", dom.stdout)
    assert body is not None, dom.stderr[-2000:]
    assert 'data-charts-drawn="4"' in body.group(0) and "data-errors" not in body.group(0)
    assert [line for line in dom.stderr.splitlines() if ":CONSOLE" in line] == []
    shot = tmp_path / "page.png"
    taken = subprocess.run([browser, *CHROMIUM_FLAGS, f"--user-data-dir={profile}", "--window-size=1200,1600",
                            f"--screenshot={shot}", page.as_uri()], capture_output=True, text=True, timeout=120)
    assert shot.exists(), taken.stderr[-2000:]
    assert png_size(shot) == (1200, 1600)
    assert shot.stat().st_size > 40_000  # four charts and tables; a blank page is a few kB


@pytest.mark.parametrize("target, named", [
    ("missing-folder/gaps.html", "no folder"),
    (".", "is a folder"),
])
def test_a_bad_target_is_one_line_and_exit_2(tmp_path, target, named):
    """--html into a folder that does not exist, or onto a folder, names the problem."""
    env = {"PATH": os.environ["PATH"], "EVALBOT_DATA_DIR": str(tmp_path / "var")}
    done = subprocess.run([sys.executable, "-m", "evalbot", "report", "--html", target], env=env, cwd=tmp_path,
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 2 and named in done.stderr and len(done.stderr.strip().splitlines()) == 1


def test_html_and_json_cannot_be_combined(tmp_path):
    """One output shape at a time."""
    done = subprocess.run([sys.executable, "-m", "evalbot", "report", "--html", "x.html", "--json"], cwd=tmp_path,
                          capture_output=True, text=True, timeout=60,
                          env={"PATH": os.environ["PATH"], "EVALBOT_DATA_DIR": str(tmp_path / "var")})
    assert done.returncode == 2 and "--json" in done.stderr
