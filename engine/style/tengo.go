package style

import (
	"context"
	"errors"
	"fmt"

	"github.com/d5/tengo/v2"
	"github.com/d5/tengo/v2/parser"
)

// runTengo runs a clone of a compiled Tengo program, whose globals are
// set by set, within what the post's budget has left (at most
// matchTimeout, as Vale bounds a program by two seconds). A program that
// loops forever fails the match instead of hanging the gate.
func runTengo(b *budget, program *tengo.Compiled, set func(*tengo.Compiled) error) (*tengo.Compiled, error) {
	limit, ok := b.limit()
	if !ok || b.expired() {
		return nil, errBudgetSpent
	}
	run := program.Clone() // shares the bytecode, copies the globals
	if err := set(run); err != nil {
		return nil, err
	}
	ctx, cancel := context.WithTimeout(context.Background(), limit)
	defer cancel()
	if err := run.RunContext(ctx); err != nil {
		if errors.Is(ctx.Err(), context.DeadlineExceeded) {
			return nil, fmt.Errorf("the program did not finish within %s", limit)
		}
		return nil, err
	}
	return run, nil
}

// checkExpression rejects anything but one Tengo expression: a formula is
// put inside parentheses in a program, so "1) ; x := (2" must not become
// two statements. Vale checks the same before it evaluates.
func checkExpression(expr string) error {
	fs := parser.NewFileSet()
	file := fs.AddFile("expression", -1, len(expr))
	parsed, err := parser.NewParser(file, []byte(expr), nil).ParseFile()
	if err != nil {
		return fmt.Errorf("invalid expression %q: %w", expr, err)
	}
	if len(parsed.Stmts) != 1 {
		return fmt.Errorf("expected a single expression, found %d statements in %q", len(parsed.Stmts), expr)
	}
	if _, ok := parsed.Stmts[0].(*parser.ExprStmt); !ok {
		return fmt.Errorf("expected an expression in %q", expr)
	}
	return nil
}
