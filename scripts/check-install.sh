#!/usr/bin/env bash
# CI's check of scripts/install.sh: install into a temporary prefix, then read the installed man
# pages and load the installed bash completion the way a user's shell would.
set -euo pipefail
cd "$(dirname "$0")/.."
prefix="$(mktemp -d)"
trap 'rm -rf "$prefix"' EXIT

scripts/install.sh "$prefix"
"$prefix/bin/hrsync" --version
MANWIDTH=80 man -l "$prefix/share/man/man1/hrsync.1" | grep -q "hrsync"
MANWIDTH=80 man -l "$prefix/share/man/man5/hrsync-plan.5" | grep -q "format_version"
bash -c "source '$prefix/share/bash-completion/completions/hrsync' && complete -p hrsync" | grep -q "hrsync"
grep -q "hrsync" "$prefix/share/zsh/site-functions/_hrsync"
grep -q "hrsync" "$prefix/share/fish/vendor_completions.d/hrsync.fish"
"$prefix/bin/hrsync-sandbox" --help | grep -q "hrsync-sandbox"
for doc in README.md sync-rules.md plan.schema.json; do [ -s "$prefix/share/doc/hrsync/$doc" ] || { echo "missing doc $doc" >&2; exit 1; }; done
# The release binary is the product: no test switch of the debug build is in it (TestHooks.swift
# compiles only with HRSYNC_TEST_HOOKS, which Package.swift defines for debug), and setting one
# changes nothing: with the lock handshake set, a debug gc would wait for the test's go-ahead.
if grep -a -q "HRSYNC_TEST_" "$prefix/bin/hrsync"; then echo "the release binary names an HRSYNC_TEST_ variable" >&2; exit 1; fi
work="$prefix/work" && mkdir -p "$work/handshake" && cd "$work"
"$prefix/bin/hrsync" init >/dev/null
HRSYNC_TEST_LOCK_HANDSHAKE="$work/handshake" HRSYNC_TEST_KILL_GC_AT=1 HRSYNC_TEST_RATE_LIMIT_SCALE=0 \
  timeout 30 "$prefix/bin/hrsync" gc >/dev/null
[ ! -e "$work/handshake/held" ] || { echo "the release binary honoured HRSYNC_TEST_LOCK_HANDSHAKE" >&2; exit 1; }
cd - >/dev/null
echo "install check passed: binaries, man pages, docs and completions in $prefix"
