/**
 * Static files the pages link to, read once at start. The stylesheet's URL carries a hash of its
 * content, so browsers may cache it for a long time and still get a changed file at once.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';

const css = readFileSync(new URL('./static/kompass.css', import.meta.url), 'utf8');
const cssVersion = createHash('sha256').update(css).digest('hex').slice(0, 12);

export const STYLESHEET_PATH = '/static/kompass.css';

/** Where pages link the stylesheet: its path with the content hash. */
export const STYLESHEET_HREF = `${STYLESHEET_PATH}?v=${cssVersion}`;

export const stylesheet = { body: css, etag: `"${cssVersion}"` };
