#!/usr/bin/env bash
# make fuzz: libFuzzer over every reader of user input, FUZZ_SECONDS (default 60) each.
#
# Builds the `tokencast-fuzz` product with -sanitize=fuzzer,address into .build-fuzz (its own
# scratch path, so the normal build is untouched), seeds each target's corpus from the
# repository's fixtures and scenarios plus fixtures/fuzz/<target>/ (earlier crashes), and runs it.
# A crash leaves its input in .build-fuzz/artifacts/<target>/; copy it to fixtures/fuzz/<target>/
# and ReliabilityTests replays it on every `make test`.
#
# Usage: scripts/fuzz.sh [target...]   (targets: scenario claude-code codex csv litellm statusline)
set -uo pipefail
cd "$(dirname "$0")/.."
REPO=$(pwd)

SWIFT=${SWIFT:-swift}
FUZZ_SECONDS=${FUZZ_SECONDS:-60}
SCRATCH=.build-fuzz
TARGETS=("$@")
[ ${#TARGETS[@]} -gt 0 ] || TARGETS=(scenario claude-code codex csv litellm statusline)

$SWIFT build --product tokencast-fuzz --scratch-path "$SCRATCH" \
    -Xswiftc -sanitize=fuzzer,address -Xswiftc -parse-as-library -Xswiftc -DFUZZING \
    -Xcc -fsanitize=fuzzer-no-link,address || exit 2
BIN="$SCRATCH/debug/tokencast-fuzz"

# Seeds: the inputs the repository already has for each reader.
seeds() {
    case $1 in
        scenario) find scenarios fixtures/scenarios fixtures/reliability -name '*.yaml' ;;
        claude-code) find fixtures/logs/claude-code -name '*.jsonl' ;;
        codex) find fixtures/logs/codex -name '*.jsonl' ;;
        csv) find fixtures/logs -name '*.csv' ;;
        litellm) find fixtures/prices -name '*.json' ;;
        statusline) find fixtures/statusline -name '*.json' ;;
    esac
    [ -d "fixtures/fuzz/$1" ] && find "fixtures/fuzz/$1" -type f
}

# Private home and data directories: a fuzzed scenario may name a database or price file.
SANDBOX=$(mktemp -d "${TMPDIR:-/tmp}/tokencast-fuzz.XXXXXX")
trap 'rm -rf "$SANDBOX"' EXIT
status=0
summary=()
for target in "${TARGETS[@]}"; do
    corpus="$SCRATCH/corpus/$target"
    artifacts="$SCRATCH/artifacts/$target"
    mkdir -p "$corpus" "$artifacts"
    seeds "$target" | while read -r f; do cp "$f" "$corpus/seed-$(basename "$f")"; done
    log="$SCRATCH/fuzz-$target.log"
    # Importer inputs cost a file and a database transaction each: shorter ones, more of them.
    case $target in claude-code|codex|csv) max_len=4096 ;; litellm) max_len=65536 ;; *) max_len=16384 ;; esac
    echo "== $target: $FUZZ_SECONDS s (log: $log)"
    (cd "$SANDBOX" && env TOKENCAST_FUZZ_TARGET="$target" HOME="$SANDBOX" XDG_DATA_HOME="$SANDBOX/data" \
        XDG_CONFIG_HOME="$SANDBOX/config" ASAN_OPTIONS=detect_leaks=0 \
        "$REPO/$BIN" -max_total_time="$FUZZ_SECONDS" -timeout=10 -rss_limit_mb=4096 -max_len=$max_len \
        -print_final_stats=1 -artifact_prefix="$REPO/$artifacts/" "$REPO/$corpus") > "$log" 2>&1
    rc=$?
    runs=$(grep -m1 -o 'stat::number_of_executed_units: [0-9]*' "$log" | awk '{print $2}')
    crashes=$(find "$artifacts" -type f | wc -l)
    [ $rc -eq 0 ] || status=1
    summary+=("$(printf '%-12s inputs run: %-10s exit: %-3s artifacts: %s' "$target" "${runs:-?}" "$rc" "$crashes")")
done
printf '%s\n' "${summary[@]}"
exit $status
