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


def evalbot_wsgi(api_url: str, data_dir: Path, *, inline: bool = True) -> Callable:
    from evalbot.config import load_settings
    from evalbot.core.brain import Brain
    from evalbot.slack.app import build_app
    from evalbot.slack.transport.wsgi import SlackWsgiApp

    settings = load_settings(slack_bot_token=load_http.BOT_TOKEN, slack_signing_secret=load_http.SIGNING_SECRET,
                             slack_api_url=api_url, evalbot_data_dir=data_dir)
    app = build_app(settings, Brain.load(), verify_requests=False)  # as `serve --http`: the guard verifies
    if inline:
        app.listener_runner.listener_executor = InlineExecutor()
        object.__setattr__(app.deps, "workers", InlineExecutor())
    return SlackWsgiApp(app=app, signing_secret=load_http.SIGNING_SECRET)


def bare_wsgi(api_url: str, data_dir: Path, *, inline: bool = True) -> Callable:
    from slack_bolt.adapter.wsgi import SlackRequestHandler

    import bare_bolt_app

    app = bare_bolt_app.build_app(token=load_http.BOT_TOKEN, signing_secret=load_http.SIGNING_SECRET, api_url=api_url)
    if inline:
        app.listener_runner.listener_executor = InlineExecutor()
    return SlackRequestHandler(app, path=bare_bolt_app.EVENTS_PATH)


def drain(wsgi: Callable) -> None:
    """Wait for the listeners still running after their acks (real thread pools only)."""
    app = getattr(wsgi, "app", None)
    if hasattr(app, "deps"):
        from evalbot.slack.app import drain as drain_evalbot

        drain_evalbot(app)
    else:
        app.listener_runner.listener_executor.shutdown(wait=True)


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
    ("regular expressions (mostly the brain's)", ("re.Pattern", "/re/", "sre_")),
    ("pydantic (Reply models)", ("pydantic",)),
    ("threads, locks, contextvars", ("threading", "concurrent/futures", "_thread", "contextvars", "queue")),
    ("uuid, hmac, hashlib", ("uuid", "hmac", "hashlib", "_hashlib")),
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


BUILDERS = {"bare": bare_wsgi, "evalbot": evalbot_wsgi}


def measure(name: str, mode: str, api_url: str, response_url: str, count: int, log_level: str, results) -> None:
    """In a child process (a clean heap per target): CPU per delivery, and with mode "profile" the profile."""
    from evalbot.logs import configure_logging

    port = urlsplit(api_url).port
    with tempfile.TemporaryDirectory(prefix="evalbot-profile-") as tmp:
        log_file = Path(tmp, "evalbot.log").open("w")
        real_stderr, sys.stderr = sys.stderr, log_file  # configure_logging binds sys.stderr
        configure_logging(log_level)
        sys.stderr = real_stderr
        wsgi = BUILDERS[name](api_url, Path(tmp, name), inline=mode != "threads")
        run(wsgi, load_http.build_requests(200, response_url=response_url, run_id=f"{name}{mode}w"), port)
        requests = load_http.build_requests(count, response_url=response_url, run_id=f"{name}{mode}")
        profiler = cProfile.Profile() if mode == "profile" else None
        cpu = time.process_time()
        if profiler:
            profiler.enable()
        statuses = run(wsgi, requests, port)
        if mode == "threads":
            drain(wsgi)
        if profiler:
            profiler.disable()
        result = {"cpu_ms": (time.process_time() - cpu) / count * 1000,
                  "non_200": sum(not status.startswith("200") for status in statuses)}
        if profiler:
            result["areas"] = {area: own / count * 1000 for area, own in by_area(profiler).items()}
            out = io.StringIO()
            pstats.Stats(profiler, stream=out).sort_stats(results["sort"]).print_stats(results["top"])
            result["stats"] = out.getvalue()
        log_file.close()
    results["queue"].put((name, mode, result))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=2000)
    parser.add_argument("--top", type=int, default=25, help="functions listed per profile (0: none)")
    parser.add_argument("--sort", default="cumulative", choices=["cumulative", "tottime"])
    parser.add_argument("--log-level", default="INFO", help="level for evalbot's JSON logs (written to a file)")
    args = parser.parse_args(argv)

    queue: multiprocessing.Queue = multiprocessing.Queue()
    fake = multiprocessing.Process(target=serve_fake, args=(queue,), daemon=True)
    fake.start()
    api_url, response_url = queue.get(timeout=30)
    found: dict[tuple[str, str], dict] = {}
    shared = {"queue": queue, "sort": args.sort, "top": args.top}
    for mode in ("inline", "threads", "profile"):
        for name in BUILDERS:
            child = multiprocessing.Process(target=measure, args=(name, mode, api_url, response_url, args.requests,
                                                                  args.log_level, shared))
            child.start()
            got_name, got_mode, result = queue.get(timeout=600)
            child.join(timeout=60)
            found[(got_name, got_mode)] = result
    fake.terminate()
    fake.join(timeout=5)

    if args.top:
        for name in BUILDERS:
            print(f"\n## {name}: profile of {args.requests} deliveries, every pool inline\n")
            print(found[(name, "profile")]["stats"])
    print("\n## CPU a delivery (ms), each target in its own process\n")
    print("| target | pools inline | real thread pools | profiled (inline) | non-200 |\n|---|---:|---:|---:|---:|")
    for name in BUILDERS:
        row = [found[(name, mode)] for mode in ("inline", "threads", "profile")]
        print(f"| {name} | {row[0]['cpu_ms']:.3f} | {row[1]['cpu_ms']:.3f} | {row[2]['cpu_ms']:.3f} | "
              f"{sum(r['non_200'] for r in row)} |")
    areas = {name: found[(name, "profile")]["areas"] for name in BUILDERS}
    print("\n## Own time a delivery by area (ms, profiled, pools inline; includes waiting on the fake API)\n")
    print("| area | evalbot | bare | difference |\n|---|---:|---:|---:|")
    for area in sorted(set(areas["evalbot"]) | set(areas["bare"]), key=lambda a: -areas["evalbot"].get(a, 0.0)):
        e, b = areas["evalbot"].get(area, 0.0), areas["bare"].get(area, 0.0)
        print(f"| {area} | {e:.3f} | {b:.3f} | {e - b:+.3f} |")
    inline, threads = (found[("bare", m)]["cpu_ms"] / found[("evalbot", m)]["cpu_ms"] for m in ("inline", "threads"))
    print(f"\nThroughput ratio these costs predict (bare/evalbot CPU): {inline:.2f} inline, {threads:.2f} with threads "
          "(the server adds ~1 ms a request of HTTP and gunicorn work to both, which pulls the real ratio up)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
