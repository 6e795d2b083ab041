'use strict';
/** The backend behind the seam: every driver method of the harness, by name, taking its parameters by name.
 * One server database and one database per device, all in memory; `reset` starts a fresh world. */

const PouchDB = require('pouchdb-core').plugin(require('pouchdb-adapter-memory')).plugin(require('pouchdb-replication'));
const { SimulatedClock } = require('./clock');
const { Metadata } = require('./metadata');
const { SecurityModel } = require('./security');
const { Profiles, EDITION, finding } = require('./profiles');
const { Server } = require('./server');
const { Device } = require('./device');
const { Cycle } = require('./sync');
const { Planner, refused } = require('./commands');
const { CRUD, COMMANDS, tableRow } = require('./catalog');
const { WIFI, DroppedConnection } = require('./network');
const schedule = require('./schedule');
const { version } = require('../package.json');

const PROTOCOL_VERSION = '1.0';
const CAPABILITIES = [
  'entities', 'organization', 'sharing', 'hierarchy', 'profiles', 'lookups', 'sync', 'security', 'network', 'schedule',
  'faults', 'persistence', 'metadata',
];
const FAULT_POINTS = ['before_upload', 'after_server_apply', 'during_download'];

/** A capability this backend does not offer: the harness skips the scenarios that need it. */
class Unsupported extends Error {
  constructor(capability, detail) {
    super(`capability ${JSON.stringify(capability)} is not supported: ${detail}`);
    this.capability = capability;
  }
}

const UNSUPPORTED = {
  forms: ['add_form', 'open_form'],
  process_flows: ['add_process_flow', 'move_stage'],
  subgrids: ['add_existing', 'server_associate'],
  views: ['add_view', 'list_views', 'open_view'],
  search: ['set_quick_find_columns', 'search', 'search_fields'],
  timeline: ['add_note', 'notes', 'attach_to_note', 'remove_note_attachment'],
};

function ok(problem, claim = 'REL-BAD', entity = null) {
  return problem ? refused(claim, problem, entity) : null;
}

let worlds = 0;

class Backend {
  constructor() {
    worlds += 1;
    this.prefix = `w${worlds}-`;
    this.clock = new SimulatedClock();
    this.metadata = new Metadata();
    this.security = new SecurityModel();
    this.profiles = new Profiles(this.metadata, this.security, this.clock);
    this.server = new Server(PouchDB, `${this.prefix}server`, this);
    this.devices = new Map();
    this.links = new Map();
    this.faults = new Map();
    this.cycles = new Map();
  }

  async open() {
    await this.server.open();
    return this;
  }

  /** Destroy every database of this world. */
  async destroy() {
    for (const device of this.devices.values()) await device.destroy();
    await this.server.destroy();
  }

  describe() {
    return { $type: 'ImplementationInfo', name: 'pouchdb-backend', version, protocol_version: PROTOCOL_VERSION, capabilities: [...CAPABILITIES] };
  }

  // -- organization ---------------------------------------------------------------------------------
  add_business_unit({ name, parent = null }) {
    return ok(this.security.addBusinessUnit(name, parent));
  }

  add_team({ name, business_unit, members = null }) {
    return ok(this.security.addPrincipal({ name, businessUnit: business_unit, isTeam: true, members: members || [] }));
  }

  set_team_members({ team, members }) {
    if (!this.security.isTeam(team)) return refused('REL-BAD', `unknown team ${JSON.stringify(team)}`);
    const unknown = members.filter((m) => !this.security.isUser(m)).sort();
    if (unknown.length) return refused('REL-BAD', `unknown team members ${JSON.stringify(unknown)}`);
    this.security.principals[team].members = [...members];
    return null;
  }

  add_user({ name, business_unit, manager = null }) {
    return ok(this.security.addPrincipal({ name, businessUnit: business_unit, manager }));
  }

  define_role({ name, privileges }) {
    const unknown = [...new Set(privileges.map((p) => p.entity).filter((e) => !this.metadata.entities.has(e)))].sort();
    if (unknown.length) return refused('REL-BAD', `role ${JSON.stringify(name)} names unknown entities ${JSON.stringify(unknown)}`);
    this.security.defineRole(name, privileges);
    return null;
  }

