import { useState } from 'react';
import { createRoot } from 'react-dom/client';
import { useChat } from '@ai-sdk/react';
import { DefaultChatTransport } from 'ai';
import { apiBase, authHeaders, errorText, openConversation, stopOnServer } from './api.js';
import { Message } from './Message.jsx';

function Chat({ id, initialMessages }) {
  const [input, setInput] = useState('');
  const chatApi = `${apiBase}/api/conversations/${encodeURIComponent(id)}/chat`;
  const { messages, sendMessage, status, stop, error, regenerate } = useChat({
    id,
    messages: initialMessages,
    // On load, pick up a reply that is still running (after a reload, say): GET …/chat/stream, 204 when there is none.
    resume: true,
    transport: new DefaultChatTransport({
      api: chatApi,
      headers: authHeaders,
      prepareReconnectToStreamRequest: () => ({ api: `${chatApi}/stream` }),
    }),
  });
  // Closing the connection does not stop a reply the worker continues in the background: ask the worker to stop it, and
  // let the stream end with its own (stopped) finish; stop locally only when there was nothing to stop there.
  const stopReply = () => stopOnServer(chatApi).then((stopped) => { if (!stopped) stop(); }, () => stop());
  const busy = status === 'submitted' || status === 'streaming';
  const submit = (event) => {
    event.preventDefault();
    if (!input.trim() || busy) return;
    sendMessage({ text: input });
    setInput('');
  };
  return (
    <main data-status={status} data-conversation={id}>
      <h1>Agent chat</h1>
      <div id="messages">{messages.map((m) => <Message key={m.id} message={m} />)}</div>
      {error && <div className="error" id="error">{errorText(error)}</div>}
      <form onSubmit={submit}>
        <textarea id="input" value={input} onChange={(e) => setInput(e.target.value)} placeholder="Say something" />
        {busy
          ? <button id="stop" type="button" onClick={stopReply}>Stop</button>
          : <button id="send" type="submit">Send</button>}
        <button id="regenerate" type="button" disabled={busy || messages.length === 0} onClick={() => regenerate()}>Regenerate</button>
      </form>
    </main>
  );
}

function Failed({ error }) {
  return <main data-status="error"><div className="error" id="error">{errorText(error)}</div></main>;
}

const root = createRoot(document.getElementById('root'));
openConversation().then(
  ({ id, messages }) => root.render(<Chat id={id} initialMessages={messages} />),
  (error) => root.render(<Failed error={error} />),
);
