package toolkit

// statusNames are the statuses in words, as every page, report and file
// shows them; an item with no status yet has not been started.
var statusNames = map[string]string{
	"":                  "Not started",
	StatusNotStarted:    "Not started",
	StatusInProgress:    "In progress",
	StatusNotApplicable: "Not applicable",
	StatusMet:           "Done",
}

// StatusName is a status in words, or "" for a value that is not a status.
func StatusName(status string) string { return statusNames[status] }
