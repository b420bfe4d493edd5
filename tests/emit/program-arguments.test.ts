// The exported program checks its command line before any training, as dlc train does: a
// bad number or a file it cannot read or write is one line and exit status 2, never a
// traceback after a finished run. Real PyTorch runs the real exported files.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { compile } from '../../compiler/index.ts';
import { toPyTorch } from '../../compiler/emit/pytorch.ts';

const root = join(import.meta.dirname, '../..');
const dir = mkdtempSync(join(tmpdir(), 'dlc-export-args-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function exported(name: string): string {
  const { graph } = compile(readFileSync(join(root, 'specs', `${name}.dl`), 'utf8'), { readFile: (p) => readFileSync(join(root, 'specs', p), 'utf8') });
  const path = join(dir, `${name}.py`);
  writeFileSync(path, toPyTorch(graph!, { mode: 'program', file: `${name}.py` }));
  return path;
}

/** Each run's exit status and stderr, all in one Python process (runpy, as `python3 FILE ARGS`). */
function run(runs: Array<{ file: string; args: string[] }>): Array<{ status: number; stderr: string; stdout: string }> {
  const script = `import contextlib, io, json, os, runpy, sys
out = []
for r in json.loads(sys.argv[1]):
    sys.argv = [r["file"], *r["args"]]
    err, std = io.StringIO(), io.StringIO()
    status = 0
    with contextlib.redirect_stderr(err), contextlib.redirect_stdout(std):
        try:
            runpy.run_path(r["file"], run_name="__main__")
        except SystemExit as e:
            status = e.code if isinstance(e.code, int) else 1
            if isinstance(e.code, str):
                print(e.code, file=sys.stderr)
    out.append({"status": status, "stderr": err.getvalue(), "stdout": std.getvalue()})
print(json.dumps(out))`;
  return JSON.parse(execFileSync('/usr/bin/python3', ['-c', script, JSON.stringify(runs)], { cwd: dir, encoding: 'utf8' }));
}

describe('the exported program checks its arguments before training', () => {
  it('names the option and the problem, exit 2, and trains nothing', () => {
    const iris = exported('iris');
    const flowers = exported('flowers');
    mkdirSync(join(dir, 'folder'));
    const cases: Array<[string, string[], string]> = [
      [iris, ['--epochs', '-1'], 'iris.py: error: --epochs -1: give a number of epochs, 0 or more'],
      [iris, ['--predict', 'nothere.csv'], 'iris.py: error: cannot read --predict nothere.csv: no such file'],
      [iris, ['--predict', 'folder'], 'iris.py: error: cannot read --predict folder: it is a directory'],
      [iris, ['--load', 'nothere.safetensors', '--predict'], 'iris.py: error: cannot read --load nothere.safetensors: no such file'],
      [iris, ['--save', 'missing/w.safetensors'], 'iris.py: error: cannot write --save missing/w.safetensors: the folder missing does not exist'],
      [iris, ['--save', 'folder'], 'iris.py: error: cannot write --save folder: it is a directory'],
      [iris, ['--nproc', '2', '--save', 'missing/w.safetensors'], 'iris.py: error: cannot write --save missing/w.safetensors: the folder missing does not exist'],
      [flowers, ['--data', 'nothere.csv'], 'flowers.py: error: cannot read --data nothere.csv: no such file'],
      // The spec's csv is read next to the program by default; here it is not there.
      [flowers, [], `cannot read the data set ${join(dir, 'data/flowers.csv')}: no such file; --data CSV names its file`],
    ];
    const results = run(cases.map(([file, args]) => ({ file, args })));
    cases.forEach(([, args, message], k) => {
      const r = results[k];
      expect(r.stderr.trim(), args.join(' ')).toBe(message);
      expect(r.status, args.join(' ')).toBe(message.includes(': error: ') ? 2 : 1);
      expect(r.stdout, args.join(' ')).toBe('');
    });
    // The same files, given right, are read.
    const [ok] = run([{ file: flowers, args: ['--data', join(root, 'specs/data/flowers.csv'), '--epochs', '1'] }]);
    expect(ok.status).toBe(0);
    expect(ok.stdout).toMatch(/^final /m);
  });
});
