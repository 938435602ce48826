// Where an exact-count request may go. A provider key and prompt text go to the provider's own API, or to a base URL
// its user chose; that URL must encrypt the way there (https), except to a proxy on this machine itself. Its own
// module with no imports, so the editor's settings check can use it without loading the HTTP client.

/** The official API of each provider whose token counts can be asked for. */
export const officialBaseUrls = {
  anthropic: 'https://api.anthropic.com',
  google: 'https://generativelanguage.googleapis.com',
} as const;

const loopbackHosts = new Set(['127.0.0.1', 'localhost', '[::1]']);

/** Why `value` may not be a base URL for exact counts, or undefined when it may. */
export function baseUrlProblem(value: string): string | undefined {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return 'expected an absolute URL such as https://proxy.example.com';
  }
  if (url.protocol === 'http:' && !loopbackHosts.has(url.hostname)) {
    return 'expected https (http only for a proxy on this machine: 127.0.0.1, localhost or [::1])';
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return `expected https, not ${url.protocol.slice(0, -1)}`;
  if (url.username || url.password)
    return 'expected no user name or password in the URL (the key is sent in its own header)';
  if (url.search || url.hash) return 'expected no query or fragment (the API path is appended to the URL)';
  return undefined;
}

/** A valid base URL without trailing slashes, so the API path can be appended. */
export function normalBaseUrl(value: string): string {
  return value.replace(/\/+$/, '');
}
