// WASM instruction counts, for a machine too loaded for wall-clock figures. Not a test: run it
// twice under callgrind and take the difference (after ./build.sh):
//
//   for n in 10 110; do valgrind --tool=callgrind --callgrind-out-file=/dev/null \
//     node --single-threaded --no-liftoff tests/bench/wasm.count.mjs 3000 $n 2>&1 | grep Collected; done
//
// (second − first) / 100 = x86 instructions per steady-state check() in Node, JS glue and finding
// objects included. WARM (default 400) checks run first: with fewer, the difference also counts V8
// compiling the JS glue. Same drafts as wasm.bench.mjs: pool.txt repeated and cut to N chars.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Checker, root } from '../wasm/load.mjs';

const [size = '3000', runs = '10'] = process.argv.slice(2);
const lines = readFileSync(join(root, 'tests', 'bench', 'pool.txt'), 'utf8').split('\n').filter((l) => l.trim());
const out = [];
let count = 0;
outer: for (;;) {
  for (const line of lines) {
    for (const c of line + '\n') {
      if (count === +size) break outer;
      out.push(c);
      count++;
    }
  }
}
const text = out.join('');
const checker = new Checker({});
let findings = 0;
for (let i = 0; i < +(process.env.WARM || 400); i++) findings += checker.check(text).length;
for (let i = 0; i < +runs; i++) findings += checker.check(text).length;
console.log(`${size} chars: ${findings} findings in all`);
