// Every audit rule, in the order their findings are reported for the same position. Add a rule here and it is
// checked, documented in `tokenwise audit --rules`, listed in SARIF and configurable in the policy file.
import type { Rule } from '../types';
import { cacheUnfriendlyOrder } from './cacheUnfriendlyOrder';
import { cheaperEquivalentModel } from './cheaperEquivalentModel';
import { contextOverflowRisk } from './contextOverflowRisk';
import { duplicateInstruction } from './duplicateInstruction';
import { fewShotHeavy } from './fewShotHeavy';
import { frontierForSimpleTask } from './frontierForSimpleTask';
import { inefficientPayload } from './inefficientPayload';
import { noOutputCap } from './noOutputCap';
import { personalData } from './personalData';
import { secretInPrompt } from './secretInPrompt';
import { unapprovedModel } from './unapprovedModel';
import { unboundedContext } from './unboundedContext';
import { unboundedRetry } from './unboundedRetry';
import { whitespaceWaste } from './whitespaceWaste';

export const rules: readonly Rule[] = [
  secretInPrompt,
  personalData,
  unapprovedModel,
  contextOverflowRisk,
  unboundedContext,
  unboundedRetry,
  noOutputCap,
  frontierForSimpleTask,
  cheaperEquivalentModel,
  cacheUnfriendlyOrder,
  duplicateInstruction,
  inefficientPayload,
  fewShotHeavy,
  whitespaceWaste,
];
