"""The `teams`, `users` and `spend` commands, run against the SQLite store a real gateway
wrote (and a running gateway honouring what they change)."""

from __future__ import annotations

import json
import subprocess
import time
from pathlib import Path

import httpx
import openai

from conftest import Gateway, binary_path, shut_down, start_governed_gateway

MASTER = "sk-cli-master"


def cli(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run([str(binary_path()), *args], cwd=cwd, capture_output=True, text=True, timeout=60)


def json_lines(text: str) -> list[dict]:
    return [json.loads(line) for line in text.splitlines() if line.strip()]


def admin(gateway: Gateway, method: str, path: str, **kwargs) -> httpx.Response:
    return httpx.request(method, f"{gateway.root}{path}", headers={"Authorization": f"Bearer {MASTER}"}, timeout=10, **kwargs)


def chat(gateway: Gateway, key: str, count: int) -> None:
    with openai.OpenAI(base_url=gateway.base_url, api_key=key, max_retries=0, timeout=30) as client:
        for _ in range(count):
            client.chat.completions.create(model="mock", max_tokens=5, messages=[{"role": "user", "content": "hello there"}])


def test_teams_and_users_made_on_the_command_line_govern_a_running_gateway(tmp_path):
    gateway = start_governed_gateway(tmp_path, "cli-gateway", MASTER, batch_write_seconds=0.2, prices=(0.000001, 0.000002))
    database = f"sqlite:{tmp_path / 'switchyard.db'}"
    try:
        made = cli("teams", "create", "--database-url", database, "--id", "acme", "--alias", "Acme", "--max-budget", "12.5",
                   "--budget-duration", "30d", "--models", "mock, gpt-4o", cwd=tmp_path)
        assert made.returncode == 0, made.stderr
        assert made.stdout.strip() == "acme"
        again = cli("teams", "create", "--database-url", database, "--id", "acme", cwd=tmp_path)
        assert again.returncode != 0 and "already exists" in again.stderr

        user = cli("users", "create", "--database-url", database, "--id", "ana", "--email", "ana@example.com", "--team", "acme",
                   "--rpm", "100", cwd=tmp_path)
        assert user.returncode == 0, user.stderr
        assert user.stdout.strip() == "ana"
        bad = cli("users", "create", "--database-url", database, "--budget-duration", "fortnight", cwd=tmp_path)
        assert bad.returncode != 0 and "--budget-duration" in bad.stderr

        [team] = json_lines(cli("teams", "list", "--database-url", database, "--json", cwd=tmp_path).stdout)
        assert team == {"team_id": "acme", "team_alias": "Acme", "spend": 0, "max_budget": 12.5, "models": ["mock", "gpt-4o"], "blocked": False}
        table = cli("users", "list", "--database-url", database, cwd=tmp_path).stdout.splitlines()
        assert table[0].split("\t") == ["USER", "EMAIL", "ROLE", "TEAM", "SPEND", "BUDGET", "MODELS"]
        assert table[1].split("\t")[:4] == ["ana", "ana@example.com", "-", "acme"]

        # The running gateway reads them at its next sync: the admin API sees the team.
        deadline = time.monotonic() + 5
        while admin(gateway, "GET", "/team/info?team_id=acme").status_code != 200:
            assert time.monotonic() < deadline, "the gateway never saw the team"
            time.sleep(0.1)

        key = cli("keys", "create", "--database-url", database, "--team", "acme", "--user", "ana", cwd=tmp_path).stdout.strip()
        deadline = time.monotonic() + 5
        while True:
            try:
                chat(gateway, key, 1)
                break
            except openai.AuthenticationError:
                assert time.monotonic() < deadline, "the gateway never honoured the new key"
                time.sleep(0.1)

        deleted = cli("teams", "delete", "--database-url", database, "acme", cwd=tmp_path)
        assert deleted.returncode == 0, deleted.stderr
        assert deleted.stdout.strip() == "deleted team acme and 1 key(s)"
        assert json_lines(cli("teams", "list", "--database-url", database, "--json", cwd=tmp_path).stdout) == []
        missing = cli("teams", "delete", "--database-url", database, "acme", cwd=tmp_path)
        assert missing.returncode == 1 and "no team acme" in missing.stderr
        deadline = time.monotonic() + 5
        while True:
            try:
                chat(gateway, key, 1)
            except openai.AuthenticationError:
                break
            assert time.monotonic() < deadline, "the team's key still works after the team was deleted"
            time.sleep(0.1)

        assert cli("users", "delete", "--database-url", database, "ana", cwd=tmp_path).stdout.strip() == "deleted user ana and 0 key(s)"
        assert json_lines(cli("users", "list", "--database-url", database, "--json", cwd=tmp_path).stdout) == []
    finally:
        shut_down(gateway.process)


def test_spend_sums_the_log_per_key_team_and_model(tmp_path):
    gateway = start_governed_gateway(tmp_path, "spend-gateway", MASTER, batch_write_seconds=0.2, prices=(0.000001, 0.000002))
    database = f"sqlite:{tmp_path / 'switchyard.db'}"
    try:
        assert admin(gateway, "POST", "/team/new", json={"team_id": "blue"}).status_code == 200
        blue = admin(gateway, "POST", "/key/generate", json={"team_id": "blue", "key_alias": "blue-key"}).json()
        red = admin(gateway, "POST", "/key/generate", json={"key_alias": "red-key"}).json()
        chat(gateway, blue["key"], 3)
        chat(gateway, red["key"], 2)
    finally:
        shut_down(gateway.process)  # flushes the spend log

    by_key = {row["key"]: row for row in json_lines(cli("spend", "--database-url", database, "--group-by", "key", "--json", cwd=tmp_path).stdout)}
    assert set(by_key) == {blue["token"], red["token"]}
    assert by_key[blue["token"]]["requests"] == 3 and by_key[blue["token"]]["key_alias"] == "blue-key"
    assert by_key[red["token"]]["requests"] == 2
    assert by_key[blue["token"]]["spend"] > by_key[red["token"]]["spend"] > 0

    by_team = {row["team"]: row for row in json_lines(cli("spend", "--database-url", database, "--group-by", "team", "--json", cwd=tmp_path).stdout)}
    assert by_team["blue"]["requests"] == 3 and by_team[None]["requests"] == 2

    [model] = json_lines(cli("spend", "--database-url", database, "--json", cwd=tmp_path).stdout)
    assert model["model"] == "mock" and model["requests"] == 5
    assert abs(model["spend"] - by_key[blue["token"]]["spend"] - by_key[red["token"]]["spend"]) < 1e-12

    table = cli("spend", "--database-url", database, "--group-by", "key", cwd=tmp_path).stdout.splitlines()
    assert table[0].split("\t")[:3] == ["KEY", "REQUESTS", "SPEND"]
    assert table[-1].split("\t")[:2] == ["TOTAL", "5"]
    assert any("(blue-key)" in line for line in table)

    # A period with no requests, and dates a day wide.
    assert json_lines(cli("spend", "--database-url", database, "--from", "2001-01-01", "--to", "2001-01-31", "--json", cwd=tmp_path).stdout) == []
    today = time.strftime("%Y-%m-%d", time.gmtime())
    [row] = json_lines(cli("spend", "--database-url", database, "--from", today, "--to", today, "--json", cwd=tmp_path).stdout)
    assert row["requests"] == 5
    wrong = cli("spend", "--database-url", database, "--group-by", "colour", cwd=tmp_path)
    assert wrong.returncode != 0 and "group-by" in wrong.stderr
    backwards = cli("spend", "--database-url", database, "--from", "2026-02-01", "--to", "2026-01-01", cwd=tmp_path)
    assert backwards.returncode != 0 and "--from must be before --to" in backwards.stderr
