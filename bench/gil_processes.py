# The Python twin of bench/gil_processes.yaml: two CPU-bound tasks, each busy
# for 1 s of its own CPU time, on a ProcessPoolExecutor of two: each process
# has its own GIL, so they run in parallel on two cores (about 1 s, plus the
# start of the processes). Prints how many tasks finished.
import time
from concurrent.futures import ProcessPoolExecutor


def crunch(n):
    end = time.thread_time() + 1.0
    while time.thread_time() < end:
        pass
    return n


if __name__ == "__main__":
    with ProcessPoolExecutor(max_workers=2) as executor:
        finished = len(list(executor.map(crunch, range(2))))
    print(finished)
    raise SystemExit(0 if finished == 2 else 1)
