#!/usr/bin/env python3
"""Switchyard benchmark: the same upstream and load generator, side by side, in one run.

Targets, each in front of one zero-latency upstream (nginx answering a fixed OpenAI response):
  direct       the upstream itself
  nginx        nginx proxy_pass (the reference reverse proxy: the practical limit)
  switchyard   this gateway (release build)
  litellm      the LiteLLM proxy (PyPI, --num_workers 2), unless --skip-litellm
and the same over TLS (-tls): the upstream nginx serves HTTPS with a certificate from a
throwaway CA made here with openssl; nginx proxy_pass https:// (keepalive, session reuse,
verified) and the gateway (the CA as its ssl_verify bundle) in front of it.

For each target and concurrency, wrk reports throughput and latency. /proc gives CPU time per
request and peak RSS of the target's whole process tree. Streaming is measured against the
built-in mock provider (one event per write), direct and through the gateway. The results go
to a markdown table with ratios to nginx and LiteLLM.
"""

import argparse
import json
import os
import platform
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
TICKS = os.sysconf("SC_CLK_TCK")
ROUNDS = 3


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_ready(url, timeout, headers=None):
    """Seconds until `url` answers 200, or raises."""
    start = time.monotonic()
    while time.monotonic() - start < timeout:
        try:
            request = urllib.request.Request(url, headers=headers or {})
            with urllib.request.urlopen(request, timeout=1) as response:
                if response.status == 200:
                    return time.monotonic() - start
        except Exception:
            pass
        time.sleep(0.005)
    raise RuntimeError(f"{url} not ready after {timeout}s")


def process_tree(pid):
    """pid and all its descendants."""
    children = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as f:
                fields = f.read().rsplit(")", 1)[1].split()
            children.setdefault(int(fields[1]), []).append(int(entry))
        except OSError:
            continue
    tree, todo = [], [pid]
    while todo:
        current = todo.pop()
        tree.append(current)
        todo.extend(children.get(current, []))
    return tree


def cpu_seconds(pid):
    total = 0
    for member in process_tree(pid):
        try:
            with open(f"/proc/{member}/stat") as f:
                fields = f.read().rsplit(")", 1)[1].split()
            total += int(fields[11]) + int(fields[12])  # utime + stime
        except OSError:
            continue
    return total / TICKS


def peak_rss_mb(pid):
    total = 0
    for member in process_tree(pid):
        try:
            with open(f"/proc/{member}/status") as f:
                for line in f:
                    if line.startswith("VmHWM:"):
                        total += int(line.split()[1])
        except OSError:
            continue
    return total / 1024


def to_ms(text):
    value, unit = re.match(r"([\d.]+)(us|ms|s)", text).groups()
    return float(value) * {"us": 0.001, "ms": 1.0, "s": 1000.0}[unit]


def run_wrk(url, body_file, connections, duration, key):
    threads = max(1, min(2, connections))
    env = dict(os.environ, BENCH_BODY_FILE=body_file, BENCH_KEY=key)
    out = subprocess.run(
        ["wrk", f"-t{threads}", f"-c{connections}", f"-d{duration}", "--latency", "-s", os.path.join(HERE, "post.lua"), url],
        capture_output=True, text=True, env=env, check=True,
    ).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    requests = int(re.search(r"(\d+) requests in", out).group(1))
    p50 = to_ms(re.search(r"50%\s+([\d.]+\w+)", out).group(1))
    p99 = to_ms(re.search(r"99%\s+([\d.]+\w+)", out).group(1))
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    socket_errors = re.search(r"Socket errors: (.*)", out)
    return {
        "rps": rps, "requests": requests, "p50_ms": p50, "p99_ms": p99,
        "non2xx": int(errors.group(1)) if errors else 0,
        "socket_errors": socket_errors.group(1) if socket_errors else "",
    }


