// The declarations in include/CLinuxSystem.h are all system calls glibc provides; this
// file exists because a C target needs a source file of its own.
#include "CLinuxSystem.h"
