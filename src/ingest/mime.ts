/**
 * Cheap checks on a raw e-mail made before postal-mime sees it, so a hostile message costs one
 * linear pass over its bytes: is it an RFC 822 message at all, and how many MIME parts and how
 * deep a nesting would the parser build? The structure scan mirrors postal-mime 4's own reading
 * (lines split at LF with trailing CRs dropped; a boundary becomes active when the header block
 * of the multipart part declaring it ends; delimiter lines are matched innermost boundary first)
 * so it counts the parts the parser would create, without building any of them.
 */

/** postal-mime's default cap on header bytes across all parts; passed to it explicitly too. */
export const MAX_HEADER_BYTES = 2 * 1024 * 1024;

const LF = 0x0a;
const CR = 0x0d;
const DASH = 0x2d;
const SPACE = 0x20;
const TAB = 0x09;

export interface MimeScanLimits {
  readonly maxParts: number;
  readonly maxDepth: number;
  readonly maxHeaderBytes: number;
}

export type MimeScan =
  | { readonly ok: true; readonly parts: number; readonly depth: number }
  | { readonly ok: false; readonly problem: 'tooManyParts' | 'tooDeep' | 'headersTooLarge' };

interface ActiveBoundary {
  readonly value: Uint8Array;
  /** Depth of the multipart part that declared it (the root message is depth 0). */
  readonly depth: number;
}

// ignoreBOM as in postal-mime: a U+FEFF at the start of a header line stays a character.
const headerDecoder = new TextDecoder('utf-8', { ignoreBOM: true });
const encoder = new TextEncoder();

/** End of the line starting at `start` without its trailing CRs, and where the next line starts. */
function lineAt(bytes: Uint8Array, start: number): { end: number; next: number } {
  const newline = bytes.indexOf(LF, start);
  const next = newline === -1 ? bytes.length : newline + 1;
  let end = newline === -1 ? bytes.length : newline;
  while (end > start && bytes[end - 1] === CR) end -= 1;
  return { end, next };
}

/**
 * Counts the MIME parts and the nesting depth postal-mime would build, stopping at the first
 * limit crossed. Linear in the size of the message (times the boundary stack, which the depth
 * limit keeps short); never recursive.
 */
export function scanMimeStructure(bytes: Uint8Array, limits: MimeScanLimits): MimeScan {
  const stack: ActiveBoundary[] = [];
  let parts = 0;
  let deepest = 0;
  let depth = 0;
  let inHeader = true;
  let headerBytes = 0;
  // Header fields of the current block, each as its (folded) lines; only until Content-Type is met.
  let field: string[] | undefined;
  let contentType: string | undefined;

  const closeField = () => {
    if (field !== undefined && contentType === undefined) {
      const unfolded = field.join('');
      const sep = unfolded.indexOf(':');
      const key = trimWsp(sep < 0 ? unfolded : unfolded.slice(0, sep)).toLowerCase();
      if (key === 'content-type') {
        contentType = sep < 0 ? '' : trimWsp(unfolded.slice(sep + 1).replace(/[\r\n]+/g, ' '));
      }
    }
    field = undefined;
  };
  const startPart = (partDepth: number) => {
    depth = partDepth;
    inHeader = true;
    field = undefined;
    contentType = undefined;
  };

  let pos = 0;
  while (pos < bytes.length) {
    const start = pos;
    const { end, next } = lineAt(bytes, start);
    pos = next;
    const length = end - start;

    if (stack.length > 0 && length > 2 && bytes[start] === DASH && bytes[start + 1] === DASH) {
      const hit = matchDelimiter(bytes, start, end, stack);
      if (hit !== undefined) {
        const boundary = stack[hit.index]!;
        if (hit.terminator) {
          // The multipart is closed; what follows is its parent's epilogue (body, not headers).
          stack.length = hit.index;
          depth = Math.max(0, boundary.depth - 1);
          inHeader = false;
          field = undefined;
        } else {
          // A new part of this multipart; any deeper multipart still open is closed with it.
          stack.length = hit.index + 1;
          const partDepth = boundary.depth + 1;
          if (partDepth > limits.maxDepth) return { ok: false, problem: 'tooDeep' };
          parts += 1;
          if (parts > limits.maxParts) return { ok: false, problem: 'tooManyParts' };
          deepest = Math.max(deepest, partDepth);
          startPart(partDepth);
        }
        continue;
      }
    }

    if (!inHeader) continue;
    if (length === 0) {
      closeField();
      inHeader = false;
      const boundary = contentType === undefined ? undefined : multipartBoundary(contentType);
      if (boundary) stack.push({ value: encoder.encode(boundary), depth });
      continue;
    }
    headerBytes += length;
    if (headerBytes > limits.maxHeaderBytes) return { ok: false, problem: 'headersTooLarge' };
    // Folded lines (leading SP/HTAB) continue the field before them; the first line of a block
    // starts a field even when indented, as in postal-mime.
    const folded = bytes[start] === SPACE || bytes[start] === TAB;
    if (!folded || field === undefined) {
      closeField();
      field = [];
    }
    // Only the first Content-Type counts; once it is known no more header text is decoded.
    if (contentType === undefined) field.push(headerDecoder.decode(bytes.subarray(start, end)));
  }
  return { ok: true, parts, depth: deepest };
}

