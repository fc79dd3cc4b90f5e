package channel_test

import (
	"fmt"

	"github.com/greenlighthq/greenlight/engine/channel"
)

func ExampleMeasure() {
	post := "Our new release is out 🚀 https://example.com/blog/2026/11/launch-notes #launch"
	for _, name := range []string{"x", "bluesky", "mastodon", "threads"} {
		lim, _ := channel.Lookup(name)
		c := channel.Measure(post, lim)
		fmt.Printf("%s: %d/%d %s, fits: %v\n", c.Channel, c.Length, c.Limit, c.Unit, c.Fits)
	}
	// Output:
	// x: 57/280 weighted, fits: true
	// bluesky: 78/300 graphemes, fits: true
	// mastodon: 56/500 graphemes, fits: true
	// threads: 81/500 characters, fits: true
}

func ExampleMeasure_overflow() {
	lim, _ := channel.Lookup("instagram")
	caption := "Sunday hike #hiking #nature #outdoors #mountains #weekend #sunrise"
	c := channel.Measure(caption, lim)
	fmt.Println(c.Hashtags, c.Fits, caption[c.OverflowByte:])
	// Output: 6 false #sunrise
}

func ExampleReservedLinkedIn() {
	post := "Join us (online) at 5pm"
	for _, i := range channel.ReservedLinkedIn(post) {
		fmt.Printf("%q at byte %d\n", post[i], i)
	}
	// Output:
	// '(' at byte 8
	// ')' at byte 15
}
