import { strict as assert } from 'node:assert';
import { usageEventFromLiteLLM, usageEventFromOtel, usageEventSchema } from '../../../core';

describe('usage mappings', () => {
  it('maps an OpenTelemetry GenAI span', () => {
    const event = usageEventFromOtel(
      {
        'gen_ai.provider.name': 'aws.bedrock',
        'gen_ai.request.model': 'claude-sonnet-4-5',
        'gen_ai.response.model': 'anthropic.claude-sonnet-4-5-v1',
        'gen_ai.usage.input_tokens': '1500',
        'gen_ai.usage.cache_read.input_tokens': 1000,
        'gen_ai.usage.cache_creation.input_tokens': 200,
        'gen_ai.usage.output_tokens': 80,
        'gen_ai.response.id': 'msg_1',
        'gen_ai.conversation.id': 'conv-9',
        'user.id': 'U123',
        'gen_ai.prompt.name': 'src/support.ts#answerTicket',
      },
      {
        traceId: 'abc',
        spanId: 'def',
        endTimeMs: Date.UTC(2026, 0, 2),
        resource: { 'service.name': 'support-bot', 'deployment.environment.name': 'prod' },
      },
    );
    assert.ok(event);
    const parsed = usageEventSchema.parse(event);
    assert.equal(parsed.id, 'otel:abc:def');
    assert.equal(parsed.provider, 'bedrock');
    assert.equal(parsed.model, 'anthropic.claude-sonnet-4-5-v1');
    assert.equal(parsed.inputTokens, 1500);
    assert.equal(parsed.cacheReadTokens, 1000);
    assert.equal(parsed.cacheWriteTokens, 200);
    assert.equal(parsed.app, 'support-bot');
    assert.equal(parsed.environment, 'prod');
    assert.equal(parsed.session, 'conv-9');
    assert.equal(parsed.user, 'U123');
    assert.equal(parsed.prompt, 'src/support.ts#answerTicket');
  });

  it('skips spans without token usage', () => {
    assert.equal(
      usageEventFromOtel({ 'gen_ai.request.model': 'gpt-4o' }, { traceId: 'a', spanId: 'b', endTimeMs: 0 }),
      undefined,
    );
  });

  it('maps a LiteLLM spend-log row, keeping its reported spend', () => {
    const parsed = usageEventSchema.parse(
      usageEventFromLiteLLM({
        request_id: 'chatcmpl-1',
        startTime: '2026-11-20T08:00:00.000Z',
        model: 'anthropic/claude-sonnet-4-5',
        spend: 0.0123456789,
        prompt_tokens: 900,
        completion_tokens: 100,
        user: 'ada',
        team_id: 'team-uuid',
        request_tags: '["jobID:1", "nightly"]',
        metadata: {
          user_api_key_team_alias: 'search',
          user_api_key_alias: 'ranker',
          usage_object: { cache_read_input_tokens: 500, cache_creation_input_tokens: 100 },
          spend_logs_metadata: { tokenwise_prompt: 'src/rank.ts#rankResults' },
        },
      }),
    );
    assert.equal(parsed.id, 'litellm:chatcmpl-1');
    assert.equal(parsed.provider, 'anthropic');
    assert.equal(parsed.model, 'claude-sonnet-4-5');
    assert.equal(parsed.costNanos, 12_345_679);
    assert.equal(parsed.cacheReadTokens, 500);
    assert.equal(parsed.cacheWriteTokens, 100);
    assert.equal(parsed.team, 'search');
    assert.equal(parsed.app, 'ranker');
    assert.deepEqual(parsed.tags, ['jobID:1', 'nightly']);
    assert.equal(parsed.prompt, 'src/rank.ts#rankResults');
  });
});
