'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const { checkValue, MAX_TEXT_LENGTH, NUMBER_RANGE } = require('../src/metadata');
const { within } = require('./helpers');

const column = (type, target = null) => ({ name: 'c', type, target });
const refuses = (type, value) => assert.match(String(checkValue('e', column(type), value)), /^e\.c /, `${type} ${JSON.stringify(value)}`);
const keeps = (type, value) => assert.equal(checkValue('e', column(type), value), null, `${type} ${JSON.stringify(value)}`);

test('text: the longest a column holds is kept, one character more is refused, counted in characters', () => {
  for (const [type, most] of Object.entries(MAX_TEXT_LENGTH)) {
    keeps(type, 'x'.repeat(most));
    refuses(type, 'x'.repeat(most + 1));
    keeps(type, '😀'.repeat(most));
    refuses(type, '😀'.repeat(most + 1));
  }
});

test('numbers: each end of an integer (32 bits) or decimal column is kept, one beyond is refused', () => {
  for (const [type, [low, high]] of Object.entries(NUMBER_RANGE)) {
    keeps(type, low);
    keeps(type, high);
    refuses(type, low - 1);
    refuses(type, high + 1);
  }
  keeps('decimal', 0.5);
  refuses('integer', 0.5);
});

test('datetimes: ISO-8601 dates and times are kept; text, impossible dates and clocks are refused', () => {
  for (const value of ['2020-08-28', '2020-08-28T00:00:00Z', '2020-08-28T10:30:00.123+02:00', '2020-08-28T10:30', '2020-02-29']) {
    keeps('datetime', value);
  }
  for (const value of ['not a date', '', '28/08/2020', '2021-02-29', '2020-13-01', '2020-08-28T24:00:00Z', '2020-08-28T10:30:00+25:00']) {
    refuses('datetime', value);
  }
});

test('lookups: a lookup to another entity than the column\'s target is refused', () => {
  assert.match(checkValue('e', column('lookup', 'account'), { entity: 'contact', id: 'x' }), /points to account, not contact/);
  assert.equal(checkValue('e', column('lookup', 'account'), { entity: 'account', id: 'x' }), null);
});

test('offline, a value beyond its column and a lookup to the wrong entity are REL-BAD and change nothing', () => within({ entities: ['account', 'contact'] }, async (b) => {
  const contact = await b.server_create({ entity: 'contact', fields: { lastname: 'Berg' }, owner: 'ana' });
  await b.sync({ user: 'ana' });
  await b.go_offline({ user: 'ana' });
  for (const fields of [{ numberofemployees: 2 ** 31 }, { name: 'x'.repeat(4001) }, { lastcontacted: 'yesterday' },
    { primarycontactid: { entity: 'account', id: contact } }, { parentaccountid: { entity: 'contact', id: contact } }]) {
    const answer = await b.run_command({ user: 'ana', entity: 'account', command: 'create', fields });
    assert.deepEqual([answer.$type, answer.claim], ['Refused', 'REL-BAD'], JSON.stringify(answer));
  }
  assert.deepEqual(b.pending_changes({ user: 'ana' }), []);
  assert.deepEqual(await b.device_records({ user: 'ana', entity: 'account' }), []);
}));

test('online and on import, a value beyond its column is REL-BAD and nothing is written', () => within({}, async (b) => {
  const online = await b.run_command({ user: 'ana', entity: 'account', command: 'create', fields: { revenue: 1e11 + 1 } });
  assert.deepEqual([online.$type, online.claim], ['Refused', 'REL-BAD']);
  const imported = await b.import_records({ entity: 'account', records: [{ id: 'a1', name: 'ok' }, { id: 'a2', description: 'x'.repeat(1048577) }] });
  assert.deepEqual([imported.$type, imported.claim], ['Refused', 'REL-BAD']);
  assert.deepEqual(await b.server_records({ entity: 'account' }), []);
}));

test('a command the seam does not name is REL-BAD, offline and online', () => within({}, async (b) => {
  const id = await b.server_create({ entity: 'account', fields: { name: 'Fabrikam' }, owner: 'ana' });
  await b.sync({ user: 'ana' });
  for (const online of [true, false]) {
    if (!online) await b.go_offline({ user: 'ana' });
    const answer = await b.run_command({ user: 'ana', entity: 'account', command: 'teleport', record_id: id });
    assert.deepEqual([answer.$type, answer.claim], ['Refused', 'REL-BAD']);
    assert.match(answer.reason, /"teleport"/);
  }
}));
