import { strict as assert } from 'node:assert';
import { ChatRequestError, countChatRequest, imageSize, openAiImageTokens, anthropicImageTokens } from '../../../core';

// OpenAI cookbook, "How to count tokens with tiktoken": the API reported prompt_tokens of 129 (gpt-3.5-turbo, gpt-4)
// and 124 (gpt-4o, gpt-4o-mini) for these messages, and 105 / 101 for the tool-calling example.
const cookbookMessages = [
  {
    role: 'system',
    content: 'You are a helpful, pattern-following assistant that translates corporate jargon into plain English.',
  },
  { role: 'system', name: 'example_user', content: 'New synergies will help drive top-line growth.' },
  { role: 'system', name: 'example_assistant', content: 'Things working well together will increase revenue.' },
  {
    role: 'system',
    name: 'example_user',
    content: "Let's circle back when we have more bandwidth to touch base on opportunities for increased leverage.",
  },
  {
    role: 'system',
    name: 'example_assistant',
    content: "Let's talk later when we're less busy about how to do better.",
  },
  { role: 'user', content: "This late pivot means we don't have time to boil the ocean for the client deliverable." },
];

const weatherTools = [
  {
    type: 'function',
    function: {
      name: 'get_current_weather',
      description: 'Get the current weather in a given location',
      parameters: {
        type: 'object',
        properties: {
          location: { type: 'string', description: 'The city and state, e.g. San Francisco, CA' },
          unit: { type: 'string', description: 'The unit of temperature to return', enum: ['celsius', 'fahrenheit'] },
        },
        required: ['location'],
      },
    },
  },
];
const weatherMessages = [
  { role: 'system', content: 'You are a helpful assistant that can answer to questions about the weather.' },
  { role: 'user', content: "What's the weather like in San Francisco?" },
];

function png(width: number, height: number): string {
  const bytes = new Uint8Array(33);
  bytes.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]);
  new DataView(bytes.buffer).setUint32(16, width);
  new DataView(bytes.buffer).setUint32(20, height);
  return Buffer.from(bytes).toString('base64');
}

