#!/usr/bin/env bash
# bench/run.sh [NAME ...]: time each benchmark against its twins (see bench/README.md).
# A benchmark NAME is bench/NAME.yaml (`scenario run`, one row per `# bench-args: ARGS` line in
# it; none means `--quiet`), bench/NAME.py (python3) and bench/NAME.swift (swiftc -O); with no
# NAME, every bench/*.yaml. A `# twin: OTHER ARGS` line in NAME.yaml uses OTHER's twins, run with ARGS. Each command runs once under /usr/bin/time -v for its peak RSS; one
# that fails there is reported as FAILED and left out of the timing: one `hyperfine --warmup 1
# --runs $RUNS` per benchmark (exports in bench/.build-twin/NAME.{md,json}). Environment: RUNS
# (default 5); SCENARIO_BIN (else this builds .build/release/scenario). Exit status: 0 when every
# command succeeded, 1 otherwise, 2 when hyperfine or time is missing and cannot be installed.
set -euo pipefail
[[ ${SCENARIO_BIN:-} != */* ]] || SCENARIO_BIN=$(realpath -- "$SCENARIO_BIN")  # before the cd
cd "$(dirname -- "${BASH_SOURCE[0]}")/.."
runs=${RUNS:-5} out=bench/.build-twin status=0 updated=0

need() { # need COMMAND PACKAGE: apt-get install PACKAGE when COMMAND is missing (as root)
    command -v "$1" >/dev/null && return
    [[ $(id -u) = 0 ]] && { ((updated)) || apt-get update -qq >&2; updated=1; apt-get install -y -qq "$2" >&2; } ||
        { echo "run.sh: $1 is missing; install it with: apt-get install $2 (as root)" >&2; exit 2; }
}
need hyperfine hyperfine
need /usr/bin/time time

if [[ -z ${SCENARIO_BIN:-} ]]; then
    swift build -c release --product scenario >&2
    SCENARIO_BIN=$PWD/.build/release/scenario
fi
mkdir -p "$out"

names=("$@")
((${#names[@]})) || names=(bench/*.yaml)
for name in "${names[@]}"; do
    name=$(basename -- "$name" .yaml) yaml=bench/$name.yaml
    [[ -f $yaml ]] || { echo "run.sh: no such benchmark: $yaml" >&2; status=1; continue; }
    labels=() cmds=()
    bench_args=$(sed -n 's/^# bench-args:[[:space:]]*//p' "$yaml")
    while read -r args; do
        labels+=("scenario run $name.yaml $args") cmds+=("$(printf %q "$SCENARIO_BIN") run $yaml $args")
    done <<<"${bench_args:---quiet}"
    read -r twin twin_args <<<"$(sed -n 's/^# twin:[[:space:]]*//p' "$yaml")" || true
    twin=${twin:-$name} twin_args=${twin_args:+ $twin_args}
    [[ -f bench/$twin.py ]] && labels+=("python3 $twin.py$twin_args") cmds+=("python3 bench/$twin.py$twin_args")
    if [[ -f bench/$twin.swift ]]; then
        if [[ $out/$twin -nt bench/$twin.swift ]] || swiftc -O "bench/$twin.swift" -o "$out/$twin" >&2; then
            labels+=("$twin.swift$twin_args (swiftc -O)") cmds+=("$out/$twin$twin_args")
        else
            echo "FAILED to build bench/$twin.swift" >&2; status=1
        fi
    fi

    rss=() timed=()  # rss[i]: peak MiB or FAILED; timed: hyperfine's arguments for the rest
    for i in "${!cmds[@]}"; do
        if /usr/bin/time -v -o "$out/time.txt" bash -c "${cmds[i]}" >"$out/output.txt" 2>&1; then
            rss[i]=$(awk -F': ' '/Maximum resident set size/ { printf "%.1f", $2 / 1024 }' "$out/time.txt")
            timed+=(--command-name "${labels[i]}" "${cmds[i]}")
        else
            rss[i]="FAILED (exit $?)" status=1; echo "FAILED: ${labels[i]}; it printed:" >&2
            { grep -m 3 -i error "$out/output.txt" || tail -n 5 "$out/output.txt"; } | sed 's/^/    /' >&2
        fi
    done
    medians=()
    if ((${#timed[@]})); then
        if hyperfine -N --style basic --warmup 1 --runs "$runs" --export-markdown "$out/$name.md" \
            --export-json "$out/$name.json" "${timed[@]}" >&2; then
            mapfile -t medians < <(python3 -c 'import json, sys; print("\n".join("%.3f" % r["median"]
                for r in json.load(open(sys.argv[1]))["results"]))' "$out/$name.json")
        else
            echo "FAILED: hyperfine stopped (a command failed during the timed runs)" >&2; status=1
        fi
    fi
    echo; echo "## $name ($runs runs)"; echo
    echo "| command | median wall (s) | peak RSS (MiB) |"; echo "|:---|---:|---:|"
    j=0; for i in "${!cmds[@]}"; do
        if [[ ${rss[i]} = FAILED* ]]; then wall=-; else wall=${medians[j]:--} j=$((j + 1)); fi
        echo "| \`${labels[i]}\` | $wall | ${rss[i]} |"
    done
    [[ ${#medians[@]} = 0 ]] || { echo; cat "$out/$name.md"; }
done
exit "$status"
