'use strict';
/** A user's device: its own PouchDB database, the queue of changes it has not pushed, and offline commands.
 *
 * The queue is the device's unpushed revisions: each offline change writes a new revision to the device's
 * database and notes it in the outbox (`_local/app`, which never replicates) with its sequence number. The
 * app shows a record as its latest unpushed revision if it has one (a revision pulled meanwhile does not
 * overwrite the user's pending change), else as PouchDB's winning revision. Records that left the user's
 * scope are evicted from view (PouchDB's memory adapter has no purge) until a newer revision comes down. A
 * retried sync error whose record the device no longer shows is noted without a revision; the push hands it to
 * the server, which judges it by the record it holds under that id. */

const { tableRow, NOT_OFFLINE_CLAIM } = require('./catalog');
const { Planner, refused } = require('./commands');
const { SecurityModel } = require('./security');
const { view, body } = require('./server');
const { ACTIVITY_TYPES } = require('./metadata');

const STATE_ID = '_local/app';
const LOOKUP_LIMIT = 'lookup targets must be offline-enabled';
const ACCESS_OF_COMMAND = { read: 'read', refresh: 'read', create: 'create', delete: 'delete' };

function freshState() {
  return {
    nextSeq: 1, idsMade: 0, outbox: [], acked: [], tokens: {}, security: null, offlineEntities: [],
    profilesKey: null, attempted: {}, lastCycle: null, metadataSyncedAt: null, hidden: {},
  };
}

class Device {
  constructor(PouchDB, name, user, { metadata, clock }) {
    this.PouchDB = PouchDB;
    this.name = name;
    this.user = user;
    this.metadata = metadata;
    this.clock = clock;
    this.online = true;
  }

  /** Open the device's database and read back the app's state (a restart reads what was saved). */
  async open() {
    this.db = new this.PouchDB(this.name, { adapter: 'memory' });
    const saved = await this.db.get(STATE_ID).catch((error) => (error.status === 404 ? null : Promise.reject(error)));
    this.stateRev = saved ? saved._rev : undefined;
    this.state = saved ? saved.state : freshState();
  }

  /** Write the app's state to the device's database. */
  async save() {
    const written = await this.db.put({ _id: STATE_ID, _rev: this.stateRev, state: this.state });
    this.stateRev = written.rev;
  }

  async close() {
    await this.db.close();
  }

  async destroy() {
    await this.db.destroy();
  }

  get security() {
    return this.state.security ? new SecurityModel(this.state.security) : null;
  }

  newId() {
    this.state.idsMade += 1;
    return `${this.user}-${String(this.state.idsMade).padStart(6, '0')}`;
  }

  // -- what the app shows -------------------------------------------------------------------------
  /** Whether the app shows a record document as a record of `entity`: its own entity when that is offline,
   * an activity as an Activity Pointer when Activity Pointer is offline. */
  shows(doc, entity) {
    if (!doc || doc.kind !== 'record' || !this.state.offlineEntities.includes(entity)) return false;
    return doc.entity === entity || (entity === 'activitypointer' && ACTIVITY_TYPES.includes(doc.entity));
  }

  pendingRev(id) {
    const entries = this.state.outbox.filter((entry) => entry.record_id === id && entry.rev);
    return entries.length ? entries[entries.length - 1].rev : null;
  }

  /** The document the app shows under `id` (null if deleted, evicted or never held). */
  async visible(id) {
    const pending = this.pendingRev(id);
    if (pending) {
      const doc = await this.db.get(id, { rev: pending });
      return doc._deleted ? null : doc;
    }
    const doc = await this.db.get(id).catch((error) => (error.status === 404 ? null : Promise.reject(error)));
    return doc && this.state.hidden[id] !== doc._rev ? doc : null;
  }

  /** A record of `entity` on the device, or null. */
  async record(entity, id) {
    const doc = await this.visible(id);
    return this.shows(doc, entity) ? view(doc, entity) : null;
  }

  /** Every record document the app shows: the pending revision of a record with queued changes, else the
   * winning revision of a record not evicted. */
  async visibleDocs() {
    const pending = new Set(this.state.outbox.map((entry) => entry.record_id));
    const { rows } = await this.db.allDocs({ include_docs: true });
    const docs = rows.filter((row) => !pending.has(row.id) && row.doc.kind === 'record' && this.state.hidden[row.id] !== row.value.rev)
      .map((row) => row.doc);
    for (const id of pending) {
      const doc = await this.visible(id);
      if (doc) docs.push(doc);
    }
    return docs;
  }

