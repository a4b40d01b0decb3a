"""Starts `pharmakon serve` on a free loopback port for a test, and stops it with SIGTERM."""
import os
import re
import signal
import subprocess
import time
import urllib.request

CLI = os.environ.get("PHARMAKON_CLI")
ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


class Server:
    def __init__(self, *kb_args, extra=()):
        self.proc = subprocess.Popen([CLI, *kb_args, "serve", "--port", "0", "--quiet", "--threads", "4", *extra],
                                     stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, text=True)
        line = ""
        deadline = time.time() + 30
        while time.time() < deadline:
            line = self.proc.stderr.readline()
            m = re.search(r"listening on (http://[0-9.]+:[0-9]+)", line)
            if m:
                self.url = m.group(1)
                self.port = int(self.url.rsplit(":", 1)[1])
                return
            if not line and self.proc.poll() is not None:
                break
        raise RuntimeError(f"pharmakon serve did not start: {line!r}")

    def get(self, path, **headers):
        req = urllib.request.Request(self.url + path, headers=headers)
        try:
            with urllib.request.urlopen(req, timeout=10) as r:
                return r.status, r.headers.get("Content-Type", ""), r.read().decode("utf-8")
        except urllib.error.HTTPError as e:
            return e.code, e.headers.get("Content-Type", ""), e.read().decode("utf-8")

    def post(self, path, body, content_type="application/json"):
        data = body if isinstance(body, bytes) else body.encode("utf-8")
        req = urllib.request.Request(self.url + path, data=data, method="POST", headers={"Content-Type": content_type})
        try:
            with urllib.request.urlopen(req, timeout=10) as r:
                return r.status, r.read().decode("utf-8")
        except urllib.error.HTTPError as e:
            return e.code, e.read().decode("utf-8")

    def stop(self):
        """SIGTERM; returns the exit code (0: a graceful stop)."""
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        self.proc.stderr.close()
        return self.proc.returncode
