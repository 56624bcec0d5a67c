#!/usr/bin/env python3
"""Peer runner for the dates part of `gazette bench extraction`: htmldate.

Reads the htmldate-eval pages listed in the gold files (decoded as upstream's
evaluation does: UTF-8, else the bytes with errors replaced), and times only the
find_date(html, original_date=True, extensive_search=MODE) calls. Writes
{"output": {url: day or null}} to --out and prints one JSON line with the timing.
"""
import argparse
import gzip
import json
import pathlib
import sys
import time


def main():
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--data", required=True, help="the htmldate-eval folder")
    ap.add_argument("--mode", choices=["fast", "extensive"], default="extensive")
    ap.add_argument("--out", required=True)
    ap.add_argument("--repeat", type=int, default=1)
    args = ap.parse_args()

    import htmldate
    from htmldate import find_date

    data = pathlib.Path(args.data)
    pages = {}
    for name in ("eval_default.json", "eval_mediacloud_2020.json"):
        for url, entry in json.loads((data / name).read_text(encoding="utf-8")).items():
            raw = gzip.decompress((data / "html" / (entry["file"] + ".gz")).read_bytes())
            pages[url] = raw.decode("utf-8", "replace")
    if not pages:
        sys.exit(f"no pages in {data}")

    extensive = args.mode == "extensive"
    best, out = None, {}
    for _ in range(max(1, args.repeat)):
        out = {}
        start = time.perf_counter()
        for url, html in pages.items():
            try:
                out[url] = find_date(html, original_date=True, extensive_search=extensive)
            except Exception:  # a page htmldate cannot read predicts nothing
                out[url] = None
        elapsed = time.perf_counter() - start
        best = elapsed if best is None else min(best, elapsed)

    with open(args.out, "w", encoding="utf-8") as f:
        json.dump({"output": out}, f)
    size = sum(len(h.encode("utf-8")) for h in pages.values())
    print(json.dumps({"system": f"htmldate {htmldate.__version__} {args.mode}", "items": len(pages), "bytes": size, "seconds": best}))


if __name__ == "__main__":
    main()
