// Entry point of the `brook` command. Each command lives in its own module under
// commands/, named after the command, and exports `register(program)`. Only the module of
// the command being run is loaded (so `brook expr` does not load the server); help and
// unknown commands load them all. A module that fails to load does not take the others
// down: its command says why it is unavailable.
import { Command } from 'commander';
import { existsSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

interface CommandModule {
  register(program: Command): void;
}

const commandsDir = join(dirname(fileURLToPath(import.meta.url)), 'commands');

/** Modules that define commands: corpus-*.js are sections of `brook corpus`, not commands. */
function commandFiles(): string[] {
  return readdirSync(commandsDir)
    .filter((file) => file.endsWith('.js') && !file.endsWith('.test.js') && !file.startsWith('corpus-'))
    .sort();
}

/** The command the user asked for, when its module exists: the first argument that is not an option. */
function requestedCommandFile(argv: string[]): string | undefined {
  const name = argv.slice(2).find((arg) => !arg.startsWith('-'));
  if (!name || !/^[a-z][a-z-]*$/.test(name) || name.startsWith('corpus-')) return undefined;
  const file = `${name}.js`;
  return existsSync(join(commandsDir, file)) ? file : undefined;
}

async function load(program: Command, file: string): Promise<void> {
  try {
    const module = (await import(pathToFileURL(join(commandsDir, file)).href)) as Partial<CommandModule>;
    module.register?.(program);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    const name = file.replace(/\.js$/, '');
    if (program.commands.some((command) => command.name() === name)) return;
    program
      .command(name)
      .description(`(unavailable: ${reason})`)
      .allowUnknownOption()
      .allowExcessArguments()
      .action(() => {
        console.error(`brook ${name} cannot start: ${reason}\nRebuild with \`npm run build\`; if it persists, the installation is incomplete (run \`npm install\`).`);
        process.exitCode = 1;
      });
  }
}

const program = new Command();
program
  .name('brook')
  .description('Brook: self-hosted workflow automation for Logic Apps and Power Automate flows.')
  .showHelpAfterError();

const requested = requestedCommandFile(process.argv);
const files = requested ? ['version.js', requested].filter((file, index, all) => all.indexOf(file) === index) : commandFiles();
for (const file of files) await load(program, file);

await program.parseAsync(process.argv);
