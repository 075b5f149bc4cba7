"""Video and music jobs through the official `openai` SDK (`client.videos`) and plain HTTP,
against the real binary: the gateway runs the jobs on the in-process mock provider, polls it
in the background, stores the content, and charges a job's cost only when it completes.

Each gateway here polls fast (`job_poll_initial_delay: 0.2`) so a 4-second mock clip, which
renders in one second, completes within about two seconds.
"""

from __future__ import annotations

import time

import httpx
import openai
import pytest

from conftest import Gateway, free_ports, fresh_database, readiness, shut_down, start_process, wait_until

MASTER = "sk-videos-master"


def start_gateway(workdir, name: str, database_url: str | None = None) -> Gateway:
    (port,) = free_ports(1)
    database = f"\n  database_url: {database_url}" if database_url else ""
    config = workdir / "config.yaml"
    config.write_text(
        f"""\
model_list:
  - model_name: sora-2
    litellm_params: {{model: mock/sora-2}}
    model_info: {{output_cost_per_video_per_second: 0.1}}
  - model_name: lyria
    litellm_params: {{model: mock/lyria}}
    model_info: {{output_cost_per_music_track: 0.04}}
general_settings:
  master_key: {MASTER}{database}
  proxy_batch_write_at: 0.2
  job_poll_interval: 0.1
  job_poll_initial_delay: 0.2
  job_poll_max_delay: 0.5
"""
    )
    process = start_process(name, ["serve", "--config", str(config), "--port", str(port)], workdir)
    wait_until(process, lambda: readiness(port), "GET /health/readiness answered 200")
    return Gateway(port, process, MASTER)


@pytest.fixture(scope="module")
def gateway(tmp_path_factory):
    started = start_gateway(tmp_path_factory.mktemp("videos"), "videos-gateway")
    yield started
    shut_down(started.process)


def new_key(gateway: Gateway, **fields) -> str:
    response = httpx.post(f"{gateway.root}/key/generate", json=fields, headers={"Authorization": f"Bearer {MASTER}"}, timeout=10)
    assert response.status_code == 200, response.text
    return response.json()["key"]


def spend(gateway: Gateway, key: str) -> float:
    response = httpx.get(f"{gateway.root}/key/info", params={"key": key}, headers={"Authorization": f"Bearer {MASTER}"}, timeout=10)
    return response.json()["info"]["spend"]


def wait_for(client: openai.OpenAI, video_id: str, timeout: float = 20.0):
    deadline = time.monotonic() + timeout
    video = client.videos.retrieve(video_id)
    while video.status in ("queued", "in_progress") and time.monotonic() < deadline:
        time.sleep(0.2)
        video = client.videos.retrieve(video_id)
    return video


def test_a_video_is_created_polled_downloaded_listed_remixed_and_deleted(gateway):
    key = new_key(gateway)
    with openai.OpenAI(base_url=gateway.base_url, api_key=key) as client:
        video = client.videos.create(model="sora-2", prompt="a lighthouse at dusk", seconds="4", size="1280x720")
        assert video.id.startswith("video_") and video.object == "video"
        assert video.status == "queued" and video.seconds == "4" and video.size == "1280x720"

        done = wait_for(client, video.id)
        assert done.status == "completed", done
        assert done.progress == 100 and done.completed_at and done.expires_at

        content = client.videos.download_content(video.id)
        data = content.read()
        assert data[4:8] == b"ftyp" and len(data) == 4 * 1024 + 32

        listed = client.videos.list(limit=10)
        assert video.id in [item.id for item in listed.data]

        remix = client.videos.remix(video.id, prompt="the same lighthouse at dawn")
        assert remix.remixed_from_video_id == video.id and remix.status == "queued"
        assert wait_for(client, remix.id).status == "completed"

        deleted = client.videos.delete(video.id)
        assert deleted.deleted is True and deleted.object == "video.deleted"
        with pytest.raises(openai.NotFoundError):
            client.videos.retrieve(video.id)


def test_create_and_poll_waits_until_the_video_is_done(gateway):
    with openai.OpenAI(base_url=gateway.base_url, api_key=MASTER) as client:
        video = client.videos.create_and_poll(model="sora-2", prompt="rain on a window", poll_interval_ms=200)
        assert video.status == "completed"


