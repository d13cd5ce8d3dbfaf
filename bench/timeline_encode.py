#!/usr/bin/env python3
"""Python twin of bench/timeline_encode.yaml.

One thread takes a threading.Lock 7,000,000 times and increments a counter
inside it, writing a JSON line for each step as `scenario run --timeline FILE`
does (start, acquire, read, increment, release ..., finish: 28,000,002 lines, the
same bytes but for the times). Usage: timeline_encode.py [FILE [ROUNDS]]
(FILE defaults to /dev/null). Prints the final counter and exits 1 if it is
not ROUNDS.
"""
import sys
import threading
import time

PATH = sys.argv[1] if len(sys.argv) > 1 else "/dev/null"
ROUNDS = int(sys.argv[2]) if len(sys.argv) > 2 else 7_000_000

counter = 0
lock = threading.Lock()


def seconds(ns: int) -> str:
    """Nanoseconds as seconds with up to 9 decimals and no trailing zeros, as the scenario writes them."""
    whole, fraction = divmod(ns, 1_000_000_000)
    return str(whole) if fraction == 0 else f"{whole}.{fraction:09d}".rstrip("0")


def worker(out) -> None:
    global counter
    origin = time.monotonic_ns()
    clock = time.monotonic_ns
    lines = []
    seq = 0

    def event(kind: str, rest: str = "") -> None:
        nonlocal seq
        lines.append(f'{{"seq":{seq},"t":{seconds(clock() - origin)},"worker":"incrementer","event":"{kind}"{rest}}}\n')
        seq += 1
        if len(lines) >= 4096:
            out.write("".join(lines))
            lines.clear()

    event("start")
    for _ in range(ROUNDS):
        with lock:
            event("acquire", ',"object":"lock"')
            event("read", f',"object":"counter","value":{counter}')
            counter += 1
            event("increment", f',"object":"counter","value":{counter}')
        event("release", ',"object":"lock"')
    event("finish")
    out.write("".join(lines))


def main() -> int:
    with open(PATH, "w", buffering=1 << 20) as out:
        thread = threading.Thread(target=worker, args=(out,), name="incrementer")
        thread.start()
        thread.join()
    print(counter)
    if counter != ROUNDS:
        print(f"expected {ROUNDS}, got {counter}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
