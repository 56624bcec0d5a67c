#!/usr/bin/env python3
"""Peer runner for `gazette bench extraction`.

Reads every <id>.html.gz page of a folder, decodes it as UTF-8 (as the Scrapinghub
benchmark's own runner does), and times only the peer's extraction calls: no import,
no file reading. Writes the predictions as {id: text} JSON to --out and prints one JSON
line with the timing on stdout. The best (shortest) of --repeat passes is reported.
"""
import argparse
import gzip
import json
import pathlib
import sys
import time


def trafilatura_runner():
    import trafilatura

    def run(html):
        return trafilatura.extract(html, include_comments=False) or ""

    return f"trafilatura {trafilatura.__version__}", run


PEERS = {"trafilatura": trafilatura_runner}


def main():
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("peer", choices=sorted(PEERS))
    ap.add_argument("--pages", required=True, help="folder of <id>.html.gz pages")
    ap.add_argument("--out", required=True, help="where to write {id: text} predictions")
    ap.add_argument("--repeat", type=int, default=1)
    args = ap.parse_args()

    system, run = PEERS[args.peer]()
    pages = {}
    for path in sorted(pathlib.Path(args.pages).glob("*.html.gz")):
        pages[path.name[: -len(".html.gz")]] = gzip.decompress(path.read_bytes()).decode("utf-8", "replace")
    if not pages:
        sys.exit(f"no *.html.gz pages in {args.pages}")

    best, out = None, {}
    for _ in range(max(1, args.repeat)):
        out = {}
        start = time.perf_counter()
        for key, html in pages.items():
            out[key] = run(html)
        elapsed = time.perf_counter() - start
        best = elapsed if best is None else min(best, elapsed)

    with open(args.out, "w", encoding="utf-8") as f:
        json.dump(out, f)
    size = sum(len(h.encode("utf-8")) for h in pages.values())
    print(json.dumps({"system": system, "items": len(pages), "bytes": size, "seconds": best}))


if __name__ == "__main__":
    main()
