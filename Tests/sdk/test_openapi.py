"""`/openapi.json` and `/docs` from the real binary, and schemathesis generating requests
from that description against the admin API: bad input must be a 4xx, never a 5xx, and every
answer must match the schema the description gives it."""

from __future__ import annotations

import subprocess
import sys
import time

import httpx

from conftest import shut_down, start_governed_gateway

MASTER = "sk-openapi-master"
# The canonical admin, health and model routes (their /v1 and /api/v1 aliases are the same
# handlers; the proxied operations need upstreams and are covered elsewhere).
OPERATIONS = r"^/(key|team|user|spend|global|health|metrics)(/|$)|^/v1/models(/\{model\})?$|^/v1/responses/"


def test_the_description_and_its_page_are_served_without_a_key(gateway):
    document = httpx.get(f"{gateway.root}/openapi.json", timeout=10)
    assert document.status_code == 200
    spec = document.json()
    assert spec["openapi"] == "3.1.0"
    assert {"/v1/chat/completions", "/key/generate", "/v1beta/models/{model}:generateContent", "/v1/messages"} <= set(spec["paths"])
    chat = spec["paths"]["/v1/chat/completions"]["post"]
    assert {"bearer": []} in chat["security"] and {"apiKeyHeader": []} in chat["security"]
    assert "text/event-stream" in chat["responses"]["200"]["content"]
    alias = spec["paths"]["/api/v1/key/generate"]["post"]
    assert alias["x-switchyard-alias-of"] == "/key/generate"
    page = httpx.get(f"{gateway.root}/docs", timeout=10)
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    assert 'fetch("/openapi.json")' in page.text


def test_schemathesis_finds_no_server_error_in_the_admin_api(tmp_path):
    gateway = start_governed_gateway(tmp_path, "schemathesis", MASTER, batch_write_seconds=0.5, prices=(0.000001, 0.000002))
    try:
        started = time.monotonic()
        run = subprocess.run(
            [
                sys.executable, "-m", "schemathesis.cli", "run", f"{gateway.root}/openapi.json",
                "--include-path-regex", OPERATIONS,
                "--checks", "not_a_server_error,response_schema_conformance,content_type_conformance,status_code_conformance",
                "--phases", "examples,coverage,fuzzing", "--max-examples", "25", "--seed", "20261206",
                "--workers", "2", "--request-timeout", "10", "--suppress-health-check", "all",
                "-H", f"Authorization: Bearer {MASTER}",
            ],
            # About 40 s on an idle 2-core machine; the bound leaves room for a busy one.
            capture_output=True, text=True, timeout=240, cwd=tmp_path,
        )
        print(run.stdout[-20000:])
        print(f"schemathesis ran for {time.monotonic() - started:.0f} s")
        assert run.returncode == 0, f"schemathesis failed:\n{run.stdout[-20000:]}\n{run.stderr[-4000:]}"
        assert httpx.get(f"{gateway.root}/health/liveliness", timeout=5).status_code == 200
    finally:
        shut_down(gateway.process)
