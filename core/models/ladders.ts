// The curated part of the catalog: which models are current for each provider and the size class of each.
// Prices and context windows come from the price data, limits and capabilities from facts.json; only the judgement
// of size class and currency lives here. Update when providers release or retire models.
import type { Tier } from './catalog';

export interface CatalogEntry {
  provider: string;
  id: string;
  tier: Tier;
  /** On the provider's ladder of current models (small → frontier). */
  current?: true;
}

export const catalogEntries: CatalogEntry[] = [
  { provider: 'openai', id: 'gpt-5.4-nano', tier: 'small', current: true },
  { provider: 'openai', id: 'gpt-5.6-luna', tier: 'small', current: true },
  { provider: 'openai', id: 'gpt-5.4-mini', tier: 'medium', current: true },
  { provider: 'openai', id: 'gpt-5.6-terra', tier: 'large', current: true },
  { provider: 'openai', id: 'gpt-5.6-sol', tier: 'frontier', current: true },
  // Newer than the facts snapshot: limits and capabilities unknown, so kept off the ladder until facts exist.
  { provider: 'openai', id: 'gpt-6-luna', tier: 'small' },
  { provider: 'openai', id: 'gpt-6-sol', tier: 'large' },
  { provider: 'openai', id: 'gpt-6-astra', tier: 'frontier' },
  { provider: 'openai', id: 'gpt-5-nano', tier: 'small' },
  { provider: 'openai', id: 'gpt-5-mini', tier: 'medium' },
  { provider: 'openai', id: 'gpt-5', tier: 'large' },
  { provider: 'openai', id: 'gpt-5.1', tier: 'large' },
  { provider: 'openai', id: 'gpt-5.2', tier: 'large' },
  { provider: 'openai', id: 'gpt-5.4', tier: 'large' },
  { provider: 'openai', id: 'gpt-5.5', tier: 'frontier' },
  { provider: 'openai', id: 'gpt-4.1-nano', tier: 'small' },
  { provider: 'openai', id: 'gpt-4.1-mini', tier: 'medium' },
  { provider: 'openai', id: 'gpt-4.1', tier: 'large' },
  { provider: 'openai', id: 'gpt-4o-mini', tier: 'small' },
  { provider: 'openai', id: 'gpt-4o', tier: 'large' },
  { provider: 'openai', id: 'o4-mini', tier: 'medium' },
  { provider: 'openai', id: 'o3', tier: 'frontier' },

  { provider: 'anthropic', id: 'claude-haiku-4-5', tier: 'small', current: true },
  { provider: 'anthropic', id: 'claude-sonnet-5', tier: 'large', current: true },
  { provider: 'anthropic', id: 'claude-opus-5', tier: 'frontier', current: true },
  { provider: 'anthropic', id: 'claude-3-haiku', tier: 'small' },
  { provider: 'anthropic', id: 'claude-sonnet-4-0', tier: 'large' },
  { provider: 'anthropic', id: 'claude-sonnet-4-5', tier: 'large' },
  { provider: 'anthropic', id: 'claude-sonnet-4-6', tier: 'large' },
  { provider: 'anthropic', id: 'claude-opus-4-1', tier: 'frontier' },
  { provider: 'anthropic', id: 'claude-opus-4-5', tier: 'frontier' },
  { provider: 'anthropic', id: 'claude-opus-4-6', tier: 'frontier' },
  { provider: 'anthropic', id: 'claude-opus-4-7', tier: 'frontier' },
  { provider: 'anthropic', id: 'claude-opus-4-8', tier: 'frontier' },

  { provider: 'google', id: 'gemini-3.1-flash-lite', tier: 'small', current: true },
  { provider: 'google', id: 'gemini-3.6-flash', tier: 'medium', current: true },
  { provider: 'google', id: 'gemini-2.5-pro', tier: 'large', current: true },
  { provider: 'google', id: 'gemini-3.1-pro-preview', tier: 'frontier', current: true },
  { provider: 'google', id: 'gemini-2.5-flash-lite', tier: 'small' },
  { provider: 'google', id: 'gemini-3.5-flash-lite', tier: 'small' },
  { provider: 'google', id: 'gemini-2.0-flash', tier: 'small' },
  { provider: 'google', id: 'gemini-2.5-flash', tier: 'medium' },
  { provider: 'google', id: 'gemini-3-flash-preview', tier: 'medium' },
  { provider: 'google', id: 'gemini-3.5-flash', tier: 'medium' },

  { provider: 'groq', id: 'llama-3.1-8b-instant', tier: 'small', current: true },
  { provider: 'groq', id: 'openai/gpt-oss-20b', tier: 'medium', current: true },
  { provider: 'groq', id: 'openai/gpt-oss-120b', tier: 'large', current: true },
  { provider: 'groq', id: 'moonshotai/kimi-k2-instruct', tier: 'frontier', current: true },
  { provider: 'groq', id: 'llama-3.3-70b-versatile', tier: 'large' },
  { provider: 'groq', id: 'qwen/qwen3-32b', tier: 'medium' },
  { provider: 'groq', id: 'meta-llama/llama-4-scout-17b-16e-instruct', tier: 'medium' },
  { provider: 'groq', id: 'meta-llama/llama-4-maverick-17b-128e-instruct', tier: 'large' },
];
