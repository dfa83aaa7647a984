// The TypeScript peer of the streaming benchmark (benchmarks/Nosis.AgentRuntime.Benchmarks, stage "ts"): the official
// @letta-ai/letta-client decodes a recorded Letta SSE reply (served by a fetch that returns the bytes), and the `ai`
// package's UI message stream writer (createUIMessageStream + JsonToSseTransformStream) encodes the same chunks the .NET
// pipeline writes. It lives here to share this folder's npm packages.
// Usage: node bench-letta-to-ui.mjs <recorded.sse> <runs>   Prints {"median_ms":…,"runs":…,"ui_bytes":…,"deltas":…,"node":…}.
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import Letta from '@letta-ai/letta-client';
import { createUIMessageStream, JsonToSseTransformStream } from 'ai6';

const [file, runsText] = process.argv.slice(2);
if (!file) {
  console.error('usage: node bench-letta-to-ui.mjs <recorded.sse> [runs]');
  process.exit(2);
}
const bytes = readFileSync(file);
const runs = Number(runsText ?? 10);
const client = new Letta({
  baseURL: 'http://letta.invalid',
  apiKey: 'bench',
  maxRetries: 0,
  // The body arrives in 16 KiB chunks, as socket reads deliver it (and as stage (a) copies it): one 3.4 MB chunk would make
  // the client's line decoder rescan its buffer for every line, which measures nothing a real stream does.
  fetch: async () => new Response(chunked(bytes, 16 * 1024), { status: 200, headers: { 'content-type': 'text/event-stream' } }),
});

function chunked(body, size) {
  let offset = 0;
  return new ReadableStream({
    pull(controller) {
      if (offset >= body.length) {
        controller.close();
        return;
      }
      controller.enqueue(body.subarray(offset, offset + size));
      offset += size;
    },
  });
}

async function once() {
  const letta = await client.agents.messages.create('agent-bench', {
    messages: [{ role: 'user', content: 'Tell me a long story.' }],
    streaming: true,
    stream_tokens: true,
  });
  let deltas = 0;
  const ui = createUIMessageStream({
    execute: async ({ writer }) => {
      writer.write({ type: 'start', messageId: 'msg_ts' });
      writer.write({ type: 'start-step' });
      let otid = null;
      let part = 0;
      let call = { id: null, name: null, args: '' };
      let usage = null;
      for await (const chunk of letta) {
        switch (chunk.message_type) {
          case 'assistant_message':
            if (chunk.otid !== otid) {
              if (otid !== null) writer.write({ type: 'text-end', id: `t${part}` });
              otid = chunk.otid;
              writer.write({ type: 'text-start', id: `t${++part}` });
            }
            writer.write({ type: 'text-delta', id: `t${part}`, delta: typeof chunk.content === 'string' ? chunk.content : chunk.content.map((p) => p.text).join('') });
            deltas++;
            break;
          case 'tool_call_message': {
            const t = chunk.tool_call ?? chunk.tool_calls;
            call.id ??= t.tool_call_id;
            call.name = t.name ?? call.name;
            call.args += t.arguments ?? '';
            break;
          }
          case 'tool_return_message':
            if (otid !== null) writer.write({ type: 'text-end', id: `t${part}` });
            otid = null;
            writer.write({ type: 'tool-input-available', toolCallId: call.id, toolName: call.name, input: JSON.parse(call.args || '{}') });
            writer.write({ type: 'tool-output-available', toolCallId: call.id, output: chunk.tool_return });
            break;
          case 'usage_statistics':
            usage = { inputTokens: chunk.prompt_tokens, outputTokens: chunk.completion_tokens, totalTokens: chunk.prompt_tokens + chunk.completion_tokens, stepCount: chunk.step_count };
            break;
          default:
            break;
        }
      }
      if (otid !== null) writer.write({ type: 'text-end', id: `t${part}` });
      writer.write({ type: 'finish-step' });
      writer.write({ type: 'finish', messageMetadata: { model: 'openai/gpt-4.1', usage } });
    },
  });
  const reader = ui.pipeThrough(new JsonToSseTransformStream()).pipeThrough(new TextEncoderStream()).getReader();
  let uiBytes = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    uiBytes += value.length;
  }
  return { uiBytes, deltas };
}

for (let i = 0; i < 3; i++) await once();
const times = [];
let last = null;
for (let i = 0; i < runs; i++) {
  const started = performance.now();
  last = await once();
  times.push(performance.now() - started);
}
times.sort((a, b) => a - b);
const median = times.length % 2 ? times[(times.length - 1) / 2] : (times[times.length / 2 - 1] + times[times.length / 2]) / 2;
console.log(JSON.stringify({ median_ms: median, runs, ui_bytes: last.uiBytes, deltas: last.deltas, node: process.version }));
