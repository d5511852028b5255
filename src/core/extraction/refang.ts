import { isDomain, isEmail } from './validators';

/**
 * Undoes common "defanging" of indicators in threat reports (hxxp, [.], (dot), [@], …) so they
 * can be extracted and matched. Conservative by design: a rewrite happens only where the marker
 * is unmistakable, or where the rewritten text validates as a domain or e-mail address, so prose
 * such as "dot the i's", "the dot com bubble", "use [.] or [,]" or `a[:]` stays as it is.
 *
 * Rules, in order:
 * 1. `hxxp`, `hXXp`, `hxxps`, `fxp` (any case) → http/https/ftp, only right before `:` or `[:`.
 * 2. `[://]` → `://`; `[:]` → `:` only before `//` or a digit (a port).
 * 3. `[.]`, `(.)`, `{.}`, `[dot]`, `(dot)`, `{dot}` and `\.` → `.` when written tight between
 *    label characters (`evil[.]com`, `192[.]168[.]1[.]1`).
 * 4. Spaced separators are rewritten only for a chain that becomes a valid public domain:
 *    `example [dot] com`, `example (dot) com` and `example DOT com` need one separator; plain
 *    lower/mixed-case `dot` needs at least two (`www dot evil dot com`), because "the dot com
 *    bubble" is prose.
 * 5. `[at]`, `(at)`, `{at}`, `[@]`, `(@)`, `{@}` (optionally spaced) → `@` when the result is a
 *    valid e-mail address. A bare word "at" is never rewritten.
 */
export function refang(text: string): string {
  // Most candidates carry no defanging at all: skip the rewrites (a hot path of scanIndicators).
  if (!MAY_BE_DEFANGED.test(text)) return text;
  let out = text;
  out = out
    .replace(/\bhxxp(s?)(?=\[?:)/gi, (_, s: string) => `http${s.toLowerCase()}`)
    .replace(/\bfxp(?=\[?:)/gi, 'ftp');
  out = out.replace(/\[:\/\/\]/g, '://').replace(/\[:\](?=\/\/|\d)/g, ':');
  out = out.replace(TIGHT_DOT, '.');
  out = out.replace(SPACED_CHAIN, refangChain);
  out = out.replace(DEFANGED_EMAIL, (match, local: string, domain: string) => {
    const address = `${local}@${domain}`;
    return isEmail(address) ? address : match;
  });
  return out;
}

/** Every rule below needs one of these: a bracket, a backslash, "xxp"/"fxp" or "dot". */
const MAY_BE_DEFANGED = /[[({\\]|xxp|fxp|dot/i;

const LABEL_CHAR = '[A-Za-z0-9-]';
const LABEL = '[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?';
/** One or more labels already joined by real dots (earlier rules may have produced them). */
const LABELS = `${LABEL}(?:\\.${LABEL})*`;

const TIGHT_DOT = new RegExp(
  `(?<=${LABEL_CHAR})(?:\\[(?:\\.|dot)\\]|\\((?:\\.|dot)\\)|\\{(?:\\.|dot)\\}|\\\\\\.)(?=${LABEL_CHAR})`,
  'gi',
);

const BRACKETED_DOT = ' ?(?:\\[dot\\]|\\(dot\\)|\\{dot\\}) ?';
const PLAIN_DOT = ' dot ';
const SEPARATOR = new RegExp(`${BRACKETED_DOT}|${PLAIN_DOT}`, 'gi');
const SPACED_CHAIN = new RegExp(
  `(?<![A-Za-z0-9.-])${LABELS}(?:(?:${BRACKETED_DOT}|${PLAIN_DOT})${LABELS})+(?!${LABEL_CHAR})`,
  'gi',
);

function refangChain(chain: string): string {
  const separators = chain.match(SEPARATOR) ?? [];
  // Plain lower/mixed-case "dot" is ordinary English; demand two of them before trusting it.
  const weak = separators.filter((sep) => sep.trim().toLowerCase() === 'dot' && sep !== ' DOT ');
  if (weak.length > 0 && separators.length < 2) return chain;
  const joined = chain.replace(SEPARATOR, '.');
  return isDomain(joined) ? joined : chain;
}

const ATEXT = "[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]";
const DEFANGED_EMAIL = new RegExp(
  `(?<!${ATEXT}|\\.)(${ATEXT}+(?:\\.${ATEXT}+)*) ?(?:\\[(?:at|@)\\]|\\((?:at|@)\\)|\\{(?:at|@)\\}) ?(${LABELS})(?!${LABEL_CHAR})`,
  'gi',
);
