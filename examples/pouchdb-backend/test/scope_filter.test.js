'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const vm = require('node:vm');
const { scope } = require('../src/scope_filter');

function gate(overrides = {}) {
  return {
    rules: { all: false, mine: false, teams: false, unit: false, custom: [], ...(overrides.rules || {}) },
    related: overrides.related || [],
    org: { since: null, conditions: [], ...(overrides.org || {}) },
    read: overrides.read || { all: true },
  };
}

function query(entities, extra = {}) {
  return { user: 'ana', teams: ['North'], unitMembers: ['ana', 'bob', 'North'], now: '2020-08-28T00:00:00Z', activityTypes: ['letter', 'task'], entities, ...extra };
}

function doc(entity, record, extra = {}) {
  return { _id: record.id, kind: 'record', entity, record: { ownerid: 'ana', modifiedon: '2020-08-27T00:00:00Z', ...record }, ...extra };
}

test('the filter is self-contained: PouchDB can evaluate its source text in a fresh context', () => {
  const evaluated = vm.runInNewContext(`(function() { "use strict"; return ${scope.toString()} })()`);
  const q = query({ account: gate({ rules: { all: true } }) });
  assert.equal(evaluated(doc('account', { id: 'a1' }), { query: q }), true);
  assert.equal(evaluated(doc('contact', { id: 'c1' }), { query: q }), false);
});

test('ownership rules pick the user\'s, her teams\' and her business unit\'s records', () => {
  const cases = [['mine', 'ana', true], ['mine', 'bob', false], ['teams', 'North', true], ['teams', 'ana', false], ['unit', 'bob', true], ['unit', 'sam', false]];
  for (const [rule, owner, expected] of cases) {
    const q = query({ account: gate({ rules: { [rule]: true } }) });
    assert.equal(scope(doc('account', { id: 'a', ownerid: owner }), { query: q }), expected, `${rule} / ${owner}`);
  }
});

test('custom conditions are ANDed, lookups compare by id, like and begins-with ignore case', () => {
  const custom = [
    { field: 'name', operator: 'begins-with', value: 'f' },
    { field: 'parentaccountid', operator: 'eq', value: 'p1' },
    { field: 'address1_city', operator: 'like', value: '%sl%' },
  ];
  const q = query({ account: gate({ rules: { custom } }) });
  const record = { id: 'a', name: 'Fabrikam', parentaccountid: { entity: 'account', id: 'p1' }, address1_city: 'Oslo' };
  assert.equal(scope(doc('account', record), { query: q }), true);
  assert.equal(scope(doc('account', { ...record, address1_city: 'Bergen' }), { query: q }), false);
  assert.equal(scope(doc('account', { ...record, name: 'Contoso' }), { query: q }), false);
});

test('the org data filter is inclusive to the second, and a tombstone comes down whatever its age', () => {
  const q = query({ account: gate({ rules: { all: true }, org: { since: '2020-08-18T00:00:00Z' } }) });
  assert.equal(scope(doc('account', { id: 'a', modifiedon: '2020-08-18T00:00:00Z' }), { query: q }), true);
  assert.equal(scope(doc('account', { id: 'a', modifiedon: '2020-08-17T23:59:59Z' }), { query: q }), false);
  assert.equal(scope(doc('account', { id: 'a', modifiedon: '2020-01-01T00:00:00Z' }, { _deleted: true }), { query: q }), true);
});

test('read access: owners and shared ids, nothing else', () => {
  const q = query({ account: gate({ rules: { all: true }, read: { all: false, owners: ['ana'], shared: ['s1'] } }) });
  assert.equal(scope(doc('account', { id: 'a', ownerid: 'ana' }), { query: q }), true);
  assert.equal(scope(doc('account', { id: 's1', ownerid: 'sam' }), { query: q }), true);
  assert.equal(scope(doc('account', { id: 'x', ownerid: 'sam' }), { query: q }), false);
});

test('an activity comes down through Activity Pointer, judged as a pointer; sync errors only to their user', () => {
  const q = query({ activitypointer: gate({ rules: { custom: [{ field: 'subject', operator: 'eq', value: 'Hi' }] } }) });
  assert.equal(scope(doc('letter', { id: 'l', subject: 'Hi' }), { query: q }), true);
  assert.equal(scope(doc('quote', { id: 'q', subject: 'Hi' }), { query: q }), false);
  assert.equal(scope({ _id: 'syncerror:ana:1', kind: 'syncerror', user: 'ana' }, { query: q }), true);
  assert.equal(scope({ _id: 'syncerror:bob:1', kind: 'syncerror', user: 'bob' }, { query: q }), false);
});