  changeRoles(user, role, change) {
    if (!this.security.isUser(user)) return refused('REL-BAD', `unknown user ${JSON.stringify(user)}`);
    if (!(role in this.security.roles)) return refused('REL-BAD', `unknown role ${JSON.stringify(role)}`);
    const roles = new Set(this.security.principals[user].roles);
    change(roles, role);
    this.security.principals[user].roles = [...roles].sort();
    return null;
  }

  assign_role({ user, role }) {
    return this.changeRoles(user, role, (roles, r) => roles.add(r));
  }

  revoke_role({ user, role }) {
    return this.changeRoles(user, role, (roles, r) => roles.delete(r));
  }

  async share_record({ entity, record_id, principal, access }) {
    if (!(await this.server.record(entity, record_id))) return refused('REL-BAD', `no ${entity} record ${JSON.stringify(record_id)}`, entity);
    if (!(principal in this.security.principals)) return refused('REL-BAD', `unknown user or team ${JSON.stringify(principal)}`);
    const key = `${entity}|${record_id}`;
    this.security.shares[key] = { ...(this.security.shares[key] || {}), [principal]: [...access] };
    return null;
  }

  set_hierarchy_security({ enabled, depth = 3 }) {
    if (depth < 1) return refused('REL-BAD', `hierarchy depth must be at least 1, not ${depth}`);
    this.security.hierarchyDepth = enabled ? depth : 0;
    return null;
  }

  async secure_field({ entity, field_name }) {
    const meta = this.metadata.entities.get(entity);
    if (!meta || !meta.attributes.has(field_name)) return refused('REL-BAD', `${entity} has no column ${JSON.stringify(field_name)}`, entity);
    await this.server.secure(entity, field_name);
    return null;
  }

  grant_field_access({ user, entity, field_name, read, update }) {
    if (!this.security.isSecured(entity, field_name)) return refused('REL-BAD', `${entity}.${field_name} is not secured`, entity);
    if (!this.security.isUser(user)) return refused('REL-BAD', `unknown user ${JSON.stringify(user)}`);
    this.security.fieldGrants[`${user}|${entity}|${field_name}`] = [Boolean(read), Boolean(update)];
    return null;
  }

  async share_field({ entity, record_id, field_name, user, read, update }) {
    if (!this.security.isSecured(entity, field_name)) return refused('REL-BAD', `${entity}.${field_name} is not secured`, entity);
    if (!(await this.server.record(entity, record_id))) return refused('REL-BAD', `no ${entity} record ${JSON.stringify(record_id)}`, entity);
    if (!this.security.isUser(user)) return refused('REL-BAD', `unknown user ${JSON.stringify(user)}`);
    this.security.fieldShares[`${user}|${entity}|${record_id}|${field_name}`] = [Boolean(read), Boolean(update)];
    return null;
  }

  // -- metadata ------------------------------------------------------------------------------------
  add_custom_entity({ definition }) {
    return ok(this.metadata.addEntity(definition), 'REL-BAD', definition.name);
  }

  add_attribute({ entity, attribute }) {
    return ok(this.metadata.addAttribute(entity, attribute), 'REL-BAD', entity);
  }

  add_relationship({ definition }) {
    return ok(this.metadata.addRelationship(definition));
  }

  add_ribbon_button({ entity, label }) {
    if (!this.metadata.entities.has(entity)) return refused('REL-BAD', `unknown entity ${JSON.stringify(entity)}`, entity);
    this.metadata.ribbonButtons.set(entity, [...(this.metadata.ribbonButtons.get(entity) || []), label]);
    return null;
  }

  set_offline_app_modules({ modules }) {
    for (const module of modules) {
      const unknown = module.entities.filter((e) => !this.metadata.entities.has(e)).sort();
      if (unknown.length) return refused('REL-BAD', `app module ${JSON.stringify(module.name)} names unknown entities ${JSON.stringify(unknown)}`);
    }
    this.profiles.appModules = modules.map((m) => ({ name: m.name, entities: [...m.entities] }));
    return null;
  }

