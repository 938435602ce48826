// Where a secret (a provider key, a read token) may be sent: an encrypted way there (https), or plain http only to
// this machine itself, with no credentials, query or fragment in the URL. No imports: the editor's settings check
// loads it without the HTTP client.

const loopbackHosts = new Set(['127.0.0.1', 'localhost', '[::1]']);

export interface EndpointWording {
  /** An example URL of the kind expected. */
  example: string;
  /** What would run on this machine (`a proxy`, `a server`). */
  local: string;
  /** Why credentials do not belong in the URL. */
  secret: string;
  /** Said after "expected no query or fragment", or ''. */
  queryWhy: string;
}

/** Why `value` may not be an address to send a secret to, worded by `wording`, or undefined when it may. */
export function endpointProblem(value: string, wording: EndpointWording): string | undefined {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return `expected an absolute URL such as ${wording.example}`;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return `expected https, not ${url.protocol.slice(0, -1)}`;
  if (url.protocol === 'http:' && !loopbackHosts.has(url.hostname))
    return `expected https (http only for ${wording.local} on this machine: 127.0.0.1, localhost or [::1])`;
  if (url.username || url.password) return `expected no user name or password in the URL (${wording.secret})`;
  if (url.search || url.hash) return `expected no query or fragment${wording.queryWhy}`;
  return undefined;
}