  /** Every record of `entity` on the device, ordered by id. */
  async records(entity) {
    return (await this.visibleDocs()).filter((doc) => this.shows(doc, entity)).map((doc) => view(doc, entity))
      .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  }

  /** The sync errors the user sees, oldest first. */
  async syncErrors() {
    const { rows } = await this.db.allDocs({ include_docs: true, startkey: 'syncerror:', endkey: 'syncerror:\uffff' });
    return rows.map((row) => row.doc).filter((doc) => doc.user === this.user).map((doc) => ({
      $type: 'SyncError', id: doc.id, time: doc.time, entity: doc.entity, record_id: doc.record_id,
      action: doc.action, type: doc.type, message: doc.message,
    }));
  }

  /** The upload queue as the seam shows it. */
  pending() {
    return this.state.outbox.map((e) => ({
      $type: 'QueuedChange', seq: e.seq, entity: e.entity, record_id: e.record_id, action: e.action, fields: structuredClone(e.fields),
    }));
  }

  // -- local writes -------------------------------------------------------------------------------
  /** Write one change as a new revision on the device and queue it (numbered) for the next push; a change of a
   * record the device no longer shows (a retried sync error) is queued without a revision, for the server to judge. */
  async apply(change) {
    const now = this.clock.iso();
    let doc = null;
    if (change.action === 'create') {
      const { rows } = await this.db.allDocs({ keys: [change.recordId] });
      const previous = rows[0] && rows[0].value ? rows[0].value.rev : undefined;
      const record = { id: change.recordId, ownerid: this.user, createdon: now, modifiedon: now, statecode: 'open', ...change.fields };
      doc = { _id: change.recordId, _rev: previous, kind: 'record', entity: change.entity, record };
    } else {
      const current = await this.visible(change.recordId);
      if (current && change.action === 'update') {
        doc = { ...body(current), _rev: current._rev, record: { ...current.record, ...change.fields, modifiedon: now } };
      } else if (current) {
        doc = { ...body(current), _rev: current._rev, _deleted: true };
      }
    }
    const written = doc ? await this.db.put(doc) : { rev: null };
    this.state.outbox.push({
      seq: this.state.nextSeq, entity: change.entity, record_id: change.recordId, action: change.action,
      fields: structuredClone(change.fields), rev: written.rev,
    });
    this.state.nextSeq += 1;
  }

  /** Run a command on the device alone: the table, the profile and the privileges of the last sync decide. */
  async runOffline(entity, command, recordId, fields) {
    const meta = this.metadata.entities.get(entity);
    if (!meta) return refused('REL-BAD', `unknown entity ${JSON.stringify(entity)}`, entity);
    const row = tableRow(entity, meta.custom);
    if (!row) {
      return refused(NOT_OFFLINE_CLAIM, `${command} on ${entity}: ${entity} is not available offline (not in the page's entity table)`,
        entity, "the page's entity table");
    }
    if (!row.commands.has(command)) {
      const allowed = [...row.commands].sort().join(', ');
      return refused(row.claim, `${command} is not available offline on ${row.label} (${entity}); offline it allows ${allowed}`, entity, allowed);
    }
    if (!this.state.offlineEntities.includes(entity)) return refused(row.claim, `${entity} is not in ${this.user}'s offline profile`, entity);
    const denied = (await this.checkPrivilege(entity, command, recordId, fields)) || (await this.checkLookups(entity, fields));
    if (denied) return denied;
    const planner = new Planner(this.metadata, (e, id) => this.record(e, id), () => this.newId());
    const planned = await planner.plan(entity, command, recordId, fields);
    if (!Array.isArray(planned)) return planned;
    for (const change of planned) {
      const forbidden = await this.changeRefusal(change);
      if (forbidden) return forbidden;
    }
    for (const change of planned) await this.apply(change);
    await this.save();
    const subject = command === 'create' ? planned[0].recordId : recordId;
    const created = planned.filter((c) => c.action === 'create' && c.recordId !== subject)
      .map((c) => ({ $type: 'RecordRef', entity: c.entity, id: c.recordId }));
    const record = ['read', 'refresh'].includes(command) ? await this.record(entity, subject) : null;
    return { $type: 'CommandResult', entity, record_id: subject, created, record };
  }

