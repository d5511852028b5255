import { promises as fsp } from 'node:fs';
import { extname, isAbsolute, join, relative, sep } from 'node:path';
import { protocol } from 'electron';
import type { CustomScheme } from 'electron';
import { err, ok, type Result } from '../../src/shared/result';
import { APP_HOST, APP_SCHEME, CONTENT_SECURITY_POLICY } from '../../src/shared/security';
import {
  REPORT_DOCUMENT_CSP,
  REPORT_DOCUMENT_PREFIX,
  reportDocuments,
  type ReportDocuments,
} from './reportDocuments';

/** Error codes of resolveRendererPath; the handler maps them to HTTP statuses. */
export const PATH_REFUSED = 'protocol.path.refused';
export const PATH_NOT_FOUND = 'protocol.path.notFound';

/**
 * Privileges for app://, registered before `ready`. standard + secure give the renderer a real,
 * stable origin (IndexedDB, module scripts, workers); supportFetchAPI lets it fetch its own assets.
 * The CSP is never bypassed and other origins may not read app:// (no corsEnabled, no service workers).
 */
export function privilegedSchemes(): CustomScheme[] {
  return [
    {
      scheme: APP_SCHEME,
      privileges: {
        standard: true,
        secure: true,
        supportFetchAPI: true,
        bypassCSP: false,
        corsEnabled: false,
        allowServiceWorkers: false,
        stream: false,
      },
    },
  ];
}

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
  '.wasm': 'application/wasm',
  '.txt': 'text/plain; charset=utf-8',
};

/** Content-Type by extension; unknown types are served as opaque bytes (with nosniff). */
export function contentTypeFor(filePath: string): string {
  return CONTENT_TYPES[extname(filePath).toLowerCase()] ?? 'application/octet-stream';
}

/** Headers on every app:// response, including errors. */
export function securityHeaders(): Record<string, string> {
  return {
    'Content-Security-Policy': CONTENT_SECURITY_POLICY,
    'X-Content-Type-Options': 'nosniff',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Referrer-Policy': 'no-referrer',
  };
}

function refused(reason: string): Result<never> {
  return err(PATH_REFUSED, `Refused app:// path: ${reason}.`);
}

/**
 * Splits the raw URL string into host and path. Deliberately done on the raw text rather than with
 * `new URL`, which would silently normalise `..` and `%2e%2e` away and hide the attempt.
 */
