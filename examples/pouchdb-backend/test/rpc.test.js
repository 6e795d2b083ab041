'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const { spawn } = require('node:child_process');
const path = require('node:path');
const readline = require('node:readline');

/** The backend as the harness runs it: a process speaking line-delimited JSON-RPC on stdio. */
function peer() {
  const child = spawn(process.execPath, [path.join(__dirname, '..', 'bin', 'serve.js')], { stdio: ['pipe', 'pipe', 'inherit'] });
  const lines = readline.createInterface({ input: child.stdout });
  const answers = [];
  const waiting = [];
  lines.on('line', (line) => (waiting.length ? waiting.shift()(line) : answers.push(line)));
  const next = () => new Promise((resolve) => (answers.length ? resolve(answers.shift()) : waiting.push(resolve)));
  let id = 0;
  return {
    child,
    async raw(line) {
      child.stdin.write(`${line}\n`);
      return JSON.parse(await next());
    },
    call(method, params = {}) {
      id += 1;
      return this.raw(JSON.stringify({ jsonrpc: '2.0', id, method, params }));
    },
  };
}

test('the lifecycle: initialize first, a fresh world on reset, shutdown ends the process', async () => {
  const p = peer();
  assert.equal((await p.call('add_business_unit', { name: 'Head office', parent: null })).error.code, -32600);
  const info = (await p.call('initialize', { protocol_version: '1.0', harness_version: 'test' })).result;
  assert.equal(info.$type, 'ImplementationInfo');
  assert.ok(info.capabilities.includes('sync') && !info.capabilities.includes('search'));
  assert.equal((await p.call('add_business_unit', { name: 'Head office', parent: null })).result, null);
  assert.equal((await p.call('add_business_unit', { name: 'Head office', parent: null })).result.$type, 'Refused');
  assert.equal((await p.call('reset')).result, null);
  assert.equal((await p.call('add_business_unit', { name: 'Head office', parent: null })).result, null, 'the old world is gone');
  assert.equal((await p.call('shutdown')).result, null);
  const code = await new Promise((resolve) => p.child.on('exit', resolve));
  assert.equal(code, 0);
});

test('errors carry the protocol\'s codes, and the session goes on after each', async () => {
  const p = peer();
  assert.equal((await p.call('initialize', { protocol_version: '2.0', harness_version: 'test' })).error.code, -32002);
  await p.call('initialize', { protocol_version: '1.0', harness_version: 'test' });
  assert.equal((await p.raw('{not json')).error.code, -32700);
  assert.equal((await p.raw('{"jsonrpc":"2.0","id":9}')).error.code, -32600);
  assert.equal((await p.call('no_such_method')).error.code, -32601);
  assert.equal((await p.raw('{"jsonrpc":"2.0","id":10,"method":"now","params":[1]}')).error.code, -32602);
  const unsupported = (await p.call('search', { user: 'ana', entities: ['account'], text: 'x', mode: 'categorized' })).error;
  assert.deepEqual([unsupported.code, unsupported.data.capability], [-32000, 'search']);
  const broken = (await p.call('advance_clock', { seconds: -5 })).error;
  assert.deepEqual([broken.code, broken.data.type], [-32001, 'RangeError']);
  assert.equal((await p.call('now')).result, '2020-08-28T00:00:00Z');
  await p.call('shutdown');
});
