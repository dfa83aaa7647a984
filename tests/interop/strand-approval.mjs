// Leaves a Letta agent waiting for a client tool's result, as a crashed host would: streams one message with the official
// @letta-ai/letta-client until the approval request and its requires_approval stop arrive, says "stranded", then hangs
// until the test kills the process.
// Usage: node strand-approval.mjs <baseUrl> <apiKey> <agentId>
import Letta from '@letta-ai/letta-client';

const [baseURL, apiKey, agentId] = process.argv.slice(2);
const client = new Letta({ baseURL, apiKey, maxRetries: 0, timeout: 20_000 });
const stream = await client.agents.messages.create(agentId, {
  messages: [{ role: 'user', content: 'What is the weather in Oslo?' }],
  streaming: true,
  stream_tokens: true,
  client_tools: [{ name: 'get_weather', description: 'Weather for a city.', parameters: { type: 'object' } }],
});
for await (const chunk of stream) {
  if (chunk.message_type === 'stop_reason' && chunk.stop_reason === 'requires_approval') {
    console.log('stranded');
  }
}
await new Promise(() => {});
