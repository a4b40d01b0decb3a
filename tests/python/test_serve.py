"""pharmakon serve as a client meets it: pages, JSON API, CDS Hooks, limits, hostile inputs, graceful stop."""
import http.client
import json
import os
import socket
import urllib.parse
from html.parser import HTMLParser

import pytest

from serve_util import CLI, ROOT, Server

pytestmark = pytest.mark.skipif(not CLI, reason="PHARMAKON_CLI is not set (ctest sets it)")
HOSTILE = os.path.join(ROOT, "tests", "data", "web", "hostile.toml")


@pytest.fixture(scope="module")
def server():
    s = Server()
    yield s
    assert s.stop() == 0, "the server did not stop gracefully on SIGTERM"


def raw(server, method, path, body=b"", headers=None):
    """A request sent as written (no client-side path normalisation)."""
    c = http.client.HTTPConnection("127.0.0.1", server.port, timeout=10)
    c.putrequest(method, path, skip_host=False, skip_accept_encoding=True)
    for k, v in (headers or {}).items():
        c.putheader(k, v)
    if body:
        c.putheader("Content-Length", str(len(body)))
    c.endheaders()
    if body:
        c.send(body)
    r = c.getresponse()
    out = r.status, r.getheader("Content-Type", ""), r.read().decode("utf-8", "replace")
    c.close()
    return out


def q(text):
    return urllib.parse.quote(text)


def test_start_page_and_health(server):
    st, ct, body = server.get("/")
    assert st == 200 and ct.startswith("text/html")
    assert '<html lang="en">' in body and 'name="q"' in body and "/drug/naltrexone" in body
    st, ct, body = server.get("/healthz")
    assert st == 200 and json.loads(body)["status"] == "ok"


def test_pages(server):
    st, _, body = server.get("/moa/naltrexone")
    assert st == 200 and "<h1>What is the mechanism of action of naltrexone?</h1>" in body
    assert "curated with verified sources, not clinically reviewed" in body and "<svg" in body
    st, _, body = server.get("/drug/Vivitrol?audience=patient")
    assert st == 200 and 'aria-current="page">Patient' in body
    st, _, body = server.get("/interactions?drugs=naltrexone,oxycodone")
    assert st == 200 and "naltrexone blocks oxycodone at the mu opioid receptor" in body
    st, _, body = server.get("/dose-check?drug=naltrexone&dose=500%20mg&every=24%20h")
    assert st == 200 and "Verdict:" in body
    st, _, body = server.get("/ask?q=" + q("How does Vivitrol work?"))
    assert st == 200 and "<h1>How does Vivitrol work?</h1>" in body
    st, _, body = server.get("/ask?q=" + q("hello there"))
    assert st == 400 and "could not read the question" in body
    st, _, body = server.get("/moa/naltrexon")
    assert st == 404 and "did you mean naltrexone" in body


def test_api_mirrors_the_cli(server):
    st, ct, body = server.get("/api/moa/ReVia")
    assert st == 200 and ct == "application/json"
    j = json.loads(body)
    assert j["answer"]["kind"] == "mechanism" and j["answer"]["drug"]["name"] == "naltrexone" and j["finding"] is False
    j = json.loads(server.get("/api/interactions?drugs=naltrexone,oxycodone")[2])
    assert j["finding"] is True and j["answer"]["interactions"][0]["kind"] == "blockade"
    j = json.loads(server.get("/api/ask?q=" + q("Is 100 mg of naltrexone a day too much?"))[2])
    assert j["question"]["command"] == ["dose-check", "naltrexone", "100 mg", "--every", "24 h"]
    assert j["answer"]["verdict"] == "above"
    st, _, body = server.get("/api/ask?q=" + q("hello"))
    assert st == 400 and json.loads(body)["examples"]
    j = json.loads(server.get("/api/dose-check?drug=codeine&dose=30%20mg&every=6%20h&age=8")[2])
    assert j["answer"]["verdict"] == "contraindicated" and j["answer"]["query"]["age"]["unit"] == "y"
    st, _, body = server.get("/api/dose-check?drug=codeine&dose=30%20mg&age=eight")
    assert st == 400 and "age: expected" in json.loads(body)["error"]
    st, _, body = server.get("/api/dose-check?drug=naltrexone&dose=50%20xg")
    assert st == 400 and "expected" in json.loads(body)
    # a list with a drug not known here: the rest is screened and the unknown one named; two unknown: 404
    j = json.loads(server.get("/api/interactions?drugs=oxycodone,foozol,alprazolam")[2])
    assert j["finding"] is True and j["answer"]["not_screened"][0]["name"] == "foozol"
    st, _, body = server.get("/interactions?drugs=oxycodone,foozol,alprazolam")
    assert st == 200 and "<strong>Not screened:</strong> foozol is not in this knowledge base" in body
    st, _, body = server.get("/api/interactions?drugs=oxycodone,foozol")
    assert st == 404 and json.loads(body)["found"] == "foozol"
    st, _, body = server.get("/api/moa/nothing-like-this")
    assert st == 404 and json.loads(body)["found"] == "nothing-like-this"
    assert len(json.loads(server.get("/api/drugs")[2])["drugs"]) >= 25