class Service:
    def __init__(self, name, args, env=None, ready_url=None, ready_timeout=60, ready_headers=None, cwd=None):
        self.name = name
        self.log = tempfile.NamedTemporaryFile(prefix=f"bench-{name}-", suffix=".log", delete=False)
        started = time.monotonic()
        self.process = subprocess.Popen(
            args, stdout=self.log, stderr=subprocess.STDOUT, env=env, cwd=cwd, start_new_session=True,
        )
        self.cold_start = None
        if ready_url:
            wait_ready(ready_url, ready_timeout, ready_headers)
            self.cold_start = time.monotonic() - started

    @property
    def pid(self):
        return self.process.pid

    def stop(self):
        try:
            os.killpg(self.process.pid, signal.SIGTERM)
            self.process.wait(timeout=15)
        except Exception:
            try:
                os.killpg(self.process.pid, signal.SIGKILL)
            except Exception:
                pass


def nginx(name, template, work, **values):
    conf = open(os.path.join(HERE, template)).read().replace("__DIR__", work)
    for key, value in values.items():
        conf = conf.replace(f"__{key.upper()}__", str(value))
    path = os.path.join(work, f"{name}.conf")
    with open(path, "w") as f:
        f.write(conf)
    port = values["port"]
    return Service(name, ["nginx", "-g", "daemon off;", "-c", path, "-p", work],
                   ready_url=None), port


def start_nginx_pair(work, services):
    """The zero-latency upstream and an nginx proxy_pass in front of it; returns (upstream port, proxy, proxy port)."""
    upstream_port, proxy_port = free_port(), free_port()
    upstream, _ = nginx("upstream-nginx", "upstream-nginx.conf", work, port=upstream_port)
    services.append(upstream)
    proxy, _ = nginx("proxy-nginx", "proxy-nginx.conf", work, port=proxy_port, upstream_port=upstream_port)
    services.append(proxy)
    time.sleep(0.5)
    return upstream_port, proxy, proxy_port


def make_tls_material(work):
    """A throwaway CA and a server certificate for localhost and 127.0.0.1, in work/tls."""
    directory = os.path.join(work, "tls")
    os.makedirs(directory)
    key = ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes"]
    def openssl(*args):
        subprocess.run(["openssl", *args], cwd=directory, check=True, capture_output=True)
    openssl("req", "-x509", *key, "-keyout", "ca.key", "-out", "ca.pem", "-days", "2", "-subj", "/CN=Switchyard Bench CA",
            "-addext", "basicConstraints=critical,CA:TRUE", "-addext", "keyUsage=critical,keyCertSign,cRLSign")
    openssl("req", *key, "-keyout", "server.key", "-out", "server.csr", "-subj", "/CN=localhost")
    with open(os.path.join(directory, "server.ext"), "w") as f:
        f.write("subjectAltName=DNS:localhost,IP:127.0.0.1\nbasicConstraints=CA:FALSE\nextendedKeyUsage=serverAuth\n")
    openssl("x509", "-req", "-in", "server.csr", "-CA", "ca.pem", "-CAkey", "ca.key", "-CAcreateserial",
            "-out", "server.pem", "-days", "2", "-extfile", "server.ext")
    return os.path.join(directory, "ca.pem")


def start_tls_nginx_pair(work, services, mock_port):
    """The upstream over TLS (and a TLS front for the mock), and nginx proxy_pass https:// to it;
    returns (upstream port, stream port, proxy, proxy port)."""
    upstream_port, stream_port, proxy_port = free_port(), free_port(), free_port()
    upstream, _ = nginx("upstream-nginx-tls", "upstream-nginx-tls.conf", work, port=upstream_port,
                        stream_port=stream_port, mock_port=mock_port)
    services.append(upstream)
    proxy, _ = nginx("proxy-nginx-tls", "proxy-nginx-tls.conf", work, port=proxy_port, upstream_port=upstream_port)
    services.append(proxy)
    time.sleep(0.5)
    return upstream_port, stream_port, proxy, proxy_port


