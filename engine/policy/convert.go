package policy

import (
	"fmt"
	"reflect"
	"sync"

	"github.com/open-policy-agent/opa/v1/ast"
)

// converter turns input documents into OPA values as ast.InterfaceToValue
// does, with fewer allocations, and converts a map that appears more than
// once only once: within a document (each channel of a post without
// sections of its own has the post's tone), and across documents for the
// maps the engine was given as shared (a channel's effective voice is the
// same map in every post).
type converter struct {
	// shared are the converted shared maps, by map identity; read-only
	// after New.
	shared map[uintptr]ast.Value
	// keep holds the shared maps, so that no other map can take the
	// address of one (a map that is no longer referenced would be freed).
	keep []map[string]any
	// keys are object keys converted before, for every document.
	keys *sync.Map
	// seen are the maps of the document being converted (which the
	// caller keeps alive).
	seen map[uintptr]ast.Value
}

func newConverter() converter {
	return converter{shared: map[uintptr]ast.Value{}, keys: &sync.Map{}}
}

// share converts a map once for every document.
func (c *converter) share(m map[string]any) error {
	v, err := c.value(m)
	if err != nil {
		return err
	}
	c.shared[reflect.ValueOf(m).Pointer()] = v
	c.keep = append(c.keep, m)
	return nil
}

// document is the converter for one input document.
func (c *converter) document() *converter {
	return &converter{shared: c.shared, keep: c.keep, keys: c.keys, seen: map[uintptr]ast.Value{}}
}

func (c *converter) value(x any) (ast.Value, error) {
	switch x := x.(type) {
	case map[string]any:
		id := reflect.ValueOf(x).Pointer()
		if v, ok := c.shared[id]; ok {
			return v, nil
		}
		if v, ok := c.seen[id]; ok {
			return v, nil
		}
		terms := make([]ast.Term, 2*len(x))
		kvs := make([][2]*ast.Term, len(x))
		i := 0
		for k, e := range x {
			v, err := c.value(e)
			if err != nil {
				return nil, fmt.Errorf("%s: %w", k, err)
			}
			terms[2*i].Value, terms[2*i+1].Value = c.key(k), v
			kvs[i] = [2]*ast.Term{&terms[2*i], &terms[2*i+1]}
			i++
		}
		v := ast.NewObject(kvs...)
		if c.seen != nil {
			c.seen[id] = v
		}
		return v, nil
	case []any:
		terms := make([]ast.Term, len(x))
		ptrs := make([]*ast.Term, len(x))
		for i, e := range x {
			v, err := c.value(e)
			if err != nil {
				return nil, err
			}
			terms[i].Value = v
			ptrs[i] = &terms[i]
		}
		return ast.NewArray(ptrs...), nil
	}
	return ast.InterfaceToValue(x)
}

// key is an object key as a value, the same value for the same key.
func (c *converter) key(k string) ast.Value {
	if v, ok := c.keys.Load(k); ok {
		return v.(ast.Value)
	}
	v, _ := c.keys.LoadOrStore(k, ast.String(k))
	return v.(ast.Value)
}
