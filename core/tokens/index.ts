export { encodingNames, type EncodingName } from './ranks';
export { getEncoding, type Encoding } from './bpe';
export { countsAlike, resolveTokenizer, UnknownModelError, type ResolveOptions, type Tokenizer } from './models';
export { addCounts, addRawCount, countTokens, scaleCount, scaleKindCounts, type TokenCount } from './count';
export { noCounts, type KindCounts } from './scripts';
export { countChatRequest, ChatRequestError, messageFraming, type ChatTokenCount, type MessageFraming } from './chat';
export {
  anthropicImageTokens,
  geminiImageTokens,
  imageSize,
  openAiImageTokens,
  type ImageDetail,
  type ImageSize,
  type ImageTokens,
} from './images';
export {
  ExactCountConfigError,
  ExactTokenCounter,
  fnv1a64,
  type ExactCountConfig,
  type ExactCountProvider,
} from './remote';
export { baseUrlProblem, officialBaseUrls } from './baseUrl';
