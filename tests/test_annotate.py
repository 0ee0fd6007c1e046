"""Drawing pairs to label: whole sentences, uncertainty first, caps per document."""

from __future__ import annotations

from countrystance.annotate import cohen_kappa, select_uncertain_sentences


def _records() -> list[dict]:
    recs = []
    for d in range(10):
        for s in range(4):  # 4 sentences per document, 2 targets each
            for t in ("France", f"Target{d}"):
                recs.append({"doc_id": f"doc{d}", "sent_start": s * 100, "target": t})
    return recs


def test_uncertain_sentences_come_first_and_whole() -> None:
    recs = _records()
    entropy = [0.1] * len(recs)
    hot = [i for i, r in enumerate(recs) if r["doc_id"] == "doc7" and r["sent_start"] == 200]
    entropy[hot[1]] = 1.0  # one uncertain target makes the whole sentence uncertain
    chosen = select_uncertain_sentences(recs, entropy, n_pairs=8, seed=1, max_sentences_per_doc=2)
    assert chosen[:2] == hot  # first, and with both of its targets
    keys = [(recs[i]["doc_id"], recs[i]["sent_start"]) for i in chosen]
    assert all(keys.count(k) == 2 for k in keys)  # sentences are never split
    assert len(chosen) == 8 and len(set(chosen)) == 8


def test_cap_per_document_and_seeded_random_half() -> None:
    recs = _records()
    entropy = [float(i) for i in range(len(recs))]  # doc9's sentences are the most uncertain
    a = select_uncertain_sentences(recs, entropy, n_pairs=20, seed=3, max_sentences_per_doc=1)
    b = select_uncertain_sentences(recs, entropy, n_pairs=20, seed=3, max_sentences_per_doc=1)
    c = select_uncertain_sentences(recs, entropy, n_pairs=20, seed=4, max_sentences_per_doc=1)
    docs = [recs[i]["doc_id"] for i in a]
    assert all(docs.count(d) == 2 for d in set(docs))  # one sentence (two pairs) per document
    assert recs[a[0]]["doc_id"] == "doc9"
    assert a == b and a != c  # the random half is seeded


def test_kappa_is_one_for_agreement_and_low_for_chance() -> None:
    assert cohen_kappa(["a", "b", "a", "c"], ["a", "b", "a", "c"]) == 1.0
    assert cohen_kappa(["a", "a", "b", "b"], ["a", "b", "a", "b"]) == 0.0
