"""Review records and claim dates from Python: kb.with_reviews(path), evidence.review/updated,
answer.review_summary() and answer.approved_only()."""

import pytest

import pharmakon


def test_with_reviews_counts_and_filters(golden_kb, data_dir):
    reviewed = golden_kb.with_reviews(data_dir / "reviews" / "golden-board.toml")
    assert reviewed.has_reviews() and not golden_kb.has_reviews()
    assert reviewed.content_hash == golden_kb.content_hash
    a = reviewed.mechanism_of("naltrexone")
    s = a.review_summary()
    assert s["approved_statements"] == 4 and s["under_review"] == 1 and s["submitted"] == 2 and not s["approved"]
    assert s == {k: v for k, v in a.to_dict()["review"].items() if k in s}
    mor = [x for x in a.actions if x.target.id == "target:MOR"][0]
    assert mor.evidence.review["status"] == "approved"
    assert mor.evidence.updated is None
    kept = a.approved_only()
    assert kept.review_summary()["approved"] is True
    assert "approved statements only" in kept.to_html()
    assert a.review_summary()["statements"] > kept.review_summary()["statements"]  # the original is unchanged


def test_a_bad_review_file_raises_load_error_with_positions(golden_kb, tmp_path):
    p = tmp_path / "r.toml"
    p.write_text('[[review]]\nentity = "drug:nope"\nstatus = "submitted"\ndate = 2026-11-01\n')
    with pytest.raises(pharmakon.LoadError) as e:
        golden_kb.with_reviews(p)
    assert "r.toml:2:10: error: expected the id of an entity of the knowledge base, found 'drug:nope'" in str(e.value)


def test_the_default_kb_has_no_reviews(kb):
    assert not kb.has_reviews()
    s = kb.mechanism_of("naltrexone").review_summary()
    assert s["approved_statements"] == 0 and s["last_updated_from"] == "release"
