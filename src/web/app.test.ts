import { describe, expect, it } from 'vitest';
import { StorageError } from '../db/errors.ts';
import { describeDatabases } from '../db/testing.ts';
import { buildApp } from './app.ts';
import { WebError } from './errors.ts';
import { STYLESHEET_HREF, stylesheet } from './static.ts';

describeDatabases(
  'web app foundation',
  (getDb) => {
    const build = (tls = false) =>
      buildApp({ database: getDb(), config: { tls, trustProxy: false } });

    describe('security headers', () => {
      it('sends a strict CSP without inline scripts and no HSTS or upgrade on plain HTTP', async () => {
        const app = await build();
        const response = await app.inject({ url: '/' });
        const csp = response.headers['content-security-policy'];
        expect(csp).toContain("default-src 'self'");
        expect(csp).toContain("script-src 'self'");
        expect(csp).toContain("script-src-attr 'none'");
        expect(csp).toContain("frame-ancestors 'none'");
        expect(csp).not.toContain('unsafe-inline');
        expect(csp).not.toContain('upgrade-insecure-requests');
        expect(response.headers['strict-transport-security']).toBeUndefined();
        expect(response.headers['x-content-type-options']).toBe('nosniff');
        await app.close();
      });

      it('adds HSTS and upgrade-insecure-requests when configured as behind TLS', async () => {
        const app = await build(true);
        const response = await app.inject({ url: '/' });
        expect(response.headers['content-security-policy']).toContain('upgrade-insecure-requests');
        expect(response.headers['strict-transport-security']).toBe(
          'max-age=31536000; includeSubDomains',
        );
        await app.close();
      });
    });

    describe('pages', () => {
      it('serves the start page in Swedish with a skip link first and one h1', async () => {
        const app = await build();
        const response = await app.inject({ url: '/' });
        expect(response.statusCode).toBe(200);
        expect(response.body.startsWith('<!doctype html><html lang="sv">')).toBe(true);
        expect(response.body.indexOf('class="skip-link"')).toBeLessThan(
          response.body.indexOf('<header'),
        );
        expect(response.body.match(/<h1[ >]/g)).toHaveLength(1);
        expect(response.body).toContain('<main id="main" tabindex="-1">');
        expect(response.body).toContain('Inga utvärderingar är publicerade ännu.');
        await app.close();
      });

      it('serves the stylesheet with a content hash, long caching and 304 on revalidation', async () => {
        const app = await build();
        const response = await app.inject({ url: STYLESHEET_HREF });
        expect(response.statusCode).toBe(200);
        expect(response.headers['content-type']).toBe('text/css; charset=utf-8');
        expect(response.headers['cache-control']).toContain('immutable');
        const again = await app.inject({
          url: STYLESHEET_HREF,
          headers: { 'if-none-match': stylesheet.etag },
        });
        expect(again.statusCode).toBe(304);
        await app.close();
      });

      it('answers /health with the database kind', async () => {
        const app = await build();
        const response = await app.inject({ url: '/health' });
        expect(response.statusCode).toBe(200);
        expect(response.json()).toEqual({ status: 'ok', database: getDb().kind });
        await app.close();
      });
    });

    describe('errors', () => {
      it('answers an unknown path with a Swedish 404 page', async () => {
        const app = await build();
        const response = await app.inject({ url: '/finns-inte' });
        expect(response.statusCode).toBe(404);
        expect(response.headers['content-type']).toBe('text/html; charset=utf-8');
        expect(response.body).toContain('<h1>Sidan finns inte</h1>');
        expect(response.headers['cache-control']).toBe('no-store');
        await app.close();
      });

      it('answers 500 with a Swedish page that leaks nothing of the cause', async () => {
        const app = await build();
        app.get('/boom', async () => {
          throw new Error('connection string postgres://secret@db failed at line 42');
        });
        const response = await app.inject({ url: '/boom' });
        expect(response.statusCode).toBe(500);
        expect(response.body).toContain('<h1>Något gick fel</h1>');
        expect(response.body).not.toContain('secret');
        expect(response.body).not.toContain('line 42');
        await app.close();
      });

      it('shows a 400 with its field errors, and answers JSON clients with JSON', async () => {
        const app = await build();
        app.get('/invalid', async () => {
          throw new WebError('invalid-input', 'bad year', {
            fieldErrors: [{ field: 'year', message: 'Ange ett år mellan 1990 och 2100.' }],
          });
        });
        const page = await app.inject({ url: '/invalid' });
        expect(page.statusCode).toBe(400);
        expect(page.body).toContain('<h1>Uppgifterna behöver rättas</h1>');
        expect(page.body).toContain('<li>Ange ett år mellan 1990 och 2100.</li>');
        const json = await app.inject({ url: '/invalid', headers: { accept: 'application/json' } });
        expect(json.statusCode).toBe(400);
        expect(json.json()).toEqual({
          error: {
            code: 'invalid-input',
            title: 'Uppgifterna behöver rättas',
            message: 'Rätta uppgifterna som anges nedan och försök igen.',
            fields: [{ field: 'year', message: 'Ange ett år mellan 1990 och 2100.' }],
          },
        });
        await app.close();
      });

      it('maps a storage error by its code: a stale version is 409, not 500 or 404', async () => {
        const app = await build();
        app.get('/stale', async () => {
          throw new StorageError('stale-version', 'evaluation x changed since you read it');
        });
        const response = await app.inject({ url: '/stale' });
        expect(response.statusCode).toBe(409);
        expect(response.body).toContain('Någon annan har ändrat samtidigt');
        await app.close();
      });

      it('parses form posts and refuses a body over the limit with 413', async () => {
        const app = await build();
        app.post('/echo', { config: { csrf: false } }, async (request) => request.body);
        const form = await app.inject({
          method: 'POST',
          url: '/echo',
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          payload: 'namn=Str%C3%A4ngn%C3%A4s&kod=0486',
        });
        expect(form.json()).toEqual({ namn: 'Strängnäs', kod: '0486' });
        const large = await app.inject({
          method: 'POST',
          url: '/echo',
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          payload: `text=${'a'.repeat(1024 * 1024 + 1)}`,
        });
        expect(large.statusCode).toBe(413);
        expect(large.body).toContain('Det du skickade är för stort');
        await app.close();
      });
    });
  },
  { shared: true },
);