def paired_cost(bases, costed):
    """The throughput lost, per round (the two ran back to back), as the median over rounds."""
    losses = sorted(1 - c["rps"] / b["rps"] for b, c in zip(bases, costed))
    return losses[len(losses) // 2]


def median_round(samples):
    """The round with the median throughput, whole (its latency and CPU belong to it)."""
    return sorted(samples, key=lambda sample: sample["rps"])[len(samples) // 2]


def measure(target_pid, url, body, connections, duration, key):
    cpu_before = cpu_seconds(target_pid) if target_pid else 0
    result = run_wrk(url, body, connections, duration, key)
    if target_pid:
        cpu = cpu_seconds(target_pid) - cpu_before
        result["cpu_us_per_request"] = cpu / max(result["requests"], 1) * 1e6
        result["rss_mb"] = peak_rss_mb(target_pid)
    return result


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--binary", default=os.path.join(ROOT, ".build", "release", "switchyard"))
    parser.add_argument("--duration", default="10s")
    parser.add_argument("--concurrency", default="1,8,64,256")
    parser.add_argument("--skip-litellm", action="store_true")
    parser.add_argument("--litellm", default=os.path.join(ROOT, ".build", "bench-venv", "bin", "litellm"))
    parser.add_argument("--out", default=None)
    parser.add_argument("--scenarios", default="passthrough,tls,streaming,translation,governance",
                        help="comma-separated subset of passthrough,tls,streaming,translation,governance")
    args = parser.parse_args()
    scenarios = set(args.scenarios.split(","))
    levels = [int(c) for c in args.concurrency.split(",")]
    work = tempfile.mkdtemp(prefix="switchyard-bench-")
    services = []
    results = {}
    try:
        upstream_port, proxy, proxy_port = start_nginx_pair(work, services)

        mock_port = free_port()
        mock = Service("mock-provider", [args.binary, "mock-provider", "--port", str(mock_port), "--log-level", "error"],
                       ready_url=f"http://127.0.0.1:{mock_port}/v1/models")
        services.append(mock)

        ca_path = make_tls_material(work)
        tls_port, tls_stream_port, tls_proxy, tls_proxy_port = start_tls_nginx_pair(work, services, mock_port)

        config = os.path.join(work, "switchyard.yaml")
        with open(config, "w") as f:
            f.write(f"""model_list:
  - model_name: gpt-4o
    litellm_params: {{model: openai/gpt-4o, api_base: "http://127.0.0.1:{upstream_port}/v1", api_key: sk-upstream}}
    model_info: {{input_cost_per_token: 0.0000025, output_cost_per_token: 0.00001}}
  - model_name: stream
    litellm_params: {{model: openai/stream, api_base: "http://127.0.0.1:{mock_port}/v1", api_key: sk-upstream}}
  - model_name: claude
    litellm_params: {{model: anthropic/claude-sonnet-4-5, api_base: "http://127.0.0.1:{mock_port}", api_key: sk-upstream}}
  - model_name: gpt-4o-tls
    litellm_params: {{model: openai/gpt-4o, api_base: "https://127.0.0.1:{tls_port}/v1", api_key: sk-upstream, ssl_verify: "{ca_path}"}}
    model_info: {{input_cost_per_token: 0.0000025, output_cost_per_token: 0.00001}}
  - model_name: stream-tls
    litellm_params: {{model: openai/stream, api_base: "https://127.0.0.1:{tls_stream_port}/v1", api_key: sk-upstream, ssl_verify: "{ca_path}"}}
general_settings:
  master_key: sk-bench
""")
        gateway_port = free_port()
        gateway = Service("switchyard", [args.binary, "serve", "--config", config, "--port", str(gateway_port), "--log-level", "error"],
                          ready_url=f"http://127.0.0.1:{gateway_port}/health/liveliness", ready_timeout=30, cwd=work)
        services.append(gateway)
        results["switchyard_cold_start_s"] = gateway.cold_start

        chat = os.path.join(HERE, "chat.json")
        chat_tls = os.path.join(work, "chat-tls.json")
        with open(chat_tls, "w") as f:
            f.write(open(chat).read().replace('"gpt-4o"', '"gpt-4o-tls"'))
        targets = []
        if "passthrough" in scenarios:
            targets += [
                ("direct", None, f"http://127.0.0.1:{upstream_port}/v1/chat/completions", chat),
                ("nginx", proxy.pid, f"http://127.0.0.1:{proxy_port}/v1/chat/completions", chat),
                ("switchyard", gateway.pid, f"http://127.0.0.1:{gateway_port}/v1/chat/completions", chat),
            ]
        if "tls" in scenarios:
            targets += [
                ("direct-tls", None, f"https://127.0.0.1:{tls_port}/v1/chat/completions", chat),
                ("nginx-tls", tls_proxy.pid, f"http://127.0.0.1:{tls_proxy_port}/v1/chat/completions", chat),
                ("switchyard-tls", gateway.pid, f"http://127.0.0.1:{gateway_port}/v1/chat/completions", chat_tls),
            ]
        if not args.skip_litellm and os.path.exists(args.litellm):
            litellm_config = os.path.join(work, "litellm.yaml")
            with open(litellm_config, "w") as f:
                f.write(f"""model_list:
  - model_name: gpt-4o
    litellm_params: {{model: openai/gpt-4o, api_base: "http://127.0.0.1:{upstream_port}/v1", api_key: sk-upstream}}
""")
            litellm_port = free_port()
            env = dict(os.environ, LITELLM_DANGEROUSLY_PERMIT_WEAK_OR_UNSET_MASTER_KEY="true", LITELLM_LOG="ERROR")
            litellm = Service("litellm", [args.litellm, "--config", litellm_config, "--port", str(litellm_port), "--num_workers", "2"],
                              env=env, ready_url=f"http://127.0.0.1:{litellm_port}/health/liveliness", ready_timeout=180, cwd=work)
            services.append(litellm)
            results["litellm_cold_start_s"] = litellm.cold_start
            targets.append(("litellm", litellm.pid, f"http://127.0.0.1:{litellm_port}/v1/chat/completions", chat))

        for _, _, url, body in targets:
            # Warm up pools and caches before measuring.
            run_wrk(url, body, 8, "2s", "sk-bench")
        # direct, nginx and switchyard alternate at each concurrency, ROUNDS times, and each cell
        # keeps its median round, so a ratio compares neighbours in time rather than cells
        # minutes apart on a machine that drifts. LiteLLM, a hundred times slower, runs once.
        rounds = {}
        for round_number in range(ROUNDS):
            for level in levels:
                for name, pid, url, body in targets:
                    if name == "litellm" and (level > 64 or round_number > 0):
                        continue
                    cell = measure(pid, url, body, level, args.duration, "sk-bench")
                    rounds.setdefault(f"{name}@{level}", []).append(cell)
                    print(name, level, json.dumps(cell), flush=True)
        results["passthrough"] = {cell: median_round(samples) for cell, samples in rounds.items()}

        stream = os.path.join(HERE, "stream.json")
        stream_tls = os.path.join(work, "stream-tls.json")
        with open(stream_tls, "w") as f:
            f.write(open(stream).read().replace('"stream"', '"stream-tls"', 1))
        streaming = {}
        # Over TLS, "direct" is the nginx TLS front of the mock, which the gateway also calls.
        for name, pid, url, body in [
            ("direct", None, f"http://127.0.0.1:{mock_port}/v1/chat/completions", stream),
            ("switchyard", gateway.pid, f"http://127.0.0.1:{gateway_port}/v1/chat/completions", stream),
            ("direct-tls", None, f"https://127.0.0.1:{tls_stream_port}/v1/chat/completions", stream),
            ("switchyard-tls", gateway.pid, f"http://127.0.0.1:{gateway_port}/v1/chat/completions", stream_tls),
        ] if "streaming" in scenarios else []:
            run_wrk(url, body, 4, "2s", "sk-bench")
            for level in (1, 16):
                streaming[f"{name}@{level}"] = measure(pid, url, body, level, args.duration, "sk-bench")
                print("stream", name, level, json.dumps(streaming[f"{name}@{level}"]), flush=True)
        results["streaming"] = streaming

        # Translation: an OpenAI client to an Anthropic-dialect upstream (the mock provider's
        # /v1/messages), against the same mock answering OpenAI's format directly.
        translation = {}
        claude_body = os.path.join(work, "claude.json")
        with open(claude_body, "w") as f:
            f.write(open(chat).read().replace('"gpt-4o"', '"claude"'))
        openai_body = os.path.join(work, "mock-openai.json")
        with open(openai_body, "w") as f:
            f.write(open(chat).read().replace('"gpt-4o"', '"stream"'))
        url = f"http://127.0.0.1:{gateway_port}/v1/chat/completions"
        for name, target_body in [("openai-to-openai", openai_body), ("openai-to-anthropic", claude_body)] if "translation" in scenarios else []:
            run_wrk(url, target_body, 4, "2s", "sk-bench")
            for level in (1, 16):
                translation[f"{name}@{level}"] = measure(gateway.pid, url, target_body, level, args.duration, "sk-bench")
                print("translation", name, level, json.dumps(translation[f"{name}@{level}"]), flush=True)
        results["translation"] = translation
        if "governance" in scenarios:
            # Governance: a virtual key with a budget and rpm/tpm limits, spend logged to SQLite,
            # against a gateway with spend logging off called with the master key. Both are
            # started fresh here, so they differ only in that: the main gateway has by now logged
            # every earlier scenario's requests.
            def fresh_gateway(name, extra_config):
                path = os.path.join(work, f"{name}.yaml")
                with open(path, "w") as f:
                    f.write(open(config).read() + extra_config)
                port = free_port()
                directory = os.path.join(work, name)
                os.makedirs(directory)
                service = Service(name, [args.binary, "serve", "--config", path, "--port", str(port), "--log-level", "error"],
                                  ready_url=f"http://127.0.0.1:{port}/health/liveliness", ready_timeout=30, cwd=directory)
                services.append(service)
                return service, port

            bare, bare_port = fresh_gateway("switchyard-bare", "  disable_spend_logs: true\n")
            governed, governed_port = fresh_gateway("switchyard-governed", "")
            virtual_key = generate_key(governed_port, "sk-bench", {
                "key_alias": "bench", "max_budget": 1_000_000, "rpm_limit": 100_000_000, "tpm_limit": 1_000_000_000,
                "max_parallel_requests": 10_000,
            })
            # The two gateways alternate, back to back in each round: the difference is small next
            # to how much this machine drifts over a minute, so the cost is taken within each round.
            governance_targets = [
                ("logging-off-master-key", bare.pid, bare_port, "sk-bench"),
                ("virtual-key-limits-spend-logs", governed.pid, governed_port, virtual_key),
            ]
            for _, _, port, key in governance_targets:
                run_wrk(f"http://127.0.0.1:{port}/v1/chat/completions", chat, 8, "2s", key)
            rounds = {}
            for _ in range(ROUNDS):
                for level in (1, 64):
                    for name, pid, port, key in governance_targets:
                        cell = measure(pid, f"http://127.0.0.1:{port}/v1/chat/completions", chat, level, args.duration, key)
                        rounds.setdefault(f"{name}@{level}", []).append(cell)
                        print("governance", name, level, json.dumps(cell), flush=True)
            results["governance"] = {cell: median_round(samples) for cell, samples in rounds.items()}
            results["governance_cost"] = {
                level: paired_cost(rounds[f"logging-off-master-key@{level}"], rounds[f"virtual-key-limits-spend-logs@{level}"])
                for level in (1, 64)
            }
        results["stream_events"] = count_stream_events(f"http://127.0.0.1:{mock_port}/v1/chat/completions", stream)
        results["switchyard_rss_mb"] = peak_rss_mb(gateway.pid)
    finally:
        for service in reversed(services):
            service.stop()
        shutil.rmtree(work, ignore_errors=True)

    out = args.out or os.path.join(HERE, "results", time.strftime("%Y-%m-%d") + ".md")
    with open(out, "w") as f:
        f.write(report(results, levels, args.duration))
    with open(out.replace(".md", ".json"), "w") as f:
        json.dump(results, f, indent=2)
    print(f"wrote {out}")


def generate_key(port, master_key, fields):
    request = urllib.request.Request(
        f"http://127.0.0.1:{port}/key/generate", data=json.dumps(fields).encode(),
        headers={"Content-Type": "application/json", "Authorization": f"Bearer {master_key}"},
    )
    with urllib.request.urlopen(request) as response:
        return json.load(response)["key"]


def count_stream_events(url, body_file):
    request = urllib.request.Request(url, data=open(body_file, "rb").read(), headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(request) as response:
        return response.read().count(b"\n\n")


def report(results, levels, duration):
    passthrough = results["passthrough"]
    lines = [
        "# Switchyard benchmark",
        "",
        f"- machine: {platform.node()}, {os.cpu_count()} cores, {platform.machine()}, {platform.platform()}; "
        "load generator (wrk) on the same cores",
        f"- {duration} per cell after a 2 s warm-up; upstream: nginx answering a fixed chat completion",
        f"- pass-through and governance: the targets alternate, {ROUNDS} rounds, and each cell is its median round "
        "(LiteLLM: one round)",
        "- switchyard runs with its defaults, so every request is also logged to SQLite (LiteLLM has no database "
        "here); the governance table compares two fresh gateways, one without spend logging called with the master key, "
        "one logging spend and called with a limited virtual key",
        f"- cold start to first healthy answer: switchyard {results.get('switchyard_cold_start_s', 0) * 1000:.0f} ms"
        + (f", LiteLLM {results['litellm_cold_start_s']:.1f} s" if results.get("litellm_cold_start_s") else ""),
        f"- switchyard peak RSS over the whole run: {results.get('switchyard_rss_mb', 0):.1f} MB",
        "",
        "## Non-streaming pass-through",
        "",
        "| target | conc. | req/s | p50 ms | p99 ms | CPU µs/req | peak RSS MB | vs nginx | vs LiteLLM | non-2xx |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for name in ("direct", "nginx", "switchyard", "litellm", "direct-tls", "nginx-tls", "switchyard-tls"):
        for level in levels:
            cell = passthrough.get(f"{name}@{level}")
            if not cell:
                continue
            # Each protocol is compared with nginx in front of the same upstream.
            nginx = passthrough.get(f"nginx-tls@{level}" if name.endswith("-tls") else f"nginx@{level}")
            litellm = passthrough.get(f"litellm@{level}") or passthrough.get(f"litellm@{min(level, 64)}")
            vs_nginx = f"{cell['rps'] / nginx['rps']:.2f}×" if nginx else ""
            vs_litellm = f"{cell['rps'] / litellm['rps']:.1f}×" if litellm and name != "litellm" else ""
            cpu = f"{cell['cpu_us_per_request']:.0f}" if "cpu_us_per_request" in cell else ""
            rss = f"{cell['rss_mb']:.0f}" if "rss_mb" in cell else ""
            lines.append(
                f"| {name} | {level} | {cell['rps']:.0f} | {cell['p50_ms']:.3f} | {cell['p99_ms']:.3f} | {cpu} | {rss} | "
                f"{vs_nginx} | {vs_litellm} | {cell['non2xx']} |"
            )
    for suffix, label in (("", "plain HTTP"), ("-tls", "over TLS")):
        direct1, gateway1 = passthrough.get(f"direct{suffix}@1"), passthrough.get(f"switchyard{suffix}@1")
        nginx1 = passthrough.get(f"nginx{suffix}@1")
        if direct1 and gateway1:
            lines += ["", f"Added p50 latency at concurrency 1, {label}: switchyard {gateway1['p50_ms'] - direct1['p50_ms']:.3f} ms"
                      + (f", nginx {nginx1['p50_ms'] - direct1['p50_ms']:.3f} ms" if nginx1 else "")
                      + (f"; switchyard over nginx {gateway1['p50_ms'] - nginx1['p50_ms']:.3f} ms" if nginx1 else "") + "."]
    streaming = results.get("streaming", {})
    events = results.get("stream_events", 0)
    lines += [
        "",
        f"## Streaming pass-through ({events} events per response, one write each, from the built-in mock provider; "
        "over TLS, direct is an nginx TLS front of the mock, which the gateway calls too)",
        "",
        "| target | conc. | streams/s | p50 ms | p99 ms | CPU µs/stream | added per event (p50) |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    for name in ("direct", "switchyard", "direct-tls", "switchyard-tls"):
        for level in (1, 16):
            cell = streaming.get(f"{name}@{level}")
            if not cell:
                continue
            direct = streaming.get(f"direct-tls@{level}" if name.endswith("-tls") else f"direct@{level}")
            added = ""
            if not name.startswith("direct") and direct and events:
                added = f"{(cell['p50_ms'] - direct['p50_ms']) * 1000 / events:.1f} µs"
            cpu = f"{cell['cpu_us_per_request']:.0f}" if "cpu_us_per_request" in cell else ""
            lines.append(f"| {name} | {level} | {cell['rps']:.0f} | {cell['p50_ms']:.3f} | {cell['p99_ms']:.3f} | {cpu} | {added} |")
    translation = results.get("translation", {})
    if translation:
        lines += [
            "",
            "## Translation (OpenAI client; upstream: the built-in mock provider over HTTP)",
            "",
            "| path | conc. | req/s | p50 ms | p99 ms | CPU µs/req |",
            "|---|---:|---:|---:|---:|---:|",
        ]
        for name in ("openai-to-openai", "openai-to-anthropic"):
            for level in (1, 16):
                cell = translation.get(f"{name}@{level}")
                if cell:
                    lines.append(f"| {name} | {level} | {cell['rps']:.0f} | {cell['p50_ms']:.3f} | {cell['p99_ms']:.3f} | {cell.get('cpu_us_per_request', 0):.0f} |")
    governance = results.get("governance", {})
    if governance:
        lines += [
            "",
            f"## Governance (same upstream as pass-through; SQLite store; two fresh gateways; median of {ROUNDS} alternating rounds)",
            "",
            "The throughput cost is the loss within each round (the two gateways ran back to back), median over rounds.",
            "",
            "| path | conc. | req/s | p50 ms | p99 ms | CPU µs/req | throughput cost |",
            "|---|---:|---:|---:|---:|---:|---:|",
        ]
        costs = results.get("governance_cost", {})
        for name in ("logging-off-master-key", "virtual-key-limits-spend-logs"):
            for level in (1, 64):
                cell = governance.get(f"{name}@{level}")
                if cell:
                    cost = costs.get(level, costs.get(str(level)))
                    cost = f"{cost * 100:.1f}%" if cost is not None and name != "logging-off-master-key" else ""
                    lines.append(f"| {name} | {level} | {cell['rps']:.0f} | {cell['p50_ms']:.3f} | {cell['p99_ms']:.3f} | {cell.get('cpu_us_per_request', 0):.0f} | {cost} |")
    lines.append("")
    return "\n".join(lines)


if __name__ == "__main__":
    sys.exit(main())
