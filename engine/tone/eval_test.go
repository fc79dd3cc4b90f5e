package tone

import (
	"bufio"
	"math"
	"os"
	"strconv"
	"strings"
	"testing"
)

// TestAgreementWithHumans compares Sentiment with the mean human ratings of
// the 4,200 tweets VADER's authors published (Hutto & Gilbert 2014, 20
// raters each, -4..4). The data set is not ours to commit; fetch it and
// point GREENLIGHT_TONE_EVAL at it:
//
//	GREENLIGHT_TONE_EVAL=/tmp/tone-eval/tweets_GroundTruth.txt go test -run TestAgreementWithHumans -v ./engine/tone/
//
// The file is additional_resources/hutto_ICWSM_2014/tweets_GroundTruth.txt
// in github.com/cjhutto/vaderSentiment; each line is id<TAB>rating<TAB>text.
func TestAgreementWithHumans(t *testing.T) {
	path := os.Getenv("GREENLIGHT_TONE_EVAL")
	if path == "" {
		t.Skip("set GREENLIGHT_TONE_EVAL=/path/to/tweets_GroundTruth.txt (from github.com/cjhutto/vaderSentiment, " +
			"additional_resources/hutto_ICWSM_2014) to compare Sentiment with human ratings")
	}
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()

	a := newTestAnalyzer(t)
	var human, ours []float64
	sc := bufio.NewScanner(f)
	for n := 1; sc.Scan(); n++ {
		fields := strings.SplitN(sc.Text(), "\t", 3)
		if len(fields) != 3 {
			t.Fatalf("%s:%d: want id<TAB>rating<TAB>text", path, n)
		}
		rating, err := strconv.ParseFloat(fields[1], 64)
		if err != nil {
			t.Fatalf("%s:%d: %v", path, n, err)
		}
		human = append(human, rating)
		ours = append(ours, a.Measure(fields[2]).Sentiment)
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	if len(human) < 100 {
		t.Fatalf("%s: read %d rated texts, want the 4,200 tweets", path, len(human))
	}

	r := pearson(human, ours)
	agree, rated := 0, 0
	for i, h := range human {
		if math.Abs(h) < 0.5 {
			continue // humans found it neutral
		}
		rated++
		if h > 0 && ours[i] > 0 || h < 0 && ours[i] < 0 {
			agree++
		}
	}
	t.Logf("%d texts: Pearson r = %.3f between Sentiment and the mean human rating", len(human), r)
	t.Logf("%d texts humans rated non-neutral (|rating| ≥ 0.5): sign agrees on %d (%.1f%%)",
		rated, agree, 100*float64(agree)/float64(rated))
	if r < 0.8 {
		t.Errorf("Pearson r = %.3f, want at least 0.8 (VADER's paper reports 0.88)", r)
	}
}

func pearson(x, y []float64) float64 {
	n := float64(len(x))
	var mx, my float64
	for i := range x {
		mx += x[i]
		my += y[i]
	}
	mx, my = mx/n, my/n
	var sxy, sxx, syy float64
	for i := range x {
		dx, dy := x[i]-mx, y[i]-my
		sxy += dx * dy
		sxx += dx * dx
		syy += dy * dy
	}
	return sxy / math.Sqrt(sxx*syy)
}
