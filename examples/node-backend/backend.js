#!/usr/bin/env node
// A minimal implementation of the offline conformance harness's stdio protocol, in Node.js with the standard
// library only. It keeps a server and one device per user in memory, enforces the page's entity table when a
// profile is published and when a command runs offline, and syncs by copying the profile's entities down.
// Everything else it declares unsupported: no capability in `initialize`, an UNSUPPORTED error for commands on
// the table's entities, METHOD_NOT_FOUND for every method it does not define. See docs/implementers.md.
//
// Run the suite against it:  offline-harness run --impl "cmd:node examples/node-backend/backend.js" \
//                              --expectations examples/node-backend/expectations.toml
'use strict';

const readline = require('node:readline');

const PROTOCOL_VERSION = '1.0';
const INFO = { name: 'node-example', version: '0.1.0', protocol_version: PROTOCOL_VERSION, capabilities: [] };
const CODES = { PARSE_ERROR: -32700, METHOD_NOT_FOUND: -32601, INVALID_PARAMS: -32602, UNSUPPORTED: -32000, IMPLEMENTATION_ERROR: -32001,
  INCOMPATIBLE_PROTOCOL: -32002 };

// The entities a profile may take offline (the page's table; custom entities are not supported here).
const TABLE = new Set(['account', 'activitypointer', 'appointment', 'activitymimeattachment', 'incident',
  'competitor', 'competitoraddress', 'connection', 'connectionrole', 'contact', 'email', 'lead', 'opportunity',
  'opportunityproduct', 'phonecall', 'position', 'product', 'task', 'team', 'systemuser']);

class RpcError extends Error {
  constructor(code, message, data) { super(message); this.code = code; this.data = data; }
}

const typed = (type, body) => ({ $type: type, ...body });
const refused = (claim, reason, entity = null, limit = null) => typed('Refused', { claim, reason, entity, limit });

// One world: what `initialize` and `reset` make fresh.
class World {
  constructor() {
    this.units = new Set();
    this.users = new Map();      // name -> business unit
    this.server = new Map();     // entity -> Map(id -> record)
    this.profiles = new Map();   // user -> entities the profile takes offline
    this.devices = new Map();    // user -> { online, records: Map(entity -> Map(id -> record)) }
    this.nextId = 1;
    this.clock = '2020-08-28T00:00:00Z';
  }

  device(user) {
    if (!this.devices.has(user)) this.devices.set(user, { online: true, records: new Map() });
    return this.devices.get(user);
  }

  table(entity) {
    if (!this.server.has(entity)) this.server.set(entity, new Map());
    return this.server.get(entity);
  }

  add_business_unit({ name }) {
    if (this.units.has(name)) return refused('REL-BAD', `business unit '${name}' already exists`);
    this.units.add(name);
    return null;
  }

  add_user({ name, business_unit }) {
    if (!this.units.has(business_unit)) return refused('REL-BAD', `no business unit '${business_unit}'`);
    this.users.set(name, business_unit);
    return null;
  }

  define_role() { return null; }   // every user may read everything here

  assign_role({ user }) {
    return this.users.has(user) ? null : refused('REL-BAD', `no user '${user}'`);
  }

  publish_profile({ profile }) {
    const errors = profile.items.filter((item) => !TABLE.has(item.entity)).map((item) => typed('Finding', {
      claim: 'ENT-22', message: `${item.entity} is not in the page's entity table: it cannot be taken offline`,
      entity: item.entity, limit: 'the entities of the offline table' }));
    if (errors.length === 0) {
      for (const user of profile.users) this.profiles.set(user, profile.items.map((item) => item.entity));
    }
    return typed('PublishResult', { published: errors.length === 0, errors, warnings: [] });
  }

  server_create({ entity, fields, owner }) {
    const id = `srv-${String(this.nextId++).padStart(6, '0')}`;
    const record = { ...fields, id, ownerid: owner, createdon: this.clock, modifiedon: this.clock, statecode: 'open' };
    this.table(entity).set(id, record);
    return id;
  }

  server_records({ entity }) {
    return [...this.table(entity).values()].sort((a, b) => a.id.localeCompare(b.id));
  }

  server_record({ entity, record_id }) {
    return this.table(entity).get(record_id) || null;
  }

  go_offline({ user }) { this.device(user).online = false; return null; }

  go_online({ user }) { this.device(user).online = true; return null; }

  run_command({ user, entity, command }) {
    const unsupported = (what) => new RpcError(CODES.UNSUPPORTED, what, { capability: 'run_command' });
    if (this.device(user).online) throw unsupported('no commands online');
    if (!TABLE.has(entity)) return refused('ENT-22', `${entity} is not available offline: ${command} is refused`, entity, 'the entities of the offline table');
    throw unsupported(`no offline ${command} on ${entity} yet`);
  }

  sync({ user }) {
    const device = this.device(user);
    if (!device.online) return refused('SYN-1', `${user}'s device is offline: sync needs a connection`);
    const entities = this.profiles.get(user) || [];
    device.records = new Map(entities.map((entity) => [entity, new Map(this.table(entity))]));
    const downloaded = entities.reduce((total, entity) => total + this.table(entity).size, 0);
    return typed('SyncReport', { completed: true, started: this.clock, duration_seconds: 0, downloaded, user });
  }

  device_records({ user, entity }) {
    const held = this.device(user).records.get(entity) || new Map();
    return [...held.values()].sort((a, b) => a.id.localeCompare(b.id));
  }

  device_record({ user, entity, record_id }) {
    return (this.device(user).records.get(entity) || new Map()).get(record_id) || null;
  }

  pending_changes() { return []; }   // nothing is ever queued: commands offline are refused or unsupported
}

let world = null;

function dispatch(method, params) {
  if (method === 'initialize') {
    if (String(params.protocol_version).split('.')[0] !== PROTOCOL_VERSION.split('.')[0]) {
      throw new RpcError(CODES.INCOMPATIBLE_PROTOCOL, `speaks protocol ${PROTOCOL_VERSION}`);
    }
    world = new World();
    return typed('ImplementationInfo', INFO);
  }
  if (method === 'reset') { world = new World(); return null; }
  if (method === 'shutdown') return null;
  const handler = world && Object.getOwnPropertyNames(World.prototype).includes(method) && method !== 'constructor'
    ? world[method] : null;
  if (typeof handler !== 'function') throw new RpcError(CODES.METHOD_NOT_FOUND, `no method ${method}`);
  return handler.call(world, params);
}

// One request line in, one response object out; a refusal is a result, anything thrown an error.
function answer(line) {
  let request = { id: null };
  try {
    request = JSON.parse(line);
    return { jsonrpc: '2.0', id: request.id, result: dispatch(request.method, request.params || {}) };
  } catch (error) {
    const known = error instanceof RpcError;
    const code = known ? error.code : error instanceof SyntaxError ? CODES.PARSE_ERROR : CODES.IMPLEMENTATION_ERROR;
    const body = { code, message: known ? error.message : `${error.name}: ${error.message}` };
    if (error.data !== undefined) body.data = error.data;
    return { jsonrpc: '2.0', id: request.id, error: body };
  }
}

// One JSON object per line on stdin and stdout; logs would go to stderr. The process ends after `shutdown` or
// when stdin closes.
const input = readline.createInterface({ input: process.stdin, terminal: false });
input.on('line', (line) => {
  if (!line.trim()) return;
  const response = answer(line);
  process.stdout.write(`${JSON.stringify(response)}\n`);
  if (response.result === null && line.includes('"method":"shutdown"')) input.close();
});
