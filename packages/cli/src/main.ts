// Entry point of the `brook` command. Each command lives in its own module under
// commands/ and exports `register(program)`; they are discovered at start so adding a
// command never means editing this file.
import { Command } from 'commander';
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

interface CommandModule {
  register(program: Command): void;
}

const program = new Command();
program
  .name('brook')
  .description('Brook: self-hosted workflow automation for Logic Apps and Power Automate flows.')
  .showHelpAfterError();

const commandsDir = join(dirname(fileURLToPath(import.meta.url)), 'commands');
const files = readdirSync(commandsDir)
  .filter((file) => file.endsWith('.js') && !file.endsWith('.test.js'))
  .sort();
for (const file of files) {
  const module = (await import(pathToFileURL(join(commandsDir, file)).href)) as Partial<CommandModule>;
  module.register?.(program);
}

await program.parseAsync(process.argv);
