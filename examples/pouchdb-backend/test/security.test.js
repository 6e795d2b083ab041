'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const { SecurityModel } = require('../src/security');

/** A seeded pseudo-random generator (mulberry32), so every run checks the same organizations. */
function random(seed) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

test('readers(), which parameterises the scope filter, agrees with allows() on every record (seed 7)', () => {
  const pick = random(7);
  const choose = (list) => list[Math.floor(pick() * list.length)];
  for (let round = 0; round < 40; round += 1) {
    const model = new SecurityModel();
    model.addBusinessUnit('root', null);
    const units = ['root'];
    for (let i = 0; i < 4; i += 1) {
      model.addBusinessUnit(`bu${i}`, choose(units));
      units.push(`bu${i}`);
    }
    const users = [];
    for (let i = 0; i < 8; i += 1) {
      model.addPrincipal({ name: `u${i}`, businessUnit: choose(units), manager: users.length && pick() < 0.6 ? choose(users) : null });
      users.push(`u${i}`);
    }
    model.addPrincipal({ name: 'team', businessUnit: choose(units), isTeam: true, members: users.filter(() => pick() < 0.4) });
    model.hierarchyDepth = Math.floor(pick() * 3);
    model.defineRole('role', [{ entity: 'account', access: 'read', depth: choose(['none', 'user', 'business_unit', 'parent_child', 'organization']) }]);
    model.principals.u0.roles = ['role'];
    const records = [...users, 'team'].map((owner, i) => ({ id: `r${i}`, ownerid: owner }));
    model.shares['account|r3'] = { [choose([...users, 'team'])]: ['read'] };
    const readers = model.readers('u0', 'account', 'user');
    for (const record of records) {
      const viaReaders = readers.all || readers.owners.includes(record.ownerid) || readers.shared.includes(record.id);
      assert.equal(viaReaders, model.allows('u0', 'read', 'account', 'user', record), `round ${round}, ${record.ownerid}`);
    }
  }
});
