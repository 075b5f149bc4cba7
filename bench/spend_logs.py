#!/usr/bin/env python3
"""How fast `GET /spend/logs` (the console's request log) answers over a large SQLite store.

    bench/spend_logs.py [--bin .build/debug/switchyard] [--rows 1000000] [--repeat 7]

Starts a gateway once so it creates its schema, stops it, inserts `--rows` spend log rows
straight into `switchyard_spend_logs` (and a tag on every tenth row into
`switchyard_spend_log_tags`) with Python's sqlite3 in one transaction, starts the gateway
again on that file and times the first page, a deep page, filtered pages and the console's
overview calls with curl, `--repeat` times each; prints the median and the slowest.
"""

from __future__ import annotations

import argparse
import json
import random
import socket
import sqlite3
import statistics
import subprocess
import tempfile
import time
import urllib.request
from pathlib import Path

MASTER = "sk-bench-logs"
MODELS = ["gpt-4o", "gpt-4o-mini", "claude", "gemini-flash", "mock"]
DAY = 86_400.0


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def start(binary: str, workdir: Path, port: int) -> subprocess.Popen:
    process = subprocess.Popen(
        [binary, "serve", "--config", str(workdir / "config.yaml"), "--port", str(port)],
        cwd=workdir, stdout=(workdir / "gateway.log").open("ab"), stderr=subprocess.STDOUT,
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/health/readiness", timeout=1) as answer:
                if answer.status == 200:
                    return process
        except OSError:
            time.sleep(0.1)
    process.kill()
    raise SystemExit("the gateway did not become ready; see gateway.log")


def stop(process: subprocess.Popen) -> None:
    process.terminate()
    process.wait(timeout=30)


def seed(database: Path, rows: int, now: float) -> list[str]:
    """Rows spread over 30 days, newest at `now`; answers the key hashes used."""
    random.seed(7)
    keys = [f"{index:064x}" for index in range(1, 201)]
    connection = sqlite3.connect(database)
    started = time.monotonic()
    with connection:
        log_rows = []
        tag_rows = []
        for index in range(rows):
            start_time = now - 30 * DAY * (rows - index) / rows
            key = keys[index % len(keys)]
            model = MODELS[index % len(MODELS)]
            status = 200 if index % 50 else 429
            prompt, completion = 20 + index % 300, 5 + index % 200
            log_rows.append((
                f"bench-{index:08d}", "chat/completions", key, f"alias-{key[-3:]}", f"team-{index % 20}", f"user-{index % 100}",
                model, f"openai/{model}", "openai", (prompt + 2 * completion) * 1e-6, prompt, completion, prompt + completion,
                start_time, start_time + 0.4, status, "[]" if index % 10 else '["batch-a"]', (prompt + 2 * completion) * 1e-6, 1.0, 1,
                None, 1 if index % 17 == 0 else 0, 0.0,
            ))
            if index % 10 == 0:
                tag_rows.append(("batch-a", start_time, index + 1))
        connection.executemany(
            """INSERT INTO switchyard_spend_logs (id, request_id, call_type, key_hash, key_alias, team_id, user_id, model_group, model,
            provider, spend, prompt_tokens, completion_tokens, total_tokens, start_time, end_time, status, tags, list_cost,
            billing_multiplier, cost_known, units, cache_hit, saved_cost)
            VALUES (NULL, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
            log_rows,
        )
        connection.executemany("INSERT INTO switchyard_spend_log_tags (tag, start_time, log_id) VALUES (?, ?, ?)", tag_rows)
    connection.execute("ANALYZE")
    connection.close()
    print(f"seeded {rows:,} rows in {time.monotonic() - started:.1f} s ({database.stat().st_size / 1e6:.0f} MB)")
    return keys


def timed(port: int, path: str, repeat: int) -> tuple[float, float, int]:
    """Median and slowest wall time in ms of `repeat` GETs (after one warm-up), and the total."""
    times = []
    total = 0
    for attempt in range(repeat + 1):
        request = urllib.request.Request(f"http://127.0.0.1:{port}{path}", headers={"Authorization": f"Bearer {MASTER}"})
        started = time.perf_counter()
        with urllib.request.urlopen(request, timeout=120) as answer:
            body = json.loads(answer.read())
        elapsed = (time.perf_counter() - started) * 1000
        if attempt:
            times.append(elapsed)
        total = body.get("total", len(body)) if isinstance(body, dict) else len(body)
    return statistics.median(times), max(times), total


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--bin", default=".build/debug/switchyard")
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=7)
    arguments = parser.parse_args()
    binary = str(Path(arguments.bin).resolve())
    with tempfile.TemporaryDirectory(prefix="spend-logs-") as directory:
        workdir = Path(directory)
        database = workdir / "switchyard.db"
        (workdir / "config.yaml").write_text(
            "model_list:\n  - model_name: mock\n    litellm_params: {model: mock/switchyard-mock}\n"
            f"general_settings:\n  master_key: {MASTER}\n  database_url: sqlite:{database}\n"
        )
        port = free_port()
        stop(start(binary, workdir, port))
        now = time.time()
        keys = seed(database, arguments.rows, now)
        gateway = start(binary, workdir, port)
        day = time.strftime("%Y-%m-%d", time.gmtime(now - 3 * DAY))
        deep = arguments.rows // 100 // 2
        cases = [
            ("first page (100 rows)", "/spend/logs?page=1&page_size=100"),
            (f"deep page {deep:,} (offset {(deep - 1) * 100:,})", f"/spend/logs?page={deep}&page_size=100"),
            ("last page", f"/spend/logs?page={arguments.rows // 100}&page_size=100"),
            ("one key", f"/spend/logs?api_key={keys[5]}&page_size=50"),
            ("one key, deep page", f"/spend/logs?api_key={keys[5]}&page=90&page_size=50"),
            ("one model group", "/spend/logs?model=claude&page_size=50"),
            ("one team", "/spend/logs?team_id=team-3&page_size=50"),
            ("one tag", "/spend/logs?tag=batch-a&page_size=50"),
            ("one day", f"/spend/logs?start_date={day}&end_date={day}&page_size=50"),
            ("model group and day", f"/spend/logs?model=claude&start_date={day}&end_date={day}&page_size=50"),
            ("console overview: last 24 h, 1000 rows", f"/spend/logs?page_size=1000&start_date={time.strftime('%Y-%m-%dT%H:%M:%SZ', time.gmtime(now - DAY))}"),
            ("console overview: 14-day report", f"/global/spend/report?start_date={time.strftime('%Y-%m-%d', time.gmtime(now - 13 * DAY))}"),
        ]
        print(f"| request | rows matched | median | slowest of {arguments.repeat} |")
        print("|---|---:|---:|---:|")
        try:
            for name, path in cases:
                median, slowest, total = timed(port, path, arguments.repeat)
                print(f"| {name} | {total:,} | {median:.1f} ms | {slowest:.1f} ms |", flush=True)
        finally:
            stop(gateway)


if __name__ == "__main__":
    main()
