#!/usr/bin/env python3
"""Python twin of bench/fanout_100k.yaml.

100,000 coroutines gathered on one asyncio event loop; each sleeps 10 ms, then
increments a shared counter under an asyncio.Lock. Prints the final counter and
exits 1 if it is not 100000.
"""
import asyncio
import sys

INSTANCES = 100_000

counter = 0


async def fan(lock: asyncio.Lock) -> None:
    global counter
    await asyncio.sleep(0.01)
    async with lock:
        counter += 1


async def main() -> None:
    lock = asyncio.Lock()
    await asyncio.gather(*(fan(lock) for _ in range(INSTANCES)))


if __name__ == "__main__":
    asyncio.run(main())
    print(counter)
    if counter != INSTANCES:
        print(f"expected {INSTANCES}, got {counter}", file=sys.stderr)
        sys.exit(1)
