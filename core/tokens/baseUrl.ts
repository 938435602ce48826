// Where an exact-count request may go. A provider key and prompt text go to the provider's own API, or to a base URL
// its user chose; that URL must encrypt the way there (https), except to a proxy on this machine itself. Only the
// import-free endpoint check, so the editor's settings check can use it without loading the HTTP client.
import { endpointProblem } from '../endpoint';

/** The official API of each provider whose token counts can be asked for. */
export const officialBaseUrls = {
  anthropic: 'https://api.anthropic.com',
  google: 'https://generativelanguage.googleapis.com',
} as const;

/** Why `value` may not be a base URL for exact counts, or undefined when it may. */
export function baseUrlProblem(value: string): string | undefined {
  return endpointProblem(value, {
    example: 'https://proxy.example.com',
    local: 'a proxy',
    secret: 'the key is sent in its own header',
    queryWhy: ' (the API path is appended to the URL)',
  });
}

/** A valid base URL without trailing slashes, so the API path can be appended. */
export function normalBaseUrl(value: string): string {
  return value.replace(/\/+$/, '');
}
