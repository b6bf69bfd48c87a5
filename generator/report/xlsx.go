package report

import (
	"bytes"
	"fmt"
	"slices"

	"github.com/xuri/excelize/v2"

	"github.com/readykit/readykit/generator/content"
	"github.com/readykit/readykit/generator/plan"
)

// Sheet names in the workbook.
const (
	// SummarySheet comes first: who, readiness, overdue actions and days
	// to the deadline.
	SummarySheet = "Summary"
	PlanSheet    = "Improvement plan"
	ActionSheet  = "Action plan"
	GapSheet     = "Gap analysis"
	// RegisterSheet holds the evidence register: every item, its
	// evidence and review dates, and the not-applicable reasons.
	RegisterSheet = "Evidence register"
)

// planSheet is the name of the plan's sheet: an improvement plan when a
// rule set judges it, else a care provider's action plan.
func (r *Report) planSheet() string {
	if r.Rules == nil {
		return ActionSheet
	}
	return PlanSheet
}

// XLSX writes the report as an Excel workbook: a summary sheet first
// (who, readiness for each level and per standard, overdue actions, days
// to the deadline), then the plan, in the guidance's column order, the gap
// analysis and the evidence register. Every sheet has its header row
// frozen and repeated on each printed page, prints on A4 landscape one
// page wide, and names the client, the sheet and the page in its printed
// header and footer. Dates are stored as dates, and no cell is a formula.
func (r *Report) XLSX() ([]byte, error) {
	f := excelize.NewFile()
	defer f.Close()
	st, err := newStyles(f)
	if err != nil {
		return nil, err
	}
	bold, wrap, date := st.bold, st.wrap, st.date
	if err := f.SetSheetName("Sheet1", SummarySheet); err != nil {
		return nil, err
	}
	if err := r.summarySheet(f, st); err != nil {
		return nil, err
	}
	sheets := []struct {
		name     string
		header   []string
		rows     [][]string
		dateCols []int // the columns holding dates, counted from 0
		widths   []float64
	}{
		{r.planSheet(), plan.PlanColumns, r.Result.PlanRows(), []int{8}, []float64{12, 20, 36, 40, 30, 18, 10, 14, 16, 14, 24, 12}},
		{GapSheet, plan.GapColumns, r.Result.GapRows(), []int{7}, []float64{12, 20, 36, 10, 22, 14, 18, 16, 30, 40}},
		{RegisterSheet, plan.RegisterColumns, r.RegisterRows(), []int{7, 8}, []float64{12, 36, 10, 22, 14, 30, 20, 16, 16, 36, 24}},
	}
	for _, s := range sheets {
		if _, err := f.NewSheet(s.name); err != nil {
			return nil, err
		}
		for c, h := range s.header {
			cell, _ := excelize.CoordinatesToCellName(c+1, 1)
			if err := f.SetCellStr(s.name, cell, h); err != nil {
				return nil, err
			}
			col, _ := excelize.ColumnNumberToName(c + 1)
			if err := f.SetColWidth(s.name, col, col, s.widths[c]); err != nil {
				return nil, err
			}
		}
		last, _ := excelize.CoordinatesToCellName(len(s.header), 1)
		if err := f.SetCellStyle(s.name, "A1", last, bold); err != nil {
			return nil, err
		}
		for ri, row := range s.rows {
			for c, v := range row {
				cell, _ := excelize.CoordinatesToCellName(c+1, ri+2)
				if slices.Contains(s.dateCols, c) && v != "" {
					if d, err := content.ParseDate(v); err == nil {
						if err := f.SetCellValue(s.name, cell, d.Time); err != nil {
							return nil, err
						}
						if err := f.SetCellStyle(s.name, cell, cell, date); err != nil {
							return nil, err
						}
						continue
					}
				}
				// Text stays text: a cell can never become a formula.
				if err := f.SetCellStr(s.name, cell, v); err != nil {
					return nil, err
				}
				if err := f.SetCellStyle(s.name, cell, cell, wrap); err != nil {
					return nil, err
				}
			}
		}
		if err := f.SetPanes(s.name, &excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}); err != nil {
			return nil, fmt.Errorf("freezing the header of %s: %w", s.name, err)
		}
		if err := r.printSetup(f, s.name, 1); err != nil {
			return nil, err
		}
	}
	if err := f.SetDocProps(r.docProps()); err != nil {
		return nil, err
	}
	f.SetActiveSheet(0)
	var b bytes.Buffer
	if _, err := f.WriteTo(&b); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}
