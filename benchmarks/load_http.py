"""HTTP load benchmark: `evalbot serve --http` against a bare Bolt app on the same server.

What it does, all on 127.0.0.1:

1. Starts a fake Slack Web API in this process (it answers `{"ok": true, ...}` to every
   method and counts the calls).
2. Starts `evalbot serve --http --port P` and `benchmarks/bare_bolt_app.py` (the same
   gunicorn settings and worker count), both pointed at the fake API.
3. For each target, in alternating rounds: a short warm-up, then N signed requests,
   half `/evalbot` slash commands and half `app_mention` events, with 8 in flight.
   Every mention must lead to exactly one `chat.postMessage`: that is checked too.
4. Prints a Markdown table (requests/s, p50/p99 latency of the ack, p99 time to answer a
   mention, errors) and the throughput ratio evalbot/bare, and writes
   `benchmarks/results/load_http.json`. Time to answer is from sending a mention to the
   fake API receiving its `chat.postMessage` (matched by the mention's `ts`).

Targets: zero errors, p99 under 50 ms, ratio at least 0.9.

    .venv/bin/python benchmarks/load_http.py                   # 500 requests a target a round, 10 rounds
    .venv/bin/python benchmarks/load_http.py --requests 400 --rounds 1

Standard library only (plus the project's own venv to run the two servers).
"""

import argparse
import contextlib
import hashlib
import hmac
import http.client
import itertools
import json
import os
import platform
import shlex
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

HOST = "127.0.0.1"  # never anything else: this benchmark only talks to loopback
BOT_TOKEN = "xoxb-bench"
SIGNING_SECRET = "bench-secret"
BOT_USER = "UBENCHBOT"
MIN_REQUESTS = 400
MAX_REQUESTS = 20_000
MAX_CONCURRENCY = 64
PHASE_TIMEOUT_SECONDS = 120.0
START_TIMEOUT_SECONDS = 60.0
DRAIN_TIMEOUT_SECONDS = 30.0
REQUEST_TIMEOUT_SECONDS = 10.0
TARGETS_P99_MS = 50.0
TARGET_RATIO = 0.9
HERE = Path(__file__).resolve().parent
RESULTS = HERE / "results" / "load_http.json"

# What people ask, as commands and as mentions; every target gets the same rotation.
QUESTIONS = (
    "what is the roi of an eval program",
    "roi cost=2M incidents=10 incident_cost=1M",
    "how do I pitch eval to the board",
    "help",
    "template board-pitch",
    "checklist promotion",
    "npv upfront=500K cost=100K benefit=5M years=3 rate=10%",
    "how do I negotiate equity as a VP",
    "ci accuracy=92% n=500",
    "how big should my eval team be",
    "what's the weather today",
    "team-cost current=8 target=15 cost_per_head=143K",
)


# --------------------------------------------------------------------------- fake Slack Web API


class FakeSlack(ThreadingHTTPServer):
    """Answers every Web API method with ok, and any response_url with "ok"; counts calls by method."""

    daemon_threads = True
    # socketserver's default backlog of 5 drops connection attempts under a burst (the client
    # waits a second to try again); Slack's servers accept far more than 8 at once.
    request_queue_size = 128

    def __init__(self) -> None:
        super().__init__((HOST, 0), _FakeSlackHandler)
        self.calls: dict[str, int] = {}
        self.answered_at: dict[str, float] = {}  # a mention's ts -> when its answer arrived (perf_counter)
        self.lock = threading.Lock()

    @property
    def api_url(self) -> str:
        return f"http://{HOST}:{self.server_address[1]}/api/"

    @property
    def response_url(self) -> str:
        return f"http://{HOST}:{self.server_address[1]}/respond/bench"

    def count(self, method: str) -> None:
        with self.lock:
            self.calls[method] = self.calls.get(method, 0) + 1

    def calls_of(self, method: str) -> int:
        with self.lock:
            return self.calls.get(method, 0)

    def answered(self, thread_ts: object) -> None:
        if isinstance(thread_ts, str):
            with self.lock:
                self.answered_at.setdefault(thread_ts, time.perf_counter())

    def answer_times(self) -> dict[str, float]:
        """When each mention's answer arrived since the last call, emptied for the next phase."""
        with self.lock:
            times, self.answered_at = self.answered_at, {}
            return times


