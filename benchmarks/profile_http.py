"""Where the CPU goes per delivery: evalbot's WSGI app against the bare Bolt app, in one process.

The load benchmark's throughput is bound by CPU (two gunicorn workers on two cores,
with the load generator on the same machine), so CPU time per delivery decides the
evalbot/bare ratio. This script builds both WSGI callables the way their servers do,
runs the benchmark's deliveries through them with every thread pool made inline
(so one profiler sees the whole delivery: ack, listener, answer and `chat.postMessage`
to the fake Web API), and prints the CPU cost per delivery and the top functions.

    .venv/bin/python benchmarks/profile_http.py                 # 2,000 deliveries a target
    .venv/bin/python benchmarks/profile_http.py --top 40 --sort tottime

It pokes at internals (Bolt's listener executor, evalbot's answer pool) to run them inline:
a measuring tool, not a model of production.
"""

import argparse
import cProfile
import io
import multiprocessing
import pstats
import sys
import tempfile
import time
from collections.abc import Callable
from concurrent.futures import Executor, Future
from pathlib import Path
from urllib.parse import urlsplit

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import load_http  # noqa: E402 - the benchmark's requests and fake Slack API


class InlineExecutor(Executor):
    """Runs each task at submit time, in the caller's thread (so cProfile sees it)."""

    def submit(self, fn, /, *args, **kwargs) -> Future:
        future: Future = Future()
        try:
            future.set_result(fn(*args, **kwargs))
        except BaseException as e:  # noqa: BLE001 - handed to the future like a real executor
            future.set_exception(e)
        return future

    def shutdown(self, wait: bool = True, *, cancel_futures: bool = False) -> None:
        pass


def evalbot_wsgi(api_url: str, data_dir: Path) -> Callable:
    from evalbot.config import load_settings
    from evalbot.core.brain import Brain
    from evalbot.slack.app import build_app
    from evalbot.slack.wsgi import SlackWsgiApp

    settings = load_settings(slack_bot_token=load_http.BOT_TOKEN, slack_signing_secret=load_http.SIGNING_SECRET,
                             slack_api_url=api_url, evalbot_data_dir=data_dir)
    app = build_app(settings, Brain.load())
    app.listener_runner.listener_executor = InlineExecutor()
    deps = app._evalbot_deps
    object.__setattr__(deps, "workers", InlineExecutor())
    return SlackWsgiApp(app=app, signing_secret=load_http.SIGNING_SECRET)


def bare_wsgi(api_url: str, data_dir: Path) -> Callable:
    from slack_bolt.adapter.wsgi import SlackRequestHandler

    import bare_bolt_app

    app = bare_bolt_app.build_app(token=load_http.BOT_TOKEN, signing_secret=load_http.SIGNING_SECRET, api_url=api_url)
    app.listener_runner.listener_executor = InlineExecutor()
    return SlackRequestHandler(app, path=bare_bolt_app.EVENTS_PATH)


def environ_for(request: "load_http.Request", port: int) -> dict:
    environ = {
        "REQUEST_METHOD": "POST", "PATH_INFO": "/slack/events", "QUERY_STRING": "", "SERVER_NAME": load_http.HOST,
        "SERVER_PORT": str(port), "SERVER_PROTOCOL": "HTTP/1.1", "wsgi.url_scheme": "http",
        "wsgi.input": io.BytesIO(request.body), "CONTENT_LENGTH": str(len(request.body)),
        "CONTENT_TYPE": request.headers["Content-Type"], "wsgi.errors": sys.stderr,
    }
    for name, value in request.headers.items():
        if name != "Content-Type":
            environ["HTTP_" + name.upper().replace("-", "_")] = value
    return environ


def run(wsgi: Callable, requests: list, port: int) -> list[str]:
    statuses = []
    for request in requests:
        def start_response(status, headers, exc_info=None):
            statuses.append(status)
        b"".join(wsgi(environ_for(request, port), start_response))
    return statuses


