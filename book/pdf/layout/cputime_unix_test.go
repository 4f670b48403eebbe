//go:build unix

package layout

import (
	"syscall"
	"time"
)

// cpuTime returns the process's user+system CPU time, so benchmarks can report CPU per
// operation, which stays meaningful on a loaded machine where wall time does not.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