class _FakeSlackHandler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server: FakeSlack

    def do_POST(self) -> None:  # noqa: N802 - the http.server API
        length = int(self.headers.get("Content-Length") or 0)
        raw = self.rfile.read(length)
        path = urllib.parse.urlparse(self.path).path
        if path.startswith("/api/"):
            method = path[len("/api/"):]
            self.server.count(method)
            payload = {"ok": True}
            if method == "auth.test":
                payload |= {"url": "https://bench.slack.com/", "team": "bench", "user": "evalbot",
                            "team_id": "TBENCH", "user_id": BOT_USER, "bot_id": "BBENCH"}
            elif method == "chat.postMessage":
                payload |= {"channel": "CBENCH", "ts": f"{time.time():.6f}", "message": {}}
                self.server.answered(_params(raw, self.headers.get("Content-Type", "")).get("thread_ts"))
            self._send(200, json.dumps(payload).encode(), "application/json")
        else:
            self.server.count("response_url")
            self._send(200, b"ok", "text/plain")

    do_GET = do_POST  # noqa: N815

    def _send(self, status: int, body: bytes, content_type: str) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - silence the access log
        pass


def _params(raw: bytes, content_type: str) -> dict:
    """A Web API call's arguments: slack_sdk sends JSON for chat.postMessage, forms for others."""
    if content_type.startswith("application/json"):
        try:
            params = json.loads(raw or b"{}")
        except ValueError:
            return {}
        return params if isinstance(params, dict) else {}
    return dict(urllib.parse.parse_qsl(raw.decode("utf-8", "replace")))


# --------------------------------------------------------------------------- requests


@dataclass(frozen=True)
class Request:
    kind: str  # "command" or "mention"
    body: bytes
    headers: dict[str, str]
    answer_key: str | None = None  # a mention's ts: its answer is posted with this thread_ts


def sign(body: bytes, timestamp: int, secret: str = SIGNING_SECRET) -> dict[str, str]:
    """Slack's v0 request signature headers for `body`."""
    digest = hmac.new(secret.encode(), b"v0:%d:" % timestamp + body, hashlib.sha256).hexdigest()
    return {"X-Slack-Request-Timestamp": str(timestamp), "X-Slack-Signature": f"v0={digest}"}


def slash_command(index: int, text: str, *, response_url: str, run_id: str, timestamp: int) -> Request:
    form = {
        "token": "bench-verification", "team_id": "TBENCH", "team_domain": "bench", "channel_id": "CBENCH",
        "channel_name": "eval-leads", "user_id": f"U{run_id}{index:06d}", "user_name": f"user{index}",
        "command": "/evalbot", "text": text, "api_app_id": "ABENCH", "is_enterprise_install": "false",
        "response_url": response_url, "trigger_id": f"{index}.1.{run_id}",
    }
    body = urllib.parse.urlencode(form).encode()
    headers = {"Content-Type": "application/x-www-form-urlencoded", **sign(body, timestamp)}
    return Request("command", body, headers)


def app_mention(index: int, text: str, *, run_id: str, timestamp: int) -> Request:
    ts = f"{timestamp}.{index:06d}"
    payload = {
        "token": "bench-verification", "team_id": "TBENCH", "api_app_id": "ABENCH", "type": "event_callback",
        "event_id": f"Ev{run_id}{index:08d}", "event_time": timestamp, "is_ext_shared_channel": False,
        "authorizations": [{"team_id": "TBENCH", "user_id": BOT_USER, "is_bot": True, "is_enterprise_install": False}],
        "event": {"type": "app_mention", "user": f"U{run_id}{index:06d}", "text": f"<@{BOT_USER}> {text}",
                  "ts": ts, "event_ts": ts, "channel": "CBENCH", "channel_type": "channel"},
    }
    body = json.dumps(payload).encode()
    headers = {"Content-Type": "application/json", **sign(body, timestamp)}
    return Request("mention", body, headers, answer_key=ts)