  async checkPrivilege(entity, command, recordId, fields) {
    const security = this.security;
    const ownership = this.metadata.ownership(entity);
    const access = ACCESS_OF_COMMAND[command] || 'write';
    let allowed;
    if (command === 'create') {
      allowed = Boolean(security) && security.mayCreate(this.user, entity, ownership);
    } else {
      const record = recordId ? await this.record(entity, recordId) : null;
      if (!record) return refused('REL-BAD', `no ${entity} record with id ${JSON.stringify(recordId)} on this device`, entity);
      allowed = Boolean(security) && security.allows(this.user, access, entity, ownership, record);
    }
    if (!allowed) {
      return refused('SEC-1', `${command} on ${entity}: ${this.user} may not ${access} ${entity} records (privileges of the last sync)`, entity);
    }
    const secured = Object.keys(fields).filter((name) => !security.mayWriteField(this.user, entity, name, true));
    if (!secured.length) return null;
    return refused('SEC-5', `${entity}.${secured[0]} is secured by field-level security: not writable offline`, entity);
  }

  /** Why the privileges of the last sync forbid one planned change: a command may make or change other records
   * than its own (qualify makes an account, a contact and an opportunity), and each needs its own right (SEC-1). */
  async changeRefusal({ action, entity, recordId }) {
    const access = { create: 'create', delete: 'delete', associate: 'append', disassociate: 'append' }[action] || 'write';
    const record = action === 'create' ? { ownerid: this.user } : await this.record(entity, recordId);
    const security = this.security;
    if (record && security && security.allows(this.user, access, entity, this.metadata.ownership(entity), record)) return null;
    return refused('SEC-1', `${this.user} may not ${access} ${entity} records (privileges as of the last sync)`, entity);
  }

  /** Offline, a lookup can be set only to a record on the device, of an offline entity (CAP-LK). */
  async checkLookups(entity, fields) {
    const attributes = this.metadata.entities.get(entity).attributes;
    for (const [name, value] of Object.entries(fields)) {
      const attribute = attributes.get(name);
      if (!attribute || attribute.type !== 'lookup' || !value || typeof value !== 'object') continue;
      if (typeof value.entity !== 'string' || typeof value.id !== 'string') continue;
      if (attribute.target && value.entity !== attribute.target) continue; // malformed: the planner's value check refuses it (REL-BAD)
      if (!this.state.offlineEntities.includes(value.entity)) {
        return refused('CAP-LK', `${entity}.${name} looks up ${value.entity}, which is not available offline for ${this.user}`,
          value.entity, LOOKUP_LIMIT);
      }
      if (!(await this.record(value.entity, value.id))) {
        return refused('CAP-LK', `${entity}.${name}: no ${value.entity} record ${JSON.stringify(value.id)} on ${this.user}'s device`,
          value.entity, LOOKUP_LIMIT);
      }
    }
    return null;
  }

  /** Queue a rejected change again, redoing its local effect; false if there is no such error. */
  async retry(errorId) {
    const { rows } = await this.db.allDocs({ include_docs: true, startkey: 'syncerror:', endkey: 'syncerror:\uffff' });
    const found = rows.map((row) => row.doc).find((doc) => doc.id === errorId && doc.user === this.user);
    if (!found) return false;
    const { action, entity, recordId, fields } = found.change;
    await this.apply({ action, entity, recordId, fields });
    await this.db.put({ ...found, _deleted: true });
    this.state.acked.push(found._id);
    await this.save();
    return true;
  }

  /** Ids of the documents the next push carries: records with queued changes, and retried sync errors. */
  pushing() {
    return new Set([...this.state.outbox.map((e) => e.record_id), ...this.state.acked]);
  }

  /** The queued changes among `carried` that have no revision to push (their record was gone from the device). */
  unrevised(carried) {
    return this.state.outbox.filter((entry) => !entry.rev && carried.has(entry.record_id));
  }

  /** After a push the server confirmed: nothing of it waits any more. */
  async pushed(carried) {
    this.state.outbox = this.state.outbox.filter((e) => !carried.has(e.record_id));
    this.state.acked = this.state.acked.filter((id) => !carried.has(id));
  }

  /** Stop showing a record that left the user's scope (kept only while a change of it waits). */
  async evict(id) {
    if (this.pendingRev(id)) return false;
    const doc = await this.db.get(id).catch((error) => (error.status === 404 ? null : Promise.reject(error)));
    if (!doc || this.state.hidden[id] === doc._rev) return false;
    this.state.hidden[id] = doc._rev;
    return true;
  }

  /** Show again a record the server lists as in scope. */
  unhide(id) {
    delete this.state.hidden[id];
  }
}

module.exports = { Device };
