"""Importers, exporters and snapshots through Python, on the fixture files of tests/data/import."""
import os
import shutil

import pytest

import pharmakon

SHARED = os.environ.get("PHARMAKON_SHARED_DATA", "")


@pytest.fixture(scope="module")
def hetionet_dir(data_dir):
    return data_dir / "import" / "hetionet"


@pytest.fixture(scope="module")
def hetionet(hetionet_dir):
    return pharmakon.import_hetionet([hetionet_dir / "nodes.tsv", hetionet_dir / "edges.sif.gz"])


def test_hetionet_import_types_what_fits_and_keeps_the_rest(hetionet):
    ntx = hetionet.drug("Naltrexone")
    assert ntx.id == "drug:DB00704"
    assert hetionet.drug("DB00704").id == ntx.id
    assert len(hetionet.concepts()) > 0  # anatomy, pathways, ... kept as typed concepts
    labels = {c.label for c in hetionet.claims("related")}
    assert {"participates", "resembles"} <= labels
    assert hetionet.mechanism_of("Naltrexone").actions  # answers over an imported graph


def test_hetionet_report_counts_every_original_kind(hetionet_dir):
    kb, report = pharmakon.import_hetionet(
        [hetionet_dir / "edges.sif", hetionet_dir / "nodes.tsv"], with_report=True, name="fixture", version="1")
    assert kb.name == "fixture" and kb.version == "1"
    assert report.format == "hetionet"
    assert sum(r.count for r in report.nodes) == 65
    assert sum(r.count for r in report.edges) == 71
    assert any(r.original.startswith("CbG") and r.pharmakon.startswith("acts_on") for r in report.edges)
    assert "CbG (Compound binds Gene)" in report.text


def test_a_bad_line_raises_load_error_with_its_position(tmp_path, hetionet_dir):
    edges = tmp_path / "edges.sif"
    edges.write_text("source\tmetaedge\ttarget\nCompound::DB00704\tCbG\n")
    with pytest.raises(pharmakon.LoadError) as e:
        pharmakon.import_hetionet([hetionet_dir / "nodes.tsv", edges])
    assert e.value.path == str(edges) and e.value.line == 2 and e.value.column >= 1
    assert "expected" in str(e.value)


def test_a_missing_file_is_a_load_error(tmp_path):
    with pytest.raises(pharmakon.LoadError):
        pharmakon.import_hetionet([tmp_path / "nope.tsv", tmp_path / "nope.sif"])
    with pytest.raises(pharmakon.UsageError):
        pharmakon.import_hetionet([])


def test_progress_callable_sees_the_import_and_can_cancel_it(hetionet_dir):
    files = [hetionet_dir / "nodes.tsv", hetionet_dir / "edges.sif"]
    seen = []
    pharmakon.import_hetionet(files, progress=seen.append)
    assert seen and all(isinstance(p, pharmakon.ImportProgress) for p in seen)
    assert {"phase", "file", "bytes_done", "bytes_total", "records", "seconds"} <= set(dir(seen[0]))
    with pytest.raises(pharmakon.LoadError, match="cancelled"):
        pharmakon.import_hetionet(files, progress=lambda p: False)


def test_an_exception_in_the_progress_callable_cancels_and_propagates(hetionet_dir):
    def boom(p):
        raise RuntimeError("stop here")

    with pytest.raises(RuntimeError, match="stop here"):
        pharmakon.import_hetionet([hetionet_dir / "nodes.tsv", hetionet_dir / "edges.sif"], progress=boom)
    with pytest.raises(TypeError):
        pharmakon.import_hetionet([hetionet_dir / "nodes.tsv"], progress=42)


def test_ctrl_c_during_an_import_raises_keyboard_interrupt(hetionet_dir):
    import signal

    def interrupt(p):
        os.kill(os.getpid(), signal.SIGINT)  # as if the user pressed Ctrl-C

    with pytest.raises(KeyboardInterrupt):
        pharmakon.import_hetionet([hetionet_dir / "nodes.tsv", hetionet_dir / "edges.sif"], progress=interrupt)


def test_gtopdb_import_on_top_of_the_curated_kb_merges(kb, data_dir):
    d = data_dir / "import" / "gtopdb"
    files = sorted(d.glob("*.csv"))
    alone = pharmakon.import_gtopdb(files)
    assert alone.drug("gtopdb_ligand:1639").id == "drug:gtopdb:1639"
    both = pharmakon.import_gtopdb(files, base=kb)
    assert both.drug("gtopdb_ligand:1639").id == "drug:naltrexone"
    assert len(both) >= len(kb)
    assert kb.content_hash == pharmakon.default_kb().content_hash  # the base is never modified


