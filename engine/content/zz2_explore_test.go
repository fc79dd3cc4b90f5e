package content

import (
	"fmt"
	"testing"

	"gopkg.in/yaml.v3"
)

func TestZZYaml(t *testing.T) {
	for _, s := range []string{"title: x\nfoo: [a\n", "title: x\nmeta:\n\tkey: 1\n", "title: x\nfoo: bar: baz\n", "title: x\nfoo: \"unterminated\n", "a: 1\nb: [1,\nc: 2\n", "a: 1\nb: {\n", "a: 1\n  b: 2\n", "a: 1\na: 2\n", "a: 1\nb: *x\n"} {
		var n yaml.Node
		fmt.Printf("%q -> %v\n", s, yaml.Unmarshal([]byte(s), &n))
	}
}
