# The Python twin of bench/gil_work.yaml: two threads, each busy for 1 s of its
# own CPU time (time.thread_time, which advances only while the thread runs, so
# only while it holds the GIL; as a scenario's `work` under the GIL counts only
# while held). Under the GIL they take turns: about 2 s in all. Prints the
# number of threads that finished.
import threading
import time


def crunch():
    end = time.thread_time() + 1.0
    while time.thread_time() < end:
        pass


threads = [threading.Thread(target=crunch) for _ in range(2)]
for t in threads:
    t.start()
for t in threads:
    t.join()
finished = sum(1 for t in threads if not t.is_alive())
print(finished)
raise SystemExit(0 if finished == 2 else 1)
