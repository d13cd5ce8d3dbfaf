#!/usr/bin/env python3
"""Python twin of bench/async_semaphore_10k.yaml.

10,000 coroutines gathered on one asyncio event loop; each takes one of 100
permits of an asyncio.Semaphore, sleeps 1 ms, gives the permit back, then
counts itself done under an asyncio.Lock. Prints the count and exits 1 if it is
not 10000.
"""
import asyncio
import sys

INSTANCES = 10_000
PERMITS = 100

done = 0


async def task(slots: asyncio.Semaphore, lock: asyncio.Lock) -> None:
    global done
    async with slots:
        await asyncio.sleep(0.001)
    async with lock:
        done += 1


async def main() -> None:
    slots, lock = asyncio.Semaphore(PERMITS), asyncio.Lock()
    await asyncio.gather(*(task(slots, lock) for _ in range(INSTANCES)))


if __name__ == "__main__":
    asyncio.run(main())
    print(done)
    if done != INSTANCES:
        print(f"expected {INSTANCES}, got {done}", file=sys.stderr)
        sys.exit(1)
