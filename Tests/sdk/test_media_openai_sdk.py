"""Images, audio and moderations through the official `openai` SDK with its default options,
against the real binary: a gateway of this module's own in front of the standalone
`switchyard mock-provider` and Python fakes of OpenAI, Groq and a self-hosted vLLM
(`media_upstream.py`, which journal what they received).

Expected values come from the fakes' own answers, the mock's documented rules (README, "The
mock provider": 8x8 PNGs, 0.06 s of speech per character, about 2.5 words per second of
audio) and LiteLLM's public list prices, never from the gateway.
"""

from __future__ import annotations

import base64
import io
import json
import math
import time
import wave

import httpx
import openai
import pytest

from conftest import Gateway, shut_down
from hardening import start_gateway_before, start_mock_provider
from media_upstream import PNG_BYTES, SPEECH_FILLER_BYTES, FakeUpstream, png, png_size, transcript_text, wav

MASTER = "sk-media-master"

# Prices: configured ones, and LiteLLM's list prices the gateway has built in.
IMAGE_PRICES = {"hd/1024x1792": 0.12, "1024x1024": 0.04, "hd": 0.08, "default": 0.05}
DALL_E_2_512 = 0.018  # built in: dall-e-2 at 512x512
TTS_1_PER_CHARACTER = 1.5e-5  # built in: tts-1
TTS_1_HD_PER_CHARACTER = 3e-5  # built in: tts-1-hd
WHISPER_1_PER_SECOND = 1e-4  # built in: whisper-1 ($0.006 a minute)
MODERATION_PER_REQUEST = 0.0005  # configured on text-moderation-latest

# 37,531 samples at 16 kHz: 2.3456875 s. Whole seconds (3), two decimals (2.35) and the exact
# length differ, so a charge shows which of them it was computed from.
AUDIO = wav(frames=37531)
AUDIO_SECONDS = 37531 / 16000


def config(mock_port: int, local: FakeUpstream, groq: FakeUpstream, openai_fake: FakeUpstream, full: FakeUpstream) -> str:
    mock_v1 = f"http://127.0.0.1:{mock_port}/v1"
    mock_root = f"http://127.0.0.1:{mock_port}"
    image_prices = json.dumps(IMAGE_PRICES)
    return f"""\
model_list:
  - model_name: images-model
    litellm_params: {{model: openai/dall-e-3, api_base: "{mock_v1}", api_key: sk-upstream}}
    model_info: {{output_cost_per_image: {image_prices}}}
  - model_name: images-full
    litellm_params: {{model: openai/dall-e-3, api_base: "{full.base_url}", api_key: sk-fake-openai}}
    model_info: {{output_cost_per_image: {image_prices}}}
  - model_name: dall-e-2
    litellm_params: {{model: openai/dall-e-2, api_base: "{mock_v1}", api_key: sk-upstream}}
  - model_name: image-painter
    litellm_params: {{model: openai/dall-e-2, api_base: "{openai_fake.base_url}", api_key: sk-fake-openai}}
  - model_name: image-editor
    litellm_params: {{model: openai/gpt-image-1, api_base: "{openai_fake.base_url}", api_key: sk-fake-openai}}
  - model_name: tts-1
    litellm_params: {{model: openai/tts-1, api_base: "{mock_v1}", api_key: sk-upstream}}
  - model_name: voice-hd
    litellm_params: {{model: openai/tts-1-hd, api_base: "{openai_fake.base_url}", api_key: sk-fake-openai}}
  - model_name: voice-unpriced
    litellm_params: {{model: openai/house-voice, api_base: "{openai_fake.base_url}", api_key: sk-fake-openai}}
  - model_name: whisper-1
    litellm_params: {{model: openai/whisper-1, api_base: "{mock_v1}", api_key: sk-upstream}}
  - model_name: omni-moderation-latest
    litellm_params: {{model: openai/omni-moderation-latest, api_base: "{mock_v1}", api_key: sk-upstream}}
  - model_name: text-moderation-latest
    litellm_params: {{model: openai/text-moderation-stable, api_base: "{openai_fake.base_url}", api_key: sk-fake-openai}}
    model_info: {{input_cost_per_request: {MODERATION_PER_REQUEST}}}
  # self-hosted first, then Groq, then OpenAI
  - model_name: whisper-local
    litellm_params: {{model: hosted_vllm/whisper-large-v3, api_base: "{local.base_url}", api_key: sk-local}}
  - model_name: whisper-groq
    litellm_params: {{model: groq/whisper-large-v3, api_base: "{groq.base_url}", api_key: sk-groq}}
  - model_name: whisper-openai
    litellm_params: {{model: openai/whisper-1, api_base: "{openai_fake.base_url}", api_key: sk-fake-openai}}
  - model_name: chat
    litellm_params: {{model: mock/switchyard-mock}}
  - model_name: claude
    litellm_params: {{model: anthropic/claude-sonnet-4-5, api_base: "{mock_root}", api_key: sk-upstream-anthropic}}
  - model_name: claude-bedrock
    litellm_params:
      model: bedrock/anthropic.claude-3-5-sonnet-20240620-v1:0
      api_base: "{mock_root}"
      aws_access_key_id: AKIDEXAMPLE
      aws_secret_access_key: wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY
      aws_region_name: us-east-1
router_settings:
  num_retries: 0
  allowed_fails: 1000
  fallbacks: [{{whisper-local: [whisper-groq, whisper-openai]}}]
general_settings:
  master_key: {MASTER}
  proxy_batch_write_at: 0.2
"""


