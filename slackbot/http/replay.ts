// Slack signs each request once; Bolt refuses bad and stale (over 5 minutes) signatures but not a genuine one sent
// again. A genuine signature is recorded in the store until Bolt would no longer accept its timestamp, and a request
// bearing a recorded one is refused before any handler runs, on every instance sharing the store. Only signatures
// that verify are recorded, so forged ones cannot fill the table; Bolt refuses those itself.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { defaultBodyLimit, HTTPModuleFunctions, isRawBodyError, isValidSlackRequest } from '@slack/bolt';
import type { BotContext } from '../context';
import { sendJson } from './respond';

/** Bolt's five minutes, plus a minute for clocks that differ between instances. */
const KEPT_MS = 6 * 60_000;

/** True when the request is for Bolt to handle; otherwise it has been answered (a replay, an unreadable body). */
export async function admitSlackRequest(req: IncomingMessage, res: ServerResponse, bot: BotContext): Promise<boolean> {
  const signature = req.headers['x-slack-signature'];
  const timestamp = Number(req.headers['x-slack-request-timestamp']);
  if (typeof signature !== 'string' || !Number.isInteger(timestamp) || !bot.config.signingSecret) return true;
  let body: Buffer;
  try {
    // Bolt reads the body from here (req.rawBody) instead of the stream.
    body = (await HTTPModuleFunctions.bufferIncomingMessage(req, defaultBodyLimit)).rawBody;
  } catch (error) {
    if (!isRawBodyError(error)) throw error;
    sendJson(res, error.statusCode, { error: error.message });
    return false;
  }
  const genuine = isValidSlackRequest({ signingSecret: bot.config.signingSecret, body: body.toString(), headers: { 'x-slack-signature': signature, 'x-slack-request-timestamp': timestamp } });
  if (!genuine) return true;
  // Bolt reads only `version=hash` and ignores anything after a further '=', so that pair is what was seen: a copy
  // with a suffix is the same request.
  const [version, hash] = signature.split('=');
  const now = Date.now();
  if (await bot.store.admitSignature(`${version}=${hash}`, new Date(now), new Date(timestamp * 1000 + KEPT_MS))) return true;
  bot.log.warn('replayed Slack signature refused', { path: req.url });
  sendJson(res, 401, { error: 'replayed request' });
  return false;
}
