// Reads an AI SDK UI message stream from a URL exactly as useChat does, with the real 'ai' package, and prints
// the rebuilt assistant message as one JSON line.
//
//   node read-ui-message-stream.mjs [--reconnect] <6|7> <url> ['Name: value' (an optional request header, e.g. Authorization)]
//
// With --reconnect it resumes instead, as useChat({ resume: true }) does on load: the transport's reconnectToStream GETs <url>
// (through prepareReconnectToStreamRequest) and answers null on 204, printed as {"none":true}.
//
// DefaultChatTransport POSTs the useChat request body, checks the status, and parses the SSE body with
// parseJsonEventStream over uiMessageChunkSchema (the transport useChat uses by default). readUIMessageStream then
// applies every chunk with processUIMessageStream, the same state machine useChat runs, which raises
// UIMessageStreamError on ordering errors (a delta without its start, a tool output for an unknown call, ...).
//
// ai@7 declares Node 22+, but both calls used here run on Node 20 (checked with 7.0.173); no separate node binary.
//
// Exit code 0: the stream parsed; stdout is {"id","metadata","parts","chunkTypes","errorTexts","abortReasons"}.
// Exit code 1: a JSON, schema or ordering error (or an HTTP error); the reason is on stderr.
const reconnect = process.argv.includes('--reconnect');
const [major, url, header] = process.argv.slice(2).filter((arg) => arg !== '--reconnect');
if (!['6', '7'].includes(major) || !url || (header !== undefined && !header.includes(':'))) {
  console.error("usage: node read-ui-message-stream.mjs [--reconnect] <6|7> <url> ['Name: value']");
  process.exit(2);
}
const headers = header === undefined
  ? undefined
  : { [header.slice(0, header.indexOf(':')).trim()]: header.slice(header.indexOf(':') + 1).trim() };

const { DefaultChatTransport, readUIMessageStream, UIMessageStreamError } = await import(`ai${major}`);

const chunkTypes = [];
const errorTexts = [];
const abortReasons = [];
const failures = [];

try {
  const transport = new DefaultChatTransport({ api: url, headers, prepareReconnectToStreamRequest: () => ({ api: url }) });
  const chunks = reconnect
    ? await transport.reconnectToStream({ chatId: 'chat-1' })
    : await transport.sendMessages({
      chatId: 'chat-1',
      trigger: 'submit-message',
      messageId: undefined,
      messages: [{ id: 'user-1', role: 'user', parts: [{ type: 'text', text: 'Hello' }] }],
      abortSignal: undefined,
    });
  if (chunks === null) {
    process.stdout.write(JSON.stringify({ none: true }) + '\n');
    process.exit(0);
  }

  // Records what arrived, in order, before the reader applies it.
  const recorded = chunks.pipeThrough(new TransformStream({
    transform(chunk, controller) {
      chunkTypes.push(chunk.type);
      if (chunk.type === 'error') errorTexts.push(chunk.errorText);
      if (chunk.type === 'abort') abortReasons.push(chunk.reason ?? null);
      controller.enqueue(chunk);
    },
  }));

  let message;
  const snapshots = readUIMessageStream({
    stream: recorded,
    onError(error) {
      // An 'error' chunk reaches onError as a plain Error carrying its errorText: that is data, not a failure.
      const fromErrorChunk = !(error instanceof UIMessageStreamError) && errorTexts.includes(error?.message);
      if (!fromErrorChunk) failures.push(error);
    },
  });
  for await (const snapshot of snapshots) message = snapshot;

  if (failures.length === 0) {
    process.stdout.write(JSON.stringify({
      id: message?.id ?? null,
      metadata: message?.metadata ?? null,
      parts: message?.parts ?? [],
      chunkTypes,
      errorTexts,
      abortReasons,
    }) + '\n');
  }
} catch (error) {
  failures.push(error);
}

if (failures.length > 0) {
  for (const failure of failures) console.error(`ai@${major}: ${failure?.name ?? 'Error'}: ${failure?.message ?? failure}`);
  process.exit(1);
}