/** Which active boundary (innermost first) a "--…" line delimits, as postal-mime decides it. */
function matchDelimiter(
  bytes: Uint8Array,
  start: number,
  end: number,
  stack: readonly ActiveBoundary[],
): { index: number; terminator: boolean } | undefined {
  const length = end - start;
  for (let index = stack.length - 1; index >= 0; index -= 1) {
    const value = stack[index]!.value;
    if (length < value.length + 2) continue;
    let matches = true;
    for (let j = 0; j < value.length; j += 1) {
      if (bytes[start + 2 + j] !== value[j]) {
        matches = false;
        break;
      }
    }
    if (!matches) continue;
    let boundaryEnd = value.length + 2;
    const terminator =
      length >= value.length + 4 &&
      bytes[start + value.length + 2] === DASH &&
      bytes[start + value.length + 3] === DASH;
    if (terminator) boundaryEnd += 2;
    // RFC 2046 allows trailing white space after a delimiter, nothing else.
    let trailingOk = true;
    for (let j = start + boundaryEnd; j < end; j += 1) {
      if (bytes[j] !== SPACE && bytes[j] !== TAB) {
        trailingOk = false;
        break;
      }
    }
    if (trailingOk) return { index, terminator };
  }
  return undefined;
}

/** Field names that mark a header block as an e-mail's (any one is enough). */
const MESSAGE_HEADERS = new Set([
  'from',
  'sender',
  'to',
  'cc',
  'bcc',
  'reply-to',
  'date',
  'subject',
  'message-id',
  'content-type',
  'mime-version',
  'received',
  'return-path',
]);

/** An RFC 5322 field name (printable ASCII but ':'), optional obsolete white space, then ':'. */
const FIELD_LINE = /^([\x21-\x39\x3B-\x7E]+)[ \t]*:/;

/**
 * Why these bytes are not an RFC 822 message, or undefined when they plausibly are. The rule:
 * the header block (the lines before the first empty line, or the whole file if there is none)
 * must (1) exist, i.e. the file may not start with an empty line; (2) hold no NUL byte, which no
 * text header carries; (3) start with a `Name: value` field line, after an optional UTF-8 BOM
 * and an optional mbox `From ` separator line; and (4) contain at least one field an e-mail has
 * (From, To, Cc, Date, Subject, Message-ID, Content-Type, MIME-Version, Received, …). Anything
 * else (junk lines among the headers, a block cut off mid-line, no body) is left to postal-mime,
 * which copes, so real mail is not refused for being untidy.
 */
