// Command gencorpus writes a generated corpus of posts for benchmarks:
//
//	go run ./bench/gencorpus -n 10000 -out /tmp/corpus
package main

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"

	"github.com/greenlighthq/greenlight/engine/enginetest"
)

func main() {
	n := flag.Int("n", 10000, "number of posts")
	out := flag.String("out", "bench/corpus", "folder to write posts/ into")
	seed := flag.Uint64("seed", 1, "random seed")
	flag.Parse()
	if err := write(*out, enginetest.Corpus(*n, *seed)); err != nil {
		fmt.Fprintln(os.Stderr, "gencorpus:", err)
		os.Exit(1)
	}
}

func write(dir string, posts []enginetest.Post) error {
	if err := os.MkdirAll(filepath.Join(dir, "posts"), 0o755); err != nil {
		return err
	}
	for _, p := range posts {
		if err := os.WriteFile(filepath.Join(dir, p.Name), p.Src, 0o644); err != nil {
			return err
		}
	}
	return nil
}
