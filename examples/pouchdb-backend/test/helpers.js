'use strict';
/** A small world for the tests: one business unit, users with every right on a few entities, a profile. */

const { Backend } = require('../src/backend');

const ACCESS = ['create', 'read', 'write', 'delete', 'append', 'append_to', 'assign', 'share'];

async function world({ users = ['ana'], entities = ['account', 'contact'], rules = { all_records: true }, depth = 'organization' } = {}) {
  const backend = await new Backend().open();
  backend.add_business_unit({ name: 'Head office' });
  for (const user of users) backend.add_user({ name: user, business_unit: 'Head office' });
  backend.define_role({ name: 'sales', privileges: entities.flatMap((entity) => ACCESS.map((access) => ({ entity, access, depth }))) });
  for (const user of users) backend.assign_role({ user, role: 'sales' });
  const published = await backend.publish_profile({
    profile: { name: 'field sales', users, items: entities.map((entity) => ({ entity, rules, sync_interval_minutes: 5 })) },
  });
  if (!published.published) throw new Error(JSON.stringify(published.errors));
  return backend;
}

/** Run `body` with a fresh world and destroy it afterwards. */
async function within(options, body) {
  const backend = await world(options);
  try {
    await body(backend);
  } finally {
    await backend.destroy();
  }
}

module.exports = { world, within, ACCESS };