def never_seen(run_id: str, index: int) -> str:
    """A made-up word unique to this request (letters only: a number could be read as an input)."""
    value, letters = int(hashlib.sha256(f"{run_id}:{index}".encode()).hexdigest()[:15], 16), ""
    while value:
        value, digit = divmod(value, 26)
        letters += chr(ord("a") + digit)
    return "zq" + letters


def build_requests(count: int, *, response_url: str, run_id: str, repeats: bool = True) -> list[Request]:
    """`count` signed deliveries: commands and mentions alternating, each from its own user, ids unique.

    With `repeats` off, every question also carries a word never seen before, so no text repeats
    (evalbot cannot send an answer it kept ready: every message runs the brain).
    """
    timestamp = int(time.time())
    requests = []
    for index in range(count):
        text = QUESTIONS[index % len(QUESTIONS)]
        if not repeats:
            text = f"{text} {never_seen(run_id, index)}"
        if index % 2 == 0:
            requests.append(slash_command(index, text, response_url=response_url, run_id=run_id, timestamp=timestamp))
        else:
            requests.append(app_mention(index, text, run_id=run_id, timestamp=timestamp))
    return requests


# --------------------------------------------------------------------------- load


@dataclass
class Sample:
    kind: str
    seconds: float
    status: int
    error: str | None = None
    sent_at: float = 0.0  # perf_counter when the request was sent
    answer_key: str | None = None


@dataclass
class Phase:
    target: str
    wall_seconds: float
    samples: list[Sample] = field(default_factory=list)
    mentions_sent: int = 0
    mentions_answered: int = 0
    server_cpu_seconds: tuple[float, float] | None = None  # (user, system)
    answer_seconds: list[float] = field(default_factory=list)  # per answered mention: sent -> answer posted


def run_phase(port: int, requests: list[Request], *, concurrency: int, keepalive: bool) -> tuple[float, list[Sample]]:
    """Send `requests` with `concurrency` in flight; (wall seconds, one sample a request)."""
    feed = iter(requests)
    feed_lock = threading.Lock()
    deadline = time.monotonic() + PHASE_TIMEOUT_SECONDS

    def next_request() -> Request | None:
        with feed_lock:
            return next(feed, None)

    def client() -> list[Sample]:
        samples: list[Sample] = []
        conn: http.client.HTTPConnection | None = None
        while (request := next_request()) is not None and time.monotonic() < deadline:
            headers = dict(request.headers)
            if not keepalive:
                headers["Connection"] = "close"
            started = time.perf_counter()
            try:
                if conn is None:
                    conn = http.client.HTTPConnection(HOST, port, timeout=REQUEST_TIMEOUT_SECONDS)
                conn.request("POST", "/slack/events", body=request.body, headers=headers)
                response = conn.getresponse()
                response.read()
                sample = Sample(request.kind, time.perf_counter() - started, response.status, None, started,
                                request.answer_key)
                if response.status != 200:
                    sample.error = f"HTTP {response.status}"
                if not keepalive or response.will_close:
                    conn.close()
                    conn = None
            except (OSError, http.client.HTTPException) as e:
                sample = Sample(request.kind, time.perf_counter() - started, 0, f"{type(e).__name__}: {e}", started,
                                request.answer_key)
                if conn is not None:
                    conn.close()
                conn = None
            samples.append(sample)
        if conn is not None:
            conn.close()
        return samples

    started = time.perf_counter()
    with ThreadPoolExecutor(max_workers=concurrency) as pool:
        futures = [pool.submit(client) for _ in range(concurrency)]
        samples = [sample for future in futures for sample in future.result()]
    return time.perf_counter() - started, samples


def wait_for_posts(fake: FakeSlack, expected: int) -> int:
    """Wait (bounded) until `expected` chat.postMessage calls have arrived; the count reached."""
    deadline = time.monotonic() + DRAIN_TIMEOUT_SECONDS
    while fake.calls_of("chat.postMessage") < expected and time.monotonic() < deadline:
        time.sleep(0.02)
    return fake.calls_of("chat.postMessage")


# --------------------------------------------------------------------------- servers


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


@dataclass
class Server:
    name: str
    port: int
    process: subprocess.Popen
    log_path: Path

    def stop(self) -> int | None:
        """SIGTERM (gunicorn drains), then kill after a bound; the exit code."""
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=DRAIN_TIMEOUT_SECONDS)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=5)
        return self.process.returncode


