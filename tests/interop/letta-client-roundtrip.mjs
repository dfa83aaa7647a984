// Drives the official @letta-ai/letta-client against a Letta server (the Nosis emulator in tests):
// create an agent with memory blocks and tags, list it by tag, stream a reply with token deltas, read a step of parallel
// tool calls and a token-mode approval request (the emulator's reply script answers "parallel" and "weather"), answer the
// approval, read the agent's message history back (the user message keeps the otid it was sent with), delete the agent,
// expect 404.
// Usage: node letta-client-roundtrip.mjs <baseUrl> [apiKey]   (or LETTA_BASE_URL / LETTA_API_KEY)
// Prints one JSON object with what it saw; exits non-zero on failure.
import Letta from '@letta-ai/letta-client';

const baseURL = process.argv[2] ?? process.env.LETTA_BASE_URL;
const apiKey = process.argv[3] ?? process.env.LETTA_API_KEY ?? 'no-key';
if (!baseURL) {
  console.error('usage: node letta-client-roundtrip.mjs <baseUrl> [apiKey]');
  process.exit(2);
}

const client = new Letta({ baseURL, apiKey, maxRetries: 0, timeout: 20_000 });
const tag = `interop-${Date.now()}-${Math.random().toString(16).slice(2)}`;
const result = {};

const agent = await client.agents.create({
  name: 'interop round trip',
  memory_blocks: [
    { label: 'human', value: 'The user is an interop test.', limit: 5000 },
    { label: 'persona', value: 'A terse assistant.', limit: 5000 },
  ],
  tags: [tag, 'nosis-interop'],
  metadata: { origin: 'letta-client-roundtrip' },
});
result.created = { id: agent.id, name: agent.name, tags: agent.tags, blocks: agent.blocks.map((b) => b.label), created_at: agent.created_at };

const listed = [];
for await (const a of client.agents.list({ tags: [tag], include: ['agent.tags'] })) {
  listed.push({ id: a.id, tags: a.tags });
}
result.listed = listed;

const stream = await client.agents.messages.create(agent.id, {
  messages: [{ role: 'user', content: 'Say hello to the interop test.', otid: 'interop-otid-1' }],
  streaming: true,
  stream_tokens: true,
});
const types = [];
const assistantDeltas = [];
const assistantIds = new Set();
let stopReason = null;
let usage = null;
let runId = null;
for await (const chunk of stream) {
  types.push(chunk.message_type);
  if (chunk.message_type === 'ping' && !runId) runId = chunk.run_id;
  if (chunk.message_type === 'assistant_message') {
    assistantDeltas.push(typeof chunk.content === 'string' ? chunk.content : chunk.content.map((p) => p.text).join(''));
    assistantIds.add(chunk.id);
  }
  if (chunk.message_type === 'stop_reason') stopReason = chunk.stop_reason;
  if (chunk.message_type === 'usage_statistics') usage = { prompt_tokens: chunk.prompt_tokens, completion_tokens: chunk.completion_tokens, total_tokens: chunk.total_tokens };
}
result.stream = { types, assistantDeltas, assistantText: assistantDeltas.join(''), assistantIds: [...assistantIds], stopReason, usage, runId };

// One stored message a page (a step's reasoning and text share one), oldest first: the client follows the `after` cursor.
const history = [];
for await (const m of client.agents.messages.list(agent.id, { order: 'asc', limit: 1 })) {
  history.push({ message_type: m.message_type, otid: m.otid ?? null, content: typeof m.content === 'string' ? m.content : null, run_id: m.run_id ?? null });
}
result.history = history;

async function collect(body) {
  const chunks = [];
  for await (const chunk of await client.agents.messages.create(agent.id, { streaming: true, stream_tokens: true, ...body })) {
    chunks.push(chunk);
  }
  return chunks;
}

const parallel = await collect({ messages: [{ role: 'user', content: 'Run the parallel tools.' }] });
const toolReturn = parallel.find((c) => c.message_type === 'tool_return_message');
result.parallel = {
  callIds: [...new Set(parallel.filter((c) => c.message_type === 'tool_call_message').map((c) => c.tool_calls?.tool_call_id ?? c.tool_call?.tool_call_id))],
  returns: (toolReturn?.tool_returns ?? []).map((r) => ({ tool_call_id: r.tool_call_id, status: r.status, tool_return: r.tool_return })),
  topLevel: toolReturn ? { tool_call_id: toolReturn.tool_call_id, tool_return: toolReturn.tool_return } : null,
};

const asked = await collect({ messages: [{ role: 'user', content: 'What is the weather?' }] });
const fragments = asked.filter((c) => c.message_type === 'approval_request_message');
const callId = fragments[0]?.tool_calls?.tool_call_id ?? fragments[0]?.tool_call?.tool_call_id;
result.approval = {
  fragments: fragments.length,
  ids: [...new Set(fragments.map((c) => c.id))],
  name: fragments[0]?.tool_calls?.name ?? null,
  arguments: fragments.map((c) => c.tool_calls?.arguments ?? '').join(''),
  stopReason: asked.find((c) => c.message_type === 'stop_reason')?.stop_reason ?? null,
};
const answered = await collect({ messages: [{ type: 'approval', approvals: [{ type: 'tool', tool_call_id: callId, tool_return: 'Sunny, 21 C', status: 'success' }] }] });
result.approval.answered = {
  toolReturn: answered.find((c) => c.message_type === 'tool_return_message')?.tool_returns?.[0]?.tool_return ?? null,
  text: answered.filter((c) => c.message_type === 'assistant_message').map((c) => c.content).join(''),
};

await client.agents.delete(agent.id);
try {
  await client.agents.retrieve(agent.id);
  result.afterDelete = { status: 200 };
} catch (error) {
  result.afterDelete = { status: error.status ?? null, name: error.constructor?.name ?? null };
}

console.log(JSON.stringify(result));
