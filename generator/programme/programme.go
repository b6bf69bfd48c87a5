// Package programme owns the 8-10 week programme that takes a care service
// from a first look to a published toolkit: its phases, and the dates they
// fall on when counted from a start date or back from the deadline.
package programme

import (
	"fmt"

	"github.com/readykit/readykit/generator/content"
	"github.com/readykit/readykit/generator/diag"
)

// Programme is the schedule of work, in weeks counted from 1.
type Programme struct {
	Weeks int `yaml:"weeks,required"`
	// MinWeeks is the fewest weeks the work can be done in; with fewer
	// left, the programme page says so. It defaults to 8, or Weeks if
	// that is fewer.
	MinWeeks int     `yaml:"minWeeks"`
	Phases   []Phase `yaml:"phases,required"`
	// Tasks are the steps that are not toolkit items, such as registering
	// or signing off, so that every week has something concrete to do.
	Tasks []Task `yaml:"tasks"`
	Src   content.Source
}

// Task is one step of the programme, in a given week.
type Task struct {
	Week int    `yaml:"week,required"`
	Do   string `yaml:"do,required"`
	Src  content.Source
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

// SetDefaults fills in what the file leaves out, as part of reading it,
// so that what checks or uses the programme sees the values it will have.
func (p *Programme) SetDefaults() {
	if p.MinWeeks == 0 && !p.Src.Has("minWeeks") {
		p.MinWeeks = min(8, p.Weeks)
	}
}

// Check validates the programme, with its defaults set, returning every
// problem found. It changes nothing.
func (p *Programme) Check() []error {
	var errs diag.List
	if p.Weeks < 1 || p.Weeks > 52 {
		errs.Addf(p.Src.At("weeks"), "Use a number of weeks from 1 to 52", "a programme of %d weeks is not possible", p.Weeks)
	}
	if p.MinWeeks < 1 || p.MinWeeks > p.Weeks {
		errs.Addf(p.Src.At("minWeeks"), fmt.Sprintf("Use a number of weeks from 1 to %d", p.Weeks), "minWeeks %d does not fit a %d-week programme", p.MinWeeks, p.Weeks)
	}
	for _, ph := range p.Phases {
		if ph.From < 1 || ph.To < ph.From || ph.To > p.Weeks {
			errs.Addf(ph.Src.At("from"), fmt.Sprintf("Give weeks from 1 to %d, with from no later than to", p.Weeks),
				"phase %q runs from week %d to week %d, outside the %d-week programme", ph.Name, ph.From, ph.To, p.Weeks)
		}
	}
	for _, t := range p.Tasks {
		if t.Week < 1 || t.Week > p.Weeks {
			errs.Addf(t.Src.At("week"), fmt.Sprintf("Give a week from 1 to %d", p.Weeks), "task %q is in week %d, outside the %d-week programme", t.Do, t.Week, p.Weeks)
		}
	}
	return errs.Unwrap()
}
