package report

import (
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"

	"github.com/readykit/readykit/generator/toolkit"
)

// styles are the workbooks' cell styles: the header row's, wrapped text,
// dates, whole numbers left-aligned as the text beside them, percentages
// and counts.
type styles struct {
	bold, wrap, date, num, percent, count int
}

// newStyles adds the cell styles every readykit workbook uses to f.
func newStyles(f *excelize.File) (styles, error) {
	dateFmt := "d mmmm yyyy"
	var st styles
	for _, s := range []struct {
		into  *int
		style *excelize.Style
	}{
		{&st.bold, &excelize.Style{Font: &excelize.Font{Bold: true}, Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"F3F2F1"}},
			Alignment: &excelize.Alignment{Vertical: "top", WrapText: true}}},
		{&st.wrap, &excelize.Style{Alignment: &excelize.Alignment{Vertical: "top", WrapText: true}}},
		{&st.date, &excelize.Style{CustomNumFmt: &dateFmt, Alignment: &excelize.Alignment{Vertical: "top", Horizontal: "left"}}},
		{&st.num, &excelize.Style{Alignment: &excelize.Alignment{Vertical: "top", Horizontal: "left"}}},
		{&st.percent, &excelize.Style{NumFmt: 9, Alignment: &excelize.Alignment{Vertical: "top"}}}, // 0%
		{&st.count, &excelize.Style{NumFmt: 1, Alignment: &excelize.Alignment{Vertical: "top"}}},   // 0
	} {
		id, err := f.NewStyle(s.style)
		if err != nil {
			return st, err
		}
		*s.into = id
	}
	return st, nil
}

// summarySheet fills the Summary sheet: who the report is for, readiness
// for each level, each standard's items done per level, overdue actions
// and days to the deadline. Numbers are numbers and dates are dates, so a
// spreadsheet can sort and sum them; nothing is a formula.
func (r *Report) summarySheet(f *excelize.File, st styles) error {
	const sh = SummarySheet
	id, sum := r.Identity(), r.Summary()
	row := 0
	var err error
	// put writes one row from column A; a value is text, a number or a
	// date (time.Time), each with the style that suits it.
	put := func(style int, vals ...any) {
		row++
		for c, v := range vals {
			if err != nil {
				return
			}
			cell, _ := excelize.CoordinatesToCellName(c+1, row)
			switch v := v.(type) {
			case string:
				err = f.SetCellStr(sh, cell, v)
			default:
				err = f.SetCellValue(sh, cell, v)
			}
			s := style
			if c == 0 && style != st.bold {
				s = st.wrap
			}
			if err == nil {
				err = f.SetCellStyle(sh, cell, cell, s)
			}
		}
	}
	put(st.bold, "DSPT readiness: "+orNone(id.Client), "")
	put(st.wrap)
	put(st.wrap, "Client", orNone(id.Client))
	put(st.wrap, "Organisation", orNone(id.Organisation))
	put(st.wrap, "ODS code", orNone(id.ODSCode))
	put(st.wrap, "Edition", "DSPT "+id.Edition)
	put(st.date, "Deadline", id.Deadline)
	if r.Progress.Updated.IsZero() {
		put(st.wrap, "Progress exported", notKnown)
	} else {
		put(st.date, "Progress exported", day0(r.Progress.Updated))
	}
	put(st.date, "Report made", day0(r.Made))
	put(st.wrap)
	put(st.bold, "Level", "Done", "Mandatory items", "Readiness")
	put(st.num, toolkit.Approaching.Name(), sum.Approaching.Done, sum.Approaching.Total, percentDone(sum.Approaching))
	put(st.num, toolkit.Met.Name(), sum.Met.Done, sum.Met.Total, percentDone(sum.Met))
	put(st.wrap)
	put(st.num, "Overdue actions (past their target date, not done)", sum.Overdue)
	put(st.num, "Days to the deadline", sum.daysLeft)
	put(st.wrap)
	put(st.bold, "Standard", toolkit.Approaching.Name()+": done", "of", toolkit.Met.Name()+": done", "of")
	for _, s := range sum.Standards {
		a := sum.byLevel[s.Number]
		put(st.num, s.Number, a.Done, a.Total, s.Tally.Done, s.Tally.Total)
	}
	if err != nil {
		return err
	}
	for col, w := range map[string]float64{"A": 44, "B": 30, "C": 16, "D": 24, "E": 10} {
		if err := f.SetColWidth(sh, col, col, w); err != nil {
			return err
		}
	}
	if err := f.SetPanes(sh, &excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}); err != nil {
		return err
	}
	return r.printSetup(f, sh, 1)
}

