import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FetchPageError, fetchPage } from '../src/ingest/fetch-page.ts';
import { fixtures } from './html-fixtures.ts';
import { html, startPageServer, type PageServer } from './page-server.ts';

const page = fixtures().find((f) => f.name === 'cnet')!;

async function failure(promise: Promise<unknown>): Promise<FetchPageError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(FetchPageError);
    return error as FetchPageError;
  }
  throw new Error('the fetch succeeded');
}

describe('fetchPage against a local server on 127.0.0.1', () => {
  let server: PageServer;
  beforeAll(async () => {
    server = await startPageServer({
      '/article': html(page.html),
      '/latin1': (_req, res) =>
        res
          .writeHead(200, { 'content-type': 'text/html; charset=iso-8859-1' })
          .end(Buffer.from('<html><body><p>Caf\u00e9 society</p></body></html>', 'latin1')),
      '/moved': html('', 301, { location: '/article' }),
      '/relative-chain': html('', 302, { location: 'moved' }),
      '/loop': html('', 302, { location: '/loop' }),
      '/json': (_req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end('{"a":1}'),
      '/pdf': (_req, res) => res.writeHead(200, { 'content-type': 'application/pdf' }).end('%PDF-1.4'),
      '/gone': html('<html><body>Gone</body></html>', 410),
      '/huge-declared': (_req, res) =>
        res.writeHead(200, { 'content-type': 'text/html', 'content-length': String(50_000_000) }).end(),
      '/huge-streamed': (_req, res) => {
        res.writeHead(200, { 'content-type': 'text/html' });
        const chunk = '<p>' + 'x'.repeat(64 * 1024) + '</p>';
        let sent = 0;
        const push = () => {
          while (sent < 200 && res.write(chunk)) sent++;
          if (sent < 200) res.once('drain', push);
          else res.end();
        };
        push();
      },
      '/slow': () => {
        /* never answers */
      },
      '/slow-body': (_req, res) => {
        res.writeHead(200, { 'content-type': 'text/html' });
        res.write('<html><body><p>The first part of the page');
      },
      '/ftp-redirect': html('', 302, { location: 'ftp://127.0.0.1/file' }),
    });
  });
  afterAll(() => server.close());

  it('fetches an HTML page', async () => {
    const fetched = await fetchPage(`${server.base}/article`);
    expect(fetched.url).toBe(`${server.base}/article`);
    expect(fetched.html).toBe(page.html);
  });

  it('decodes the charset the server declares', async () => {
    expect((await fetchPage(`${server.base}/latin1`)).html).toContain('Café society');
  });

  it('follows redirects (relative ones too) and reports where the page was found', async () => {
    expect((await fetchPage(`${server.base}/moved`)).url).toBe(`${server.base}/article`);
    expect((await fetchPage(`${server.base}/relative-chain`)).url).toBe(`${server.base}/article`);
  });

  it('stops a redirect loop after 5 redirects', async () => {
    const before = server.hits.get('/loop') ?? 0;
    const error = await failure(fetchPage(`${server.base}/loop`));
    expect(error.kind).toBe('redirects');
    expect(error.message).toMatch(/more than 5 redirects/);
    expect((server.hits.get('/loop') ?? 0) - before).toBe(6);
  });

  it('refuses 404 and other error statuses with the status', async () => {
    const missing = await failure(fetchPage(`${server.base}/nowhere`));
    expect(missing.kind).toBe('http');
    expect(missing.message).toMatch(/404/);
    expect((await failure(fetchPage(`${server.base}/gone`))).message).toMatch(/410/);
  });

  it('refuses non-HTML content types', async () => {
    for (const path of ['/json', '/pdf']) {
      const error = await failure(fetchPage(`${server.base}${path}`));
      expect(error.kind).toBe('not-html');
      expect(error.message).toMatch(/not a web page/);
    }
  });

  it('refuses oversized pages, declared or streamed, without reading them whole', async () => {
    expect((await failure(fetchPage(`${server.base}/huge-declared`))).kind).toBe('too-large');
    const streamed = await failure(fetchPage(`${server.base}/huge-streamed`, { maxBytes: 1_000_000 }));
    expect(streamed.kind).toBe('too-large');
  });

  it('times out on a server that does not answer, or stops mid-page', async () => {
    const started = Date.now();
    expect((await failure(fetchPage(`${server.base}/slow`, { timeoutMs: 300 }))).kind).toBe('timeout');
    expect((await failure(fetchPage(`${server.base}/slow-body`, { timeoutMs: 300 }))).kind).toBe('timeout');
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it('says clearly when the host cannot be reached (offline)', async () => {
    const closed = await new Promise<number>((resolve) => {
      const probe = net.createServer().listen(0, '127.0.0.1', () => {
        const { port } = probe.address() as net.AddressInfo;
        probe.close(() => resolve(port));
      });
    });
    const error = await failure(fetchPage(`http://127.0.0.1:${closed}/article`));
    expect(error.kind).toBe('offline');
    expect(error.message).toMatch(/cannot reach 127\.0\.0\.1:\d+ \(ECONNREFUSED\): are you offline\?/);
  });

  it('refuses URLs that are not http(s), also as a redirect target', async () => {
    expect((await failure(fetchPage('file:///etc/passwd'))).kind).toBe('bad-url');
    expect((await failure(fetchPage('not a url'))).kind).toBe('bad-url');
    expect((await failure(fetchPage(`${server.base}/ftp-redirect`))).kind).toBe('bad-url');
  });
});
