#!/usr/bin/env bash
# bench/run.sh - measure `scenario run` against hand-written Python and Swift twins.
#
# Usage:
#   bench/run.sh [options] [SCENARIO.yaml ...]
#
# With no SCENARIO, every bench/*.yaml is measured. For each scenario X.yaml the
# rows are:
#   scenario run X.yaml --quiet       (the release binary)
#   python3 X.py                      (if X.py exists next to X.yaml)
#   the Swift twin                    (if X.swift exists; built with swiftc -O
#                                      into bench/.build-twin/X)
#
# Options:
#   --runs N          measured runs per command (default 5)
#   --warmup N        unmeasured runs before them (default 0)
#   --cmd COMMAND     also measure an arbitrary shell command (repeatable); it
#                     runs from the repository root through `bash -c`
#   --no-build        do not run `swift build`; use the existing release binary
#                     (or $SCENARIO_BIN when set)
#   --tool time|hyperfine
#                     how to measure (default time: /usr/bin/time -v, which also
#                     records peak RSS; hyperfine reports RSS only if its JSON
#                     export has memory figures)
#   -h, --help        show this help
#
# Environment: SCENARIO_BIN overrides the scenario binary (implies no package build).
#
# Wall time is taken by this script around each process with bash's microsecond
# clock (EPOCHREALTIME), because /usr/bin/time's "Elapsed" has only 10 ms
# resolution; peak RSS is /usr/bin/time's "Maximum resident set size".
#
# Exit status: 0 when every measured command succeeded, 1 when at least one
# failed (its row says "failed (exit N)"; the other rows are still measured),
# 2 on a usage or setup error.

set -euo pipefail
export LC_ALL=C

script_dir=$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")" && pwd)
root=$(cd -- "$script_dir/.." && pwd)
caller_cwd=$PWD

runs=5
warmup=0
tool=time
build=1
scenarios=()
extra_cmds=()

usage() { sed -n '2,/^$/p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; }
die() { echo "run.sh: $*" >&2; exit 2; }

while (($#)); do
    case $1 in
        --runs) (($# >= 2)) || die "--runs needs a value"; runs=$2; shift 2 ;;
        --warmup) (($# >= 2)) || die "--warmup needs a value"; warmup=$2; shift 2 ;;
        --cmd) (($# >= 2)) || die "--cmd needs a value"; extra_cmds+=("$2"); shift 2 ;;
        --tool) (($# >= 2)) || die "--tool needs a value"; tool=$2; shift 2 ;;
        --no-build) build=0; shift ;;
        -h|--help) usage; exit 0 ;;
        --) shift; scenarios+=("$@"); break ;;
        -*) die "unknown option '$1' (see --help)" ;;
        *) scenarios+=("$1"); shift ;;
    esac
done

[[ $runs =~ ^[1-9][0-9]*$ ]] || die "--runs must be a positive integer, got '$runs'"
[[ $warmup =~ ^[0-9]+$ ]] || die "--warmup must be a non-negative integer, got '$warmup'"
case $tool in time|hyperfine) ;; *) die "--tool must be 'time' or 'hyperfine', got '$tool'" ;; esac
[[ -n ${EPOCHREALTIME:-} ]] || die "bash 5 or later is needed (EPOCHREALTIME)"

