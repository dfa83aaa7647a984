const markers = { aborted: 'stopped', stopped: 'stopped', failed: 'failed' };

function ToolPart({ part }) {
  const name = part.type.slice('tool-'.length);
  return (
    <div className="tool" data-state={part.state} data-tool={name}>
      <div>tool {name}({JSON.stringify(part.input ?? part.rawInput ?? {})})</div>
      {part.state === 'output-available' && <div className="tool-output">→ {typeof part.output === 'string' ? part.output : JSON.stringify(part.output)}</div>}
      {part.state === 'output-error' && <div className="tool-error">✗ {part.errorText}</div>}
    </div>
  );
}

export function Message({ message }) {
  // Stored replies say how they ended; a live one that was stopped says so in its finish.
  const completion = message.metadata?.completion ?? (message.metadata?.stopped ? 'stopped' : undefined);
  return (
    <div className="message" data-role={message.role} data-id={message.id} data-completion={completion ?? ''}>
      <span className="role">{message.role}</span>
      {markers[completion] && <span className="marker">{markers[completion]}</span>}
      {message.metadata?.truncated && <span className="marker">truncated</span>}
      {message.parts.map((part, i) => {
        if (part.type === 'text') return <p key={i} className="text">{part.text}</p>;
        if (part.type === 'reasoning') return <p key={i} className="reasoning">{part.text}</p>;
        if (part.type.startsWith('tool-')) return <ToolPart key={i} part={part} />;
        return null;
      })}
    </div>
  );
}
