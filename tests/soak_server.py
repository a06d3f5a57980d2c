#!/usr/bin/env python3
"""A flaky loopback feed server for the soak test (tests/soak.sh).

Usage: python3 tests/soak_server.py --feeds N --port-file FILE [--seed S]

Serves /feed/K.xml for K in 0..N-1: an RSS feed of 20 items whose guids stay the same
from one request to the next (two new items each later round, so a good reload adds
some). Each request is, at random (seeded), one of: a good answer (most of them, some
gzip), a 500, a connection dropped before any answer, a body that stalls half way, a
gzip body cut short, a Content-Length longer than the body, or a 302 to the same feed
under /r/. GET /__round increments the round (new items appear). Writes the port to
FILE once it listens; stops on SIGTERM.
"""
import argparse, gzip, os, random, signal, socket, threading, time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

state = {"round": 0}
lock = threading.Lock()
rng = random.Random(1)
stop = threading.Event()


def feed(k, rnd):
    items = []
    for i in range(20 + 2 * rnd):
        items.append("<item><title>Ward %d notice %d</title><guid>w%d-%d</guid>"
                     "<link>http://127.0.0.1/w%d/%d</link>"
                     "<description>The ward office posted notice %d about the "
                     "towpath, the lock gates and the market hall.</description></item>"
                     % (k, i, k, i, k, i, i))
    return ('<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
            "<title>Ward %d Notices</title>%s</channel></rss>\n" % (k, "".join(items))).encode()


class H(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *a):
        pass

    def do_GET(self):
        if self.path == "/__round":
            with lock:
                state["round"] += 1
            return self.plain(200, b"ok\n")
        parts = self.path.strip("/").split("/")
        if len(parts) == 2 and parts[0] in ("feed", "r") and parts[1].endswith(".xml"):
            k = int(parts[1][:-4])
        else:
            return self.plain(404, b"no such feed\n")
        with lock:
            roll = rng.random()
            rnd = state["round"]
        body = feed(k, rnd)
        if parts[0] == "feed" and roll < 0.05:
            return self.plain(500, b"the ward server is down\n")
        if roll < 0.10:
            self.close_connection = True  # dropped: no answer at all
            return
        if roll < 0.13:  # stalls half way through the body
            self.send_response(200)
            self.send_header("Content-Type", "application/rss+xml")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body[: len(body) // 2])
            self.wfile.flush()
            stop.wait(8)
            self.close_connection = True
            return
        if roll < 0.17:  # gzip cut short
            z = gzip.compress(body)
            self.send_response(200)
            self.send_header("Content-Type", "application/rss+xml")
            self.send_header("Content-Encoding", "gzip")
            self.send_header("Connection", "close")
            self.end_headers()
            self.wfile.write(z[: len(z) // 2])
            self.close_connection = True
            return
        if roll < 0.21:  # promises more than it sends
            self.send_response(200)
            self.send_header("Content-Type", "application/rss+xml")
            self.send_header("Content-Length", str(len(body) + 500))
            self.end_headers()
            self.wfile.write(body)
            self.close_connection = True
            return
        if parts[0] == "feed" and roll < 0.26:
            self.send_response(302)
            self.send_header("Location", "/r/%d.xml" % k)
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        if "gzip" in self.headers.get("Accept-Encoding", "") and roll > 0.6:
            z = gzip.compress(body)
            self.send_response(200)
            self.send_header("Content-Encoding", "gzip")
            self.send_header("Content-Type", "application/rss+xml")
            self.send_header("Content-Length", str(len(z)))
            self.end_headers()
            self.wfile.write(z)
            return
        self.send_response(200)
        self.send_header("Content-Type", "application/rss+xml")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def plain(self, code, body):
        self.send_response(code)
        self.send_header("Content-Type", "text/plain")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


class S(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True
    request_queue_size = 512


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--feeds", type=int, required=True)
    ap.add_argument("--port-file", required=True)
    ap.add_argument("--seed", type=int, default=1)
    a = ap.parse_args()
    rng.seed(a.seed)
    httpd = S(("127.0.0.1", 0), H)

    def on_signal(signum, frame):
        stop.set()
        threading.Thread(target=httpd.shutdown, daemon=True).start()

    signal.signal(signal.SIGTERM, on_signal)
    with open(a.port_file + ".tmp", "w") as f:
        f.write("%d\n" % httpd.server_address[1])
    os.replace(a.port_file + ".tmp", a.port_file)
    httpd.serve_forever(poll_interval=0.1)


if __name__ == "__main__":
    main()
