"""Review files through the CLI and the server: --reviews, --approved-only, errors with positions, JSON."""
import json
import os
import subprocess
import tempfile

import pytest

from serve_util import CLI, ROOT, Server

pytestmark = pytest.mark.skipif(not CLI, reason="PHARMAKON_CLI is not set (ctest sets it)")
KB = os.environ.get("PHARMAKON_GOLDEN_KB") or os.path.join(ROOT, "tests", "data", "golden", "kb.toml")
REVIEWS = os.path.join(ROOT, "tests", "data", "reviews", "golden-board.toml")


def run(*args):
    return subprocess.run([CLI, "--no-default", "--kb", KB, *args], capture_output=True, text=True)


def test_json_review_counts_and_per_statement_records():
    p = run("--reviews", REVIEWS, "moa", "naltrexone", "--format", "json")
    assert p.returncode == 0, p.stderr
    j = json.loads(p.stdout)
    r = j["review"]
    assert r["approved"] is False and r["approved_statements"] == 4 and r["under_review"] == 1 and r["submitted"] == 2
    assert r["statements"] == r["approved_statements"] + r["under_review"] + r["submitted"] + r["not_reviewed"]
    mor = [a for a in j["actions"] if a["target"]["id"] == "target:MOR"][0]
    assert mor["evidence"]["review"] == {"status": "approved", "reviewer": "Example Hospital P&T Committee (test fixture)",
                                         "date": "2026-11-20", "note": None}
    q = run("--reviews", REVIEWS, "--approved-only", "moa", "naltrexone", "--format", "json")
    k = json.loads(q.stdout)["review"]
    assert k["approved"] is True and k["approved_only"] is True and k["left_out"] == r["statements"] - 4


def test_default_kb_says_it_is_not_clinically_reviewed():
    p = subprocess.run([CLI, "moa", "naltrexone", "--format", "json"], capture_output=True, text=True)
    r = json.loads(p.stdout)["review"]
    assert r["approved_statements"] == 0 and r["not_reviewed"] == r["statements"] and not r["reviewed_kb"]
    assert r["last_updated_from"] == "release"
    page = subprocess.run([CLI, "moa", "naltrexone", "--format", "html"], capture_output=True, text=True).stdout
    assert "not clinically reviewed" in page and "approved by" not in page


def test_a_bad_review_file_is_refused_with_positions():
    with tempfile.NamedTemporaryFile("w", suffix=".toml", delete=False) as f:
        f.write('[[review]]\nclaim = { relation = "acts_on", from = "drug:naltrexone", to = "target:MOR" }\n'
                'status = "approved"\ndate = "2026-13-01"\n')
    p = run("--reviews", f.name, "moa", "naltrexone")
    os.unlink(f.name)
    assert p.returncode == 2
    assert f"{f.name}:1:1: error: expected 'reviewer' (who approved it" in p.stderr
    assert f"{f.name}:4:8: error: expected 'date' to be a date YYYY-MM-DD" in p.stderr
    assert p.stdout == ""


def test_serve_with_reviews_and_approved_only():
    s = Server("--no-default", "--kb", KB, extra=("--reviews", REVIEWS, "--approved-only"))
    try:
        status, _, body = s.get("/api/moa/naltrexone")
        assert status == 200
        r = json.loads(body)["answer"]["review"]
        assert r["approved"] is True and r["approved_only"] is True
        status, _, page = s.get("/moa/naltrexone")
        assert "approved statements only (--approved-only)" in page
    finally:
        assert s.stop() == 0
