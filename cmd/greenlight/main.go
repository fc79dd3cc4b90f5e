// Command greenlight checks social posts kept as Markdown against a team's
// style guide, channel limits and policies, on a laptop or in CI.
package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/signal"

	_ "time/tzdata" // time zones in greenlight.hcl must load on any machine
)

// version is set at build time with -ldflags "-X main.version=v1.2.3".
var version = ""

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	err := newRoot(os.Stdout, os.Stderr).ExecuteContext(ctx)
	stop()
	var exit exitError
	switch {
	case err == nil:
	case errors.As(err, &exit):
		os.Exit(int(exit))
	default:
		fmt.Fprintln(os.Stderr, "greenlight:", err)
		os.Exit(2)
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
