// Drives the official @letta-ai/letta-client 1.12.1 the way Letta Cloud is used today (letta-code's src/agent/message.ts):
// every turn through POST /v1/conversations/default/messages with agent_id in the body; compaction messages; client tools
// answered with the preferred {type: "tool_return", tool_returns}; a server-side call denied with ApprovalReturn {approve, reason};
// and a background run read again through POST /v1/conversations/default/stream by its otid after the first connection was dropped.
// Usage: node letta-client-cloud.mjs <baseUrl> [apiKey]
// Prints one JSON object with what it saw; exits non-zero on failure.
import Letta from '@letta-ai/letta-client';

const baseURL = process.argv[2] ?? process.env.LETTA_BASE_URL;
const apiKey = process.argv[3] ?? process.env.LETTA_API_KEY ?? 'no-key';
if (!baseURL) {
  console.error('usage: node letta-client-cloud.mjs <baseUrl> [apiKey]');
  process.exit(2);
}

const client = new Letta({ baseURL, apiKey, maxRetries: 0, timeout: 20_000 });
const result = {};
const agent = await client.agents.create({ name: 'interop cloud', tags: ['nosis-interop'] });

// The body letta-code's buildConversationMessagesCreateRequestBody sends for the agent's own conversation.
function body(messages, extra = {}) {
  return { agent_id: agent.id, messages, streaming: true, stream_tokens: true, include_pings: true, background: true, include_compaction_messages: true, ...extra };
}

async function read(stream, limit = Infinity) {
  const seen = { types: [], text: '', lastSeq: null, calls: [], returns: [], stopReason: null, compaction: null };
  for await (const chunk of stream) {
    seen.types.push(chunk.message_type);
    if (chunk.seq_id != null) seen.lastSeq = chunk.seq_id;
    if (chunk.message_type === 'assistant_message') seen.text += typeof chunk.content === 'string' ? chunk.content : chunk.content.map((p) => p.text).join('');
    if (chunk.message_type === 'approval_request_message' && chunk.tool_call?.tool_call_id && !seen.calls.includes(chunk.tool_call.tool_call_id)) seen.calls.push(chunk.tool_call.tool_call_id);
    if (chunk.message_type === 'tool_return_message') seen.returns.push({ tool_call_id: chunk.tool_call_id, status: chunk.status, tool_return: chunk.tool_return });
    if (chunk.message_type === 'event_message') seen.compaction = { ...(seen.compaction ?? {}), event_type: chunk.event_type, trigger: chunk.event_data?.trigger ?? null };
    if (chunk.message_type === 'summary_message') seen.compaction = { ...(seen.compaction ?? {}), summary: chunk.summary, stats: chunk.compaction_stats ?? null };
    if (chunk.message_type === 'stop_reason') seen.stopReason = chunk.stop_reason;
    if (seen.types.filter((t) => t !== 'ping').length >= limit) break;
  }
  return seen;
}

// 1. The conversation route with default + agent_id, and compaction messages.
result.compaction = await read(await client.conversations.messages.create('default', body([{ role: 'user', content: 'Please compact first.', otid: 'cloud-otid-1' }])));

// 2. A client tool answered in the preferred form.
const asked = await read(await client.conversations.messages.create('default', body([{ role: 'user', content: 'What is the weather?' }])));
const answered = await read(await client.conversations.messages.create('default', body([
  { type: 'tool_return', tool_returns: asked.calls.map((id) => ({ type: 'tool', tool_call_id: id, tool_return: 'Sunny, 21 C', status: 'success' })) },
])));
result.toolReturn = { asked: asked.stopReason, calls: asked.calls.length, returns: answered.returns, text: answered.text };

// 3. A call denied by a human, with a reason (ApprovalReturn).
const gated = await read(await client.conversations.messages.create('default', body([{ role: 'user', content: 'Delete the old file.' }])));
const denied = await read(await client.conversations.messages.create('default', body([
  { type: 'approval', approvals: gated.calls.map((id) => ({ type: 'approval', tool_call_id: id, approve: false, reason: 'Not today.' })) },
])));
result.denied = { asked: gated.stopReason, returns: denied.returns, text: denied.text };

// 4. The first connection drops after a few chunks; the run is found again through the conversation's stream by its otid.
const first = await read(await client.conversations.messages.create('default', body([{ role: 'user', content: 'Tell me a long story.', otid: 'cloud-otid-2' }])), 3);
const rest = await read(await client.conversations.messages.stream('default', { agent_id: agent.id, otid: 'cloud-otid-2', starting_after: first.lastSeq ?? 0, include_pings: true }));
result.resumed = { firstText: first.text, restText: rest.text, stopReason: rest.stopReason, firstLastSeq: first.lastSeq };

// 5. With no active run and no otid, the conversation's stream has nothing to read.
await new Promise((r) => setTimeout(r, 200));
try {
  await read(await client.conversations.messages.stream('default', { agent_id: agent.id }));
  result.idleStream = null;
} catch (error) {
  result.idleStream = error.status;
}

console.log(JSON.stringify(result));