class Media:
    def __init__(self, gateway: Gateway, local: FakeUpstream, groq: FakeUpstream, openai_fake: FakeUpstream, full: FakeUpstream):
        self.gateway = gateway
        self.local = local
        self.groq = groq
        self.openai = openai_fake
        self.full = full


@pytest.fixture(scope="module")
def media(tmp_path_factory):
    workdir = tmp_path_factory.mktemp("media")
    fakes = [
        FakeUpstream("local", fail_status=503).start(),
        FakeUpstream("groq", fail_status=429).start(),
        FakeUpstream("openai").start(),
        FakeUpstream("openai-full-size", full_size_images=True).start(),
    ]
    try:
        upstream, port = start_mock_provider(workdir)
        gateway = start_gateway_before(upstream, workdir, "media-gateway", config(port, *fakes), MASTER)
        yield Media(gateway, *fakes)
        shut_down(gateway.process, [upstream])
    finally:
        for fake in fakes:
            fake.stop()


@pytest.fixture(scope="module")
def client(media) -> openai.OpenAI:
    """The SDK with its default options (retries and timeout included)."""
    with openai.OpenAI(base_url=media.gateway.base_url, api_key=MASTER) as sdk:
        yield sdk


def generate_key(media: Media, **fields) -> str:
    response = httpx.post(f"{media.gateway.root}/key/generate", json=fields, headers={"Authorization": f"Bearer {MASTER}"}, timeout=10)
    assert response.status_code == 200, response.text
    return response.json()["key"]


def admin_get(media: Media, path: str, **params) -> dict:
    response = httpx.get(f"{media.gateway.root}{path}", params=params, headers={"Authorization": f"Bearer {MASTER}"}, timeout=10)
    assert response.status_code == 200, response.text
    return response.json()


def spend_row(media: Media, request_id: str) -> dict:
    """The spend log row of one request, polled until the batch writer has stored it."""
    deadline = time.monotonic() + 10
    while not (rows := admin_get(media, "/spend/logs", request_id=request_id)["data"]):
        assert time.monotonic() < deadline, f"no spend log for {request_id} after 10 s"
        time.sleep(0.1)
    assert len(rows) == 1, rows
    return rows[0]


