// What an image costs in input tokens, by each provider's published formula.

export interface ImageSize {
  width: number;
  height: number;
}

export type ImageDetail = 'low' | 'high' | 'auto';

export interface ImageTokens {
  tokens: number;
  /** False when the size was unknown: `tokens` is then the largest size the provider bills, `least` the smallest. */
  exact: boolean;
  least: number;
}

// OpenAI "Images and vision → Calculating costs". Tile models: a `low` image costs the base; a `high` one is fitted in
// 2048×2048, scaled down so its shortest side is at most 768 px, and costs base + per-tile × (512 px tiles).
const tileModels: { pattern: RegExp; base: number; tile: number }[] = [
  { pattern: /^gpt-4o-mini/, base: 2833, tile: 5667 },
  { pattern: /^(gpt-5|gpt-5-chat)/, base: 70, tile: 140 },
  { pattern: /^(o1|o3)(-|$)/, base: 75, tile: 150 },
  { pattern: /^computer-use-preview/, base: 65, tile: 129 },
  { pattern: /.*/, base: 85, tile: 170 }, // gpt-4o, gpt-4.1, gpt-4.5, gpt-4-turbo
];
// Patch models: 32 px patches, at most 1536 (the image is scaled down to fit), times a per-model multiplier.
const patchModels: { pattern: RegExp; multiplier: number }[] = [
  { pattern: /^(gpt-5-mini|gpt-4\.1-mini)/, multiplier: 1.62 },
  { pattern: /^(gpt-5-nano|gpt-4\.1-nano)/, multiplier: 2.46 },
  { pattern: /^o4-mini/, multiplier: 1.72 },
];

export function openAiImageTokens(
  model: string,
  size: ImageSize | undefined,
  detail: ImageDetail = 'auto',
): ImageTokens {
  const id = model.toLowerCase();
  const patch = patchModels.find((m) => m.pattern.test(id));
  if (patch) {
    const patches = size ? openAiPatches(size) : 1536;
    const tokens = Math.ceil(patches * patch.multiplier);
    return { tokens, exact: size !== undefined, least: size ? tokens : Math.ceil(patch.multiplier) };
  }
  const { base, tile } = tileModels.find((m) => m.pattern.test(id))!;
  if (detail === 'low') return { tokens: base, exact: true, least: base };
  // `auto` lets the model choose; counted as `high`, the larger of the two, so the figure is never an undercount.
  if (!size) return { tokens: base + tile * 8, exact: false, least: base + tile }; // 768×2048 after scaling: 2 × 4 tiles, the most possible
  let { width, height } = size;
  const fit = Math.min(1, 2048 / Math.max(width, height));
  width *= fit;
  height *= fit;
  const shortest = Math.min(1, 768 / Math.min(width, height));
  width = Math.floor(width * shortest);
  height = Math.floor(height * shortest);
  const tokens = base + tile * Math.ceil(width / 512) * Math.ceil(height / 512);
  return { tokens, exact: true, least: tokens };
}

function openAiPatches({ width, height }: ImageSize): number {
  const raw = Math.ceil(width / 32) * Math.ceil(height / 32);
  if (raw <= 1536) return raw;
  const shrink = Math.sqrt((32 * 32 * 1536) / (width * height));
  const adjusted =
    shrink *
    Math.min(
      Math.floor((width * shrink) / 32) / ((width * shrink) / 32),
      Math.floor((height * shrink) / 32) / ((height * shrink) / 32),
    );
  return Math.min(1536, Math.ceil(Math.floor(width * adjusted) / 32) * Math.ceil(Math.floor(height * adjusted) / 32));
}

