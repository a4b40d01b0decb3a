#!/bin/sh
# A bounded load test of `pharmakon serve` on loopback (not run in CI): starts the server on a free port, runs
# CLIENTS concurrent keep-alive clients for SECONDS against a mix of pages, API calls and CDS Hooks requests, and
# reports requests per second, p50/p99 latency and errors; then stops the server with SIGTERM.
#
#   benchmarks/load_serve.sh [CLIENTS] [SECONDS] [PHARMAKON]     (defaults: 8 clients, 10 s, build/release/pharmakon)
set -eu
cd "$(dirname "$0")/.."
clients=${1:-8}
seconds=${2:-10}
cli=${3:-build/release/pharmakon}
[ -x "$cli" ] || { echo "load_serve: no $cli (build the release preset, or pass the path)" >&2; exit 2; }
exec /usr/bin/python3 - "$cli" "$clients" "$seconds" <<'PY'
import http.client, json, re, subprocess, sys, threading, time
cli, clients, seconds = sys.argv[1], int(sys.argv[2]), float(sys.argv[3])
seconds = min(seconds, 120.0)  # bounded whatever is asked
proc = subprocess.Popen([cli, "serve", "--port", "0", "--quiet", "--threads", str(max(2, clients))],
                        stderr=subprocess.PIPE, text=True)
port = None
for _ in range(50):
    m = re.search(r"listening on http://127\.0\.0\.1:(\d+)", proc.stderr.readline())
    if m:
        port = int(m.group(1)); break
if not port:
    proc.kill(); sys.exit("load_serve: the server did not start")
cds = json.dumps({"hook": "order-select", "hookInstance": "x", "context": {"draftOrders": {"resourceType": "Bundle",
    "entry": [{"resource": {"resourceType": "MedicationRequest", "medicationCodeableConcept": {"text": "oxycodone"}}}]}},
    "prefetch": {"m": {"resourceType": "Bundle", "entry": [{"resource": {"resourceType": "MedicationStatement",
    "status": "active", "medicationCodeableConcept": {"text": "naltrexone"}}}]}}})
mix = [("GET", "/moa/naltrexone", None), ("GET", "/api/interactions?drugs=naltrexone,oxycodone,buprenorphine", None),
       ("GET", "/ask?q=How%20does%20Vivitrol%20work%3F", None), ("GET", "/healthz", None),
       ("POST", "/cds-services/pharmakon-order-select", cds)]
lat, errors, lock = [], [0], threading.Lock()
deadline = time.time() + seconds
def client(k):
    c = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    i, mine, bad = k, [], 0
    while time.time() < deadline:
        method, path, body = mix[i % len(mix)]; i += 1
        t = time.perf_counter()
        try:
            c.request(method, path, body=body, headers={"Content-Type": "application/json"} if body else {})
            r = c.getresponse(); r.read()
            if r.status != 200: bad += 1
        except Exception:
            bad += 1; c.close(); c = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
        mine.append(time.perf_counter() - t)
    with lock:
        lat.extend(mine); errors[0] += bad
threads = [threading.Thread(target=client, args=(k,)) for k in range(clients)]
start = time.time()
for t in threads: t.start()
for t in threads: t.join()
elapsed = time.time() - start
proc.terminate(); rc = proc.wait(timeout=10)
lat.sort()
pct = lambda p: lat[min(len(lat) - 1, int(p * len(lat)))] * 1000 if lat else float("nan")
print(f"pharmakon serve load test: {clients} clients, {elapsed:.1f} s, {len(lat)} requests (pages, API, CDS Hooks)")
print(f"  {len(lat) / elapsed:.0f} req/s   p50 {pct(0.50):.2f} ms   p99 {pct(0.99):.2f} ms   errors {errors[0]}   "
      f"server exit {rc} (0: graceful stop)")
sys.exit(1 if errors[0] or rc != 0 else 0)
PY
