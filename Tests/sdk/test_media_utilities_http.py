"""The utility and media routes no official SDK calls, over plain HTTP as users send them:
LiteLLM's `/utils/token_counter`, Mistral's `/v1/ocr`, transcription with the audio as base64
in JSON (a LiteLLM extension; OpenAI's own API takes only multipart), and OpenAI's JSON image
edits (`images: [{image_url}]`, which openai-python 3.57 cannot send).

A gateway of this module's own fronts the standalone `switchyard mock-provider` (OpenAI,
Anthropic and Mistral OCR) and a journaling fake of OpenAI's audio API (`media_upstream.py`).
"""

from __future__ import annotations

import base64
import json
import time

import httpx
import pytest

from conftest import shut_down
from hardening import start_gateway_before, start_mock_provider
from media_upstream import PNG_BYTES, FakeUpstream, transcript_text, wav
from mockmodel import prompt_tokens

MASTER = "sk-utilities-master"
OCR_PER_PAGE = 0.001  # built in: mistral-ocr-latest ($1 per 1,000 pages)
WHISPER_1_PER_SECOND = 1e-4  # built in: whisper-1


def config(mock_port: int, fake: FakeUpstream) -> str:
    mock_v1 = f"http://127.0.0.1:{mock_port}/v1"
    return f"""\
model_list:
  - model_name: gpt-4o
    litellm_params: {{model: openai/gpt-4o, api_base: "{mock_v1}", api_key: sk-upstream}}
  - model_name: claude
    litellm_params: {{model: anthropic/claude-sonnet-4-5, api_base: "http://127.0.0.1:{mock_port}", api_key: sk-upstream-anthropic}}
  - model_name: ocr
    litellm_params: {{model: mistral/mistral-ocr-latest, api_base: "{mock_v1}", api_key: sk-upstream}}
  - model_name: whisper-1
    litellm_params: {{model: openai/whisper-1, api_base: "{mock_v1}", api_key: sk-upstream}}
  - model_name: whisper-fake
    litellm_params: {{model: openai/whisper-1, api_base: "{fake.base_url}", api_key: sk-fake-openai}}
  - model_name: image-editor
    litellm_params: {{model: openai/gpt-image-1, api_base: "{fake.base_url}", api_key: sk-fake-openai}}
general_settings:
  master_key: {MASTER}
  proxy_batch_write_at: 0.2
"""


@pytest.fixture(scope="module")
def utilities(tmp_path_factory):
    workdir = tmp_path_factory.mktemp("utilities")
    fake = FakeUpstream("openai").start()
    try:
        upstream, port = start_mock_provider(workdir)
        gateway = start_gateway_before(upstream, workdir, "utilities-gateway", config(port, fake), MASTER)
        with httpx.Client(base_url=gateway.root, headers={"Authorization": f"Bearer {MASTER}"}, timeout=30) as http:
            yield gateway, fake, http
        shut_down(gateway.process, [upstream])
    finally:
        fake.stop()


def spend_row(http: httpx.Client, request_id: str) -> dict:
    deadline = time.monotonic() + 10
    while not (rows := http.get("/spend/logs", params={"request_id": request_id}).json()["data"]):
        assert time.monotonic() < deadline, f"no spend log for {request_id} after 10 s"
        time.sleep(0.1)
    return rows[0]


def assert_charged(http: httpx.Client, response: httpx.Response, cost: float, units: dict) -> None:
    assert float(response.headers["x-credits-used"]) == pytest.approx(cost, rel=0, abs=5.1e-11)
    row = spend_row(http, response.headers["x-request-id"])
    assert row["spend"] == pytest.approx(cost, rel=1e-9, abs=1e-12)
    assert row["units"] == units


# --------------------------------------------------------------------------- token counter

MESSAGES = [
    {"role": "system", "content": "You are a terse assistant."},
    {"role": "user", "content": "How many tokens does this short question take?"},
]