// Anthropic "Vision → Evaluate image size": tokens ≈ width × height / 750, after scaling an image down (aspect kept)
// until its long edge is at most 1568 px and it is at most ~1600 tokens (1.15 megapixels).
export function anthropicImageTokens(size: ImageSize | undefined): ImageTokens {
  if (!size) return { tokens: 1600, exact: false, least: 1 };
  const scale = Math.min(
    1,
    1568 / Math.max(size.width, size.height),
    Math.sqrt(1_150_000 / (size.width * size.height)),
  );
  const tokens = Math.ceil((Math.floor(size.width * scale) * Math.floor(size.height * scale)) / 750);
  return { tokens, exact: true, least: tokens };
}

// Gemini "Image understanding → Tokens": 258 tokens when both sides are at most 384 px, else 258 per 768×768 tile.
export function geminiImageTokens(size: ImageSize | undefined): ImageTokens {
  if (!size) return { tokens: 258 * 4, exact: false, least: 258 };
  const tokens =
    size.width <= 384 && size.height <= 384 ? 258 : 258 * Math.ceil(size.width / 768) * Math.ceil(size.height / 768);
  return { tokens, exact: true, least: tokens };
}

/** The pixel size in a PNG, JPEG, GIF or WebP header, or undefined for anything else. */
export function imageSize(bytes: Uint8Array): ImageSize | undefined {
  const at = (i: number) => bytes[i] ?? 0;
  const u16be = (i: number) => (at(i) << 8) | at(i + 1);
  const u16le = (i: number) => at(i) | (at(i + 1) << 8);
  const u32be = (i: number) => ((at(i) << 24) | (at(i + 1) << 16) | (at(i + 2) << 8) | at(i + 3)) >>> 0;
  const ascii = (i: number, n: number) => String.fromCharCode(...bytes.subarray(i, i + n));
  if (at(0) === 0x89 && ascii(1, 3) === 'PNG') return { width: u32be(16), height: u32be(20) };
  if (ascii(0, 4) === 'GIF8') return { width: u16le(6), height: u16le(8) };
  if (ascii(0, 4) === 'RIFF' && ascii(8, 4) === 'WEBP') {
    const chunk = ascii(12, 4);
    if (chunk === 'VP8 ') return { width: u16le(26) & 0x3fff, height: u16le(28) & 0x3fff };
    if (chunk === 'VP8L') {
      const bits = (at(21) | (at(22) << 8) | (at(23) << 16) | (at(24) << 24)) >>> 0;
      return { width: (bits & 0x3fff) + 1, height: ((bits >>> 14) & 0x3fff) + 1 };
    }
    if (chunk === 'VP8X')
      return {
        width: 1 + (at(24) | (at(25) << 8) | (at(26) << 16)),
        height: 1 + (at(27) | (at(28) << 8) | (at(29) << 16)),
      };
    return undefined;
  }
  if (at(0) === 0xff && at(1) === 0xd8) {
    let i = 2;
    while (i + 9 < bytes.length) {
      if (at(i) !== 0xff) return undefined;
      const marker = at(i + 1);
      if (marker === 0xff) {
        i++;
        continue;
      }
      // Start-of-frame markers carry the size; 0xC4 (DHT), 0xC8 and 0xCC are not frames.
      if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
        return { width: u16be(i + 7), height: u16be(i + 5) };
      }
      i += 2 + u16be(i + 2);
    }
  }
  return undefined;
}

/** The bytes of a base64 string, decoding at most `limit` bytes (headers are near the start). */
export function base64Bytes(data: string, limit = 1 << 18): Uint8Array {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
  const out = new Uint8Array(Math.min(limit, Math.floor((data.length * 3) / 4)));
  let length = 0;
  let buffer = 0;
  let bits = 0;
  for (let i = 0; i < data.length && length < out.length; i++) {
    const value = alphabet.indexOf(data[i] === '-' ? '+' : data[i] === '_' ? '/' : data[i]);
    if (value < 0) continue; // padding, whitespace
    buffer = ((buffer << 6) | value) & 0xffffff;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[length++] = (buffer >> bits) & 0xff;
    }
  }
  return out.subarray(0, length);
}