def med(display, code=None, rtype="MedicationRequest"):
    coding = {"display": display}
    if code:
        coding = {"system": "http://www.nlm.nih.gov/research/umls/rxnorm", "code": code, "display": display}
    return {"resourceType": rtype, "status": "active", "medicationCodeableConcept": {"coding": [coding], "text": display}}


def bundle(*resources):
    return {"resourceType": "Bundle", "type": "collection", "entry": [{"resource": r} for r in resources]}


def hook(name, drafts, prefetch=None):
    body = {"hook": name, "hookInstance": "d1577c69-dfbe-44ad-ba6d-3e05e953b2ea", "fhirServer": "http://127.0.0.1:1/fhir",
            "context": {"userId": "Practitioner/123", "patientId": "1288992", "draftOrders": drafts}}
    if prefetch is not None:
        body["prefetch"] = prefetch
    return json.dumps(body)


def test_cds_hooks_discovery_and_cards(server):
    st, _, body = server.get("/cds-services")
    services = {s["id"]: s for s in json.loads(body)["services"]}
    assert services["pharmakon-order-select"]["hook"] == "order-select"
    assert services["pharmakon-order-sign"]["hook"] == "order-sign"
    # oxycodone ordered for a patient on naltrexone (brand, in a MedicationStatement)
    st, body = server.post("/cds-services/pharmakon-order-select",
                           hook("order-select", bundle(med("oxycodone hydrochloride 5 MG Oral Tablet")),
                                {"meds": bundle(med("ReVia 50 MG Oral Tablet", rtype="MedicationStatement"))}))
    assert st == 200, body
    cards = json.loads(body)["cards"]
    assert cards and cards[0]["indicator"] == "critical"
    assert len(cards[0]["summary"]) <= 140 and "naltrexone blocks oxycodone" in cards[0]["summary"]
    assert cards[0]["source"]["label"] and cards[0]["detail"]
    assert cards[0]["links"][0]["url"].startswith(server.url + "/interactions?drugs=")
    st, body = server.post("/cds-services/pharmakon-order-sign",
                           hook("order-sign", bundle(med("morphine"), med("methadone"))))
    assert st == 200 and json.loads(body)["cards"]


def test_cds_hooks_tramadol_for_a_patient_on_sertraline_gets_a_serotonin_syndrome_card(server):
    st, body = server.post("/cds-services/pharmakon-order-select",
                           hook("order-select", bundle(med("tramadol hydrochloride 50 MG Oral Tablet")),
                                {"meds": bundle(med("sertraline 50 MG Oral Tablet", rtype="MedicationStatement"))}))
    assert st == 200, body
    cards = json.loads(body)["cards"]
    assert cards[0]["indicator"] == "critical"
    assert "serotonin syndrome" in cards[0]["summary"] and len(cards[0]["summary"]) <= 140
    assert "sertraline" in cards[0]["summary"] and "tramadol" in cards[0]["summary"]


@pytest.mark.parametrize("body,where", [
    ("{", None), ("[]", None), ('{"hook": "order-select"}', "/hookInstance"),
    ('{"hook": 1, "hookInstance": "x", "context": {}}', "/hook"),
    ('{"hook": "order-select", "hookInstance": "x", "context": {"draftOrders": []}}', "/context/draftOrders"),
    ('{"hook": "order-sign", "hookInstance": "x", "context": {"draftOrders": {"resourceType": "Bundle"}}}', "/hook"),
])
def test_cds_hooks_bad_requests_get_4xx_json(server, body, where):
    st, text = server.post("/cds-services/pharmakon-order-select", body)
    assert 400 <= st < 500
    err = json.loads(text)
    assert "expected" in err and "found" in err
    if where:
        assert err["at"] == where