# Scenario paths: resolve against the caller's directory, then show them relative
# to the repository root when they are inside it.
resolved=()
for s in "${scenarios[@]+"${scenarios[@]}"}"; do
    [[ $s = /* ]] || s="$caller_cwd/$s"
    [[ -f $s ]] || die "no such scenario file: $s"
    s=$(cd -- "$(dirname -- "$s")" && pwd)/$(basename -- "$s")
    resolved+=("${s#"$root"/}")
done

cd "$root"

if ((${#resolved[@]} == 0 && ${#extra_cmds[@]} == 0)); then
    shopt -s nullglob
    for s in bench/*.yaml; do resolved+=("$s"); done
    shopt -u nullglob
    ((${#resolved[@]})) || die "no bench/*.yaml found"
fi

# --- measuring tools -------------------------------------------------------------

if [[ $tool = time && ! -x /usr/bin/time ]]; then
    if command -v apt-get >/dev/null && [[ $(id -u) = 0 ]]; then
        echo "==> /usr/bin/time is missing; installing it (apt-get install -y time)" >&2
        apt-get install -y time >/dev/null || { apt-get update >/dev/null && apt-get install -y time >/dev/null; }
    fi
    [[ -x /usr/bin/time ]] || die "/usr/bin/time is missing: install GNU time (apt-get install -y time)"
fi
if [[ $tool = hyperfine ]]; then
    command -v hyperfine >/dev/null || die "--tool hyperfine: hyperfine is not installed"
    command -v python3 >/dev/null || die "--tool hyperfine needs python3 to read hyperfine's JSON"
fi

# --- builds ----------------------------------------------------------------------

need_scenario=0
((${#resolved[@]})) && need_scenario=1

scenario_bin=${SCENARIO_BIN:-}
if ((need_scenario)) && [[ -z $scenario_bin ]]; then
    if ((build)); then
        echo "==> swift build -c release --product scenario" >&2
        swift build -c release --product scenario >&2
    fi
    # SwiftPM keeps .build/release pointing at the host triple's release folder.
    scenario_bin="$root/.build/release/scenario"
fi

twin_dir=bench/.build-twin
mkdir -p "$twin_dir"

# build_twin SRC OUT: swiftc -O, skipped when OUT is newer than SRC.
build_twin() {
    local src=$1 out=$2
    if [[ -x $out && $out -nt $src ]]; then return 0; fi
    echo "==> swiftc -O $src -o $out" >&2
    swiftc -O "$src" -o "$out" >&2
}

# --- measuring -------------------------------------------------------------------

tmp=$(mktemp -d "${TMPDIR:-/tmp}/scenario-bench.XXXXXX")
trap 'rm -rf -- "$tmp"' EXIT

# Results, one entry per row (parallel arrays).
row_group=() row_label=() row_status=() row_wall=() row_wall_range=() row_rss=()
any_failed=0

# median: numbers on stdin, one per line -> their median (mean of the middle two
# when there is an even count).
median() {
    sort -g | awk '{ v[NR] = $1 } END {
        if (NR == 0) { print "-"; exit }
        if (NR % 2) m = v[(NR + 1) / 2]; else m = (v[NR / 2] + v[NR / 2 + 1]) / 2
        print m }'
}
minmax() { sort -g | awk 'NR == 1 { lo = $1 } { hi = $1 } END { if (NR) printf "%.3f-%.3f", lo, hi; else print "-" }'; }

# now_us: the wall clock in microseconds.
now_us() { local t=$EPOCHREALTIME; echo "${t/./}"; }

# record GROUP LABEL STATUS WALLS_FILE RSS_FILE
record() {
    local group=$1 label=$2 status=$3 walls=$4 rss=$5
    row_group+=("$group") row_label+=("$label") row_status+=("$status")
    if [[ $status = ok ]]; then
        row_wall+=("$(median <"$walls")")
        row_wall_range+=("$(minmax <"$walls")")
        if [[ -s $rss ]]; then row_rss+=("$(median <"$rss")"); else row_rss+=("-"); fi
    else
        row_wall+=("-") row_wall_range+=("-") row_rss+=("-")
        any_failed=1
    fi
}

# show_failure LOG: the last lines a failed command printed.
show_failure() {
    local log=$1
    if [[ -s $log ]]; then
        tail -n 5 -- "$log" | sed 's/^/      | /' >&2
    fi
}

# measure_time GROUP LABEL ARGV...: runs ARGV under /usr/bin/time -v.
measure_time() {
    local group=$1 label=$2; shift 2
    local walls="$tmp/walls" rss="$tmp/rss" tv="$tmp/time-v" log="$tmp/log"
    : >"$walls"; : >"$rss"
    local i total=$((warmup + runs)) rc start end status=ok
    echo "==> $label ($warmup warm-up, $runs measured)" >&2
    for ((i = 1; i <= total; i++)); do
        rc=0
        start=$(now_us)
        /usr/bin/time -v -o "$tv" -- "$@" >"$log" 2>&1 || rc=$?
        end=$(now_us)
        if ((rc != 0)); then
            status="failed (exit $rc)"
            echo "    run $i: exit $rc" >&2
            show_failure "$log"
            break
        fi
        ((i > warmup)) || continue
        awk -v us=$((end - start)) 'BEGIN { printf "%.6f\n", us / 1e6 }' >>"$walls"
        awk -F': ' '/Maximum resident set size/ { printf "%.1f\n", $2 / 1024 }' "$tv" >>"$rss"
    done
    record "$group" "$label" "$status" "$walls" "$rss"
}

# measure_hyperfine GROUP LABEL ARGV...: runs ARGV through hyperfine (no shell).
measure_hyperfine() {
    local group=$1 label=$2; shift 2
    local json="$tmp/hyperfine.json" walls="$tmp/walls" rss="$tmp/rss" cmd status=ok rc
    cmd=$(printf '%q ' "$@")
    echo "==> $label (hyperfine, $warmup warm-up, $runs measured)" >&2
    rc=0
    hyperfine --style basic --shell=none --ignore-failure --runs "$runs" --warmup "$warmup" \
        --export-json "$json" -- "$cmd" >"$tmp/log" 2>&1 || rc=$?
    if ((rc != 0)) || [[ ! -s $json ]]; then
        status="failed (hyperfine exit $rc)"
        show_failure "$tmp/log"
    else
        rc=$(python3 - "$json" "$walls" "$rss" <<'PY'
import json, sys
result = json.load(open(sys.argv[1]))["results"][0]
codes = [c for c in result.get("exit_codes", []) if c != 0]
open(sys.argv[2], "w").write("".join(f"{t:.6f}\n" for t in result["times"]))
mem = result.get("memory_usage_byte") or []
open(sys.argv[3], "w").write("".join(f"{m / 1048576:.1f}\n" for m in mem))
print(codes[0] if codes else 0)
PY
)
        if ((rc != 0)); then
            status="failed (exit $rc)"
            echo "    a run exited $rc (hyperfine hides its output; run the command by hand to see it)" >&2
        fi
    fi
    record "$group" "$label" "$status" "$walls" "$rss"
}

measure() {
    if [[ $tool = hyperfine ]]; then measure_hyperfine "$@"; else measure_time "$@"; fi
}

for yaml in "${resolved[@]+"${resolved[@]}"}"; do
    base=${yaml%.yaml}
    name=$(basename -- "$base")
    if [[ -x $scenario_bin ]]; then
        measure "$name" "scenario run $yaml --quiet" "$scenario_bin" run "$yaml" --quiet
    else
        echo "==> scenario run $yaml --quiet: no binary at $scenario_bin" >&2
        record "$name" "scenario run $yaml --quiet" "failed (no binary)" /dev/null /dev/null
    fi
    if [[ -f $base.py ]]; then
        measure "$name" "python3 $base.py" python3 "$base.py"
    fi
    if [[ -f $base.swift ]]; then
        twin="$twin_dir/$name"
        if build_twin "$base.swift" "$twin"; then
            measure "$name" "$twin (swiftc -O)" "$twin"
        else
            record "$name" "$twin (swiftc -O)" "failed (swiftc)" /dev/null /dev/null
        fi
    fi
done

for cmd in "${extra_cmds[@]+"${extra_cmds[@]}"}"; do
    measure "command" "$cmd" bash -c "$cmd"
done

# --- the table -------------------------------------------------------------------

# "vs python": wall time relative to the Python twin of the same group.
declare -A py_wall=()
for i in "${!row_label[@]}"; do
    if [[ ${row_label[$i]} = python3\ * && ${row_status[$i]} = ok ]]; then
        py_wall[${row_group[$i]}]=${row_wall[$i]}
    fi
done

{
    printf '| benchmark | command | median wall (s) | min-max (s) | vs python | median peak RSS (MiB) | status |\n'
    printf '|---|---|---:|---:|---:|---:|---|\n'
    for i in "${!row_label[@]}"; do
        wall=${row_wall[$i]} ratio="-"
        py=${py_wall[${row_group[$i]}]:-}
        if [[ $wall != - && -n $py ]]; then
            ratio=$(awk -v w="$wall" -v p="$py" 'BEGIN { if (p > 0) printf "%.2fx", w / p; else print "-" }')
        fi
        [[ $wall = - ]] || wall=$(printf '%.3f' "$wall")
        rss=${row_rss[$i]}
        [[ $rss = - ]] || rss=$(printf '%.1f' "$rss")
        printf '| %s | `%s` | %s | %s | %s | %s | %s |\n' \
            "${row_group[$i]}" "${row_label[$i]}" "$wall" "${row_wall_range[$i]}" "$ratio" "$rss" "${row_status[$i]}"
    done
} | awk -F'|' '
    # Pad the markdown table so it also reads well in a terminal.
    { rows[NR] = $0; n[NR] = NF
      for (c = 2; c < NF; c++) { gsub(/^ +| +$/, "", $c); cell[NR, c] = $c
                                 if (length($c) > w[c]) w[c] = length($c) } }
    END { for (r = 1; r <= NR; r++) { line = "|"
            for (c = 2; c < n[r]; c++) {
                v = cell[r, c]
                if (r == 2) { right[c] = (v ~ /:$/); while (length(v) < w[c]) v = (right[c] ? "-" v : v "-") }
                line = line " " sprintf("%" (right[c] && r > 2 ? "" : "-") w[c] "s", v) " |" }
            print line } }'

echo
echo "$runs measured run(s) per command, $warmup warm-up; $(nproc 2>/dev/null || echo '?') CPU(s); tool: $tool."

exit "$any_failed"