# Where a function's own time is counted, by the file it lives in (first match wins).
AREAS = (
    ("evalbot brain (routing, inputs, calculators, handlers)", ("evalbot/core", "evalbot/routing", "evalbot/inputs",
                                                              "evalbot/calculators", "evalbot/drafting",
                                                              "evalbot/knowledge_base", "rapidfuzz")),
    ("evalbot rendering (Block Kit)", ("evalbot/rendering",)),
    ("logging (evalbot.logs, logging)", ("evalbot/logs.py", "/logging/")),
    ("evalbot Slack layer (wsgi guard, middleware, listeners)", ("evalbot/slack", "evalbot/cli")),
    ("sqlite (duplicate-delivery store)", ("sqlite3", "_sqlite3")),
    ("slack_bolt", ("slack_bolt",)),
    ("slack_sdk (Web API client)", ("slack_sdk",)),
    ("HTTP client + sockets (urllib, http.client, socket, email)", ("urllib", "http/client", "socket", "email/",
                                                                   "_socket", "ssl")),
    ("json", ("json",)),
)


def by_area(profiler: cProfile.Profile) -> dict[str, float]:
    """Own time (seconds) per area, summed over every function."""
    totals: dict[str, float] = {}
    for (filename, _line, function), (_cc, _nc, own, _cum, _callers) in pstats.Stats(profiler).stats.items():
        where = f"{filename}:{function}"
        area = next((name for name, needles in AREAS if any(n in where for n in needles)), "other (stdlib, builtins)")
        totals[area] = totals.get(area, 0.0) + own
    return totals


def serve_fake(port_queue) -> None:
    """The fake Web API in a child process, so its CPU is not counted as the app's."""
    fake = load_http.FakeSlack()
    port_queue.put((fake.api_url, fake.response_url))
    fake.serve_forever()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=2000)
    parser.add_argument("--top", type=int, default=25)
    parser.add_argument("--sort", default="cumulative", choices=["cumulative", "tottime"])
    parser.add_argument("--log-level", default="INFO", help="level for evalbot's JSON logs (written to a file)")
    args = parser.parse_args(argv)

    from evalbot.logs import configure_logging

    queue: multiprocessing.Queue = multiprocessing.Queue()
    fake = multiprocessing.Process(target=serve_fake, args=(queue,), daemon=True)
    fake.start()
    api_url, response_url = queue.get(timeout=30)
    port = urlsplit(api_url).port
    with tempfile.TemporaryDirectory(prefix="evalbot-profile-") as tmp:
        log_file = Path(tmp, "evalbot.log").open("w")
        real_stderr, sys.stderr = sys.stderr, log_file  # configure_logging binds sys.stderr
        configure_logging(args.log_level)
        sys.stderr = real_stderr
        builders = {"bare": bare_wsgi, "evalbot": evalbot_wsgi}
        costs, areas = {}, {}
        for name, build in builders.items():
            wsgi = build(api_url, Path(tmp, name))
            warm = load_http.build_requests(200, response_url=response_url, run_id=f"{name}w")
            run(wsgi, warm, port)
            requests = load_http.build_requests(args.requests, response_url=response_url, run_id=name)
            profiler = cProfile.Profile()
            cpu, wall = time.process_time(), time.perf_counter()
            profiler.enable()
            statuses = run(wsgi, requests, port)
            profiler.disable()
            cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
            costs[name] = cpu / len(requests) * 1000
            areas[name] = {area: own / len(requests) * 1000 for area, own in by_area(profiler).items()}
            bad = sum(not status.startswith("200") for status in statuses)
            print(f"\n## {name}: {costs[name]:.2f} ms CPU a delivery ({wall / len(requests) * 1000:.2f} ms wall, "
                  f"profiled; {bad} non-200)\n")
            out = io.StringIO()
            pstats.Stats(profiler, stream=out).sort_stats(args.sort).print_stats(args.top)
            print(out.getvalue())
        log_file.close()
    print("\n## Own time a delivery by area (ms, profiled; includes waiting on the fake API's socket)\n")
    print("| area | evalbot | bare | difference |\n|---|---:|---:|---:|")
    names = sorted(set(areas["evalbot"]) | set(areas["bare"]), key=lambda a: -areas["evalbot"].get(a, 0.0))
    for area in names:
        e, b = areas["evalbot"].get(area, 0.0), areas["bare"].get(area, 0.0)
        print(f"| {area} | {e:.3f} | {b:.3f} | {e - b:+.3f} |")
    print(f"| **total** | {sum(areas['evalbot'].values()):.3f} | {sum(areas['bare'].values()):.3f} | |")
    print(f"\nCPU a delivery under the profiler: evalbot {costs['evalbot']:.2f} ms, bare {costs['bare']:.2f} ms, "
          f"ratio bare/evalbot {costs['bare'] / costs['evalbot']:.2f} (the throughput ratio it predicts)")
    fake.terminate()
    fake.join(timeout=5)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
