// Personal data written into a prompt (an email address, a phone number) goes to the provider on every call and
// usually means test data or a real customer's details were pasted in. Deliberately not flagged: addresses at the
// domains reserved for documentation (example.com/.org/.net, *.example, *.test, *.invalid, localhost; RFC 2606)
// and the 555-0100…555-0199 numbers reserved for fiction, so documentation-style samples stay quiet.
import type { FindingDraft, Rule } from '../types';

const email = /\b[A-Za-z0-9._%+-]+@((?:[A-Za-z0-9-]+\.)+[A-Za-z]{2,})\b/g;
/** International (+CC …) numbers, or North-American style with separators: 555-123-4567, (555) 123-4567. */
const phone =
  /(?<![\w.])(?:\+\d{1,3}[ .-]?(?:\(\d{1,4}\)[ .-]?)?\d{2,4}(?:[ .-]\d{2,4}){2,4}|\(\d{3}\) ?\d{3}[ .-]\d{4}|\d{3}[.-]\d{3}[.-]\d{4})(?!\w|\.\d)/g;

const reservedDomain = /(^|\.)(example\.(com|org|net)|example|test|invalid|localhost)$/i;
const fictionalNumber = /555[ .-]?01\d\d$/;

export const personalData: Rule = {
  id: 'personal-data',
  defaultSeverity: 'warning',
  summary: 'An email address or phone number written into prompt text',
  waste: false,
  check(context) {
    const findings: FindingDraft[] = [];
    for (const view of context.parts) {
      const text = view.part.text;
      for (const match of text.matchAll(email)) {
        if (reservedDomain.test(match[1]!)) continue;
        findings.push({
          message: `Email address in the prompt (${mask(match[0])}): personal data is sent to the provider on every call. Pass it as a variable only when the task needs it.`,
          range: context.partRange(view, match.index, match.index + match[0].length),
        });
      }
      for (const match of text.matchAll(phone)) {
        if (fictionalNumber.test(match[0]) || match[0].replace(/\D/g, '').length < 9) continue;
        findings.push({
          message: `Phone number in the prompt (${mask(match[0])}): personal data is sent to the provider on every call.`,
          range: context.partRange(view, match.index, match.index + match[0].length),
        });
      }
    }
    return findings;
  },
};

function mask(value: string): string {
  return `${value.slice(0, 3)}…`;
}
