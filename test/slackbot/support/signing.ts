// Requests signed exactly as Slack signs them: HMAC-SHA256 over `v0:{timestamp}:{body}` with the signing secret.
import { createHmac } from 'node:crypto';

export function slackSignature(secret: string, timestamp: number, body: string): string {
  return `v0=${createHmac('sha256', secret).update(`v0:${timestamp}:${body}`).digest('hex')}`;
}

export interface SignedRequest {
  body: string;
  headers: Record<string, string>;
}

export function signed(
  secret: string,
  body: string,
  contentType: string,
  timestamp = Math.floor(Date.now() / 1000),
): SignedRequest {
  return {
    body,
    headers: {
      'content-type': contentType,
      'x-slack-request-timestamp': String(timestamp),
      'x-slack-signature': slackSignature(secret, timestamp, body),
    },
  };
}

export function slashCommandBody(fields: Record<string, string>): string {
  return new URLSearchParams({
    token: 'legacy-verification-token',
    team_id: 'T0001',
    team_domain: 'acme',
    channel_id: 'C0001',
    channel_name: 'general',
    command: '/tokens',
    api_app_id: 'A0001',
    trigger_id: '1.2.3',
    ...fields,
  }).toString();
}

export async function post(url: string, request: SignedRequest): Promise<{ status: number; text: string }> {
  const response = await fetch(url, { method: 'POST', headers: request.headers, body: request.body });
  return { status: response.status, text: await response.text() };
}
