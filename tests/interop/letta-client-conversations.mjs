// Drives the official @letta-ai/letta-client's Conversations API against a Letta server (the Nosis emulator in tests):
// create an agent with a human block, create two conversations in it, stream a message in each (the reply script makes the
// first one edit memory), list the agent's conversations, retrieve one, list a conversation's messages, read the shared
// memory back from the agent, send twice at once in one conversation (the second gets 409 CONVERSATION_BUSY), cancel.
// Usage: node letta-client-conversations.mjs <baseUrl> [apiKey]
// Prints one JSON object with what it saw; exits non-zero on failure.
import Letta from '@letta-ai/letta-client';

const baseURL = process.argv[2] ?? process.env.LETTA_BASE_URL;
const apiKey = process.argv[3] ?? process.env.LETTA_API_KEY ?? 'no-key';
if (!baseURL) {
  console.error('usage: node letta-client-conversations.mjs <baseUrl> [apiKey]');
  process.exit(2);
}

const client = new Letta({ baseURL, apiKey, maxRetries: 0, timeout: 20_000 });
const result = {};

const agent = await client.agents.create({
  name: 'interop conversations',
  memory_blocks: [{ label: 'human', value: '', limit: 5000 }],
  tags: ['nosis-interop'],
});
const first = await client.conversations.create({ agent_id: agent.id, description: 'first thread' });
const second = await client.conversations.create({ agent_id: agent.id, summary: 'second thread' });
result.created = [first, second].map((c) => ({ id: c.id, agent_id: c.agent_id, description: c.description ?? null, summary: c.summary ?? null, created_at: c.created_at }));

async function send(conversationId, text) {
  const types = [];
  const deltas = [];
  let stopReason = null;
  for await (const chunk of await client.conversations.messages.create(conversationId, { messages: [{ role: 'user', content: text }], stream_tokens: true })) {
    types.push(chunk.message_type);
    if (chunk.message_type === 'assistant_message') deltas.push(typeof chunk.content === 'string' ? chunk.content : chunk.content.map((p) => p.text).join(''));
    if (chunk.message_type === 'stop_reason') stopReason = chunk.stop_reason;
  }
  return { types, text: deltas.join(''), deltas: deltas.length, stopReason };
}

result.firstReply = await send(first.id, 'Please remember that I prefer tea.');
result.secondReply = await send(second.id, 'Hello from the second thread.');

const listed = await client.conversations.list({ agent_id: agent.id, order: 'asc' });
result.listed = listed.map((c) => ({ id: c.id, agent_id: c.agent_id }));
const retrieved = await client.conversations.retrieve(first.id);
result.retrieved = { id: retrieved.id, agent_id: retrieved.agent_id, in_context: (retrieved.in_context_message_ids ?? []).length, last_message_at: retrieved.last_message_at ?? null };

const messages = [];
for await (const m of client.conversations.messages.list(second.id, { order: 'asc' })) {
  messages.push({ type: m.message_type, content: typeof m.content === 'string' ? m.content : null });
}
result.secondMessages = messages;

const memory = await client.agents.retrieve(agent.id, { include: ['agent.blocks'] });
result.human = memory.blocks.find((b) => b.label === 'human')?.value ?? null;

// Two sends at once in one conversation: Letta locks it, so one of them is refused.
const slow = send(first.id, 'slow please');
await new Promise((r) => setTimeout(r, 150));
try {
  await send(first.id, 'me too');
  result.busy = null;
} catch (error) {
  result.busy = { status: error.status, name: error.constructor.name, detail: String(error.error?.detail ?? error.message) };
}
try {
  result.cancelled = await client.conversations.cancel(first.id);
} catch (error) {
  result.cancelled = { status: error.status };
}
await slow.catch(() => {});

try {
  await client.conversations.retrieve('conv-00000000-0000-4000-8000-000000000000');
  result.missing = null;
} catch (error) {
  result.missing = error.status;
}

console.log(JSON.stringify(result));
