"""The Files API through the official `openai` SDK against the real binary, on the embedded
SQLite store and on PostgreSQL: multipart uploads streamed to the directory beside the SQLite
file or to PostgreSQL's chunk rows, lists with auto-pagination, content byte for
byte, deletes, owner isolation, the storage headers and the storage limit."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import httpx
import openai
import pytest

from conftest import Gateway, fresh_database, shut_down, start_governed_gateway

MASTER = "sk-files-master"


@pytest.fixture(scope="module", params=["sqlite", "postgres"])
def files_gateway(request, tmp_path_factory) -> tuple[Gateway, Path | str]:
    """The gateway, and the directory its SQLite file and file blobs are in or its PostgreSQL URL."""
    workdir = tmp_path_factory.mktemp(f"files-{request.param}")

    def start(database_url: str | None) -> Gateway:
        return start_governed_gateway(
            workdir, f"files-{request.param}", MASTER, 0.2, prices=(0.0, 0.0), database_url=database_url,
            settings="  default_storage_limit_mb: 16\n",
        )

    if request.param == "sqlite":
        gateway = start(None)
        yield gateway, workdir
        shut_down(gateway.process)
    else:
        with fresh_database("switchyard_files_") as url:
            gateway = start(url)
            yield gateway, url
            shut_down(gateway.process)


def generate_key(gateway: Gateway, **fields) -> str:
    response = httpx.post(f"{gateway.root}/key/generate", json=fields, headers={"Authorization": f"Bearer {MASTER}"}, timeout=10)
    assert response.status_code == 200, response.text
    return response.json()["key"]


def stored_chunk_bytes(database_url: str, file_id: str) -> int:
    query = f"SELECT COALESCE(SUM(length(data)), 0) FROM switchyard_file_chunks WHERE file_id = '{file_id}'"
    result = subprocess.run(["psql", database_url, "-tAc", query], capture_output=True, text=True, check=True)
    return int(result.stdout.strip())


def sdk(gateway: Gateway, key: str) -> openai.OpenAI:
    return openai.OpenAI(base_url=gateway.base_url, api_key=key, max_retries=0, timeout=60.0)


def test_a_file_round_trips_byte_for_byte(files_gateway, tmp_path):
    gateway, workdir = files_gateway
    key = generate_key(gateway)
    data = os.urandom(3 * 1024 * 1024 + 17)
    path = tmp_path / "train.jsonl"
    path.write_bytes(data)
    with sdk(gateway, key) as client:
        with open(path, "rb") as upload:
            raw = client.files.with_raw_response.create(file=upload, purpose="fine-tune")
        created = raw.parse()
        assert created.id.startswith("file-")
        assert created.object == "file"
        assert created.bytes == len(data)
        assert created.filename == "train.jsonl"
        assert created.purpose == "fine-tune"
        assert created.status == "processed"
        assert raw.headers["x-storage-used-bytes"] == str(len(data))
        assert raw.headers["x-storage-limit-bytes"] == str(16 * 1024 * 1024)
        if isinstance(workdir, Path):
            # The bytes live beside the SQLite file, never in it.
            assert (workdir / "switchyard.db.files" / created.id).read_bytes() == data
        else:
            # On PostgreSQL they are chunk rows, so any replica serves them.
            assert stored_chunk_bytes(workdir, created.id) == len(data)

        assert client.files.retrieve(created.id) == created
        content = client.files.with_raw_response.content(created.id)
        assert content.headers["content-type"] == "application/octet-stream"
        assert content.headers["content-length"] == str(len(data))
        assert content.content == data
        assert client.files.content(created.id).read() == data

        deleted = client.files.delete(created.id)
        assert deleted.id == created.id and deleted.deleted is True
        if isinstance(workdir, Path):
            assert not (workdir / "switchyard.db.files" / created.id).exists()
        else:
            assert stored_chunk_bytes(workdir, created.id) == 0
        with pytest.raises(openai.NotFoundError):
            client.files.retrieve(created.id)


def test_lists_paginate_newest_first(files_gateway):
    gateway, _ = files_gateway
    key = generate_key(gateway)
    with sdk(gateway, key) as client:
        ids = [client.files.create(file=(f"part-{n}.txt", f"part {n}".encode()), purpose="user_data").id for n in range(5)]
        page = client.files.list(limit=2)
        assert [file.id for file in page.data] == ids[::-1][:2]
        assert page.has_more is True
        assert [file.id for file in client.files.list(limit=2)] == ids[::-1], "auto-pagination walks every page"
        assert [file.id for file in client.files.list(order="asc")] == ids
        assert [file.id for file in client.files.list(purpose="batch")] == []


def test_another_key_cannot_see_read_or_delete_a_file(files_gateway):
    gateway, _ = files_gateway
    owner, stranger = generate_key(gateway), generate_key(gateway)
    with sdk(gateway, owner) as mine, sdk(gateway, stranger) as theirs:
        file = mine.files.create(file=("private.txt", b"only mine"), purpose="assistants")
        for call in (theirs.files.retrieve, theirs.files.content, theirs.files.delete):
            with pytest.raises(openai.NotFoundError):
                call(file.id)
        assert file.id not in [listed.id for listed in theirs.files.list()]
        assert mine.files.content(file.id).read() == b"only mine"
    with sdk(gateway, MASTER) as admin:
        assert file.id in [listed.id for listed in admin.files.list()], "the master key sees every file"


def test_an_upload_over_the_storage_limit_is_a_413_naming_it(files_gateway):
    gateway, _ = files_gateway
    key = generate_key(gateway, max_storage_bytes=1_000_000)
    with sdk(gateway, key) as client:
        kept = client.files.create(file=("small.bin", os.urandom(600_000)), purpose="user_data")
        with pytest.raises(openai.APIStatusError) as refused:
            client.files.create(file=("large.bin", os.urandom(2_000_000)), purpose="user_data")
        assert refused.value.status_code == 413
        assert "1000000 bytes" in refused.value.message
        assert refused.value.response.headers["x-storage-used-bytes"] == "600000"
        assert refused.value.response.headers["x-storage-limit-bytes"] == "1000000"
        # Over by its bytes rather than its declared length: refused as they pass the limit.
        with pytest.raises(openai.APIStatusError) as streamed:
            client.files.create(file=("medium.bin", os.urandom(420_000)), purpose="user_data")
        assert streamed.value.status_code == 413
        assert [file.id for file in client.files.list()] == [kept.id]


def test_expires_after_sets_expires_at(files_gateway):
    gateway, _ = files_gateway
    key = generate_key(gateway)
    with sdk(gateway, key) as client:
        file = client.files.create(
            file=("soon.txt", b"brief"), purpose="user_data", expires_after={"anchor": "created_at", "seconds": 7200}
        )
        assert file.expires_at == file.created_at + 7200
        batch = client.files.create(file=("in.jsonl", b"{}\n"), purpose="batch")
        assert batch.expires_at == batch.created_at + 30 * 86400
        with pytest.raises(openai.BadRequestError):
            client.files.create(file=("x.txt", b"x"), purpose="memes")
