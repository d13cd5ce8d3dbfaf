#!/usr/bin/env python3
"""Python twin of bench/lock_counter_1m.yaml.

Four threads each take a threading.Lock 250,000 times and increment a shared
counter inside it: 1,000,000 increments in total. Prints the final counter and
exits 1 if it is not 1000000.
"""
import sys
import threading

WORKERS = 4
ROUNDS = int(sys.argv[1]) if len(sys.argv) > 1 else 250_000  # per thread; lock_counter_10m passes 2500000
EXPECTED = WORKERS * ROUNDS

counter = 0
lock = threading.Lock()


def worker() -> None:
    global counter
    for _ in range(ROUNDS):
        with lock:
            counter += 1


def main() -> int:
    threads = [threading.Thread(target=worker, name=f"incrementer-{i + 1}") for i in range(WORKERS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    print(counter)
    if counter != EXPECTED:
        print(f"expected {EXPECTED}, got {counter}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
