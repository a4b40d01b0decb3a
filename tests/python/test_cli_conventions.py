"""The CLI's conventions (issue 16, item 5): `--out -` and `-` for stdin, unknown subcommands named with
suggestions, --version with the embedded knowledge base, shell completion, text wrapped to a terminal (not when
piped), and JSON errors under --format json."""
import fcntl
import gzip
import json
import os
import pty
import select
import shutil
import struct
import subprocess
import termios
from pathlib import Path

import pytest

CLI = os.environ.get("PHARMAKON_CLI")
pytestmark = pytest.mark.skipif(not CLI, reason="PHARMAKON_CLI is not set (ctest sets it)")
HETIONET = Path(__file__).resolve().parents[1] / "data" / "import" / "hetionet"


def run(*args, stdin=None, text=True):
    return subprocess.run([CLI, *args], capture_output=True, text=text, input=stdin)


def run_in_terminal(args, columns):
    """Runs the CLI with stdout on a pseudo-terminal `columns` wide; returns (exit code, what it printed)."""
    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 40, columns, 0, 0))
    env = dict(os.environ)
    env.pop("COLUMNS", None)
    p = subprocess.Popen([CLI, *args], stdout=slave, stderr=subprocess.PIPE, stdin=subprocess.DEVNULL, env=env)
    os.close(slave)
    out = b""
    while True:
        r, _, _ = select.select([master], [], [], 10)
        if not r:
            break
        try:
            chunk = os.read(master, 65536)
        except OSError:  # the child closed the terminal
            break
        if not chunk:
            break
        out += chunk
    os.close(master)
    return p.wait(), out.decode().replace("\r\n", "\n")


# ----- --out - and - for stdin -----------------------------------------------------------------------------------

def test_export_out_dash_writes_one_file_formats_to_stdout(tmp_path):
    p = run("export", "--to", "graphml", "--out", "-")
    assert p.returncode == 0, p.stderr
    assert p.stdout.startswith("<?xml") and "</graphml>" in p.stdout
    assert not Path("-").exists()
    snap = run("export", "--to", "snapshot", "--out", "-", text=False)
    assert snap.returncode == 0
    (tmp_path / "kb.pkb").write_bytes(snap.stdout)
    again = run("--kb", str(tmp_path / "kb.pkb"), "moa", "naltrexone")
    assert again.returncode == 0 and "antagonist" in again.stdout


def test_export_out_dash_is_refused_for_formats_of_several_files():
    for to in ("kgx", "neo4j"):
        p = run("export", "--to", to, "--out", "-")
        assert p.returncode == 2 and "writes several files" in p.stderr, p.stderr


def test_import_reads_stdin_and_writes_stdout(tmp_path):
    edges = (HETIONET / "edges.sif").read_bytes()
    p = subprocess.run([CLI, "import", "--from", "hetionet", str(HETIONET / "nodes.tsv"), "-", "--out", "-", "-q"],
                       input=gzip.compress(edges), capture_output=True)
    assert p.returncode == 0, p.stderr
    (tmp_path / "het.pkb").write_bytes(p.stdout)
    show = run("--kb", str(tmp_path / "het.pkb"), "drugs")
    assert show.returncode == 0 and "Naltrexone" in show.stdout


def test_a_bad_line_on_stdin_is_located_as_stdin():
    p = run("import", "--from", "hetionet", str(HETIONET / "nodes.tsv"), "-", "--out", "never.pkb", "-q",
            stdin="source\tmetaedge\ttarget\nCompound::DB00704\tCbG\n")
    assert p.returncode == 2
    assert "<stdin>:2:" in p.stderr and "expected" in p.stderr
    assert not Path("never.pkb").exists()


# ----- unknown subcommands, --version, completion -------------------------------------------------------------

def test_an_unknown_subcommand_is_named_with_suggestions():
    p = run("mao", "naltrexone")
    assert p.returncode == 2 and p.stdout == ""
    assert p.stderr.startswith("error: unknown command 'mao'; did you mean moa?"), p.stderr
    p = run("--kb", str(HETIONET / "nodes.tsv"), "interaction", "a", "b")
    assert "unknown command 'interaction'; did you mean interactions?" in p.stderr
    # a subcommand's option before the word: its value is not the word ("--format json moaa" names moaa)
    p = run("--format", "json", "moaa", "naltrexone")
    assert p.returncode == 2 and json.loads(p.stderr)["error"]["message"].startswith("unknown command 'moaa'; did you mean moa?")