def start_server(name: str, argv: list[str], *, port: int, env: dict[str, str], workdir: Path) -> Server:
    log_path = workdir / f"{name}.log"
    log_file = log_path.open("wb")
    process = subprocess.Popen(argv, cwd=workdir, env=env, stdout=log_file, stderr=subprocess.STDOUT,
                               start_new_session=True)
    log_file.close()
    server = Server(name, port, process, log_path)
    deadline = time.monotonic() + START_TIMEOUT_SECONDS
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"{name} exited with {process.returncode} at start-up:\n{tail(log_path)}")
        try:
            conn = http.client.HTTPConnection(HOST, port, timeout=1)
            conn.request("GET", "/health")
            conn.getresponse().read()
            conn.close()
            return server
        except OSError:
            time.sleep(0.1)
    server.stop()
    raise RuntimeError(f"{name} did not answer on port {port} within {START_TIMEOUT_SECONDS:.0f} s:\n{tail(log_path)}")


def group_cpu_seconds(pgid: int) -> tuple[float, float] | None:
    """(user, system) CPU seconds used so far by every live process in group `pgid` (Linux /proc), else None."""
    proc = Path("/proc")
    if not proc.is_dir():
        return None
    ticks = os.sysconf("SC_CLK_TCK")
    user = system = 0
    for stat in proc.glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            continue
        if int(fields[2]) == pgid:  # fields after the command: state, ppid, pgrp, ... utime (11), stime (12)
            user += int(fields[11])
            system += int(fields[12])
    return user / ticks, system / ticks


def tail(path: Path, lines: int = 20) -> str:
    try:
        return "\n".join(path.read_text(errors="replace").splitlines()[-lines:])
    except OSError:
        return ""


def check_mirrored_settings(workers: int) -> list[str]:
    """Differences between the bare app's gunicorn settings and evalbot's (should be none)."""
    sys.path.insert(0, str(HERE))
    import bare_bolt_app

    try:
        from evalbot.slack import http_server, serve
    except ImportError as e:
        return [f"cannot import evalbot's server settings: {e}"]
    ours = bare_bolt_app.server_options(host=HOST, port=0, workers=workers)
    problems = []
    evalbot_options = {
        "threads": getattr(http_server, "THREADS_PER_WORKER", None),
        "graceful_timeout": getattr(http_server, "GRACEFUL_TIMEOUT", None),
    }
    for key, value in evalbot_options.items():
        if value is not None and ours[key] != value:
            problems.append(f"{key}: bare {ours[key]} vs evalbot {value}")
    default_workers = getattr(serve, "DEFAULT_WORKERS", None)
    if default_workers is not None and bare_bolt_app.DEFAULT_WORKERS != default_workers:
        problems.append(f"default workers: bare {bare_bolt_app.DEFAULT_WORKERS} vs evalbot {default_workers}")
    return problems


# --------------------------------------------------------------------------- report


