export { encodingNames, type EncodingName } from './ranks';
export { getEncoding, type Encoding } from './bpe';
export { resolveTokenizer, UnknownModelError, type ResolveOptions, type Tokenizer } from './models';
export { countTokens, scaleCount, type TokenCount } from './count';
export { countChatRequest, ChatRequestError, type ChatTokenCount } from './chat';
export { anthropicImageTokens, geminiImageTokens, imageSize, openAiImageTokens, type ImageDetail, type ImageSize, type ImageTokens } from './images';
export { ExactCountConfigError, ExactTokenCounter, fnv1a64, type ExactCountConfig, type ExactCountProvider } from './remote';
export { baseUrlProblem, officialBaseUrls } from './baseUrl';
