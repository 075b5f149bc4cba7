#!/usr/bin/env python3
"""Upload and download throughput of one large file through the Files API, and the gateway's
memory while the bytes stream.

    bench/files.py [--bin .build/release/switchyard] [--mb 100] [--database-url postgres://…]

Starts a gateway of its own (SQLite in a temporary directory unless --database-url), uploads a
file of random bytes with curl (multipart, as `curl -F file=@…` sends it), downloads it back,
checks it byte for byte, and samples the gateway's resident memory every 20 ms throughout.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import socket
import subprocess
import tempfile
import threading
import time
from pathlib import Path

import httpx

MASTER = "sk-bench-files"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def rss_kib(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    return 0


class Sampler(threading.Thread):
    """Samples a process's resident memory until stopped."""

    def __init__(self, pid: int) -> None:
        super().__init__(daemon=True)
        self.pid = pid
        self.samples: list[int] = []
        self.running = True

    def run(self) -> None:
        while self.running:
            self.samples.append(rss_kib(self.pid))
            time.sleep(0.02)

    def stop(self) -> list[int]:
        self.running = False
        self.join()
        return self.samples


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--bin", default=".build/debug/switchyard")
    parser.add_argument("--mb", type=int, default=100)
    parser.add_argument("--database-url")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as workdir:
        work = Path(workdir)
        port = free_port()
        database = f"\n  database_url: {args.database_url}" if args.database_url else ""
        (work / "config.yaml").write_text(
            f"model_list:\n  - model_name: mock\n    litellm_params: {{model: mock/m}}\n"
            f"general_settings:\n  master_key: {MASTER}\n  default_storage_limit_mb: 0{database}\n"
        )
        data = work / "big.bin"
        with open(data, "wb") as out:
            for _ in range(args.mb):
                out.write(os.urandom(1 << 20))
        expected = hashlib.sha256(data.read_bytes()).hexdigest()
        gateway = subprocess.Popen(
            [os.path.abspath(args.bin), "serve", "--config", "config.yaml", "--port", str(port)],
            cwd=work, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )
        try:
            for _ in range(300):
                try:
                    if httpx.get(f"http://127.0.0.1:{port}/health/readiness", timeout=1).status_code == 200:
                        break
                except httpx.HTTPError:
                    pass
                time.sleep(0.1)
            idle = rss_kib(gateway.pid)
            sampler = Sampler(gateway.pid)
            sampler.start()
            started = time.monotonic()
            upload = subprocess.run(
                ["curl", "-sS", "-f", f"http://127.0.0.1:{port}/v1/files", "-H", f"Authorization: Bearer {MASTER}",
                 "-F", "purpose=user_data", "-F", f"file=@{data}"],
                capture_output=True, text=True, check=True,
            )
            upload_seconds = time.monotonic() - started
            during_upload = sampler.stop()
            file_id = httpx.Response(200, content=upload.stdout).json()["id"]

            sampler = Sampler(gateway.pid)
            sampler.start()
            started = time.monotonic()
            subprocess.run(
                ["curl", "-sS", "-f", f"http://127.0.0.1:{port}/v1/files/{file_id}/content",
                 "-H", f"Authorization: Bearer {MASTER}", "-o", str(work / "back.bin")],
                check=True,
            )
            download_seconds = time.monotonic() - started
            during_download = sampler.stop()
            same = hashlib.sha256((work / "back.bin").read_bytes()).hexdigest() == expected
        finally:
            gateway.terminate()
            gateway.wait(timeout=30)

    backend = "PostgreSQL" if args.database_url else "SQLite + directory"
    print(f"{args.mb} MB through {args.bin} ({backend}); byte for byte: {same}")
    print(f"upload:   {upload_seconds:6.2f} s  {args.mb / upload_seconds:7.1f} MB/s")
    print(f"download: {download_seconds:6.2f} s  {args.mb / download_seconds:7.1f} MB/s")
    print(f"RSS idle {idle / 1024:.1f} MiB; during upload {min(during_upload) / 1024:.1f}–{max(during_upload) / 1024:.1f} MiB;"
          f" during download {min(during_download) / 1024:.1f}–{max(during_download) / 1024:.1f} MiB")


if __name__ == "__main__":
    main()
