import { useState } from 'react';
import { createRoot } from 'react-dom/client';
import { useChat } from '@ai-sdk/react';
import { DefaultChatTransport } from 'ai';
import { apiBase, authHeaders, errorText, openConversation } from './api.js';
import { Message } from './Message.jsx';

function Chat({ id, initialMessages }) {
  const [input, setInput] = useState('');
  const { messages, sendMessage, status, stop, error, regenerate } = useChat({
    id,
    messages: initialMessages,
    transport: new DefaultChatTransport({ api: `${apiBase}/api/conversations/${encodeURIComponent(id)}/chat`, headers: authHeaders }),
  });
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
          ? <button id="stop" type="button" onClick={() => stop()}>Stop</button>
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
