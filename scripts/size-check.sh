#!/usr/bin/env bash
# make size-check: memory limits that are too slow for `make test` (docs/RELIABILITY.md).
#
#  1. A generated 2 GB Claude Code log tree imports with peak resident memory under 200 MB.
#  2. A scenario of 100 million threads (100,000 trials) runs with memory flat in trials: its
#     peak RSS is within 64 MB of the same scenario at 10,000 trials (10 million threads) and
#     under 512 MB.
#
# Peak RSS is GNU time's %M (KiB). Environment: SIZE_BYTES (default 2 GiB), WORK (scratch
# directory, default a temporary one, removed at the end unless KEEP=1).
set -euo pipefail
cd "$(dirname "$0")/.."

SWIFT=${SWIFT:-swift}
SIZE_BYTES=${SIZE_BYTES:-2147483648}
IMPORT_LIMIT_MB=${IMPORT_LIMIT_MB:-200}
RUN_LIMIT_MB=${RUN_LIMIT_MB:-512}
RUN_GROWTH_MB=${RUN_GROWTH_MB:-64}
WORK=${WORK:-$(mktemp -d "${TMPDIR:-/tmp}/tokencast-size.XXXXXX")}
TIME=/usr/bin/time
[ -x "$TIME" ] || { echo "size-check needs GNU time at /usr/bin/time (apt-get install time)" >&2; exit 2; }
cleanup() { [ "${KEEP:-0}" = 1 ] || rm -rf "$WORK"; }
trap cleanup EXIT

# RELEASE_FLAGS: the Makefile passes the same CPU flags as `make build`, so nothing rebuilds.
$SWIFT build -c release ${RELEASE_FLAGS:-} --product tokencast
$SWIFT build -c release ${RELEASE_FLAGS:-} --product tokencast-bench
BIN=.build/release

# peak_kb LABEL COMMAND...: runs COMMAND under GNU time, prints and returns its peak RSS (KiB).
peak_kb() {
    local label=$1; shift
    local stats="$WORK/$label.time"
    local start=$(date +%s.%N)
    "$TIME" -f %M -o "$stats" "$@" > "$WORK/$label.out"
    local end=$(date +%s.%N)
    local kb=$(tail -1 "$stats")
    printf '%-28s peak RSS %7.1f MB  %6.1f s\n' "$label" "$(echo "$kb / 1024" | bc -l)" "$(echo "$end - $start" | bc -l)" >&2
    echo "$kb"
}

fail=0

echo "== generating $SIZE_BYTES bytes of Claude Code logs in $WORK/logs" >&2
"$BIN/tokencast-bench" generate-logs "$SIZE_BYTES" "$WORK/logs" >&2
du -sb "$WORK/logs" >&2
kb=$(peak_kb import-claude-code "$BIN/tokencast" import claude-code "$WORK/logs" --db "$WORK/threads.db" --quiet)
head -3 "$WORK/import-claude-code.out" >&2
if [ "$kb" -gt $((IMPORT_LIMIT_MB * 1024)) ]; then
    echo "FAIL: import peak RSS $((kb / 1024)) MB > $IMPORT_LIMIT_MB MB" >&2; fail=1
fi
rm -rf "$WORK/logs"

scenario="$WORK/hundred-million.yaml"
cat > "$scenario" <<'YAML'
name: Size check
seed: 7
developer:
  threads_per_day: 4.35
models:
  sonnet: {preset: sonnet-4.5, price: claude-sonnet-4-5}
YAML
small=$(peak_kb run-10k-trials "$BIN/tokencast" run "$scenario" --trials 10000 --format json)
large=$(peak_kb run-100k-trials "$BIN/tokencast" run "$scenario" --trials 100000 --format json)
threads=$(python3 -c "import json,sys; d=json.load(open(sys.argv[1])); print(int(round(d['threads_per_year']*d['trials'])))" "$WORK/run-100k-trials.out" 2>/dev/null || echo "?")
echo "100k-trial run simulated about $threads threads" >&2
if [ "$large" -gt $((RUN_LIMIT_MB * 1024)) ]; then
    echo "FAIL: 100,000-trial run peak RSS $((large / 1024)) MB > $RUN_LIMIT_MB MB" >&2; fail=1
fi
if [ $((large - small)) -gt $((RUN_GROWTH_MB * 1024)) ]; then
    echo "FAIL: peak RSS grew $(((large - small) / 1024)) MB from 10,000 to 100,000 trials (> $RUN_GROWTH_MB MB)" >&2; fail=1
fi

[ $fail = 0 ] && echo "size-check passed" >&2
exit $fail
