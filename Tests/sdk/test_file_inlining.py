"""A file uploaded once to the gateway, named by `file_id` in chat, Messages, Responses or
Gemini content, reaches Anthropic, Gemini and Bedrock deployments inline in each provider's own
form; checked in the journal of a fake that reads those forms (`content_upstream.py`), through
the official SDKs, on the embedded SQLite store and on PostgreSQL.

Covered: a PNG and a PDF in a chat request for each provider; an Anthropic `file` source and a
Gemini `fileData` naming a gateway file; a Responses `input_file`; another key's file, a deleted
file and an unknown id are 404s that never reach the provider.
"""

from __future__ import annotations

import struct
import zlib
from pathlib import Path

import anthropic
import httpx
import openai
import pytest
from google.genai import types as genai_types

from conftest import Gateway, free_ports, fresh_database, make_genai_client, readiness, shut_down, start_process, wait_until
from content_upstream import FakeContentProviders, inline_parts

MASTER = "sk-inline-master"


def png_bytes() -> bytes:
    """A valid 2×1 RGB PNG."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", 2, 1, 8, 2, 0, 0, 0)
    pixels = zlib.compress(b"\x00\xff\x00\x00\x00\x00\xff")
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")


PNG = png_bytes()
PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"

DEPLOYMENTS = {
    "claude": "anthropic",
    "gemini": "gemini",
    "claude-bedrock": "bedrock",
}


def config(upstream: FakeContentProviders, database_url: str | None) -> str:
    database = f"\n  database_url: {database_url}" if database_url else ""
    return f"""\
model_list:
  - model_name: claude
    litellm_params: {{model: anthropic/claude-sonnet-4-5, api_base: "{upstream.root}", api_key: sk-upstream-anthropic}}
  - model_name: gemini
    litellm_params: {{model: gemini/gemini-2.5-flash, api_base: "{upstream.root}", api_key: sk-upstream-gemini}}
  - model_name: claude-bedrock
    litellm_params:
      model: bedrock/anthropic.claude-3-5-sonnet-20240620-v1:0
      api_base: "{upstream.root}"
      aws_access_key_id: AKIDEXAMPLE
      aws_secret_access_key: wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY
      aws_region_name: us-east-1
general_settings:
  master_key: {MASTER}{database}