def percentile(values: list[float], fraction: float) -> float:
    """Nearest-rank percentile of `values` (seconds)."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, int(round(fraction * len(ordered) + 0.5)) - 1))]


def summarise(phases: list[Phase]) -> dict:
    samples = [sample for phase in phases for sample in phase.samples]
    wall = sum(phase.wall_seconds for phase in phases)
    latencies = [sample.seconds for sample in samples]
    errors = [sample for sample in samples if sample.error]
    answers = [seconds for phase in phases for seconds in phase.answer_seconds]
    by_kind = {}
    for kind in ("command", "mention"):
        kind_latencies = [s.seconds for s in samples if s.kind == kind]
        if kind_latencies:
            by_kind[kind] = {"requests": len(kind_latencies), "p50_ms": round(1000 * percentile(kind_latencies, 0.5), 2),
                             "p99_ms": round(1000 * percentile(kind_latencies, 0.99), 2)}
    return {
        "requests": len(samples),
        "seconds": round(wall, 3),
        "requests_per_second": round(len(samples) / wall, 1) if wall else 0.0,
        "p50_ms": round(1000 * percentile(latencies, 0.5), 2) if latencies else None,
        "p99_ms": round(1000 * percentile(latencies, 0.99), 2) if latencies else None,
        "max_ms": round(1000 * max(latencies), 2) if latencies else None,
        "answer_p50_ms": round(1000 * percentile(answers, 0.5), 2) if answers else None,
        "answer_p99_ms": round(1000 * percentile(answers, 0.99), 2) if answers else None,
        "errors": len(errors),
        "error_examples": sorted({e.error for e in errors if e.error})[:5],
        "mentions_sent": sum(phase.mentions_sent for phase in phases),
        "mentions_answered": sum(phase.mentions_answered for phase in phases),
        "rounds_requests_per_second": [round(len(p.samples) / p.wall_seconds, 1) for p in phases if p.wall_seconds],
        "server_cpu_ms_per_request": (
            round(1000 * sum(sum(p.server_cpu_seconds) for p in phases) / len(samples), 3)
            if samples and all(p.server_cpu_seconds is not None for p in phases) else None
        ),
        "server_system_cpu_ms_per_request": (
            round(1000 * sum(p.server_cpu_seconds[1] for p in phases) / len(samples), 3)
            if samples and all(p.server_cpu_seconds is not None for p in phases) else None
        ),
        "by_kind": by_kind,
    }


def markdown(results: dict) -> str:
    rows = ["| target | requests | req/s | ack p50 ms | ack p99 ms | answer p99 ms | errors | mentions answered "
            "| server CPU ms/req |",
            "|---|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for name in ("evalbot", "bare"):
        r = results["targets"][name]
        rows.append(f"| {name} | {r['requests']} | {r['requests_per_second']:.0f} | {r['p50_ms']:.1f} | "
                    f"{r['p99_ms']:.1f} | {r['answer_p99_ms'] or 0:.1f} | {r['errors']} | {r['mentions_answered']}/{r['mentions_sent']} | "
                    f"{r['server_cpu_ms_per_request'] if r['server_cpu_ms_per_request'] is not None else 'n/a'} |")
    met = results["targets_met"]
    rows += ["", f"Throughput ratio evalbot/bare: **{results['ratio']:.2f}** "
             f"(per round: {', '.join(f'{x:.2f}' for x in results['round_ratios'])})",
             f"Targets: zero errors {'met' if met['zero_errors'] else 'MISSED'}; "
             f"p99 < {TARGETS_P99_MS:.0f} ms {'met' if met['p99'] else 'MISSED'}; "
             f"ratio >= {TARGET_RATIO} {'met' if met['ratio'] else 'MISSED'}."]
    return "\n".join(rows)


# --------------------------------------------------------------------------- main


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=500, help="measured requests per target per round")
    # Rounds alternate between the targets; on a shared 2-core machine one round's ratio swings
    # by +-0.15, so many short rounds give a steadier ratio than a few long ones.
    parser.add_argument("--rounds", type=int, default=10, help="alternating rounds per target")
    parser.add_argument("--concurrency", type=int, default=8, help="requests in flight")
    parser.add_argument("--warmup", type=int, default=200, help="unmeasured requests before each phase")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers for both servers")
    parser.add_argument("--keepalive", action=argparse.BooleanOptionalAction, default=True,
                        help="reuse connections (default) or open one per request")
    parser.add_argument("--log-level", default="INFO", help="LOG_LEVEL for both servers")
    parser.add_argument("--only", choices=["evalbot", "bare"], help="run one target (no ratio)")
    parser.add_argument("--evalbot-argv", help="run evalbot with this command instead (experiments), "
                                               "e.g. 'python my_launcher.py serve --http'; --workers/--port are added")
    parser.add_argument("--repeats", action=argparse.BooleanOptionalAction, default=True,
                        help="rotate 12 questions (default), or --no-repeats: every text new")
    parser.add_argument("--database", choices=["sqlite", "postgresql"], default="sqlite",
                        help="evalbot's state store: SQLite in its data dir (default), or a throwaway PostgreSQL 15 "
                             "started for the run (tests/postgres_server.py)")
    parser.add_argument("--output", type=Path, default=RESULTS)
    parser.add_argument("--check", action="store_true", help="exit 1 when a target is missed")
    args = parser.parse_args(argv)
    if not MIN_REQUESTS <= args.requests <= MAX_REQUESTS:
        parser.error(f"--requests must be between {MIN_REQUESTS} and {MAX_REQUESTS}")
    if not 1 <= args.concurrency <= MAX_CONCURRENCY or not 1 <= args.rounds <= 20 or not 1 <= args.workers <= 8:
        parser.error("--concurrency 1..64, --rounds 1..20, --workers 1..8")
    return args


def measure_target(server: Server, fake: FakeSlack, *, batch: str, args: argparse.Namespace) -> Phase:
    """One phase against one server: warm up, then the measured requests; CPU and answered mentions counted."""
    warm = build_requests(args.warmup, response_url=fake.response_url, run_id=batch + "w", repeats=args.repeats)
    posts_before = fake.calls_of("chat.postMessage")
    run_phase(server.port, warm, concurrency=args.concurrency, keepalive=args.keepalive)
    wait_for_posts(fake, posts_before + sum(r.kind == "mention" for r in warm))
    fake.answer_times()  # the warm-up's answers are not measured
    measured = build_requests(args.requests, response_url=fake.response_url, run_id=batch, repeats=args.repeats)
    posts_before = fake.calls_of("chat.postMessage")
    cpu_before = group_cpu_seconds(server.process.pid)
    wall, samples = run_phase(server.port, measured, concurrency=args.concurrency, keepalive=args.keepalive)
    sent = sum(r.kind == "mention" for r in measured)
    answered = wait_for_posts(fake, posts_before + sent) - posts_before
    cpu_after = group_cpu_seconds(server.process.pid)
    cpu = (cpu_after[0] - cpu_before[0], cpu_after[1] - cpu_before[1]) if cpu_before and cpu_after else None
    if answered < sent:  # say why, from the server's own log
        errors = [line for line in tail(server.log_path, 2000).splitlines() if '"ERROR"' in line]
        print(f"{server.name}: {sent - answered} mentions unanswered; last errors logged:", *errors[-3:], sep="\n  ",
              file=sys.stderr)
    arrived = fake.answer_times()
    answer_seconds = [arrived[s.answer_key] - s.sent_at for s in samples if s.answer_key in arrived]
    return Phase(server.name, wall, samples, sent, answered, cpu, answer_seconds)


def describe(phase: Phase, round_index: int) -> str:
    cpu = phase.server_cpu_seconds
    count = len(phase.samples)
    cpu_note = (f"  server CPU {1000 * sum(cpu) / count:.2f} ms/req (user {1000 * cpu[0] / count:.2f}, "
                f"system {1000 * cpu[1] / count:.2f})" if cpu and count else "")
    return (f"round {round_index + 1} {phase.target:8} {count / phase.wall_seconds:7.0f} req/s  "
            f"errors {sum(1 for s in phase.samples if s.error)}  "
            f"mentions {phase.mentions_answered}/{phase.mentions_sent}{cpu_note}")


def server_commands(args: argparse.Namespace) -> dict[str, list[str]]:
    # The servers run in a temporary folder: relative paths in --evalbot-argv are made absolute first.
    evalbot = [os.path.abspath(word) if Path(word).exists() else word for word in shlex.split(args.evalbot_argv)
               ] if args.evalbot_argv else [sys.executable, "-m", "evalbot", "serve", "--http"]
    return {
        "evalbot": [*evalbot, "--workers", str(args.workers)],
        "bare": [sys.executable, str(HERE / "bare_bolt_app.py"), "--host", HOST, "--workers", str(args.workers),
                 "--log-level", args.log_level.lower()],
    }


def run_benchmark(args: argparse.Namespace, targets: list[str]) -> tuple[dict[str, list[Phase]], dict]:
    """Start the fake API and the servers, run the alternating rounds, stop everything; (phases, exit codes)."""
    fake = FakeSlack()
    threading.Thread(target=fake.serve_forever, name="fake-slack", daemon=True).start()
    servers: dict[str, Server] = {}
    phases: dict[str, list[Phase]] = {name: [] for name in targets}
    with tempfile.TemporaryDirectory(prefix="evalbot-bench-") as tmp:
        workdir = Path(tmp)
        env = {key: value for key, value in os.environ.items() if not key.startswith(("SLACK_", "EVALBOT_"))}
        env |= {"SLACK_BOT_TOKEN": BOT_TOKEN, "SLACK_SIGNING_SECRET": SIGNING_SECRET, "SLACK_API_URL": fake.api_url,
                "EVALBOT_DATA_DIR": str(workdir / "var"), "LOG_LEVEL": args.log_level.upper(), "PYTHONUNBUFFERED": "1"}
        commands = server_commands(args)
        exit_codes: dict[str, int | None] = {}
        database = contextlib.ExitStack()
        try:
            if args.database == "postgresql":
                sys.path.insert(0, str(HERE.parent / "tests"))
                from postgres_server import running_postgres

                env["EVALBOT_DATABASE_URL"] = database.enter_context(running_postgres())
            for name in targets:
                port = free_port()
                servers[name] = start_server(name, [*commands[name], "--port", str(port)], port=port, env=env,
                                             workdir=workdir)
            run_id, sequence = f"{int(time.time()) % 100000:05d}", itertools.count()
            for round_index in range(args.rounds):
                for name in targets if round_index % 2 == 0 else list(reversed(targets)):
                    phase = measure_target(servers[name], fake, batch=f"{run_id}{next(sequence):02d}", args=args)
                    phases[name].append(phase)
                    print(describe(phase, round_index), file=sys.stderr)
        finally:
            exit_codes = {name: server.stop() for name, server in servers.items()}
            for name, code in exit_codes.items():
                if code not in (0, None):
                    print(f"warning: {name} exited with {code}:\n{tail(servers[name].log_path)}", file=sys.stderr)
            fake.shutdown()
            database.close()
    return phases, exit_codes


def build_results(args: argparse.Namespace, phases: dict[str, list[Phase]], exit_codes: dict,
                  mismatches: list[str]) -> dict:
    summary = {name: summarise(target_phases) for name, target_phases in phases.items()}
    results: dict = {
        "benchmark": "load_http",
        "date": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
        "machine": {"cpus": os.cpu_count(), "platform": platform.platform(), "python": platform.python_version(),
                    "load_average_at_end": os.getloadavg() if hasattr(os, "getloadavg") else None},
        "settings": {"requests_per_round": args.requests, "rounds": args.rounds, "concurrency": args.concurrency,
                     "warmup": args.warmup, "workers": args.workers, "keepalive": args.keepalive,
                     "log_level": args.log_level.upper(), "repeats": args.repeats, "database": args.database,
                     "evalbot_argv": args.evalbot_argv or "python -m evalbot serve --http",
                     "mix": "half /evalbot slash commands, half app_mention events; one user per request",
                     "settings_mismatches": mismatches},
        "targets": summary,
        "exit_codes": exit_codes,
    }
    if set(summary) == {"evalbot", "bare"}:
        evalbot, bare = summary["evalbot"], summary["bare"]
        results["ratio"] = round(evalbot["requests_per_second"] / bare["requests_per_second"], 3)
        results["round_ratios"] = [round(e / b, 3) for e, b in zip(evalbot["rounds_requests_per_second"],
                                                                   bare["rounds_requests_per_second"])]
        results["targets_met"] = {
            "zero_errors": evalbot["errors"] == 0 and evalbot["mentions_answered"] == evalbot["mentions_sent"],
            "p99": evalbot["p99_ms"] < TARGETS_P99_MS,
            "ratio": results["ratio"] >= TARGET_RATIO,
        }
    return results


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    mismatches = check_mirrored_settings(args.workers)
    for problem in mismatches:
        print(f"warning: server settings differ: {problem}", file=sys.stderr)
    targets = [args.only] if args.only else ["evalbot", "bare"]
    phases, exit_codes = run_benchmark(args, targets)
    results = build_results(args, phases, exit_codes, mismatches)
    print(markdown(results) if "ratio" in results else json.dumps(results["targets"], indent=2))
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(json.dumps(results, indent=2) + "\n")
    print(f"results written to {args.output}", file=sys.stderr)
    missed = [name for name, met in results.get("targets_met", {}).items() if not met]
    return 1 if args.check and missed else 0


if __name__ == "__main__":
    raise SystemExit(main())
