/**
 * `kompass user`: accounts from the command line. There is no default password: `user add` and
 * `user reset-password` print a random one-time password that its owner must replace at the
 * first sign-in. The command line acts as the system (audit entries have no actor).
 */
import { Option, type Command } from 'commander';
import type { Database } from '../../db/client.ts';
import {
  ROLES,
  createUser,
  findUserByEmail,
  listUsers,
  setPassword,
  setUserDisabled,
  type User,
  type UserRole,
} from '../../db/repositories/users.ts';
import { generateOneTimePassword, hashPassword } from '../../web/auth/credentials.ts';
import { CliError, type CliIo } from '../io.ts';
import { withDatabase } from './migrate.ts';

const SYSTEM = { actorUserId: null };

interface AddOptions {
  email: string;
  role: UserRole;
  municipality?: string;
  name?: string;
}

const ROLE_NAMES: Record<UserRole, string> = {
  admin: 'admin',
  evaluator: 'evaluator',
  municipality: 'municipality user',
};

function printOneTimePassword(io: CliIo, password: string): void {
  io.out(
    `One-time password: ${password}\n` +
      'Hand it over on a safe channel. It works once: at the first sign-in (/logga-in) they must ' +
      'choose their own password of at least 12 characters.\n',
  );
}

async function requireUser(database: Database, email: string): Promise<User> {
  const user = await findUserByEmail(database.db, email);
  if (!user) {
    throw new CliError(
      `no user with the e-mail address ${email.trim()}; see \`kompass user list\``,
    );
  }
  return user;
}

function status(user: User, now: Date): string {
  if (user.disabled) return 'disabled';
  if (user.lockedUntil && user.lockedUntil > now) {
    return `locked until ${user.lockedUntil.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
  }
  if (!user.hasPassword) return 'no password';
  if (user.mustChangePassword) return 'must change password';
  return 'active';
}

export function registerUser(program: Command, io: CliIo): void {
  const user = program
    .command('user')
    .description('Manage accounts: admins, evaluators and municipality users.');

  user
    .command('add')
    .description(
      'Create an account and print a one-time password its owner must change at first sign-in.',
    )
    .requiredOption('--email <address>', 'e-mail address, used to sign in (unique, any case)')
    .addOption(
      new Option('--role <role>', 'what the account may do')
        .choices([...ROLES])
        .makeOptionMandatory(),
    )
    .option('--municipality <kommunkod>', 'the kommun a municipality user belongs to, e.g. 0486')
    .option('--name <name>', 'the name shown in the app (default: the e-mail address)')
    .action(async (options: AddOptions) => {
      if (options.role === 'municipality' && !options.municipality) {
        throw new CliError(
          'a municipality user belongs to one kommun: add --municipality <kommunkod>, e.g. --municipality 0486',
        );
      }
      if (options.role !== 'municipality' && options.municipality) {
        throw new CliError(
          `--municipality is only for --role municipality; an ${options.role} is not bound to a kommun`,
        );
      }
      if (options.municipality && !/^[0-9]{4}$/.test(options.municipality.trim())) {
        throw new CliError(
          `unknown kommunkod "${options.municipality}": expected four digits, e.g. 0180 for Stockholm`,
        );
      }
      const password = generateOneTimePassword();
      const passwordHash = await hashPassword(password);
      await withDatabase(io, async (database) => {
        const created = await createUser(
          database.db,
          {
            email: options.email,
            role: options.role,
            municipalityCode: options.municipality ?? null,
            displayName: options.name ?? null,
            passwordHash,
            mustChangePassword: true,
          },
          SYSTEM,
        );
        const kommun = created.municipalityCode ? ` for kommun ${created.municipalityCode}` : '';
        io.out(
          `Created ${ROLE_NAMES[created.role]} ${created.email} (${created.displayName})${kommun}.\n`,
        );
        printOneTimePassword(io, password);
      });
    });

  user
    .command('list')
    .description('List every account with its role, kommun and status.')
    .option('--json', 'print JSON instead of a table')
    .action(async (options: { json?: boolean }) => {
      await withDatabase(io, async (database) => {
        const users = await listUsers(database.db);
        const now = new Date();
        if (options.json) {
          io.out(
            `${JSON.stringify(
              users.map((u) => ({
                email: u.email,
                name: u.displayName,
                role: u.role,
                municipalityCode: u.municipalityCode,
                status: status(u, now),
                createdAt: u.createdAt.toISOString(),
              })),
              null,
              2,
            )}\n`,
          );
          return;
        }
        if (users.length === 0) {
          io.out('No users yet. Create the first admin with:\n');
          io.out('  kompass user add --email <address> --role admin\n');
          return;
        }
        const rows = [
          ['E-MAIL', 'NAME', 'ROLE', 'KOMMUN', 'STATUS'],
          ...users.map((u) => [
            u.email,
            u.displayName,
            u.role,
            u.municipalityCode ?? '-',
            status(u, now),
          ]),
        ];
        const widths = rows[0]!.map((_, column) =>
          Math.max(...rows.map((row) => (row[column] ?? '').length)),
        );
        for (const row of rows) {
          io.out(
            `${row
              .map((cell, column) => cell.padEnd(widths[column] ?? 0))
              .join('  ')
              .trimEnd()}\n`,
          );
        }
      });
    });

  user
    .command('reset-password')
    .description(
      'Give an account a new one-time password (ends its sessions, clears any lockout); ' +
        'its owner must change it at the next sign-in.',
    )
    .requiredOption('--email <address>', 'the account’s e-mail address')
    .action(async (options: { email: string }) => {
      const password = generateOneTimePassword();
      const passwordHash = await hashPassword(password);
      await withDatabase(io, async (database) => {
        const found = await requireUser(database, options.email);
        await setPassword(database.db, {
          userId: found.id,
          passwordHash,
          mustChangePassword: true,
          ...SYSTEM,
        });
        io.out(`New password for ${found.email}; their sessions have ended.\n`);
        if (found.disabled) {
          io.out(
            `Note: the account is disabled; enable it with \`kompass user enable --email ${found.email}\`.\n`,
          );
        }
        printOneTimePassword(io, password);
      });
    });

  for (const [name, disabled] of [
    ['disable', true],
    ['enable', false],
  ] as const) {
    user
      .command(name)
      .description(
        disabled
          ? 'Stop an account from signing in (ends its sessions at once); nothing is deleted.'
          : 'Let a disabled account sign in again.',
      )
      .requiredOption('--email <address>', 'the account’s e-mail address')
      .action(async (options: { email: string }) => {
        await withDatabase(io, async (database) => {
          const found = await requireUser(database, options.email);
          await setUserDisabled(database.db, { userId: found.id, disabled, ...SYSTEM });
          io.out(`${found.email} is ${disabled ? 'disabled' : 'enabled'}.\n`);
        });
      });
  }
}
