/**
 * Admission control: at most `maxInFlight` requests are worked on at once; the others wait in
 * arrival order, and one that has waited `maxWaitMs` is answered 503 with Retry-After (the
 * error handler's "unavailable"). A request whose client leaves while it waits is dropped
 * without being worked on; one already being worked on keeps its slot until its answer is ready.
 *
 * Why: a page makes several database round trips one after another. With hundreds of requests
 * in progress, each round trip queues behind all the others' (for a pooled connection, or for
 * PGlite's only one), so a page with many queries (a report) takes many queue waits and never
 * finishes in time, while the server keeps working for clients that have given up. Admitting a
 * few at a time makes the wait one fair queue at the door: every kind of page then waits about
 * as long, and the work done is work someone is still waiting for.
 */
import { availableParallelism } from 'node:os';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { DatabaseKind } from '../db/client.ts';
import { wholeNumberSetting } from '../env-settings.ts';
import { WebConfigError } from './config.ts';
import { WebError } from './errors.ts';

export interface AdmissionOptions {
  /** Requests worked on at once. */
  maxInFlight: number;
  /** Milliseconds a request may wait for its turn before it is answered 503. */
  maxWaitMs: number;
  /** Paths that never wait (the health check, the stylesheet). */
  exempt?: readonly string[];
}

interface Waiting {
  admit(): void;
  refuse(error: Error): void;
}

/** Registers the gate on `app` (before the routes, as a root hook). */
export function registerAdmissionControl(app: FastifyInstance, options: AdmissionOptions): void {
  const exempt = new Set(options.exempt ?? []);
  const queue: Waiting[] = [];
  let inFlight = 0;

  /**
   * Passes the slot to the next waiting request, or frees it, on the event loop's next turn.
   * Passing it at once chained the queue: on PGlite a page's work is promises only (its queries
   * run on this thread), so the whole queue ran without the server ever turning to its sockets,
   * and new connections and requests waited until it was empty. At 200 clients the heavier pages
   * then were never answered.
   */
  const releaseSlot = () => {
    setImmediate(() => {
      const next = queue.shift();
      if (next) next.admit();
      else inFlight -= 1;
    });
  };
  /** The release of each admitted request's slot, called once. */
  const slots = new WeakMap<FastifyRequest, () => void>();
  /**
   * Holds a slot until the work on the request is done: when its answer is ready to send
   * (`onSend`), not when its client leaves. A client that gives up does not stop the work, so
   * releasing then would let the work of abandoned requests pile up past the limit (on PGlite
   * that starved every heavier page at 200 clients). Should the work never reach `onSend` after
   * the client left, the slot comes back after `maxWaitMs`.
   */
  const holdUntilDone = (request: FastifyRequest, reply: FastifyReply) => {
    let released = false;
    let fallback: NodeJS.Timeout | undefined;
    const release = () => {
      if (released) return;
      released = true;
      clearTimeout(fallback);
      releaseSlot();
    };
    slots.set(request, release);
    reply.raw.once('close', () => {
      if (!released) fallback = setTimeout(release, options.maxWaitMs).unref();
    });
  };

  app.addHook('onSend', async (request, _reply, payload) => {
    slots.get(request)?.();
    return payload;
  });

  app.addHook('onRequest', async (request: FastifyRequest, reply: FastifyReply) => {
    if (exempt.has(request.url.split('?')[0] ?? '')) return;
    if (inFlight < options.maxInFlight) {
      inFlight += 1;
      holdUntilDone(request, reply);
      return;
    }
    await new Promise<void>((resolve, reject) => {
      const started = performance.now();
      const entry: Waiting = {
        admit: () => {
          clearTimeout(timer);
          reply.raw.off('close', onGone);
          // The slot passes straight from the finished request to this one.
          holdUntilDone(request, reply);
          resolve();
        },
        refuse: (error) => {
          clearTimeout(timer);
          reply.raw.off('close', onGone);
          const at = queue.indexOf(entry);
          if (at >= 0) queue.splice(at, 1);
          reject(error);
        },
      };
      const timer = setTimeout(
        () =>
          entry.refuse(
            new WebError(
              'unavailable',
              `request waited ${Math.round(performance.now() - started)} ms for one of ` +
                `${String(options.maxInFlight)} slots`,
            ),
          ),
        options.maxWaitMs,
      );
      const onGone = () =>
        entry.refuse(new WebError('unavailable', 'the client left while its request waited'));
      reply.raw.once('close', onGone);
      queue.push(entry);
    });
  });
}

/**
 * Requests worked on at once by default. On PostgreSQL two per CPU core: one renders while
 * another waits for the database; more only share the cores, so each request takes longer and
 * the tail grows (figures in docs/operations.md). On PGlite two: its queries run on the
 * server's own thread, so more at once gains nothing, and while they work the server does not
 * turn to its sockets.
 */
export function defaultMaxInFlight(
  kind: DatabaseKind,
  cores: number = availableParallelism(),
): number {
  return kind === 'pglite' ? 2 : Math.max(2, 2 * cores);
}

/** How long a request may wait for its turn by default (a browser waits longer; a person not). */
export const DEFAULT_MAX_WAIT_MS = 10_000;

/**
 * The gate's settings for `kompass serve`: `KOMPASS_MAX_IN_FLIGHT` (default by database, see
 * defaultMaxInFlight) and `KOMPASS_QUEUE_WAIT_MS` (default 10 s).
 *
 * @example
 * admissionFromEnv({ KOMPASS_MAX_IN_FLIGHT: '40' }, 'postgres'); // { maxInFlight: 40, maxWaitMs: 10000 }
 */
export function admissionFromEnv(
  env: Readonly<Record<string, string | undefined>>,
  kind: DatabaseKind,
): AdmissionOptions {
  const setting = (name: string, fallback: number) =>
    wholeNumberSetting(env, name, fallback, (message) => new WebConfigError(message));
  return {
    maxInFlight: setting('KOMPASS_MAX_IN_FLIGHT', defaultMaxInFlight(kind)),
    maxWaitMs: setting('KOMPASS_QUEUE_WAIT_MS', DEFAULT_MAX_WAIT_MS),
  };
}
