// On a machine without the browser, nothing waits silently: the browser tests fail at once
// with the command that installs Chromium, before any site build, and the test command's
// dependency step reports a browser it must not install instead of going on.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { BIN, pathWith, ROOT } from './outsider.ts';

const MISSING = { ...process.env, CHROMIUM_PATH: '/nonexistent/chromium', NO_COLOR: '1', PATH: pathWith(BIN) };

test('the browser tests fail at once, naming the apt-get command, when Chromium is missing', () => {
  // The timeout only stops a hang (the old behaviour was 10 minutes of polling).
  const r = spawnSync(join(BIN, 'vitest'), ['run', '--project', 'e2e'], { cwd: ROOT, env: MISSING, encoding: 'utf8', timeout: 90_000 });
  expect(r.signal).toBeNull();
  expect(r.status).not.toBe(0);
  expect(`${r.stdout}${r.stderr}`).toContain('Chromium not found at /nonexistent/chromium: install it with `sudo apt-get install -y chromium`');
});

test('the test command reports a CHROMIUM_PATH that does not exist, at once', () => {
  const r = spawnSync('sh', [join(ROOT, 'tools', 'test-deps.sh')], { cwd: ROOT, env: MISSING, encoding: 'utf8', timeout: 30_000 });
  expect(r.signal).toBeNull();
  expect(r.status).toBe(1);
  expect(r.stderr).toContain('CHROMIUM_PATH=/nonexistent/chromium does not exist');
  expect(r.stderr).toContain('apt-get install -y chromium');
});
