/**
 * `kompass serve [--port N] [--host H]`: serves the web app over the database `io.env` points at,
 * until SIGINT or SIGTERM; then closes the server (letting requests in flight finish) and the
 * database (PGlite must be closed: it holds the data folder's lock). Loads no demo data.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Command } from 'commander';
import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { resolveDataDir, type Database } from '../../db/client.ts';
import { admissionFromEnv } from '../../web/admission.ts';
import { buildApp } from '../../web/app.ts';
import { WebConfigError, webConfigFromEnv } from '../../web/config.ts';
import { CliError, type CliIo } from '../io.ts';
import { describeDatabase, withDatabase } from './migrate.ts';

export const DEFAULT_PORT = 3000;
/** Loopback by default; `--host 0.0.0.0` (or HOST) to serve other machines. */
export const DEFAULT_HOST = '127.0.0.1';

export interface ListenOptions {
  port: number;
  host: string;
}

export interface ServeCommandOptions {
  port?: string;
  host?: string;
}

/** `--port` wins over PORT, which wins over 3000; the same for `--host`, HOST and 127.0.0.1. */
export function resolveListenOptions(options: ServeCommandOptions, io: CliIo): ListenOptions {
  const rawPort = options.port ?? io.env.PORT?.trim() ?? '';
  let port = DEFAULT_PORT;
  if (rawPort !== '') {
    const from = options.port === undefined ? 'PORT' : '--port';
    if (!/^\d{1,5}$/.test(rawPort) || Number(rawPort) > 65535) {
      throw new CliError(`${from} must be a port number from 0 to 65535, got "${rawPort}"`);
    }
    port = Number(rawPort);
  }
  const host = options.host ?? (io.env.HOST?.trim() || DEFAULT_HOST);
  return { port, host };
}

/** "http://localhost:3000" for loopback and any-address binds, else the host as given. */
export function displayUrl(host: string, port: number): string {
  const local = ['127.0.0.1', '::1', 'localhost', '0.0.0.0', '::', ''].includes(host);
  const shown = local ? 'localhost' : host.includes(':') ? `[${host}]` : host;
  return `http://${shown}:${port}`;
}

/** Fails with a clear message when the database has not been migrated. */
export async function checkMigrated(database: Database): Promise<void> {
  try {
    await database.db.execute(sql`select 1 from municipalities limit 1`);
  } catch {
    throw new CliError(
      'the database has no tables yet: run `kompass migrate` first (or `kompass start`, which ' +
        'migrates and loads the demo data)',
    );
  }
}

export interface RunServerOptions {
  listen: ListenOptions;
  /** Pino log level: "info" for a production server, "warn" for the demo start. */
  logLevel: string;
  /** Printed after the URL: what to do next. */
  afterListen?: string[];
  /** The command's stop signal (see `listenForStop`). */
  stop: StopSignal;
}

/** A stop request (SIGINT or SIGTERM), listened for from the start of a command. */
export interface StopSignal {
  /** Resolves with the signal's name when one arrives. */
  readonly received: Promise<string>;
  /** Whether a signal has arrived already (e.g. while migrating). */
  readonly requested: boolean;
  /** Stops listening (when the command ends without waiting for a signal). */
  dispose(): void;
}

/**
 * Listens for SIGINT and SIGTERM from now on, so a Ctrl+C while the database is being opened or
 * migrated still closes it cleanly. A second signal while closing ends the process at once.
 */
export function listenForStop(io: CliIo): StopSignal {
  let requested = false;
  let resolveReceived: (signal: string) => void = () => undefined;
  const received = new Promise<string>((resolve) => {
    resolveReceived = resolve;
  });
  const force = () => {
    io.err('kompass: stopped without closing cleanly\n');
    process.exit(130);
  };
  const dispose = () => {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  };
  function onSignal(signal: NodeJS.Signals) {
    dispose();
    requested = true;
    process.once('SIGINT', force);
    process.once('SIGTERM', force);
    resolveReceived(signal);
  }
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  return {
    received,
    get requested() {
      return requested;
    },
    dispose,
  };
}

/**
 * Builds the app over `database`, listens, prints the URL, and serves until a stop signal; then
 * closes the app. The caller (`withDatabase`) closes the database afterwards.
 */
export async function runServer(
  database: Database,
  io: CliIo,
  options: RunServerOptions,
): Promise<void> {
  let app: FastifyInstance;
  try {
    const cookieSecret = io.env.KOMPASS_COOKIE_SECRET?.trim();
    app = await buildApp({
      database,
      config: webConfigFromEnv(io.env),
      admission: admissionFromEnv(io.env, database.kind),
      logger: { level: io.env.KOMPASS_LOG_LEVEL?.trim() || options.logLevel },
      ...(cookieSecret ? { cookieSecret } : {}),
    });
  } catch (error) {
    if (error instanceof WebConfigError) throw new CliError(error.message);
    throw error;
  }
  if (options.stop.requested) {
    await app.close();
    return;
  }
  try {
    await app.listen({ port: options.listen.port, host: options.listen.host });
  } catch (error) {
    await app.close();
    const code = (error as NodeJS.ErrnoException).code;
    const where = `${options.listen.host}:${options.listen.port}`;
    if (code === 'EADDRINUSE') {
      throw new CliError(
        `port ${options.listen.port} is in use (${where}): stop the other server or pass --port`,
      );
    }
    if (code === 'EACCES') {
      throw new CliError(`not allowed to listen on ${where}: use a port above 1023`);
    }
    throw error;
  }
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : options.listen.port;
  // performance.now() counts from the process's start: what the person waiting experiences.
  const took = ` (ready ${(performance.now() / 1000).toFixed(1)} s after launch)`;
  io.out(`Kompass is running at ${displayUrl(options.listen.host, port)}${took}\n`);
  for (const line of options.afterListen ?? []) io.out(`${line}\n`);
  io.out('Press Ctrl+C to stop.\n');

  const signal = await options.stop.received;
  io.out(`\n${signal}: stopping the server and closing the database\n`);
  await app.close();
}

export function registerServe(program: Command, io: CliIo): void {
  program
    .command('serve')
    .description(
      'Start the web server on the database (DATABASE_URL, else the embedded one in ./data); ' +
        'loads no demo data. Stops on Ctrl+C or SIGTERM.',
    )
    .option(
      '--port <port>',
      `port to listen on (default PORT or ${DEFAULT_PORT}; 0 picks a free one)`,
    )
    .option('--host <host>', `address to listen on (default HOST or ${DEFAULT_HOST})`)
    .action(async (options: ServeCommandOptions) => {
      const listen = resolveListenOptions(options, io);
      const dataDir = resolveDataDir({ env: io.env, cwd: io.cwd });
      if (!io.env.DATABASE_URL?.trim() && !existsSync(join(dataDir, 'PG_VERSION'))) {
        throw new CliError(
          `there is no database in ${dataDir}: run \`kompass migrate\` first (or \`kompass start\`, ` +
            'which creates one with the demo data)',
        );
      }
      const stop = listenForStop(io);
      try {
        await withDatabase(io, async (database) => {
          await checkMigrated(database);
          io.out(`Serving ${describeDatabase(database, io)}\n`);
          await runServer(database, io, { listen, logLevel: 'info', stop });
        });
      } finally {
        stop.dispose();
      }
    });
}
