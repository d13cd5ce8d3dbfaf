#define _GNU_SOURCE
#include "process_shim.h"

#if defined(__linux__)
#include <signal.h>
#include <sys/prctl.h>

int scenario_die_with_parent(void) {
    return prctl(PR_SET_PDEATHSIG, SIGKILL);
}
#else
int scenario_die_with_parent(void) {
    return 0;
}
#endif

int scenario_spawn_close_from(posix_spawn_file_actions_t *actions, int lowest) {
#if defined(__GLIBC__) && (__GLIBC__ > 2 || (__GLIBC__ == 2 && __GLIBC_MINOR__ >= 34))
    return posix_spawn_file_actions_addclosefrom_np(actions, lowest);
#else
    (void)actions;
    (void)lowest;
    return 0;
#endif
}
