import fs from 'node:fs';
import path from 'node:path';
import { execFile } from 'node:child_process';
import { parseArgs, promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { parseArgsMessage, parseCommandLine, UsageError } from '../src/entry/args.ts';
import { citation, exampleQuestion, outletName, questionProblemMessage } from '../src/messages.ts';
import { counted } from '../src/text/counted.ts';
import { renderSources } from '../src/cli/render.ts';
import { ROOT, tempDir, testEnv } from './helpers.ts';
import { questionProblem } from '../src/answer/question.ts';

const run = promisify(execFile);
const TSX = path.join(ROOT, 'node_modules', '.bin', 'tsx');

/** What `parseArgs` throws for these arguments. */
function parseError(args: string[], config: Parameters<typeof parseArgs>[0] = {}): Error {
  try {
    parseArgs({ ...config, args });
  } catch (error) {
    return error as Error;
  }
  throw new Error(`parseArgs accepted ${args.join(' ')}`);
}

describe('command-line errors', () => {
  it('GIVEN an unknown option THEN names it plainly, without node’s advice about "--"', () => {
    const error = parseError(['--bogus', 'x'], { allowPositionals: true });
    expect(error.message).toContain("place it at the end of the command after '--'"); // what node says
    expect(parseArgsMessage(error)).toBe('Unknown option --bogus.');
    expect(parseArgsMessage(parseError(['-x'], { allowPositionals: true }))).toBe('Unknown option -x.');
  });

  it('GIVEN a missing value, a value for a flag or an argument THEN one plain line each', () => {
    expect(parseArgsMessage(parseError(['--set'], { options: { set: { type: 'string' } } }))).toBe(
      'Option --set needs a value.',
    );
    expect(parseArgsMessage(parseError(['--json=1'], { options: { json: { type: 'boolean' } } }))).toBe(
      'Option --json takes no value.',
    );
    expect(parseArgsMessage(parseError(['extra']))).toBe(
      'Unexpected argument "extra" (this command takes options only).',
    );
  });

  it('GIVEN an unknown option THEN parseCommandLine throws a UsageError: the line, then the usage', () => {
    const error = (() => {
      try {
        parseCommandLine({ args: ['--bogus', 'x'], allowPositionals: true }, 'Usage: test');
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(UsageError);
    expect(error).toMatchObject({ message: 'Unknown option --bogus.\nUsage: test', exitCode: 2 });
  });

  it('ask, who, add and repl: one line, then the usage, no blank line before, exit code 2', async () => {
    const env = testEnv(tempDir('cli-usage'));
    const scripts = ['ask', 'who', 'add', 'repl'];
    const errors = await Promise.all(
      scripts.map((script) =>
        run(TSX, [path.join(ROOT, `src/cli/${script}.ts`), '--bogus', 'x'], { env, cwd: ROOT }).catch((e) => e),
      ),
    );
    for (const [n, script] of scripts.entries()) {
      expect(errors[n].code, script).toBe(2);
      expect(errors[n].stderr, script).toMatch(new RegExp(`^Unknown option --bogus\\.\\n[Uu]sage: npm run ${script}`));
      expect(errors[n].stdout, script).toBe('');
    }
  });
});

describe('who published an article', () => {
  it('GIVEN a page that names no outlet THEN its web address names the site; GIVEN a file with neither THEN unknown', () => {
    // Readability's yahoo-1 test page: no site name in its metadata, a canonical link to Yahoo Finance.
    const psvr = {
      id: 'yahoo-1.md',
      title: 'These are the 8 coolest PlayStation VR games',
      outlet: null,
      date: '2016-10-13',
      url: 'http://finance.yahoo.com/news/best-psvr-games-170003443.html',
    };
    expect(citation(psvr, 3)).toBe(
      'These are the 8 coolest PlayStation VR games · finance.yahoo.com · 2016-10-13 · ¶3',
    );
    expect(outletName({ outlet: null, url: 'https://www.webmd.com/allergies/news/20150223/peanut-allergy' })).toBe(
      'webmd.com',
    );
    expect(outletName({ outlet: 'The Guardian', url: 'https://www.theguardian.com/world' })).toBe('The Guardian');
    expect(outletName({ outlet: null, url: null })).toBe('outlet unknown');
    expect(outletName({ outlet: null, url: 'not a url' })).toBe('outlet unknown');
  });
});

describe('counts in messages', () => {
  it('one article, two articles (the REPL said "1 articles")', () => {
    expect(counted(1, 'article')).toBe('1 article');
    expect(counted(0, 'passage')).toBe('0 passages');
    expect(counted(13, 'passage')).toBe('13 passages');
  });
});

describe('the hint for an empty question', () => {
  it('GIVEN no example THEN names nothing from one corpus', () => {
    const hint = questionProblemMessage('empty', '???', 500);
    expect(hint).toMatch(/^Ask a question in words/);
    expect(hint).not.toContain('Panjshir');
  });

  it("GIVEN a greeting, a thank-you or a pasted web address THEN says what it is first (a new user's trial)", () => {
    const example = 'Who is Margaret Hamilton?';
    expect(questionProblemMessage('empty', 'hi', 500, example)).toBe(
      'Hello! Ask a question in words, for example: "Who is Margaret Hamilton?"',
    );
    expect(questionProblemMessage('empty', 'thanks!', 500, example)).toMatch(/^You're welcome\. Ask a question/);
    const address = 'https://www.wired.com/2016/09/ode-rosetta-spacecraft-going-die-comet/';
    expect(questionProblem(address, 500)).toBe('empty');
    expect(questionProblemMessage('empty', address, 500, example)).toMatch(/^That is a web address, not a question\./);
    // A question that mentions an address still asks something.
    expect(questionProblem(`What does ${address} say about the comet?`, 500)).toBeNull();
  });

  it('GIVEN the most-named person THEN asks about them; GIVEN no one THEN no example', () => {
    expect(exampleQuestion(['Margaret Hamilton', 'Dan Lickly'])).toBe('Who is Margaret Hamilton?');
    expect(exampleQuestion([])).toBeUndefined();
    expect(questionProblemMessage('empty', '', 500, 'Who is Margaret Hamilton?')).toBe(
      'Ask a question in words, for example: "Who is Margaret Hamilton?"',
    );
  });

  it('ask "???" on articles of your own: the example names someone from them, not Panjshir', async () => {
    const seeds = tempDir('cli-hint-seeds');
    fs.writeFileSync(
      path.join(seeds, 'apollo.md'),
      [
        '# The woman who wrote the Apollo code',
        'Margaret Hamilton led the team that wrote the onboard flight software for the Apollo missions at MIT.',
        'Margaret Hamilton, a software engineer, arrived at MIT in the summer of 1959 to work on weather prediction.',
        'Hamilton later said the work taught her to plan for errors that no one had imagined.',
      ].join('\n\n'),
    );
    const env = testEnv(tempDir('cli-hint-index'), { SEEDS_DIR: seeds });
    const { stdout } = await run(TSX, [path.join(ROOT, 'src/cli/ask.ts'), '???'], { env, cwd: ROOT });
    expect(stdout.trim()).toBe('Ask a question in words, for example: "Who is Margaret Hamilton?"');
    // "she" with no earlier question to refer back to: ask who, rather than quote whoever comes closest.
    const she = await run(TSX, [path.join(ROOT, 'src/cli/ask.ts'), 'what did she say?'], { env, cwd: ROOT });
    expect(she.stdout.trim()).toBe(
      "I can't tell who “she” is here: ask again with the name, for example “Who is Margaret Hamilton?”.",
    );
  });
});

describe(':sources', () => {
  it('keeps a count with its noun and puts the link on its own line (a new user saw "9" and "passages" split)', () => {
    const source = {
      id: 'uproxx.html',
      title: 'Rudy Giuliani Is No Longer In The Running For Secretary Of State',
      outlet: null,
      date: '2016-12-09',
      url: 'https://uproxx.com/culture/rudy-giuliani-not-secretary-of-state-trump-transition-team-statement/',
      passages: 9,
    };
    const lines = renderSources([source], 80).split('\n');
    expect(lines).toContain('   uproxx.com · 2016-12-09 · 9 passages');
    expect(lines.at(-1)).toBe(`   ${source.url}`);
    expect(renderSources([{ ...source, url: null, passages: 1 }], 80)).toContain('· 1 passage');
  });
});
