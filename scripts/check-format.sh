#!/usr/bin/env bash
# The format check (not a style debate): the tree is as `swift format` leaves it under the checked-in
# .swift-format, and every public declaration of a library target has a `///` doc comment.
# Fix the first with: swift format format -i -r Sources Tests Package.swift
set -euo pipefail
cd "$(dirname "$0")/.."
swift format lint --strict --parallel -r Sources Tests Package.swift

# Library targets (not the executables, not the tests): the same configuration plus the doc rule.
docs=$(mktemp); trap 'rm -f "$docs"' EXIT
sed 's/"AllPublicDeclarationsHaveDocumentation": false/"AllPublicDeclarationsHaveDocumentation": true/' .swift-format > "$docs"
grep -q '"AllPublicDeclarationsHaveDocumentation": true' "$docs" || { echo "check-format: the doc rule is missing from .swift-format" >&2; exit 1; }
libraries=$(find Sources -mindepth 1 -maxdepth 1 -type d ! -name 'hrsync*' ! -name CZlib | sort)
swift format lint --strict --parallel --configuration "$docs" -r $libraries
echo "format check passed: $(find Sources Tests -name '*.swift' | wc -l) files; public API documented in $(echo $libraries | wc -w) library targets"
