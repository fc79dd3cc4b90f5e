// Command greenlight checks social posts kept as Markdown against a team's
// style guide, channel limits and policies, on a laptop or in CI.
package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/signal"
	"runtime/pprof"

	_ "time/tzdata" // time zones in greenlight.hcl must load on any machine
)

// version is set at build time with -ldflags "-X main.version=v1.2.3".
var version = ""

func main() { os.Exit(execute()) }

// execute runs the command line and returns the exit status. With
// GREENLIGHT_CPUPROFILE set it writes a CPU profile of the run to that
// file, for a report of where a slow run's time went (bench/split.sh
// reads one).
func execute() int {
	if path := os.Getenv("GREENLIGHT_CPUPROFILE"); path != "" {
		f, err := os.Create(path)
		if err != nil {
			fmt.Fprintln(os.Stderr, "greenlight: GREENLIGHT_CPUPROFILE:", err)
			return 2
		}
		if err := pprof.StartCPUProfile(f); err != nil {
			fmt.Fprintln(os.Stderr, "greenlight: GREENLIGHT_CPUPROFILE:", err)
			return 2
		}
		defer func() {
			pprof.StopCPUProfile()
			if err := f.Close(); err != nil {
				fmt.Fprintln(os.Stderr, "greenlight: GREENLIGHT_CPUPROFILE:", err)
			}
		}()
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	err := newRoot(os.Stdout, os.Stderr).ExecuteContext(ctx)
	var exit exitError
	switch {
	case err == nil:
		return 0
	case errors.As(err, &exit):
		return int(exit)
	default:
		fmt.Fprintln(os.Stderr, "greenlight:", err)
		return 2
	}
}

// exitError carries an exit status out of a command whose output has
// already been printed.
type exitError int

func (e exitError) Error() string { return fmt.Sprintf("exit status %d", int(e)) }

const (
	exitFindings = exitError(1) // a finding at or above the fail-on level
	exitInput    = exitError(2) // a usage, config or input error
)
