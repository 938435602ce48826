// Slack signs each request once; Bolt refuses bad and stale (over 5 minutes) signatures but neither a genuine one sent
// again nor one dated ahead. A genuine signature is recorded in the store until Bolt would no longer accept its
// timestamp, and a request bearing a recorded one, or dated over 5 minutes ahead, is refused before any handler
// runs, on every instance sharing the store. Only signatures that verify are recorded, so forged ones cannot fill the
// table; Bolt refuses those itself.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { defaultBodyLimit, isValidSlackRequest } from '@slack/bolt';
import type { BotContext } from '../context';
import { BodyTooLarge, readBody, sendJson, tooLarge } from './respond';

/** Bolt's window for a request's timestamp, applied both ways. */
const SKEW_MS = 5 * 60_000;
/** Bolt's five minutes, plus a minute for clocks that differ between instances. */
const KEPT_MS = SKEW_MS + 60_000;

/** True when the request is for Bolt to handle; otherwise it has been answered (a replay, a body over the limit). */
export async function admitSlackRequest(req: IncomingMessage, res: ServerResponse, bot: BotContext): Promise<boolean> {
  let body: Buffer;
  try {
    body = await readBody(req, defaultBodyLimit);
  } catch (error) {
    if (!(error instanceof BodyTooLarge)) throw error;
    tooLarge(res, `request over ${defaultBodyLimit} bytes`);
    return false;
  }
  // Bolt reads the body from here instead of the stream.
  Object.assign(req, { rawBody: body });
  const signature = req.headers['x-slack-signature'];
  const timestamp = Number(req.headers['x-slack-request-timestamp']);
  if (typeof signature !== 'string' || !Number.isInteger(timestamp) || !bot.config.signingSecret) return true;
  const genuine = isValidSlackRequest({
    signingSecret: bot.config.signingSecret,
    body: body.toString(),
    headers: { 'x-slack-signature': signature, 'x-slack-request-timestamp': timestamp },
  });
  if (!genuine) return true;
  const now = Date.now();
  if (timestamp * 1000 > now + SKEW_MS) {
    bot.log.warn('Slack request dated in the future refused', { path: req.url, timestamp });
    sendJson(res, 401, { error: 'request timestamp is more than 5 minutes ahead' });
    return false;
  }
  // Bolt reads only `version=hash` and ignores anything after a further '=', so that pair is what was seen: a copy
  // with a suffix is the same request.
  const [version, hash] = signature.split('=');
  if (await bot.store.admitSignature(`${version}=${hash}`, new Date(now), new Date(timestamp * 1000 + KEPT_MS)))
    return true;
  bot.log.warn('replayed Slack signature refused', { path: req.url });
  sendJson(res, 401, { error: 'replayed request' });
  return false;
}