def assert_charged(media: Media, raw, cost: float, units: dict, header: bool = True) -> dict:
    """`x-credits-used` (ten decimals) and the spend log both say `cost` (USD, credits_per_usd 1),
    for `units`."""
    if header:
        assert float(raw.headers["x-credits-used"]) == pytest.approx(cost, rel=0, abs=5.1e-11)
    row = spend_row(media, raw.headers["x-request-id"])
    assert row["spend"] == pytest.approx(cost, rel=1e-9, abs=1e-12)
    assert row["cost_known"] is True
    assert row["units"] == units
    return row


# --------------------------------------------------------------------------- images


@pytest.mark.parametrize(
    ("size", "quality", "count", "price"),
    [
        (None, None, 1, IMAGE_PRICES["1024x1024"]),  # OpenAI's default size
        ("1024x1024", None, 2, IMAGE_PRICES["1024x1024"]),
        ("1024x1792", "hd", 1, IMAGE_PRICES["hd/1024x1792"]),
        ("1792x1024", "hd", 2, IMAGE_PRICES["hd"]),
        ("1792x1024", "standard", 1, IMAGE_PRICES["default"]),
    ],
)
def test_images_generate_b64_json_priced_per_image_by_size_and_quality(media, client, size, quality, count, price):
    options = {key: value for key, value in (("size", size), ("quality", quality)) if value}
    raw = client.images.with_raw_response.generate(
        model="images-model", prompt="a lighthouse at dusk", n=count, response_format="b64_json", **options
    )
    images = raw.parse()
    assert len(images.data) == count
    for image in images.data:
        assert png_size(base64.b64decode(image.b64_json)) == (8, 8)
        assert image.url is None
    assert raw.headers["x-model-used"] == "images-model; deployment=openai/dall-e-3"
    units = {"images": count, "image_size": size or "1024x1024", **({"image_quality": quality} if quality else {})}
    row = assert_charged(media, raw, count * price, units)
    assert row["model_group"] == "images-model"


@pytest.mark.parametrize("count", [1, 2])
def test_full_size_images_are_charged_per_image_however_large_the_answer(media, client, count):
    """OpenAI's b64_json answers are megabytes per image: two 1024x1024 PNGs of a photo's
    entropy are over the 4 MiB the gateway holds before passing an answer on as it arrives.
    Such an answer must be charged per image like a small one."""
    raw = client.images.with_raw_response.generate(model="images-full", prompt="a photo of a harbour", n=count, size="1024x1024")
    images = raw.parse()
    assert [png_size(base64.b64decode(item.b64_json)) for item in images.data] == [(1024, 1024)] * count
    assert len(raw.content) > count * 4_000_000
    row = spend_row(media, raw.headers["x-request-id"])
    assert (row["units"], row["cost_known"]) == ({"images": count, "image_size": "1024x1024"}, True), json.dumps(row)
    assert row["spend"] == pytest.approx(count * IMAGE_PRICES["1024x1024"]), row
    assert float(raw.headers.get("x-credits-used", "nan")) == pytest.approx(count * IMAGE_PRICES["1024x1024"])


def test_images_generate_url_answers_a_fetchable_png_and_is_deterministic(client):
    first = client.images.generate(model="images-model", prompt="a red kite", response_format="url", size="1024x1024")
    again = client.images.generate(model="images-model", prompt="a red kite", response_format="url", size="1024x1024")
    other = client.images.generate(model="images-model", prompt="a blue kite", response_format="url", size="1024x1024")
    url = first.data[0].url
    assert first.data[0].b64_json is None
    assert url.startswith("data:image/png;base64,"), url[:40]
    picture = base64.b64decode(url.split(",", 1)[1])
    assert png_size(picture) == (8, 8)
    assert again.data[0].url == url
    assert other.data[0].url != url