function splitAppUrl(requestUrl: string): Result<string> {
  const prefix = `${APP_SCHEME}://`;
  if (requestUrl.slice(0, prefix.length).toLowerCase() !== prefix)
    return refused('not an app:// URL');
  const rest = requestUrl.slice(prefix.length);
  const hostEnd = rest.search(/[/?#\\]/);
  const host = hostEnd === -1 ? rest : rest.slice(0, hostEnd);
  // Exact host: no user info, no port, nothing but `casefile` (Chromium lowercases standard hosts).
  if (host.toLowerCase() !== APP_HOST) return refused(`unknown host "${host}"`);
  const afterHost = hostEnd === -1 ? '' : rest.slice(hostEnd);
  const queryStart = afterHost.search(/[?#]/);
  return ok(queryStart === -1 ? afterHost : afterHost.slice(0, queryStart));
}

/** Checks the still-encoded path and returns its decoded segments ([] for the root). */
function pathSegments(rawPath: string): Result<string[]> {
  if (rawPath.includes('\0') || /%00/i.test(rawPath)) return refused('NUL byte in path');
  if (rawPath.includes('\\')) return refused('backslash in path');
  if (/%(2f|5c)/i.test(rawPath)) return refused('encoded slash or backslash in path');
  // Built assets never need an encoded dot; it only ever serves to smuggle `..` past a check.
  if (/%2e/i.test(rawPath)) return refused('encoded dot in path');
  if (rawPath === '' || rawPath === '/') return ok([]);
  if (!rawPath.startsWith('/')) return refused('path does not start with "/"');
  if (rawPath.startsWith('//')) return refused('absolute path');

  const segments: string[] = [];
  for (const encoded of rawPath.slice(1).split('/')) {
    let segment: string;
    try {
      segment = decodeURIComponent(encoded);
    } catch {
      return refused('malformed percent-encoding');
    }
    if (segment === '') return refused('empty path segment');
    if (segment === '.' || segment === '..') return refused('"." or ".." segment');
    if (hasControlCharacter(segment)) return refused('control character in path');
    if (/[/\\:]/.test(segment)) return refused('drive letter, colon or separator in path');
    segments.push(segment);
  }
  return ok(segments);
}

function hasControlCharacter(text: string): boolean {
  for (let i = 0; i < text.length; i += 1) {
    const code = text.charCodeAt(i);
    if (code < 0x20 || code === 0x7f) return true;
  }
  return false;
}

function isInside(root: string, candidate: string): boolean {
  const rel = relative(root, candidate);
  return rel !== '' && rel !== '..' && !rel.startsWith(`..${sep}`) && !isAbsolute(rel);
}

const NOT_FOUND: Result<never> = err(PATH_NOT_FOUND, 'No such app file.');

/**
 * Maps an app:// URL to a regular file inside `rendererRoot`, or refuses it. The lexical checks stop
 * traversal in the URL; the realpath check stops symlinks that lead out of the renderer folder.
 */
export async function resolveRendererPath(
  rendererRoot: string,
  requestUrl: string,
): Promise<Result<string>> {
  const rawPath = splitAppUrl(requestUrl);
  if (!rawPath.ok) return rawPath;
  const segments = pathSegments(rawPath.value);
  if (!segments.ok) return segments;

  const candidate = join(
    rendererRoot,
    ...(segments.value.length === 0 ? ['index.html'] : segments.value),
  );
  if (!isInside(rendererRoot, candidate)) return refused('path leaves the app folder');

  let realFile: string;
  let isFile: boolean;
  try {
    const realRoot = await fsp.realpath(rendererRoot);
    realFile = await fsp.realpath(candidate);
    if (!isInside(realRoot, realFile)) return refused('path resolves outside the app folder');
    isFile = (await fsp.stat(realFile)).isFile();
  } catch {
    // Missing, unreadable, a symlink loop...: nothing to serve, and no file-system detail to leak.
    return NOT_FOUND;
  }
  return isFile ? ok(realFile) : NOT_FOUND;
}

function textResponse(status: number, message: string): Response {
  return new Response(message, {
    status,
    headers: { ...securityHeaders(), 'Content-Type': 'text/plain; charset=utf-8' },
  });
}

/** A one-time report document (for the PDF printer), with the report's own CSP; then gone. */
function reportDocumentResponse(
  request: Request,
  path: string,
  documents: ReportDocuments,
): Response {
  // Only the print window's load may consume it.
  if (request.method !== 'GET') return textResponse(405, 'Method not allowed.');
  const html = documents.take(path);
  if (html === undefined) return textResponse(404, 'No such report document.');
  return new Response(html, {
    status: 200,
    headers: {
      ...securityHeaders(),
      'Content-Security-Policy': REPORT_DOCUMENT_CSP,
      'Content-Type': 'text/html; charset=utf-8',
      'Cache-Control': 'no-store',
    },
  });
}

/**
 * The app:// request handler: files from `rendererRoot` only, never a fallback to file://, plus
 * the one-time report documents the PDF printer puts in `documents`.
 */
export function createAppProtocolHandler(
  rendererRoot: string,
  documents: ReportDocuments = reportDocuments,
): (request: Request) => Promise<Response> {
  return async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      return textResponse(405, 'Method not allowed.');
    }
    try {
      const rawPath = splitAppUrl(request.url);
      if (rawPath.ok && rawPath.value.startsWith(REPORT_DOCUMENT_PREFIX)) {
        return reportDocumentResponse(request, rawPath.value, documents);
      }
      const resolved = await resolveRendererPath(rendererRoot, request.url);
      if (!resolved.ok) {
        const status = resolved.error.code === PATH_REFUSED ? 403 : 404;
        return textResponse(status, resolved.error.message);
      }
      const body = await fsp.readFile(resolved.value);
      return new Response(request.method === 'HEAD' ? null : new Uint8Array(body), {
        status: 200,
        headers: {
          ...securityHeaders(),
          'Content-Type': contentTypeFor(resolved.value),
          'Content-Length': String(body.byteLength),
        },
      });
    } catch {
      return textResponse(500, 'Could not read the app file.');
    }
  };
}

/** Serves app:// on the default session. Call after `ready`. */
export function registerAppProtocol(rendererRoot: string): void {
  protocol.handle(APP_SCHEME, createAppProtocolHandler(rendererRoot));
}
