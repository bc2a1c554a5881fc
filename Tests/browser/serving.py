"""Helpers for the `forge serve` tests: the server as a user starts it (from a site folder
outside the repository, on a free port), raw HTTP requests, and the event stream."""
import queue
import re
import shutil
import signal
import socket
import subprocess
import threading
import time
from pathlib import Path

import harness


def copy_example_site(folder: Path) -> Path:
    """The repository's example site (Content/ and Themes/) in `folder`."""
    shutil.copytree(harness.REPO / "Content", folder / "Content")
    shutil.copytree(harness.REPO / "Themes", folder / "Themes")
    return folder


class Server:
    """`forge serve --port 0 ARGS` running in `site`; stopped (killed if need be) by `close`."""

    def __init__(self, site: Path, *args: str, timeout: float = 60):
        self.site = site
        self.process = subprocess.Popen([str(harness.forge_binary()), "serve", "--port", "0", *args], cwd=site,
                                        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        self.stdout: list[str] = []
        self.stderr: list[str] = []
        self._lines: queue.Queue = queue.Queue()
        threading.Thread(target=self._read, args=(self.process.stdout, self.stdout, True), daemon=True).start()
        threading.Thread(target=self._read, args=(self.process.stderr, self.stderr, False), daemon=True).start()
        self.url = None
        deadline = time.time() + timeout
        while self.url is None:
            try:
                line = self._lines.get(timeout=max(0.01, deadline - time.time()))
            except queue.Empty:
                self.close()
                raise AssertionError(f"forge serve did not start: {self.output}")
            if line is None:
                self.close()
                raise AssertionError(f"forge serve exited: {self.output}")
            match = re.search(r"Serving (http://\S+)", line)
            if match:
                self.url = match.group(1)
        self.port = int(re.match(r"http://127\.0\.0\.1:(\d+)", self.url).group(1))
        self.base_path = self.url.split(f":{self.port}", 1)[1]

    def _read(self, stream, lines, signal_lines):
        for line in stream:
            lines.append(line)
            if signal_lines:
                self._lines.put(line)
        if signal_lines:
            self._lines.put(None)

    @property
    def output(self) -> str:
        return "".join(self.stdout) + "".join(self.stderr)

    def rebuilds(self) -> int:
        return sum(1 for line in self.stdout if line.startswith("Rebuilt in "))

    def stop(self, number=signal.SIGINT, timeout: float = 10) -> int:
        self.process.send_signal(number)
        return self.process.wait(timeout=timeout)

    def close(self):
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait(timeout=10)


def request(port: int, raw: bytes, timeout: float = 10) -> tuple[int, dict, bytes]:
    """Sends `raw` as it is and reads the whole answer (the server closes or says how long)."""
    with socket.create_connection(("127.0.0.1", port), timeout=timeout) as connection:
        connection.sendall(raw)
        data = b""
        while b"\r\n\r\n" not in data:
            chunk = connection.recv(65536)
            if not chunk:
                break
            data += chunk
        head, _, body = data.partition(b"\r\n\r\n")
        lines = head.decode("latin-1").split("\r\n")
        status = int(lines[0].split(" ")[1])
        headers = {}
        for line in lines[1:]:
            name, _, value = line.partition(":")
            headers[name.strip().lower()] = value.strip()
        length = int(headers.get("content-length", "0"))
        while len(body) < length:
            chunk = connection.recv(65536)
            if not chunk:
                break
            body += chunk
        return status, headers, body


def get(server: Server, path: str, method: str = "GET", headers: dict | None = None) -> tuple[int, dict, bytes]:
    """`path` exactly as given (no normalisation), as a browser on 127.0.0.1 would send it."""
    fields = {"Host": f"127.0.0.1:{server.port}", "Connection": "close", **(headers or {})}
    raw = f"{method} {path} HTTP/1.1\r\n" + "".join(f"{k}: {v}\r\n" for k, v in fields.items()) + "\r\n"
    return request(server.port, raw.encode())


class EventStream:
    """The page's event stream (`BASE/__forge/events`), read on a thread into a queue."""

    def __init__(self, server: Server):
        self.connection = socket.create_connection(("127.0.0.1", server.port), timeout=30)
        self.connection.sendall(f"GET {server.base_path}__forge/events HTTP/1.1\r\nHost: 127.0.0.1:{server.port}\r\n\r\n".encode())
        self.events: queue.Queue = queue.Queue()
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self):
        buffer = b""
        name = None
        try:
            while True:
                chunk = self.connection.recv(65536)
                if not chunk:
                    return
                buffer += chunk
                while b"\n" in buffer:
                    line, _, buffer = buffer.partition(b"\n")
                    text = line.decode().rstrip("\r")
                    if text.startswith("event: "):
                        name = text[7:]
                    elif text.startswith("data: ") and name:
                        import json
                        self.events.put((name, json.loads(text[6:])))
                        name = None
        except OSError:
            return

    def next(self, timeout: float = 30) -> tuple[str, dict]:
        return self.events.get(timeout=timeout)

    def close(self):
        try:
            self.connection.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass
        self.connection.close()


def snapshot(folder: Path) -> dict:
    """Every file below `folder`: relative path → (bytes, modification time)."""
    return {p.relative_to(folder).as_posix(): (p.read_bytes(), p.stat().st_mtime_ns)
            for p in sorted(folder.rglob("*")) if p.is_file()}