@pytest.mark.parametrize("prefix", ["", "/v1", "/api/v1"])
def test_token_counter_estimates_for_an_openai_deployment(utilities, prefix):
    _, _, http = utilities
    short = http.post(f"{prefix}/utils/token_counter", json={"model": "gpt-4o", "messages": MESSAGES})
    assert short.status_code == 200, short.text
    answer = short.json()
    assert (answer["request_model"], answer["model_used"], answer["tokenizer_type"]) == ("gpt-4o", "gpt-4o", "byte_estimate")
    # about four bytes of the conversation per token
    size = len(json.dumps(MESSAGES, separators=(",", ":")))
    assert size / 4 * 0.75 <= answer["total_tokens"] <= size / 4 * 1.25, (answer, size)

    longer = MESSAGES + [{"role": "user", "content": "And this much longer follow-up question, with many more words in it? " * 10}]
    counted = http.post(f"{prefix}/utils/token_counter", json={"model": "gpt-4o", "messages": longer}).json()["total_tokens"]
    assert counted > answer["total_tokens"] + 150


def test_token_counter_takes_a_prompt_too(utilities):
    _, _, http = utilities
    prompt = "Count the tokens of this prompt, please, as a single user turn."
    answer = http.post("/utils/token_counter", json={"model": "gpt-4o", "prompt": prompt}).json()
    as_messages = http.post("/utils/token_counter", json={"model": "gpt-4o", "messages": [{"role": "user", "content": prompt}]}).json()
    assert answer["total_tokens"] == as_messages["total_tokens"] > 0


def test_token_counter_asks_anthropic_count_tokens_for_an_anthropic_deployment(utilities):
    _, _, http = utilities
    response = http.post("/v1/utils/token_counter", json={"model": "claude", "messages": MESSAGES})
    assert response.status_code == 200, response.text
    answer = response.json()
    assert answer == {
        "total_tokens": prompt_tokens(MESSAGES),  # the mock's count: words + 3 per message
        "request_model": "claude",
        "model_used": "claude-sonnet-4-5",
        "tokenizer_type": "anthropic_api",
    }


def test_token_counter_for_an_unknown_model_is_a_404(utilities):
    _, _, http = utilities
    response = http.post("/utils/token_counter", json={"model": "no-such-model", "messages": MESSAGES})
    assert response.status_code == 404
    assert "no-such-model" in response.json()["error"]["message"]


def test_token_counting_is_free_and_held_to_the_keys_models(utilities):
    _, _, http = utilities
    key = http.post("/key/generate", json={"models": ["gpt-4o"], "max_budget": 1}).json()["key"]
    as_key = {"Authorization": f"Bearer {key}"}
    counted = http.post("/utils/token_counter", json={"model": "gpt-4o", "messages": MESSAGES}, headers=as_key)
    assert counted.status_code == 200, counted.text
    refused = http.post("/utils/token_counter", json={"model": "claude", "messages": MESSAGES}, headers=as_key)
    assert refused.status_code == 403, refused.text
    assert refused.json()["error"]["code"] == "model_not_allowed"
    assert http.get("/key/info", params={"key": key}).json()["info"]["spend"] == 0


# --------------------------------------------------------------------------- OCR


def pdf(pages: int) -> bytes:
    """A small, well-formed PDF (catalog, page tree, `pages` pages, xref table)."""
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>"]
    kids = " ".join(f"{3 + index} 0 R" for index in range(pages))
    objects.append(f"<< /Type /Pages /Kids [{kids}] /Count {pages} >>".encode())
    objects += [b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] >>"] * pages
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{offset:010} 00000 n \n".encode() for offset in offsets)
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return bytes(out)


def test_ocr_of_a_base64_pdf_reads_each_page_and_is_priced_per_page(utilities):
    _, _, http = utilities
    document = {"type": "document_url", "document_url": "data:application/pdf;base64," + base64.b64encode(pdf(3)).decode()}
    response = http.post("/v1/ocr", json={"model": "ocr", "document": document})
    assert response.status_code == 200, response.text
    answer = response.json()
    assert [page["index"] for page in answer["pages"]] == [0, 1, 2]
    assert all(page["markdown"].startswith(f"# Page {page['index'] + 1}") for page in answer["pages"])
    assert answer["usage_info"]["pages_processed"] == 3
    assert response.headers["x-model-used"] == "ocr; deployment=mistral/mistral-ocr-latest"
    assert_charged(http, response, 3 * OCR_PER_PAGE, {"pages": 3})

    some = http.post("/ocr", json={"model": "ocr", "document": document, "pages": [0, 2]})
    assert [page["index"] for page in some.json()["pages"]] == [0, 2]
    assert_charged(http, some, 2 * OCR_PER_PAGE, {"pages": 2})


