// Everything is inline in include/CTickClock.h; this file gives SwiftPM a C target to build.
#include "CTickClock.h"
