package devserver

import (
	"fmt"
	"net"
	"net/http"
	"net/netip"
	"strings"
)

// hostCheck refuses requests whose Host header names a host the server
// was not told to answer for. A web page on another site can get a
// browser to send requests to the dev server by pointing its own host
// name at 127.0.0.1 (DNS rebinding); the browser then still sends that
// name, which is how such requests are told apart. localhost, its
// subdomains and IP addresses are always answered, as Vite's dev server
// does: no other site can make a browser send them.
func (s *Server) hostCheck(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if s.hostAllowed(r.Host) {
			h.ServeHTTP(w, r)
			return
		}
		name := hostName(r.Host)
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		w.WriteHeader(http.StatusForbidden)
		allowed := "localhost, names ending in .localhost and IP addresses"
		if len(s.opts.Hosts) > 0 {
			allowed += ", and " + strings.Join(s.opts.Hosts, ", ")
		}
		if name == "" {
			fmt.Fprintf(w, "This preview answers only requests that name its host, and this one named none.\nIt answers for %s.\n", allowed)
			return
		}
		fmt.Fprintf(w, "This preview does not answer for the host name %q, so that other web sites cannot read it.\n"+
			"It answers for %s.\n"+
			"If you use that name yourself, restart the preview with: readykit serve --allow-host %s\n",
			name, allowed, name)
	})
}

// hostAllowed reports whether the server answers for host, the Host
// header: a name or IP address, with or without a port.
func (s *Server) hostAllowed(host string) bool {
	name := hostName(host)
	if name == "" {
		return false
	}
	if name == "localhost" || strings.HasSuffix(name, ".localhost") {
		return true
	}
	if _, err := netip.ParseAddr(strings.TrimSuffix(strings.TrimPrefix(name, "["), "]")); err == nil {
		return true
	}
	for _, a := range s.opts.Hosts {
		a = strings.TrimSuffix(strings.ToLower(a), ".")
		if name == a || strings.HasPrefix(a, ".") && (name == a[1:] || strings.HasSuffix(name, a)) {
			return true
		}
	}
	return false
}

// hostName is the host part of a Host header, lower case, without its
// port and without a final dot (example.org. is example.org). An IPv6
// address keeps its brackets.
func hostName(host string) string {
	if h, _, err := net.SplitHostPort(host); err == nil {
		if strings.Contains(h, ":") {
			h = "[" + h + "]"
		}
		host = h
	}
	return strings.TrimSuffix(strings.ToLower(host), ".")
}

// ValidHost reports whether name can be given as a host to allow: a DNS
// name, perhaps starting with a dot to allow its subdomains too, with no
// port, scheme or path.
func ValidHost(name string) bool {
	name = strings.TrimPrefix(strings.TrimSuffix(name, "."), ".")
	if name == "" || len(name) > 253 {
		return false
	}
	for _, label := range strings.Split(name, ".") {
		if label == "" || len(label) > 63 || label[0] == '-' || label[len(label)-1] == '-' {
			return false
		}
		for _, c := range label {
			if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '_') {
				return false
			}
		}
	}
	return true
}