func orNone(s string) string {
	if s == "" {
		return "(not given)"
	}
	return s
}

// printSetup makes a sheet print on A4 landscape, one page wide and as
// many tall as it needs, with its first header rows repeated on every page
// and the client, the sheet and the page number in its header and footer.
func (r *Report) printSetup(f *excelize.File, sheet string, headerRows int) error {
	id := r.Identity()
	return printSetup(f, sheet, headerRows,
		"&L"+hf(orNone(id.Client), 100)+"&R"+hf(sheet, 40),
		"&L"+hf("DSPT "+id.Edition+" · exported "+id.Exported, 60)+"&RPage &P of &N")
}

// printSetup makes a sheet print on A4 landscape, one page wide and as
// many tall as it needs, with its first header rows repeated on every page
// and header and footer (in Excel's codes; see hf) at the top and bottom.
func printSetup(f *excelize.File, sheet string, headerRows int, header, footer string) error {
	a4, landscape, wide, tall, yes := 9, "landscape", 1, 0, true
	if err := f.SetSheetProps(sheet, &excelize.SheetPropsOptions{FitToPage: &yes}); err != nil {
		return err
	}
	if err := f.SetPageLayout(sheet, &excelize.PageLayoutOptions{Size: &a4, Orientation: &landscape, FitToWidth: &wide, FitToHeight: &tall}); err != nil {
		return err
	}
	if err := f.SetHeaderFooter(sheet, &excelize.HeaderFooterOptions{OddHeader: header, OddFooter: footer}); err != nil {
		return err
	}
	return f.SetDefinedName(&excelize.DefinedName{
		Name: "_xlnm.Print_Titles", Scope: sheet,
		RefersTo: "'" + strings.ReplaceAll(sheet, "'", "''") + "'!$1:$" + strconv.Itoa(headerRows),
	})
}

// hf makes text safe in a printed header or footer, where & starts a
// code (&P is the page number): each & is doubled. Text is cut to max
// characters, as a header holds at most 255 in all.
func hf(s string, max int) string {
	if utf8.RuneCountInString(s) > max {
		s = string([]rune(s)[:max-1]) + "…"
	}
	return strings.ReplaceAll(s, "&", "&&")
}

// docProps are the workbook's document properties: what a file manager
// or Excel's Info pane shows.
func (r *Report) docProps() *excelize.DocProperties {
	id := r.Identity()
	creator := "readykit"
	if r.Version != "" {
		creator += " " + r.Version
	}
	made := r.Made.UTC().Format("2006-01-02T15:04:05Z")
	return &excelize.DocProperties{
		Title:          "DSPT readiness: " + orNone(id.Client),
		Subject:        r.PlanTitle() + ", gap analysis and evidence register, DSPT " + id.Edition,
		Creator:        creator,
		LastModifiedBy: creator,
		Created:        made,
		Modified:       made,
		Keywords:       strings.Join(nonEmpty("DSPT", id.Edition, id.Client, id.ODSCode, "readiness"), ", "),
		Language:       "en-GB",
	}
}

func nonEmpty(ss ...string) []string {
	var out []string
	for _, s := range ss {
		if s != "" {
			out = append(out, s)
		}
	}
	return out
}
