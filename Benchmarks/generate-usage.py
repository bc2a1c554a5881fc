#!/usr/bin/env python3
"""Writes N realistic usage records (PRODUCT.md §2) as YAML, JSON or CSV, deterministically.

    Benchmarks/generate-usage.py --records 100000 --format yaml > usage.yaml
    Benchmarks/generate-usage.py --records 1000000 --format csv > usage.csv
    Benchmarks/generate-usage.py --keys > keys.yaml     # the key ids the records refer to

The same arguments always give the same bytes (a seeded PRNG, no clock, no locale), so two
tools can be timed on one file and a rerun measures the same input.
Shape: records spread over --days days ending 2026-11-24 (default 365), --services services
(4-8, default 6), the 12 keys below; some records name no key and image services give no tokens.
"""
import argparse
import datetime
import random
import sys

SERVICES = [
    # name, price per 1k tokens (USD) or per request when tokens is None, has_tokens
    ("Chat Completions", 0.0025, True),
    ("Embeddings", 0.0001, True),
    ("Image Generation", 0.04, False),
    ("Audio Transcription", 0.006, False),
    ("Fine-tuning", 0.008, True),
    ("Moderation", 0.0, True),
    ("Batch Completions", 0.00125, True),
    ("Vector Store", 0.0001, True),
]
KEYS = [
    "key_prod", "key_staging", "key_dev", "key_ci", "key_batch", "key_mobile",
    "key_web", "key_support_bot", "key_analytics", "key_search", "key_partner_acme", "key_legacy",
]
LAST_DAY = datetime.date(2026, 11, 24)


def records(count, days, services, rng):
    first = LAST_DAY - datetime.timedelta(days=days - 1)
    per_day = max(1, count // days)
    written = 0
    day_index = 0
    while written < count:
        day = first + datetime.timedelta(days=day_index % days)
        for _ in range(min(per_day, count - written)):
            name, price, has_tokens = services[rng.randrange(len(services))]
            key = "" if rng.random() < 0.08 else KEYS[rng.randrange(len(KEYS))]
            requests = rng.randint(1, 5000)
            if has_tokens:
                tokens = requests * rng.randint(20, 900)
                cost = tokens * price / 1000
            else:
                tokens = None
                cost = requests * price
            # Up to 6 decimals, as exported by a metering system in micro-dollars.
            micros = round(cost * 1_000_000)
            yield day.isoformat(), name, key, requests, tokens, f"{micros // 1_000_000}.{micros % 1_000_000:06d}".rstrip("0").rstrip(".")
            written += 1
        day_index += 1


def quote_csv(text):
    return '"' + text.replace('"', '""') + '"' if any(c in text for c in ',"\r\n') else text


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--records", type=int, default=100_000)
    parser.add_argument("--format", choices=["yaml", "json", "csv"], default="yaml")
    parser.add_argument("--days", type=int, default=365)
    parser.add_argument("--services", type=int, default=6, choices=range(4, 9))
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--keys", action="store_true", help="write keys.yaml for the key ids instead")
    args = parser.parse_args()
    out = sys.stdout
    if args.keys:
        out.write("keys:\n")
        for index, key in enumerate(KEYS):
            out.write(f"  - id: {key}\n    name: {key.replace('key_', '').replace('_', ' ').title()}\n"
                      f"    start: sk_{index:04d}\n    end: w{index:03d}\n    created: 2026-01-{index + 1:02d}\n")
        return
    rng = random.Random(args.seed)
    rows = records(args.records, args.days, SERVICES[: args.services], rng)
    if args.format == "csv":
        out.write("date,service,key,requests,tokens,cost\n")
        for day, service, key, requests, tokens, cost in rows:
            out.write(f"{day},{quote_csv(service)},{key},{requests},{'' if tokens is None else tokens},{cost}\n")
    elif args.format == "yaml":
        out.write("usage:\n")
        for day, service, key, requests, tokens, cost in rows:
            out.write(f"  - date: {day}\n    service: {service}\n")
            if key:
                out.write(f"    key: {key}\n")
            out.write(f"    requests: {requests}\n")
            if tokens is not None:
                out.write(f"    tokens: {tokens}\n")
            out.write(f"    cost: {cost}\n")
    else:
        out.write('{"usage": [\n')
        first = True
        for day, service, key, requests, tokens, cost in rows:
            fields = [f'"date": "{day}"', f'"service": "{service}"']
            if key:
                fields.append(f'"key": "{key}"')
            fields.append(f'"requests": {requests}')
            if tokens is not None:
                fields.append(f'"tokens": {tokens}')
            fields.append(f'"cost": {cost}')
            out.write(("  " if first else ",\n  ") + "{" + ", ".join(fields) + "}")
            first = False
        out.write("\n]}\n")


if __name__ == "__main__":
    main()
