#!/usr/bin/env python3
"""A/B: two gateway builds against nginx proxy_pass, in alternating rounds, in one run.

    python3 bench/ab.py --a /tmp/switchyard-before --b .build/release/switchyard

Both builds serve the same config in front of the same nginx upstream. Each round measures
nginx, A and B back to back at every concurrency, so drift on a shared machine hits all three
alike; the table gives the median over rounds. `--virtual-key` calls both builds with a virtual
key that has a budget and rate limits, and keeps spend logging on; `--virtual-key b` does so
for B only, which, given the same binary twice, measures what governance costs:

    python3 bench/ab.py --a .build/release/switchyard --b .build/release/switchyard --virtual-key b

`--traces b` turns B's OpenTelemetry export on (`callbacks: ["otel"]`), with the nginx
upstream standing in for the collector (it answers every export 200), which measures what a
traced request costs:

    python3 bench/ab.py --a .build/release/switchyard --b .build/release/switchyard --traces b

`--cache b` turns B's local response cache on (the same request each time: every one after the
first is a hit), to compare a hit with the pass-through path.

`--guardrails b` gives B the built-in guardrails (pii, secrets, prompt_injection, default on,
pre_call); with `--prompt-bytes 2048` both get a chat request of about that size, which
measures what guardrails cost:

    python3 bench/ab.py --a .build/release/switchyard --b .build/release/switchyard --guardrails b --prompt-bytes 2048
"""

import json

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import shutil

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from bench import HERE, Service, free_port, generate_key, measure, run_wrk, start_nginx_pair  # noqa: E402


GUARDRAILS = """guardrails:
  - guardrail_name: pii
    litellm_params: {guardrail: pii, default_on: true}
  - guardrail_name: secrets
    litellm_params: {guardrail: secrets, default_on: true}
  - guardrail_name: injection
    litellm_params: {guardrail: prompt_injection, default_on: true}
"""