export function headerBlockProblem(bytes: Uint8Array): string | undefined {
  let pos = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  let lines = 0;
  let headerLines = 0;
  let known = false;
  while (pos < bytes.length) {
    const start = pos;
    const { end, next } = lineAt(bytes, start);
    pos = next;
    lines += 1;
    if (end === start) {
      if (lines === 1) return 'it starts with a blank line, so it has no header block';
      break;
    }
    if (bytes.subarray(start, end).includes(0)) {
      return 'its header block contains binary data (NUL bytes)';
    }
    // Only the start of a line matters: field names are short, and this keeps junk lines cheap.
    const head = latin1(bytes, start, Math.min(end, start + 80));
    // An mbox export may keep its "From sender date" separator line above the headers.
    if (lines === 1 && head.startsWith('From ')) continue;
    const name = FIELD_LINE.exec(head)?.[1]?.toLowerCase();
    if (headerLines === 0 && name === undefined) {
      return 'its first line is not a "Name: value" header, so it has no header block';
    }
    headerLines += 1;
    if (name !== undefined && MESSAGE_HEADERS.has(name)) known = true;
  }
  if (headerLines === 0) return 'it has no header block';
  if (!known) {
    return 'its header block has none of the fields an e-mail carries (From, To, Date, Subject, Message-ID, Content-Type)';
  }
  return undefined;
}

function latin1(bytes: Uint8Array, start: number, end: number): string {
  let text = '';
  for (let i = start; i < end; i += 1) text += String.fromCharCode(bytes[i]!);
  return text;
}

// Only the white space RFC 5322 allows around a field name (as postal-mime trims it).
function trimWsp(text: string): string {
  let start = 0;
  let end = text.length;
  while (start < end && (text[start] === ' ' || text[start] === '\t')) start += 1;
  while (end > start && (text[end - 1] === ' ' || text[end - 1] === '\t')) end -= 1;
  return text.slice(start, end);
}

/**
 * The boundary of a multipart Content-Type value, or undefined when it is not multipart or names
 * none. Follows postal-mime's structured-header reading (comments, quoted strings, first
 * occurrence wins, RFC 2231 continuations) so both see the same boundary.
 */
