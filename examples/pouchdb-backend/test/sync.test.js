'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const { within, ACCESS } = require('./helpers');

async function offlineRename(backend, id, name, user = 'ana') {
  await backend.go_offline({ user });
  const result = await backend.run_command({ user, entity: 'account', command: 'update', record_id: id, fields: { name } });
  assert.equal(result.$type, 'CommandResult', JSON.stringify(result));
  await backend.go_online({ user });
}

test('a device change pushed onto an unchanged server record becomes the server\'s revision', () => within({}, async (b) => {
  const id = await b.server_create({ entity: 'account', fields: { name: 'Fabrikam' }, owner: 'ana' });
  await b.sync({ user: 'ana' });
  await offlineRename(b, id, 'Fabrikam Ltd');
  const report = await b.sync({ user: 'ana' });
  assert.equal(report.uploaded, 1);
  const [server] = await b.server_records({ entity: 'account' });
  assert.deepEqual(await b.device_record({ user: 'ana', entity: 'account', record_id: id }), server);
  const doc = await b.server.db.get(id, { conflicts: true });
  assert.equal(doc._conflicts, undefined);
}));

test('conflict detection off: the device\'s columns merge onto the server\'s, and no conflict is left', () => within({}, async (b) => {
  const id = await b.server_create({ entity: 'account', fields: { name: 'Fabrikam' }, owner: 'ana' });
  await b.sync({ user: 'ana' });
  await offlineRename(b, id, 'Fabrikam Ltd');
  await b.server_update({ entity: 'account', record_id: id, fields: { telephone1: '+47 555 0100', name: 'Fabrikam Group' } });
  await b.sync({ user: 'ana' });
  const record = await b.server_record({ entity: 'account', record_id: id });
  assert.equal(record.name, 'Fabrikam Ltd');
  assert.equal(record.telephone1, '+47 555 0100');
  assert.deepEqual(await b.device_record({ user: 'ana', entity: 'account', record_id: id }), record);
  assert.equal((await b.server.db.get(id, { conflicts: true }))._conflicts, undefined);
}));

test('conflict detection on: the device\'s branch is deleted, the server\'s wins, the user sees a conflict', () => within({}, async (b) => {
  b.set_conflict_detection({ enabled: true });
  const id = await b.server_create({ entity: 'account', fields: { name: 'Fabrikam' }, owner: 'ana' });
  await b.sync({ user: 'ana' });
  await offlineRename(b, id, 'Fabrikam Ltd');
  await b.server_update({ entity: 'account', record_id: id, fields: { telephone1: '+47 555 0100' } });
  const report = await b.sync({ user: 'ana' });
  assert.equal(report.rejected, 1);
  assert.equal((await b.server_record({ entity: 'account', record_id: id })).name, 'Fabrikam');
  const errors = await b.sync_errors({ user: 'ana' });
  assert.deepEqual(errors.map((e) => [e.type, e.action, e.record_id]), [['conflict', 'update', id]]);
  assert.equal((await b.device_record({ user: 'ana', entity: 'account', record_id: id })).name, 'Fabrikam');
  assert.ok(await b.retry_sync_error({ user: 'ana', error_id: errors[0].id }) === null);
  await b.sync({ user: 'ana' });
  assert.equal((await b.server_record({ entity: 'account', record_id: id })).name, 'Fabrikam Ltd');
  assert.deepEqual(await b.sync_errors({ user: 'ana' }), []);
}));

test('an update of a record the server deleted is undone as not found', () => within({}, async (b) => {
  const id = await b.server_create({ entity: 'account', fields: { name: 'Fabrikam' }, owner: 'ana' });
  await b.sync({ user: 'ana' });
  await offlineRename(b, id, 'Fabrikam Ltd');
  await b.server_delete({ entity: 'account', record_id: id });
  await b.sync({ user: 'ana' });
  assert.equal(await b.server_record({ entity: 'account', record_id: id }), null, 'PouchDB alone would resurrect it');
  assert.equal(await b.device_record({ user: 'ana', entity: 'account', record_id: id }), null);
  assert.equal((await b.sync_errors({ user: 'ana' }))[0].type, 'not_found');
}));

test('a replayed push after the connection dropped sends only what the server lacks', () => within({}, async (b) => {
  const id = await b.server_create({ entity: 'account', fields: { name: 'Fabrikam' }, owner: 'ana' });
  await b.sync({ user: 'ana' });
  await b.go_offline({ user: 'ana' });
  await b.run_command({ user: 'ana', entity: 'account', command: 'update', record_id: id, fields: { name: 'Fabrikam Ltd' } });
  await b.run_command({ user: 'ana', entity: 'account', command: 'create', fields: { name: 'Contoso' } });
  await b.go_online({ user: 'ana' });
  b.inject_fault({ user: 'ana', point: 'after_server_apply' });
  const cut = await b.sync({ user: 'ana' });
  assert.deepEqual([cut.completed, cut.fault], [false, 'after_server_apply']);
  assert.equal(b.pending_changes({ user: 'ana' }).length, 2);
  const updateSeq = (await b.server.db.info()).update_seq;
  await b.server_update({ entity: 'account', record_id: id, fields: { name: 'Fabrikam Group' } });
  const replay = await b.sync({ user: 'ana' });
  assert.equal(replay.uploaded, 1, 'the applied update is not sent again');
  assert.equal((await b.server_record({ entity: 'account', record_id: id })).name, 'Fabrikam Group');
  assert.equal((await b.server_records({ entity: 'account' })).filter((r) => r.name === 'Contoso').length, 1);
  assert.ok((await b.server.db.info()).update_seq > updateSeq);
}));

