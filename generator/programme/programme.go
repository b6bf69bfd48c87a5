// Package programme owns the 8-10 week programme that takes a care service
// from a first look to a published toolkit: its phases, and the dates they
// fall on when counted from a start date or back from the deadline.
package programme

import (
	"fmt"
	"time"

	"github.com/readykit/readykit/generator/content"
	"github.com/readykit/readykit/generator/diag"
)

// Programme is the schedule of work, in weeks counted from 1.
type Programme struct {
	Weeks int `yaml:"weeks,required"`
	// Start is the Monday a consultant's programme begins, when it is
	// fixed; the programme page then gives each phase its dates.
	Start  content.Date `yaml:"start"`
	Phases []Phase      `yaml:"phases,required"`
	Src    content.Source
}

// Phase is a block of weeks with one kind of work.
type Phase struct {
	Name string `yaml:"name,required"`
	From int    `yaml:"from,required"`
	To   int    `yaml:"to,required"`
	Work string `yaml:"work,required"`
	Src  content.Source
}

// WeekRange describes the phase's weeks in words: "Week 3" or "Weeks 3 to 6".
func (p Phase) WeekRange() string {
	if p.From == p.To {
		return fmt.Sprintf("Week %d", p.From)
	}
	return fmt.Sprintf("Weeks %d to %d", p.From, p.To)
}

// Check validates the programme, returning every problem found.
func (p *Programme) Check() []error {
	var errs diag.List
	if p.Weeks < 1 || p.Weeks > 52 {
		errs.Addf(p.Src.At("weeks"), "Use a number of weeks from 1 to 52", "a programme of %d weeks is not possible", p.Weeks)
	}
	for _, ph := range p.Phases {
		if ph.From < 1 || ph.To < ph.From || ph.To > p.Weeks {
			errs.Addf(ph.Src.At("from"), fmt.Sprintf("Give weeks from 1 to %d, with from no later than to", p.Weeks),
				"phase %q runs from week %d to week %d, outside the %d-week programme", ph.Name, ph.From, ph.To, p.Weeks)
		}
	}
	return errs.Unwrap()
}

// Span is a run of days, first and last included.
type Span struct{ From, To time.Time }

// Dates gives the first and last day of the phase in a programme that
// starts on start, week 1 being the week of start.
func (p Phase) Dates(start time.Time) Span {
	return Span{start.AddDate(0, 0, 7*(p.From-1)), start.AddDate(0, 0, 7*p.To-1)}
}

// LatestStart is the last Monday on which a programme of the given length
// can start and still finish by deadline.
func LatestStart(deadline time.Time, weeks int) time.Time {
	start := deadline.AddDate(0, 0, -7*weeks+1)
	for start.Weekday() != time.Monday {
		start = start.AddDate(0, 0, -1)
	}
	return start
}
