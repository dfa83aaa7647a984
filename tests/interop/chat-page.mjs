// Drives the worker host's useChat page in headless chromium (puppeteer-core) and prints what it saw as one JSON line.
//   node chat-page.mjs '<json settings>'
// settings: { chromium, worker, token, allowedPort, refusedPort, pageDir, artifacts }
// The test that runs this queues the emulator's replies in the order the steps below send messages.
import { createServer } from 'node:http';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { extname, join } from 'node:path';
import puppeteer from 'puppeteer-core';

const settings = JSON.parse(process.argv[2]);
const seen = {};
const timeout = 20_000;
const types = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css' };

/** A static server for the page on another origin, so the worker is reached cross-origin. */
function servePage(port) {
  const server = createServer((request, response) => {
    const path = new URL(request.url, 'http://x').pathname;
    const file = path === '/' ? 'index.html' : path.slice(1);
    try {
      const body = readFileSync(join(settings.pageDir, file));
      response.writeHead(200, { 'content-type': types[extname(file)] ?? 'application/octet-stream' });
      response.end(body);
    } catch {
      response.writeHead(404);
      response.end();
    }
  });
  return new Promise((resolve) => server.listen(port, '127.0.0.1', () => resolve(server)));
}

const ready = (page) => page.waitForSelector('main[data-status="ready"]', { timeout });

async function send(page, text) {
  await page.type('#input', text);
  await page.click('#send');
}

/** The transcript as the page shows it: per message its role, completion marker, texts and tool parts. */
const transcript = (page) => page.$$eval('.message', (nodes) => nodes.map((node) => ({
  id: node.dataset.id,
  role: node.dataset.role,
  completion: node.dataset.completion,
  marker: node.querySelector('.marker')?.textContent ?? '',
  texts: [...node.querySelectorAll('.text')].map((t) => t.textContent),
  tools: [...node.querySelectorAll('.tool')].map((t) => ({ name: t.dataset.tool, state: t.dataset.state, output: t.querySelector('.tool-output')?.textContent ?? '' })),
})));

const lastAssistantText = (page) => page.evaluate(() => {
  const texts = [...document.querySelectorAll('.message[data-role="assistant"]')].pop()?.querySelectorAll('.text') ?? [];
  return [...texts].map((t) => t.textContent).join('');
});

/** Waits until the assistant text grew while the page still streams, and returns the first partial text seen. */
const partialWhileStreaming = (page) => page.waitForFunction(() => {
  const main = document.querySelector('main');
  const texts = [...document.querySelectorAll('.message[data-role="assistant"]')].pop()?.querySelectorAll('.text') ?? [];
  const text = [...texts].map((t) => t.textContent).join('');
  return main.dataset.status === 'streaming' && text.length > 0 ? text : false;
}, { timeout, polling: 20 }).then((handle) => handle.jsonValue());

async function storedReplies(conversation) {
  const response = await fetch(`${settings.worker}/api/conversations/${conversation}/ui-messages`, { headers: { Authorization: `Bearer ${settings.token}` } });
  return (await response.json()).filter((m) => m.role === 'assistant');
}

