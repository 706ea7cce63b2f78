#!/usr/bin/env bash
# Renders every scenario's HTML report in headless Chromium and fails on anything a reader would
# notice: console errors, external URLs, a chart without data marks, overlapping labels (checked
# twice: from the layout in Swift, and on the rendered page), a page wider than the viewport.
# Screenshots go to out/report/*.png. See docs/reports.md.
set -euo pipefail
cd "$(dirname "$0")/.."
TOKENCAST=${TOKENCAST:-.build/release/tokencast}
OUT=${OUT:-out/report}
WIDTH=1280
TRIALS=${REPORT_TRIALS:-2000}
SUDO=$([ "$(id -u)" = 0 ] || echo sudo)

CHROMIUM=$(command -v chromium || command -v chromium-browser || true)
if [ -z "$CHROMIUM" ]; then
  echo "Installing chromium with apt-get"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium
  CHROMIUM=$(command -v chromium)
fi
[ -x "$TOKENCAST" ] || { echo "report-check: $TOKENCAST not built (run make build)"; exit 1; }
OUT=$(mkdir -p "$OUT" && cd "$OUT" && pwd)
chrome() { "$CHROMIUM" --headless --no-sandbox --disable-gpu --hide-scrollbars --no-first-run --disable-extensions "$@"; }

# Measures the rendered page: width against the viewport, data marks per chart, text boxes that
# overlap inside a chart. Appended to a copy of the report only; the report itself has no script.
read -r -d '' PROBE <<'JS' || true
<script>
(function () {
  var problems = [], vw = window.innerWidth;
  var page = document.documentElement.scrollWidth;
  if (page > vw + 1) problems.push("page is " + page + " px wide, viewport " + vw + " px");
  document.querySelectorAll("svg").forEach(function (svg, i) {
    var name = svg.getAttribute("aria-label") || ("chart " + i);
    if (svg.querySelectorAll(".mark").length === 0) problems.push(name + ": no data marks");
    var r = svg.getBoundingClientRect();
    if (r.right > vw + 1) problems.push(name + ": wider than the viewport");
    var boxes = [].map.call(svg.querySelectorAll("text"), function (t) { return [t.textContent, t.getBoundingClientRect()]; });
    for (var a = 0; a < boxes.length; a++) for (var b = a + 1; b < boxes.length; b++) {
      var p = boxes[a][1], q = boxes[b][1];
      var w = Math.min(p.right, q.right) - Math.max(p.left, q.left), h = Math.min(p.bottom, q.bottom) - Math.max(p.top, q.top);
      if (w > 1 && h > 1) problems.push(name + ": labels '" + boxes[a][0] + "' and '" + boxes[b][0] + "' overlap");
    }
  });
  var pre = document.createElement("pre");
  pre.id = "report-check";
  pre.setAttribute("data-height", String(document.documentElement.scrollHeight));
  pre.textContent = problems.length ? "REPORT-PROBLEM " + problems.join("\nREPORT-PROBLEM ") : "REPORT-OK";
  document.body.appendChild(pre);
})();
</script>
JS

failed=0
# check NAME HTML STDERR: everything a reader would notice about one rendered page.
check() {
  local name=$1 html=$2 stderr=$3
  if grep -q "warning: report layout" "$stderr"; then
    grep "warning: report layout" "$stderr"; failed=1
  fi
  if grep -Eiq '(src|href)="(https?:)?//' "$html"; then
    echo "  $html fetches something from the network:"; grep -Eio '(src|href)="(https?:)?//[^"]*' "$html"; failed=1
  fi
  local probe="$OUT/$name.check.html"
  { grep -v -e '^</body>$' -e '^</html>$' "$html"; printf '%s\n</body>\n</html>\n' "$PROBE"; } > "$probe"
  chrome --enable-logging=stderr --v=0 --window-size=$WIDTH,900 --virtual-time-budget=5000 --dump-dom "file://$probe" > "$OUT/$name.dom" 2> "$OUT/$name.console" || true
  if grep -Ei 'CONSOLE.*(error|uncaught)|Uncaught|Failed to load resource' "$OUT/$name.console"; then
    echo "  console errors in $html"; failed=1
  fi
  if ! grep -Eq '<pre id="report-check"[^>]*>REPORT-OK</pre>' "$OUT/$name.dom"; then
    grep -o 'REPORT-PROBLEM[^<]*' "$OUT/$name.dom" | grep -v 'problems.join' || echo "  the page did not render (no probe result in $OUT/$name.dom)"
    failed=1
  fi
  local height
  height=$(grep -o 'data-height="[0-9]*"' "$OUT/$name.dom" | grep -o '[0-9]*' || echo 3000)
  chrome --window-size=$WIDTH,"$height" --screenshot="$OUT/$name.png" "file://$html" > /dev/null 2>&1 || { echo "  screenshot failed"; failed=1; }
  echo "  $OUT/$name.png (${WIDTH}x$height)"
}

# render NAME COMMAND...: runs a tokencast command that writes HTML, then checks the page.
render() {
  local name=$1; shift
  local html="$OUT/$name.html"
  echo "report-check: tokencast $*"
  if ! "$TOKENCAST" "$@" --format html --out "$html" --quiet 2> "$OUT/$name.stderr"; then
    cat "$OUT/$name.stderr"; failed=1; return
  fi
  check "$name" "$html" "$OUT/$name.stderr"
}

for scenario in scenarios/*.yaml; do
  name=$(basename "$scenario" .yaml)
  render "$name" run "$scenario" --trials "$TRIALS"
  # Scenarios that compare plans get that page too.
  if grep -q '^plans:' "$scenario"; then
    render "$name-plans" plans "$scenario" --trials "$((TRIALS / 4))"
  fi
done
# The shipped diff pair.
if [ -f scenarios/sonnet-team.yaml ] && [ -f scenarios/sonnet-to-opus.yaml ]; then
  render "diff-sonnet-to-opus" diff scenarios/sonnet-team.yaml scenarios/sonnet-to-opus.yaml --trials "$TRIALS"
fi
# The out-of-sample check on the real threads shipped in fixtures/.
validation_db="$OUT/validate-real.db"
rm -f "$validation_db"
"$TOKENCAST" import csv fixtures/real-threads/swe4cc-claude-sonnet-4-5.csv --db "$validation_db" --quiet > /dev/null
render "validate-real-threads" validate --db "$validation_db" --threads 20000 --bootstrap 20
# `report` over the real-shaped Claude Code and Codex logs in fixtures/logs (blocks across a
# gap, an unpriced model, Codex's official window readings).
report_db="$OUT/report.db"
rm -f "$report_db"
"$TOKENCAST" import claude-code fixtures/logs/report/projects fixtures/logs/claude-code/projects --db "$report_db" --quiet > /dev/null
"$TOKENCAST" import codex fixtures/logs/codex/sessions --db "$report_db" --quiet > /dev/null
render "report-blocks" report blocks --db "$report_db" --timezone UTC --plan "Claude Max 5x"
render "report-daily" report daily --db "$report_db" --timezone Europe/Paris
# `backtest org` on the small organisation panel in fixtures/org (three teams, fan charts with
# the actual months over them).
render "backtest-org" backtest org --panel fixtures/org/panel-60.csv --train-months 3 --trials 1000 --replicates 10
[ "$failed" = 0 ] && echo "report-check: every report passed" || { echo "report-check: FAILED"; exit 1; }
