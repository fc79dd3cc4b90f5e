package tone_test

import (
	"fmt"
	"log"

	"github.com/greenlighthq/greenlight/engine/tone"
)

func Example() {
	a, err := tone.NewAnalyzer()
	if err != nil {
		log.Fatal(err)
	}
	t := a.Measure("Our new release is out and it's really GOOD! Thanks, everyone 🎉")
	fmt.Printf("sentiment %.4f, %d exclamation, %d shouted, %d emoji in %d words\n",
		t.Sentiment, t.Exclamations, t.Caps, t.Emoji, t.Words)
	// Output:
	// sentiment 0.8778, 1 exclamation, 1 shouted, 1 emoji in 11 words
}
