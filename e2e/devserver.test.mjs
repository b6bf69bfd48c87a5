// readykit serve in Chromium: a save reloads the pages it changed, and
// only them, and a reloaded page keeps the reader's place.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { appendFileSync, cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REPO_ROOT, launchBrowser } from './pages.mjs';

const site = {};

before(async () => {
  site.dir = mkdtempSync(join(tmpdir(), 'readykit-serve-'));
  cpSync(join(REPO_ROOT, 'content'), join(site.dir, 'content'), { recursive: true });
  cpSync(join(REPO_ROOT, 'readykit.yaml'), join(site.dir, 'readykit.yaml'));
  const bin = join(site.dir, 'readykit');
  execFileSync('go', ['build', '-o', bin, './cmd/readykit'], { cwd: REPO_ROOT, stdio: 'inherit' });
  site.server = spawn(bin, ['serve', '--source', site.dir, '--port', '0'], { stdio: ['ignore', 'pipe', 'inherit'] });
  // The address is the one it prints once it listens and watches.
  site.url = await new Promise((ok, fail) => {
    let out = '';
    site.server.stdout.on('data', (chunk) => {
      out += chunk;
      const m = out.match(/at (http:\/\/127\.0\.0\.1:\d+\/)/);
      if (m) ok(m[1]);
    });
    site.server.on('exit', (code) => fail(new Error(`readykit serve exited with ${code}: ${out}`)));
  });
  site.browser = await launchBrowser();
});

after(async () => {
  await site.browser?.close();
  site.server?.kill();
  if (site.dir) rmSync(site.dir, { recursive: true, force: true });
});

test('an edit reloads its page, keeping the place, and leaves the others', async (t) => {
  const context = await site.browser.newContext({ viewport: { width: 1280, height: 500 } });
  t.after(() => context.close());
  const edited = await context.newPage();
  const other = await context.newPage();
  await edited.goto(site.url + 'about/');
  await other.goto(site.url + 'glossary/');
  for (const page of [edited, other]) {
    // A mark that a reload would wipe, and a count of the server's events
    // (page.evaluate is not held to the page's CSP; the stream is 'self').
    await page.evaluate(() => {
      window.__kept = true;
      window.__events = 0;
      new EventSource('/_readykit/events').addEventListener('reload', () => window.__events++);
    });
  }
  await edited.evaluate(() => scrollTo(0, 300));
  await edited.waitForFunction(() => scrollY === 300);

  appendFileSync(join(site.dir, 'content', 'about.md'), '\nA sentence added while serving.\n');

  // The edited page reloads, shows the edit and is scrolled where it was.
  await edited.waitForFunction(() => window.__kept === undefined && document.body?.textContent.includes('A sentence added while serving.'));
  await edited.waitForFunction(() => scrollY === 300);
  // The other page heard the same event and stayed.
  await other.waitForFunction(() => window.__events >= 1);
  assert.equal(await other.evaluate(() => window.__kept), true, 'the glossary reloaded for an edit of the about page');
});