# --------------------------------------------------------------------------- transcription as JSON


def test_base64_json_transcription_reaches_openai_as_multipart_with_the_same_bytes(utilities):
    _, fake, http = utilities
    audio = wav(1.5)
    fake.clear()
    response = http.post(
        "/v1/audio/transcriptions",
        json={"model": "whisper-fake", "file": base64.b64encode(audio).decode(), "filename": "memo.wav", "response_format": "verbose_json", "language": "en"},
    )
    assert response.status_code == 200, response.text
    assert response.json()["text"] == transcript_text("openai")
    assert response.json()["duration"] == 1.5

    (received,) = fake.received("/v1/audio/transcriptions")
    assert received.headers["content-type"].startswith("multipart/form-data; boundary=")
    assert (received.field("model"), received.field("response_format"), received.field("language")) == ("whisper-1", "verbose_json", "en")
    (upload,) = received.files("file")
    assert (upload.filename, upload.data) == ("memo.wav", audio)
    assert_charged(http, response, 1.5 * WHISPER_1_PER_SECOND, {"seconds": 1.5})


def test_a_data_url_transcription_without_a_filename_keeps_text_formats_as_text(utilities):
    _, fake, http = utilities
    audio = wav(2.0)
    fake.clear()
    response = http.post(
        "/audio/transcriptions",
        json={"model": "whisper-fake", "file": "data:audio/wav;base64," + base64.b64encode(audio).decode(), "response_format": "text"},
    )
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith("text/plain")
    assert response.text == transcript_text("openai") + "\n"
    (received,) = fake.received("/v1/audio/transcriptions")
    (upload,) = received.files("file")
    assert upload.data == audio
    assert upload.filename.endswith(".wav"), upload.filename
    # a text answer reports no duration: the gateway measured the WAV
    assert_charged(http, response, 2.0 * WHISPER_1_PER_SECOND, {"seconds": 2.0})


def test_base64_json_transcription_on_the_mock(utilities):
    _, _, http = utilities
    response = http.post(
        "/api/v1/audio/transcriptions",
        json={"model": "whisper-1", "file": base64.b64encode(wav(4.0)).decode(), "filename": "clip.wav"},
    )
    assert response.status_code == 200, response.text
    assert len(response.json()["text"].split()) == 10  # 2.5 words a second


# --------------------------------------------------------------------------- JSON image edits


def test_a_json_image_edit_reaches_the_upstream_as_json_with_its_model(utilities):
    _, fake, http = utilities
    fake.clear()
    references = [{"image_url": "https://example.com/a.png"}, {"image_url": "data:image/png;base64," + base64.b64encode(PNG_BYTES).decode()}]
    response = http.post("/v1/images/edits", json={"model": "image-editor", "prompt": "merge them", "images": references, "size": "1024x1024"})
    assert response.status_code == 200, response.text
    answer = response.json()
    assert [base64.b64decode(item["b64_json"]) for item in answer["data"]] == [PNG_BYTES]
    assert answer["usage"]["input_tokens_details"]["image_tokens"] == 2 * 65  # the fake saw both

    (received,) = fake.received("/v1/images/edits")
    assert received.headers["content-type"].startswith("application/json")
    assert received.json() == {"model": "gpt-image-1", "prompt": "merge them", "images": references, "size": "1024x1024"}
    row = spend_row(http, response.headers["x-request-id"])
    assert row["units"] == {"images": 1, "image_size": "1024x1024"}
    assert row["prompt_tokens"] == answer["usage"]["input_tokens"]
    assert row["completion_tokens"] == answer["usage"]["output_tokens"]