export function multipartBoundary(contentType: string): string | undefined {
  const { value, params } = parseStructuredHeader(contentType);
  if (!/^multipart\//i.test(value)) return undefined;
  const boundary = params.get('boundary');
  return boundary ? boundary : undefined;
}

interface StructuredHeader {
  readonly value: string;
  readonly params: Map<string, string>;
}

/** Drops RFC 822 comments, except a '(' inside a parameter value that does not follow space. */
function stripComments(text: string): string {
  let result = '';
  let depth = 0;
  let escaped = false;
  let inQuote = false;
  let commentStart = -1;
  let inParameterValue = false;
  let endsWithWsp = false;
  const append = (c: string) => {
    result += c;
    endsWithWsp = c === ' ' || c === '\t';
  };
  for (let i = 0; i < text.length; i += 1) {
    const chr = text.charAt(i);
    if (escaped) {
      if (depth === 0) append(chr);
      escaped = false;
      continue;
    }
    if (chr === '\\') {
      escaped = true;
      if (depth === 0) append(chr);
      continue;
    }
    if (chr === '"' && depth === 0) {
      inQuote = !inQuote;
      append(chr);
      continue;
    }
    if (!inQuote) {
      if (chr === '(' && (!inParameterValue || result.length === 0 || endsWithWsp)) {
        if (depth === 0) commentStart = i;
        depth += 1;
        continue;
      }
      if (chr === ')' && depth > 0) {
        depth -= 1;
        continue;
      }
      if (depth === 0) {
        if (chr === '=') inParameterValue = true;
        else if (chr === ';') inParameterValue = false;
      }
    }
    if (depth === 0) append(chr);
  }
  if (depth === 0) return result;
  // An unbalanced '(' is not a comment when parameters follow it.
  return text.indexOf(';', commentStart) < 0 ? result : text;
}

function parseStructuredHeader(raw: string): StructuredHeader {
  const text = stripComments(raw);
  const params = new Map<string, string>();
  let headValue = '';
  let key: string | undefined;
  let value = '';
  let stage: 'key' | 'value' = 'value';
  let pendingSpace = '';
  let quoteClosed = false;
  let quote = false;
  let escaped = false;

  const addChr = (c: string) => {
    if (value.length > 0) value += pendingSpace;
    pendingSpace = '';
    value += c;
  };
  const takeValue = () => {
    const result = value;
    value = '';
    pendingSpace = '';
    quoteClosed = false;
    return result;
  };
  const storeParam = (name: string, result: string) => {
    if (!params.has(name)) params.set(name, result);
  };
  const storeValue = () => {
    const result = takeValue();
    if (key === undefined) headValue = result;
    else storeParam(key, result);
  };
  const storeEmptyKey = () => {
    const name = takeValue().trim();
    if (name) storeParam(name.toLowerCase(), '');
  };

  for (let i = 0; i < text.length; i += 1) {
    const chr = text.charAt(i);
    if (stage === 'key') {
      if (chr === '=') {
        key = takeValue().trim().toLowerCase();
        stage = 'value';
      } else if (chr === ';') {
        storeEmptyKey();
      } else {
        value += chr;
      }
      continue;
    }
    if (escaped) {
      addChr(chr);
    } else if (quote && chr === '\\') {
      escaped = true;
      continue;
    } else if (quote && chr === '"') {
      quote = false;
      quoteClosed = true;
    } else if (!quote && chr === '"') {
      quote = true;
      if (value.length > 0) value += pendingSpace;
      pendingSpace = '';
    } else if (!quote && chr === ';') {
      storeValue();
      stage = 'key';
    } else if (!quote && (chr === ' ' || chr === '\t')) {
      pendingSpace += chr;
    } else if (!quoteClosed) {
      addChr(chr);
    }
    escaped = false;
  }
  if (stage === 'value') storeValue();
  else storeEmptyKey();

  joinContinuations(params);
  return { value: headValue.toLowerCase(), params };
}

/** RFC 2231: `name*0=…; name*1*=…` become one `name`, percent-decoded where marked with '*'. */
function joinContinuations(params: Map<string, string>): void {
  const sections = new Map<
    string,
    { charset: string | undefined; values: { nr: number; value: string; encoded: boolean }[] }
  >();
  for (const [name, raw] of [...params]) {
    const match = /\*((\d+)\*?)?$/.exec(name);
    if (!match) continue;
    const actual = name.slice(0, match.index).toLowerCase();
    const nr = Number(match[2]) || 0;
    let entry = sections.get(actual);
    if (!entry) {
      entry = { charset: undefined, values: [] };
      sections.set(actual, entry);
    }
    let value = raw;
    const encoded = match[0].endsWith('*');
    const charsetMatch = nr === 0 && encoded ? /^([^']*)'[^']*'(.*)$/.exec(value) : null;
    if (charsetMatch) {
      entry.charset = charsetMatch[1] || 'utf-8';
      value = charsetMatch[2] ?? '';
    }
    entry.values.push({ nr, value, encoded });
    params.delete(name);
  }
  for (const [name, entry] of sections) {
    let result = '';
    let pending = '';
    for (const part of entry.values.sort((a, b) => a.nr - b.nr)) {
      if (part.encoded) {
        pending += part.value;
        continue;
      }
      if (pending) result += percentDecode(pending, entry.charset);
      pending = '';
      result += part.value;
    }
    if (pending) result += percentDecode(pending, entry.charset);
    params.set(name, result);
  }
}

function percentDecode(text: string, charset: string | undefined): string {
  const out: number[] = [];
  for (let i = 0; i < text.length; i += 1) {
    const high = text[i] === '%' ? hexNibble(text.charCodeAt(i + 1)) : -1;
    const low = high >= 0 ? hexNibble(text.charCodeAt(i + 2)) : -1;
    if (low >= 0) {
      out.push((high << 4) | low);
      i += 2;
    } else if (text.charCodeAt(i) > 126) {
      out.push(...encoder.encode(text.charAt(i)));
    } else {
      out.push(text.charCodeAt(i));
    }
  }
  return decoderFor(charset).decode(new Uint8Array(out));
}

function decoderFor(charset: string | undefined): TextDecoder {
  try {
    return new TextDecoder((charset ?? 'utf-8').trim().toLowerCase());
  } catch {
    return new TextDecoder('windows-1252');
  }
}

function hexNibble(c: number): number {
  if (c >= 0x30 && c <= 0x39) return c - 0x30;
  if (c >= 0x61 && c <= 0x66) return c - 0x61 + 10;
  if (c >= 0x41 && c <= 0x46) return c - 0x41 + 10;
  return -1;
}