def test_a_completed_video_is_charged_and_a_failed_one_is_not(gateway):
    key = new_key(gateway, max_budget=10)
    with openai.OpenAI(base_url=gateway.base_url, api_key=key) as client:
        failing = client.videos.create(model="sora-2", prompt="a storm [[mock:fail]]", seconds="4")
        failed = wait_for(client, failing.id)
        assert failed.status == "failed" and failed.error.code == "mock_failure"
        time.sleep(0.6)  # three store syncs
        assert spend(gateway, key) == 0

        video = client.videos.create(model="sora-2", prompt="calm sea", seconds="8")
        assert wait_for(client, video.id).status == "completed"
        deadline = time.monotonic() + 5
        while spend(gateway, key) == 0 and time.monotonic() < deadline:
            time.sleep(0.1)
        assert abs(spend(gateway, key) - 0.8) < 1e-9


def test_a_job_whose_hold_does_not_fit_the_budget_is_refused_at_submit(gateway):
    key = new_key(gateway, max_budget=0.5)
    with openai.OpenAI(base_url=gateway.base_url, api_key=key, max_retries=0) as client:
        with pytest.raises(openai.APIStatusError) as refused:
            client.videos.create(model="sora-2", prompt="an epic", seconds="12")
        assert refused.value.status_code == 402
        assert refused.value.body["code"] == "budget_exceeded"
        assert client.videos.list().data == []


def test_the_compatibility_routes_and_music_over_http(gateway):
    headers = {"Authorization": f"Bearer {MASTER}"}
    created = httpx.post(
        f"{gateway.base_url}/videos/generations", headers=headers, json={"model": "sora-2", "prompt": "a fox", "seconds": 4}, timeout=10
    )
    assert created.status_code == 200, created.text
    video_id = created.json()["id"]
    deadline = time.monotonic() + 20
    status = created.json()["status"]
    while status != "completed" and time.monotonic() < deadline:
        time.sleep(0.2)
        status = httpx.get(f"{gateway.base_url}/videos/generations/{video_id}", headers=headers).json()["status"]
    assert status == "completed"

    music = httpx.post(f"{gateway.base_url}/music/generations", headers=headers, json={"model": "lyria", "prompt": "a shanty", "duration": 4})
    assert music.status_code == 200, music.text
    music_id = music.json()["id"]
    assert music_id.startswith("music_") and music.json()["object"] == "music"
    deadline = time.monotonic() + 20
    while httpx.get(f"{gateway.base_url}/music/generations/{music_id}", headers=headers).json()["status"] != "completed":
        assert time.monotonic() < deadline
        time.sleep(0.2)
    audio = httpx.get(f"{gateway.base_url}/music/generations/{music_id}/content", headers=headers)
    assert audio.headers["content-type"] == "audio/wav" and audio.content[:4] == b"RIFF"


def test_two_replicas_on_postgres_share_jobs_and_their_content(tmp_path_factory):
    with fresh_database("switchyard_videos_") as database:
        replicas = [start_gateway(tmp_path_factory.mktemp(f"videos-{r}"), f"videos-{r}", database_url=database) for r in ("a", "b")]
        try:
            a, b = replicas
            key = new_key(a, max_budget=5)
            with openai.OpenAI(base_url=a.base_url, api_key=key) as on_a, openai.OpenAI(base_url=b.base_url, api_key=key) as on_b:
                video = on_a.videos.create(model="sora-2", prompt="two harbours", seconds="4")
                done = wait_for(on_b, video.id)
                assert done.status == "completed"
                data = on_b.videos.download_content(video.id).read()
                assert data[4:8] == b"ftyp" and len(data) == 4 * 1024 + 32
                assert data == on_a.videos.download_content(video.id).read()
            deadline = time.monotonic() + 5
            while abs(spend(b, key) - 0.4) > 1e-9 and time.monotonic() < deadline:
                time.sleep(0.1)
            assert abs(spend(b, key) - 0.4) < 1e-9, "charged once, whichever replica settled it"
        finally:
            for replica in replicas:
                shut_down(replica.process)
