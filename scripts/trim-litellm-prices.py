#!/usr/bin/env python3
"""Trims LiteLLM's model_prices_and_context_window.json to the snapshot tokencast ships.

Usage: scripts/trim-litellm-prices.py IN.json OUT.json

Keeps the entries whose mode is chat or responses (or absent) and that have numeric input and
output prices, and of each entry only the keys tokencast reads (Sources/Pricing/LiteLLMEntry.swift):
token prices, their context tiers and variants, max_input_tokens, litellm_provider and mode.
The output is still a LiteLLM price file (any reader of the format reads it). After
re-trimming, update PriceSnapshot.version and PriceSnapshot.date in Sources/Pricing.
"""
import json
import re
import sys

PRICE = re.compile(
    r"^(input_cost_per_token|output_cost_per_token|cache_read_input_token_cost|cache_creation_input_token_cost)"
    r"(_above_\d+k_tokens|_batches|_flex|_priority)?$")
KEEP = {"cache_creation_input_token_cost_above_1hr", "output_cost_per_reasoning_token", "max_input_tokens",
        "litellm_provider", "mode"}


def number(v):
    return isinstance(v, (int, float)) and not isinstance(v, bool)


def main(src, dst):
    with open(src) as f:
        data = json.load(f)
    out = {}
    for key, entry in data.items():
        if key == "sample_spec" or not isinstance(entry, dict):
            continue
        if entry.get("mode", "chat") not in ("chat", "responses"):
            continue
        if not number(entry.get("input_cost_per_token")) or not number(entry.get("output_cost_per_token")):
            continue
        out[key] = {k: v for k, v in entry.items() if k in KEEP or PRICE.match(k)}
    with open(dst, "w") as f:
        json.dump(out, f, sort_keys=True, indent=0, separators=(",", ":"))
        f.write("\n")
    print(f"{len(data)} entries read, {len(out)} chat models written to {dst}", file=sys.stderr)


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    main(sys.argv[1], sys.argv[2])