  // -- profiles ------------------------------------------------------------------------------------
  async publish_profile({ profile }) {
    const result = this.profiles.publish(profile);
    if (!result.published) return result;
    const limit = EDITION.recommendedRecordsPerUser;
    const sizes = await this.server.subscriptionSizes([...this.profiles.usersOf(profile)].sort());
    for (const [user, count] of sizes) {
      if (count > limit) {
        result.warnings.push(finding('FLT-VOL', `${user}'s subscription holds ${count.toLocaleString('en-US')} records; `
          + `keep it at or under ${limit.toLocaleString('en-US')}`, null, `${limit.toLocaleString('en-US')} records per user`));
      }
    }
    return result;
  }

  async add_profile_users({ profile, users }) {
    const current = this.profiles.published.get(profile);
    if (!current) return { $type: 'PublishResult', published: false, errors: [finding('REL-BAD', `unknown profile ${JSON.stringify(profile)}`)], warnings: [] };
    return this.publish_profile({ profile: { ...current, users: [...(current.users || []), ...users] } });
  }

  set_org_data_filter({ entity, conditions }) {
    if (!this.metadata.entities.has(entity)) return refused('REL-BAD', `unknown entity ${JSON.stringify(entity)}`, entity);
    this.profiles.orgFilters.set(entity, conditions === null ? null : [...conditions]);
    return null;
  }

  // -- server data ----------------------------------------------------------------------------------
  async server_create({ entity, fields, owner = null }) {
    if (!this.metadata.entities.has(entity)) return refused('REL-BAD', `unknown entity ${JSON.stringify(entity)}`, entity);
    if (owner !== null && !(owner in this.security.principals)) return refused('REL-BAD', `unknown owner ${JSON.stringify(owner)}`, entity);
    const planned = await this.adminPlanner().plan(entity, 'create', null, fields);
    if (!Array.isArray(planned)) return planned;
    await this.server.write(planned[0], owner || 'admin');
    return planned[0].recordId;
  }

  adminPlanner() {
    return new Planner(this.metadata, (entity, id) => this.server.record(entity, id), () => this.server.newId());
  }

  async adminChange(entity, command, recordId, fields) {
    if (!this.metadata.entities.has(entity)) return refused('REL-BAD', `unknown entity ${JSON.stringify(entity)}`, entity);
    const planned = await this.adminPlanner().plan(entity, command, recordId, fields);
    if (!Array.isArray(planned)) return planned;
    for (const change of planned) await this.server.write(change, 'admin');
    return null;
  }

  server_update({ entity, record_id, fields }) {
    return this.adminChange(entity, 'update', record_id, fields);
  }

  server_delete({ entity, record_id }) {
    return this.adminChange(entity, 'delete', record_id, {});
  }

  server_record({ entity, record_id }) {
    return this.server.record(entity, record_id);
  }

  server_records({ entity }) {
    return this.server.records(entity);
  }

  async import_records({ entity, records }) {
    if (!this.metadata.entities.has(entity)) return refused('REL-BAD', `unknown entity ${JSON.stringify(entity)}`, entity);
    const ids = records.map((record) => record.id);
    const { rows } = await this.server.db.allDocs({ keys: ids.filter((id) => typeof id === 'string' && id) });
    const taken = new Set(rows.filter((row) => row.value && !row.value.deleted).map((row) => row.key));
    const revs = new Map(rows.filter((row) => row.value).map((row) => [row.key, row.value.rev]));
    const seen = new Set();
    for (const { id, ownerid, modifiedon, ...fields } of records) {
      const problem = typeof id !== 'string' || !id ? 'no id' : seen.has(id) ? 'the id appears twice'
        : taken.has(id) ? 'a record with this id already exists' : this.metadata.checkFields(entity, fields);
      if (problem) return refused('REL-BAD', `record ${JSON.stringify(id === undefined ? null : id)}: ${problem}`, entity);
      seen.add(id);
    }
    await this.server.load(entity, records, revs);
    return records.length;
  }

  set_conflict_detection({ enabled }) {
    this.server.conflictDetection = Boolean(enabled);
    return null;
  }

  // -- simulated time and network --------------------------------------------------------------------
  now() {
    return this.clock.iso();
  }

  /** Move the clock, running each device's cycle at the moment it falls due (SYN-1). */
  async advance_clock({ seconds }) {
    if (!(seconds >= 0)) throw new RangeError(`the clock cannot go back (${seconds} s)`);
    const until = this.clock.seconds + seconds;
    const reports = [];
    for (;;) {
      const due = this.nextDue(until);
      if (!due) break;
      this.clock.advanceTo(due.at);
      const every = schedule.intervals(this.profiles, due.user);
      const device = this.devices.get(due.user);
      const entities = schedule.dueNow(device.state, every, this.clock.seconds);
      reports.push(await this.complete(this.cycle(device, entities)));
    }
    this.clock.advanceTo(until);
    return reports;
  }

