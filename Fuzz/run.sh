#!/usr/bin/env bash
# Builds the libFuzzer harnesses (Fuzz/harnesses/*.swift) into Fuzz/.build and runs each for a
# bounded time, one after the other, from the seeds in Fuzz/corpus/<harness>/.
#
#   Fuzz/run.sh                      every harness, 60 s each
#   FUZZ_SECONDS=300 Fuzz/run.sh     longer
#   Fuzz/run.sh plan delta           some harnesses only
#   FUZZ_BUILD_ONLY=1 Fuzz/run.sh    build, do not run
#
# Findings land in Fuzz/.build/artifacts/<harness>/ (crash-*, timeout-*, oom-*, leak-*); the
# corpus grown by a run is kept in Fuzz/.build/corpus/<harness>/ and reused by the next one.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
out=$root/Fuzz/.build
seconds=${FUZZ_SECONDS:-60}
harnesses=("$@")
[ ${#harnesses[@]} -gt 0 ] || harnesses=(personio learning360 config plan manifest delta inflate records)

# Longest input per harness: a little above the largest real document of its kind (a Personio
# page of the fixtures is 11 KB, a config 2.5 KB); past that the fuzzer only spends time copying.
declare -A max_len=([personio]=16384 [learning360]=4096 [config]=8192 [plan]=8192 [manifest]=8192 [delta]=4096 [inflate]=4096 [records]=4096)

# The package's own targets (HRSyncCore with Yams, HRSyncStore with swift-crypto and zlib), built
# by SwiftPM with the same instrumentation; debug builds are compiled for testing, so the store
# harnesses reach internal symbols through `@testable import`.
spm=$out/spm
echo "== building HRSyncStore and its dependencies (SwiftPM, fuzzer+address)"
# swiftc keeps only the last -sanitize= it is given, and SwiftPM passes one per --sanitize: the
# combined flag after them is what gives the Swift code coverage as well as ASan.
if ! build=$(cd "$root" && swift build --target HRSyncStore --sanitize=fuzzer --sanitize=address -Xswiftc -sanitize=fuzzer,address \
    --scratch-path "$spm" 2>&1); then
    echo "$build"
    exit 1
fi
echo "$build" | tail -n 1
debug=$(cd "$spm/debug" && pwd -P)   # a symlink, which find would not enter
objects() { for target in "$@"; do find "$debug/$target.build" -name '*.o'; done; }
core_objects=$(objects HRSyncCore Yams CYaml)
# Only HRSyncStore's dependency closure is built in this scratch path: all of it links.
store_objects=$(find "$debug" -path '*.build/*' -name '*.o')

# Personio and 360Learning parsers are compiled from their source files: their targets depend on
# the HTTP stack (AsyncHTTPClient, NIO), which parses none of these bytes.
sources() {
    case $1 in
        personio) echo "$root/Sources/Personio/JSONParser.swift $root/Sources/Personio/JSONValue.swift $root/Sources/Personio/EmployeeParser.swift" ;;
        learning360) echo "$root/Sources/Learning360/Learning360Wire.swift $root/Sources/Learning360/Learning360Error.swift $root/Sources/Learning360/LinkHeader.swift" ;;
        *) echo "" ;;
    esac
}
links() {
    case $1 in
        personio|config|plan|records) echo "$core_objects" ;;
        manifest|delta|inflate) echo "$store_objects -lz" ;;
        *) echo "" ;;
    esac
}

# The C modules behind Yams and swift-crypto, which importing their Swift modules needs.
cmodules=()
for map in $(find "$spm/checkouts/Yams" "$spm/checkouts/swift-crypto" -path '*/include/module.modulemap'); do
    cmodules+=(-Xcc "-fmodule-map-file=$map" -Xcc -I -Xcc "$(dirname "$map")")
done

mkdir -p "$out/bin"
for h in "${harnesses[@]}"; do
    echo "== building $h"
    # shellcheck disable=SC2046 # word splitting of the file lists is wanted
    swiftc -sanitize=fuzzer,address -parse-as-library -O -g -use-ld=lld -module-name "Fuzz_$h" \
        -I "$debug/Modules" -I "$root/Sources/CZlib" "${cmodules[@]}" \
        "$root/Fuzz/harnesses/$h.swift" $(sources "$h") $(links "$h") \
        -o "$out/bin/$h"
done
[ -z "${FUZZ_BUILD_ONLY:-}" ] || exit 0

summary=()
for h in "${harnesses[@]}"; do
    work=$out/corpus/$h artifacts=$out/artifacts/$h log=$out/logs/$h.log
    mkdir -p "$work" "$artifacts" "$(dirname "$log")"
    before=$(find "$artifacts" -type f | wc -l)
    echo "== fuzzing $h for $seconds s (log: $log)"
    start=$(date +%s)
    dict=()
    [ ! -f "$root/Fuzz/dict/$h.dict" ] || dict=(-dict="$root/Fuzz/dict/$h.dict")
    # -timeout: a parse of a few KB that takes 10 s is a hang. The Swift runtime's backtracer is
    # off: it reads the crashed thread's stack, which ASan reports as a second error, and it is
    # slow; libFuzzer prints the stack and keeps the input.
    set +e
    SWIFT_BACKTRACE=enable=no "$out/bin/$h" "$work" "$root/Fuzz/corpus/$h" -max_total_time="$seconds" -max_len="${max_len[$h]}" \
        -timeout=10 -print_final_stats=1 -artifact_prefix="$artifacts/" "${dict[@]}" >"$log" 2>&1
    status=$?
    set -e
    elapsed=$(( $(date +%s) - start ))
    runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -n 1)
    crashes=$(( $(find "$artifacts" -type f | wc -l) - before ))
    line="$h: ${elapsed} s, ${runs:-?} executions, $crashes crashes (exit $status)"
    [ "$crashes" -eq 0 ] || line+="; see $artifacts and $log"
    echo "$line"
    summary+=("$line")
done
echo "== summary"
printf '%s\n' "${summary[@]}"
