"""`/openapi.json` and `/docs` from the real binary, and schemathesis generating requests
from that description against the admin API: bad input must be a 4xx, never a 5xx, and every
answer must match the schema the description gives it."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import time

import httpx
import pytest

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


# Runs /docs' script under node with a small stand-in for the DOM, and prints what it built.
DOCS_HARNESS = r"""
const fs = require("fs");
const [html, spec] = [fs.readFileSync(process.argv[2], "utf8"), JSON.parse(fs.readFileSync(process.argv[3], "utf8"))];
class Node { constructor(tag) { this.tag = tag; this.children = []; this.textContent = ""; }
  append(...kids) { for (const k of kids) this.children.push(typeof k === "string" ? new Text(k) : k); }
  addEventListener() {} scrollIntoView() {} }
class Text extends Node { constructor(text) { super("#text"); this.textContent = text; } }
const roots = { about: new Node("p"), routes: new Node("div") };
global.document = { createElement: tag => new Node(tag), getElementById: id => roots[id] || null };
global.history = { replaceState() {} }; global.location = { hash: "" };
global.fetch = async () => ({ json: async () => spec });
eval(html.split("<script>")[1].split("</script>")[0]);
setTimeout(() => {
  const nodes = []; const walk = n => { nodes.push(n); n.children.forEach(walk); }; walk(roots.routes);
  const text = id => { const out = []; const go = n => { if (n.textContent) out.push(n.textContent); n.children.forEach(go); };
    go(nodes.find(n => n.id === id)); return out.join(" "); };
  console.log(JSON.stringify({ sections: nodes.filter(n => n.tag === "h2").map(n => n.textContent),
    operations: nodes.filter(n => n.tag === "details").map(n => n.id), error: roots.routes.textContent,
    generate: text("post_key_generate") }));
}, 50);
"""


def test_the_docs_page_lists_every_canonical_operation_once(gateway, tmp_path):
    node = shutil.which("node")
    if node is None:
        pytest.skip("node is not installed: the page's script cannot run here")
    (tmp_path / "docs.html").write_text(httpx.get(f"{gateway.root}/docs", timeout=10).text)
    spec = httpx.get(f"{gateway.root}/openapi.json", timeout=10).json()
    (tmp_path / "spec.json").write_text(json.dumps(spec))
    (tmp_path / "harness.js").write_text(DOCS_HARNESS)
    run = subprocess.run([node, str(tmp_path / "harness.js"), str(tmp_path / "docs.html"), str(tmp_path / "spec.json")],
                         capture_output=True, text=True, timeout=30)
    assert run.returncode == 0, run.stderr
    page = json.loads(run.stdout)
    assert page["error"] == ""
    canonical = sorted(op["operationId"] for item in spec["paths"].values() for op in item.values() if "x-switchyard-alias-of" not in op)
    assert sorted(page["operations"]) == canonical
    assert page["sections"][:3] == ["OpenAI", "Anthropic", "Gemini"] and "Keys" in page["sections"]
    for words in ["/key/generate", "Make a virtual key", "Also at: /api/v1/key/generate, /v1/key/generate", "max_budget", "minimum: 0", "KeyWithSecret", "403"]:
        assert words in page["generate"], words


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