def test_image_edit_with_one_image_reaches_the_upstream_byte_for_byte_with_its_model(media, client):
    media.openai.clear()
    picture = png(5, 3, (10, 200, 30))
    raw = client.images.with_raw_response.edit(
        model="image-editor", image=("cat.png", picture, "image/png"), prompt="add a small hat", size="1024x1024"
    )
    edited = raw.parse()
    assert [base64.b64decode(item.b64_json) for item in edited.data] == [PNG_BYTES]
    assert edited.usage.input_tokens_details.image_tokens == 65  # the fake's usage, passed through
    assert raw.headers["x-model-used"] == "image-editor; deployment=openai/gpt-image-1"

    (received,) = media.openai.received("/v1/images/edits")
    assert received.headers["authorization"] == "Bearer sk-fake-openai"
    assert received.headers["content-type"].startswith("multipart/form-data; boundary=")
    assert received.field("model") == "gpt-image-1"
    assert received.field("prompt") == "add a small hat"
    assert received.field("size") == "1024x1024"
    (image,) = received.files("image", "image[]")
    assert (image.name, image.filename, image.content_type, image.data) == ("image", "cat.png", "image/png", picture)


def test_image_edit_with_a_list_of_images_keeps_every_part_in_order(media, client):
    media.openai.clear()
    pictures = [png(2, 2, (255, 0, 0)), png(4, 4, (0, 255, 0)), png(6, 2, (0, 0, 255))]
    edited = client.images.edit(
        model="image-editor",
        image=[(f"photo-{index}.png", data, "image/png") for index, data in enumerate(pictures)],
        prompt="make a collage",
    )
    assert len(edited.data) == 1
    assert edited.usage.input_tokens_details.image_tokens == 65 * 3  # the fake saw three images

    (received,) = media.openai.received("/v1/images/edits")
    assert received.field("model") == "gpt-image-1"
    files = received.files("image", "image[]")
    # openai-python sends a list as repeated `image[]` parts (array_format "brackets")
    assert [(part.name, part.filename, part.data) for part in files] == [
        ("image[]", f"photo-{index}.png", data) for index, data in enumerate(pictures)
    ]


def test_image_edit_with_a_mask_on_the_mock_is_priced_per_image_at_dall_e_2_list_price(media, client):
    raw = client.images.with_raw_response.edit(
        model="dall-e-2", image=("room.png", png(4, 4), "image/png"), mask=("mask.png", png(4, 4, (0, 0, 0)), "image/png"),
        prompt="a window on the left wall", n=2, size="512x512",
    )
    assert all(png_size(base64.b64decode(item.b64_json)) == (8, 8) for item in raw.parse().data)
    assert len(raw.parse().data) == 2
    assert_charged(media, raw, 2 * DALL_E_2_512, {"images": 2, "image_size": "512x512"})


def test_an_upstream_image_url_is_passed_on_untouched(media, client):
    media.openai.clear()
    generated = client.images.generate(model="image-painter", prompt="a harbour", response_format="url")
    assert [item.url for item in generated.data] == [f"{media.openai.root}/files/img-0.png"]
    assert png_size(httpx.get(generated.data[0].url).content) == (2, 2)
    (received,) = media.openai.received("/v1/images/generations")
    assert received.json() == {"model": "dall-e-2", "prompt": "a harbour", "response_format": "url"}


def test_image_variation_from_the_mock_priced_at_dall_e_2_list_price(media, client):
    raw = client.images.with_raw_response.create_variation(
        model="dall-e-2", image=("seed.png", png(3, 3), "image/png"), n=2, size="512x512"
    )
    variations = raw.parse()
    assert len(variations.data) == 2
    assert all(png_size(base64.b64decode(item.b64_json)) == (8, 8) for item in variations.data)
    assert_charged(media, raw, 2 * DALL_E_2_512, {"images": 2, "image_size": "512x512"})


# --------------------------------------------------------------------------- speech


def wav_info(data: bytes) -> tuple[int, int, float]:
    with wave.open(io.BytesIO(data), "rb") as reader:
        return reader.getnchannels(), reader.getsampwidth(), reader.getnframes() / reader.getframerate()


