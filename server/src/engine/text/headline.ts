/**
 * A finding's message is a headline the Problems panel can show whole; the explanation (why, and
 * what to do) is its detail, shown in the hover, the JSON and the SARIF. A rule may give both; a
 * message given as one text is split after its first sentence.
 */
export interface Headlined {
  readonly headline: string;
  readonly detail?: string;
}

/** What the Problems panel shows in one line of a usual width: headlines aim to stay within it. */
export const HEADLINE_LENGTH = 100;

/** The end of the first sentence: a full stop (or ! ?) before a space and a capital, a quote or a bracket. */
const FIRST_SENTENCE_END = /[.!?](?=\s+["'`(A-Z])/;

export function headlineOf(message: string, detail?: string): Headlined {
  if (detail !== undefined) return detail.trim() === '' ? { headline: message } : { headline: message, detail };
  const end = FIRST_SENTENCE_END.exec(message);
  if (!end) return { headline: message };
  const rest = message.slice(end.index + 1).trim();
  return rest === '' ? { headline: message } : { headline: message.slice(0, end.index + 1), detail: rest };
}

/** The headline and its detail as one text, for outputs read without a hover (SARIF, HTML). */
export function fullMessage(finding: { readonly message: string; readonly detail?: string }): string {
  return finding.detail === undefined ? finding.message : `${finding.message} ${finding.detail}`;
}