def test_limits_and_traversal(server):
    big = b'{"hook": "order-select", "x": "' + b"a" * (2 * 1024 * 1024) + b'"}'
    try:
        st, _, body = raw(server, "POST", "/cds-services/pharmakon-order-select", big, {"Content-Type": "application/json"})
        assert st == 413 and "expected" in json.loads(body)
    except (ConnectionResetError, BrokenPipeError):
        pass  # the server may close the connection before the whole body is sent
    st, _, _ = raw(server, "GET", "/" + "a" * 20000)
    assert st in (414, 400, 404)
    for path in ["/../../../../etc/passwd", "/%2e%2e/%2e%2e/%2e%2e/etc/passwd", "/drug/..%2f..%2f..%2fetc%2fpasswd",
                 "/moa/%2e%2e%2f%2e%2e%2fCMakeLists.txt", "/assets/../../README.md", "/.git/config",
                 "/%2E%2E/%2E%2E/README.md", "/api/%2e%2e/%2e%2e/README.md"]:
        st, _, body = raw(server, "GET", path)
        assert st == 404, path
        assert "root:" not in body and "pharmakon is an embeddable" not in body
    # a header too large, a garbage request line: refused, and the server keeps serving
    st, _, _ = raw(server, "GET", "/", headers={"X-Big": "b" * 20000})
    assert st >= 400
    with socket.create_connection(("127.0.0.1", server.port), timeout=10) as s:
        s.sendall(b"\x00\x01garbage\r\n\r\n")
        s.recv(1000)
    assert server.get("/healthz")[0] == 200
    st, _, _ = raw(server, "DELETE", "/moa/naltrexone")
    assert st == 405


class _Checker(HTMLParser):
    def __init__(self):
        super().__init__()
        self.scripts, self.handlers, self.bad_urls, self.injected = 0, [], [], []

    def handle_starttag(self, tag, attrs):
        if tag == "script":
            self.scripts += 1
        if tag in ("img", "iframe", "b", "i"):
            self.injected.append(tag)
        for k, v in attrs:
            if k.startswith("on"):
                self.handlers.append((tag, k))
            if k in ("href", "src", "action") and v and v.strip().lower().startswith(("javascript:", "data:")):
                self.bad_urls.append(v)


def test_a_hostile_knowledge_base_never_reaches_a_page_unescaped():
    s = Server("--no-default", "--kb", HOSTILE)
    try:
        pages = ["/", "/drug/blocker", "/moa/agonist?audience=researcher", "/moa/Blockrx?audience=patient",
                 "/interactions?drugs=blocker,agonist", "/interactions?drugs=blocker,agonist&audience=researcher",
                 "/ask?q=" + q("Can I take Blockrx with Agonix?"), "/ask?q=" + q("<script>alert(1)</script>"),
                 "/moa/" + q("<script>x</script>"), "/ask?q=" + q('"><img src=x onerror=alert(1)>')]
        for p in pages:
            st, ct, body = s.get(p)
            assert st in (200, 400, 404), p
            for needle in ["<script", "<img", "<svg onload", "<b>", "onmouseover=\""]:
                assert needle not in body, (p, needle)
            c = _Checker()
            c.feed(body)
            assert c.scripts == 0 and not c.handlers and not c.bad_urls and not c.injected, p
        st, body = s.post("/cds-services/pharmakon-order-select",
                          hook("order-select", bundle(med("x", "900002")), {"m": bundle(med("y", "900001"))}))
        cards = json.loads(body)["cards"]
        assert cards and cards[0]["indicator"] == "critical"  # matched by RxNorm code (rxcui)
    finally:
        assert s.stop() == 0


def test_cli_html_of_a_hostile_kb_is_escaped():
    import subprocess
    for args in (["moa", "agonist"], ["interactions", "blocker", "agonist"], ["moa", "blocker", "--audience", "researcher"]):
        p = subprocess.run([CLI, "--no-default", "--kb", HOSTILE, *args, "--format", "html"], capture_output=True, text=True)
        assert p.returncode in (0, 1), p.stderr
        assert "<script" not in p.stdout and "<img" not in p.stdout


def test_ask_answers_as_the_subcommand_does():
    import subprocess
    cases = [("What is the mechanism of action of naltrexone?", ["moa", "naltrexone"]),
             ("How does Vivitrol work?", ["moa", "Vivitrol"]),
             ("Can I take naltrexone with oxycodone?", ["interactions", "naltrexone", "oxycodone"]),
             ("Is 100 mg of naltrexone a day too much?", ["dose-check", "naltrexone", "100 mg", "--every", "24 h"]),
             ("Does tramadol interact with sertraline?", ["interactions", "tramadol", "sertraline"]),
             ("What is ReVia?", ["moa", "ReVia"])]
    for question, command in cases:
        for fmt in ("text", "json"):
            a = subprocess.run([CLI, "ask", question, "--format", fmt], capture_output=True, text=True)
            b = subprocess.run([CLI, *command, "--format", fmt], capture_output=True, text=True)
            assert (a.returncode, a.stdout, a.stderr) == (b.returncode, b.stdout, b.stderr), question
    p = subprocess.run([CLI, "ask", "what is the weather like"], capture_output=True, text=True)
    assert p.returncode == 2 and p.stdout == ""
    assert "could not read the question" in p.stderr and "How does Vivitrol work?" in p.stderr