def test_speech_from_the_mock_is_a_wav_whose_length_follows_the_input_priced_per_character(media, client):
    durations = []
    for text in ("Hello there.", "Hello there, traveller. The next train leaves from platform nine at noon."):
        raw = client.audio.speech.with_raw_response.create(model="tts-1", voice="alloy", input=text, response_format="wav")
        assert raw.headers["content-type"] == "audio/wav"
        channels, width, seconds = wav_info(raw.content)
        assert (channels, width) == (1, 2)
        assert seconds == pytest.approx(0.06 * len(text), abs=0.01)
        durations.append(seconds)
        # the header is checked on its own below: it is missing on speech over 64 KiB
        assert_charged(media, raw, TTS_1_PER_CHARACTER * len(text), {"characters": len(text)}, header=False)
    assert durations[1] > durations[0]


@pytest.mark.parametrize("text", ["Hello there.", "Hello there, traveller. The next train leaves from platform nine at noon."])
def test_speech_carries_x_credits_used_whatever_its_length(client, text):
    """A speech request is not a stream: its price is known from its characters before the
    upstream answers, so a long answer (over the gateway's 64 KiB hold, passed on as it
    arrives) must carry `x-credits-used` like a short one (README: plain responses carry it)."""
    raw = client.audio.speech.with_raw_response.create(model="tts-1", voice="alloy", input=text, response_format="wav")
    assert len(raw.content) > 0
    assert float(raw.headers.get("x-credits-used", "nan")) == pytest.approx(TTS_1_PER_CHARACTER * len(text), rel=0, abs=5.1e-11), (
        f"{len(raw.content)} bytes of speech without x-credits-used"
    )


def test_speech_with_streaming_response_streams_the_same_bytes(client):
    text = "Streaming speech, one chunk at a time."
    whole = client.audio.speech.create(model="tts-1", voice="nova", input=text, response_format="wav").read()
    with client.audio.speech.with_streaming_response.create(model="tts-1", voice="nova", input=text, response_format="wav") as response:
        assert response.headers["content-type"] == "audio/wav"
        streamed = b"".join(response.iter_bytes(chunk_size=1024))
    assert streamed == whole
    assert wav_info(streamed)[2] == pytest.approx(0.06 * len(text), abs=0.01)


