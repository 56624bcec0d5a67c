#!/usr/bin/env python3
"""Memory of `gazette analyze` over a large WARC.gz, sampled while it runs.

Writes a synthetic crawl (one gzip member per record, as crawlers write them) of about
--size-mb megabytes compressed, each page a short news article of varied words inside a
large inline image, as real pages carry, so that the archive holds far more HTML than
its compressed size; then runs gazette over it with every layer, output discarded, and
samples the process's resident memory (VmRSS) every half second. Prints the peak, the
memory after the first tenth and at the end (it must not grow), pages/s and MB/s.

    python3 bench/warc_memory.py [--size-mb 1024] [--gazette target/release/gazette]

Standard library only. The archive goes to a temporary directory, removed afterwards
unless --keep names a path for it.
"""

import argparse
import gzip
import os
import random
import subprocess
import sys
import tempfile
import time

WORDS = (
    "the council harbour minister said on Tuesday after talks with officials in the capital "
    "where protesters gathered outside parliament as police closed roads and the government "
    "announced new measures for farmers while prices rose again this year according to figures "
    "released by the statistics office which reported that exports fell sharply in the third "
    "quarter despite a recovery in tourism and the opposition leader called for an inquiry"
).split()
NAMES = ["Ana Ruiz", "Tom Reyes", "Mara Quint", "Ivo Brandt", "Lena Ortiz", "Sam Okafor"]
PLACES = ["Westport", "Lisbon", "Nairobi", "Oslo", "Manila", "Quito", "Tbilisi"]


def page(rng: random.Random, n: int) -> bytes:
    paragraphs = []
    for _ in range(rng.randint(6, 12)):
        words = [rng.choice(WORDS) for _ in range(rng.randint(25, 60))]
        words.insert(rng.randrange(len(words)), rng.choice(NAMES))
        words.insert(rng.randrange(len(words)), "in " + rng.choice(PLACES))
        paragraphs.append("<p>" + " ".join(words).capitalize() + ".</p>")
    image = os.urandom(rng.randint(60_000, 140_000)).hex()
    html = (
        f"<!DOCTYPE html><html><head><meta charset='utf-8'><title>Story {n}</title>"
        f"<meta property='article:published_time' content='2024-03-{1 + n % 28:02d}T10:00:00Z'>"
        f"</head><body><nav><a href='/'>Home</a> <a href='/world'>World</a></nav>"
        f"<article><h1>Story {n}</h1>{''.join(paragraphs)}"
        f"<img src='data:image/png;base64,{image}'></article><footer>Footer</footer></body></html>"
    )
    return html.encode()


def record(n: int, html: bytes) -> bytes:
    http = b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n" + html
    head = (
        "WARC/1.0\r\nWARC-Type: response\r\n"
        f"WARC-Record-ID: <urn:uuid:{n:08x}-0000-0000-0000-000000000000>\r\n"
        "WARC-Date: 2024-03-30T00:00:00Z\r\n"
        f"WARC-Target-URI: https://example.org/story/{n}\r\n"
        "Content-Type: application/http; msgtype=response\r\n"
        f"Content-Length: {len(http)}\r\n\r\n"
    ).encode()
    return gzip.compress(head + http + b"\r\n\r\n", compresslevel=1)


def write_archive(path: str, size_mb: int) -> tuple[int, int]:
    rng = random.Random(1)
    target = size_mb << 20
    written = html_bytes = n = 0
    with open(path, "wb") as out:
        while written < target:
            n += 1
            html = page(rng, n)
            html_bytes += len(html)
            member = record(n, html)
            out.write(member)
            written += len(member)
            if n % 500 == 0:
                print(f"\rwriting {written >> 20} / {size_mb} MB", end="", file=sys.stderr)
    print(file=sys.stderr)
    return n, html_bytes


def rss_kib(pid: int) -> int | None:
    try:
        with open(f"/proc/{pid}/status") as f:
            for line in f:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1])
    except OSError:
        return None
    return None


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--size-mb", type=int, default=1024)
    ap.add_argument("--gazette", default="target/release/gazette")
    ap.add_argument("--keep", help="write the archive here and keep it")
    ap.add_argument("--archive", help="an existing WARC.gz to read instead of writing one")
    args = ap.parse_args()

    tmp = tempfile.TemporaryDirectory()
    if args.archive:
        path, pages, html_bytes = args.archive, None, None
    else:
        path = args.keep or os.path.join(tmp.name, "crawl.warc.gz")
        pages, html_bytes = write_archive(path, args.size_mb)
    size = os.path.getsize(path)

    started = time.monotonic()
    proc = subprocess.Popen(
        [args.gazette, "analyze", "--format", "jsonl", path],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
    )
    samples: list[tuple[float, int]] = []
    docs = 0
    # Count the Docs as they stream out, sampling memory between reads.
    next_sample = 0.0
    assert proc.stdout is not None
    for _ in proc.stdout:
        docs += 1
        now = time.monotonic() - started
        if now >= next_sample:
            kib = rss_kib(proc.pid)
            if kib:
                samples.append((now, kib))
            next_sample = now + 0.5
            print(f"\r{docs} docs, {now:.0f} s, RSS {(kib or 0) >> 10} MiB   ", end="", file=sys.stderr)
    proc.wait()
    elapsed = time.monotonic() - started
    print(file=sys.stderr)
    if not samples:
        print("no memory samples (the run ended at once)", file=sys.stderr)
        return 1
    peak = max(k for _, k in samples)
    early = samples[max(0, len(samples) // 10 - 1)][1]
    late = samples[-1][1]
    print(f"archive: {size / 2**20:.0f} MiB compressed", end="")
    if html_bytes:
        print(f", {html_bytes / 2**20:.0f} MiB of HTML in {pages} pages", end="")
    print()
    print(f"gazette analyze (every layer, JSONL out): {docs} docs in {elapsed:.0f} s "
          f"= {docs / elapsed:.0f} pages/s, {size / 2**20 / elapsed:.1f} MiB/s compressed")
    print(f"resident memory: peak {peak / 1024:.0f} MiB; after a tenth of the run "
          f"{early / 1024:.0f} MiB; at the end {late / 1024:.0f} MiB "
          f"({len(samples)} samples)")
    print(f"exit code {proc.returncode}")
    return 0 if proc.returncode in (0, 1) else 1


if __name__ == "__main__":
    sys.exit(main())
