"""Presidio's REST API served by the real presidio-analyzer and presidio-anonymizer from PyPI.

The PyPI packages carry the engines but not Presidio's REST servers (the Flask `app.py` of
`presidio-analyzer` and `presidio-anonymizer`, shipped only in their Docker images). This
server answers the same routes the same way, after those files and Presidio's API reference
(docs/api-docs/api-docs.yml):

- `GET /health`: 200, `Presidio Analyzer service is up` (one server plays both services).
- `POST /analyze` (analyzer): `AnalyzerRequest(json)`; no text → 500 `{"error": "No text
  provided"}`, no language → 500 `{"error": "No language provided"}`; otherwise
  `BatchAnalyzerEngine.analyze_iterator` over the text (or the list of texts), answered as
  `json.dumps(results, default=to_dict, sort_keys=True)` with `recognition_metadata` removed:
  `[{"analysis_explanation": null, "end", "entity_type", "score", "start"}]`.
- `POST /anonymize` (anonymizer): `{"text", "analyzer_results", "anonymizers"?}` →
  `AnonymizerEngine.anonymize(...).to_json()`: `{"text", "items": [{"start", "end",
  "entity_type", "text", "operator"}]}`; the default operator replaces each entity with
  `<ENTITY_TYPE>`. A bad parameter is 422 `{"error"}`.

Every request is journaled (path and JSON body) so tests assert what the gateway asked.

The analyzer's spaCy pipeline is a blank English one (`spacy.blank("en")` saved to a
directory: `SpacyNlpEngine` loads a model path that exists instead of downloading a trained
model, which cannot be downloaded here). Presidio's pattern recognizers (EMAIL_ADDRESS,
PHONE_NUMBER, CREDIT_CARD, IBAN_CODE, IP_ADDRESS, US_SSN, URL…) work as in production; the
named-entity ones (PERSON, LOCATION, NRP, DATE_TIME) find nothing without a trained model.
"""

from __future__ import annotations

import json
import tempfile
import threading
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler

from loopback_server import LoopbackServer


@dataclass
class Call:
    path: str
    body: dict


def _offline_tldextract() -> None:
    """Presidio's email recognizer calls `tldextract.extract`, which first tries to download
    the public suffix list; here it uses the snapshot tldextract ships, with no network."""
    import tldextract

    tldextract.extract = tldextract.TLDExtract(suffix_list_urls=())


def blank_english_model() -> str:
    import spacy

    directory = tempfile.mkdtemp(prefix="presidio-blank-en-")
    spacy.blank("en").to_disk(directory)
    return directory


class PresidioServer(LoopbackServer):
    """One HTTP server answering both the analyzer's and the anonymizer's routes."""

    def __init__(self) -> None:
        _offline_tldextract()
        from presidio_analyzer import AnalyzerEngine, BatchAnalyzerEngine
        from presidio_analyzer.nlp_engine import NlpEngineProvider
        from presidio_anonymizer import AnonymizerEngine

        nlp = NlpEngineProvider(
            nlp_configuration={"nlp_engine_name": "spacy", "models": [{"lang_code": "en", "model_name": blank_english_model()}]}
        ).create_engine()
        self.engine = AnalyzerEngine(nlp_engine=nlp, supported_languages=["en"])
        self.batch_engine = BatchAnalyzerEngine(self.engine)
        self.anonymizer = AnonymizerEngine()
        self.calls: list[Call] = []
        self.lock = threading.Lock()

    # --- the routes, as presidio-analyzer/app.py and presidio-anonymizer/app.py answer them ---

    def analyze(self, content) -> tuple[int, object]:
        from presidio_analyzer import AnalyzerRequest

        try:
            request = AnalyzerRequest(content)
            if not request.text:
                raise Exception("No text provided")
            batch_request = isinstance(request.text, list)
            batch = request.text if batch_request else [request.text]
            if not request.language:
                raise Exception("No language provided")
            self.engine.get_supported_entities(request.language)
            iterator = self.batch_engine.analyze_iterator(
                texts=batch,
                batch_size=len(batch),
                language=request.language,
                correlation_id=request.correlation_id,
                score_threshold=request.score_threshold,
                entities=request.entities,
                return_decision_process=request.return_decision_process,
                ad_hoc_recognizers=request.ad_hoc_recognizers,
                context=request.context,
                allow_list=request.allow_list,
                allow_list_match=request.allow_list_match,
                regex_flags=request.regex_flags,
                n_process=1,
            )
            results = []
            for result_list in iterator:
                for result in result_list:
                    if hasattr(result, "recognition_metadata"):
                        delattr(result, "recognition_metadata")
                results.append(result_list)
            body = json.dumps(results if batch_request else results[0], default=lambda o: o.to_dict(), sort_keys=True)
            return 200, body
        except TypeError as error:
            return 400, json.dumps({"error": f"Failed to parse /analyze request for AnalyzerEngine.analyze(). {error.args[0]}"})
        except Exception as error:  # noqa: BLE001 - app.py answers any failure with a 500
            return 500, json.dumps({"error": error.args[0] if error.args else str(error)})

    def anonymize(self, content) -> tuple[int, object]:
        from presidio_anonymizer.entities import InvalidParamError
        from presidio_anonymizer.services.app_entities_convertor import AppEntitiesConvertor

        if not content:
            return 400, json.dumps({"error": "Invalid request json"})
        try:
            operators = AppEntitiesConvertor.operators_config_from_json(content.get("anonymizers"))
            if AppEntitiesConvertor.check_custom_operator(operators):
                return 400, json.dumps({"error": "Custom type anonymizer is not supported"})
            results = AppEntitiesConvertor.analyzer_results_from_json(content.get("analyzer_results"))
            answer = self.anonymizer.anonymize(text=content.get("text", ""), analyzer_results=results, operators=operators)
            return 200, answer.to_json()
        except InvalidParamError as error:
            return 422, json.dumps({"error": error.err_msg})
        except Exception:  # noqa: BLE001
            return 500, json.dumps({"error": "Internal server error"})

    # --- serving ---

    def start(self, port: int = 0) -> "PresidioServer":
        presidio = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args) -> None:  # quiet
                pass

            def send(self, status: int, body: str, content_type: str = "application/json") -> None:
                data = body.encode()
                self.send_response(status)
                self.send_header("Content-Type", content_type)
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def do_GET(self) -> None:
                if self.path == "/health":
                    self.send(200, "Presidio Analyzer service is up", "text/html; charset=utf-8")
                else:
                    self.send(404, json.dumps({"error": "Not Found"}))

            def do_POST(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                raw = self.rfile.read(length)
                try:
                    content = json.loads(raw) if raw else None
                except json.JSONDecodeError:
                    self.send(400, json.dumps({"error": "Failed to decode JSON object"}))
                    return
                with presidio.lock:
                    presidio.calls.append(Call(self.path, content))
                if self.path == "/analyze":
                    self.send(*presidio.analyze(content))
                elif self.path == "/anonymize":
                    self.send(*presidio.anonymize(content))
                else:
                    self.send(404, json.dumps({"error": "Not Found"}))

        self.serve(Handler, port)
        return self

    def received(self, path: str | None = None) -> list[Call]:
        with self.lock:
            return [call for call in self.calls if path is None or call.path == path]

    def clear(self) -> None:
        with self.lock:
            self.calls.clear()


if __name__ == "__main__":
    import argparse
    import time

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, default=3000)
    server = PresidioServer().start(parser.parse_args().port)
    print(f"presidio analyzer and anonymizer on {server.root}", flush=True)
    while True:
        time.sleep(3600)