"""


@pytest.fixture(scope="module")
def upstream():
    fake = FakeContentProviders().start()
    yield fake
    fake.stop()


@pytest.fixture(scope="module", params=["sqlite", "postgres"])
def gateway(request, upstream, tmp_path_factory):
    workdir: Path = tmp_path_factory.mktemp(f"inline-{request.param}")

    def start(database_url: str | None) -> Gateway:
        (port,) = free_ports(1)
        path = workdir / "config.yaml"
        path.write_text(config(upstream, database_url))
        process = start_process(f"inline-{request.param}", ["serve", "--config", str(path), "--port", str(port)], workdir)
        wait_until(process, lambda: readiness(port), "GET /health/readiness answered 200")
        return Gateway(port, process, MASTER)

    if request.param == "sqlite":
        served = start(None)
        yield served
        shut_down(served.process)
    else:
        with fresh_database("switchyard_inline_") as url:
            served = start(url)
            yield served
            shut_down(served.process)


def generate_key(gateway: Gateway) -> str:
    response = httpx.post(f"{gateway.root}/key/generate", json={}, headers={"Authorization": f"Bearer {MASTER}"}, timeout=10)
    assert response.status_code == 200, response.text
    return response.json()["key"]


def sdk(gateway: Gateway, key: str) -> openai.OpenAI:
    return openai.OpenAI(base_url=gateway.base_url, api_key=key, max_retries=0, timeout=30.0)


def upload(client: openai.OpenAI, name: str, data: bytes) -> str:
    return client.files.create(file=(name, data), purpose="user_data").id


def last_parts(upstream: FakeContentProviders):
    journal = upstream.received()
    assert journal, "the provider was never called"
    return [(part.media_type, part.data) for part in inline_parts(journal[-1])]


@pytest.mark.parametrize("model", list(DEPLOYMENTS))
def test_a_png_and_a_pdf_named_by_file_id_reach_the_provider_inline(gateway, upstream, model):
    key = generate_key(gateway)
    with sdk(gateway, key) as client:
        image = upload(client, "pixel.png", PNG)
        document = upload(client, "brief.pdf", PDF)
        upstream.clear()
        answer = client.chat.completions.create(
            model=model,
            max_tokens=50,
            messages=[{
                "role": "user",
                "content": [
                    {"type": "text", "text": "What do these show?"},
                    {"type": "file", "file": {"file_id": image}},
                    {"type": "file", "file": {"file_id": document}},
                ],
            }],
        )
    assert answer.choices[0].message.content == "saw 2 inline part(s)"
    assert last_parts(upstream) == [("image/png", PNG), ("application/pdf", PDF)]
    if DEPLOYMENTS[model] == "bedrock":
        received = upstream.received()[-1].json()["messages"][0]["content"]
        kinds = [next(iter(block)) for block in received]
        assert kinds == ["text", "image", "document"], received
        # Converse reads a document's name as prompt text and refuses dots in it.
        assert received[2]["document"]["name"] == "brief" and received[2]["document"]["format"] == "pdf"


def test_an_anthropic_file_source_reaches_gemini_inline(gateway, upstream):
    key = generate_key(gateway)
    with sdk(gateway, key) as client:
        document = upload(client, "brief.pdf", PDF)
    upstream.clear()
    with anthropic.Anthropic(base_url=gateway.root, api_key=key, max_retries=0) as client:
        message = client.messages.create(
            model="gemini",
            max_tokens=50,
            messages=[{
                "role": "user",
                "content": [
                    {"type": "document", "source": {"type": "file", "file_id": document}},
                    {"type": "text", "text": "Summarise it."},
                ],
            }],
        )
    assert message.content[0].text == "saw 1 inline part(s)"
    assert last_parts(upstream) == [("application/pdf", PDF)]


def test_a_gemini_file_data_part_reaches_anthropic_inline(gateway, upstream):
    key = generate_key(gateway)
    with sdk(gateway, key) as client:
        image = upload(client, "pixel.png", PNG)
    upstream.clear()
    client = make_genai_client(gateway, key)
    answer = client.models.generate_content(
        model="claude",
        contents=[genai_types.Content(role="user", parts=[
            genai_types.Part.from_uri(file_uri=image, mime_type="image/png"),
            genai_types.Part.from_text(text="Describe it."),
        ])],
    )
    assert answer.text == "saw 1 inline part(s)"
    assert last_parts(upstream) == [("image/png", PNG)]


def test_a_responses_input_file_reaches_bedrock_inline(gateway, upstream):
    key = generate_key(gateway)
    with sdk(gateway, key) as client:
        document = upload(client, "brief.pdf", PDF)
        upstream.clear()
        response = client.responses.create(
            model="claude-bedrock",
            input=[{
                "role": "user",
                "content": [{"type": "input_file", "file_id": document}, {"type": "input_text", "text": "Summarise it."}],
            }],
        )
    assert response.output_text == "saw 1 inline part(s)"
    assert last_parts(upstream) == [("application/pdf", PDF)]


def test_another_keys_file_a_deleted_file_and_an_unknown_id_are_404s_the_provider_never_sees(gateway, upstream):
    owner, stranger = generate_key(gateway), generate_key(gateway)
    with sdk(gateway, owner) as client:
        kept = upload(client, "pixel.png", PNG)
        deleted = upload(client, "gone.png", PNG)
        client.files.delete(deleted)
    upstream.clear()
    cases = [(stranger, kept), (owner, deleted), (owner, "file-000000000000000000000000")]
    for key, file_id in cases:
        with sdk(gateway, key) as client, pytest.raises(openai.NotFoundError) as refused:
            client.chat.completions.create(
                model="claude",
                max_tokens=50,
                messages=[{"role": "user", "content": [{"type": "text", "text": "?"}, {"type": "file", "file": {"file_id": file_id}}]}],
            )
        assert file_id in refused.value.message
    assert upstream.received() == []
    # The owner still reaches its file: the 404 was about who asked, not about the file.
    with sdk(gateway, owner) as client:
        answer = client.chat.completions.create(
            model="claude", max_tokens=50, messages=[{"role": "user", "content": [{"type": "file", "file": {"file_id": kept}}]}]
        )
    assert answer.choices[0].message.content == "saw 1 inline part(s)"
