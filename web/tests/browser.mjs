// Browser tests of the dashboard: Debian's chromium driven by playwright-core against a live
// `parley serve` over the sample database. Every view must load without console errors and
// show what the API says it should; drill-downs must reach the evidence sentence; a screenshot
// of every view is saved.
//
//   node web/tests/browser.mjs http://127.0.0.1:8080/ build/screenshots
import { chromium } from 'playwright-core';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import assert from 'node:assert/strict';

const base = process.argv[2] || 'http://127.0.0.1:8080/';
const shots = process.argv[3] || 'build/screenshots';
mkdirSync(shots, { recursive: true });

async function api(path) {
  const res = await fetch(new URL(`api/${path}`, base));
  assert.equal(res.status, 200, `GET api/${path}: ${res.status}`);
  return res.json();
}

const profile = mkdtempSync(join(tmpdir(), 'parley-chromium-'));
// A fresh profile each run (playwright passes it to chromium as --user-data-dir).
const browser = await chromium.launchPersistentContext(profile, {
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  headless: true,
  viewport: { width: 1280, height: 900 },
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
const page = browser.pages()[0] || await browser.newPage();
const problems = [];
page.on('console', (m) => { if (m.type() === 'error') problems.push(`console: ${m.text()}`); });
page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
page.on('requestfailed', (r) => problems.push(`request failed: ${r.url()} ${r.failure()?.errorText}`));
// Offline: nothing but the server itself may be asked for (no CDN, no tiles).
const origin = new URL(base).origin;
page.on('request', (r) => {
  if (!r.url().startsWith(origin) && !r.url().startsWith('data:')) problems.push(`off-site request: ${r.url()}`);
});

let failures = 0;
async function view(name, hash, check) {
  problems.length = 0;
  const started = Date.now();
  try {
    await page.goto(new URL(`#/${hash}`, base).href);
    await page.waitForSelector('body[data-ready="1"]', { timeout: 15000 });
    await page.waitForTimeout(400);  // charts finish their first animation frame
    await check();
    assert.equal(await page.locator('.error').count(), 0,
      `error shown: ${await page.locator('.error').allTextContents()}`);
    assert.deepEqual(problems, [], 'console errors');
    console.log(`ok   ${name} (${Date.now() - started} ms)`);
  } catch (err) {
    failures += 1;
    console.log(`FAIL ${name}: ${err.message}`);
  }
  await page.screenshot({ path: join(shots, `${name}.png`), fullPage: false });
}

async function clickChart(selector, x, y) {
  const box = await page.locator(selector).boundingBox();
  await page.mouse.click(box.x + x, box.y + y);
}

async function expectEvidence() {
  // The drill-down ends on the article view with the evidence sentence highlighted.
  await page.waitForSelector('body[data-view="article"][data-ready="1"]', { timeout: 10000 });
  const evidence = page.locator('#article-text [data-evidence]');
  assert.ok(await evidence.count() > 0, 'evidence highlighted');
  const text = (await evidence.allTextContents()).join('').trim();
  assert.ok(text.length > 10, `evidence sentence: "${text}"`);
  return text;
}

try {
  const events = await api('events?limit=500');
  const timeline = await api('timeline?bucket=day&group=quad');
  const periods = new Set(timeline.items.map((r) => r.bucket)).size;

  await view('timeline', 'timeline', async () => {
    assert.equal(Number(await page.locator('.hint').getAttribute('data-periods')), periods);
    const status = await page.locator('#status').textContent();
    const total = timeline.items.reduce((a, r) => a + r.count, 0);
    assert.match(status, new RegExp(`^${total} events in ${periods} periods`));
    // Click the chart over each bar position until one lists events.
    const canvas = '#timeline-chart';
    const box = await page.locator(canvas).boundingBox();
    const left = 50, right = 50;
    const width = box.width - left - right;
    for (let i = 0; i < periods && !(await page.locator('#drill .event-row').count()); i++) {
      await clickChart(canvas, left + (width * (i + 0.5)) / periods, box.height - 75);
      await page.waitForTimeout(250);
    }
    assert.ok(await page.locator('#drill .event-row').count() > 0, 'a click lists the events');
  });

  const network = await api('network?limit=300');
  await view('network', 'network', async () => {
    const dyads = network.items.filter((d) => d.source && d.target && d.source !== d.target).length;
    assert.match(await page.locator('#status').textContent(), new RegExp(`, ${dyads} dyads$`));
  });

  const matrix = await api('matrix?limit=40');
  await view('positions', 'positions', async () => {
    assert.match(await page.locator('#status').textContent(), new RegExp(`× ${matrix.items.length} issues$`));
  });

  await view('map', 'map', async () => {
    const located = events.items.filter((e) => e.lat !== null && e.lat !== undefined).length;
    assert.match(await page.locator('#status').textContent(), new RegExp(`^${located} located events`));
    assert.ok(located > 0, 'the samples have located events');
  });

  const disputes = await api('disputes?limit=100');
  await view('divergences', 'divergences', async () => {
    assert.equal(await page.locator('.dispute').count(), disputes.items.length);
    assert.ok(disputes.items.length > 0, 'the samples have divergences');
    const sides = disputes.items.reduce((n, d) => n + d.sides.length, 0);
    assert.equal(await page.locator('.dispute .side').count(), sides);
    assert.equal(await page.locator('.dispute .side .evidence-link').count(), sides, 'every side links its sentence');
  });

  // Drill-down from a divergence side to its sentence.
  await view('drilldown-divergence', 'divergences', async () => {
    const first = page.locator('.dispute .side .evidence-link').first();
    const sentence = (await first.textContent()).trim();
    await first.click();
    assert.equal((await expectEvidence()).replace(/\s+/g, ' '), sentence.replace(/\s+/g, ' '));
  });

  const articles = await api('articles?limit=200');
  await view('articles', 'articles', async () => {
    assert.equal(await page.locator('.article-row').count(), articles.items.length);
  });

  // The article with most events, its spans highlighted.
  const withEvents = events.items[0].mentions[0].article_id;
  const full = await api(`articles/${withEvents}`);
  await view('article', `article/${withEvents}`, async () => {
    assert.equal(await page.locator('#article-title').textContent(), full.title || full.id);
    assert.ok(await page.locator('#article-text .hl-event').count() >= 1, 'events highlighted');
    assert.ok(await page.locator('#article-text .hl-actor').count() >= 1, 'actors highlighted');
  });

  // Drill-down: timeline -> period's events -> the evidence sentence in its article.
  await view('drilldown-evidence', 'timeline', async () => {
    const box = await page.locator('#timeline-chart').boundingBox();
    const width = box.width - 100;
    for (let i = 0; i < periods && !(await page.locator('#drill .event-row').count()); i++) {
      await clickChart('#timeline-chart', 50 + (width * (i + 0.5)) / periods, box.height - 75);
      await page.waitForTimeout(250);
    }
    const first = page.locator('#drill .event-row .evidence-link').first();
    const sentence = (await first.textContent()).trim();
    await first.click();
    const shown = await expectEvidence();
    assert.equal(shown.replace(/\s+/g, ' '), sentence.replace(/\s+/g, ' '));
  });

  // Drill-down from a matrix cell's evidence and from a divergence side.
  if (matrix.items.length) {
    const e = matrix.items[0].parties[0].evidence[0];
    await view('drilldown-position', `article/${e.article_id}?hl=${e.start}-${e.end}`, async () => {
      assert.equal((await expectEvidence()).replace(/\s+/g, ' '), e.text.trim().replace(/\s+/g, ' '));
    });
  }

  // Bad input shows a clear error, not a blank page.
  await view('bad-filter', 'timeline?from=2024-99-99', async () => {
    const err = page.locator('.error');
    assert.equal(await err.count(), 1);
    assert.match(await err.textContent(), /from/);
    await page.evaluate(() => document.querySelector('.error').remove());
    problems.length = 0;  // the browser logs the 400 itself
  });
} finally {
  await browser.close();
  rmSync(profile, { recursive: true, force: true });
}

if (failures) {
  console.log(`${failures} view(s) failed; screenshots in ${shots}`);
  process.exit(1);
}
console.log(`all views ok; screenshots in ${shots}`);
