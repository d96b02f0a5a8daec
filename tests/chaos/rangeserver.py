"""A one-file HTTP server that honours `Range: bytes=N-`, so curl can resume a download
(`curl -C -`): the baseline of the weak-link pull. Run: rangeserver.py FILE HOST PORT."""

from __future__ import annotations

import sys
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

CHUNK = 16384


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    data = b""

    def do_GET(self) -> None:  # noqa: N802 - http.server's name
        size, start = len(self.data), 0
        wanted = self.headers.get("Range", "")
        if wanted.startswith("bytes=") and wanted.endswith("-"):
            start = int(wanted[6:-1] or 0)
        if start >= size and size:
            self.send_response(416)
            self.send_header("Content-Range", f"bytes */{size}")
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        self.send_response(206 if start else 200)
        if start:
            self.send_header("Content-Range", f"bytes {start}-{size - 1}/{size}")
        self.send_header("Content-Type", "application/octet-stream")
        self.send_header("Content-Length", str(size - start))
        self.end_headers()
        for offset in range(start, size, CHUNK):
            self.wfile.write(self.data[offset : offset + CHUNK])

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - base signature
        return


def main() -> None:
    path, host, port = sys.argv[1], sys.argv[2], int(sys.argv[3])
    Handler.data = Path(path).read_bytes()
    ThreadingHTTPServer((host, port), Handler).serve_forever()


if __name__ == "__main__":
    main()