  nextDue(until) {
    let best = null;
    for (const user of [...this.devices.keys()].sort()) {
      const device = this.devices.get(user);
      const at = schedule.nextCycle(device.state, schedule.intervals(this.profiles, user));
      if (device.online && !this.cycles.has(user) && at !== null && at <= until && (!best || at < best.at)) best = { at, user };
    }
    return best;
  }

  set_network({ user, conditions }) {
    if (!(conditions.latency_ms >= 0) || !(conditions.bandwidth_kbps > 0)) return refused('REL-BAD', `impossible network ${JSON.stringify(conditions)}`);
    this.links.set(user, { latency_ms: conditions.latency_ms, bandwidth_kbps: conditions.bandwidth_kbps });
    return null;
  }

  inject_fault({ user, point }) {
    if (!FAULT_POINTS.includes(point)) return refused('REL-BAD', `unknown fault point ${JSON.stringify(point)} (known: ${FAULT_POINTS.join(', ')})`);
    this.faults.set(user, point);
    return null;
  }

  // -- a user's device -----------------------------------------------------------------------------
  /** The user's device, opened on first use (empty until it syncs), or a refusal for an unknown user. */
  async device(user) {
    if (!this.security.isUser(user)) return refused('REL-BAD', `unknown user ${JSON.stringify(user)}`);
    if (!this.devices.has(user)) {
      const device = new Device(PouchDB, `${this.prefix}device-${user}`, user, this);
      await device.open();
      this.devices.set(user, device);
    }
    return this.devices.get(user);
  }

  async setOnline(user, online) {
    const device = await this.device(user);
    if (!(device instanceof Device)) return device;
    device.online = online;
    return null;
  }

  go_offline({ user }) {
    return this.setOnline(user, false);
  }

  go_online({ user }) {
    return this.setOnline(user, true);
  }

  async run_command({ user, entity, command, record_id = null, fields = null }) {
    if (!COMMANDS.includes(command)) return refused('REL-BAD', `unknown command ${JSON.stringify(command)} (known: ${COMMANDS.join(', ')})`, entity);
    const device = await this.device(user);
    if (!(device instanceof Device)) return device;
    if (!device.online || this.cycles.has(user)) return device.runOffline(entity, command, record_id, { ...(fields || {}) });
    return this.runOnline(user, entity, command, record_id, { ...(fields || {}) });
  }

  /** Online, a command runs against the server with the user's privileges now. */
  async runOnline(user, entity, command, recordId, fields) {
    if (!this.metadata.entities.has(entity)) return refused('REL-BAD', `unknown entity ${JSON.stringify(entity)}`, entity);
    const planned = await this.adminPlanner().plan(entity, command, recordId, fields);
    if (!Array.isArray(planned)) return planned;
    for (const change of planned) {
      const current = change.action === 'create' ? null : await this.server.record(change.entity, change.recordId);
      const problem = this.server.validate(user, change.action, change.entity, current, change.fields, false, change.recordId);
      if (problem) return refused('SEC-2', problem.message, entity);
    }
    for (const change of planned) await this.server.write(change, user);
    const subject = command === 'create' ? planned[0].recordId : recordId;
    const created = planned.filter((c) => c.action === 'create' && c.recordId !== subject)
      .map((c) => ({ $type: 'RecordRef', entity: c.entity, id: c.recordId }));
    const record = ['read', 'refresh'].includes(command) ? await this.server.record(entity, subject) : null;
    if (record && !this.security.allows(user, 'read', entity, this.metadata.ownership(entity), record)) {
      return refused('SEC-4', `${user} may not read this ${entity}`, entity);
    }
    const shown = record && Object.fromEntries(Object.entries(record).filter(([f]) => this.security.mayReadField(user, entity, f, false, subject)));
    return { $type: 'CommandResult', entity, record_id: subject, created, record: shown };
  }

