"""A small fake BigBlueButton server for the tests (never the internet): it checks
every call's SHA-256 checksum as BBB does and answers BBB's XML."""

from __future__ import annotations

import hashlib
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qsl, urlsplit

SECRET = "bbb-test-secret-0123456789"

OK = "<response><returncode>SUCCESS</returncode>{}</response>"
FAILED = (
    "<response><returncode>FAILED</returncode><messageKey>checksumError</messageKey>"
    "<message>Checksums do not match</message></response>"
)


class FakeBBB:
    def __init__(self) -> None:
        self.calls: list[tuple[str, dict[str, str]]] = []
        self.meetings: dict[str, dict[str, str]] = {}


def _handler(state: FakeBBB) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args: object) -> None:
            return None

        def do_GET(self) -> None:
            parts = urlsplit(self.path)
            call = parts.path.rsplit("/", 1)[-1]
            query, _, given = parts.query.rpartition("&checksum=")
            expected = hashlib.sha256((call + query + SECRET).encode()).hexdigest()
            params = dict(parse_qsl(query))
            state.calls.append((call, params))
            body = FAILED if given != expected else self._answer(call, params)
            data = body.encode()
            self.send_response(200)
            self.send_header("Content-Type", "text/xml")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def _answer(self, call: str, params: dict[str, str]) -> str:
            if call == "create":
                state.meetings.setdefault(params["meetingID"], params)
                return OK.format(f"<meetingID>{params['meetingID']}</meetingID>")
            if call == "end":
                state.meetings.pop(params["meetingID"], None)
                return OK.format("")
            if call == "getRecordings":
                room = params.get("meta_tremplin", "")
                return OK.format(
                    "<recordings><recording><name>Webinaire</name><startTime>1</startTime>"
                    f"<playback><format><url>https://bbb.test/playback/{room}</url></format>"
                    "</playback></recording></recordings>"
                )
            return OK.format("")

    return Handler


@contextmanager
def fake_bbb() -> Iterator[tuple[str, FakeBBB]]:
    """Serve on a free port of 127.0.0.1; yields the API base URL and the state."""
    state = FakeBBB()
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(state))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/bigbluebutton/", state
    finally:
        server.shutdown()
        thread.join(timeout=5)
