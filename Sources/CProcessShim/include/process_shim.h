#ifndef SCENARIO_PROCESS_SHIM_H
#define SCENARIO_PROCESS_SHIM_H

#include <spawn.h>

/// Asks the kernel to kill this process when its parent dies (Linux's PR_SET_PDEATHSIG), so that
/// a pool's child process never outlives the run, even one busy in a long `work` step when the
/// parent is killed. prctl is variadic, which Swift cannot call. Returns 0, or -1 (errno set);
/// elsewhere than Linux it does nothing and returns 0.
int scenario_die_with_parent(void);

/// Makes a spawned process close every descriptor from `lowest` on, so that none of the run's
/// files or other children's sockets reaches it (glibc's posix_spawn_file_actions_addclosefrom_np,
/// which Swift does not see without _GNU_SOURCE). Returns 0, or an error number.
int scenario_spawn_close_from(posix_spawn_file_actions_t *actions, int lowest);

#endif
