#!/usr/bin/env bash
# Renders the demo's first plan as an HTML page and screenshots it with headless Chromium:
# docs/report.png, the picture in the README. Needs Debian's chromium-headless-shell (or
# CHROMIUM=/path/to/chrome). Usage: scripts/screenshot-report.sh
set -euo pipefail
cd "$(dirname "$0")/.."
chromium="${CHROMIUM:-$(command -v chromium-headless-shell || command -v chromium || true)}"
[ -n "$chromium" ] || { echo "no headless Chromium: apt-get install chromium-headless-shell" >&2; exit 1; }
swift build --product hrsync && swift build --product hrsync-sandbox
bin="$(swift build --show-bin-path)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
"$bin/hrsync-sandbox" demo --employees 30 --dir "$work/demo" > /dev/null
# The demo's night of HR changes: the plan with updates in it (moves, edits, a leaver, a hire).
plan="$("$bin/hrsync" -c "$work/demo/hrsync.yaml" log --json | python3 -c '
import json, sys
plans = [e for e in json.load(sys.stdin)["events"] if e["kind"] == "plan"]
print(next((e for e in plans if " 0 to update" not in e["summary"]), plans[0])["writes"][0])')"
"$bin/hrsync" -c "$work/demo/hrsync.yaml" show "$plan" --html "$work/plan.html" > /dev/null
"$chromium" --headless --no-sandbox --disable-gpu --hide-scrollbars --window-size=1100,1500 --screenshot="$PWD/docs/report.png" "file://$work/plan.html"
echo "docs/report.png written from plan $plan"
