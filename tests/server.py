#!/usr/bin/env python3
"""The loopback HTTP server of the test suite: plays every server behaviour crier must survive.

Usage: python3 tests/server.py --root DIR --port-file FILE [--log FILE]

Binds 127.0.0.1 on a free port and writes the port number to FILE (atomically) once it
listens. Exits on SIGTERM or SIGINT. HTTP/1.1 with keep-alive; one thread per connection,
at most 128 at once.

Static files under DIR: ETag and Last-Modified on every answer, 304 when If-None-Match
or If-Modified-Since says the client has it, gzip when Accept-Encoding asks for it,
Content-Type by extension (.xml .rss .atom .rdf .html .htm .json .txt .opml).

Special paths (PATH below is a path under DIR, without its leading slash):
  /redirect/N/PATH       302 to /redirect/N-1/PATH ... then to /PATH (a chain of N hops)
  /moved/CODE/PATH       CODE (301, 302, 307, 308) to /PATH
  /redirect-to?url=U[&code=C]  C (default 302) to U, any scheme (e.g. file:///etc/passwd)
  /status/CODE           that status, a short text body
  /big-header/KB         a 200 with one X-Filler header line of KB kilobytes
  /delay/MS/PATH         waits MS milliseconds, then serves PATH
  /gate/NAME/PATH        waits until the file NAME exists under DIR (at most 60 s), then
                         answers /PATH (which may be special: /gate/go/delay/500/f.xml)
  /stall/PATH            reads the request, then never answers (until the server stops)
  /stall-body/PATH       sends the headers and 10 bytes of PATH, then nothing more
  /slow/BPS/PATH         serves PATH at BPS bytes per second
  /huge/MB[?nolength]    an RSS document of MB megabytes, generated as it is sent; with
                         nolength, no Content-Length (the connection closes at the end)
  /seq/A,B,C             the first request serves PATH A, the second B, then C, and the
                         last one again for every later request (e.g. a good feed, then a
                         broken one); ETag and 304 as for A, B, C themselves
  /__stats               JSON: requests, max_connections and max_requests (the most
                         connections open and requests being answered at once), and
                         connections_now; /__stats is not counted or logged
  /__reset               zeroes the counters and the /seq positions

--log FILE: one JSON object per request, written as each answer ends:
  {"method", "path", "headers": {lower-case name: value}, "status", "bytes"}
"""

import argparse
import email.utils
import gzip
import json
import os
import select
import signal
import socket
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, unquote, urlsplit

TYPES = {
    ".xml": "application/xml",
    ".rss": "application/rss+xml",
    ".atom": "application/atom+xml",
    ".rdf": "application/rdf+xml",
    ".html": "text/html; charset=utf-8",
    ".htm": "text/html; charset=utf-8",
    ".json": "application/json",
    ".txt": "text/plain; charset=utf-8",
    ".opml": "text/x-opml",
}
MAX_THREADS = 128

stop = threading.Event()
lock = threading.Lock()
stats = {"requests": 0, "max_connections": 0, "max_requests": 0,
         "connections_now": 0, "requests_now": 0}
seq_pos = {}
log_file = None