def prompt_body(work, size):
    """A chat request of about `size` bytes of ordinary prose (nothing a guardrail stops)."""
    sentence = "The quarterly report covers revenue, hiring plans and the roadmap for the next release. "
    text = (sentence * (size // len(sentence) + 1))[:size]
    path = os.path.join(work, "prompt.json")
    with open(path, "w") as f:
        json.dump({"model": "gpt-4o", "messages": [{"role": "user", "content": text}]}, f)
    return path


def gateway(name, binary, work, upstream_port, spend_logs, guardrails=None, cache=False, traces=False):
    config = os.path.join(work, f"{name}.yaml")
    settings = (["cache: true"] if cache else []) + (["callbacks: [otel]"] if traces else [])
    litellm = f"litellm_settings: {{{', '.join(settings)}}}" if settings else ""
    with open(config, "w") as f:
        f.write(f"""model_list:
  - model_name: gpt-4o
    litellm_params: {{model: openai/gpt-4o, api_base: "http://127.0.0.1:{upstream_port}/v1", api_key: sk-upstream}}
    model_info: {{input_cost_per_token: 0.0000025, output_cost_per_token: 0.00001}}
general_settings:
  master_key: sk-bench
  disable_spend_logs: {"false" if spend_logs else "true"}
{guardrails or ""}{litellm}
""")
    port = free_port()
    directory = os.path.join(work, name)
    os.makedirs(directory)
    env = dict(os.environ)
    if traces:
        env["OTEL_EXPORTER_OTLP_ENDPOINT"] = f"http://127.0.0.1:{upstream_port}"
    service = Service(name, [binary, "serve", "--config", config, "--port", str(port), "--log-level", "error"],
                      env=env, ready_url=f"http://127.0.0.1:{port}/health/liveliness", ready_timeout=30, cwd=directory)
    return service, port


def record_profile(path, name, targets, chat, level, duration, call_graph="fp"):
    """The CPU profile of target `name` while wrk loads it: `perf report -i FILE` reads it."""
    _, pid, url, key = next(target for target in targets if target[0] == name)
    seconds = int(duration.rstrip("s")) + 1
    recorder = subprocess.Popen(["perf", "record", "-F", "2000", "--call-graph", call_graph, "-p", str(pid), "-o", path, "--", "sleep", str(seconds)],
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    run_wrk(url, chat, level, duration, key)
    recorder.wait()
    print(f"profile of {name} at c={level}: {path}", flush=True)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--a", required=True, help="the reference build")
    parser.add_argument("--b", required=True, help="the build under test")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--duration", default="5s")
    parser.add_argument("--concurrency", default="1,64")
    parser.add_argument("--virtual-key", nargs="?", const="both", default="none", choices=["none", "a", "b", "both"])
    parser.add_argument("--guardrails", default="none", choices=["none", "a", "b", "both"])
    parser.add_argument("--guardrails-yaml", metavar="FILE",
                        help="the config's guardrails: section for --guardrails (default: pii, secrets and prompt_injection, default_on)")
    parser.add_argument("--prompt-bytes", type=int, default=0, help="send a chat request of about this size")
    parser.add_argument("--traces", default="none", choices=["none", "a", "b", "both"],
                        help="turn on OpenTelemetry export (the nginx upstream stands in for the collector)")
    parser.add_argument("--cache", default="none", choices=["none", "a", "b", "both"],
                        help="turn on the local response cache (every request after the first is a hit)")
    parser.add_argument("--perf", metavar="FILE",
                        help="after the rounds, record B's CPU profile (perf record -g) under load at the highest concurrency into FILE")
    parser.add_argument("--perf-call-graph", default="fp", metavar="MODE",
                        help="perf record's --call-graph: fp (default), or dwarf to see who calls malloc and retain")
    parser.add_argument("--perf-a", metavar="FILE",
                        help="the same for A, recorded just before B's, so the two profiles can be compared symbol by symbol")
    args = parser.parse_args()
    levels = [int(c) for c in args.concurrency.split(",")]
    work = tempfile.mkdtemp(prefix="switchyard-ab-")
    services = []
    try:
        upstream_port, proxy, proxy_port = start_nginx_pair(work, services)
        targets = [("nginx", proxy.pid, f"http://127.0.0.1:{proxy_port}/v1/chat/completions", "sk-bench")]
        for name, binary in (("A", args.a), ("B", args.b)):
            governed = args.virtual_key in ("both", name.lower())
            guarded = (open(args.guardrails_yaml).read() if args.guardrails_yaml else GUARDRAILS) if args.guardrails in ("both", name.lower()) else None
            cached = args.cache in ("both", name.lower())
            traced = args.traces in ("both", name.lower())
            service, port = gateway(name, os.path.abspath(binary), work, upstream_port, governed, guarded, cached, traced)
            services.append(service)
            key = "sk-bench"
            if governed:
                key = generate_key(port, "sk-bench", {
                    "max_budget": 1_000_000, "rpm_limit": 100_000_000, "tpm_limit": 1_000_000_000,
                    "max_parallel_requests": 10_000,
                })
            targets.append((name, service.pid, f"http://127.0.0.1:{port}/v1/chat/completions", key))
        chat = prompt_body(work, args.prompt_bytes) if args.prompt_bytes else os.path.join(HERE, "chat.json")
        for _, _, url, key in targets:
            run_wrk(url, chat, 8, "2s", key)
        samples = {}
        for round_number in range(args.rounds):
            for level in levels:
                for name, pid, url, key in targets:
                    result = measure(pid, url, chat, level, args.duration, key)
                    samples.setdefault((name, level), []).append(result)
                    print(f"round {round_number + 1} {name} c={level}: {result['rps']:.0f} req/s, "
                          f"p50 {result['p50_ms']:.3f} ms, {result.get('cpu_us_per_request', 0):.0f} µs CPU/req, "
                          f"non-2xx {result['non2xx']}", flush=True)
        if args.perf_a:
            record_profile(args.perf_a, "A", targets, chat, max(levels), args.duration, args.perf_call_graph)
        if args.perf:
            record_profile(args.perf, "B", targets, chat, max(levels), args.duration, args.perf_call_graph)
        print()
        print("| target | conc. | req/s (median) | p50 ms | CPU µs/req | vs nginx | B vs A |")
        print("|---|---:|---:|---:|---:|---:|---:|")
        for level in levels:
            median = {name: {field: statistics.median(r[field] for r in samples[(name, level)])
                             for field in ("rps", "p50_ms", "cpu_us_per_request")}
                      for name, _, _, _ in targets}
            for name, _, _, _ in targets:
                m = median[name]
                versus_a = f"{m['rps'] / median['A']['rps']:.2f}×" if name == "B" else ""
                print(f"| {name} | {level} | {m['rps']:.0f} | {m['p50_ms']:.3f} | {m['cpu_us_per_request']:.0f} | "
                      f"{m['rps'] / median['nginx']['rps']:.2f}× | {versus_a} |")
    finally:
        for service in reversed(services):
            service.stop()
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
