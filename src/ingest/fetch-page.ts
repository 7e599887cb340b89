import { FriendlyError } from '../errors.ts';
import { decodeHtml } from '../corpus/html.ts';
import { MAX_HTML_BYTES } from '../corpus/files.ts';

/** Why a page could not be fetched; `kind` lets callers and tests tell the cases apart. */
export class FetchPageError extends FriendlyError {
  override name = 'FetchPageError';
  constructor(
    message: string,
    readonly kind: 'bad-url' | 'offline' | 'timeout' | 'http' | 'not-html' | 'too-large' | 'redirects',
  ) {
    super(message);
  }
}

export interface FetchedPage {
  /** Where the page was finally found, after redirects. */
  url: string;
  html: string;
}

export interface FetchOptions {
  /** For the whole fetch: connection, redirects and body. */
  timeoutMs?: number;
  maxBytes?: number;
  maxRedirects?: number;
}

const HTML_TYPES = /^(text\/html|application\/xhtml\+xml)\b/i;
const NETWORK_CODES = new Set([
  'ENOTFOUND',
  'EAI_AGAIN',
  'ECONNREFUSED',
  'ECONNRESET',
  'ENETUNREACH',
  'EHOSTUNREACH',
  'ETIMEDOUT',
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_SOCKET',
]);

function parseUrl(value: string, base?: string): URL {
  let url: URL;
  try {
    url = new URL(value, base);
  } catch {
    throw new FetchPageError(`${value} is not a valid URL`, 'bad-url');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new FetchPageError(`${value}: only http and https URLs can be fetched`, 'bad-url');
  return url;
}

async function readBounded(response: Response, maxBytes: number, url: string): Promise<Uint8Array> {
  const declared = Number(response.headers.get('content-length'));
  if (declared > maxBytes)
    throw new FetchPageError(
      `${url}: the page is too large (${(declared / 1e6).toFixed(1)} MB; the limit is ${maxBytes / 1e6} MB)`,
      'too-large',
    );
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = response.body!.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel();
      throw new FetchPageError(`${url}: the page is too large (over ${maxBytes / 1e6} MB)`, 'too-large');
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks);
}

/**
 * Fetches one HTML page: a timeout for the whole exchange, redirects followed by hand and bounded, the body read
 * up to a byte limit, only HTML accepted. Errors are FetchPageErrors with a message for the user.
 */
export async function fetchPage(
  address: string,
  { timeoutMs = 15_000, maxBytes = MAX_HTML_BYTES, maxRedirects = 5 }: FetchOptions = {},
): Promise<FetchedPage> {
  let url = parseUrl(address);
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  try {
    for (let redirects = 0; ; redirects++) {
      let response: Response;
      try {
        response = await fetch(url, {
          redirect: 'manual',
          signal: controller.signal,
          headers: {
            accept: 'text/html,application/xhtml+xml;q=0.9,*/*;q=0.1',
            'user-agent': 'Dossier/0.1 (news article reader)',
          },
        });
      } catch (error) {
        if (controller.signal.aborted)
          throw new FetchPageError(`${url.href}: no answer within ${timeoutMs / 1000} s`, 'timeout');
        const cause = (error as { cause?: { code?: string } }).cause;
        const code = cause?.code ?? '';
        if (NETWORK_CODES.has(code))
          throw new FetchPageError(
            `cannot reach ${url.host} (${code}): are you offline? Save the page and add the file instead`,
            'offline',
          );
        throw new FetchPageError(
          `cannot fetch ${url.href}: ${(error as Error).message}${code ? ` (${code})` : ''}`,
          'offline',
        );
      }
      if (response.status >= 300 && response.status < 400 && response.headers.has('location')) {
        await response.body?.cancel();
        if (redirects >= maxRedirects)
          throw new FetchPageError(`${address}: more than ${maxRedirects} redirects`, 'redirects');
        url = parseUrl(response.headers.get('location')!, url.href);
        continue;
      }
      if (!response.ok) {
        await response.body?.cancel();
        throw new FetchPageError(
          `${url.href}: the server answered ${response.status} ${response.statusText}`.trim(),
          'http',
        );
      }
      const contentType = response.headers.get('content-type') ?? '';
      if (!HTML_TYPES.test(contentType)) {
        await response.body?.cancel();
        throw new FetchPageError(
          `${url.href} is not a web page (content type ${contentType || 'not given'}); only HTML articles can be added`,
          'not-html',
        );
      }
      const bytes = await readBounded(response, maxBytes, url.href);
      return { url: url.href, html: decodeHtml(bytes, contentType) };
    }
  } catch (error) {
    if (controller.signal.aborted && !(error instanceof FetchPageError && error.kind !== 'offline')) {
      throw new FetchPageError(`${url.href}: no complete answer within ${timeoutMs / 1000} s`, 'timeout');
    }
    throw error;
  } finally {
    clearTimeout(timer);
  }
}
