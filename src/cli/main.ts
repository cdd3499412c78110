/**
 * @module cli/main
 * The command table: every command with its options and examples, each loaded from
 * `src/cli/<name>.ts` only when it runs. Expected failures (`ParleyError`) print one line with
 * what to do next and exit non-zero; anything else is a bug and prints its stack.
 */
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { isParleyError } from '../errors.js';
import { quietOnClosedStdout } from './output.js';

/** Options every command that touches the store takes. */
export interface StoreOpts {
  db?: string;
}

type Action = (...args: any[]) => Promise<void>;
const lazy = (name: string): Action => async (...args: any[]) => {
  const mod = await import(`./${name}.js`);
  await mod.run(...args.slice(0, -1));
};

const dbOption = () => new Option('--db <dir|url>', 'store: a directory for the embedded store, or a postgres:// URL (default: $PARLEY_DB or ./.parley)');

export function buildProgram(): Command {
  const program = new Command('parley')
    .description('Parley reads news coverage of a negotiation and keeps a sourced, structured record of it: ' +
      'the actors under every spelling, every number and what it counts, time expressions resolved, who is quoted, ' +
      'and which reports are copies of which, each fact tied to its sentence.')
    .version('0.1.0', '-V, --version')
    .showHelpAfterError('(run `parley --help` or `parley <command> --help` for usage)')
    .configureHelp({ sortSubcommands: false })
    // Set before the commands are added, so every subcommand inherits it.
    .exitOverride();

  program.command('add')
    .description('read articles (files, directories, feeds, http(s) URLs, - for stdin) into the store')
    .argument('<inputs...>', 'paths, directories (recursive), feed files, http(s) URLs, or - for standard input')
    .addOption(dbOption())
    .option('--allow-private', 'allow fetching private, loopback and link-local addresses (for local tests)')
    .option('--max-bytes <n>', 'largest input accepted, in bytes (default: 20971520, i.e. 20 MiB)', parsePositiveInt)
    .option('--timeout <ms>', 'fetch timeout per URL in milliseconds (default: 15000)', parsePositiveInt)
    .option('--json', 'NDJSON on stdout: one line per input as it is stored, duplicated, skipped or rejected, then a summary line')
    .option('--no-progress', 'no progress bar, even on a terminal')
    .addHelpText('after', '\nExit status: 0 when every input was stored, a duplicate or skipped; 1 when some were rejected\n(the rest is stored); 2 on bad usage.\n\nExamples:\n  parley add ../shared/corpus/seeds ../shared/corpus/dev\n  parley add https://example.org/feed.xml\n  cat story.html | parley add -')
    .action(lazy('add'));

  program.command('ls')
    .description('list the stored articles')
    .addOption(dbOption())
    .option('--limit <n>', 'at most this many', parsePositiveInt)
    .option('--json', 'one JSON object per line (NDJSON)')
    .addHelpText('after', '\nExamples:\n  parley ls\n  parley ls --json | head')
    .action(lazy('ls'));

  program.command('show')
    .description('show one stored article: metadata, sentences numbered, headings, entities and numbers marked, what was stripped')
    .argument('<id>', 'the numeric id or the name shown by `parley ls`')
    .addOption(dbOption())
    .option('--json', 'print the stored article as JSON')
    .addHelpText('after', '\nExamples:\n  parley show 1\n  parley show c001')
    .action(lazy('show'));

  program.command('extract')
    .description('write one parley.record/1 JSON per input article (named after its input file) without touching the store')
    .argument('<inputs...>', 'paths, directories, feeds, URLs or -')
    .requiredOption('--out <dir>', 'directory to write the records into (created if missing; records of the same name are replaced)')
    .option('--allow-private', 'allow fetching private, loopback and link-local addresses')
    .option('--max-bytes <n>', 'largest input accepted, in bytes (default: 20971520, i.e. 20 MiB)', parsePositiveInt)
    .option('--timeout <ms>', 'fetch timeout per URL in milliseconds (default: 15000)', parsePositiveInt)
    .option('--no-progress', 'no progress bar')
    .addHelpText('after', '\nExamples:\n  parley extract ../shared/corpus/seeds --out /tmp/r\n  parley links ../shared/corpus/seeds --out /tmp/r/links.json   # the links file the scorer reads beside the records')
    .action(lazy('extract'));

  program.command('export')
    .description('export the stored articles and their annotations')
    .addOption(dbOption())
    .addOption(new Option('--format <format>', 'output format').choices(['json', 'jsonl', 'csv']).default('jsonl'))
    .option('--out <file>', 'write to a file instead of standard output')
    .addHelpText('after', '\nFormats:\n  json   one parley.record/1 array\n  jsonl  one parley.record/1 per line\n  csv    one row per article (id, name, title, outlet, url, published, language, sentences, entities, quantities)\n\nExamples:\n  parley export --format csv > articles.csv\n  parley export --format jsonl --out records.jsonl')
    .action(lazy('export'));

  program.command('links')
    .description('find which articles are copies, rewrites or translations of which (parley.links/1)')
    .argument('[inputs...]', 'paths to link; without any, the whole store')
    .addOption(dbOption())
    .option('--out <file>', 'write parley.links/1 JSON to this file (default: standard output)')
    .option('--allow-private', 'allow fetching private, loopback and link-local addresses (for local tests)')
    .addHelpText('after', '\nWith inputs, they are read and linked in memory (nothing is stored); without, the links saved in the store\nare written. `duplicate`, `rewrite` and `translation` pairs share an origin text; `same-event` pairs are\nindependent reports of one happening.\n\nExamples:\n  parley links ../shared/corpus/dev --out /tmp/d/links.json\n  parley links --out links.json   # the whole store')
    .action(lazy('links'));

  program.command('sources')
    .description('list outlets with their independent and derived article counts, and each derivation group')
    .addOption(dbOption())
    .option('--json', 'print as JSON')
    .addHelpText('after', '\nExamples:\n  parley sources\n  parley sources --json --db postgres://postgres@127.0.0.1:5432/parley')
    .action(lazy('sources'));

  program.command('actors')
    .description('list canonical actors across the store, with every spelling seen and how many articles use it')
    .addOption(dbOption())
    .option('--json', 'print as JSON')
    .option('--type <type>', 'only this type (person, organization, country, group, place)')
    .addHelpText('after', '\nExamples:\n  parley actors\n  parley actors --type person --json')
    .action(lazy('actors'));

  program.command('doctor')
    .description('check a store: schema version, offsets inside texts, orphan rows, fingerprints; says what to do')
    .addOption(dbOption())
    .addHelpText('after', '\nExit status: 0 when the store is sound, 1 when something is wrong (each finding says what to do).\n\nExamples:\n  parley doctor\n  parley doctor --db postgres://postgres@127.0.0.1:5432/parley')
    .action(lazy('doctor'));

  const kb = program.command('kb').description('the knowledge base (kb/): actors, aliases, lexicons');
  kb.command('check')
    .description('compile the knowledge base and report bad entries with file, entry and fix')
    .option('--kb <dir>', 'knowledge base directory (default: the kb/ shipped with Parley)')
    .action(lazy('kb-check'));

  program.command('demo')
    .description('ingest the demo corpus in examples/ into a fresh embedded store and print what Parley knows')
    .option('--db <dir|url>', 'where to put the demo store: a new or empty directory, or an empty postgres:// database (default: a new temporary directory)')
    .action(lazy('demo'));

  return program;
}

/** Commander prints an InvalidArgumentError with the option's name, and exits 2. */
function parsePositiveInt(v: string): number {
  if (!/^\d+$/.test(v.trim()) || Number(v) <= 0) throw new InvalidArgumentError('a whole number greater than 0 is wanted.');
  return Number(v);
}

export async function main(argv: string[]): Promise<void> {
  const program = buildProgram();
  quietOnClosedStdout();
  try {
    await program.parseAsync(argv, { from: 'user' });
  } catch (err) {
    if (err instanceof CommanderError) {
      // Commander has already printed its message (or the help text).
      process.exitCode = err.exitCode === 0 ? 0 : 2;
      return;
    }
    if (isParleyError(err)) {
      process.stderr.write(`parley: ${err.message}\n${err.hint ? `  ${err.hint}\n` : ''}`);
      process.exitCode = err.exitCode;
      return;
    }
    process.stderr.write(`parley: internal error (a bug; please report it with the command you ran):\n${(err as Error)?.stack ?? String(err)}\n`);
    process.exitCode = 70;
  }
}
