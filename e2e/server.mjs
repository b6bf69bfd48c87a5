// A tiny static file server for the browser tests. It serves a built site
// the way Netlify does (pretty URLs, /404.html for unknown paths) and sends
// the security headers from netlify.toml, so Chromium enforces the real
// production Content-Security-Policy while the tests run.
//
// No npm package: node:http, node:fs and node:path only.

import { createServer } from 'node:http';
import { readFileSync, realpathSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, extname, join, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const NETLIFY_TOML = join(REPO_ROOT, 'netlify.toml');

const CONTENT_TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.xml': 'application/xml; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.ics': 'text/calendar; charset=utf-8',
  '.webmanifest': 'application/manifest+json',
  '.txt': 'text/plain; charset=utf-8',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.pdf': 'application/pdf',
};

export function contentType(file) {
  return CONTENT_TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream';
}

// parseNetlifyHeaders reads the [[headers]] blocks of a netlify.toml:
//
//   [[headers]]
//     for = "/*"
//     [headers.values]
//       Name = "value"
//
// It understands exactly that shape (plus comments and the other tables,
// which it skips) and throws on anything else inside a headers block, so a
// change to netlify.toml that it cannot read fails the tests loudly instead
// of silently dropping a header.
export function parseNetlifyHeaders(text) {
  const rules = [];
  let rule = null; // the [[headers]] block being read
  let inValues = false; // inside its [headers.values] table
  const lines = text.split(/\r?\n/);
  lines.forEach((raw, i) => {
    const line = stripComment(raw).trim();
    if (line === '') return;
    const where = `netlify.toml:${i + 1}`;
    if (line.startsWith('[')) {
      if (line === '[[headers]]') {
        rule = { for: null, values: [] };
        rules.push(rule);
        inValues = false;
      } else if (line === '[headers.values]') {
        if (!rule) throw new Error(`${where}: [headers.values] outside a [[headers]] block`);
        inValues = true;
      } else {
        rule = null; // some other table: [build], [context.x], [[redirects]]...
        inValues = false;
      }
      return;
    }
    if (!rule) return; // a key of some other table
    const m = /^([A-Za-z0-9_-]+|"[^"]*")\s*=\s*"((?:[^"\\]|\\.)*)"$/.exec(line);
    if (!m) throw new Error(`${where}: cannot read ${JSON.stringify(raw.trim())} (expected key = "value")`);
    const key = m[1].replace(/^"|"$/g, '');
    const value = m[2].replace(/\\(["\\])/g, '$1');
    if (inValues) rule.values.push([key, value]);
    else if (key === 'for') rule.for = value;
    else throw new Error(`${where}: unexpected key ${key} in [[headers]]`);
  });
  for (const r of rules) {
    if (!r.for) throw new Error('netlify.toml: a [[headers]] block has no "for"');
  }
  return rules;
}

function stripComment(line) {
  // A # starts a comment unless it is inside a "string".
  let inString = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (c === '\\' && inString) i++;
    else if (c === '"') inString = !inString;
    else if (c === '#' && !inString) return line.slice(0, i);
  }
  return line;
}

// pathMatches applies Netlify's "for" patterns: an exact path, or a prefix
// ending in * ("/*" matches everything, "/assets/*" everything under it).
export function pathMatches(pattern, path) {
  if (pattern.endsWith('*')) return path.startsWith(pattern.slice(0, -1));
  return path === pattern || path === pattern.replace(/\/$/, '');
}

export function headersFor(rules, path) {
  const out = {};
  for (const r of rules) {
    if (!pathMatches(r.for, path)) continue;
    for (const [k, v] of r.values) out[k] = v;
  }
  return out;
}

// startServer serves dir at http://127.0.0.1:<free port>. Options:
//   headers: rules from parseNetlifyHeaders (default: read netlify.toml),
//            or false to send none (used by the tests' self-checks);
//   port:    the port (default: a free one), so a test can serve another
//            build at the same address, as a new deploy would be.
export async function startServer(dir, { headers, port: want = 0 } = {}) {
  if (!dir) throw new Error('startServer: no directory (is SITE_DIR set?)');
  const root = realpathSync(resolve(dir));
  const rules = headers === false ? [] : headers ?? parseNetlifyHeaders(readFileSync(NETLIFY_TOML, 'utf8'));

  const server = createServer((req, res) => {
    handle(root, rules, req, res).catch((err) => {
      if (!res.headersSent) res.writeHead(500, { 'Content-Type': 'text/plain; charset=utf-8' });
      res.end(`server error: ${err.message}\n`);
    });
  });
  await new Promise((ok, fail) => {
    server.once('error', fail);
    server.listen(want, '127.0.0.1', ok);
  });
  const { port } = server.address();
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise((ok) => {
        server.close(() => ok());
        server.closeAllConnections?.();
      }),
  };
}

async function handle(root, rules, req, res) {
  const plain = (status, text, extra = {}) => {
    res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', ...extra });
    res.end(req.method === 'HEAD' ? undefined : text + '\n');
  };
  if (req.method !== 'GET' && req.method !== 'HEAD') return plain(405, 'method not allowed', { Allow: 'GET, HEAD' });

  // Take the path as sent: no URL normalisation, so that "..", "%2e%2e"
  // and "%2f" are all decoded here and caught by the containment check.
  const rawPath = (req.url ?? '/').split(/[?#]/)[0];
  let path;
  try {
    path = decodeURIComponent(rawPath);
  } catch {
    return plain(400, 'bad request: malformed path');
  }
  if (!path.startsWith('/') || path.includes('\0') || path.includes('\\')) return plain(400, 'bad request');

  const target = resolve(root, '.' + path);
  if (!inside(root, target)) return plain(403, 'forbidden: path escapes the site folder');

  const send = async (file, status) => {
    // A symbolic link inside the site must not lead outside it either.
    const real = realpathSync(file);
    if (!inside(root, real)) return plain(403, 'forbidden: path escapes the site folder');
    const body = await readFile(real);
    res.writeHead(status, {
      'Content-Type': contentType(real),
      'Content-Length': body.length,
      ...headersFor(rules, rawPath),
    });
    res.end(req.method === 'HEAD' ? undefined : body);
  };

  const st = statOrNull(target);
  if (st?.isFile()) return send(target, 200);
  if (st?.isDirectory()) {
    if (!path.endsWith('/')) {
      // Netlify's pretty URLs: /standards/1 -> /standards/1/
      const query = (req.url ?? '').slice(rawPath.length);
      res.writeHead(301, { Location: rawPath + '/' + query, ...headersFor(rules, rawPath) });
      return res.end();
    }
    const index = join(target, 'index.html');
    if (statOrNull(index)?.isFile()) return send(index, 200);
  }
  if (!path.endsWith('/') && statOrNull(target + '.html')?.isFile()) return send(target + '.html', 200);

  const notFound = join(root, '404.html');
  if (statOrNull(notFound)?.isFile()) return send(notFound, 404);
  return plain(404, 'not found', headersFor(rules, rawPath));
}

function inside(root, p) {
  return p === root || p.startsWith(root.endsWith(sep) ? root : root + sep);
}

function statOrNull(p) {
  try {
    return statSync(p);
  } catch {
    return null;
  }
}