test('the pull resumes from the device\'s token; a changed scope starts over', () => within({}, async (b) => {
  for (let i = 0; i < 3; i += 1) await b.server_create({ entity: 'account', fields: { name: `A${i}` }, owner: 'ana' });
  assert.equal((await b.sync({ user: 'ana' })).downloaded, 3);
  assert.equal((await b.sync({ user: 'ana' })).downloaded, 0);
  b.define_role({ name: 'sales', privileges: ['read', 'write'].map((access) => ({ entity: 'account', access, depth: 'user' })) });
  const rescoped = await b.sync({ user: 'ana' });
  assert.equal(rescoped.downloaded, 0, 'the device has every revision already');
  assert.equal(rescoped.removed, 0);
}));

test('a record leaving the scope is evicted, but not while a change of it waits', () => within({ entities: ['account'], rules: { custom: [{ field: 'address1_city', operator: 'eq', value: 'Oslo' }] } }, async (b) => {
  const id = await b.server_create({ entity: 'account', fields: { name: 'Fabrikam', address1_city: 'Oslo' }, owner: 'ana' });
  await b.sync({ user: 'ana' });
  await b.begin_sync({ user: 'ana' });
  await b.run_command({ user: 'ana', entity: 'account', command: 'update', record_id: id, fields: { name: 'Fabrikam Ltd' } });
  await b.server_update({ entity: 'account', record_id: id, fields: { address1_city: 'Bergen' } });
  const finished = await b.finish_sync({ user: 'ana' });
  assert.equal(finished.removed, 0);
  assert.equal((await b.device_record({ user: 'ana', entity: 'account', record_id: id })).name, 'Fabrikam Ltd');
  const next = await b.sync({ user: 'ana' });
  assert.equal(next.removed, 1);
  assert.equal(await b.device_record({ user: 'ana', entity: 'account', record_id: id }), null);
  assert.deepEqual(await b.server_record({ entity: 'account', record_id: id }).then((r) => [r.name, r.address1_city]), ['Fabrikam Ltd', 'Bergen']);
  await b.server_update({ entity: 'account', record_id: id, fields: { address1_city: 'Oslo' } });
  await b.sync({ user: 'ana' });
  assert.equal((await b.device_record({ user: 'ana', entity: 'account', record_id: id })).address1_city, 'Oslo');
}));

test('the store and the queue survive a restart of the app', () => within({}, async (b) => {
  const id = await b.server_create({ entity: 'account', fields: { name: 'Fabrikam' }, owner: 'ana' });
  await b.sync({ user: 'ana' });
  await b.go_offline({ user: 'ana' });
  await b.run_command({ user: 'ana', entity: 'account', command: 'update', record_id: id, fields: { name: 'Fabrikam Ltd' } });
  await b.restart_app({ user: 'ana' });
  assert.equal(b.pending_changes({ user: 'ana' }).length, 1);
  assert.equal((await b.device_record({ user: 'ana', entity: 'account', record_id: id })).name, 'Fabrikam Ltd');
}));

test('a rejected change comes back in the push\'s answer: the device matches the server before the pull', () => within({}, async (b) => {
  b.set_conflict_detection({ enabled: true });
  const id = await b.server_create({ entity: 'account', fields: { name: 'Fabrikam' }, owner: 'ana' });
  await b.sync({ user: 'ana' });
  await offlineRename(b, id, 'Fabrikam Ltd');
  await b.server_update({ entity: 'account', record_id: id, fields: { telephone1: '+47 555 0100' } });
  assert.equal(await b.begin_sync({ user: 'ana' }), null);
  assert.deepEqual((await b.sync_errors({ user: 'ana' })).map((e) => e.type), ['conflict']);
  assert.deepEqual(await b.device_record({ user: 'ana', entity: 'account', record_id: id }), await b.server_record({ entity: 'account', record_id: id }));
  const finished = await b.finish_sync({ user: 'ana' });
  assert.equal(finished.downloaded, 0, 'the pull finds nothing the push answer did not bring');
}));

