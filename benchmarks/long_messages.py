"""Long pathological messages among ordinary traffic: does one stall the others' acks?

Starts `evalbot serve --http` (2 workers, SQLite, a fake Slack Web API), then sends 300
signed mentions at 10 a second, with three 50,000-character DMs shaped to be hard
(`1.1.1.…`, `a.a.a.…`, `a@a@a@…`) among them. Prints, for the ordinary deliveries, the
ack p50/p99/max and how many took over 1 s and 3 s (Slack's limit); for the long ones,
their own ack times; and checks every delivery was answered.

    .venv/bin/python benchmarks/long_messages.py
    .venv/bin/python benchmarks/long_messages.py --count 300 --rate 10

Target (issue 18): no ordinary ack over 1 s.
"""

import argparse
import http.client
import json
import os
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import load_http  # noqa: E402 - the fake Slack API, signing and server start-up

LONG_SHAPES = ("1.", "a.", "a@")
LONG_CHARS = 50_000


def long_dm(index: int, unit: str, *, run_id: str, timestamp: int) -> load_http.Request:
    ts = f"{timestamp}.{index:06d}"
    payload = {
        "team_id": "TBENCH", "api_app_id": "ABENCH", "type": "event_callback", "event_id": f"EvLong{run_id}{index:06d}",
        "event_time": timestamp,
        "authorizations": [{"team_id": "TBENCH", "user_id": load_http.BOT_USER, "is_bot": True}],
        "event": {"type": "message", "channel_type": "im", "user": f"ULONG{index:06d}", "channel": f"DLONG{index:05d}",
                  "text": unit * (LONG_CHARS // len(unit)), "ts": ts, "event_ts": ts},
    }
    body = json.dumps(payload).encode()
    return load_http.Request("long", body, {"Content-Type": "application/json", **load_http.sign(body, timestamp)})


def send(port: int, request: load_http.Request) -> tuple[str, float, int]:
    started = time.perf_counter()
    connection = http.client.HTTPConnection(load_http.HOST, port, timeout=30)
    try:
        connection.request("POST", "/slack/events", body=request.body, headers=request.headers)
        response = connection.getresponse()
        response.read()
        status = response.status
    except (OSError, http.client.HTTPException):
        status = 0
    finally:
        connection.close()
    return request.kind, time.perf_counter() - started, status


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=300, help="ordinary mentions")
    parser.add_argument("--rate", type=float, default=10.0, help="deliveries a second")
    args = parser.parse_args(argv)
    fake = load_http.FakeSlack()
    threading.Thread(target=fake.serve_forever, daemon=True).start()
    run_id, timestamp = f"{int(time.time()) % 100000:05d}", int(time.time())
    requests = [load_http.app_mention(i, f"{load_http.QUESTIONS[i % 12]} {load_http.never_seen(run_id, i)}",
                                      run_id=run_id, timestamp=timestamp) for i in range(args.count)]
    for n, unit in enumerate(LONG_SHAPES):  # spread over the run
        requests.insert((n + 1) * len(requests) // (len(LONG_SHAPES) + 1),
                        long_dm(args.count + n, unit, run_id=run_id, timestamp=timestamp))
    with tempfile.TemporaryDirectory(prefix="evalbot-long-") as tmp:
        env = {key: value for key, value in os.environ.items() if not key.startswith(("SLACK_", "EVALBOT_"))}
        env |= {"SLACK_BOT_TOKEN": load_http.BOT_TOKEN, "SLACK_SIGNING_SECRET": load_http.SIGNING_SECRET,
                "SLACK_API_URL": fake.api_url, "EVALBOT_DATA_DIR": f"{tmp}/var", "LOG_LEVEL": "WARNING"}
        port = load_http.free_port()
        server = load_http.start_server("evalbot", [sys.executable, "-m", "evalbot", "serve", "--http", "--workers",
                                                    "2", "--port", str(port)], port=port, env=env, workdir=Path(tmp))
        try:
            futures = []
            with ThreadPoolExecutor(max_workers=64) as pool:
                started = time.perf_counter()
                for index, request in enumerate(requests):
                    time.sleep(max(0.0, started + index / args.rate - time.perf_counter()))
                    futures.append(pool.submit(send, port, request))
                results = [future.result() for future in futures]
            posted = load_http.wait_for_posts(fake, len(requests))
        finally:
            server.stop()
    ordinary = sorted(seconds for kind, seconds, _ in results if kind != "long")
    long_acks = [seconds for kind, seconds, _ in results if kind == "long"]
    failed = [status for _, _, status in results if status != 200]
    print(f"ordinary acks: {len(ordinary)}, p50 {load_http.percentile(ordinary, 0.5) * 1000:.0f} ms, "
          f"p99 {load_http.percentile(ordinary, 0.99) * 1000:.0f} ms, max {ordinary[-1] * 1000:.0f} ms, "
          f"over 1 s: {sum(s > 1 for s in ordinary)}, over 3 s: {sum(s > 3 for s in ordinary)}")
    print(f"long DMs ({LONG_CHARS} chars): acks {', '.join(f'{s * 1000:.0f} ms' for s in long_acks)}")
    print(f"non-200: {len(failed)}; answers posted: {posted} of {len(requests)}")
    return 0 if not failed and posted == len(requests) and ordinary[-1] < 1.0 else 1


if __name__ == "__main__":
    sys.exit(main())
