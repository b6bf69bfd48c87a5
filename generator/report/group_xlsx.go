package report

import (
	"bytes"
	"time"

	"github.com/readykit/readykit/generator/plan"

	"github.com/xuri/excelize/v2"
)

// GroupSheet is the name of the group workbook's sheet.
const GroupSheet = "Group"

// XLSX writes the group view as a workbook of one sheet, a row per care
// home in plan.GroupColumns' order: the header frozen and repeated on every
// printed page, printed landscape one page wide, dates stored as dates and
// percentages and counts as numbers, and no formula anywhere (text from
// the files stays text).
func (g *GroupReport) XLSX() ([]byte, error) {
	f := excelize.NewFile()
	defer f.Close()
	if err := f.SetSheetName("Sheet1", GroupSheet); err != nil {
		return nil, err
	}
	title := "DSPT readiness across care homes"
	if err := f.SetDocProps(&excelize.DocProperties{Title: title, Subject: g.SiteTitle, Creator: "readykit", Language: "en-GB",
		Created: g.Made.UTC().Format(time.RFC3339)}); err != nil {
		return nil, err
	}
	st, err := newStyles(f)
	if err != nil {
		return nil, err
	}
	head, wrap, date, pc, num := st.bold, st.wrap, st.date, st.percent, st.count
	widths := []float64{28, 10, 14, 9, 14, 12, 14, 12, 10, 16, 16, 24}
	for c, h := range plan.GroupColumns {
		cell, _ := excelize.CoordinatesToCellName(c+1, 1)
		if err := f.SetCellStr(GroupSheet, cell, h); err != nil {
			return nil, err
		}
		col, _ := excelize.ColumnNumberToName(c + 1)
		if err := f.SetColWidth(GroupSheet, col, col, widths[c]); err != nil {
			return nil, err
		}
	}
	last, _ := excelize.CoordinatesToCellName(len(plan.GroupColumns), 1)
	if err := f.SetCellStyle(GroupSheet, "A1", last, head); err != nil {
		return nil, err
	}
	for ri, r := range g.Rows {
		cells := r.Cells()
		for c, v := range cells {
			cell, _ := excelize.CoordinatesToCellName(c+1, ri+2)
			var err error
			style := wrap
			switch c {
			case 5, 7: // the percentages
				t := r.Approaching
				if c == 7 {
					t = r.Met
				}
				err, style = f.SetCellFloat(GroupSheet, cell, float64(percent(t))/100, 2, 64), pc
			case 8: // items overdue
				err, style = f.SetCellInt(GroupSheet, cell, int64(r.Overdue)), num
			case 9, 10: // next deadline, last export
				d, perr := time.Parse(time.DateOnly, v)
				if perr != nil {
					// No date: the cell is left empty.
					continue
				}
				err, style = f.SetCellValue(GroupSheet, cell, d), date
			default:
				// Text stays text: a cell can never become a formula.
				err = f.SetCellStr(GroupSheet, cell, v)
			}
			if err != nil {
				return nil, err
			}
			if err := f.SetCellStyle(GroupSheet, cell, cell, style); err != nil {
				return nil, err
			}
		}
	}
	if err := f.SetPanes(GroupSheet, &excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}); err != nil {
		return nil, err
	}
	if err := printSetup(f, GroupSheet, 1, "&L"+hf(title, 100)+"&R"+hf(g.SiteTitle, 100), "&L"+hf("Made "+g.Made.Format("2 January 2006"), 60)+"&RPage &P of &N"); err != nil {
		return nil, err
	}
	var b bytes.Buffer
	if _, err := f.WriteTo(&b); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}