async function waitForStored(conversation, predicate) {
  const deadline = Date.now() + timeout;
  while (Date.now() < deadline) {
    const replies = await storedReplies(conversation);
    if (predicate(replies)) return replies;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('The stored replies did not reach the expected state.');
}

const profile = mkdtempSync(join(tmpdir(), 'nosis-chromium-'));
const browser = await puppeteer.launch({
  executablePath: settings.chromium,
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync', `--user-data-dir=${profile}`],
});
const servers = [];
try {
  const page = await browser.newPage();
  await page.setViewport({ width: 900, height: 1000 });
  const shot = (name) => page.screenshot({ path: join(settings.artifacts, `${name}.png`), fullPage: true });

  // 1. A message streams in.
  await page.goto(`${settings.worker}/?token=${encodeURIComponent(settings.token)}`);
  await ready(page);
  const conversation = await page.$eval('main', (m) => m.dataset.conversation);
  await send(page, 'Hello there');
  seen.partial = await partialWhileStreaming(page);
  await ready(page);
  seen.streamed = await lastAssistantText(page);
  await shot('01-streamed');

  // 2. A tool call with its result.
  await send(page, 'What time is it?');
  await page.waitForSelector('.tool[data-state="output-available"]', { timeout });
  await ready(page);
  seen.tool = (await transcript(page)).at(-1).tools;
  await shot('02-tool-call');

  // 3. Stop mid-reply.
  await send(page, 'Tell me a long story');
  seen.beforeStop = await partialWhileStreaming(page);
  await page.click('#stop');
  await ready(page);
  seen.afterStop = await lastAssistantText(page);
  await shot('03-stopped');
  await waitForStored(conversation, (replies) => replies.length === 3);

  // 4. Reload: the same transcript, tool parts included, the stopped reply marked.
  seen.live = await transcript(page);
  await page.reload();
  await ready(page);
  seen.reloaded = await transcript(page);
  await shot('04-reloaded');

  // 5. An upstream error is shown with its message.
  await send(page, 'Now fail');
  await page.waitForSelector('#error', { timeout });
  seen.error = await page.$eval('#error', (e) => e.textContent);
  await page.waitForFunction(() => ['ready', 'error'].includes(document.querySelector('main').dataset.status), { timeout });
  await shot('05-upstream-error');
  await waitForStored(conversation, (replies) => replies.length === 4);

  // 6. Regenerate replaces the last reply.
  await page.click('#regenerate');
  await page.waitForFunction(() => document.querySelector('main').dataset.status === 'streaming', { timeout, polling: 10 }).catch(() => {});
  await ready(page);
  seen.regeneratedLive = await transcript(page);
  await waitForStored(conversation, (replies) => replies.length === 4 && replies.at(-1).metadata.completion === 'completed');
  await page.reload();
  await ready(page);
  seen.regeneratedReloaded = await transcript(page);
  await shot('06-regenerated');

  // 6b. Reload mid-reply: the worker keeps the reply going and the page, resuming on load, continues it in place.
  const beforeResume = (await transcript(page)).length;
  await send(page, 'Tell me a story and I will reload');
  seen.beforeReload = await partialWhileStreaming(page);
  await page.reload();
  seen.resumedPartial = await partialWhileStreaming(page);
  await ready(page);
  seen.resumed = (await transcript(page)).slice(beforeResume);
  await shot('06b-resumed');
  const resumedStored = await waitForStored(conversation, (replies) => replies.length === 5);
  seen.resumedStoredId = resumedStored.at(-1).id;

  // 7. The page on an origin allowed by Cors:AllowedOrigins works.
  servers.push(await servePage(settings.allowedPort));
  const allowed = `http://127.0.0.1:${settings.allowedPort}/?api=${encodeURIComponent(settings.worker)}&token=${encodeURIComponent(settings.token)}`;
  await page.goto(allowed);
  await ready(page);
  await send(page, 'Hello from another origin');
  await ready(page);
  seen.allowedOrigin = { transcript: await transcript(page), error: await page.$eval('#error', (e) => e.textContent).catch(() => null) };
  await shot('07-cors-allowed');

  // 8. The page on an origin not allowed is refused (the browser blocks the preflight).
  servers.push(await servePage(settings.refusedPort));
  const consoleErrors = [];
  page.on('console', (message) => { if (message.type() === 'error') consoleErrors.push(message.text()); });
  await page.goto(`http://127.0.0.1:${settings.refusedPort}/?api=${encodeURIComponent(settings.worker)}&token=${encodeURIComponent(settings.token)}`);
  await page.waitForSelector('#error', { timeout });
  seen.refusedOrigin = { error: await page.$eval('#error', (e) => e.textContent), console: consoleErrors };
  await shot('08-cors-refused');
} catch (error) {
  seen.failure = String(error?.stack ?? error);
} finally {
  await browser.close();
  for (const server of servers) server.close();
  rmSync(profile, { recursive: true, force: true });
}

process.stdout.write(`${JSON.stringify(seen)}\n`);