  async command_bar({ user, entity }) {
    const device = await this.device(user);
    if (!(device instanceof Device)) return device;
    const meta = this.metadata.entities.get(entity);
    if (!meta) return refused('REL-BAD', `unknown entity ${JSON.stringify(entity)}`, entity);
    const row = tableRow(entity, meta.custom);
    const commands = row ? [...row.commands] : [];
    if (device.online) return [...[...new Set([...CRUD, ...commands])].sort(), ...(this.metadata.ribbonButtons.get(entity) || [])];
    return commands.sort();
  }

  async press_ribbon_button({ user, entity, label }) {
    const device = await this.device(user);
    if (!(device instanceof Device)) return device;
    if (!(this.metadata.ribbonButtons.get(entity) || []).includes(label)) {
      return refused('REL-BAD', `${entity} has no ribbon button ${JSON.stringify(label)}`, entity);
    }
    if (!device.online) return refused('RIB-01', `custom ribbon button ${JSON.stringify(label)} on ${entity} is not available offline`, entity);
    return null;
  }

  // -- sync ---------------------------------------------------------------------------------------
  cycle(device, due = null) {
    const fault = this.faults.get(device.user) || null;
    this.faults.delete(device.user);
    return new Cycle({
      PouchDB, device, server: this.server, profiles: this.profiles, clock: this.clock,
      link: this.links.get(device.user) || WIFI, fault, due,
    });
  }

  async startable(user) {
    const device = await this.device(user);
    if (!(device instanceof Device)) return device;
    if (!device.online) return refused('SYN-1', `${user}'s device is offline: sync waits for a connection`);
    if (this.cycles.has(user)) return refused('SYN-3', `a sync cycle is already running on ${user}'s device`);
    return device;
  }

  async complete(cycle) {
    const report = await cycle.run();
    this.clock.advance(report.duration_seconds);
    return report;
  }

  async sync({ user }) {
    const device = await this.startable(user);
    return device instanceof Device ? this.complete(this.cycle(device)) : device;
  }

  async begin_sync({ user }) {
    const device = await this.startable(user);
    if (!(device instanceof Device)) return device;
    const cycle = this.cycle(device);
    try {
      await cycle.begin();
    } catch (error) {
      if (!(error instanceof DroppedConnection)) throw error;
      this.clock.advance(cycle.report(false).duration_seconds);
      return refused('REL-FAULT', `the connection dropped at ${cycle.fault}: the cycle stopped`);
    }
    this.cycles.set(user, cycle);
    return null;
  }

  async finish_sync({ user }) {
    const cycle = this.cycles.get(user);
    if (!cycle) return refused('REL-BAD', `${user} has no sync cycle in progress`);
    this.cycles.delete(user);
    const report = await cycle.finish();
    this.clock.advance(report.duration_seconds);
    return report;
  }

  /** Close the app and open it again: the device's database and the app's saved state are all it keeps; a
   * cycle under way dies with the app (finish_sync is refused; the next cycle does what is left). */
  async restart_app({ user }) {
    const device = await this.device(user);
    if (!(device instanceof Device)) return device;
    const online = device.online;
    this.cycles.delete(user);
    await device.close();
    const reopened = new Device(PouchDB, device.name, user, this);
    await reopened.open();
    reopened.online = online;
    this.devices.set(user, reopened);
    return null;
  }

  async device_records({ user, entity }) {
    const device = this.devices.get(user);
    return device ? device.records(entity) : [];
  }

  async device_record({ user, entity, record_id }) {
    const device = this.devices.get(user);
    return device ? device.record(entity, record_id) : null;
  }

  pending_changes({ user }) {
    const device = this.devices.get(user);
    return device ? device.pending() : [];
  }

  async sync_errors({ user }) {
    const device = this.devices.get(user);
    return device ? device.syncErrors() : [];
  }

  async retry_sync_error({ user, error_id }) {
    const device = this.devices.get(user);
    if (!device || !(await device.retry(error_id))) return refused('REL-ERR', `${user} has no sync error ${JSON.stringify(error_id)} to retry`);
    return null;
  }
}

for (const [capability, methods] of Object.entries(UNSUPPORTED)) {
  for (const method of methods) {
    Backend.prototype[method] = function unsupported() {
      throw new Unsupported(capability, `pouchdb-backend does not implement ${method}()`);
    };
  }
}

module.exports = { Backend, Unsupported, PouchDB, PROTOCOL_VERSION, CAPABILITIES };