def test_snapshot_round_trip_and_corruption(golden_kb, tmp_path):
    p = tmp_path / "kb.pkb"
    golden_kb.save_snapshot(p)
    assert pharmakon.is_snapshot(p) and not pharmakon.is_snapshot(__file__)
    back = pharmakon.load_snapshot(str(p))
    assert back.content_hash == golden_kb.content_hash and len(back) == len(golden_kb)
    assert back.mechanism_of("naltrexone").to_json() == golden_kb.mechanism_of("naltrexone").to_json()

    data = bytearray(p.read_bytes())
    data[len(data) // 2] ^= 0x40
    bad = tmp_path / "bad.pkb"
    bad.write_bytes(bytes(data))
    with pytest.raises(pharmakon.LoadError):
        pharmakon.load_snapshot(bad)
    short = tmp_path / "short.pkb"
    short.write_bytes(p.read_bytes()[:100])
    with pytest.raises(pharmakon.LoadError):
        pharmakon.load_snapshot(short)


def test_a_failed_snapshot_write_leaves_the_old_file(golden_kb, tmp_path):
    with pytest.raises(pharmakon.KBError):
        golden_kb.save_snapshot(tmp_path / "no-such-dir" / "kb.pkb")
    if os.geteuid() == 0:
        return  # root writes into read-only directories
    d = tmp_path / "ro"
    d.mkdir()
    target = d / "kb.pkb"
    pharmakon.default_kb().save_snapshot(target)
    before = target.read_bytes()
    d.chmod(0o500)
    try:
        with pytest.raises(pharmakon.KBError):
            golden_kb.save_snapshot(target)
    finally:
        d.chmod(0o700)
    assert target.read_bytes() == before


def test_kgx_round_trip_is_exact(golden_kb, tmp_path):
    nodes, edges, meta = golden_kb.export_kgx(tmp_path / "golden")
    assert nodes.exists() and edges.exists() and meta.exists()
    assert nodes.read_text().startswith("id\t")
    back = pharmakon.import_kgx([nodes, edges, meta])
    assert back.content_hash == golden_kb.content_hash


def test_graphml_opens_in_networkx(golden_kb, tmp_path):
    nx = pytest.importorskip("networkx")
    whole = tmp_path / "whole.graphml"
    golden_kb.export_graphml(whole)
    g = nx.read_graphml(whole)
    assert g.number_of_nodes() == len(golden_kb)
    part = tmp_path / "part.graphml"
    golden_kb.export_graphml(part, around=golden_kb.drug("naltrexone"), radius=1)
    h = nx.read_graphml(part)
    assert 1 < h.number_of_nodes() < g.number_of_nodes()
    with pytest.raises(pharmakon.UnknownNameError):
        golden_kb.export_graphml(part, around=["no such thing"])


def test_neo4j_files_and_dot(golden_kb, tmp_path):
    files = golden_kb.export_neo4j(tmp_path / "neo4j")
    names = {f.name for f in files}
    assert "import.sh" in names and any(n.endswith(".csv") for n in names)
    dot = golden_kb.mechanism_dot("naltrexone")
    assert "digraph " in dot and dot.rstrip().endswith("}") and "OPRM1" in dot
    assert "[1]" in golden_kb.mechanism_dot("naltrexone", sources=True)
    if shutil.which("dot"):
        import subprocess

        svg = subprocess.run(["dot", "-Tsvg"], input=dot, capture_output=True, text=True, check=True).stdout
        assert "<svg" in svg


@pytest.mark.skipif(not SHARED or not os.path.isdir(os.path.join(SHARED, "hetionet")),
                    reason="needs ../shared/data/hetionet (PHARMAKON_SHARED_DATA), which is not there")
def test_full_hetionet_sample(tmp_path):
    d = os.path.join(SHARED, "hetionet")
    files = [os.path.join(d, "hetionet-v1.0-nodes.tsv"), os.path.join(d, "hetionet-v1.0-edges-5k-per-metaedge.sif.gz")]
    kb = pharmakon.import_hetionet(files)
    assert len(kb) >= 47000
    kb.save_snapshot(tmp_path / "h.pkb")
    assert pharmakon.load_snapshot(tmp_path / "h.pkb").content_hash == kb.content_hash
