package stats

import (
	"errors"
	"fmt"
	"io"

	"github.com/go-analyze/charts"
)

// barColor is the bars' fill: the one colour WriteSVG gives them.
const barColor = "1f883d"

// WriteSVG draws the median hours to approve of each stage as an SVG bar
// chart: one bar per stage in the config's order, labelled with its value
// ("no approvals" for a stage without one, drawn at zero), a value axis in
// hours and the stage names under the bars. The chart is drawn by
// github.com/go-analyze/charts; the same report always gives the same
// bytes.
func WriteSVG(w io.Writer, r Report) error {
	if len(r.Stages) == 0 {
		return errors.New("chart: the config has no stages")
	}
	values := make([]float64, len(r.Stages))
	labels := make([]string, len(r.Stages))
	top := 0.0
	for i, s := range r.Stages {
		values[i] = s.TimeToApprove.MedianHours()
		labels[i] = s.Name
		top = max(top, values[i])
	}
	opt := charts.NewBarChartOptionWithData([][]float64{values})
	opt.Theme = charts.GetTheme(charts.ThemeLight).WithSeriesColors([]charts.Color{charts.ColorFromHex(barColor)})
	opt.Title.Text = "Median time to approve per stage"
	opt.CategoryAxis.Labels = labels
	opt.CategoryAxis.Title = "stage"
	opt.ValueAxis[0].Title = "hours"
	opt.ValueAxis[0].Min = charts.Ptr(0.0) // bars stand on zero, or their heights mislead
	if top == 0 {
		opt.ValueAxis[0].Max = charts.Ptr(1.0) // no approvals at all: an axis still
	}
	opt.Legend.Show = charts.Ptr(false) // one series, named by the title
	opt.SeriesLabelPosition = "top"
	opt.BarSize = 0.6
	opt.SeriesList[0].Label.Show = charts.Ptr(true)
	opt.SeriesList[0].Label.LabelFormatter = func(i int, _ string, v float64) (string, *charts.LabelStyle) {
		if r.Stages[i].TimeToApprove.Count == 0 {
			return "no approvals", nil
		}
		return fmt.Sprintf("%.2f h", v), nil
	}
	p := charts.NewPainter(charts.PainterOptions{OutputFormat: charts.ChartOutputSVG, Width: 640, Height: 400})
	if err := p.BarChart(opt); err != nil {
		return fmt.Errorf("chart: %w", err)
	}
	svg, err := p.Bytes()
	if err != nil {
		return fmt.Errorf("chart: %w", err)
	}
	_, err = w.Write(svg)
	return err
}
