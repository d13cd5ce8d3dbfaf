// A cheap timestamp for the timeline: the CPU's time-stamp counter where it runs at a constant
// rate on every core (an "invariant TSC"), read in a few nanoseconds instead of a clock_gettime call.
#ifndef CTICKCLOCK_H
#define CTICKCLOCK_H

#include <stdint.h>

#if defined(__x86_64__)
#include <cpuid.h>
#include <x86intrin.h>

/// 1 when the time-stamp counter is invariant (CPUID 0x80000007, EDX bit 8), else 0.
static inline int tick_clock_is_invariant(void) {
    unsigned int eax, ebx, ecx, edx;
    if (__get_cpuid_max(0x80000000, 0) < 0x80000007) return 0;
    __cpuid(0x80000007, eax, ebx, ecx, edx);
    return (edx >> 8) & 1;
}

/// The time-stamp counter. The fence keeps earlier instructions (such as taking a mutex) from
/// being reordered after the read, so that timestamps follow the order of what they stamp.
static inline uint64_t tick_clock_read(void) {
    _mm_lfence();
    return __rdtsc();
}
#else
static inline int tick_clock_is_invariant(void) { return 0; }
static inline uint64_t tick_clock_read(void) { return 0; }
#endif

#endif