test('a share of one record\'s secured column opens it online to that user alone, never offline', () => within({ users: ['ana', 'bob'] }, async (b) => {
  const first = await b.server_create({ entity: 'account', fields: { name: 'Fabrikam', revenue: 250000 }, owner: 'ana' });
  const second = await b.server_create({ entity: 'account', fields: { name: 'Contoso', revenue: 90000 }, owner: 'ana' });
  await b.secure_field({ entity: 'account', field_name: 'revenue' });
  assert.equal(await b.share_field({ entity: 'account', record_id: first, field_name: 'revenue', user: 'ana', read: true, update: false }), null);
  const read = async (id) => (await b.run_command({ user: 'ana', entity: 'account', command: 'read', record_id: id })).record.revenue;
  assert.deepEqual([await read(first), await read(second)], [250000, undefined]);
  await b.sync({ user: 'ana' });
  assert.equal((await b.device_record({ user: 'ana', entity: 'account', record_id: first })).revenue, undefined);
  assert.equal((await b.server_record({ entity: 'account', record_id: first })).revenue, 250000);
}));

test('a retried update of a record the server deleted waits, survives a restart, and is refused again as not found', () => within({}, async (b) => {
  const id = await b.server_create({ entity: 'account', fields: { name: 'Fabrikam' }, owner: 'ana' });
  await b.sync({ user: 'ana' });
  await offlineRename(b, id, 'Fabrikam Ltd');
  await b.server_delete({ entity: 'account', record_id: id });
  await b.sync({ user: 'ana' });
  await b.restart_app({ user: 'ana' });
  const [error] = await b.sync_errors({ user: 'ana' });
  assert.equal(await b.retry_sync_error({ user: 'ana', error_id: error.id }), null);
  assert.deepEqual(b.pending_changes({ user: 'ana' }).map((c) => [c.action, c.record_id, c.fields]), [['update', id, { name: 'Fabrikam Ltd' }]]);
  assert.equal(await b.device_record({ user: 'ana', entity: 'account', record_id: id }), null);
  await b.restart_app({ user: 'ana' });
  assert.equal(b.pending_changes({ user: 'ana' }).length, 1);
  const report = await b.sync({ user: 'ana' });
  assert.deepEqual([report.uploaded, report.rejected], [0, 1]);
  assert.deepEqual(b.pending_changes({ user: 'ana' }), []);
  assert.equal(await b.server_record({ entity: 'account', record_id: id }), null);
  assert.deepEqual((await b.sync_errors({ user: 'ana' })).map((e) => [e.type, e.action, e.record_id]), [['not_found', 'update', id]]);
}));

test('a retried change of a record that left the device but stands on the server is judged and applied there', () => within({ entities: ['account'], rules: { custom: [{ field: 'address1_city', operator: 'eq', value: 'Oslo' }] } }, async (b) => {
  const id = await b.server_create({ entity: 'account', fields: { name: 'Fabrikam', address1_city: 'Oslo' }, owner: 'ana' });
  await b.sync({ user: 'ana' });
  await offlineRename(b, id, 'Fabrikam Ltd');
  b.define_role({ name: 'sales', privileges: [{ entity: 'account', access: 'read', depth: 'organization' }] });
  await b.server_update({ entity: 'account', record_id: id, fields: { address1_city: 'Bergen' } });
  await b.sync({ user: 'ana' });
  const [error] = await b.sync_errors({ user: 'ana' });
  assert.equal(error.type, 'privilege');
  assert.equal(await b.device_record({ user: 'ana', entity: 'account', record_id: id }), null, 'out of scope: evicted');
  b.define_role({ name: 'sales', privileges: ACCESS.map((access) => ({ entity: 'account', access, depth: 'organization' })) });
  assert.equal(await b.retry_sync_error({ user: 'ana', error_id: error.id }), null);
  const report = await b.sync({ user: 'ana' });
  assert.deepEqual([report.uploaded, report.rejected], [1, 0]);
  assert.deepEqual(await b.server_record({ entity: 'account', record_id: id }).then((r) => [r.name, r.address1_city]), ['Fabrikam Ltd', 'Bergen']);
  assert.deepEqual(await b.sync_errors({ user: 'ana' }), []);
}));

test('a restart kills the cycle under way: finish_sync is refused, the next cycle does what is left', () => within({}, async (b) => {
  await b.sync({ user: 'ana' });
  await b.server_create({ entity: 'account', fields: { name: 'Fabrikam' }, owner: 'ana' });
  assert.equal(await b.begin_sync({ user: 'ana' }), null);
  const created = await b.run_command({ user: 'ana', entity: 'account', command: 'create', fields: { name: 'Adatum' } });
  assert.equal(created.$type, 'CommandResult', JSON.stringify(created));
  await b.restart_app({ user: 'ana' });
  const refusal = await b.finish_sync({ user: 'ana' });
  assert.deepEqual([refusal.$type, refusal.claim], ['Refused', 'REL-BAD']);
  const report = await b.sync({ user: 'ana' });
  assert.deepEqual([report.completed, report.uploaded], [true, 1]);
  assert.deepEqual((await b.device_records({ user: 'ana', entity: 'account' })).map((r) => r.name).sort(), ['Adatum', 'Fabrikam']);
}));
