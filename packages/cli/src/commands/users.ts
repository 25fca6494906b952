// `brook users create-admin`: adds an administrator straight to the database (the first
// one on a fresh installation, or another one when nobody can sign in any more).
import type { Command } from 'commander';
import { hashPassword, loadConfig, openPlatform } from '@brook/server';
import { reportStartFailure } from './serve.js';

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8').replace(/\r?\n$/, '');
}

export function register(program: Command): void {
  const users = program.command('users').description('manage accounts directly in the database');
  users
    .command('create-admin')
    .description('create an administrator (the password comes from --password-stdin or BROOK_ADMIN_PASSWORD)')
    .requiredOption('--email <email>', 'e-mail address to sign in with')
    .option('--name <name>', 'name shown in the portal', 'Administrator')
    .option('--password-stdin', 'read the password from standard input')
    .action(async (options: { email: string; name: string; passwordStdin?: boolean }) => {
      const password = options.passwordStdin ? await readStdin() : process.env.BROOK_ADMIN_PASSWORD;
      if (!password || password.length < 10) {
        console.error('brook: give a password of at least 10 characters with --password-stdin or BROOK_ADMIN_PASSWORD.');
        process.exitCode = 2;
        return;
      }
      if (!/^[^@\s]+@[^@\s]+$/.test(options.email)) {
        console.error(`brook: "${options.email}" is not an e-mail address.`);
        process.exitCode = 2;
        return;
      }
      let platform;
      try {
        platform = await openPlatform({ ...loadConfig(), workers: 0, logLevel: 'warn' });
      } catch (error) {
        reportStartFailure(error);
      }
      try {
        const { platform: store } = platform.context;
        if (await store.users.findByEmail(options.email)) {
          console.error(`brook: there is already a user with the e-mail ${options.email}.`);
          process.exitCode = 1;
          return;
        }
        const user = await store.users.create({ email: options.email, name: options.name, role: 'admin', passwordHash: await hashPassword(password) });
        await store.audit.record({ actorId: null, action: 'user.create-admin', target: `user:${user.id}`, detail: { email: user.email, via: 'command line' } });
        console.log(`Created the administrator ${user.email} (${user.id}). Sign in at ${platform.context.config.publicUrl}.`);
      } finally {
        await platform.close();
      }
    });
}
