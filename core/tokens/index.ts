export { encodingNames, type EncodingName } from './ranks';
export { getEncoding, type Encoding } from './bpe';