def test_a_subcommand_option_before_the_subcommand_is_the_subcommands():
    # `pharmakon --format json moa X` reads as `pharmakon moa --format json X`, global options keep their place
    before = run("--format", "json", "moa", "naltrexone")
    after = run("moa", "--format", "json", "naltrexone")
    assert before.returncode == 0, before.stderr
    assert before.stdout == after.stdout and json.loads(before.stdout)["drug"]["name"] == "naltrexone"
    # the value of a subcommand's option is not taken for the subcommand, and `=` forms move too
    p = run("--format=json", "moa", "Naltrexone")
    assert p.returncode == 0 and json.loads(p.stdout)["drug"]["name"] == "naltrexone", p.stderr
    # an error under it is JSON too
    p = run("--format", "json", "moa", "nosuchdrug")
    assert p.returncode == 2
    assert json.loads(p.stderr or p.stdout)["error"]["code"] == "unknown_name"
    # an option no command has is still CLI11's error, not a silent move
    p = run("--no-such-option", "moa", "naltrexone")
    assert p.returncode == 2 and "no-such-option" in p.stderr


def test_version_names_the_embedded_knowledge_base_and_its_hash():
    p = run("--version")
    assert p.returncode == 0
    lines = p.stdout.splitlines()
    assert lines[0].startswith("pharmakon 0.")
    moa = json.loads(run("moa", "naltrexone", "--format", "json").stdout)
    assert moa["kb"]["content_hash"] in lines[1] and moa["kb"]["name"] in lines[1]


def test_bash_completion_completes_subcommands_and_their_options():
    p = run("completion", "bash")
    assert p.returncode == 0 and "complete -F _pharmakon pharmakon" in p.stdout
    bash = shutil.which("bash")
    if not bash:
        pytest.skip("no bash")

    def complete(*words):
        script = p.stdout + "\nCOMP_WORDS=(pharmakon {})\nCOMP_CWORD={}\n_pharmakon\nprintf '%s\\n' \"${{COMPREPLY[@]}}\"\n".format(
            " ".join(f"'{w}'" for w in words), len(words))
        return subprocess.run([bash, "-c", script], capture_output=True, text=True).stdout.split()

    assert "interactions" in complete("inter")
    assert complete("mo") == ["moa"]
    assert "--format" in complete("moa", "--f")
    assert sorted(complete("moa", "--format", "")) == ["dot", "html", "json", "markdown", "text"]
    assert "graphml" in complete("export", "--to", "g")
    assert "fish" in run("completion", "fish").stdout or "complete -c pharmakon" in run("completion", "fish").stdout


# ----- wrapping --------------------------------------------------------------------------------------------------

def test_text_is_wrapped_to_the_terminal_but_not_when_piped():
    piped = run("moa", "naltrexone")
    assert max(len(line) for line in piped.stdout.splitlines()) > 100  # long lines as they are
    rc, shown = run_in_terminal(["moa", "naltrexone"], 72)
    assert rc == 0
    lines = shown.splitlines()
    # every line fits, but for a word that cannot be broken (a long URL) on a line of its own
    too_long = [line for line in lines if len(line) > 72 and len(line.split()) > 1]
    assert not too_long, too_long[:3]
    assert max(len(line) for line in lines) < max(len(line) for line in piped.stdout.splitlines())
    # nothing lost: the same words in the same order
    assert shown.split() == piped.stdout.split()
    # JSON is data: never wrapped, even on a terminal
    rc, js = run_in_terminal(["moa", "naltrexone", "--format", "json"], 72)
    assert json.loads(js)["drug"]["name"] == "naltrexone"


# ----- JSON errors -----------------------------------------------------------------------------------------------

def test_errors_are_json_under_format_json():
    p = run("moa", "naltrexon", "--format", "json")
    assert p.returncode == 2 and p.stdout == ""
    e = json.loads(p.stderr)["error"]
    assert e["code"] == "unknown_name" and "naltrexone" in e["suggestions"] and "naltrexon" in e["message"]
    bad = run("--kb", str(HETIONET / "nodes.tsv"), "moa", "naltrexone", "--format", "json")
    assert bad.returncode == 2
    e = json.loads(bad.stderr)["error"]
    assert e["diagnostics"] and e["diagnostics"][0]["file"].endswith("nodes.tsv") and e["diagnostics"][0]["line"] >= 1
    usage = run("moa", "--format", "json")  # the drug is missing: a parse error
    assert usage.returncode == 2 and json.loads(usage.stderr)["error"]["code"] == "usage"
    # and plain text otherwise
    assert run("moa", "naltrexon").stderr.startswith("error: unknown drug")
