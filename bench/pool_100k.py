#!/usr/bin/env python3
"""Python twin of bench/pool_100k.yaml.

100,000 tiny tasks submitted to a ThreadPoolExecutor(max_workers=8); each
increments a shared counter under a threading.Lock and returns i * i. Waits for
every future, prints the final counter and exits 1 if it is not 100000 (or a
result is wrong).
"""
import sys
import threading
from concurrent.futures import ThreadPoolExecutor, wait

TASKS = 100_000

counter = 0
lock = threading.Lock()


def task(i: int) -> int:
    global counter
    with lock:
        counter += 1
    return i * i


def main() -> int:
    with ThreadPoolExecutor(max_workers=8) as executor:
        futures = [executor.submit(task, i) for i in range(1, TASKS + 1)]
        wait(futures)
    return sum(future.result() for future in futures)


if __name__ == "__main__":
    total = main()
    print(counter)
    expected_total = TASKS * (TASKS + 1) * (2 * TASKS + 1) // 6
    if counter != TASKS or total != expected_total:
        print(f"expected {TASKS} and {expected_total}, got {counter} and {total}", file=sys.stderr)
        sys.exit(1)