def test_speech_from_an_openai_upstream_keeps_its_format_and_content_type(media, client):
    media.openai.clear()
    text = "Default format is mp3."
    raw = client.audio.speech.with_raw_response.create(model="voice-hd", voice="shimmer", input=text, speed=1.25)
    assert raw.headers["content-type"] == "audio/mpeg"
    assert raw.content == b"\xff\xf3" * (SPEECH_FILLER_BYTES // 2)
    (received,) = media.openai.received("/v1/audio/speech")
    assert received.json() == {"model": "tts-1-hd", "voice": "shimmer", "input": text, "speed": 1.25}
    assert_charged(media, raw, TTS_1_HD_PER_CHARACTER * len(text), {"characters": len(text)})


def test_speech_as_server_sent_events_is_streamed_through(media, client):
    """`stream_format="sse"` (OpenAI's speech events, for gpt-4o-mini-tts and later) answers
    text/event-stream; the SDK hands the stream to the caller to read."""
    media.openai.clear()
    text = "Speech as events."
    with client.audio.speech.with_streaming_response.create(model="voice-hd", voice="coral", input=text, stream_format="sse") as response:
        assert response.status_code == 200
        assert response.headers["content-type"].startswith("text/event-stream")
        events = [json.loads(line[len("data: "):]) for line in response.iter_lines() if line.startswith("data: ")]
    assert [event["type"] for event in events] == ["speech.audio.delta", "speech.audio.delta", "speech.audio.done"]
    audio = b"".join(base64.b64decode(event["audio"]) for event in events[:2])
    assert audio == b"\xff\xf3" * (SPEECH_FILLER_BYTES // 2)
    (received,) = media.openai.received("/v1/audio/speech")
    assert received.json()["stream_format"] == "sse"


def test_speech_on_an_unpriced_model_is_logged_with_its_units_and_cost_unknown(media, client):
    text = "Nobody priced this voice."
    raw = client.audio.speech.with_raw_response.create(model="voice-unpriced", voice="alloy", input=text)
    assert raw.content
    assert "x-credits-used" not in raw.headers  # README: only when the deployment has prices
    row = spend_row(media, raw.headers["x-request-id"])
    assert (row["spend"], row["cost_known"], row["units"]) == (0, False, {"characters": len(text)})


# --------------------------------------------------------------------------- transcription


def mock_word_count(seconds: float) -> int:
    return max(1, round(seconds * 2.5))


@pytest.mark.parametrize("response_format", ["json", "text", "srt", "vtt", "verbose_json"])
def test_transcription_formats_from_the_mock(media, client, response_format):
    raw = client.audio.transcriptions.with_raw_response.create(
        model="whisper-1", file=("speech.wav", AUDIO, "audio/wav"), response_format=response_format
    )
    result = raw.parse()
    words = mock_word_count(AUDIO_SECONDS)  # 6
    end = round(AUDIO_SECONDS, 2)  # the mock's segment times have two decimals
    if response_format == "json":
        assert isinstance(result, openai.types.audio.Transcription)
        assert len(result.text.split()) == words
        seconds = result.usage.seconds  # what the upstream reported
    elif response_format == "verbose_json":
        assert isinstance(result, openai.types.audio.TranscriptionVerbose)
        assert len(result.text.split()) == words
        assert result.duration == end
        assert result.language == "english"
        assert result.segments[0].start == 0 and result.segments[-1].end == end
        seconds = result.duration
    else:
        assert isinstance(result, str)  # the SDK returns text formats as text
        assert raw.headers["content-type"].startswith("text/plain")
        seconds = AUDIO_SECONDS  # nothing reported: the gateway measures the WAV
        if response_format == "text":
            assert len(result.split()) == words
        elif response_format == "srt":
            assert result.startswith("1\n00:00:00,000 --> 00:00:02,350\n"), result
            assert len(result.splitlines()[2].split()) == words
        else:
            assert result.startswith("WEBVTT\n\n00:00:00.000 --> 00:00:02.350\n"), result
    assert_charged(media, raw, WHISPER_1_PER_SECOND * seconds, {"seconds": seconds})


def test_word_timestamps_asked_as_a_list_reach_the_upstream_as_the_sdk_sent_them(media, client):
    words = client.audio.transcriptions.create(
        model="whisper-1", file=("a.wav", AUDIO, "audio/wav"), response_format="verbose_json", timestamp_granularities=["word"]
    ).words
    assert len(words) == mock_word_count(AUDIO_SECONDS)
    assert words[0].start == 0 and words[-1].end == round(AUDIO_SECONDS, 2)

    media.openai.clear()
    client.audio.transcriptions.create(
        model="whisper-openai", file=("a.wav", AUDIO, "audio/wav"), response_format="verbose_json", timestamp_granularities=["word", "segment"]
    )
    (received,) = media.openai.received("/v1/audio/transcriptions")
    assert [(part.name, part.data) for part in received.form() if part.name.startswith("timestamp")] == [
        ("timestamp_granularities[]", b"word"),
        ("timestamp_granularities[]", b"segment"),
    ]


def test_longer_audio_gives_a_longer_transcript_and_costs_more(client):
    short = client.audio.transcriptions.with_raw_response.create(model="whisper-1", file=("a.wav", wav(2.0), "audio/wav"))
    long = client.audio.transcriptions.with_raw_response.create(model="whisper-1", file=("b.wav", wav(8.0), "audio/wav"))
    assert len(short.parse().text.split()) == mock_word_count(2.0)
    assert len(long.parse().text.split()) == mock_word_count(8.0)
    assert float(long.headers["x-credits-used"]) == pytest.approx(4 * float(short.headers["x-credits-used"]))


def test_translation_from_the_mock(media, client):
    raw = client.audio.translations.with_raw_response.create(model="whisper-1", file=("french.wav", AUDIO, "audio/wav"))
    translation = raw.parse()
    assert len(translation.text.split()) == mock_word_count(AUDIO_SECONDS)
    verbose = client.audio.translations.create(model="whisper-1", file=("french.wav", AUDIO, "audio/wav"), response_format="verbose_json")
    assert verbose.language == "english"
    assert verbose.duration == round(AUDIO_SECONDS, 2)
    assert verbose.text == translation.text
    assert_charged(media, raw, WHISPER_1_PER_SECOND * AUDIO_SECONDS, {"seconds": AUDIO_SECONDS})


@pytest.mark.parametrize(
    ("response_format", "seconds"),
    [
        ("verbose_json", round(AUDIO_SECONDS, 2)),  # the upstream's `duration`
        ("json", math.ceil(AUDIO_SECONDS)),  # the upstream's `usage.seconds`
        ("text", AUDIO_SECONDS),  # nothing reported: measured from the WAV
    ],
)
def test_transcription_falls_back_from_self_hosted_to_groq_to_openai(media, client, response_format, seconds):
    for fake in (media.local, media.groq, media.openai):
        fake.clear()
    raw = client.audio.transcriptions.with_raw_response.create(
        model="whisper-local", file=("meeting.wav", AUDIO, "audio/wav"), response_format=response_format, language="en"
    )
    result = raw.parse()
    text = result if isinstance(result, str) else result.text
    assert text.strip() == transcript_text("openai")
    assert raw.headers["x-fallback-from"] == "whisper-local"
    assert raw.headers["x-fallback-depth"] == "2"
    assert raw.headers["x-model-used"] == "whisper-openai; deployment=openai/whisper-1"

    expected = [(media.local, "whisper-large-v3", "sk-local"), (media.groq, "whisper-large-v3", "sk-groq"), (media.openai, "whisper-1", "sk-fake-openai")]
    for fake, model, key in expected:
        attempts = fake.received()
        assert [(entry.method, entry.path) for entry in attempts] == [("POST", "/v1/audio/transcriptions")], fake.name
        (attempt,) = attempts
        assert attempt.headers["authorization"] == f"Bearer {key}"
        assert attempt.field("model") == model
        assert attempt.field("response_format") == response_format
        assert attempt.field("language") == "en"
        (upload,) = attempt.files("file")
        assert (upload.filename, upload.data) == ("meeting.wav", AUDIO)

    row = assert_charged(media, raw, WHISPER_1_PER_SECOND * seconds, {"seconds": seconds})
    assert row["model"] == "openai/whisper-1"  # the deployment that answered


# --------------------------------------------------------------------------- moderations


def test_moderations_without_a_model_use_the_default_group(client):
    raw = client.moderations.with_raw_response.create(input=["I will kill the process", "a quiet afternoon"])
    moderation = raw.parse()
    assert raw.headers["x-model-used"] == "omni-moderation-latest; deployment=openai/omni-moderation-latest"
    assert [result.flagged for result in moderation.results] == [True, False]


def test_moderations_with_a_model_reach_its_upstream_and_are_priced_per_request(media, client):
    media.openai.clear()
    raw = client.moderations.with_raw_response.create(model="text-moderation-latest", input="kill the lights")
    moderation = raw.parse()
    assert moderation.results[0].flagged is True
    assert moderation.results[0].categories.violence is True
    (received,) = media.openai.received("/v1/moderations")
    assert received.json() == {"model": "text-moderation-stable", "input": "kill the lights"}
    assert_charged(media, raw, MODERATION_PER_REQUEST, {"requests": 1})


# --------------------------------------------------------------------------- virtual keys


def test_a_key_without_the_images_model_is_refused_with_403(media):
    key = generate_key(media, models=["chat"])
    with openai.OpenAI(base_url=media.gateway.base_url, api_key=key) as client:
        with pytest.raises(openai.PermissionDeniedError) as denied:
            client.images.generate(model="images-model", prompt="not allowed")
        assert denied.value.code == "model_not_allowed"
        with pytest.raises(openai.PermissionDeniedError):
            client.audio.transcriptions.create(model="whisper-1", file=("a.wav", wav(0.5), "audio/wav"))
        assert client.chat.completions.create(model="chat", messages=[{"role": "user", "content": "hi"}]).choices[0].message.content


def test_a_key_without_the_default_moderation_model_is_refused_moderations_without_a_model(media):
    key = generate_key(media, models=["chat", "text-moderation-latest"])
    with openai.OpenAI(base_url=media.gateway.base_url, api_key=key) as client:
        assert client.moderations.create(model="text-moderation-latest", input="hello").results
        with pytest.raises(openai.PermissionDeniedError) as denied:
            client.moderations.create(input="hello")  # the gateway's default: omni-moderation-latest
        assert denied.value.code == "model_not_allowed"


def test_a_budget_is_charged_per_image_and_then_refuses_with_402(media):
    price = IMAGE_PRICES["1024x1024"]
    key = generate_key(media, max_budget=0.1)
    made = 0
    with openai.OpenAI(base_url=media.gateway.base_url, api_key=key) as client:
        with pytest.raises(openai.APIStatusError) as spent:
            for _ in range(10):
                client.images.generate(model="images-model", prompt="one more", size="1024x1024")
                made += 1
                info = admin_get(media, "/key/info", key=key)["info"]
                assert info["spend"] == pytest.approx(made * price, rel=1e-9)
    assert spent.value.status_code == 402
    assert spent.value.body["code"] == "budget_exceeded"
    # a request is admitted while the spend is below the budget: 0, 0.04 and 0.08 are
    assert made == math.ceil(0.1 / price) == 3
    assert admin_get(media, "/key/info", key=key)["info"]["spend"] == pytest.approx(3 * price, rel=1e-9)


def test_a_per_model_rpm_limit_holds_back_images_but_not_chat(media):
    key = generate_key(media, model_rpm_limit={"images-model": 1})
    # no SDK retries here: with its defaults it would wait out the Retry-After and try again
    with openai.OpenAI(base_url=media.gateway.base_url, api_key=key, max_retries=0) as client:
        client.images.generate(model="images-model", prompt="the first of the minute")
        with pytest.raises(openai.RateLimitError) as limited:
            client.images.generate(model="images-model", prompt="the second of the minute")
        assert int(limited.value.response.headers["retry-after"]) >= 1
        # the limit is the images model's alone: another image model and chat still answer
        assert client.images.create_variation(model="dall-e-2", image=("v.png", png(2, 2), "image/png")).data
        for _ in range(3):
            reply = client.chat.completions.create(model="chat", messages=[{"role": "user", "content": "still fine?"}])
            assert reply.choices[0].message.content


# --------------------------------------------------------------------------- audio in chat


@pytest.mark.parametrize("model", ["claude", "claude-bedrock"])
@pytest.mark.parametrize(("stream", "extra_body"), [(False, None), (False, {"drop_params": True}), (True, None)])
def test_audio_in_chat_to_a_claude_model_is_a_400_never_a_silent_drop(client, model, stream, extra_body):
    audio_part = {"type": "input_audio", "input_audio": {"data": base64.b64encode(wav(0.5)).decode(), "format": "wav"}}
    messages = [{"role": "user", "content": [{"type": "text", "text": "What is said here?"}, audio_part]}]
    # the same text alone is answered: only the audio is refused
    assert client.chat.completions.create(model=model, messages=[{"role": "user", "content": "What is said here?"}]).choices[0].message.content
    with pytest.raises(openai.BadRequestError) as refused:
        client.chat.completions.create(model=model, messages=messages, stream=stream, extra_body=extra_body)
    assert refused.value.code == "audio_not_supported_by_model"
    assert refused.value.status_code == 400
