#!/usr/bin/env bash
# Takes a screenshot of a run's HTML page (`--html`) with headless Chromium, for the docs.
#
#   scripts/screenshot.sh [--binary PATH] [--steps N] [--seed N] [--size WxH] [INPUT [OUTPUT]]
#
# INPUT is an HTML page written by `scenario run FILE --html PAGE` (drawn as it is), or a scenario
# (.yaml), which is first run with the built binary: `BINARY run INPUT --quiet --html PAGE`, under
# `--runtime simulate --seed N` when --seed is given, so that the picture is the same every time.
# OUTPUT defaults to docs/timeline.png. --steps N opens the page at its N-th event (the page's
# `#steps=N` fragment presses Next N times), so the picture shows the step-through's highlight.
# --binary defaults to the newer of .build/release/scenario and .build/debug/scenario.
#
# Without INPUT it makes the docs' picture, docs/timeline.png: the tutorial's RLock/semaphore/barrier
# example, simulated with seed 1, at the moment worker1 acquires the semaphore worker4 released:
#   swift build && scripts/screenshot.sh
# which is
#   scripts/screenshot.sh --seed 1 --steps 37 scenarios/04-rlock-semaphore-barrier.yaml docs/timeline.png
set -euo pipefail
cd "$(dirname "$0")/.."

usage() { sed -n '4,11p' "$0" | sed 's/^# \{0,3\}//' >&2; exit 2; }

binary="" steps="" seed="" size="1400,900"
while [ $# -gt 0 ]; do
    case "$1" in
        --binary) binary="${2:?--binary needs a path}"; shift 2 ;;
        --steps) steps="${2:?--steps needs a number}"; shift 2 ;;
        --seed) seed="${2:?--seed needs a number}"; shift 2 ;;
        --size) size="${2:?--size needs WxH}"; size="${size/x/,}"; shift 2 ;;
        -h|--help) usage ;;
        -*) echo "screenshot.sh: unknown option $1" >&2; usage ;;
        *) break ;;
    esac
done
[ $# -le 2 ] || usage
if [ $# -eq 0 ]; then
    # The docs' picture (see the top of this file).
    set -- scenarios/04-rlock-semaphore-barrier.yaml
    seed="${seed:-1}" steps="${steps:-37}"
fi
input="$1" output="${2:-docs/timeline.png}"
[ -f "$input" ] || { echo "screenshot.sh: $input: no such file" >&2; exit 1; }
case "$steps" in ''|*[!0-9]*) [ -z "$steps" ] || { echo "screenshot.sh: --steps needs a number" >&2; exit 2; } ;; esac
case "$seed" in ''|*[!0-9]*) [ -z "$seed" ] || { echo "screenshot.sh: --seed needs a number" >&2; exit 2; } ;; esac

chromium=$(command -v chromium || command -v chromium-browser || true)
[ -n "$chromium" ] || { echo "screenshot.sh: chromium is not installed (apt-get install chromium)" >&2; exit 1; }

scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT

case "$input" in
    *.html|*.htm)
        [ -z "$seed" ] || { echo "screenshot.sh: --seed runs a scenario; $input is a page already" >&2; exit 2; }
        page="$input" ;;
    *)
        if [ -z "$binary" ]; then
            # The newer of the release and debug builds: an old one may not know --html yet.
            for candidate in .build/release/scenario .build/debug/scenario; do
                [ -x "$candidate" ] || continue
                if [ -z "$binary" ] || [ "$candidate" -nt "$binary" ]; then binary="$candidate"; fi
            done
        fi
        [ -n "$binary" ] && [ -x "$binary" ] || { echo "screenshot.sh: no built scenario binary (swift build, or --binary PATH)" >&2; exit 1; }
        page="$scratch/page.html"
        status=0
        "$binary" run "$input" --quiet --html "$page" ${seed:+--runtime simulate --seed "$seed"} >/dev/null || status=$?
        # A run that deadlocks or fails an expectation still draws its page (exit 1 or 3).
        [ -s "$page" ] || { echo "screenshot.sh: '$binary run $input --html' wrote no page (exit $status)" >&2; exit 1; }
        ;;
esac

url="file://$(cd "$(dirname "$page")" && pwd)/$(basename "$page")${steps:+#steps=$steps}"
mkdir -p "$(dirname "$output")"
rm -f "$output"
"$chromium" --headless --no-sandbox --disable-gpu --hide-scrollbars --no-first-run \
    --user-data-dir="$scratch/profile" --window-size="$size" --screenshot="$output" "$url" \
    >"$scratch/chromium.log" 2>&1 || { cat "$scratch/chromium.log" >&2; exit 1; }
[ -s "$output" ] || { echo "screenshot.sh: chromium wrote no screenshot" >&2; cat "$scratch/chromium.log" >&2; exit 1; }
echo "$output"
