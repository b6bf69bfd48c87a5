package devserver

// Headers are the security headers every page of a readykit site is served
// with: by the dev server, and (copied into netlify.toml, which a test
// compares) by Netlify. The policy allows nothing but the site itself: no
// inline script or style, no other host, no framing.
var Headers = [][2]string{
	{"Content-Security-Policy", "default-src 'self'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'; object-src 'none'"},
	{"X-Content-Type-Options", "nosniff"},
	{"Referrer-Policy", "no-referrer"},
	{"X-Frame-Options", "DENY"},
	{"Permissions-Policy", "camera=(), microphone=(), geolocation=(), payment=(), usb=()"},
	{"Cross-Origin-Opener-Policy", "same-origin"},
}
