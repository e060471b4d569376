#!/usr/bin/env bash
# Plans byte for byte: builds a small corpus of state directories against the sandbox with the
# FIRST hrsync, then computes `plan --offline` on each with both binaries (same state, same clock)
# and compares the plan files and the --json output. For refactors that must not change behaviour.
#
#   scripts/compare-plans.sh OLD/hrsync NEW/hrsync [SANDBOX]   (debug builds: they honour HRSYNC_TEST_NOW)
set -euo pipefail
old=$(realpath "$1"); new=$(realpath "$2"); sandbox=$(realpath "${3:-$(dirname "$2")/hrsync-sandbox}")
work=$(mktemp -d); trap 'kill $(jobs -p) 2>/dev/null || true; wait; rm -rf "$work"' EXIT
export HRSYNC_TEST_NOW=2026-12-01T09:00:00Z HRSYNC_TEST_RATE_LIMIT_SCALE=0
export PERSONIO_CLIENT_ID=sandbox-personio-client PERSONIO_CLIENT_SECRET=sandbox-personio-secret
export L360_CLIENT_ID=sandbox-360-client L360_CLIENT_SECRET=sandbox-360-secret
compared=0; differ=0

compare() {   # $1 scenario folder; plans a copy of its state with each binary, in the same path
    local dir=$1
    for bin in old new; do
        local exe; exe=$([ $bin = old ] && echo "$old" || echo "$new")
        rm -rf "$dir/run" && mkdir "$dir/run" && cp -a "$dir/.hrsync" "$dir/hrsync.yaml" "$dir/run/"
        (cd "$dir/run" && { "$exe" plan --offline -o out.plan > out.txt 2>&1 || true; }
         "$exe" plan --offline --json > out.json 2>/dev/null || true)
        for ext in plan json txt; do mv "$dir/run/out.$ext" "$dir/$bin.$ext"; done
    done
    for ext in plan json txt; do
        compared=$((compared + 1))
        if cmp -s "$dir/old.$ext" "$dir/new.$ext"; then echo "same    $(basename "$dir") $ext ($(wc -c < "$dir/new.$ext") bytes)"
        else differ=$((differ + 1)); echo "DIFFERS $(basename "$dir") $ext"; diff <(head -c 4000 "$dir/old.$ext") <(head -c 4000 "$dir/new.$ext") | head -20 || true; fi
    done
}

scenario() {   # $1 name, $2 employees, $3 seed, $4 serve flags, then sandbox edits (one per arg)
    local name=$1 employees=$2 seed=$3 flags=$4; shift 4
    local dir="$work/$name"; mkdir -p "$dir"; cd "$dir"
    "$sandbox" serve --state sandbox.json --employees "$employees" --seed "$seed" $flags --rate-limit-scale 0 > serve.log 2>&1 &
    local pid=$!
    for _ in $(seq 100); do grep -q "360Learning" serve.log 2>/dev/null && break; sleep 0.1; done
    "$sandbox" config --state sandbox.json > hrsync.yaml
    "$old" init > /dev/null 2>&1
    "$old" pull -q > /dev/null 2>&1 || true
    compare "$dir"
    if [ $# -gt 0 ]; then
        "$old" apply --auto-approve -q > /dev/null 2>&1 || true
        for edit in "$@"; do eval "\"$sandbox\" $edit --state sandbox.json" > /dev/null; done
        "$old" pull -q > /dev/null 2>&1 || true
        mv "$dir" "$dir-edited" 2>/dev/null; dir="$dir-edited"; cd "$dir"
        compare "$dir"
    fi
    kill $pid; wait $pid 2>/dev/null || true
}

scenario empty-platform 120 1 ""
scenario synced 300 7 "--synced" \
    "hire --first-name Zoë --last-name Neu --office Berlin --department Sales" \
    "edit 1003 --position 'Chief Planner'" "move 1005 --office Paris" "terminate 1004" "terminate 1010"
scenario first-sync-then-changes 200 3 "" \
    "hire --first-name Ada --last-name Lovelace --office London --department Engineering" \
    "edit 1020 --position Director" "move 1021 --department Finance" "terminate 1002"
echo "$compared compared, $differ differ"
[ "$differ" = 0 ]