def count(key, delta):
    with lock:
        stats[key + "_now"] += delta
        if stats[key + "_now"] > stats["max_" + key]:
            stats["max_" + key] = stats[key + "_now"]


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "crier-test-server/1"
    root = "."

    def setup(self):
        super().setup()
        count("connections", 1)

    def finish(self):
        try:
            super().finish()
        finally:
            count("connections", -1)

    def log_message(self, fmt, *args):
        pass

    def do_HEAD(self):
        self.handle_any(head=True)

    def do_GET(self):
        self.handle_any(head=False)

    # ---- answers ----

    def record(self, status, nbytes):
        if log_file is None or self.path.startswith("/__"):
            return
        entry = {"method": self.command, "path": self.path,
                 "headers": {k.lower(): v for k, v in self.headers.items()},
                 "status": status, "bytes": nbytes}
        with lock:
            log_file.write(json.dumps(entry) + "\n")
            log_file.flush()

    def wait_gone(self, seconds):
        """Waits until the server stops, the client hangs up, or seconds pass."""
        end = time.monotonic() + seconds
        while not stop.is_set() and time.monotonic() < end:
            r, _, _ = select.select([self.connection], [], [], 0.2)
            if r:
                try:
                    if not self.connection.recv(1, socket.MSG_PEEK):
                        break
                except OSError:
                    break
                stop.wait(0.2)  # a pipelined request: keep stalling
        self.close_connection = True

    def send_body(self, status, body, ctype="text/plain; charset=utf-8", extra=None):
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        for k, v in (extra or {}).items():
            self.send_header(k, v)
        self.end_headers()
        if not self.is_head and body:
            self.wfile.write(body)
        self.record(status, len(body))

    def redirect(self, code, location):
        self.send_body(code, b"moved\n", extra={"Location": location})

    def local_path(self, rel):
        rel = unquote(rel).lstrip("/")
        full = os.path.realpath(os.path.join(self.root, rel))
        if full != self.root and not full.startswith(self.root + os.sep):
            return None
        return full if os.path.isfile(full) else None

    def serve_file(self, rel, delay_bps=0, stall_after=None):
        path = self.local_path(rel)
        if path is None:
            self.send_body(404, b"not found\n")
            return
        st = os.stat(path)
        etag = '"%x-%x"' % (st.st_size, st.st_mtime_ns)
        mtime = int(st.st_mtime)
        last_mod = email.utils.formatdate(mtime, usegmt=True)
        inm = self.headers.get("If-None-Match")
        ims = self.headers.get("If-Modified-Since")
        fresh = False
        if inm is not None:
            fresh = etag in [t.strip() for t in inm.split(",")] or inm.strip() == "*"
        elif ims is not None:
            try:
                fresh = email.utils.parsedate_to_datetime(ims).timestamp() >= mtime
            except (TypeError, ValueError):
                fresh = False
        if fresh:
            self.send_response(304)
            self.send_header("ETag", etag)
            self.send_header("Last-Modified", last_mod)
            self.end_headers()
            self.record(304, 0)
            return
        with open(path, "rb") as f:
            body = f.read()
        ctype = TYPES.get(os.path.splitext(path)[1].lower(), "application/octet-stream")
        headers = {"ETag": etag, "Last-Modified": last_mod, "Vary": "Accept-Encoding"}
        if "gzip" in self.headers.get("Accept-Encoding", "") and not delay_bps:
            body = gzip.compress(body, 6)
            headers["Content-Encoding"] = "gzip"
        if not delay_bps and stall_after is None:
            self.send_body(200, body, ctype, headers)
            return
        self.send_response(200)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        for k, v in headers.items():
            self.send_header(k, v)
        self.end_headers()
        if self.is_head:
            return
        if stall_after is not None:
            self.wfile.write(body[:stall_after])
            self.wfile.flush()
            self.wait_gone(600)
            return
        step = max(1, delay_bps // 10)
        sent = 0
        while sent < len(body) and not stop.is_set():
            self.wfile.write(body[sent:sent + step])
            self.wfile.flush()
            sent += step
            time.sleep(0.1)
        self.record(200, len(body))

    def huge(self, mb, nolength):
        total = mb * 1024 * 1024
        head = b'<?xml version="1.0" encoding="utf-8"?>\n<rss version="2.0"><channel><title>Endless</title>\n'
        item = (b"<item><title>Filler from the Bottomless Press</title><guid>g%d</guid>"
                b"<description>" + b"word " * 180 + b"</description></item>\n")
        self.send_response(200)
        self.send_header("Content-Type", "application/rss+xml")
        if nolength:
            self.send_header("Connection", "close")
            self.close_connection = True
        else:
            self.send_header("Content-Length", str(total))
        self.end_headers()
        if self.is_head:
            return
        sent, n = 0, 0
        try:
            chunk = head
            while sent < total and not stop.is_set():
                buf = bytearray(chunk)
                while len(buf) < 65536:
                    buf += item % n
                    n += 1
                buf = bytes(buf[:total - sent])
                self.wfile.write(buf)
                sent += len(buf)
                chunk = b""
        except (BrokenPipeError, ConnectionResetError):
            self.close_connection = True
        self.record(200, sent)

    def handle_any(self, head):
        self.is_head = head
        url = urlsplit(self.path)
        path, query = url.path, parse_qs(url.query)
        if path == "/__stats":
            with lock:
                body = json.dumps(stats).encode()
            self.send_body(200, body, "application/json")
            return
        if path == "/__reset":
            with lock:
                for k in stats:
                    if k != "connections_now":
                        stats[k] = 0
                stats["max_connections"] = stats["connections_now"]
                seq_pos.clear()
            self.send_body(200, b"reset\n")
            return
        with lock:
            stats["requests"] += 1
        count("requests", 1)
        self.counted = True
        try:
            self.route(path, query)
        except (BrokenPipeError, ConnectionResetError):
            self.close_connection = True
        finally:
            self.uncount()

    def uncount(self):
        # A request stops counting as "at once" when its answer starts: once the client
        # has the answer it may start the next request before this thread gets here
        # again, and that is not two requests at once.
        if getattr(self, "counted", False):
            self.counted = False
            count("requests", -1)

    def send_response(self, code, message=None):
        self.uncount()
        super().send_response(code, message)

    def route(self, path, query):
        parts = path.split("/", 3)  # "", kind, arg, rest
        kind = parts[1] if len(parts) > 1 else ""
        arg = parts[2] if len(parts) > 2 else ""
        rest = parts[3] if len(parts) > 3 else ""
        if kind == "redirect" and arg.isdigit():
            n = int(arg)
            self.redirect(302, "/redirect/%d/%s" % (n - 1, rest) if n > 1 else "/" + rest)
        elif kind == "moved" and arg.isdigit():
            self.redirect(int(arg), "/" + rest)
        elif kind == "redirect-to":
            code = int(query.get("code", ["302"])[0])
            self.redirect(code, query.get("url", ["/"])[0])
        elif kind == "big-header" and arg.isdigit():
            self.send_response(200)
            self.send_header("X-Filler", "f" * (1024 * int(arg)))
            self.send_header("Content-Length", "0")
            self.end_headers()
            self.record(200, 0)
        elif kind == "status" and arg.isdigit():
            self.send_body(int(arg), ("status %s\n" % arg).encode())
        elif kind == "delay" and arg.isdigit():
            stop.wait(int(arg) / 1000.0)
            self.serve_file(rest)
        elif kind == "gate" and arg and "/" not in arg and not arg.startswith("."):
            gate = os.path.join(self.root, arg)
            waited = 0
            while not os.path.exists(gate) and waited < 600 and not stop.is_set():
                stop.wait(0.1)
                waited += 1
            self.route("/" + rest, query)
        elif kind == "stall":
            self.wait_gone(600)
        elif kind == "stall-body":
            self.serve_file(path[len("/stall-body/"):], stall_after=10)
        elif kind == "slow" and arg.isdigit():
            self.serve_file(rest, delay_bps=max(1, int(arg)))
        elif kind == "huge" and arg.isdigit():
            self.huge(min(int(arg), 512), "nolength" in query)
        elif kind == "seq":
            files = path[len("/seq/"):].split(",")
            with lock:
                i = seq_pos.get(path, 0)
                seq_pos[path] = i + 1
            self.serve_file(files[min(i, len(files) - 1)])
        else:
            self.serve_file(path)


class Server(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True
    request_queue_size = 256

    def __init__(self, *a, **kw):
        super().__init__(*a, **kw)
        self.slots = threading.BoundedSemaphore(MAX_THREADS)

    def process_request(self, request, client_address):
        # Bounded: a connection past the limit waits for a free thread.
        self.slots.acquire()
        super().process_request(request, client_address)

    def process_request_thread(self, request, client_address):
        try:
            super().process_request_thread(request, client_address)
        finally:
            self.slots.release()


def main():
    global log_file
    ap = argparse.ArgumentParser(description="crier's loopback test server")
    ap.add_argument("--root", required=True)
    ap.add_argument("--port-file", required=True)
    ap.add_argument("--log")
    args = ap.parse_args()
    Handler.root = os.path.realpath(args.root)
    if args.log:
        log_file = open(args.log, "a", encoding="utf-8")
    httpd = Server(("127.0.0.1", 0), Handler)

    def on_signal(signum, frame):
        stop.set()
        threading.Thread(target=httpd.shutdown, daemon=True).start()

    signal.signal(signal.SIGTERM, on_signal)
    signal.signal(signal.SIGINT, on_signal)
    tmp = args.port_file + ".tmp"
    with open(tmp, "w") as f:
        f.write("%d\n" % httpd.server_address[1])
    os.replace(tmp, args.port_file)
    try:
        httpd.serve_forever(poll_interval=0.1)
    finally:
        stop.set()
        httpd.server_close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