describe('countChatRequest', () => {
  for (const [model, expected] of [
    ['gpt-3.5-turbo', 129],
    ['gpt-4', 129],
    ['gpt-4-0613', 129],
    ['gpt-4o', 124],
    ['gpt-4o-mini', 124],
  ] as const) {
    it(`matches the API's prompt_tokens for the cookbook messages on ${model} (${expected})`, () => {
      const count = countChatRequest({ model, messages: cookbookMessages });
      assert.equal(count.shape, 'openai');
      assert.equal(count.total.tokens, expected);
      assert.equal(count.total.exact, true);
    });
  }

  for (const [model, expected] of [
    ['gpt-3.5-turbo', 105],
    ['gpt-4', 105],
    ['gpt-4o', 101],
    ['gpt-4o-mini', 101],
  ] as const) {
    it(`matches the API's prompt_tokens for the cookbook tool example on ${model} (${expected})`, () => {
      const count = countChatRequest({ model, messages: weatherMessages, tools: weatherTools });
      assert.equal(count.total.tokens, expected);
      assert.equal(count.total.exact, true);
      assert.ok(count.parts.tools.tokens > 0);
    });
  }

  it('splits the total into system, messages, tools, images and overhead', () => {
    const { total, parts } = countChatRequest({ model: 'gpt-4o', messages: weatherMessages, tools: weatherTools });
    assert.equal(
      parts.system.tokens + parts.messages.tokens + parts.tools.tokens + parts.images.tokens + parts.overhead.tokens,
      total.tokens,
    );
    assert.ok(parts.system.tokens > 0 && parts.messages.tokens > 0 && parts.overhead.tokens > 0);
  });

  it("adds OpenAI's documented framing only for OpenAI models; for Gemini and Claude none, with the band allowing it", () => {
    const openAi = countChatRequest({ model: 'gpt-4o', messages: cookbookMessages });
    assert.equal(openAi.parts.overhead.tokens, 124 - openAi.parts.system.tokens - openAi.parts.messages.tokens);
    for (const model of ['gemini-2.5-flash', 'claude-sonnet-4-5']) {
      const { total, parts } = countChatRequest({ model, messages: cookbookMessages });
      assert.equal(parts.overhead.tokens, 0, model);
      assert.equal(total.exact, false);
      // The band's upper end makes room for as much framing as OpenAI's, and says why.
      assert.ok(
        total.high >= Math.ceil((parts.system.tokens + parts.messages.tokens) * 1.0) + openAi.parts.overhead.tokens - 1,
        model,
      );
      assert.match(
        total.note ?? '',
        /documents no per-message framing: none is counted, and the band allows up to \d+ tokens for it/,
      );
      assert.equal(parts.system.tokens + parts.messages.tokens, total.tokens, model);
    }
  });

  it('uses the model argument over the request model, and requires one of them', () => {
    assert.equal(countChatRequest({ model: 'gpt-4', messages: cookbookMessages }, 'gpt-4o').total.tokens, 124);
    assert.throws(() => countChatRequest({ messages: cookbookMessages }), /model: no model given/);
  });

  it('counts OpenAI images by the tile formula and detail', () => {
    const request = (detail: string, data: string) => ({
      model: 'gpt-4o',
      messages: [
        { role: 'user', content: [{ type: 'image_url', image_url: { url: `data:image/png;base64,${data}`, detail } }] },
      ],
    });
    assert.equal(countChatRequest(request('low', png(4096, 8192))).parts.images.tokens, 85);
    assert.equal(countChatRequest(request('high', png(1024, 1024))).parts.images.tokens, 765);
    assert.equal(countChatRequest(request('high', png(2048, 4096))).parts.images.tokens, 1105);
    assert.equal(countChatRequest(request('high', png(1024, 1024))).total.exact, true);
  });

  it('marks an image of unknown size as an estimate with a band', () => {
    const { total, parts } = countChatRequest({
      model: 'gpt-4o',
      messages: [{ role: 'user', content: [{ type: 'image_url', image_url: { url: 'https://example.com/cat.png' } }] }],
    });
    assert.equal(total.exact, false);
    assert.equal(parts.images.tokens, 85 + 170 * 8);
    assert.ok(total.low < total.tokens);
    assert.match(total.note!, /unknown size/);
  });

  it('follows the documented image formulas for other models', () => {
    assert.equal(openAiImageTokens('gpt-4.1-mini', { width: 1024, height: 1024 }).tokens, Math.ceil(1024 * 1.62));
    assert.equal(openAiImageTokens('gpt-4.1-mini', { width: 1800, height: 2400 }).tokens, Math.ceil(1452 * 1.62));
    assert.equal(openAiImageTokens('gpt-4o-mini', { width: 1024, height: 1024 }, 'high').tokens, 2833 + 4 * 5667);
    assert.equal(anthropicImageTokens({ width: 1000, height: 1000 }).tokens, 1334);
    assert.ok(anthropicImageTokens({ width: 8000, height: 8000 }).tokens <= 1600);
  });

  it('reads image sizes from PNG, GIF and JPEG headers', () => {
    assert.deepEqual(imageSize(Buffer.from(png(640, 480), 'base64')), { width: 640, height: 480 });
    const gif = Buffer.from('GIF89a\x20\x03\x58\x02', 'latin1');
    assert.deepEqual(imageSize(gif), { width: 800, height: 600 });
    const jpeg = Buffer.from([
      0xff, 0xd8, 0xff, 0xe0, 0, 4, 0, 0, 0xff, 0xc0, 0, 17, 8, 0x01, 0xe0, 0x02, 0x80, 3, 0, 0, 0, 0, 0,
    ]);
    assert.deepEqual(imageSize(jpeg), { width: 640, height: 480 });
    assert.equal(imageSize(Buffer.from('not an image')), undefined);
  });

  it('counts an Anthropic request (system, blocks, tools, images) as an estimate', () => {
    const count = countChatRequest({
      model: 'claude-sonnet-4-5',
      max_tokens: 1024,
      system: 'You are a support agent.',
      tools: [
        {
          name: 'lookup_order',
          description: 'Find an order',
          input_schema: { type: 'object', properties: { id: { type: 'string' } } },
        },
      ],
      messages: [
        {
          role: 'user',
          content: [
            { type: 'text', text: 'Where is my order?' },
            { type: 'image', source: { type: 'base64', media_type: 'image/png', data: png(1000, 1000) } },
          ],
        },
        { role: 'assistant', content: [{ type: 'tool_use', id: 't1', name: 'lookup_order', input: { id: '42' } }] },
        { role: 'user', content: [{ type: 'tool_result', tool_use_id: 't1', content: 'Shipped yesterday.' }] },
      ],
    });
    assert.equal(count.shape, 'anthropic');
    assert.equal(count.total.exact, false);
    assert.equal(count.parts.images.tokens, 1334);
    assert.ok(count.parts.tools.tokens > 346);
    assert.ok(count.total.low < count.total.tokens && count.total.tokens < count.total.high);
  });

  it('names the JSON path of a malformed field', () => {
    const bad = (request: unknown, path: RegExp) =>
      assert.throws(
        () => countChatRequest(request, 'gpt-4o'),
        (error: unknown) => error instanceof ChatRequestError && path.test(error.message),
      );
    bad(
      {
        messages: [
          { role: 'user', content: 'hi' },
          { role: 'robot', content: 'x' },
        ],
      },
      /messages\[1\]\.role/,
    );
    bad(
      { messages: [{ role: 'user', content: [{ type: 'image_url', image_url: { url: 42 } }] }] },
      /messages\[0\]\.content\[0\]\.image_url\.url/,
    );
    bad({ messages: 'hello' }, /messages: /);
    bad(
      {
        system: 'x',
        messages: [{ role: 'user', content: [{ type: 'image', source: { type: 'base64', data: 'x' } }] }],
      },
      /messages\[0\]\.content\[0\]\.source\.media_type/,
    );
    bad(null, /\(root\)/);
  });
});
