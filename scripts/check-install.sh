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
echo "install check passed: binary, man pages and completions in $prefix"
