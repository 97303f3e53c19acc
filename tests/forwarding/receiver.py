"""A local HTTP receiver for the forwarding tests, on 127.0.0.1 in a thread.

It answers each POST with the next scripted reply (an HTTP status, or
``("sleep", seconds)`` to answer 200 only after a delay), then with
``default`` once the script is used up, and records every request. Like a
real document system it deduplicates by the Idempotency-Key header: a key it
has already accepted is answered 200 again and counted as a duplicate.
"""

import json
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


@dataclass
class Received:
    path: str
    headers: dict[str, str]
    body: bytes

    @property
    def key(self) -> str:
        return self.headers.get("Idempotency-Key", "")

    def json(self):
        return json.loads(self.body)


@dataclass
class Receiver:
    script: list = field(default_factory=list)
    default: int = 200
    answer_json: dict | None = None
    requests: list[Received] = field(default_factory=list)
    accepted: dict[str, int] = field(default_factory=dict)  # key -> times accepted (1 + duplicates)
    lock: threading.Lock = field(default_factory=threading.Lock)
    server: ThreadingHTTPServer | None = None

    @property
    def url(self) -> str:
        host, port = self.server.server_address[:2]
        return f"http://{host}:{port}/inbox/"

    @property
    def unique_accepted(self) -> int:
        return len(self.accepted)

    @property
    def duplicates(self) -> int:
        return sum(count - 1 for count in self.accepted.values())

    def next_reply(self):
        with self.lock:
            return self.script.pop(0) if self.script else self.default

    def record(self, received: Received, status: int) -> None:
        with self.lock:
            self.requests.append(received)
            if 200 <= status < 300 and received.key:
                self.accepted[received.key] = self.accepted.get(received.key, 0) + 1

    def start(self) -> "Receiver":
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length)
                reply = receiver.next_reply()
                if isinstance(reply, tuple) and reply[0] == "sleep":
                    time.sleep(reply[1])
                    reply = 200
                received = Received(path=self.path, headers=dict(self.headers.items()), body=body)
                receiver.record(received, reply)
                payload = b"{}"
                if 200 <= reply < 300 and receiver.answer_json is not None:
                    payload = json.dumps(receiver.answer_json).encode()
                try:
                    self.send_response(reply)
                    self.send_header("Content-Type", "application/json")
                    self.send_header("Content-Length", str(len(payload)))
                    self.end_headers()
                    self.wfile.write(payload)
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the client gave up (a timeout test)

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        threading.Thread(target=self.server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True).start()
        return self

    def stop(self) -> None:
        if self.server is not None:
            self.server.shutdown()
            self.server.server_close()
